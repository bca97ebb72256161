"""``open_dataset``: the one way read commands get the graph to query, draw or export.

A graph file if one is given, else a SPARQL endpoint if one is given, else the on-disk store
(``output/store`` by default). Every source is answered by Oxigraph's SPARQL engine (the file is
loaded into an in-memory Oxigraph store), so a query behaves the same on all three, and the
default graph holds every triple of the articles' named graphs (the store keeps it as a set and
a file's graphs are copied into it as a set; a server may answer with the union of its graphs,
where a triple stated by several articles repeats: use DISTINCT).
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset

from kgraph.errors import InputError, UsageError
from kgraph.rdf.article_graph import DERIVED_FACTS_UPDATE
from kgraph.rdf.conflicts import conflict_marks_update
from kgraph.rdf.vocab import bind_prefixes
from kgraph.store.local import DEFAULT_STORE, StoreReader, open_reader

__all__ = ["open_dataset", "load_graph_file"]

_EXTENSIONS = {"ttl": "ttl", "turtle": "ttl", "nt": "nt", "nq": "nq", "trig": "trig", "n3": "n3",
               "rdf": "rdf", "xml": "rdf", "owl": "rdf", "jsonld": "jsonld", "json": "jsonld"}


def load_graph_file(path: Path) -> ox.Store:
    """An in-memory Oxigraph store holding the RDF file ``path`` (format from its extension).

    Raises
    ------
    UsageError
        ``path`` does not exist or its extension is not an RDF format.
    InputError
        The file cannot be read or parsed (the message gives the parser's line and column).
    """
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"{path}: no such graph file")
    extension = _EXTENSIONS.get(path.suffix.lower().lstrip("."))
    if extension is None:
        raise UsageError(f"{path}: unknown RDF format {path.suffix!r} "
                         f"(use one of {', '.join('.' + e for e in sorted(set(_EXTENSIONS)))})")
    store = ox.Store()
    try:
        store.load(path=str(path), format=ox.RdfFormat.from_extension(extension))
    except SyntaxError as error:
        raise InputError(path, f"not valid RDF: {error.msg if hasattr(error, 'msg') else error}") from None
    except (OSError, ValueError) as error:
        raise InputError(path, f"cannot be read: {error}") from None
    return store


class _ReaderStore(OxigraphStore):
    """oxrdflib's store over a read-only store folder; closing it releases the folder's lock."""

    def __init__(self, reader: StoreReader) -> None:
        super().__init__(store=reader.oxigraph)
        self._reader = reader

    def close(self, commit_pending_transaction: bool = False) -> None:
        self._reader.close()
        super().close(commit_pending_transaction)


def open_dataset(graph: Path | None = None, store: Path | None = None,
                 endpoint: str | None = None, *, timeout: float | None = None) -> Dataset:
    """The dataset a read command works on: graph file, else endpoint, else the store.

    Parameters
    ----------
    graph : Path, optional
        An RDF file (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD), loaded in memory.
    store : Path, optional
        A kgraph store folder (default ``output/store``), opened read-only.
    endpoint : str, optional
        The base URL of a SPARQL 1.1 server (e.g. ``http://127.0.0.1:7878``).
    timeout : float, optional
        Seconds each request to ``endpoint`` may take (0: no limit; default
        ``kgraph.store.endpoint.DEFAULT_TIMEOUT``).

    Returns
    -------
    rdflib.Dataset
        Its default graph holds every triple of every graph. Pass query strings (not prepared
        queries) to ``Dataset.query``: Oxigraph parses them itself. A store stays locked
        against writers until ``dataset.close()`` or the end of the process.

    Raises
    ------
    UsageError, InputError
        The graph file is missing or unreadable.
    StoreError
        The store folder is missing, empty or not a kgraph store.
    StoreLockedError
        An ingest is writing to the store.
    EndpointError
        The endpoint does not answer.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "g.ttl"
    >>> _ = path.write_text("<https://x.org/a> <https://x.org/knows> <https://x.org/b> .")
    >>> ds = open_dataset(graph=path)
    >>> len(list(ds.query("SELECT ?s WHERE { ?s ?p ?o }")))
    1
    """
    if graph is not None:
        loaded = load_graph_file(graph)
        # the union of the file's graphs as a set, like the store's default graph, so a query
        # counts the same on both (Oxigraph's own union repeats an entity's triples once per
        # article); on 500 articles the ready queries are as fast or up to 1.4x faster on it
        loaded.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        loaded.update(DERIVED_FACTS_UPDATE)  # a file from an older kgraph lacks claim counts...
        loaded.update(conflict_marks_update(into="default"))  # ... and conflict marks
        backend: OxigraphStore = OxigraphStore(store=loaded)
        union = False
    elif endpoint is not None:
        from kgraph.store.endpoint import endpoint_dataset  # requests (0.1-0.2 s) only for a server

        return endpoint_dataset(endpoint, **({} if timeout is None else {"timeout": timeout}))
    else:
        reader = open_reader(Path(store) if store is not None else DEFAULT_STORE)
        backend, union = _ReaderStore(reader), reader.union
    dataset = Dataset(store=backend, default_union=union)
    bind_prefixes(dataset)
    return dataset
