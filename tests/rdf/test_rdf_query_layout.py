"""The queries that read what the writer derives per article (claim counts, statement nodes)
give the same rows as the queries they replaced, which count and pair the claims themselves.

``tests/data/queries_before_layout/`` holds those earlier queries as they were; both run on a
graph of random articles (publishers or none, articles without claims, every modality, dated
and undated claims of few entities, so every kind of conflict occurs), on a store written by
kgraph and on a store from an older kgraph that a writer upgraded.
"""
from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

import pyoxigraph as ox
import pytest

from kgraph.models import Article, Entity, Extraction, Relation
from kgraph.query import load_query, run_query
from kgraph.rdf.results import result_rows
from kgraph.store import LocalStore, open_dataset
from kgraph.store.ingest import GraphWriter

ROOT = Path(__file__).resolve().parents[2]
BEFORE = ROOT / "tests" / "data" / "queries_before_layout"
NAMES = sorted(p.stem for p in BEFORE.glob("*.rq"))
DERIVED = ("#claimCount>", "#statement>", "#statedAs>", "#statedDate>")
ORGS = ["Nimbus Labs", "Orbitra", "Kopi Teknologi"]
PEOPLE = ["Dara Quinn", "Budi Santoso", "Priya Natarajan", "Ana Lim"]
RELATIONS = [("fired", ORGS, PEOPLE), ("resigned", PEOPLE, ORGS), ("joined", PEOPLE, ORGS),
             ("founded", PEOPLE, ORGS), ("acquired", ORGS, ORGS), ("partnerOf", ORGS, ORGS)]


def random_extractions(n: int, seed: int = 18) -> list[Extraction]:
    """``n`` articles of 0-5 random claims among a few entities (so sources disagree often)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        text = f"Article {i}. " + "x" * 200
        relations = []
        for k in range(rng.randint(0, 5)):
            name, subjects, objects = rng.choice(RELATIONS)
            subject, obj = rng.choice(subjects), rng.choice([o for o in objects if o != subjects[0]] or objects)
            if subject == obj:
                continue
            relations.append(Relation(subject, name, obj, modality=rng.choice(["asserted", "asserted", "negated", "uncertain"]),
                                      date=rng.choice([None, "2024-05-13", "2024-05-14", "2024-06"]),
                                      evidence=f"claim {k}", start=10 * k, end=10 * k + 9))
        if i % 7 == 0 and relations:
            relations.append(relations[0])  # the same claim twice: one claim node
        article = Article(id=f"a{i}", text=text, lang="en", title=f"Headline {i}", url=f"https://news.example/{i}",
                          published=date(2024, 5, 1) + timedelta(days=i % 40) if i % 5 else None,
                          publisher=rng.choice(["The Ledger Wire", "Warta Tekno", None]))
        entities = tuple(Entity(e, "Organization") for e in ORGS) + tuple(Entity(e, "Person") for e in PEOPLE)
        out.append(Extraction(article, entities, tuple(relations)))
    return out


def _write(path: Path, extractions: list[Extraction], *, derived: bool = True) -> Path:
    writer = GraphWriter()
    with LocalStore(path) as store:
        for extraction in extractions:
            iri, text = writer.ntriples(extraction)
            if not derived:  # what an older kgraph wrote
                text = "\n".join(line for line in text.splitlines() if not any(d in line for d in DERIVED))
            store.put(iri, text)
    return path


# the columns each query sorts by (rows equal in them may come in any order)
ORDER = {"articles_per_publisher": ("articles", "publisher"),
         "conflicts": ("conflict", "subject", "object", "claimA", "claimB")}


def _same(after: tuple[list[str], list[list[object]]], before: tuple[list[str], list[list[object]]], name: str) -> None:
    """The same columns, the same rows (as a multiset), in the same order of the sort columns."""
    assert after[0] == before[0]
    assert sorted(map(repr, after[1])) == sorted(map(repr, before[1]))
    index = [before[0].index(c) for c in ORDER[name]]
    assert [[r[i] for i in index] for r in after[1]] == [[r[i] for i in index] for r in before[1]]


def _answers(store: Path, folder: Path) -> dict[str, tuple[list[str], list[list[object]]]]:
    dataset = open_dataset(store=store)
    try:
        return {name: result_rows(run_query(dataset, load_query(folder / f"{name}.rq"))) for name in NAMES}
    finally:
        dataset.close()


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> tuple[Path, Path]:
    extractions = random_extractions(160)
    fresh = _write(tmp_path_factory.mktemp("fresh") / "store", extractions)
    old = _write(tmp_path_factory.mktemp("old") / "store", extractions, derived=False)
    (old / "kgraph-store.json").write_text(json.dumps({"format": "kgraph-store", "version": 2}))
    LocalStore(old).close()  # a writer upgrades a format-2 store
    return fresh, old


def test_the_random_graph_has_every_kind_of_conflict_and_empty_articles(stores):
    names, rows = _answers(stores[0], BEFORE)["conflicts"]
    kinds = {str(row[names.index("conflict")]) for row in rows}
    assert kinds == {"asserted vs negated", "fired vs resigned", "different dates"}
    assert any(not e.relations for e in random_extractions(160))


@pytest.mark.parametrize("name", NAMES)
def test_same_rows_as_the_queries_before(stores, name):
    before = _answers(stores[0], BEFORE)[name]
    assert before[1], f"{name}: no rows to compare"
    _same(_answers(stores[0], ROOT / "queries")[name], before, name)


@pytest.mark.parametrize("name", NAMES)
def test_an_upgraded_store_answers_as_a_fresh_one(stores, name):
    _same(_answers(stores[1], ROOT / "queries")[name], _answers(stores[0], BEFORE)[name], name)


def test_upgrade_adds_exactly_what_the_writer_derives(stores):
    def quads(path: Path) -> set[str]:
        store = ox.Store.read_only(str(path / "oxigraph"))
        return {str(q) for q in store.quads_for_pattern(None, None, None, None)}

    assert quads(stores[1]) == quads(stores[0])
    assert json.loads((stores[1] / "kgraph-store.json").read_text())["version"] == 3
