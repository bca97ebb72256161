"""--bind takes a name, an alias or an IRI for every entity variable of the ready queries."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.errors import UsageError
from kgraph.query import load_query, parse_bindings, parse_query, run_query
from kgraph.rdf.results import result_rows
from kgraph.rdf.vocab import PREFIXES
from kgraph.resolve import entity_variables, resolve_bindings
from kgraph.store import open_dataset

QUERIES = sorted((Path(__file__).resolve().parents[2] / "queries").glob("*.rq"))
CASES = [(path.stem, var) for path in QUERIES for var in sorted(entity_variables(path.read_text()))
         if var in load_query(path).bindable]


@pytest.fixture()
def dataset(sample_trig):
    ds = open_dataset(graph=sample_trig)
    yield ds
    ds.close()


def _rows(dataset, query, value: str | None = None) -> list[tuple[str, ...]]:
    bindings = parse_bindings([value] if value else [], query)
    bindings = resolve_bindings(dataset, query.text, bindings, say=lambda _message: None)
    names, rows = result_rows(run_query(dataset, query, bindings))
    return sorted(tuple("" if v is None else str(v) for v in row) for row in rows)


def _entity(dataset, name: str) -> tuple[str, list[str]] | None:
    """The IRI and the aliases (those of no other entity) of the entity called ``name``."""
    found = run_query(dataset, parse_query(
        'SELECT ?e ?alias WHERE { ?e schema:name ?n FILTER(STR(?n) = %s) '
        'OPTIONAL { ?e skos:altLabel ?alias FILTER NOT EXISTS { ?x skos:altLabel|schema:name ?alias '
        'FILTER(?x != ?e) } } }' % json.dumps(name)))
    _names, rows = result_rows(found)
    if not rows:
        return None  # an alias (claims_about lists a claim under every name of its entities)
    return str(rows[0][0]), sorted({str(r[1]) for r in rows if r[1] is not None})


def test_every_ready_query_with_a_name_parameter_is_covered() -> None:
    assert {"fired", "joined", "positions", "leadership_timeline", "claims_about"} <= {q for q, _ in CASES}


@pytest.mark.parametrize(("name", "var"), CASES)
def test_name_alias_and_iri_find_the_same_rows(dataset, name: str, var: str) -> None:
    query = load_query(name)
    names, rows = result_rows(run_query(dataset, query))
    column = names.index(var)
    values = sorted({str(row[column]) for row in rows if row[column] is not None})[:4]
    if not values:
        pytest.skip(f"{name}: the sample graph has no ?{var}")
    for value in values:
        if (entity := _entity(dataset, value)) is None:
            continue
        iri, aliases = entity
        by_name = _rows(dataset, query, f"{var}={value}")
        assert by_name, (var, value)
        assert _rows(dataset, query, f"{var}=<{iri}>") == by_name, (var, iri)
        for alias in aliases:
            assert _rows(dataset, query, f"{var}={alias}") == by_name, (var, alias)


def test_an_alias_of_two_entities_lists_them(dataset) -> None:
    dataset.update('INSERT DATA { <https://kgraph.dev/id/org/a> schema:name "Alpha" ; skos:altLabel "AB" . '
                   '<https://kgraph.dev/id/org/b> schema:name "Beta" ; skos:altLabel "AB" . }',
                   initNs=PREFIXES)
    query = load_query("claims_about")
    with pytest.raises(UsageError, match=r"2 entities are called that \(Alpha .*; Beta"):
        resolve_bindings(dataset, query.text, parse_bindings(["name=AB"], query), say=lambda _m: None)


def test_cli_says_what_a_value_was_read_as_and_suggests_close_names(sample_trig) -> None:
    runner = CliRunner()
    alias = runner.invoke(app, ["query", "fired", "--graph", str(sample_trig), "--bind", "fired=Quinn"])
    assert alias.exit_code == 0, alias.output
    assert "read as 'Dara Quinn'" in alias.output and "Nimbus Labs" in alias.stdout
    typo = runner.invoke(app, ["query", "fired", "--graph", str(sample_trig), "--bind", "firer=Nimbus Lbas"])
    assert typo.exit_code == 0, typo.output
    assert "no entity has that name or alias" in typo.output and "Nimbus Labs" in typo.output
