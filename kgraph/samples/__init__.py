"""The sample articles shipped with kgraph: three Indonesian and three English short news pieces
written by the team about invented companies and people, each ``NAME.txt`` with a sidecar
``NAME.json`` (published, publisher), and their gold annotations in ``gold.jsonl``
(format: ``../shared/eval/SCHEMA.md``). ``kgraph build`` with no input path reads them.

>>> len(sample_files())
6
"""
from __future__ import annotations

from pathlib import Path

__all__ = ["samples_dir", "sample_files", "gold_file"]


def samples_dir() -> Path:
    """The folder holding the sample articles.

    Examples
    --------
    >>> (samples_dir() / "gold.jsonl").is_file()
    True
    """
    return Path(__file__).resolve().parent


def sample_files() -> list[Path]:
    """The sample article files (``*.txt``), sorted by name.

    Examples
    --------
    >>> sample_files()[0].name
    'en-corvane-buys-lumetric.txt'
    """
    return sorted(samples_dir().glob("*.txt"))


def gold_file() -> Path:
    """The gold annotations of the samples, one JSON object per article."""
    return samples_dir() / "gold.jsonl"
