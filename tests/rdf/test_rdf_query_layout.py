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
from kgraph.store.local import insert_update

ROOT = Path(__file__).resolve().parents[2]
BEFORE = ROOT / "tests" / "data" / "queries_before_layout"
NAMES = sorted(p.stem for p in BEFORE.glob("*.rq"))
DERIVED = ("#claimCount>", "#statement>", "#statedAs>", "#statedDate>")  # format 3
MARKS = "#conflictCandidate>"  # format 4
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


def _write(path: Path, extractions: list[Extraction], *, version: int = 4) -> Path:
    """A store of ``extractions`` as kgraph writes it (format 4) or as an older kgraph did."""
    writer = GraphWriter()
    with LocalStore(path) as store:
        for extraction in extractions:
            iri, text = writer.ntriples(extraction)
            if version < 3:
                text = "\n".join(line for line in text.splitlines() if not any(d in line for d in DERIVED))
            if version < 4:  # written without the conflict check of LocalStore.put
                store.oxigraph.update(insert_update(iri, text))
            else:
                store.put(iri, text)
    if version < 4:
        (path / "kgraph-store.json").write_text(json.dumps({"format": "kgraph-store", "version": version}))
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
def stores(tmp_path_factory) -> tuple[Path, Path, Path]:
    """A fresh store, a format-2 store and a format-3 store of the same articles, both upgraded."""
    extractions = random_extractions(160)
    fresh = _write(tmp_path_factory.mktemp("fresh") / "store", extractions)
    old = _write(tmp_path_factory.mktemp("old") / "store", extractions, version=2)
    LocalStore(old).close()  # a writer upgrades a format-2 store
    three = _write(tmp_path_factory.mktemp("three") / "store", extractions, version=3)
    LocalStore(three).close()  # and a format-3 store (no conflict marks)
    return fresh, old, three


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
@pytest.mark.parametrize("old", [1, 2], ids=["format2", "format3"])
def test_an_upgraded_store_answers_as_a_fresh_one(stores, name, old):
    _same(_answers(stores[old], ROOT / "queries")[name], _answers(stores[0], BEFORE)[name], name)


def _quads(path: Path) -> set[str]:
    store = ox.Store.read_only(str(path / "oxigraph"))
    return {str(q) for q in store.quads_for_pattern(None, None, None, None)}


def _marks(path: Path) -> set[tuple[str, str]]:
    """(statement, kind) of every conflict mark in the store's default graph."""
    store = ox.Store.read_only(str(path / "oxigraph"))
    mark = ox.NamedNode("https://kgraph.dev/ns#conflictCandidate")
    return {(q.subject.value, q.object.value) for q in store.quads_for_pattern(None, mark, None, ox.DefaultGraph())}


@pytest.mark.parametrize("old", [1, 2], ids=["format2", "format3"])
def test_upgrade_adds_what_the_writer_derives(stores, old):
    """The same triples but the marks; the upgrade marks every statement in conflict in every
    article stating it, the writer in the later article of each pair: more marks, the same rows."""
    fresh, upgraded = _quads(stores[0]), _quads(stores[old])
    assert {q for q in upgraded if MARKS not in q} == {q for q in fresh if MARKS not in q}
    marked = _marks(stores[0])
    assert marked and marked <= _marks(stores[old])
    assert json.loads((stores[old] / "kgraph-store.json").read_text())["version"] == 4


def _conflicts(store: Path, folder: Path) -> tuple[list[str], list[list[object]]]:
    dataset = open_dataset(store=store)
    try:
        return result_rows(run_query(dataset, load_query(folder / "conflicts.rq")))
    finally:
        dataset.close()


def _same_conflicts(store: Path) -> None:
    """conflicts.rq (reading the marks) gives the rows of the query that pairs every claim."""
    before = _conflicts(store, BEFORE)
    assert before[1], "no conflicts to compare"
    _same(_conflicts(store, ROOT / "queries"), before, "conflicts")


def _flipped(extraction: Extraction) -> Extraction:
    """The same article corrected: each claim's modality turned (asserted <-> negated), dates moved."""
    turn = {"asserted": "negated", "negated": "asserted", "uncertain": "asserted"}
    relations = tuple(Relation(r.subject, r.relation, r.object, modality=turn[r.modality],
                               date="2024-07-01" if r.date else None, evidence=r.evidence, start=r.start,
                               end=r.end) for r in extraction.relations)
    return Extraction(extraction.article, extraction.entities, relations)


def test_conflict_marks_are_found_whatever_order_articles_are_added(tmp_path):
    extractions = random_extractions(80, seed=3)
    forward = _write(tmp_path / "forward", extractions)
    backward = _write(tmp_path / "backward", extractions[::-1])
    _same_conflicts(forward)
    _same_conflicts(backward)
    assert _conflicts(forward, ROOT / "queries")[1] and _marks(backward)


def test_conflict_marks_stay_right_when_articles_are_replaced(tmp_path):
    extractions = random_extractions(80, seed=4)
    store = _write(tmp_path / "store", extractions)
    before = _conflicts(store, BEFORE)
    writer = GraphWriter()
    with LocalStore(store) as target:
        for extraction in extractions[::3]:
            target.put(*writer.ntriples(_flipped(extraction)))
    assert _conflicts(store, BEFORE)[1] != before[1]  # the corrections changed the conflicts
    _same_conflicts(store)


def test_conflict_marks_stay_right_when_articles_are_removed(tmp_path):
    extractions = random_extractions(80, seed=5)
    store = _write(tmp_path / "store", extractions)
    writer = GraphWriter()
    marks = len(_marks(store))
    with LocalStore(store) as target:
        for extraction in extractions[1::2]:
            target.remove_graph(writer.ntriples(extraction)[0])
    _same_conflicts(store)  # a mark whose other article is gone gives no row
    with LocalStore(store) as target:
        for extraction in extractions[::2]:
            target.remove_graph(writer.ntriples(extraction)[0])
    assert marks and not _marks(store) and not _conflicts(store, ROOT / "queries")[1]


def test_a_graph_file_and_a_built_dataset_get_their_marks(tmp_path):
    from kgraph.export import write_export
    from kgraph.rdf.article_graph import build_dataset

    extractions = random_extractions(60, seed=6)
    store = _write(tmp_path / "store", extractions)
    expected = _conflicts(store, ROOT / "queries")
    built = build_dataset(extractions)
    # rdflib's engine, unlike Oxigraph, orders an xsd:date before an xsd:gYearMonth: compare
    # with the query before the marks on the same engine
    _same(result_rows(run_query(built, load_query(ROOT / "queries" / "conflicts.rq"))),
          result_rows(run_query(built, load_query(BEFORE / "conflicts.rq"))), "conflicts")
    for fmt, suffix in (("nt", "nt"), ("nquads", "nq")):  # the union alone, one graph per article
        path = write_export(built, fmt, tmp_path / f"g.{suffix}")
        text = "\n".join(line for line in path.read_text().splitlines() if "conflictCandidate" not in line)
        path.write_text(text)  # as an older kgraph wrote it
        dataset = open_dataset(graph=path)
        _same(result_rows(run_query(dataset, load_query(ROOT / "queries" / "conflicts.rq"))), expected, "conflicts")
