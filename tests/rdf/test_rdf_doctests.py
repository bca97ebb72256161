"""The examples in the RDF, query and export modules' docstrings run and hold."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["kgraph.rdf.vocab", "kgraph.rdf.uris", "kgraph.rdf.article_graph", "kgraph.rdf.results",
           "kgraph.rdf.validate", "kgraph.rdf.sparql_text", "kgraph.store.backends", "kgraph.query", "kgraph.export"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert attempted > 0 and failed == 0
