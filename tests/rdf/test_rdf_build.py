"""The Extraction -> RDF contract of DEVELOPERS.md, checked on the team's sample articles."""
from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import ORG, PROV, RDF, RDFS, SDO, SKOS, TIME, XSD

from kgraph.errors import ExtractionError
from kgraph.models import Relation
from kgraph.rdf.article_graph import add_extraction, build_dataset, new_dataset
from kgraph.rdf.uris import article_iri, entity_iri
from kgraph.rdf.vocab import KG

NIMBUS = entity_iri("Organization", "Nimbus Labs")
DARA = entity_iri("Person", "Dara Quinn")
ORBITRA = entity_iri("Organization", "Orbitra")
STAFF = entity_iri("Group", "Nimbus Labs employees")


def _claims(ds, s, p, o):
    return {c for c in ds.subjects(RDF.subject, s)
            if (c, RDF.predicate, p) in ds and (c, RDF.object, o) in ds}


def test_iris_are_readable_and_shared_across_articles(sample_dataset):
    assert str(DARA) == "https://kgraph.dev/id/person/dara-quinn"
    assert str(NIMBUS) == "https://kgraph.dev/id/org/nimbus-labs"
    # Nimbus Labs is mentioned by all five articles and is one node
    mentioning = set(sample_dataset.subjects(SDO.mentions, NIMBUS))
    assert len(mentioning) == 5


def test_asserted_claim_gives_direct_triple_with_provenance(sample_dataset, article_a):
    assert (NIMBUS, KG.fired, DARA) in sample_dataset
    claims = _claims(sample_dataset, NIMBUS, KG.fired, DARA)
    assert len(claims) == 4  # A, D, E assert; B denies
    source = article_iri(article_a.article)
    (claim,) = [c for c in claims if (c, PROV.wasDerivedFrom, source) in sample_dataset]
    assert sample_dataset.value(claim, KG.modality) == Literal("asserted")
    assert sample_dataset.value(claim, KG.date) == Literal("2024-05-13", datatype=XSD.date)
    evidence = str(sample_dataset.value(claim, KG.evidence))
    start = sample_dataset.value(claim, KG.startOffset).toPython()
    end = sample_dataset.value(claim, KG.endOffset).toPython()
    assert article_a.article.text[start:end] == evidence
    assert sample_dataset.value(claim, KG.rule) == Literal("en.fired.verb")
    assert sample_dataset.value(claim, KG.confidence).datatype == XSD.decimal


def test_uncertain_and_negated_claims_have_no_direct_triple(sample_dataset):
    assert (STAFF, KG.joined, ORBITRA) not in sample_dataset
    (claim,) = _claims(sample_dataset, STAFF, KG.joined, ORBITRA)
    assert sample_dataset.value(claim, KG.modality) == Literal("uncertain")
    assert (NIMBUS, KG.partnerOf, ORBITRA) not in sample_dataset
    assert (ORBITRA, KG.partnerOf, NIMBUS) not in sample_dataset
    kopi = entity_iri("Organization", "Kopi Teknologi")
    assert (kopi, KG.acquired, ORBITRA) not in sample_dataset


def test_article_metadata_and_group_membership(sample_dataset, article_a):
    iri = article_iri(article_a.article)
    assert (iri, RDF.type, SDO.NewsArticle) in sample_dataset
    assert sample_dataset.value(iri, SDO.datePublished) == Literal("2024-05-14", datatype=XSD.date)
    publisher = sample_dataset.value(iri, SDO.publisher)
    assert sample_dataset.value(publisher, SDO.name) == Literal("The Ledger Wire")
    assert (iri, SDO.author, entity_iri("Person", "Mara Lind")) in sample_dataset
    assert sample_dataset.value(iri, SDO.inLanguage) == Literal("en")
    assert (STAFF, RDF.type, KG.Group) in sample_dataset
    assert (STAFF, KG.memberOf, NIMBUS) in sample_dataset
    # English and Indonesian aliases of one group end up on one node
    aliases = set(sample_dataset.objects(STAFF, SKOS.altLabel))
    assert {Literal("Nimbus staff"), Literal("karyawan Nimbus Labs")} <= aliases


