"""The knowledge graph as a networkx ``MultiDiGraph``: conversion from RDF, views, metrics.

:func:`to_networkx` reads the RDF shape of DEVELOPERS.md ("Extraction -> RDF"): one node per
entity IRI, one edge per ``kg:Claim`` (asserted, negated or uncertain), keyed by the claim IRI.
The same graph feeds the HTML view (:mod:`kgraph.view.render`), GraphML export and the analytics.

>>> G = nx.MultiDiGraph()
>>> G.add_node("o", label="Acme", type="Organization", aliases=("ACME",))
>>> G.add_node("p", label="Jo Doe", type="Person", aliases=())
>>> _ = G.add_edge("o", "p", key="c1", relation="fired", modality="asserted", date="2024-05-02")
>>> [G.nodes[n]["label"] for n in ego_subgraph(G, "acme", 1)]
['Acme', 'Jo Doe']
>>> filter_claims(G, since="2024-06-01").number_of_edges()
0
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import networkx as nx
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kgraph.errors import UsageError
from kgraph.models import MODALITIES, RELATIONS
from kgraph.rdf.vocab import ENTITY_CLASSES, ENTITY_PATHS, ID_NS, KG, KG_NS, PROV, SDO, SKOS
from kgraph.store.backends import union_graph

__all__ = [
    "CENTRALITIES",
    "to_networkx",
    "check_centrality",
    "centrality",
    "find_node",
    "ego_subgraph",
    "filter_claims",
    "parse_relations",
]

_CLASS_TYPES: dict[URIRef, str] = {cls: name for name, cls in ENTITY_CLASSES.items()}
_PATH_TYPES: dict[str, str] = {path: name for name, path in ENTITY_PATHS.items()}
CENTRALITIES: tuple[str, ...] = ("degree", "betweenness", "pagerank")


def _text(graph: Graph, subject: Node, predicate: URIRef) -> str | None:
    value = graph.value(subject, predicate)
    return None if value is None else str(value)


def _type_of(graph: Graph, iri: Node) -> str:
    """Entity type from ``rdf:type``, else from the IRI path (``.../id/person/...``)."""
    for cls in graph.objects(iri, RDF.type):
        if cls in _CLASS_TYPES:
            return _CLASS_TYPES[cls]  # type: ignore[index]
    path = str(iri)[len(ID_NS):].split("/", 1)[0] if str(iri).startswith(ID_NS) else ""
    return _PATH_TYPES.get(path, "Unknown")


def _label_of(graph: Graph, iri: Node) -> str:
    name = _text(graph, iri, SDO.name)
    if name:
        return name
    return str(iri).rstrip("/").rsplit("/", 1)[-1].replace("-", " ")


def _add_entity(G: nx.MultiDiGraph, graph: Graph, iri: Node) -> None:
    if str(iri) in G:
        return
    aliases = sorted({str(a) for a in graph.objects(iri, SKOS.altLabel)})
    sources = sorted({str(a) for a in graph.subjects(SDO.mentions, iri)})
    G.add_node(
        str(iri),
        type=_type_of(graph, iri),
        label=_label_of(graph, iri),
        aliases=tuple(aliases),
        sources=tuple(sources),
    )


def _claim_attributes(graph: Graph, claim: Node) -> dict[str, object]:
    predicate = graph.value(claim, RDF.predicate)
    article = graph.value(claim, PROV.wasDerivedFrom)
    confidence = graph.value(claim, KG.confidence)
    published = graph.value(article, SDO.datePublished) if article is not None else None
    publisher = graph.value(article, SDO.publisher) if article is not None else None
    return {
        "relation": str(predicate)[len(KG_NS):] if str(predicate).startswith(KG_NS) else str(predicate),
        "modality": _text(graph, claim, KG.modality) or "asserted",
        "role": _text(graph, claim, KG.role),
        "status": _text(graph, claim, KG.status),
        "date": _text(graph, claim, KG.date),
        "confidence": float(confidence.toPython()) if isinstance(confidence, Literal) else None,
        "evidence": _text(graph, claim, KG.evidence) or "",
        "rule": _text(graph, claim, KG.rule),
        "source": None if article is None else str(article),
        "source_title": None if article is None else _text(graph, article, SDO.headline),
        "source_url": None if article is None else _text(graph, article, SDO.url),
        "published": None if published is None else str(published),
        "publisher": None if publisher is None else _label_of(graph, publisher),
    }


def to_networkx(source: Graph | Dataset, *, include_isolated: bool = True) -> nx.MultiDiGraph:
    """Convert kgraph RDF into a ``MultiDiGraph``: entities as nodes, claims as edges.

    Parameters
    ----------
    source : rdflib.Graph or rdflib.Dataset
        Graph(s) in the shape of DEVELOPERS.md; a Dataset's named graphs are merged.
    include_isolated : bool
        Keep entities that take part in no claim (e.g. a publisher only mentioned).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by entity IRI with ``type``, ``label``, ``aliases`` and ``sources``
        (article IRIs mentioning it); one edge per claim keyed by the claim IRI with
        ``relation``, ``modality``, ``role``, ``status``, ``date``, ``confidence``,
        ``evidence``, ``rule``, ``source`` (article IRI), ``source_title``, ``source_url``,
        ``published`` and ``publisher`` (its name).

    Examples
    --------
    >>> g = Graph()
    >>> o, p, c = URIRef(ID_NS + "org/acme"), URIRef(ID_NS + "person/jo-doe"), URIRef(ID_NS + "claim/1")
    >>> for t in [(o, RDF.type, SDO.Organization), (o, SDO.name, Literal("Acme")),
    ...           (c, RDF.type, KG.Claim), (c, RDF.subject, o), (c, RDF.predicate, KG.fired),
    ...           (c, RDF.object, p), (c, KG.modality, Literal("uncertain"))]:
    ...     _ = g.add(t)
    >>> G = to_networkx(g)
    >>> G.nodes[str(p)]["type"], G.nodes[str(p)]["label"]
    ('Person', 'jo doe')
    >>> [(d["relation"], d["modality"]) for _, _, d in G.edges(data=True)]
    [('fired', 'uncertain')]
    """
    graph = union_graph(source)
    G = nx.MultiDiGraph()
    if include_isolated:
        for cls in _CLASS_TYPES:
            for iri in sorted(graph.subjects(RDF.type, cls), key=str):
                _add_entity(G, graph, iri)
    for claim in sorted(graph.subjects(RDF.type, KG.Claim), key=str):
        subject, obj = graph.value(claim, RDF.subject), graph.value(claim, RDF.object)
        if subject is None or obj is None:
            continue
        _add_entity(G, graph, subject)
        _add_entity(G, graph, obj)
        G.add_edge(str(subject), str(obj), key=str(claim), **_claim_attributes(graph, claim))
    return G


def check_centrality(kind: str) -> str:
    """``kind`` if it is one of :data:`CENTRALITIES`, else a UsageError naming ``--size-by``.

    Examples
    --------
    >>> check_centrality("pagerank")
    'pagerank'
    """
    if kind not in CENTRALITIES:
        raise UsageError(f"--size-by: unknown centrality {kind!r} (use one of {', '.join(CENTRALITIES)})")
    return kind


def centrality(G: nx.MultiDiGraph, kind: str = "degree") -> dict[str, float]:
    """Centrality of every node, treating claims as undirected links.

    ``kind`` is ``degree``, ``betweenness`` (sampled above 1,000 nodes) or ``pagerank``.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("a", "c")])
    >>> centrality(G)["a"]
    1.0
    """
    check_centrality(kind)
    simple = nx.Graph(G.to_undirected(as_view=True))
    if simple.number_of_nodes() == 0:
        return {}
    if kind == "degree":
        return nx.degree_centrality(simple)
    if kind == "betweenness":
        k = 200 if simple.number_of_nodes() > 1000 else None
        return nx.betweenness_centrality(simple, k=k, seed=0)
    return nx.pagerank(simple)


def find_node(G: nx.MultiDiGraph, name: str) -> str:
    """The node whose IRI (``<iri>``, ``person:jo-doe``), label or alias is ``name`` (case-insensitive).

    Raises :class:`~kgraph.errors.UsageError` naming ``name`` when nothing matches (with close
    names), and listing the candidates when several entities have that name or alias.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("iri:1", label="Sam Altman", aliases=("Altman",))
    >>> find_node(G, "altman")
    'iri:1'
    >>> G.add_node("iri:2", label="Jo Altman", aliases=("Altman",))
    >>> find_node(G, "Altman")
    Traceback (most recent call last):
    ...
    kgraph.errors.UsageError: --focus: 2 entities are called 'Altman': Jo Altman <iri:2>, Sam Altman <iri:1>; give a full name or an IRI
    """
    from kgraph.rdf.vocab import PREFIXES
    from kgraph.resolve import Entry, close_names, match_entities

    iri = name.strip()
    iri = iri[1:-1] if iri.startswith("<") and iri.endswith(">") else iri
    prefix, _, local = iri.partition(":")
    if prefix in PREFIXES and iri not in G:
        iri = PREFIXES[prefix] + local
    if iri in G:
        return iri
    entries = [Entry(str(node), str(data.get("label", "")), tuple(str(a) for a in data.get("aliases", ())))
               for node, data in G.nodes(data=True)]
    found = match_entities(name, entries)
    if len(found) > 1:
        listed = ", ".join(f"{e.name} <{e.iri}>" for e in found[:10])
        raise UsageError(f"--focus: {len(found)} entities are called {name!r}: {listed}; give a full name or an IRI")
    if not found:
        near = close_names(name, [e.name for e in entries])
        raise UsageError(f"--focus: no entity called {name!r} in the graph"
                         + (f" (close names: {', '.join(near)})" if near else ""))
    return found[0].iri


def ego_subgraph(G: nx.MultiDiGraph, name: str, depth: int = 1) -> nx.MultiDiGraph:
    """The entities within ``depth`` claims of ``name`` (either direction) and their claims.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> sorted(ego_subgraph(G, "b", 1))
    ['a', 'b', 'c']
    """
    if depth < 0:
        raise UsageError(f"--depth: must be 0 or more, got {depth}")
    centre = find_node(G, name)
    reach = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), centre, cutoff=depth)
    return G.subgraph(reach).copy()


def parse_relations(text: str | None) -> tuple[str, ...] | None:
    """Parse a comma-separated list of relation names, checking each is known.

    Examples
    --------
    >>> parse_relations("fired, joined")
    ('fired', 'joined')
    >>> parse_relations(None) is None
    True
    """
    if not text:
        return None
    names = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [n for n in names if n not in RELATIONS]
    if unknown:
        raise UsageError(f"--relations: unknown relation {unknown[0]!r} (known: {', '.join(RELATIONS)})")
    return names


def _iso(value: str | date | None, option: str) -> str | None:
    if value is None or isinstance(value, date):
        return None if value is None else value.isoformat()
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"{option}: {value!r} is not a date (use YYYY-MM-DD)") from None


def filter_claims(
    G: nx.MultiDiGraph,
    *,
    relations: Iterable[str] | None = None,
    modalities: Iterable[str] | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
) -> nx.MultiDiGraph:
    """Keep the claims of the given relations, modalities and period, and the nodes they touch.

    A claim's date is its ``date`` or, failing that, its article's ``published`` date; with a
    period given, claims with neither are dropped. With no filter the graph is returned whole
    (a copy).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", relation="fired", modality="asserted", date="2023-11-17")
    >>> _ = G.add_edge("b", "c", relation="joined", modality="uncertain", published="2023-11-20")
    >>> sorted(filter_claims(G, relations=["joined"]))
    ['b', 'c']
    >>> filter_claims(G, until="2023-11-18").number_of_edges()
    1
    """
    rels = None if relations is None else set(relations)
    mods = None if modalities is None else set(modalities)
    for m in mods or ():
        if m not in MODALITIES:
            raise UsageError(f"--modalities: unknown modality {m!r} (known: {', '.join(MODALITIES)})")
    start, end = _iso(since, "--since"), _iso(until, "--until")
    if rels is None and mods is None and start is None and end is None:
        return G.copy()

    def keep(data: dict) -> bool:
        if rels is not None and data.get("relation") not in rels:
            return False
        if mods is not None and data.get("modality") not in mods:
            return False
        if start is None and end is None:
            return True
        when = str(data.get("date") or data.get("published") or "")[:10]
        if not when:
            return False
        return (start is None or when >= start) and (end is None or when <= end)

    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    for u, v, key, data in G.edges(keys=True, data=True):
        if keep(data):
            H.add_node(u, **G.nodes[u])
            H.add_node(v, **G.nodes[v])
            H.add_edge(u, v, key=key, **data)
    return H
