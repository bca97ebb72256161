"""`kgraph build` and `kgraph extract` as a user runs them."""
from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from rdflib import Graph, Namespace
from typer.testing import CliRunner

from kgraph.cli import app

KG = Namespace("https://kgraph.dev/ns#")
ARTICLES = Path(__file__).parent / "data" / "articles"


@pytest.fixture(scope="module")
def built_samples(tmp_path_factory):
    """`kgraph build` with no path, run in an empty folder."""
    folder = tmp_path_factory.mktemp("work")
    with contextlib.chdir(folder):
        result = CliRunner().invoke(app, ["build"])
    return result, folder


def test_build_without_paths_uses_the_bundled_samples(built_samples):
    result, cwd = built_samples
    assert result.exit_code == 0, result.output
    assert "6 bundled sample articles" in result.output
    assert (cwd / "output" / "graph.ttl").stat().st_size > 0
    assert (cwd / "output" / "graph.html").stat().st_size > 0
    for line in ("entities: Person", "entities: Organization", "claims: fired", "wrote output/graph.ttl"):
        assert line in result.output


def test_build_graph_holds_the_samples_claims(built_samples):
    _, cwd = built_samples
    graph = Graph().parse(cwd / "output" / "graph.ttl", format="turtle")
    fired = {(str(s), str(o)) for s, o in graph.subject_objects(KG.fired)}
    assert any(s.endswith("/org/quillstone-labs") and o.endswith("/person/nadia-ferrante") for s, o in fired)
    assert "negated" in {str(m) for m in graph.objects(None, KG.modality)}  # the samples deny things too


def test_build_draws_the_samples_tenure_timeline(built_samples):
    _, cwd = built_samples
    page = (cwd / "output" / "timeline-quillstone-labs.html").read_text(encoding="utf-8")
    for person in ("Nadia Ferrante", "Owen Lacroix", "Quillstone employees"):
        assert f'class="tl-person"><title>{person}</title>' in page
    assert "tl-event tl-fired tl-asserted" in page and "tl-bar tl-interim" in page
    assert 'id="kg-tabs"' in (cwd / "output" / "graph.html").read_text(encoding="utf-8")
    with contextlib.chdir(cwd):
        result = CliRunner().invoke(app, ["timeline", "Nusapay"])
    assert result.exit_code == 0, result.output
    nusapay = (cwd / "output" / "timeline-nusapay.html").read_text(encoding="utf-8")
    assert "Bagas Pranowo" in nusapay and "tl-bar tl-interim" in nusapay  # Lintang Maharani, Plt. CEO


def test_build_missing_path_exits_2_and_builds_the_rest(tmp_path):
    good = ARTICLES / "en-fired-gridmark.txt"
    result = CliRunner().invoke(app, ["build", str(good), str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "nope.txt: no such file or folder" in result.output
    assert (tmp_path / "o" / "graph.ttl").is_file()


def test_extract_jsonl_is_the_scorers_prediction_format():
    result = CliRunner().invoke(app, ["extract", str(ARTICLES / "en-fired-gridmark.txt"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert {r["article"] for r in rows} == {"en-fired-gridmark"}
    entities = {(r["entity"], r["type"]) for r in rows if "entity" in r}
    assert ("Calvin Marsh", "Person") in entities
    fired = [r for r in rows if r.get("relation") == "fired" and r["object"] == "Calvin Marsh"]
    assert fired and fired[0]["subject"] == "Gridmark" and fired[0]["modality"] == "asserted"
    assert fired[0]["evidence"] and fired[0]["rule"] and 0 < fired[0]["confidence"] <= 1


def test_extract_unknown_format_is_a_usage_error():
    result = CliRunner().invoke(app, ["extract", str(ARTICLES), "--format", "xml"])
    assert result.exit_code == 2
    assert "--format 'xml'" in result.output


def test_extract_published_option_anchors_relative_dates(tmp_path):
    article = tmp_path / "memo.txt"
    article.write_text("Kirimaja memecat CEO Kirimaja, Dodi Prakoso, pada Senin (3/6).\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(article), "--lang", "id", "--published", "2024-06-05"])
    assert result.exit_code == 0, result.output
    fired = [json.loads(line) for line in result.stdout.splitlines() if '"fired"' in line]
    assert fired and fired[0]["date"] == "2024-06-03"


def test_extract_bad_published_option_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["extract", str(ARTICLES), "--published", "last week"])
    assert result.exit_code == 2
    assert "--published 'last week'" in result.output


def test_bench_extract_prints_speed_beside_the_tokenizer():
    result = CliRunner().invoke(app, ["bench-extract", str(ARTICLES / "en-fired-gridmark.txt"),
                                      str(ARTICLES / "id-pendiri-hengkang.txt"), "--rounds", "1"])
    assert result.exit_code == 0, result.output
    for label in ("extraction words/s", "bare spaCy tokenizer words/s", "extraction time / tokenizer time"):
        assert label in result.output


README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_shows_the_real_sample_summary(built_samples):
    """The README's `$ kgraph build` block is what the build prints (the samples' path elided)."""
    result, _ = built_samples
    text = README.read_text(encoding="utf-8")
    start = text.index("```\n$ kgraph build\n") + len("```\n$ kgraph build\n")
    shown = text[start:text.index("```", start)]
    samples = str(Path(__file__).resolve().parents[1] / "kgraph" / "samples")
    real = result.stdout.replace(samples, ".../kgraph/samples")
    assert [line.rstrip() for line in shown.splitlines()] == [line.rstrip() for line in real.splitlines()], (
        "README.md's sample summary is out of date; the build prints:\n" + real)


def test_the_samples_folder_reads_clean():
    samples = Path(__file__).resolve().parents[1] / "kgraph" / "samples"
    result = CliRunner().invoke(app, ["read", str(samples)])
    assert result.exit_code == 0, result.output
    assert "could not be read" not in result.output and "read 6 article(s)" in result.output
