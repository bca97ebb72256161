"""kgraph's RDF vocabulary: the ``kg:`` terms and the prefixes every graph is written with.

``KG`` follows rdflib's own namespace modules (``rdflib.namespace._ORG``): a closed
:class:`~rdflib.namespace.DefinedNamespace`, so a misspelt term raises ``AttributeError``
instead of silently minting a new IRI. The labels and comments of every term live in
``ontology.ttl`` beside this module (``kgraph ontology`` prints it).

>>> KG.fired
rdflib.term.URIRef('https://kgraph.dev/ns#fired')
>>> ENTITY_CLASSES["Group"] == KG.Group
True
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, TIME, XSD

__all__ = [
    "KG",
    "KG_NS",
    "ID_NS",
    "SDO",
    "ORG",
    "PROV",
    "SKOS",
    "ENTITY_CLASSES",
    "ENTITY_PATHS",
    "PREFIXES",
    "bind_prefixes",
]

KG_NS = "https://kgraph.dev/ns#"
ID_NS = "https://kgraph.dev/id/"


class KG(DefinedNamespace):
    """The kgraph ontology (``https://kgraph.dev/ns#``); see ``ontology.ttl`` for each term."""

    _fail = True

    # classes
    Claim: URIRef  # one relation as one article states it, with its modality and evidence
    Group: URIRef  # a collective of people defined by an organization ("OpenAI employees")
    Event: URIRef  # a one-participant happening reported by an article (outage, layoff...)

    # relation properties (subject -> object); the direct triple exists only when asserted
    fired: URIRef
    resigned: URIRef
    joined: URIRef
    holdsPosition: URIRef
    founded: URIRef
    offeredCompensation: URIRef
    developed: URIRef
    acquired: URIRef
    investedIn: URIRef
    laidOff: URIRef
    competitorOf: URIRef
    partnerOf: URIRef
    parentOf: URIRef

    # claim and event properties
    modality: URIRef  # "asserted" | "negated" | "uncertain"
    confidence: URIRef  # xsd:decimal in [0, 1]
    evidence: URIRef  # the evidence sentence
    startOffset: URIRef  # character offset of the evidence in the article text
    endOffset: URIRef
    date: URIRef  # xsd:date (or gYearMonth / gYear) of the event claimed
    role: URIRef  # role text of a holdsPosition claim ("CEO")
    status: URIRef  # "current" | "former" | "interim"
    rule: URIRef  # id of the lexicon rule that produced the claim
    membership: URIRef  # claim -> org:Membership of an asserted holdsPosition claim
    eventType: URIRef  # "outage", "cyberattack", "layoff", "launch"...
    participant: URIRef  # event -> the entity it happened to
    statement: URIRef  # claim -> the statement node of its triple (shared by every article)
    statedAs: URIRef  # statement -> a modality some claim of it has
    statedDate: URIRef  # statement -> a date some asserted claim of it gives
    conflictCandidate: URIRef  # statement -> a kind of conflict found when an article was written

    # entity and article properties
    memberOf: URIRef  # group -> organization
    contentHash: URIRef  # SHA-256 of an article's title and text
    claimCount: URIRef  # xsd:integer: how many claims an article makes

    _NS = Namespace(KG_NS)


ENTITY_CLASSES: dict[str, URIRef] = {
    "Person": SDO.Person,
    "Organization": SDO.Organization,
    "Product": SDO.Product,
    "Group": KG.Group,
}
"""The RDF class of each :data:`kgraph.models.ENTITY_TYPES` entry."""

ENTITY_PATHS: dict[str, str] = {
    "Person": "person",
    "Organization": "org",
    "Product": "product",
    "Group": "group",
}
"""The IRI path segment under :data:`ID_NS` of each entity type."""

PREFIXES: dict[str, str] = {
    "kg": KG_NS,
    "schema": str(SDO),
    "org": str(ORG),
    "prov": str(PROV),
    "skos": str(SKOS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "time": str(TIME),
    "person": ID_NS + "person/",
    "organization": ID_NS + "org/",
    "product": ID_NS + "product/",
    "group": ID_NS + "group/",
    "article": ID_NS + "article/",
    "claim": ID_NS + "claim/",
    "statement": ID_NS + "statement/",
    "event": ID_NS + "event/",
    "membership": ID_NS + "membership/",
    "role": ID_NS + "role/",
}
"""Prefix -> namespace, bound on every graph kgraph writes and on every query it parses.

The W3C ORG vocabulary keeps its usual ``org:`` prefix, so organizations' own IRIs
(``https://kgraph.dev/id/org/...``) are written with ``organization:``.
"""


def bind_prefixes(graph: object) -> None:
    """Bind :data:`PREFIXES` on an rdflib ``Graph`` or ``Dataset`` (replacing rdflib defaults).

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph()
    >>> bind_prefixes(g)
    >>> dict(g.namespaces())["kg"]
    rdflib.term.URIRef('https://kgraph.dev/ns#')
    """
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, Namespace(namespace), override=True, replace=True)  # type: ignore[attr-defined]
