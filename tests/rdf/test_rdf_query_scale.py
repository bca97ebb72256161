"""Queries stay fast when the same entities appear in many articles.

Oxigraph's union default graph repeats an entity's triples once per article graph holding them,
so a query that joins entity names naively multiplies rows by (articles mentioning it)^k. The
queries look such triples up DISTINCT; this test would take hours (or run out of memory) without.
"""
from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

from kgraph.models import Article, Entity, Extraction, Relation
from kgraph.query import load_query, run_query
from kgraph.rdf.article_graph import build_dataset
from kgraph.rdf.results import result_rows

QUERIES = sorted((Path(__file__).resolve().parents[2] / "queries").glob("*.rq"))
ARTICLES = 120


def _crowded_extractions() -> list[Extraction]:
    """120 articles from one publisher, all naming Acme Global and its CEO, each one firing."""
    out = []
    for i in range(ARTICLES):
        text = f"Acme Global fired Worker {i}. Jo Doe is the CEO of Acme Global. Zeta Corp is a rival."
        entities = (Entity("Acme Global", "Organization", aliases=("Acme",)), Entity("Jo Doe", "Person"),
                    Entity(f"Worker {i}", "Person"), Entity("Zeta Corp", "Organization"))
        relations = (Relation("Acme Global", "fired", f"Worker {i}", date="2024-03-01", end=28),
                     Relation("Jo Doe", "holdsPosition", "Acme Global", role="CEO", status="current",
                              start=29, end=62),
                     Relation("Zeta Corp", "competitorOf", "Acme Global", start=63, end=len(text)))
        article = Article(id=f"a{i}", text=text, lang="en", url=f"https://news.example/{i}",
                          published=date(2024, 3, 2) + timedelta(days=i % 20), publisher="Daily Example",
                          authors=("Ann Writer",))
        out.append(Extraction(article, entities, relations))
    return out


def test_every_query_is_fast_on_a_crowded_graph(tmp_path):
    from kgraph.store import open_dataset

    path = tmp_path / "crowded.trig"
    build_dataset(_crowded_extractions()).serialize(path, format="trig")
    dataset = open_dataset(graph=path)
    rows: dict[str, int] = {}
    try:
        for query_path in QUERIES:
            query = load_query(query_path)
            started = time.perf_counter()
            rows[query_path.stem] = len(result_rows(run_query(dataset, query))[1])
            elapsed = time.perf_counter() - started
            assert elapsed < 20, f"{query_path.name} took {elapsed:.1f}s on {ARTICLES} articles"
    finally:
        dataset.close()
    assert rows["fired"] == ARTICLES
    assert rows["positions"] == ARTICLES  # one asserted CEO claim per article
    assert rows["articles_per_publisher"] == 1
    assert rows["co_mentioned_organizations"] == 1
