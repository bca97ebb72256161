"""ingest(): idempotent, replaces changed articles, parallel, survives bad articles and SIGKILL."""
from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kgraph.models import Article
from kgraph.store import LocalStore, open_dataset
from kgraph.store.ingest import find_articles, ingest
from tests.store.helpers import COMPANIES, make_fake

REPO = Path(__file__).resolve().parents[2]


def articles(count: int, *, start: int = 0, changed: set[int] = frozenset()) -> list[Article]:
    out = []
    for n in range(start, start + count):
        extra = " Keputusan itu diumumkan ulang." if n in changed else ""
        text = f"{COMPANIES[n % 5]} memberhentikan Budi Santoso {n} dari kursi direktur.{extra}"
        out.append(Article(id=f"a{n}", text=text, lang="id", url=f"https://kabar.example.id/{n}"))
    return out


def fired(store: Path) -> set[str]:
    ds = open_dataset(store=store)
    try:
        return {str(r[0]).rsplit("/", 1)[-1] for r in ds.query(
            "SELECT ?o WHERE { ?s <https://kgraph.dev/ns#fired> ?o }")}
    finally:
        ds.close()


def test_ingest_twice_adds_nothing_the_second_time(tmp_path: Path) -> None:
    with LocalStore(tmp_path / "s") as store:
        first = ingest(articles(5), store, make_fake)
        quads = store.count()
        second = ingest(articles(5), store, make_fake)
        assert store.count() == quads
    assert len(first.added) == 5 and first.unchanged == []
    assert second.unchanged == [f"a{n}" for n in range(5)] and second.written == 0
    assert len(fired(tmp_path / "s")) == 5


def test_changed_article_replaces_its_graph(tmp_path: Path) -> None:
    with LocalStore(tmp_path / "s") as store:
        ingest(articles(3), store, make_fake)
        edited = [Article(id="a1", text="Awan Data memberhentikan Sari Lestari dari kursi CTO.",
                          lang="id", url="https://kabar.example.id/1")]
        report = ingest(edited, store, make_fake)
        assert report.replaced == ["a1"] and len(store.graph_names()) == 3
    names = fired(tmp_path / "s")
    assert "sari-lestari" in names and "budi-santoso-1" not in names


def test_one_broken_article_does_not_stop_the_batch(tmp_path: Path) -> None:
    batch = articles(3)
    batch.insert(1, Article(id="bad", text="RUSAK total", source="inbox/bad.txt"))
    with LocalStore(tmp_path / "s") as store:
        report = ingest(batch, store, make_fake)
    assert len(report.added) == 3
    assert report.failed == ["inbox/bad.txt: extraction failed (ValueError: the test article is marked broken)"]


def test_parallel_ingest_matches_serial(tmp_path: Path) -> None:
    with LocalStore(tmp_path / "serial") as store:
        ingest(articles(12), store, make_fake)
        serial = store.count()
    seen: list[tuple[int, int]] = []
    with LocalStore(tmp_path / "parallel") as store:
        report = ingest(articles(12), store, make_fake, jobs=2, progress=lambda d, t: seen.append((d, t)))
        assert store.count() == serial
    assert len(report.added) == 12 and seen[-1] == (12, 12)


def test_progress_counts_skipped_articles_first(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    with LocalStore(tmp_path / "s") as store:
        ingest(articles(2), store, make_fake)
        ingest(articles(4), store, make_fake, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(2, 4), (3, 4), (4, 4)]


def test_remove_by_slug_or_url(tmp_path: Path) -> None:
    with LocalStore(tmp_path / "s") as store:
        ingest(articles(3), store, make_fake)
        records = store.records()
        assert find_articles(records, "https://kabar.example.id/0") == find_articles(records, "kabar-example-id-0")
        for iri in find_articles(records, "kabar-example-id-0"):
            store.remove_graph(iri)
        assert find_articles(store.records(), "kabar-example-id-0") == []
    assert fired(tmp_path / "s") == {"budi-santoso-1", "budi-santoso-2"}


_KILLED_RUN = """
import sys
from pathlib import Path
from functools import partial
from kgraph.models import Article
from kgraph.store import LocalStore
from kgraph.store.ingest import ingest
from tests.store.helpers import make_fake
from tests.store.test_ingest import articles
with LocalStore(Path(sys.argv[1])) as store:
    ingest(articles(int(sys.argv[2])), store, partial(make_fake, float(sys.argv[3])),
           progress=lambda done, total: print(done, flush=True))
"""


def test_sigkill_mid_batch_leaves_whole_articles_and_rerun_completes(tmp_path: Path) -> None:
    store_dir = tmp_path / "s"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_RUN, str(store_dir), "60", "0.05"],
                            stdout=subprocess.PIPE, text=True, env=env, cwd=REPO)
    assert proc.stdout is not None
    for line in proc.stdout:  # wait until some articles are in, then kill without warning
        if int(line) >= 15:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    with LocalStore(store_dir) as store:
        kept = store.records()
        assert 15 <= len(kept) < 60
        for record in kept:  # every stored article is whole: its claim and both entities
            rows = list(store.oxigraph.query(
                f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{record.iri}> {{ ?s ?p ?o }} }}"))
            assert int(rows[0][0].value) == int(_whole_size(store, record.iri))
        report = ingest(articles(60), store, functools.partial(make_fake, 0.0))
        assert len(report.unchanged) == len(kept) and report.written == 60 - len(kept)
        assert len(store.graph_names()) == 60
    assert len(fired(store_dir)) == 60


def _whole_size(store: LocalStore, iri: str) -> int:
    """The triple count a freshly built graph of the same article has."""
    from kgraph.store.ingest import article_ntriples
    number = int(iri.rsplit("-", 1)[-1])
    extract = make_fake()
    _, text = article_ntriples(extract(articles(1, start=number)[0]))
    return text.count(" .\n")


def _no_extractor():
    raise RuntimeError("no pipeline here")


def test_workers_that_cannot_start_stop_the_run_with_a_message(tmp_path: Path) -> None:
    with LocalStore(tmp_path / "s") as store:
        report = ingest(articles(4), store, _no_extractor, jobs=2)
        assert store.graph_names() == []
    assert report.written == 0 and len(report.unsent) == 4
    assert str(report.stopped).startswith("extraction worker process failed")


def test_nothing_new_builds_no_extractor(tmp_path: Path) -> None:
    built: list[int] = []

    def counting_factory():
        built.append(1)
        return make_fake()

    with LocalStore(tmp_path / "s") as store:
        ingest(articles(3), store, counting_factory)
        ingest(articles(3), store, counting_factory, jobs=2)
    assert built == [1]  # the second run found every article stored and loaded no pipeline


def test_extractor_warnings_reach_the_report(tmp_path: Path) -> None:
    batch = articles(2) + [Article(id="vi", text="Một bài báo.", lang="vi", url="https://tin.example.vn/1")]
    with LocalStore(tmp_path / "s") as store:
        report = ingest(batch, store, make_fake, jobs=2)
    assert report.warnings == ["vi: no rules for 'vi'"] and len(report.added) == 3
