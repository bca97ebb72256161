"""Issue acceptance: fired.rq on the seed, conflicts.rq on the team's planted conflict pair.

The graph is built from gold annotations (so these test the RDF model and the queries, not the
extractor) and, for the conflict pair, end to end through `kgraph build` as a user runs it.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.models import Article, Entity, Extraction, Relation
from kgraph.query import load_query, run_query
from kgraph.rdf.article_graph import build_dataset
from kgraph.rdf.results import result_rows, short_term

REPO = Path(__file__).resolve().parents[2]
TEAM_ARTICLES = REPO / "tests" / "data" / "articles"
PAIR = ("id-klaim-pecat-pelita", "en-pelita-denies-firing")


def _gold_extractions(folder: Path, ids: tuple[str, ...] | None = None) -> list[Extraction]:
    """Extractions made from gold.jsonl rows: the article text and metadata, gold entities and relations."""
    extractions = []
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if ids is not None and row["id"] not in ids:
            continue
        text = (folder / row.get("text_file", row["id"] + ".txt")).read_text(encoding="utf-8")
        article = Article(id=row["id"], text=text, lang=row.get("lang"), publisher=row.get("source"),
                          published=date.fromisoformat(row["published"]) if row.get("published") else None)
        entities = tuple(Entity(e["name"], e["type"], tuple(e.get("aliases", ())), e.get("member_of"))
                         for e in row["entities"])
        relations = tuple(Relation(r["subject"], r["relation"], r["object"], modality=r.get("modality", "asserted"),
                                   role=r.get("role"), status=r.get("status"), date=r.get("date"))
                          for r in row["relations"])
        extractions.append(Extraction(article, entities, relations))
    return extractions


def _select(dataset, name: str) -> list[dict[str, str]]:
    names, rows = result_rows(run_query(dataset, load_query(REPO / "queries" / f"{name}.rq")))
    return [dict(zip(names, map(short_term, row))) for row in rows]


@pytest.mark.shared
def test_fired_on_the_seed_gives_openai_sam_altman_with_date_and_source(shared_eval):
    dataset = build_dataset(_gold_extractions(shared_eval / "seed"))
    rows = _select(dataset, "fired")
    hit = [r for r in rows if (r["firer"], r["fired"]) == ("OpenAI", "Sam Altman")]
    assert hit, rows
    assert hit[0]["date"] == "2023-11-17"
    assert hit[0]["publisher"] == "Kontan" and hit[0]["published"] == "2023-11-22"
    assert hit[0]["article"].startswith("article:")


def test_conflicts_finds_the_planted_pair_from_gold():
    dataset = build_dataset(_gold_extractions(TEAM_ARTICLES, PAIR))
    rows = _select(dataset, "conflicts")
    assert {(r["conflict"], r["subject"], r["object"], r["claimA"], r["claimB"]) for r in rows} == {
        ("asserted vs negated", "Pelita Fintech", "Dimas Anggoro", "asserted", "negated")}


SEED_ARTICLE = REPO.parent / "shared" / "eval" / "seed" / "id-kontan-openai-2023.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """`kgraph build` of the team's conflict pair, plus the seed article where ../shared is here."""
    out = tmp_path_factory.mktemp("built") / "output"
    inputs = [str(TEAM_ARTICLES / f"{a}.txt") for a in PAIR]
    if SEED_ARTICLE.is_file():
        inputs.append(str(SEED_ARTICLE))
    result = CliRunner().invoke(app, ["build", *inputs, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _cli_rows(query: str, *source: str) -> list[dict[str, str]]:
    result = CliRunner().invoke(app, ["query", str(REPO / "queries" / f"{query}.rq"), *source, "--format", "json"])
    assert result.exit_code == 0, result.output
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(result.stdout)["results"]["bindings"]]


def test_conflicts_finds_the_planted_pair_end_to_end(built):
    for source in (["--graph", str(built / "graph.ttl")], ["--store", str(built / "store")]):
        rows = _cli_rows("conflicts", *source)
        pelita = [r for r in rows if (r["subject"], r["object"]) == ("Pelita Fintech", "Dimas Anggoro")]
        assert "asserted vs negated" in {r["conflict"] for r in pelita}, rows
        assert all(r["articleA"] != r["articleB"] for r in pelita)


@pytest.mark.shared
def test_fired_on_the_built_seed_end_to_end(built, shared_eval):
    rows = _cli_rows("fired", "--store", str(built / "store"))
    hit = [r for r in rows if (r["firer"], r["fired"]) == ("OpenAI", "Sam Altman")]
    assert hit, rows
    assert (hit[0]["date"], hit[0]["publisher"]) == ("2023-11-17", "Kontan")
    assert hit[0]["article"].startswith("https://kgraph.dev/id/article/")
