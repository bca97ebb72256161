"""The benchmark's synthetic news and its measurements (with a stand-in extractor)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console

from kgraph.bench import load_templates, measure, results_table, synthetic_articles
from kgraph.errors import KgraphError, LexiconError
from tests.store.helpers import make_fake


def test_synthetic_news_is_varied_and_reproducible() -> None:
    articles = synthetic_articles(200)
    assert articles == synthetic_articles(200)
    assert {a.lang for a in articles} == {"id", "en"}
    assert len({a.url for a in articles}) == 200 and len({a.text for a in articles}) == 200
    text = "\n".join(a.text for a in articles)
    for cue in ("memberhentikan", "mengakuisisi", "membantah", "dikabarkan", "fired", "denied", "reportedly"):
        assert cue in text
    assert all("{" not in a.text and "{" not in (a.title or "") for a in articles)


def test_templates_file_errors_name_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "bench.yaml"
    broken.write_text("names: {}\n")
    with pytest.raises(LexiconError, match=r"bench\.yaml: missing section\(s\) organizations"):
        load_templates(broken)


def test_measure_and_table(tmp_path: Path) -> None:
    (tmp_path / "fired.rq").write_text(
        "SELECT ?o (COUNT(*) AS ?n) WHERE { ?o <https://kgraph.dev/ns#fired> ?p } GROUP BY ?o")
    (tmp_path / "people.rq").write_text(
        "# title: People\n# question: Who?\n# params: ?name\n"
        "SELECT ?name WHERE { ?p a <https://schema.org/Person> ; <https://schema.org/name> ?name }")
    large = measure(120, jobs=1, queries=tmp_path, sample=10, make_extractor=make_fake,
                    tokenizers={"id": str.split, "en": str.split})
    assert large.triples > 120 and large.words > 120 * 20
    assert set(large.queries) == {"fired", "people"} and large.queries["fired"] < 1.0
    assert large.rows["people"] > 1 and set(large.bound) == set(large.bound_rows) == {"people"}  # fired.rq has no params
    assert large.rss_mb > 10 and large.ingest_seconds > 0
    small = replace(large, n=40, ingest_seconds=large.ingest_seconds / 4)
    console = Console(width=200, record=True)
    console.print(results_table([small, large]))
    shown = console.export_text()
    assert "query fired (ms, rows)" in shown and "one value bound (ms, rows)" in shown and "growth 40 -> 120" in shown and "ingest articles/s" in shown
    assert "4.0x" in shown  # the ingest time grew four times


def test_kept_store_is_reused_and_a_store_of_another_size_refused(tmp_path: Path) -> None:
    (tmp_path / "q").mkdir()
    (tmp_path / "q" / "people.rq").write_text(
        "# params: ?name\nSELECT ?name WHERE { ?p a <https://schema.org/Person> ; <https://schema.org/name> ?name }")
    options = dict(jobs=1, queries=tmp_path / "q", sample=5, make_extractor=make_fake,
                   tokenizers={"id": str.split, "en": str.split}, keep=tmp_path / "store")
    lines: list[str] = []
    first = measure(30, progress=lambda done, total: lines.append(f"{done}/{total}"), **options)
    assert not first.reused and first.ingest_seconds > 0 and lines[-1] == "30/30"
    again = measure(30, progress=lambda done, total: lines.append("again"), **options)
    assert again.reused and again.ingest_seconds == 0 and "again" not in lines
    assert (again.triples, again.rows) == (first.triples, first.rows)
    console = Console(width=200, record=True)
    console.print(results_table([again]))
    assert "reused" in console.export_text()
    with pytest.raises(KgraphError, match=r"holds 30 articles, not 20"):
        measure(20, **options)
