"""The timeline page and the network view's Timeline tab in headless Chromium, network off."""
from __future__ import annotations

import pytest

from kgraph.rdf.article_graph import build_dataset
from kgraph.view.network import to_networkx
from kgraph.view.render import write_html
from kgraph.view.render_bench import wait_until_ready
from kgraph.view.timeline import read_timeline, view_timelines
from kgraph.view.timeline_page import write_timeline
from tests.rdf.conftest import SAMPLE_EXTRACTIONS

from .test_cli_timeline import HOSTILE

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def story():
    return build_dataset((*SAMPLE_EXTRACTIONS, HOSTILE))


def _open(driver, path):
    driver.get_log("browser")
    driver.get(path.resolve().as_uri())
    return driver


def _errors(driver) -> list[dict]:
    return [entry for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]


def _click(driver, selector):
    driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))",
                          driver.find_element("css selector", selector))


def test_a_click_shows_the_sentence_and_source(driver, story, tmp_path):
    page = _open(driver, write_timeline(read_timeline(story, "Nimbus Labs"), tmp_path / "nimbus.html"))
    assert page.execute_script("return window.kgraphTimeline.ready") is True
    assert page.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert page.execute_script("return document.querySelectorAll('.tl-detail:not([hidden])').length") == 0
    _click(page, ".tl-event.tl-resigned")
    shown = page.find_elements("css selector", ".tl-detail:not([hidden])")
    assert len(shown) == 1
    text = shown[0].text
    assert "A spokesperson said Quinn resigned on Sunday." in text and "Nimbus Labs says CEO was not fired" in text
    assert "Sources disagree (fired vs resigned" in text  # the conflict, on the mark it concerns
    link = shown[0].find_element("css selector", "a")
    assert link.get_attribute("href") == "http://www.circuitdaily.example/news/nimbus-denies?ref=rss"
    assert _errors(page) == []


def test_denied_claims_can_be_hidden(driver, story, tmp_path):
    page = _open(driver, write_timeline(read_timeline(story, "Nimbus Labs"), tmp_path / "nimbus.html"))
    visible = "return [...document.querySelectorAll('.tl-negated')].filter(m => m.getBoundingClientRect().width > 0).length"
    assert page.execute_script(visible) == 1
    page.find_element("css selector", ".tl-toggle-negated").click()
    assert page.execute_script(visible) == 0


def test_hostile_text_is_shown_and_never_run(driver, story, tmp_path):
    page = _open(driver, write_timeline(read_timeline(story, "Vexa"), tmp_path / "vexa.html"))
    _click(page, ".tl-event.tl-fired")
    text = page.find_element("css selector", ".tl-detail:not([hidden])").text
    assert "<script>window.__pwned = 1</script>" in text and "javascript:alert(1)" in text  # as text, not a link
    assert page.execute_script("return window.__pwned === undefined")
    assert page.execute_script("return document.querySelectorAll('a[href^=\"javascript\"]').length") == 0
    assert _errors(page) == []


def test_the_network_view_has_a_timeline_tab(driver, story, tmp_path):
    path = write_html(to_networkx(story), tmp_path / "graph.html", timelines=view_timelines(story))
    page = _open(driver, path)
    wait_until_ready(page, timeout=30)
    section = page.find_element("id", "kg-timeline")
    assert not section.is_displayed()
    page.find_element("css selector", "[data-kg-tab='timeline']").click()
    assert section.is_displayed()
    assert [t.is_displayed() for t in section.find_elements("css selector", ".tl-timeline")] == [True, False, False, False]
    page.execute_script("const s = document.querySelector('.tl-pick'); s.value = 'tl1';"
                        "s.dispatchEvent(new Event('change'))")
    assert [t.is_displayed() for t in section.find_elements("css selector", ".tl-timeline")] == [False, True, False, False]
    page.find_element("css selector", "[data-kg-tab='network']").click()
    assert not section.is_displayed()
    assert page.execute_script("return [kgraph.nodes.length, window.__pwned === undefined]")[1] is True
    assert _errors(page) == []
