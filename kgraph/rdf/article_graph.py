"""Turn :class:`~kgraph.models.Extraction` objects into an RDF dataset, one named graph each.

The shape is the contract in DEVELOPERS.md ("Extraction -> RDF"): every relation becomes a
``kg:Claim`` (subject, predicate, object, modality, evidence, offsets, date, rule, source); only
an **asserted** claim also adds the direct triple, so a plain triple pattern means "some source
asserts this". An article's triples live in the named graph whose name is the article's IRI, so
re-adding an article replaces exactly its own triples.

>>> from kgraph.models import Article, Entity, Extraction, Relation
>>> ex = Extraction(
...     article=Article(id="a1", text="Acme fired Jo Doe.", lang="en"),
...     entities=(Entity("Acme", "Organization"), Entity("Jo Doe", "Person")),
...     relations=(Relation("Acme", "fired", "Jo Doe", evidence="Acme fired Jo Doe.", end=18),))
>>> ds = build_dataset([ex])
>>> (entity_iri("Organization", "Acme"), KG.fired, entity_iri("Person", "Jo Doe")) in ds
True
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from urllib.parse import quote

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import ORG, PROV, RDF, RDFS, SDO, SKOS, TIME, XSD

from kgraph.errors import ExtractionError
from kgraph.models import SYMMETRIC_RELATIONS, Event, Extraction, Relation
from kgraph.rdf.conflicts import conflict_marks_update
from kgraph.rdf.uris import article_iri, claim_iri, entity_iri, event_iri, membership_iri, role_iri, statement_iri
from kgraph.rdf.vocab import ENTITY_CLASSES, KG, bind_prefixes

__all__ = ["new_dataset", "add_extraction", "build_dataset", "date_literal", "relation_property", "DERIVED_FACTS_UPDATE"]

_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"
_TIME_POSITION = {XSD.date: TIME.inXSDDate, XSD.gYearMonth: TIME.inXSDgYearMonth, XSD.gYear: TIME.inXSDgYear}
_DATE_FORMS = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date),
    (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
    (re.compile(r"^\d{4}$"), XSD.gYear),
)

DERIVED_FACTS_UPDATE = """\
PREFIX kg: <https://kgraph.dev/ns#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
INSERT { GRAPH ?g { ?g kg:claimCount ?n } ?g kg:claimCount ?n }
WHERE {
  { SELECT ?g (COUNT(DISTINCT ?c) AS ?n)
    WHERE { GRAPH ?g { ?g a schema:NewsArticle OPTIONAL { ?c prov:wasDerivedFrom ?g ; a kg:Claim } } }
    GROUP BY ?g }
  FILTER NOT EXISTS { GRAPH ?g { ?g kg:claimCount ?stored } }
} ;
INSERT { GRAPH ?g { ?c kg:statement ?st . ?st kg:statedAs ?m } ?c kg:statement ?st . ?st kg:statedAs ?m }
WHERE {
  GRAPH ?g { ?c a kg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:modality ?m
             FILTER NOT EXISTS { ?c kg:statement ?stored } }
  BIND(IRI(CONCAT("https://kgraph.dev/id/statement/",
                  SUBSTR(SHA256(CONCAT(STR(?s), "\\u001F", STR(?p), "\\u001F", STR(?o))), 1, 16))) AS ?st)
} ;
INSERT { GRAPH ?g { ?st kg:statedDate ?d } ?st kg:statedDate ?d }
WHERE { GRAPH ?g { ?c kg:statement ?st ; kg:modality "asserted" ; kg:date ?d } }
"""
"""A SPARQL update giving graphs written by an older kgraph the facts :func:`add_extraction`
now derives (an article's ``kg:claimCount``, each claim's ``kg:statement`` node with its
``kg:statedAs`` and ``kg:statedDate``), in each named graph and the default graph; graphs that
have them are left as they are. Stores run it when upgraded, graph files when loaded."""


def new_dataset() -> Dataset:
    """An empty dataset whose default graph is the union of its named graphs, prefixes bound.

    Examples
    --------
    >>> new_dataset().default_union
    True
    """
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    return dataset


def date_literal(value: str | date | None) -> Literal | None:
    """An ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear`` literal, or None if not ISO.

    Examples
    --------
    >>> date_literal("2023-11-17").datatype == XSD.date
    True
    >>> date_literal("2023-11").datatype == XSD.gYearMonth
    True
    >>> date_literal("Tuesday") is None
    True
    """
    if value is None:
        return None
    if isinstance(value, date):
        return Literal(value.isoformat(), datatype=XSD.date)
    text = value.strip()
    for pattern, datatype in _DATE_FORMS:
        if pattern.match(text):
            return Literal(text, datatype=datatype)
    return None


def relation_property(relation: str) -> URIRef:
    """The ``kg:`` property of a relation name, e.g. ``fired`` -> ``kg:fired``.

    Raises
    ------
    ExtractionError
        If the relation is not in the ontology.

    Examples
    --------
    >>> str(relation_property("holdsPosition"))
    'https://kgraph.dev/ns#holdsPosition'
    """
    try:
        return KG[relation]
    except (AttributeError, KeyError):
        raise ExtractionError(f"relation {relation!r} is not a kgraph relation") from None


def add_extraction(dataset: Dataset, extraction: Extraction) -> URIRef:
    """Put one article's triples in its own named graph, replacing that graph if present.

    Parameters
    ----------
    dataset : rdflib.Dataset
        The dataset to add to (see :func:`new_dataset`).
    extraction : Extraction
        One article and what was extracted from it.

    Returns
    -------
    URIRef
        The article's IRI, which is also the name of its graph.

    Raises
    ------
    ExtractionError
        If a relation or event names an entity that is not among ``extraction.entities``, or
        uses a relation the ontology does not define.
    """
    article = extraction.article
    iri = article_iri(article)
    dataset.remove_graph(iri)
    graph = dataset.graph(iri)
    _add_article(graph, iri, extraction)
    # a node is named by the gazetteer's name where there is one, so articles printing
    # "Meta" and "Meta Platforms" meet in one node
    nodes = {e.name: entity_iri(e.type, e.known_as or e.name) for e in extraction.entities}
    for entity in extraction.entities:
        node, label = nodes[entity.name], entity.known_as or entity.name
        graph.add((node, RDF.type, ENTITY_CLASSES[entity.type]))
        graph.add((node, SDO.name, Literal(label)))
        for alias in dict.fromkeys((entity.name, *entity.aliases)):
            if alias != label:
                graph.add((node, SKOS.altLabel, Literal(alias)))
        if entity.member_of:
            org = nodes.get(entity.member_of) or entity_iri("Organization", entity.member_of)
            graph.add((org, RDF.type, ENTITY_CLASSES["Organization"]))
            graph.add((org, SDO.name, Literal(entity.member_of)))
            graph.add((node, KG.memberOf, org))
        graph.add((iri, SDO.mentions, node))
    claims = {_add_claim(graph, iri, relation, nodes, article.id) for relation in extraction.relations}
    graph.add((iri, KG.claimCount, Literal(len(claims), datatype=XSD.integer)))
    for event in extraction.events:
        _add_event(graph, iri, event, nodes, article.id)
    return iri


def build_dataset(extractions: Iterable[Extraction]) -> Dataset:
    """A new dataset holding every extraction, one named graph per article, with the conflict
    marks of :mod:`kgraph.rdf.conflicts`.

    Examples
    --------
    >>> from kgraph.models import Article, Extraction
    >>> ds = build_dataset([Extraction(Article(id="a", text="x")), Extraction(Article(id="b", text="y"))])
    >>> len([g for g in ds.graphs() if g.identifier != ds.default_graph.identifier])
    2
    """
    dataset = new_dataset()
    for extraction in extractions:
        add_extraction(dataset, extraction)
    dataset.update(conflict_marks_update(into="graphs"))  # what a store's writer marks per article
    return dataset


def _add_article(graph: Graph, iri: URIRef, extraction: Extraction) -> None:
    article = extraction.article
    graph.add((iri, RDF.type, SDO.NewsArticle))
    graph.add((iri, KG.contentHash, Literal(article.content_hash)))
    if article.title:
        graph.add((iri, SDO.headline, Literal(article.title)))
    if article.url:
        graph.add((iri, SDO.url, URIRef(quote(article.url.strip(), safe=_URL_SAFE))))
    published = date_literal(article.published)
    if published is not None:
        graph.add((iri, SDO.datePublished, published))
    if article.lang:
        graph.add((iri, SDO.inLanguage, Literal(article.lang)))
    if article.publisher:
        publisher = entity_iri("Organization", article.publisher)
        graph.add((publisher, RDF.type, SDO.Organization))
        graph.add((publisher, SDO.name, Literal(article.publisher)))
        graph.add((iri, SDO.publisher, publisher))
        graph.add((iri, PROV.wasAttributedTo, publisher))
    for name in article.authors:
        author = entity_iri("Person", name)
        graph.add((author, RDF.type, SDO.Person))
        graph.add((author, SDO.name, Literal(name)))
        graph.add((iri, SDO.author, author))
        graph.add((iri, PROV.wasAttributedTo, author))


def _node(nodes: dict[str, URIRef], name: str, article_id: str, what: str) -> URIRef:
    try:
        return nodes[name]
    except KeyError:
        raise ExtractionError(
            f"article {article_id}: {what} {name!r} is not among the article's entities") from None


def _add_provenance(graph: Graph, node: URIRef, article: URIRef, modality: str, evidence: str,
                    start: int, end: int, when: str | None) -> None:
    graph.add((node, KG.modality, Literal(modality)))
    graph.add((node, PROV.wasDerivedFrom, article))
    if evidence:
        graph.add((node, KG.evidence, Literal(evidence)))
    graph.add((node, KG.startOffset, Literal(start, datatype=XSD.integer)))
    graph.add((node, KG.endOffset, Literal(end, datatype=XSD.integer)))
    day = date_literal(when)
    if day is not None:
        graph.add((node, KG.date, day))


def _add_claim(graph: Graph, article: URIRef, relation: Relation, nodes: dict[str, URIRef],
               article_id: str) -> URIRef:
    """Add one relation as a claim (and, asserted, its direct triple); return the claim's IRI.

    The claim links to the statement node of its triple (:func:`~kgraph.rdf.uris.statement_iri`),
    which records each modality and each asserted date the triple is stated with: in the
    store's default graph (a set) a statement carries every article's, so a question about
    disagreeing sources reads those few triples instead of joining claims.
    """
    subject = _node(nodes, relation.subject, article_id, f"subject of {relation.relation}")
    obj = _node(nodes, relation.object, article_id, f"object of {relation.relation}")
    predicate = relation_property(relation.relation)
    claim = claim_iri(article, subject, predicate, obj, modality=relation.modality,
                      start=relation.start, end=relation.end, role=relation.role)
    graph.add((claim, RDF.type, KG.Claim))
    graph.add((claim, RDF.subject, subject))
    graph.add((claim, RDF.predicate, predicate))
    graph.add((claim, RDF.object, obj))
    _add_provenance(graph, claim, article, relation.modality, relation.evidence,
                    relation.start, relation.end, relation.date)
    confidence = Decimal(str(round(min(max(relation.confidence, 0.0), 1.0), 3)))
    graph.add((claim, KG.confidence, Literal(confidence, datatype=XSD.decimal)))
    if relation.role:
        graph.add((claim, KG.role, Literal(relation.role)))
    if relation.status:
        graph.add((claim, KG.status, Literal(relation.status)))
    if relation.rule:
        graph.add((claim, KG.rule, Literal(relation.rule)))
    statement = statement_iri(subject, predicate, obj)
    graph.add((claim, KG.statement, statement))
    graph.add((statement, KG.statedAs, Literal(relation.modality)))
    if relation.modality != "asserted":
        return claim
    day = date_literal(relation.date)
    if day is not None:
        graph.add((statement, KG.statedDate, day))
    graph.add((subject, predicate, obj))
    if relation.relation in SYMMETRIC_RELATIONS:
        graph.add((obj, predicate, subject))
    if relation.relation == "holdsPosition":
        _add_membership(graph, claim, relation, subject, obj)
    return claim


def _add_membership(graph: Graph, claim: URIRef, relation: Relation, person: URIRef,
                    organization: URIRef) -> None:
    """The org:Membership an asserted holdsPosition claim states, with its role and time.

    A dated claim gets ``org:memberDuring`` a ``time:Interval``: the date ends it when the
    status is "former" and begins it otherwise.
    """
    membership = membership_iri(claim)
    graph.add((claim, KG.membership, membership))
    graph.add((membership, RDF.type, ORG.Membership))
    graph.add((membership, ORG.member, person))
    graph.add((membership, ORG.organization, organization))
    if relation.status:
        graph.add((membership, KG.status, Literal(relation.status)))
    if relation.role:
        role = role_iri(relation.role)
        graph.add((membership, ORG.role, role))
        graph.add((role, RDF.type, ORG.Role))
        graph.add((role, RDFS.label, Literal(relation.role)))
    day = date_literal(relation.date)
    if day is not None:
        ended = relation.status == "former"
        interval, instant = URIRef(f"{membership}/during"), URIRef(f"{membership}/{'end' if ended else 'start'}")
        graph.add((membership, ORG.memberDuring, interval))
        graph.add((interval, RDF.type, TIME.Interval))
        graph.add((interval, TIME.hasEnd if ended else TIME.hasBeginning, instant))
        graph.add((instant, RDF.type, TIME.Instant))
        graph.add((instant, _TIME_POSITION[day.datatype], day))

def _add_event(graph: Graph, article: URIRef, event: Event, nodes: dict[str, URIRef],
               article_id: str) -> None:
    participant = _node(nodes, event.subject, article_id, f"subject of event {event.type}")
    node = event_iri(article, event.type, participant, start=event.start, end=event.end)
    graph.add((node, RDF.type, KG.Event))
    graph.add((node, KG.eventType, Literal(event.type)))
    graph.add((node, KG.participant, participant))
    _add_provenance(graph, node, article, event.modality, event.evidence,
                    event.start, event.end, event.date)
