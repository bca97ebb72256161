"""`kgraph validate` and `kgraph ontology`: SHACL checks of claims; every term documented."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.store.backends import union_graph
from kgraph.models import RELATIONS
from kgraph.rdf.uris import entity_iri
from kgraph.rdf.vocab import KG

runner = CliRunner()


def _validate(path: Path):
    return runner.invoke(app, ["validate", "--graph", str(path)], catch_exceptions=False)


def test_good_graph_conforms(sample_turtle):
    result = _validate(sample_turtle)
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_broken_claims_exit_1_listing_each_violation(sample_dataset, tmp_path):
    graph = union_graph(sample_dataset)
    claims = sorted(graph.subjects(RDF.predicate, KG.fired))
    no_source, bad_modality, wrong_type = claims[0], claims[1], claims[2]
    graph.remove((no_source, PROV.wasDerivedFrom, None))
    graph.set((bad_modality, KG.modality, Literal("probably")))
    # an organization cannot be the one fired
    graph.set((wrong_type, RDF.object, entity_iri("Organization", "Orbitra")))
    path = tmp_path / "broken.ttl"
    graph.serialize(path, format="turtle")
    result = _validate(path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    short = lambda iri: "claim:" + str(iri).rsplit("/", 1)[1]  # noqa: E731
    assert any(short(no_source) in li and "source article" in li for li in lines)
    assert any(short(bad_modality) in li and "modality" in li and "probably" in li for li in lines)
    assert any(short(wrong_type) in li and "rdf:object: fired claim: the object must be of type Person or Group"
               in li and "organization:orbitra" in li for li in lines)
    assert "3 SHACL violations" in result.output


def test_conflict_marks_conform_and_an_unknown_kind_does_not(sample_dataset, tmp_path):
    graph = union_graph(sample_dataset)
    marked = sorted(graph.subjects(KG.conflictCandidate, None))
    assert marked  # the sample's sources disagree, and build_dataset marks it
    graph.add((marked[0], KG.conflictCandidate, Literal("sources differ")))
    path = tmp_path / "marks.ttl"
    graph.serialize(path, format="turtle")
    result = _validate(path)
    assert result.exit_code == 1 and "1 SHACL violation" in result.output
    assert "kg:conflictCandidate is one of" in result.output


def test_ontology_documents_every_term(tmp_path):
    result = runner.invoke(app, ["ontology"])
    assert result.exit_code == 0
    ontology = Graph().parse(data=result.stdout, format="turtle")
    terms = {KG[name] for name in KG.__annotations__}
    for term in terms:
        assert ontology.value(term, RDFS.label) is not None, f"{term} has no rdfs:label"
        assert ontology.value(term, RDFS.comment) is not None, f"{term} has no rdfs:comment"
    declared = {s for s in ontology.subjects(RDF.type, None) if str(s).startswith(str(KG._NS))}
    assert declared == terms
    for relation in RELATIONS:
        assert (KG[relation], RDF.type, OWL.ObjectProperty) in ontology
    assert (KG.partnerOf, RDF.type, OWL.SymmetricProperty) in ontology
    assert ontology.value(KG.fired, RDFS.label, any=True) is not None
    assert Literal("memecat", lang="id") in set(ontology.objects(KG.fired, RDFS.label))
    assert (URIRef("https://kgraph.dev/ns"), RDF.type, OWL.Ontology) in ontology
