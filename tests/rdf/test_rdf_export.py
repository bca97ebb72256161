"""`kgraph export`: what it writes parses in rapper and Oxigraph and round-trips unchanged."""
from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.export import export_text
from kgraph.store.backends import named_graphs, union_graph

runner = CliRunner()
needs_rapper = pytest.mark.skipif(shutil.which("rapper") is None,
                                  reason="rapper not installed (Debian package raptor2-utils)")


def _export(source: Path, fmt: str, out: Path) -> Path:
    result = runner.invoke(app, ["export", "--graph", str(source), "--format", fmt, "--out", str(out)],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    return out


def _rapper_count(path: Path, syntax: str) -> int:
    done = subprocess.run(["rapper", "-i", syntax, "-c", str(path)], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return int(done.stderr.split("returned")[1].split()[0])


@needs_rapper
def test_turtle_and_trig_parse_in_rapper(sample_trig, sample_dataset, tmp_path):
    ttl = _export(sample_trig, "turtle", tmp_path / "g.ttl")
    trig = _export(sample_trig, "trig", tmp_path / "g.trig")
    assert _rapper_count(ttl, "turtle") == len(union_graph(sample_dataset))
    assert _rapper_count(trig, "trig") == len(set(sample_dataset.quads((None, None, None, None))))


def test_turtle_and_trig_parse_in_pyoxigraph(sample_trig, sample_dataset, tmp_path):
    ttl = _export(sample_trig, "turtle", tmp_path / "g.ttl")
    trig = _export(sample_trig, "trig", tmp_path / "g.trig")
    triples = list(ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE))
    quads = list(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
    assert len(triples) == len(union_graph(sample_dataset))
    assert len({q.graph_name for q in quads}) == 5  # one named graph per article


@pytest.mark.parametrize("fmt, rdflib_format", [("turtle", "turtle"), ("nt", "nt")])
def test_union_formats_round_trip_isomorphic(sample_trig, sample_dataset, tmp_path, fmt, rdflib_format):
    path = _export(sample_trig, fmt, tmp_path / f"g.{fmt}")
    assert isomorphic(Graph().parse(path, format=rdflib_format), union_graph(sample_dataset))


@pytest.mark.parametrize("fmt, rdflib_format", [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_dataset_formats_keep_every_article_graph(sample_trig, sample_dataset, tmp_path, fmt, rdflib_format):
    path = _export(sample_trig, fmt, tmp_path / f"g.{fmt}")
    back = Dataset()
    back.parse(path, format=rdflib_format)
    original = named_graphs(sample_dataset)
    names = {g.identifier for g in original.graphs()} - {original.default_graph.identifier}
    assert len(names) == 5
    for name in names:
        assert isomorphic(back.graph(name), original.graph(name)), f"{fmt}: graph {name} changed"


@pytest.mark.parametrize("fmt, rdflib_format", [("turtle", "turtle"), ("nt", "nt"), ("trig", "trig"),
                                                 ("nquads", "nquads")])
def test_oxigraph_and_rdflib_writers_give_the_same_graph(sample_trig, sample_dataset, fmt, rdflib_format):
    from kgraph.store import open_dataset

    dataset = open_dataset(graph=sample_trig)  # written by Oxigraph itself
    try:
        fast = export_text(dataset, fmt)
    finally:
        dataset.close()
    slow = export_text(sample_dataset, fmt)  # written by rdflib
    a, b = Dataset(), Dataset()
    a.parse(data=fast, format=rdflib_format)
    b.parse(data=slow, format=rdflib_format)
    def quads(ds: Dataset) -> set:
        return {(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in ds.quads()}

    assert quads(a) == quads(b) and len(quads(a)) > 300
    assert fast == export_text(open_dataset(graph=sample_trig), fmt)  # same bytes on every run


def test_graphml_opens_in_networkx_with_entities_and_claims(sample_trig, tmp_path):
    path = _export(sample_trig, "graphml", tmp_path / "g.graphml")
    G = nx.read_graphml(path)
    labels = {data.get("label") for _, data in G.nodes(data=True)}
    assert {"Nimbus Labs", "Dara Quinn", "Orbitra", "Nimbus Labs employees", "Cirrus"} <= labels
    relations = [data.get("relation") for _, _, data in G.edges(data=True)]
    assert relations.count("fired") == 4  # three assertions and one denial, each its own edge
    assert G.number_of_edges() == 17


def test_csv_has_one_row_per_claim_with_provenance(sample_trig, tmp_path):
    path = _export(sample_trig, "csv", tmp_path / "claims.csv")
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert len(rows) == 17
    denial = next(r for r in rows if r["modality"] == "negated" and r["relation"] == "fired")
    assert denial["subject_name"] == "Nimbus Labs" and denial["object_name"] == "Dara Quinn"
    assert denial["headline"] == "Nimbus Labs says CEO was not fired"
    assert denial["publisher"] == "Circuit Daily"
    assert denial["url"] == "http://www.circuitdaily.example/news/nimbus-denies?ref=rss"
    position = next(r for r in rows if r["role"] == "CTO")
    assert (position["status"], position["confidence"]) == ("current", "0.8")


def test_export_to_stdout_and_unknown_format(sample_trig):
    result = runner.invoke(app, ["export", "--graph", str(sample_trig), "--format", "nt"])
    assert result.exit_code == 0
    assert "<https://kgraph.dev/id/org/nimbus-labs> <https://kgraph.dev/ns#fired> " \
           "<https://kgraph.dev/id/person/dara-quinn> ." in result.stdout
    bad = runner.invoke(app, ["export", "--graph", str(sample_trig), "--format", "xlsx"])
    assert bad.exit_code == 2 and "--format xlsx" in bad.output


def test_export_to_unwritable_place_is_one_line_error(sample_trig, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["export", "--graph", str(sample_trig), "--out", str(blocker / "g.ttl")])
    assert result.exit_code == 1
    assert "cannot be written" in result.output and "Traceback" not in result.output
