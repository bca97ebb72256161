"""A store or a TriG file keeps the union of its articles' graphs as a set for queries; exports
give the articles' graphs, never that copy twice."""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.store import LocalStore
from kgraph.store.ingest import ingest
from tests.store.helpers import COMPANIES, make_fake
from tests.store.test_ingest import articles

runner = CliRunner()
NAME_COUNT = ('SELECT (COUNT(*) AS ?n) WHERE {{ ?e <https://schema.org/name> "{name}" }}')


def _store(tmp_path: Path, count: int = 10) -> Path:
    with LocalStore(tmp_path / "s") as store:
        ingest(articles(count), store, make_fake)
    return tmp_path / "s"


def test_trig_export_of_a_store_holds_each_article_graph_once(tmp_path: Path) -> None:
    store = _store(tmp_path)
    result = runner.invoke(app, ["export", "--format", "trig", "--store", str(store)])
    assert result.exit_code == 0, result.output
    exported = Dataset().parse(data=result.stdout, format="trig")
    graphs = {g.identifier for g in exported.graphs() if g.identifier != exported.default_graph.identifier}
    assert len(graphs) == 10
    assert len(exported.default_graph) == 0  # the union copy is not written out


def test_a_trig_file_answers_like_the_store_it_came_from(tmp_path: Path) -> None:
    store = _store(tmp_path)
    trig = tmp_path / "g.trig"
    assert runner.invoke(app, ["export", "--format", "trig", "--store", str(store), "--out", str(trig)]).exit_code == 0
    query = NAME_COUNT.format(name=COMPANIES[0])  # named by 2 of the 10 articles
    for source in (["--store", str(store)], ["--graph", str(trig)]):
        result = runner.invoke(app, ["query", query, "--format", "csv", *source])
        assert result.exit_code == 0, result.output
        assert result.stdout.split() == ["n", "1"], source
