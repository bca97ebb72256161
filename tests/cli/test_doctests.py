"""The examples in the docstrings of the CLI helpers, entity resolution and start-up bench hold."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["kgraph.cli.app", "kgraph.cli.tables", "kgraph.resolve", "kgraph.startup", "kgraph.view.network"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert attempted > 0 and failed == 0
