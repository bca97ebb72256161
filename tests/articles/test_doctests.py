"""The docstring examples of kgraph.articles are correct."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["article_lexicon", "clean", "decode", "formats", "header", "language", "metadata", "readers"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"kgraph.articles.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
