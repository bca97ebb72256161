"""The page in headless Chromium with the network off: counts, console, controls, no injected code."""
from __future__ import annotations

import time

import pytest

from kgraph.view.network import to_networkx
from kgraph.view.render import write_html
from kgraph.view.render_bench import BrowserMissing, headless_chromium, synthetic_graph, wait_until_ready

pytestmark = pytest.mark.browser

DANA = "https://kgraph.dev/id/person/dana-whitfield"


@pytest.fixture(scope="module")
def driver():
    try:
        with headless_chromium() as browser:
            yield browser
    except BrowserMissing as missing:
        pytest.skip(f"headless Chromium is not available: {missing}")


@pytest.fixture(scope="module")
def G(dataset):
    return to_networkx(dataset)


def _open(driver, G, path, **options):
    write_html(G, path, **options)
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(path.resolve().as_uri())
    wait_until_ready(driver, timeout=30)
    return driver


def _errors(driver) -> list[dict]:
    return [entry for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]


@pytest.fixture()
def page(driver, G, tmp_path):
    return _open(driver, G, tmp_path / "graph.html", title="Sample")


def test_counts_equal_the_graph_and_console_is_clean(page, G):
    counts = page.execute_script("return [kgraph.nodes.length, kgraph.edges.length]")
    assert counts == [G.number_of_nodes(), G.number_of_edges()]
    assert page.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert _errors(page) == []


def test_physics_stops_after_stabilization(page):
    assert page.execute_script("return kgraph.network.physics.options.enabled") is False
    assert page.execute_script("return document.getElementById('kg-physics').checked") is False
    before = page.execute_script("return kgraph.network.getPositions()")
    time.sleep(0.5)
    assert page.execute_script("return kgraph.network.getPositions()") == before


def test_injected_code_never_runs(page):
    negated = page.find_element("css selector", "#kg-modalities input[value='negated']")
    negated.click()  # show the negated claim, whose evidence carries both payloads
    edge_id = page.execute_script(
        "return kgraph.edges.get({filter: e => e.label === 'acquired'})[0].id")
    page.execute_script("kgraph.network.body.emitter.emit('click', {nodes: [], edges: [arguments[0]]})", edge_id)
    details = page.find_element("id", "kg-details").text
    assert "<img src=x onerror=" in details and "<script>" in details  # shown as text
    page.find_element("id", "kg-search").send_keys("Nimbus Cloud\n")  # a node whose alias has the payload
    assert "<img src=x" in page.find_element("id", "kg-details").text
    assert page.execute_script("return window.__pwned === undefined")
    assert page.execute_script("return document.querySelectorAll('img, iframe, object').length") == 0
    assert page.execute_script("return document.querySelectorAll('a[href^=\"javascript\"]').length") == 0
    assert "<img" not in page.page_source.lower()
    assert _errors(page) == []


def test_relation_and_modality_filters(page):
    shown = "return kgraph.edges.get({filter: e => !e.hidden}).length"
    assert page.execute_script(shown) == 8  # the negated claim starts hidden
    page.find_element("css selector", "#kg-relations input[value='partnerOf']").click()
    assert page.execute_script(shown) == 6
    page.find_element("css selector", "#kg-modalities input[value='uncertain']").click()
    assert page.execute_script(shown) == 4
    assert "(4 shown)" in page.find_element("id", "kg-counts").text


def test_search_focuses_a_node_by_alias(page):
    page.find_element("id", "kg-search").send_keys("whitfield\n")
    assert page.execute_script("return kgraph.network.getSelectedNodes()") == [DANA]
    assert "Dana Whitfield" in page.find_element("id", "kg-details").text
    page.find_element("id", "kg-search").clear()
    page.find_element("id", "kg-search").send_keys("nobody at all\n")
    assert "No entity matches" in page.find_element("id", "kg-search-status").text


def test_edge_details_link_to_the_source(page):
    edge_id = page.execute_script("return kgraph.edges.get({filter: e => e.label === 'fired'})[0].id")
    page.execute_script("kgraph.network.body.emitter.emit('click', {nodes: [], edges: [arguments[0]]})", edge_id)
    text = page.find_element("id", "kg-details").text
    for part in ("fired", "2024-03-04", "asserted", "0.80", "dismissed Dana Whitfield", "Acme Robotics parts ways",
                 "Example Wire", "2024-03-05"):
        assert part in text
    link = page.find_element("css selector", "#kg-details a")
    assert link.get_attribute("href") == "https://news.example.org/acme-shakeup"


