"""Fixtures shared by the whole suite."""
from __future__ import annotations

from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).parent
DATA_DIR = TESTS_DIR / "data"
REPO_DIR = TESTS_DIR.parent
SHARED_EVAL = REPO_DIR.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """../shared/eval (the team's gold data); tests that need it skip where it is absent."""
    if not (SHARED_EVAL / "seed").is_dir():
        pytest.skip(f"{SHARED_EVAL} is not here (it is only given to the team's machines)")
    return SHARED_EVAL
