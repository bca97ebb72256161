"""Which entity a user means: an IRI, a canonical name or an alias, and close names when none.

Used by ``kgraph query --bind`` (a ready query compares names as they are stored, so an alias
or an IRI would quietly find nothing) and ``kgraph render --focus``. The matching is pure
(:func:`match_entities`, :func:`close_names`); :func:`resolve_bindings` asks the graph only
for the value given, through indexes, and reads every name only when nothing matches.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from kgraph.errors import UsageError

__all__ = ["Entry", "match_entities", "close_names", "entity_variables", "resolve_bindings"]


@dataclass(frozen=True)
class Entry:
    """An entity as users may name it: its IRI, canonical name and aliases."""

    iri: str
    name: str
    aliases: tuple[str, ...] = ()


def match_entities(value: str, entries: Iterable[Entry]) -> list[Entry]:
    """The entities ``value`` names: its IRI, else a canonical name (exactly, then ignoring
    case), else an alias (ignoring case). Several entries mean the value is ambiguous.

    Examples
    --------
    >>> es = [Entry("g:1", "Acme employees", ("employees",)), Entry("g:2", "Bolt employees", ("employees",)),
    ...       Entry("o:1", "Acme", ("Acme Inc",))]
    >>> [e.name for e in match_entities("acme inc", es)]
    ['Acme']
    >>> [e.iri for e in match_entities("employees", es)]
    ['g:1', 'g:2']
    >>> match_entities("o:1", es)[0].name
    'Acme'
    """
    entries = list(entries)
    wanted = value.strip().casefold()
    for test in (lambda e: e.iri == value, lambda e: e.name == value,
                 lambda e: e.name.casefold() == wanted,
                 lambda e: wanted in (a.casefold() for a in e.aliases)):
        found = [e for e in entries if test(e)]
        if found:
            return sorted({e.iri: e for e in found}.values(), key=lambda e: e.name)
    return []


def close_names(value: str, names: Iterable[str], limit: int = 5) -> list[str]:
    """Names that look like ``value`` (rapidfuzz), best first.

    >>> close_names("Nusapai", ["Nusapay", "Tandem Robotics", "Nusapay employees"])[:1]
    ['Nusapay']
    """
    from rapidfuzz import fuzz, process, utils

    choices = sorted(set(names))
    found = process.extract(value, choices, scorer=fuzz.WRatio, processor=utils.default_process,
                            limit=limit, score_cutoff=70)
    return [name for name, _score, _index in found]


def entity_variables(text: str) -> frozenset[str]:
    """The variables a query matches against entity names (``?x schema:name ?var``).

    >>> sorted(entity_variables("SELECT ?firer WHERE { { SELECT DISTINCT ?s ?firer WHERE { ?s schema:name ?firer } } }"))
    ['firer']
    """
    return frozenset(re.findall(r"schema:name\s+[?$](\w+)", text))


_FIND = """SELECT DISTINCT ?e ?name ?how WHERE {{
  VALUES ?label {{ {label} }}
  {{ ?e schema:name ?label BIND("name" AS ?how) }} UNION {{ ?e skos:altLabel ?label BIND("alias" AS ?how) }}
  ?e schema:name ?name }}"""
_NAME_OF = "SELECT DISTINCT ?name WHERE {{ VALUES ?e {{ {iri} }} ?e schema:name ?name }}"
_ALL = """SELECT DISTINCT ?e ?name ?alias WHERE {
  ?e schema:name ?name OPTIONAL { ?e skos:altLabel ?alias } }"""


def _rows(dataset: object, text: str) -> list[list[str]]:
    from kgraph.query import parse_query, run_query
    from kgraph.rdf.results import result_rows

    _names, rows = result_rows(run_query(dataset, parse_query(text, "kgraph (name lookup)")))
    return [["" if v is None else str(v) for v in row] for row in rows]


def _all_entries(dataset: object) -> list[Entry]:
    names: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    for iri, name, alias in _rows(dataset, _ALL):
        names[iri] = name
        if alias:
            aliases.setdefault(iri, []).append(alias)
    return [Entry(iri, name, tuple(aliases.get(iri, ()))) for iri, name in names.items()]


def resolve_bindings(dataset: object, query_text: str, bindings: Mapping[str, object],
                     say: Callable[[str], None], *, what: str | None = None) -> dict[str, object]:
    """``bindings`` with every entity variable's value (:func:`entity_variables`) turned into
    the canonical name it means: an alias or an IRI becomes that entity's name (told on
    ``say``); a value naming nothing is kept and ``say`` tells so, with close names. Messages
    name the value as ``--bind var=value``, or as ``what`` followed by the value when given.

    Raises
    ------
    UsageError
        The value is an alias of several entities (they are listed).
    """
    import pyoxigraph as ox
    from rdflib import Literal, URIRef

    wanted = entity_variables(query_text)
    out = dict(bindings)
    for var, term in bindings.items():
        if var not in wanted or not isinstance(term, (Literal, URIRef)):
            continue
        value = str(term)
        given = f"{what} {value}" if what else f"--bind {var}={value}"
        if isinstance(term, URIRef):
            found = [Entry(value, name) for (name,) in _rows(dataset, _NAME_OF.format(iri=str(ox.NamedNode(value))))]
        else:
            rows = _rows(dataset, _FIND.format(label=str(ox.Literal(value))))
            if any(how == "name" for _e, _n, how in rows):
                continue  # a canonical name already
            found = sorted({e: Entry(e, n) for e, n, _how in rows}.values(), key=lambda e: e.name)
            if not found:
                entries = _all_entries(dataset)
                found = match_entities(value, entries)
                if not found:
                    near = close_names(value, [e.name for e in entries] + [a for e in entries for a in e.aliases])
                    hint = f"; close names: {', '.join(near)}" if near else ""
                    say(f"kgraph: {given}: no entity has that name or alias{hint}")
                    continue
        if not found:
            say(f"kgraph: {given}: no entity has that IRI")
            continue
        if len({e.name for e in found}) > 1:
            listed = "; ".join(f"{e.name} <{e.iri}>" for e in found[:10])
            raise UsageError(f"{given}: {len(found)} entities are called that ({listed}); "
                             "give one of their names or IRIs")
        out[var] = Literal(found[0].name)
        if found[0].name != value:
            say(f"kgraph: {given}: read as {found[0].name!r}")
    return out
