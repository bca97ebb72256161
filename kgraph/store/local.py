"""The on-disk store: an Oxigraph database holding one named graph per article.

A store is a folder with a marker file (``kgraph-store.json``), the Oxigraph data
(``oxigraph/``) and a reader/writer lock (``kgraph.lock``). One process writes at a time, and
only while nobody reads: a second writer, or a reader during an ingest, gets
:class:`~kgraph.errors.StoreLockedError` (Oxigraph's read-only mode is unsafe beside a writer).
Readers share the lock and open the data read-only.

Every article is written in one Oxigraph transaction (a SPARQL update that drops the article's
old graph and inserts the new one), so a process killed mid-batch leaves only whole articles.

The same update keeps the default graph equal to the set union of the articles' graphs (a
triple leaves it when no article states it any more). Queries run on that default graph:
Oxigraph's own union of named graphs repeats a triple once per article stating it, which
multiplies joins on popular entities (15x slower at 1,000 articles).

Format 3 adds the facts :mod:`kgraph.rdf.article_graph` derives per article (``kg:claimCount``, claim
statement nodes); a writer opening a format 1 or 2 store adds them to its articles
(:data:`~kgraph.rdf.article_graph.DERIVED_FACTS_UPDATE`). Format 4 adds conflict candidates: each
article is written with the marks of its claims that stored claims contradict
(:mod:`kgraph.rdf.conflicts`), and a writer opening a format 1-3 store marks all its conflicts.
Readers read every format; on an older one the publisher breakdown's claim counts and the
conflicts list miss the articles that lack those facts until a writer has opened it once.
"""
from __future__ import annotations

import gc
import json
import os
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import pyoxigraph as ox
from filelock import ReadWriteLock, Timeout

from kgraph.errors import StoreError, StoreLockedError
from kgraph.store import DEFAULT_STORE

__all__ = [
    "DEFAULT_STORE",
    "MARKER",
    "ArticleRecord",
    "LocalStore",
    "check_store",
    "open_reader",
    "StoreReader",
    "INDEX_QUERY",
    "insert_update",
    "remove_update",
    "delete_unshared_update",
    "insert_default_update",
    "UNION_TO_DEFAULT_UPDATE",
    "STORE_FORMAT",
]

MARKER = "kgraph-store.json"
_DATA = "oxigraph"
_LOCK = "kgraph.lock"
_KIND = "kgraph-store"
_VERSION = 4  # 1: named graphs only (read as their union); 2: no derived facts; 3: no conflict marks;
# a writer upgrades them all
STORE_FORMAT = _VERSION
"""The format a writer leaves a store in; readers read 1 to this, older ones missing derived facts."""

UNION_TO_DEFAULT_UPDATE = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
"""Copy every named graph's triples into the default graph (which keeps each triple once)."""

INDEX_QUERY = """
SELECT ?g ?hash ?url WHERE {
  GRAPH ?g { ?g <https://kgraph.dev/ns#contentHash> ?hash .
             OPTIONAL { ?g <https://schema.org/url> ?url } }
}"""


@dataclass(frozen=True)
class ArticleRecord:
    """One article already in a store: its graph IRI, content hash and URL (if any)."""

    iri: str
    content_hash: str
    url: str | None = None


def _write_marker(path: Path, version: int) -> None:
    tmp = path / f".{MARKER}.tmp"
    tmp.write_text(json.dumps({"format": _KIND, "version": version}), encoding="utf-8")
    os.replace(tmp, path / MARKER)


def check_store(path: Path, *, create: bool) -> int:
    """The store format version of ``path``; with ``create``, make an empty or missing folder a store.

    Parameters
    ----------
    path : Path
        The store folder.
    create : bool
        Turn a missing or empty folder into a store (writers); readers pass False.

    Returns
    -------
    int
        The format version (1 to 4), or 0 if ``path`` is missing or empty and ``create`` is False.

    Raises
    ------
    StoreError
        ``path`` is a file, a folder holding other things, or has an unreadable marker.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> check_store(folder, create=False), check_store(folder, create=True)
    (0, 4)
    """
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path} is not a kgraph store: it is a file")
    marker = path / MARKER
    if marker.is_file():
        try:
            info = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise StoreError(f"{path} is not a kgraph store: {MARKER} cannot be read ({error})") from None
        if not isinstance(info, dict) or info.get("format") != _KIND:
            raise StoreError(f"{path} is not a kgraph store: {MARKER} is not a kgraph marker")
        if info.get("version") not in range(1, _VERSION + 1):
            raise StoreError(f"{path}: store format version {info.get('version')} is not supported "
                             f"(this kgraph reads versions 1 to {_VERSION})")
        return int(info["version"])
    if path.is_dir() and any(path.iterdir()):
        raise StoreError(f"{path} is not a kgraph store (no {MARKER}); "
                         "give an empty or new folder to --store")
    if not create:
        return 0
    try:
        path.mkdir(parents=True, exist_ok=True)
        _write_marker(path, _VERSION)
    except OSError as error:
        raise StoreError(f"store {path} cannot be created: {error.strerror or error}") from None
    return _VERSION


