"""kgraph as a wheel: the ready questions of queries/ are inside it and work from any folder."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
QUERIES = sorted((REPO / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # with build isolation: pip takes setuptools>=68 (pyproject.toml) from the configured index
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
                          capture_output=True, text=True, cwd=out)
    if done.returncode != 0 and "No matching distribution found for setuptools" in done.stderr:
        pytest.skip("pip cannot get setuptools>=68 to build the wheel (no package index here)")
    assert done.returncode == 0, done.stderr[-2000:]
    (found,) = out.glob("kgraph-*.whl")
    return found


def test_every_ready_query_is_in_the_wheel(wheel: Path) -> None:
    assert QUERIES, "queries/ holds no .rq file"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for path in QUERIES:
            inside = f"kgraph/queries/{path.name}"
            assert inside in names, f"{path.name} is not in {wheel.name}"
            assert archive.read(inside) == path.read_bytes(), f"{inside} differs from queries/{path.name}"


def test_installed_kgraph_lists_and_finds_the_ready_queries_from_any_folder(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "COLUMNS": "200"}
    listed = subprocess.run([sys.executable, "-m", "kgraph", "query", "--list"], capture_output=True,
                            text=True, cwd=elsewhere, env=env)
    assert listed.returncode == 0, listed.stderr
    where = subprocess.run([sys.executable, "-c", "from kgraph.query import query_dir; print(query_dir())"],
                           capture_output=True, text=True, cwd=elsewhere, env=env)
    assert where.stdout.strip() == str(site / "kgraph" / "queries"), where.stderr
    for path in QUERIES:
        assert path.stem in listed.stdout
    missing = subprocess.run([sys.executable, "-m", "kgraph", "query", "fired", "--store", "nowhere"],
                             capture_output=True, text=True, cwd=elsewhere, env=env)
    assert "no such query" not in missing.stderr, missing.stderr  # found; only the store is missing