def test_holds_position_becomes_org_membership(sample_dataset):
    priya = entity_iri("Person", "Priya Natarajan")
    (membership,) = sample_dataset.subjects(ORG.member, priya)
    assert (membership, RDF.type, ORG.Membership) in sample_dataset
    assert sample_dataset.value(membership, ORG.organization) == NIMBUS
    role = sample_dataset.value(membership, ORG.role)
    assert sample_dataset.value(role, RDFS.label) == Literal("CEO")
    assert sample_dataset.value(membership, KG.status) == Literal("interim")
    # dated: an interim CEO's membership begins on the claim's date
    interval = sample_dataset.value(membership, ORG.memberDuring)
    assert (interval, RDF.type, TIME.Interval) in sample_dataset
    start = sample_dataset.value(interval, TIME.hasBeginning)
    assert sample_dataset.value(start, TIME.inXSDDate) == Literal("2024-05-13", datatype=XSD.date)


def test_former_position_date_ends_the_membership(sample_dataset):
    (membership,) = sample_dataset.subjects(ORG.member, DARA)
    interval = sample_dataset.value(membership, ORG.memberDuring)
    assert sample_dataset.value(interval, TIME.hasBeginning) is None
    end = sample_dataset.value(interval, TIME.hasEnd)
    assert sample_dataset.value(end, TIME.inXSDDate) == Literal("2024-05-13", datatype=XSD.date)
    # an undated position has no interval
    budi = entity_iri("Person", "Budi Santoso")
    assert all(sample_dataset.value(m, ORG.memberDuring) is None for m in sample_dataset.subjects(ORG.member, budi))


def test_symmetric_relation_goes_both_ways():
    from kgraph.models import Article, Entity, Extraction

    ex = Extraction(Article(id="p", text="Acme and Zeta are partners."),
                    entities=(Entity("Acme", "Organization"), Entity("Zeta", "Organization")),
                    relations=(Relation("Acme", "partnerOf", "Zeta"),))
    ds = build_dataset([ex])
    acme, zeta = entity_iri("Organization", "Acme"), entity_iri("Organization", "Zeta")
    assert (acme, KG.partnerOf, zeta) in ds and (zeta, KG.partnerOf, acme) in ds


def test_each_article_is_its_own_named_graph_and_readding_replaces_it(sample_dataset, article_a):
    names = {g.identifier for g in sample_dataset.graphs()} - {sample_dataset.default_graph.identifier}
    assert len(names) == 5
    iri = article_iri(article_a.article)
    marks = len(list(sample_dataset.graph(iri).triples((None, KG.conflictCandidate, None))))
    before = len(sample_dataset.graph(iri))
    add_extraction(sample_dataset, article_a)
    # the article's own triples; build_dataset's conflict marks are the dataset's (a store's
    # writer adds them in LocalStore.put, see tests/rdf/test_rdf_query_layout.py)
    assert marks and len(sample_dataset.graph(iri)) == before - marks
    # a corrected extraction of the same article drops the old claims
    fewer = type(article_a)(article_a.article, article_a.entities, article_a.relations[:1])
    add_extraction(sample_dataset, fewer)
    priya = entity_iri("Person", "Priya Natarajan")
    assert not list(sample_dataset.subjects(ORG.member, priya))
    assert (NIMBUS, KG.fired, DARA) in sample_dataset


def test_building_twice_gives_the_same_graph(sample_dataset, sample_extractions):
    again = build_dataset(reversed(sample_extractions))
    assert set(again.quads((None, None, None, None))) == set(sample_dataset.quads((None, None, None, None)))


def test_undeclared_entity_is_a_one_line_error(broken_extraction):
    with pytest.raises(ExtractionError, match=r"article broken: object of fired 'Jo' is not among"):
        build_dataset([broken_extraction])


def test_unknown_relation_is_an_error():
    from kgraph.models import Article, Entity, Extraction

    ex = Extraction(Article(id="u", text="x"), entities=(Entity("A", "Organization"),),
                    relations=(Relation("A", "admired", "A"),))
    with pytest.raises(ExtractionError, match="'admired' is not a kgraph relation"):
        build_dataset([ex])


def test_article_without_url_is_named_by_content_hash():
    ds = new_dataset()
    from kgraph.models import Article, Extraction

    art = Article(id="local-file", text="Body.")
    iri = add_extraction(ds, Extraction(art))
    assert iri == URIRef("https://kgraph.dev/id/article/" + art.content_hash[:16])


def test_a_node_is_named_by_the_gazetteer_name_when_the_article_prints_another_form():
    from kgraph.models import Article, Entity, Extraction

    meta = Entity("Meta", "Organization", known_as="Meta Platforms")
    ds = build_dataset([Extraction(Article(id="a", text="Meta said."), entities=(meta,))])
    node = entity_iri("Organization", "Meta Platforms")
    assert (node, SDO.name, Literal("Meta Platforms")) in ds
    assert (node, SKOS.altLabel, Literal("Meta")) in ds
