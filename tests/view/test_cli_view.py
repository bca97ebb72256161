"""``kgraph render`` through typer's CliRunner."""
from __future__ import annotations

import json
import os
import re

import pytest
from typer.testing import CliRunner

from kgraph.cli import app
from tests.store.helpers import on_endpoint

runner = CliRunner()


def _data(path) -> dict:
    page = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))


def test_render_writes_the_whole_graph(trig_file, tmp_path):
    out = tmp_path / "view" / "graph.html"
    result = runner.invoke(app, ["render", "--graph", str(trig_file), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "7 entities, 9 claims" in result.output
    data = _data(out)
    assert len(data["nodes"]) == 7 and len(data["edges"]) == 9


def test_render_focus_depth_and_relations(trig_file, tmp_path):
    out = tmp_path / "ego.html"
    result = runner.invoke(app, ["render", "--graph", str(trig_file), "--out", str(out), "--focus", "Whitfield",
                                 "--depth", "1", "--relations", "fired,joined,holdsPosition"])
    assert result.exit_code == 0, result.output
    data = _data(out)
    assert sorted(n["label"] for n in data["nodes"]) == ["Acme Robotics", "Dana Whitfield", "Lumen Labs"]
    assert sorted(e["relation"] for e in data["edges"]) == ["fired", "holdsPosition", "joined"]
    assert data["focus"] == "Dana Whitfield"  # the page marks the centre by its name


def test_render_period(trig_file, tmp_path):
    out = tmp_path / "april.html"
    result = runner.invoke(app, ["render", "--graph", str(trig_file), "--out", str(out),
                                 "--since", "2024-04-01", "--until", "2024-04-30", "--modalities", "asserted"])
    assert result.exit_code == 0, result.output
    assert sorted(e["relation"] for e in _data(out)["edges"]) == ["competitorOf", "partnerOf"]


@pytest.mark.parametrize("args, message", [
    (["--relations", "fired,hugged"], "--relations: unknown relation 'hugged'"),
    (["--since", "March"], "--since: 'March' is not a date"),
    (["--focus", "Nobody Inc"], "--focus: no entity called 'Nobody Inc'"),
    (["--depth", "3"], "--depth needs --focus"),
    (["--size-by", "closeness"], "--size-by: unknown centrality 'closeness'"),
    (["--focus", "Helix", "--relations", "fired"], "--focus: 'Helix' takes part in no claim that matches"),
    (["--endpoint", "http://127.0.0.1:9"], "cannot be combined"),
])
def test_render_bad_options_exit_2_with_one_line(trig_file, tmp_path, args, message):
    result = runner.invoke(app, ["render", "--graph", str(trig_file), "--out", str(tmp_path / "x.html"), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.html").exists()


def test_render_missing_graph_file(tmp_path):
    result = runner.invoke(app, ["render", "--graph", str(tmp_path / "none.trig"), "--out", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert "none.trig" in result.output


@pytest.mark.server
@pytest.mark.skipif(not os.environ.get("KGRAPH_TEST_ENDPOINT"), reason="KGRAPH_TEST_ENDPOINT is not set "
                    "(.ci/run starts an Oxigraph server and sets it)")
def test_render_from_a_sparql_endpoint(dataset, tmp_path):
    url = os.environ["KGRAPH_TEST_ENDPOINT"]
    with on_endpoint(dataset, url):
        out = tmp_path / "remote.html"
        result = runner.invoke(app, ["render", "--endpoint", url, "--out", str(out), "--focus", "Dana Whitfield"])
        assert result.exit_code == 0, result.output
        data = _data(out)
        assert sorted(e["relation"] for e in data["edges"]) == [
            "fired", "holdsPosition", "joined", "partnerOf", "partnerOf"]  # Acme and Lumen are 1 claim away
        (fired,) = [e for e in data["edges"] if e["relation"] == "fired"]
        assert fired["date"] == "2024-03-04" and fired["source_url"] == "https://news.example.org/acme-shakeup"
