"""`kgraph ingest` as a real process, stopped midway: SIGKILL keeps whole articles, Ctrl-C exits cleanly."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kgraph.bench import synthetic_articles
from kgraph.store import LocalStore

COUNT = 80


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """COUNT English articles in one JSON-lines file (the benchmark's invented news)."""
    path = tmp_path_factory.mktemp("batch") / "news.jsonl"
    articles = [a for a in synthetic_articles(2 * COUNT) if a.lang == "en"]
    path.write_text("".join(json.dumps({"id": a.id, "title": a.title, "url": a.url, "lang": a.lang,
                                        "published": a.published.isoformat(), "text": a.text}) + "\n"
                            for a in articles), encoding="utf-8")
    return path


def _start(batch: Path, store: Path, jobs: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kgraph", "ingest", str(batch), "--store", str(store),
                             "--jobs", str(jobs)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def _wait_for_writes(proc: subprocess.Popen, store: Path, wal_bytes: int = 400_000) -> None:
    """Return once the store's write-ahead log shows a few dozen articles written."""
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        logs = (store / "oxigraph").glob("*.log")
        if sum(p.stat().st_size for p in logs if p.exists()) > wal_bytes:
            return
        if proc.poll() is not None:
            pytest.fail(f"ingest ended before it could be stopped: {proc.stderr.read()[-500:]}")
        time.sleep(0.05)
    pytest.fail("ingest wrote nothing within 240 s")


def _graph_sizes(store: Path) -> dict[str, int]:
    with LocalStore(store, create=False) as s:
        rows = s.oxigraph.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {row[0].value: int(row[1].value) for row in rows}


def test_sigkill_mid_batch_then_rerun(batch: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    proc = _start(batch, store, jobs=1)
    _wait_for_writes(proc, store)
    os.killpg(proc.pid, signal.SIGKILL)  # no warning, no cleanup: like a crash
    proc.wait(timeout=30)
    kept = _graph_sizes(store)  # opens: the lock died with the process
    assert 0 < len(kept) < COUNT
    rerun = subprocess.run([sys.executable, "-m", "kgraph", "ingest", str(batch), "--store", str(store),
                            "--jobs", "1"], capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-800:]
    assert f"{COUNT - len(kept)} added, 0 replaced, {len(kept)} unchanged, 0 failed" in rerun.stdout
    final = _graph_sizes(store)
    assert len(final) == COUNT
    assert {iri: final[iri] for iri in kept} == kept  # what survived the kill was whole


def test_ctrl_c_stops_cleanly_and_keeps_finished_articles(batch: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    proc = _start(batch, store, jobs=2)
    _wait_for_writes(proc, store)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err[-800:]
    assert "Traceback" not in err
    kept = _graph_sizes(store)
    assert 0 < len(kept) < COUNT
    assert f"kgraph: interrupted; the {len(kept)} articles written are kept" in err
    assert f"kgraph: {COUNT - len(kept)} articles not ingested" in err


def _children(pid: int) -> set[int]:
    """Every live descendant of ``pid`` (workers, multiprocessing's resource tracker)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its exit status is left


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the workers")
def test_sigkill_of_the_main_process_leaves_no_worker(batch: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    proc = _start(batch, store, jobs=2)
    try:
        _wait_for_writes(proc, store)  # mid-run: the workers are extracting
        children = _children(proc.pid)
        assert len(children) >= 2, "the pool did not start"  # 2 workers (+ the resource tracker)
        os.kill(proc.pid, signal.SIGKILL)  # the main process only, as `kill -9 PID` does
        proc.wait(timeout=30)
        deadline = time.monotonic() + 5
        while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [pid for pid in children if _alive(pid)] == []
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # whatever is left of this test's process group
        except ProcessLookupError:
            pass
