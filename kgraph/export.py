"""Write the graph for other tools: RDF serializations, GraphML for Gephi, CSV of claims.

Turtle and N-Triples hold the union of the articles' named graphs; TriG, N-Quads and JSON-LD
keep one named graph per article; GraphML is the networkx view of :mod:`kgraph.view.network` (one
node per entity, one edge per claim); CSV has one row per claim with its provenance.

>>> from kgraph.models import Article, Entity, Extraction, Relation
>>> from kgraph.rdf.article_graph import build_dataset
>>> ds = build_dataset([Extraction(Article(id="a", text="Acme fired Jo."),
...     (Entity("Acme", "Organization"), Entity("Jo", "Person")), (Relation("Acme", "fired", "Jo"),))])
>>> "kg:fired person:jo" in export_text(ds, "turtle")
True
>>> export_text(ds, "csv").splitlines()[1].split(",")[2:7]
['Acme', 'fired', 'https://kgraph.dev/id/person/jo', 'Jo', 'asserted']
"""
from __future__ import annotations

import csv
import io
from importlib import resources
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import XSD
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Node

from kgraph.errors import OutputError, UsageError
from kgraph.view.network import flat_attributes, to_networkx
from kgraph.query import oxigraph_store, parse_query, run_query
from kgraph.rdf.results import result_rows
from kgraph.rdf.vocab import PREFIXES, bind_prefixes

__all__ = ["EXPORT_FORMATS", "EXTENSIONS", "union_graph", "named_graphs", "export_text", "write_export"]

EXPORT_FORMATS: tuple[str, ...] = ("turtle", "nt", "trig", "nquads", "jsonld", "graphml", "csv")
EXTENSIONS: dict[str, str] = {"turtle": "ttl", "nt": "nt", "trig": "trig", "nquads": "nq",
                              "jsonld": "jsonld", "graphml": "graphml", "csv": "csv"}
"""The usual file extension of each export format."""

_OXIGRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
                     "nquads": ox.RdfFormat.N_QUADS}
_RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt", "trig": "trig", "nquads": "nquads",
                   "jsonld": "json-ld"}


def union_graph(dataset: Graph) -> Graph:
    """Every triple of ``dataset`` once, in one in-memory graph with kgraph's prefixes.

    In-memory rdflib data is copied directly; Oxigraph stores and endpoints answer one
    ``CONSTRUCT`` query with their own engine.
    """
    graph = Graph()
    bind_prefixes(graph)
    if isinstance(dataset.store, Memory) or not isinstance(dataset, Dataset):
        for triple in dataset.triples((None, None, None)):
            graph.add(triple)
        return graph
    for s, p, o in dataset.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph:  # type: ignore[union-attr]
        graph.add((s, p, _plain(o)))
    return graph


def named_graphs(dataset: Graph) -> Dataset:
    """An in-memory copy of ``dataset`` keeping its named graphs (one per article)."""
    copy = Dataset(default_union=True)
    bind_prefixes(copy)
    if not isinstance(dataset, Dataset):
        for triple in dataset.triples((None, None, None)):
            copy.add(triple)
        return copy
    if isinstance(dataset.store, Memory):
        for s, p, o, g in dataset.quads((None, None, None, None)):
            copy.graph(g.identifier if isinstance(g, Graph) else g).add((s, p, o))
        return copy
    result = dataset.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    for g, s, p, o in result:  # type: ignore[misc]
        copy.graph(g).add((s, p, _plain(o)))
    return copy


def _plain(node: Node) -> Node:
    """``"x"^^xsd:string`` as the simple literal ``"x"`` (the same RDF 1.1 term).

    oxrdflib hands back simple literals with an explicit ``xsd:string``, which rdflib treats as
    a different term; normalizing keeps exports of a store and of a file isomorphic.
    """
    if isinstance(node, Literal) and node.datatype == XSD.string:
        return Literal(str(node))
    return node


def _claims_csv(dataset: Graph) -> str:
    text = resources.files("kgraph.rdf").joinpath("claims.rq").read_text(encoding="utf-8")
    names, rows = result_rows(run_query(dataset, parse_query(text, "claims.rq")))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    writer.writerows([["" if v is None else str(v) for v in row] for row in rows])
    return buffer.getvalue()


def _graphml(dataset: Graph) -> str:
    buffer = io.BytesIO()
    nx.write_graphml(flat_attributes(to_networkx(dataset)), buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def _export_oxigraph(store: ox.Store, fmt: str) -> str:
    """Serialize with Oxigraph itself: about 20 times faster than through rdflib on big stores."""
    if fmt in ("turtle", "nt"):  # the union: each triple once, whichever article graphs hold it
        triples = dict.fromkeys(quad.triple for quad in store.quads_for_pattern(None, None, None, None))
        data = ox.serialize(triples, format=_OXIGRAPH_FORMATS[fmt], prefixes=PREFIXES)
    elif next(iter(store.named_graphs()), None) is not None:
        # the articles' graphs only: the default graph is their union, kept for queries
        quads = (quad for quad in store if not isinstance(quad.graph_name, ox.DefaultGraph))
        data = ox.serialize(quads, format=_OXIGRAPH_FORMATS[fmt], prefixes=PREFIXES)
    else:
        data = store.dump(format=_OXIGRAPH_FORMATS[fmt], prefixes=PREFIXES)
    return (data or b"").decode("utf-8")


def export_text(dataset: Graph, fmt: str) -> str:
    """The dataset serialized as ``fmt`` (one of :data:`EXPORT_FORMATS`).

    Raises
    ------
    UsageError
        ``fmt`` is not a known export format.
    """
    if fmt == "csv":
        return _claims_csv(dataset)
    if fmt == "graphml":
        return _graphml(dataset)
    if fmt not in _RDFLIB_FORMATS:
        raise UsageError(f"--format {fmt}: unknown export format (use one of {', '.join(EXPORT_FORMATS)})")
    native = oxigraph_store(dataset)
    if native is not None and fmt in _OXIGRAPH_FORMATS:
        return _export_oxigraph(native, fmt)
    if fmt in ("turtle", "nt"):
        return union_graph(dataset).serialize(format=_RDFLIB_FORMATS[fmt])
    copy = named_graphs(dataset)
    if fmt == "jsonld":
        context = {prefix: ns for prefix, ns in PREFIXES.items()}
        return copy.serialize(format="json-ld", context=context, auto_compact=True)
    return copy.serialize(format=_RDFLIB_FORMATS[fmt])


def write_export(dataset: Graph, fmt: str, out: Path) -> Path:
    """Write :func:`export_text` to ``out`` (parent folders created) and return the path.

    Raises
    ------
    OutputError
        ``out`` cannot be written.
    """
    text = export_text(dataset, fmt)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        raise OutputError(f"{out}: cannot be written ({error.strerror or error})") from None
    return out
