"""``kgraph timeline`` and the network view's Timeline tab through typer's CliRunner."""
from __future__ import annotations

import contextlib
import re
from datetime import date

import pytest
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.models import Article, Entity, Extraction, Relation
from kgraph.rdf.article_graph import build_dataset
from tests.rdf.conftest import SAMPLE_EXTRACTIONS

runner = CliRunner()

PAYLOAD = "<script>window.__pwned = 1</script>\" onclick=\"window.__pwned = 2"
HOSTILE = Extraction(
    article=Article(id="hostile", lang="en", title=f"Vexa ousts its chief {PAYLOAD}", url="javascript:alert(1)",
                    published=date(2024, 8, 1), text="(invented article with hostile markup used by the tests)"),
    entities=(Entity("Vexa", "Organization"), Entity("Rin Sato", "Person")),
    relations=(Relation("Vexa", "fired", "Rin Sato", evidence=f"Vexa fired Rin Sato {PAYLOAD}", start=0, end=40,
                        date="2024-07-30"),
               Relation("Rin Sato", "holdsPosition", "Vexa", role=f"CEO {PAYLOAD}", status="former",
                        evidence=f"Rin Sato led Vexa {PAYLOAD}", start=41, end=80)),
)


@pytest.fixture(scope="module")
def story_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("story") / "story.trig"
    build_dataset((*SAMPLE_EXTRACTIONS, HOSTILE)).serialize(destination=str(path), format="trig")
    return path


@pytest.mark.parametrize("name", ["Nimbus Labs", "nimbus", "organization:nimbus-labs",
                                  "<https://kgraph.dev/id/org/nimbus-labs>"])
def test_timeline_by_name_alias_or_iri(story_file, tmp_path, name):
    out = tmp_path / "t.html"
    result = runner.invoke(app, ["timeline", name, "--graph", str(story_file), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Nimbus Labs, 3 lanes, 8 claims" in result.stdout
    page = out.read_text(encoding="utf-8")
    for person in ("Dara Quinn", "Priya Natarajan", "Budi Santoso"):
        assert f'class="tl-person"><title>{person}</title>' in page
    assert page.count('class="tl-mark tl-conflict"') == 1  # Dara's lane: the sources disagree
    assert "Nimbus Labs fired its chief executive Dara Quinn on Monday." in page
    assert 'href="https://ledgerwire.example/2024/05/nimbus-fires-ceo"' in page


def test_timeline_default_file_is_named_after_the_organization(story_file, tmp_path):
    with contextlib.chdir(tmp_path):
        result = runner.invoke(app, ["timeline", "KopiTek", "--graph", str(story_file)])
    assert result.exit_code == 0, result.output
    assert "read as 'Kopi Teknologi'" in result.output
    assert (tmp_path / "output" / "timeline-kopi-teknologi.html").is_file()


@pytest.mark.parametrize("name, message", [
    ("Nimbus Lab", "timeline Nimbus Lab: no entity has that name or alias; close names: Nimbus Labs"),
    ("Dara Quinn", "timeline Dara Quinn: no one holds a post at"),
])
def test_timeline_of_nothing_is_one_line_and_exit_2(story_file, tmp_path, name, message):
    result = runner.invoke(app, ["timeline", name, "--graph", str(story_file), "--out", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "x.html").exists()


def test_timeline_escapes_a_hostile_article(story_file, tmp_path):
    out = tmp_path / "vexa.html"
    result = runner.invoke(app, ["timeline", "Vexa", "--graph", str(story_file), "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.count("<script") == 1 and "onclick=\"" not in page
    assert "Vexa ousts its chief &lt;script&gt;window.__pwned = 1&lt;/script&gt;&quot; onclick=&quot;" in page
    assert 'href="javascript' not in page


def test_render_has_a_timeline_tab_of_the_focused_organization(story_file, tmp_path):
    out = tmp_path / "graph.html"
    result = runner.invoke(app, ["render", "--graph", str(story_file), "--out", str(out), "--focus", "Orbitra"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    picks = re.findall(r'<option value="tl\d">([^<]*)</option>', page)
    assert picks[0] == "Orbitra (2)" and "Nimbus Labs (3)" in picks and not any("Vexa" in p for p in picks)


def test_render_without_organizations_has_no_tab(story_file, tmp_path):
    out = tmp_path / "graph.html"
    result = runner.invoke(app, ["render", "--graph", str(story_file), "--out", str(out), "--focus", "Cirrus", "--depth", "0"])
    assert result.exit_code == 0, result.output
    assert 'id="kg-tabs"' not in out.read_text(encoding="utf-8")
