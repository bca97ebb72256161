"""The tenure timeline: rows -> lanes -> marks -> page, on hand-made claims and the Nimbus story.

The Nimbus story (tests/rdf/conftest.py): Nimbus Labs fires its CEO Dara Quinn (two articles,
two dates, one more undated), Circuit Daily says Nimbus denies it and that she resigned, Priya
Natarajan becomes interim CEO, Budi Santoso used to be VP Engineering there.
"""
from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest

from kgraph.rdf.article_graph import build_dataset
from kgraph.view.timeline import (Claim, Conflict, Timeline, build_lanes, conflicts_for, rank_organizations,
                                  read_timeline, view_timelines)
from kgraph.view.timeline_layout import layout
from kgraph.view.timeline_page import timeline_page, timeline_tab
from tests.rdf.conftest import SAMPLE_EXTRACTIONS

SCRIPT = "<script>window.__pwned = 1</script>"
QUOTES = "\" onmouseover=\"window.__pwned = 2\" '"


@pytest.fixture(scope="module")
def story():
    return build_dataset(SAMPLE_EXTRACTIONS)


@pytest.fixture(scope="module")
def story_store(tmp_path_factory, story):
    from kgraph.store import open_dataset

    path = tmp_path_factory.mktemp("story") / "story.trig"
    story.serialize(destination=str(path), format="trig")
    dataset = open_dataset(graph=path)
    yield dataset
    dataset.close()


def test_claims_of_several_articles_about_one_post_make_one_bar():
    claims = [Claim("Jo", "holdsPosition", role="CEO", status="current", date="2021-02-01", article="a:1"),
              Claim("Jo", "holdsPosition", role=" ceo ", status="current", published="2023-01-05", article="a:2"),
              Claim("Jo", "holdsPosition", role="CEO", status="former", date="2024-05-02", article="a:3")]
    (lane,) = build_lanes(claims)
    (post,) = lane.posts
    assert (post.status, post.start, post.end, len(post.claims)) == ("former", "2021-02-01", "2024-05-02", 3)
    (bar,) = layout(Timeline("Acme", (lane,))).bars
    assert not bar.fade_in and not bar.fade_out and not bar.open_end and bar.x1 > bar.x0


def test_interim_posts_rumours_and_denials_are_kept_apart():
    claims = [Claim("Jo", "holdsPosition", role="CEO", status="interim", published="2024-05-01"),
              Claim("Jo", "holdsPosition", role="CEO", status="current", modality="uncertain", published="2024-06-01"),
              Claim("Jo", "holdsPosition", role="CFO", status="current", modality="negated", published="2024-06-01"),
              Claim("Jo", "joined", modality="uncertain", date="2024-04"),
              Claim("Jo", "fired", modality="negated", published="2024-06-01")]
    (lane,) = build_lanes(claims)
    assert sorted((p.role, p.status, p.modality) for p in lane.posts) == [
        ("CEO", "current", "uncertain"), ("CEO", "interim", "asserted")]
    assert [(e.change, e.modality, e.dated) for e in lane.events] == [
        ("joined", "uncertain", True), ("fired", "negated", False), ("holdsPosition", "negated", False)]


def test_undated_current_post_fades_in_and_runs_open_to_the_right():
    lanes = build_lanes([Claim("Jo", "holdsPosition", role="CTO", status="current", published="2024-06-01"),
                         Claim("Al", "holdsPosition", role="COO", status="former", published="2024-07-01")])
    page = layout(Timeline("Acme", lanes))
    by_role = {bar.post.role: bar for bar in page.bars}
    assert by_role["CTO"].fade_in and by_role["CTO"].open_end and by_role["CTO"].x1 == page.plot[1]
    assert by_role["COO"].fade_in and by_role["COO"].fade_out and not by_role["COO"].open_end


def test_a_long_empty_time_breaks_the_axis():
    lanes = build_lanes([Claim("Jo", "founded", date="2019"), Claim("Jo", "fired", date="2025-02-03"),
                         Claim("Al", "holdsPosition", role="CEO", status="interim", published="2025-02-05")])
    page = layout(Timeline("Acme", lanes))
    ((a, b),) = page.breaks
    founded, fired = sorted(page.glyphs, key=lambda g: g.x)
    assert founded.x < a < b < fired.x < page.bars[0].x1
    assert page.plot[1] - b > 0.6 * (page.plot[1] - page.plot[0])  # the recent stretch keeps most room
    assert layout(Timeline("Acme", build_lanes([Claim("Jo", "fired", date="2024-05-02"),
                                                Claim("Jo", "joined", date="2023-01-01")]))).breaks == []