def test_large_graph_is_laid_out_in_python_and_still(driver, tmp_path):
    H = synthetic_graph(500, seed=3)
    _open(driver, H, tmp_path / "large.html")
    assert driver.execute_script("return [kgraph.nodes.length, kgraph.edges.length]") == [500, H.number_of_edges()]
    assert driver.execute_script("return kgraph.network.physics.options.enabled") is False
    assert _errors(driver) == []


def test_hover_tooltip_shows_claim_details_as_text(page):
    from selenium.webdriver.common.action_chains import ActionChains

    page.find_element("css selector", "#kg-modalities input[value='negated']").click()
    point = page.execute_script("""
        const e = kgraph.edges.get({filter: e => e.label === 'acquired'})[0];
        const p = kgraph.network.getPositions([e.from, e.to]);
        const mid = {x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2};
        const dom = kgraph.network.canvasToDOM(mid);
        const box = document.querySelector('#kg-network canvas').getBoundingClientRect();
        return [dom.x - box.width / 2, dom.y - box.height / 2];""")
    canvas = page.find_element("css selector", "#kg-network canvas")
    ActionChains(page).move_to_element_with_offset(canvas, int(point[0]), int(point[1])).perform()
    tooltip = page.find_element("css selector", "div.vis-tooltip")
    deadline = time.monotonic() + 3
    while "negated" not in tooltip.text and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "negated" in tooltip.text and "<img src=x onerror=" in tooltip.text
    assert page.execute_script("return document.querySelectorAll('div.vis-tooltip img, div.vis-tooltip script').length") == 0
    assert page.execute_script("return window.__pwned === undefined")


def test_focus_view_marks_its_centre(driver, G, tmp_path):
    from kgraph.view.network import ego_subgraph

    _open(driver, ego_subgraph(G, "whitfield", 1), tmp_path / "ego.html", focus="whitfield")
    assert driver.execute_script("return kgraph.network.getSelectedNodes()") == [DANA]
    assert driver.execute_script("return kgraph.nodes.length") == 3


def test_notebook_view_runs_inside_its_iframe(driver, G, tmp_path):
    from kgraph.view.render import notebook_view

    host = tmp_path / "notebook.html"
    host.write_text(f"<!DOCTYPE html><html><body>{notebook_view(G, height=500)._repr_html_()}</body></html>",
                    encoding="utf-8")
    driver.get_log("browser")
    driver.get(host.resolve().as_uri())
    driver.switch_to.frame(driver.find_element("tag name", "iframe"))
    try:
        wait_until_ready(driver, timeout=30)
        assert driver.execute_script("return [kgraph.nodes.length, kgraph.edges.length]") == [7, 9]
        assert driver.execute_script("return window.__pwned === undefined")
    finally:
        driver.switch_to.default_content()
    assert _errors(driver) == []


def test_entities_in_no_claim_are_set_aside(page):
    outside = page.execute_script("""
        const pos = kgraph.network.getPositions();
        const wire = kgraph.nodes.get({filter: n => n.label === 'Example Wire'})[0].id;
        const others = Object.keys(pos).filter(id => id !== wire);
        const maxX = Math.max(...others.map(id => pos[id].x)), maxY = Math.max(...others.map(id => pos[id].y));
        return pos[wire].x > maxX || pos[wire].y > maxY;""")
    assert outside


@pytest.mark.parametrize("loners", [0, 3])
def test_graph_without_claims_still_becomes_ready(driver, tmp_path, loners):
    import networkx as nx

    H = nx.MultiDiGraph()
    H.add_nodes_from((f"n{i}", {"label": f"Only mentioned {i}", "type": "Organization"}) for i in range(loners))
    _open(driver, H, tmp_path / "empty.html")
    assert f"{loners} entities, 0 claims" in driver.find_element("id", "kg-counts").text
    assert _errors(driver) == []


def test_uncertain_dashed_negated_red_and_hidden(page):
    looks = page.execute_script("""
        const pick = label => kgraph.network.body.edges[kgraph.edges.get({filter: e => e.label === label})[0].id].options;
        return ['fired', 'joined', 'acquired'].map(l => [pick(l).dashes !== false, pick(l).color.color, pick(l).hidden]);""")
    assert looks == [[False, "#555555", False], [True, "#1f77b4", False], [True, "#d62728", True]]
