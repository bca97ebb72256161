"""The HTML page without a browser: self-contained, escaped, and carrying what the view draws."""
from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from kgraph.errors import OutputError
from kgraph.view.network import to_networkx
from kgraph.view.render import embed_json, notebook_view, render_html, view_data, write_html
from kgraph.view.render_bench import synthetic_graph

from .sample_articles import IMG, SCRIPT


@pytest.fixture(scope="module")
def G(dataset):
    return to_networkx(dataset)


@pytest.fixture(scope="module")
def page(G):
    return render_html(G, title=f"Demo {SCRIPT}")


def _data(page: str) -> dict:
    island = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    return json.loads(island.group(1))


def test_page_loads_nothing_from_the_network(page):
    assert not re.search(r"""<(script|img|link|iframe)[^>]*\s(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(https?:)?//""", page, re.I)
    assert "@import" not in page and "sourceMappingURL" not in page
    assert "default-src 'none'" in page  # the CSP forbids any fetch even if something tried
    tags = re.findall(r"^<(?:script|style)[^>]*>", page, re.M)
    assert tags == ["<style>", "<style>", '<script type="application/json" id="kg-data">', "<script>", "<script>"]


def test_article_markup_never_appears_raw(page):
    assert "<img" not in page.lower()
    assert SCRIPT not in page and IMG not in page
    assert "window.__pwned" in page  # the text is there, escaped, for the reader to see
    assert "<title>Demo &lt;script&gt;" in page


def test_data_island_round_trips_the_article_text(page):
    data = _data(page)
    evidence = {e["evidence"] for e in data["edges"]}
    assert f"Nimbus Cloud has not bought Lumen Labs {SCRIPT} {IMG}" in evidence
    assert len(data["nodes"]) == 7 and len(data["edges"]) == 9


def test_embed_json_cannot_close_the_script_element():
    text = embed_json({"x": "</script><!--<script>"})
    assert "<" not in text and ">" not in text
    assert json.loads(text) == {"x": "</script><!--<script>"}


def test_view_data_sizes_nodes_by_centrality(G):
    nodes = {n["label"]: n for n in view_data(G)["nodes"]}
    assert nodes["Acme Robotics"]["size"] > nodes["Dana Whitfield"]["size"] > nodes["Example Wire"]["size"]


def test_view_data_fans_out_parallel_claims_and_marks_symmetric_ones(G):
    edges = view_data(G)["edges"]
    partners = [e for e in edges if e["relation"] == "partnerOf"]
    assert len(partners) == 2 and all(e["symmetric"] for e in partners)
    assert partners[0]["roundness"] != partners[1]["roundness"]
    (fired,) = [e for e in edges if e["relation"] == "fired"]
    (position,) = [e for e in edges if e["relation"] == "holdsPosition"]  # same pair, other direction
    assert fired["roundness"] != 0 and position["roundness"] != 0
    assert not [e for e in edges if e["relation"] == "developed"][0]["roundness"]


def test_small_graph_uses_physics_large_graph_a_precomputed_layout():
    small = view_data(synthetic_graph(100))
    assert small["physics"] and all("x" not in n for n in small["nodes"])
    large = view_data(synthetic_graph(400))
    assert not large["physics"]
    linked = [n for n in large["nodes"] if n["claims"]]
    loners = [n for n in large["nodes"] if not n["claims"]]
    assert loners and all("x" not in n for n in loners)  # the page lines them up
    xs = [n["x"] for n in linked]
    assert len(xs) > 300 and max(xs) - min(xs) > 500  # spread out, not piled up


def test_negated_claims_start_hidden_by_style(page):
    assert _data(page)["style"]["modalities"]["negated"]["hidden"] is True


def test_write_html_creates_folders_and_reports_unwritable_paths(G, tmp_path):
    out = write_html(G, tmp_path / "new" / "graph.html")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write the view"):
        write_html(G, blocker / "graph.html")


def test_notebook_view_is_an_escaped_iframe(G):
    view = notebook_view(G, height=400)
    markup = view._repr_html_()
    assert markup.startswith("<iframe srcdoc=") and "height:400px" in markup
    assert "<script" not in markup  # the whole page is an attribute value
    assert view.page == render_html(G)


def test_empty_graph_renders():
    data = _data(render_html(nx.MultiDiGraph()))
    assert data["nodes"] == [] and data["edges"] == []
