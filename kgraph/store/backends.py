"""The one place that knows which backend holds a dataset, and what each one does best.

A dataset is one of three things: an in-memory rdflib graph (``Graph`` or ``Dataset`` on
rdflib's ``Memory`` store, as :func:`kgraph.rdf.new_dataset` makes), an Oxigraph store behind
oxrdflib (a store folder or a loaded graph file, :func:`kgraph.store.open_dataset`), or a SPARQL
endpoint (:func:`kgraph.store.endpoint.endpoint_dataset`). Everything else in kgraph hands the
dataset to the functions here and never asks which one it holds:

- :func:`run_sparql` runs query text (Oxigraph directly, an endpoint with the bindings inlined,
  rdflib with its compiled query);
- :func:`union_graph` and :func:`named_graphs` copy the data into memory, every
  ``"x"^^xsd:string`` from Oxigraph made the simple literal ``"x"`` (:func:`plain_term`);
- :func:`serialize` writes an RDF format, with Oxigraph's own serializer where it can.

None of this imports oxrdflib or rdflib's SPARQL store: a dataset of that kind exists only once
its module is loaded, so the checks look in ``sys.modules``.

>>> from rdflib import Literal, URIRef
>>> g = Graph()
>>> _ = g.add((URIRef("https://x.org/a"), URIRef("https://x.org/name"), Literal("A")))
>>> len(union_graph(g)), oxigraph_store(g) is None
(1, True)
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, Variable
from rdflib.namespace import XSD
from rdflib.term import Node

from kgraph.rdf.results import from_oxigraph
from kgraph.rdf.sparql_text import inline_bindings, oxigraph_term
from kgraph.rdf.vocab import PREFIXES, bind_prefixes

if TYPE_CHECKING:
    from rdflib.plugins.sparql.sparql import Query
    from rdflib.query import Result

__all__ = ["RDF_FORMATS", "oxigraph_store", "is_endpoint", "run_sparql", "plain_term", "union_graph",
           "named_graphs", "serialize"]

RDF_FORMATS: tuple[str, ...] = ("turtle", "nt", "trig", "nquads", "jsonld")
"""The RDF serializations :func:`serialize` writes."""

_OXIGRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
                     "nquads": ox.RdfFormat.N_QUADS}
_RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}


def oxigraph_store(dataset: object) -> ox.Store | None:
    """The pyoxigraph store behind an oxrdflib dataset (a store folder or a loaded file) or a
    read-only store (:class:`kgraph.store.local.StoreReader`), if any."""
    if isinstance(getattr(dataset, "oxigraph", None), ox.Store):
        return dataset.oxigraph  # type: ignore[attr-defined]
    store = getattr(dataset, "store", None)
    oxrdflib = sys.modules.get("oxrdflib")  # not imported: no dataset can be an oxrdflib one
    inner = getattr(store, "_inner", None) if oxrdflib and isinstance(store, oxrdflib.OxigraphStore) else None
    return inner if isinstance(inner, ox.Store) else None


def is_endpoint(dataset: object) -> bool:
    """Whether ``dataset`` answers through a remote SPARQL server."""
    sparqlstore = sys.modules.get("rdflib.plugins.stores.sparqlstore")  # as for oxrdflib above
    return bool(sparqlstore) and isinstance(getattr(dataset, "store", None), sparqlstore.SPARQLStore)


def _in_memory(dataset: Graph) -> bool:
    """An rdflib graph whose triples Python holds (a plain ``Graph`` or a ``Memory`` store)."""
    memory = sys.modules.get("rdflib.plugins.stores.memory")
    return not isinstance(dataset, Dataset) or bool(memory) and isinstance(dataset.store, memory.Memory)


def run_sparql(dataset: object, text: str, bindings: Mapping[str, Node], *,
               compiled: Callable[[], Query]) -> Result:
    """Run the query ``text`` on ``dataset`` with ``bindings``, whatever backend holds it.

    Stores with their own SPARQL engine (Oxigraph, a remote endpoint) get the text with the
    bindings inlined (:func:`kgraph.rdf.sparql_text.inline_bindings`). An Oxigraph store is asked
    directly and its answer converted term by term once
    (:func:`kgraph.rdf.results.from_oxigraph`), 2-3x faster on big answers than through
    oxrdflib; an in-memory rdflib graph runs ``compiled()`` with the bindings as
    ``initBindings``. The engines' own exceptions pass through (the caller names the query).
    """
    oxigraph = oxigraph_store(dataset)
    if oxigraph is not None:
        text, rest = inline_bindings(text, bindings)
        substitutions = {ox.Variable(k): term for k, v in rest.items() if (term := oxigraph_term(v)) is not None}
        answer = oxigraph.query(
            text, prefixes=PREFIXES, use_default_graph_as_union=bool(getattr(dataset, "default_union", getattr(dataset, "union", False))),
            substitutions=substitutions)
        return from_oxigraph(answer)
    if is_endpoint(dataset):
        text, rest = inline_bindings(text, bindings)
        init = {Variable(k): v for k, v in rest.items()}
        result = dataset.query(text, initNs=PREFIXES, initBindings=init)  # type: ignore[attr-defined]
    else:
        init = {Variable(k): v for k, v in bindings.items()}
        result = dataset.query(compiled(), initBindings=init)  # type: ignore[attr-defined]
    if result.type == "SELECT":
        result.bindings  # noqa: B018  evaluate now (engines are lazy) so errors surface here
    return result


def plain_term(node: Node) -> Node:
    """``"x"^^xsd:string`` as the simple literal ``"x"`` (the same RDF 1.1 term).

    oxrdflib hands back simple literals with an explicit ``xsd:string``, which rdflib treats as
    a different term; normalizing keeps copies of a store and of a file isomorphic.

    >>> plain_term(Literal("x", datatype=XSD.string)) == Literal("x")
    True
    """
    if isinstance(node, Literal) and node.datatype == XSD.string:
        return Literal(str(node))
    return node


def union_graph(dataset: Graph) -> Graph:
    """Every triple of ``dataset`` (all its graphs) once, in one in-memory graph with kgraph's
    prefixes.

    In-memory rdflib data is copied directly; Oxigraph stores and endpoints answer one
    ``SELECT`` with their own engine, and their literals are normalized (:func:`plain_term`).
    """
    graph = Graph()
    bind_prefixes(graph)
    if not isinstance(dataset, Dataset):
        for triple in dataset.triples((None, None, None)):
            graph.add(triple)
        return graph
    if _in_memory(dataset):
        for s, p, o, _g in dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph
    # the default graph: the union as a set in a store folder or a loaded file, else the engine's union
    for s, p, o in dataset.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }"):  # type: ignore[misc]
        graph.add((s, p, plain_term(o)))
    return graph


def named_graphs(dataset: Graph) -> Dataset:
    """An in-memory copy of ``dataset`` keeping its named graphs (one per article)."""
    copy = Dataset(default_union=True)
    bind_prefixes(copy)
    if not isinstance(dataset, Dataset):
        for triple in dataset.triples((None, None, None)):
            copy.add(triple)
        return copy
    if _in_memory(dataset):
        for s, p, o, g in dataset.quads((None, None, None, None)):
            copy.graph(g.identifier if isinstance(g, Graph) else g).add((s, p, o))
        return copy
    result = dataset.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    for g, s, p, o in result:  # type: ignore[misc]
        copy.graph(g).add((s, p, plain_term(o)))
    return copy


def _serialize_oxigraph(store: ox.Store, fmt: str) -> str:
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


def serialize(dataset: Graph, fmt: str) -> str:
    """``dataset`` written as ``fmt``, one of :data:`RDF_FORMATS`: Turtle and N-Triples hold the
    union of its graphs, TriG, N-Quads and JSON-LD one named graph per article.

    Raises
    ------
    ValueError
        ``fmt`` is not one of :data:`RDF_FORMATS`.
    """
    if fmt not in _RDFLIB_FORMATS:
        raise ValueError(f"{fmt!r} is not one of {', '.join(RDF_FORMATS)}")
    native = oxigraph_store(dataset)
    if native is not None and fmt in _OXIGRAPH_FORMATS:
        return _serialize_oxigraph(native, fmt)
    if fmt in ("turtle", "nt"):
        return union_graph(dataset).serialize(format=_RDFLIB_FORMATS[fmt])
    copy = named_graphs(dataset)
    if fmt == "jsonld":
        return copy.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True)
    return copy.serialize(format=_RDFLIB_FORMATS[fmt])
