"""The public API of ``import kgraph``: its names, its example, and that it loads nothing heavy."""
from __future__ import annotations

import doctest
import json
import subprocess
import sys

import pytest

import kgraph
from kgraph.models import Article, Entity, Extraction, Relation


def test_the_three_line_example_runs() -> None:
    result = doctest.testmod(kgraph, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 3 and result.failed == 0


@pytest.mark.parametrize("name", kgraph.__all__)
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(kgraph, name) is not None


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        kgraph.nope  # noqa: B018


def test_import_kgraph_loads_no_heavy_stack() -> None:
    code = "import json, sys, kgraph; print(json.dumps(sorted(sys.modules)))"
    loaded = set(json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                           check=True).stdout))
    assert not loaded & {"spacy", "rdflib", "pyoxigraph", "networkx", "typer", "filelock"}


def test_query_graph_binds_a_result_variable() -> None:
    people = (Entity("Acme", "Organization"), Entity("Jo Doe", "Person"), Entity("Al Ray", "Person"))
    claims = (Relation("Acme", "fired", "Jo Doe"), Relation("Acme", "fired", "Al Ray"))
    graph = kgraph.build_dataset([Extraction(Article(id="a", text="Acme fired Jo Doe and Al Ray."), people, claims)])
    assert {row["fired"] for row in kgraph.query_graph(graph, "fired")} == {"Jo Doe", "Al Ray"}
    assert [row["fired"] for row in kgraph.query_graph(graph, "fired", fired="Al Ray")] == ["Al Ray"]
