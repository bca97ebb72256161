"""The page in headless Chromium with the network off: counts, console, controls, no injected code."""
from __future__ import annotations

import time

import pytest

from kgraph.view.network import to_networkx
from kgraph.view.render import write_html
from kgraph.view.render_bench import synthetic_graph, wait_until_ready

pytestmark = pytest.mark.browser

DANA = "https://kgraph.dev/id/person/dana-whitfield"


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
    page.find_element("id", "kg-loners").click()  # they start hidden: show them
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


# --- the bundled samples' view (output/graph.html of `kgraph build`) ------------------------

@pytest.fixture(scope="module")
def samples_G():
    """The graph of the six bundled sample articles, as `kgraph build` draws it."""
    import kgraph
    from kgraph.samples import sample_files

    return to_networkx(kgraph.build_dataset(kgraph.extract_articles(sample_files())))


@pytest.fixture(scope="module")
def samples_page(driver, samples_G, tmp_path_factory):
    return _open(driver, samples_G, tmp_path_factory.mktemp("samples") / "graph.html", title="Samples")


_LABEL_BOXES = """
    const body = kgraph.network.body;
    return kgraph.nodes.getIds({filter: n => !n.hidden}).map(id => {
        const s = body.nodes[id].labelModule.size;
        return [body.nodes[id].options.label, s.left, s.top, s.width, s.height];
    });"""


def _overlapping(boxes: list) -> list[tuple[str, str]]:
    """Pairs of label boxes ``[name, left, top, width, height]`` that share more than a pixel."""
    out = []
    for i, (a, ax, ay, aw, ah) in enumerate(boxes):
        for b, bx, by, bw, bh in boxes[i + 1:]:
            if min(ax + aw, bx + bw) - max(ax, bx) > 1 and min(ay + ah, by + bh) - max(ay, by) > 1:
                out.append((a, b))
    return out


def test_samples_view_no_two_node_labels_overlap_at_load(samples_page, samples_G):
    boxes = samples_page.execute_script(_LABEL_BOXES)
    claimed = [n for n in samples_G if samples_G.degree(n)]
    assert len(boxes) == len(claimed) > 30
    assert all(w > 0 and h > 0 for _, _, _, w, h in boxes)  # every label was drawn and measured
    assert _overlapping(boxes) == []
    assert _errors(samples_page) == []


def test_the_overlap_check_sees_overlapping_labels():
    assert _overlapping([["a", 0, 0, 50, 20], ["b", 40, 10, 50, 20], ["c", 200, 0, 10, 10]]) == [("a", "b")]


def test_samples_view_is_interactive_a_click_shows_details(samples_page):
    from selenium.webdriver.common.action_chains import ActionChains

    name, x, y = samples_page.execute_script("""
        const id = kgraph.nodes.get({filter: n => n.label === 'Tandem Robotics'})[0].id;
        const dom = kgraph.network.canvasToDOM(kgraph.network.getPositions([id])[id]);
        const box = document.querySelector('#kg-network canvas').getBoundingClientRect();
        return ['Tandem Robotics', dom.x - box.width / 2, dom.y - box.height / 2];""")
    canvas = samples_page.find_element("css selector", "#kg-network canvas")
    ActionChains(samples_page).move_to_element_with_offset(canvas, int(x), int(y)).click().perform()
    details = samples_page.find_element("id", "kg-details").text
    assert name in details and "Organization" in details
    labelled = samples_page.execute_script("return kgraph.labelled()")
    assert labelled and set(labelled) == set(samples_page.execute_script(
        "return kgraph.network.getConnectedEdges(kgraph.network.getSelectedNodes()[0])"))


def test_claimless_entities_are_hidden_with_a_toggle_and_a_count(driver, samples_G, tmp_path):
    page = _open(driver, samples_G, tmp_path / "graph.html")
    loners = [n for n in samples_G if not samples_G.degree(n)]
    hidden = "return kgraph.nodes.get({filter: n => n.hidden}).length"
    assert page.execute_script(hidden) == len(loners) > 5
    toggle = page.find_element("id", "kg-loners")
    assert f"{len(loners)} entities in no claim" in page.find_element("id", "kg-loners-label").text
    assert f"{len(loners)} entities in no claim hidden" in page.find_element("id", "kg-counts").text
    toggle.click()
    assert page.execute_script(hidden) == 0
    assert "hidden" not in page.find_element("id", "kg-counts").text
    toggle.click()
    assert page.execute_script(hidden) == len(loners)