def _lock(path: Path, *, write: bool) -> ReadWriteLock:
    """Take the store's lock without waiting: exclusive to write, shared to read."""
    lock = ReadWriteLock(str(path / _LOCK), is_singleton=False)
    try:
        try:
            (lock.acquire_write if write else lock.acquire_read)(blocking=False)
        except Timeout:
            # A dataset this process no longer references may still hold a shared lock until
            # the garbage collector frees it (rdflib graphs form reference cycles).
            gc.collect()
            (lock.acquire_write if write else lock.acquire_read)(blocking=False)
    except Timeout:
        lock.close()
        raise StoreLockedError(f"store {path} is in use by another kgraph process") from None
    except (OSError, ValueError) as error:
        lock.close()
        raise StoreError(f"store {path} cannot be locked: {error}") from None
    return lock


class StoreReader:
    """A store opened read-only: ``oxigraph`` holds the data, the shared lock is held till close.

    ``union`` is True for a format-1 store, whose queries need the union of the named graphs.

    Raises
    ------
    StoreError
        ``path`` is missing, empty, not a store, or its data cannot be opened.
    StoreLockedError
        An ingest is writing to the store.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        version = check_store(self.path, create=False)
        if not version:
            raise StoreError(f"no kgraph store at {self.path}: run `kgraph ingest` first or give --graph FILE")
        self.union = version == 1
        self._lock: ReadWriteLock | None = _lock(self.path, write=False)
        data = self.path / _DATA
        try:
            self.oxigraph = ox.Store.read_only(str(data)) if data.is_dir() else ox.Store()
        except (OSError, RuntimeError) as error:
            self.close()
            raise StoreError(f"store {self.path} cannot be opened: {error}") from None

    def close(self) -> None:
        """Release the shared lock (safe to call twice)."""
        if self._lock is not None:
            self._lock.close()
            self._lock = None


def open_reader(path: Path) -> StoreReader:
    """The store at ``path`` opened read-only (see :class:`StoreReader`)."""
    return StoreReader(path)


def delete_unshared_update(iri: str) -> str:
    """A SPARQL update deleting from the default graph the triples that named graph ``iri``
    states and no other named graph does (the graph itself is left as it is).

    Examples
    --------
    >>> print(delete_unshared_update("http://x/g"))
    DELETE { ?s ?p ?o } WHERE { GRAPH <http://x/g> { ?s ?p ?o }
      FILTER NOT EXISTS { GRAPH ?other { ?s ?p ?o } FILTER (?other != <http://x/g>) } }
    """
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }}\n"
            f"  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != <{iri}>) }} }}")


def remove_update(iri: str) -> str:
    """A SPARQL update removing named graph ``iri`` and, from the default graph, the triples
    that no other named graph states.

    Examples
    --------
    >>> print(remove_update("http://x/g"))
    DELETE { ?s ?p ?o } WHERE { GRAPH <http://x/g> { ?s ?p ?o }
      FILTER NOT EXISTS { GRAPH ?other { ?s ?p ?o } FILTER (?other != <http://x/g>) } } ;
    DROP SILENT GRAPH <http://x/g>
    """
    return f"{delete_unshared_update(iri)} ;\nDROP SILENT GRAPH <{iri}>"


def insert_default_update(ntriples: str) -> str:
    """A SPARQL update adding the N-Triples ``ntriples`` to the default graph.

    >>> print(insert_default_update("<http://x/a> <http://x/p> <http://x/b> .\\n"))
    INSERT DATA {
    <http://x/a> <http://x/p> <http://x/b> .
    }
    """
    return f"INSERT DATA {{\n{ntriples.strip()}\n}}"


def insert_update(iri: str, ntriples: str) -> str:
    """A SPARQL update that replaces named graph ``iri`` by the N-Triples ``ntriples`` and adds
    them to the default graph (after :func:`remove_update` of the old graph).

    Examples
    --------
    >>> update = insert_update("http://x/g", "<http://x/a> <http://x/p> <http://x/b> .")
    >>> print(update[update.index("INSERT DATA"):])
    INSERT DATA { GRAPH <http://x/g> {
    <http://x/a> <http://x/p> <http://x/b> .
    } } ;
    INSERT DATA {
    <http://x/a> <http://x/p> <http://x/b> .
    }
    """
    body = ntriples.strip()
    return (f"{remove_update(iri)} ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{body}\n}} }} ;\n"
            f"{insert_default_update(body)}")


class LocalStore:
    """The writer of an on-disk store; use as a context manager (``with LocalStore(p) as s``).

    Opening takes the writer lock and, with ``create``, makes a missing or empty folder a store.

    Raises
    ------
    StoreLockedError
        Another process holds the writer lock.
    StoreError
        The folder is not a store or its data cannot be opened.
    """

    def __init__(self, path: Path = DEFAULT_STORE, *, create: bool = True) -> None:
        self.path = Path(path)
        version = check_store(self.path, create=create)
        if not version:
            raise StoreError(f"no kgraph store at {self.path}")
        self._lock = _lock(self.path, write=True)
        try:
            self._ox: ox.Store | None = ox.Store(str(self.path / _DATA))
        except (OSError, RuntimeError) as error:
            self._lock.close()
            raise StoreError(f"store {self.path} cannot be opened: {error}") from None
        if version == 1:  # upgrade: materialize the union of the named graphs as the default graph
            self._ox.update(UNION_TO_DEFAULT_UPDATE)
        if version < 3:  # and add what add_extraction derives now (claim counts, statements)
            from kgraph.rdf.article_graph import DERIVED_FACTS_UPDATE  # rdflib: only for an old store

            self._ox.update(DERIVED_FACTS_UPDATE)
        if version < _VERSION:  # and the conflict marks a writer now adds article by article
            from kgraph.rdf.conflicts import conflict_marks_update

            self._ox.update(conflict_marks_update(into="both"))
            _write_marker(self.path, _VERSION)

    def __enter__(self) -> LocalStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @property
    def oxigraph(self) -> ox.Store:
        """The open Oxigraph store (raises StoreError once closed)."""
        if self._ox is None:
            raise StoreError(f"store {self.path} is closed")
        return self._ox

    def close(self) -> None:
        """Flush writes to disk and release the writer lock (safe to call twice)."""
        if self._ox is not None:
            try:
                self._ox.flush()
            finally:
                self._ox = None
                self._lock.close()

    def records(self) -> list[ArticleRecord]:
        """Every article in the store with its content hash and URL."""
        return [ArticleRecord(row["g"].value, row["hash"].value, row["url"].value if row["url"] else None)
                for row in self.oxigraph.query(INDEX_QUERY)]

    def put(self, iri: str, ntriples: str) -> None:
        """Replace named graph ``iri`` by the N-Triples ``ntriples`` in one transaction, with the
        conflict marks of its claims that stored claims contradict (:mod:`kgraph.rdf.conflicts`)."""
        from kgraph.rdf.conflicts import with_conflict_marks  # rdflib: writers only

        try:
            ntriples = with_conflict_marks(ntriples, self._ask_marks)
            self.oxigraph.update(insert_update(iri, ntriples))
        except (OSError, SyntaxError, ValueError) as error:
            raise StoreError(f"store {self.path}: article {iri} cannot be written: {error}") from None

    def _ask_marks(self, query: str) -> list[tuple[str, str]]:
        return [(row[0].value, row[1].value) for row in self.oxigraph.query(query)]

    def remove_graph(self, iri: str) -> None:
        """Remove the named graph ``iri`` (and its triples no other article states)."""
        self.oxigraph.update(remove_update(iri))

    def graph_names(self) -> list[str]:
        """The IRIs of every named graph (one per article)."""
        return [node.value for node in self.oxigraph.named_graphs() if isinstance(node, ox.NamedNode)]

    def count(self) -> int:
        """The number of quads in the store."""
        row = next(iter(self.oxigraph.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")))
        return int(row[0].value)
