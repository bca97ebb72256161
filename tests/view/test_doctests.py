"""The docstring examples of the view modules are correct."""
from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize("name", ["network", "layout", "render", "render_bench"])
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"kgraph.view.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