def test_conflicts_mark_the_claims_of_their_two_articles():
    conflict = Conflict("fired vs resigned", "fired / resigned", "Jo", ("a", "b"), ("A", "B"), ("a:1", "a:2"))
    assert conflict.involves("fired", [Claim("Jo", "fired", article="a:1")])
    assert not conflict.involves("fired", [Claim("Jo", "fired", article="a:9")])
    assert not conflict.involves("joined", [Claim("Jo", "joined", article="a:1")])
    rows = [{"conflict": "asserted vs negated", "subject": "Jo", "relation": "holdsPosition", "object": "Acme"},
            {"conflict": "asserted vs negated", "subject": "Acme", "relation": "partnerOf", "object": "Bolt"}]
    assert [(c.person, c.relation) for c in conflicts_for(rows, "Acme")] == [("Jo", "holdsPosition")]


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_the_nimbus_story_on_both_engines(request, engine):
    dataset = request.getfixturevalue("story" if engine == "rdflib" else "story_store")
    timeline = read_timeline(dataset, "Nimbus Labs")
    lanes = {lane.person: lane for lane in timeline.lanes}
    assert list(lanes) == ["Dara Quinn", "Priya Natarajan", "Budi Santoso"]  # by first date, undated last
    dara = lanes["Dara Quinn"]
    assert [(p.role, p.status, p.end) for p in dara.posts] == [("CEO", "former", "2024-05-13")]
    assert [(e.change, e.when, e.modality) for e in dara.events] == [
        ("resigned", "2024-05-12", "asserted"), ("fired", "2024-05-13", "asserted"),
        ("fired", "2024-05-14", "asserted"), ("fired", "2024-05-15", "negated"), ("fired", "2024-05-16", "asserted")]
    assert {c.kind for c in dara.conflicts} == {"asserted vs negated", "fired vs resigned", "different dates"}
    assert timeline.denials == 1
    assert [(p.role, p.status) for p in lanes["Priya Natarajan"].posts] == [("CEO", "interim")]
    page = layout(timeline)
    assert all(g.conflict for g in page.glyphs if g.event.change in ("fired", "resigned"))


def test_view_timelines_rank_by_people_and_put_the_focus_first(story):
    # Nimbus Labs: Dara, Priya, Budi; Orbitra: Dara and (a rumour) the Nimbus staff; Kopi Teknologi: Budi
    assert [t.organization for t in view_timelines(story)] == ["Nimbus Labs", "Orbitra", "Kopi Teknologi"]
    assert [t.organization for t in view_timelines(story, first="Kopi Teknologi", limit=2)] == [
        "Kopi Teknologi", "Nimbus Labs"]
    assert [t.organization for t in view_timelines(story, among=["Orbitra", "Cirrus"])] == ["Orbitra"]


def test_rank_organizations_counts_people_then_claims():
    rows = [{"organization": "A", "people": "1", "claims": "4"}, {"organization": "B", "people": "1", "claims": "2"},
            {"organization": "C", "people": "2", "claims": "2"}]
    assert rank_organizations(rows) == ["C", "A", "B"]
    assert rank_organizations(rows, first="Nowhere") == ["C", "A", "B"]


def _hostile_timeline():
    claim = Claim("Jo " + SCRIPT, "fired", title=f"Acme {SCRIPT} {QUOTES}", evidence=f"Acme fired Jo {SCRIPT}{QUOTES}",
                  url="javascript:alert(1)", publisher=QUOTES, role=SCRIPT, published="2024-05-01", article="a:1")
    post = Claim("Jo " + SCRIPT, "holdsPosition", role=f"CEO {QUOTES}", status="current", date="2024-01-01",
                 title=SCRIPT, url=f"https://x.example/?q={QUOTES}", article="a:2")
    conflict = Conflict(SCRIPT, "fired", "Jo " + SCRIPT, (SCRIPT, QUOTES), (SCRIPT, QUOTES), ("a:1", "a:3"))
    return Timeline(f"Acme {SCRIPT}", build_lanes([claim, post], [conflict]))


class _Elements(HTMLParser):
    """Every element of a page with its attributes, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def test_article_text_is_escaped_in_text_and_attributes():
    page = timeline_page(_hostile_timeline())
    parser = _Elements()
    parser.feed(page)
    tags = [tag for tag, _attrs in parser.found]
    assert tags.count("script") == 1  # the page's own script, nothing of the article's
    assert not [(t, a) for t, a in parser.found if any(name.startswith("on") for name in a)]
    links = [a["href"] for t, a in parser.found if "href" in a]
    assert links == [f"https://x.example/?q={QUOTES}"]  # the javascript: URL is shown as text only
    assert not [t for t, a in parser.found if {"src", "srcset", "xlink:href"} & set(a)]  # nothing to fetch
    assert SCRIPT in html.unescape(page) and "default-src 'none'" in page


def test_tab_has_one_timeline_shown_and_the_others_hidden(story):
    parts = timeline_tab(view_timelines(story))
    assert parts["TIMELINE"].count('class="tl-timeline"') == 3
    assert parts["TIMELINE"].count('class="tl-timeline" hidden') == 2
    assert timeline_tab([]) == {"TIMELINE": "", "TIMELINE_CSS": "", "TIMELINE_JS": ""}