_DRAWN_LABELS = """
    const body = kgraph.network.body;
    const byVis = kgraph.edges.getIds({filter: e => !e.hidden}).filter(id => body.edges[id].labelModule.visible());
    return byVis.concat(kgraph.drawnLabels);"""


def _drawn(page) -> list[str]:
    """The claims whose label the last frame drew (by vis, or by the page for the labelled ones)."""
    page.execute_script("kgraph.network.redraw()")
    return page.execute_script(_DRAWN_LABELS)


def test_edge_labels_on_hover_selection_and_zoom_only(driver, samples_G, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains

    page = _open(driver, samples_G, tmp_path / "graph.html")
    assert page.execute_script("return kgraph.network.getScale()") < 1.3  # the whole view fits
    assert _drawn(page) == []  # not all at once
    page.find_element("id", "kg-search").send_keys("Nusapay\n")
    shown_edges_of_selected = set(page.execute_script(
        "return kgraph.network.getConnectedEdges(kgraph.network.getSelectedNodes()[0])")) - set(
        page.execute_script("return kgraph.edges.getIds({filter: e => e.hidden})"))
    assert shown_edges_of_selected and set(_drawn(page)) == shown_edges_of_selected
    page.execute_script("kgraph.network.unselectAll(); kgraph.network.body.emitter.emit('select', {nodes: [], edges: []});"
                        "kgraph.network.fit({animation: false});")  # the search zoomed to Nusapay
    assert _drawn(page) == []
    x, y, edge = page.execute_script("""
        const e = kgraph.edges.get({filter: e => e.label === 'acquired' && !e.hidden && !e.smooth})[0];
        const p = kgraph.network.getPositions([e.from, e.to]);
        const dom = kgraph.network.canvasToDOM({x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2});
        const box = document.querySelector('#kg-network canvas').getBoundingClientRect();
        return [dom.x - box.width / 2, dom.y - box.height / 2, e.id];""")
    canvas = page.find_element("css selector", "#kg-network canvas")
    ActionChains(page).move_to_element_with_offset(canvas, int(x), int(y)).perform()
    deadline = time.monotonic() + 3
    while _drawn(page) != [edge] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _drawn(page) == [edge]  # the hovered claim's label
    ActionChains(page).move_to_element_with_offset(canvas, 0, 0).perform()
    page.execute_script("kgraph.network.moveTo({scale: 2})")
    assert sorted(_drawn(page)) == sorted(page.execute_script("return kgraph.edges.getIds({filter: e => !e.hidden})"))


def test_an_ego_view_fits_the_canvas(driver, samples_G, tmp_path):
    from kgraph.view.network import ego_subgraph

    ego = ego_subgraph(samples_G, "Tandem Robotics", 1)
    page = _open(driver, ego, tmp_path / "ego.html", focus="Tandem Robotics")
    share = page.execute_script("""
        const net = kgraph.network, ids = kgraph.nodes.getIds({filter: n => !n.hidden});
        const boxes = ids.map(id => net.getBoundingBox(id));
        const a = net.canvasToDOM({x: Math.min(...boxes.map(b => b.left)), y: Math.min(...boxes.map(b => b.top))});
        const b = net.canvasToDOM({x: Math.max(...boxes.map(b => b.right)), y: Math.max(...boxes.map(b => b.bottom))});
        const canvas = document.querySelector('#kg-network canvas').getBoundingClientRect();
        return [(b.x - a.x) / canvas.width, (b.y - a.y) / canvas.height, a.x >= -1, a.y >= -1,
                b.x <= canvas.width + 1, b.y <= canvas.height + 1];""")
    assert max(share[0], share[1]) > 0.6, share  # fills the canvas one way at least
    assert all(share[2:]), share  # and all of it is in view
    assert _overlapping(page.execute_script(_LABEL_BOXES)) == []
