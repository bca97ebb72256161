"""The examples in the extraction modules' docstrings are true."""
from __future__ import annotations

import doctest

import pytest

from kgraph.extract import dates, discourse, encode, offices, patterns, rules


@pytest.mark.parametrize("module", [dates, discourse, encode, offices, patterns, rules], ids=lambda m: m.__name__)
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
