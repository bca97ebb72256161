"""Conflict candidates marked when an article is written, so the conflicts list reads the marks.

``queries/conflicts.rq`` lists where sources disagree: a triple one article asserts and another
negates, an organization that fired a person another article says resigned, two dates for one
one-time event. Finding those among every claim reads the whole store (at 10,000 articles about
0.2 s); a writer knows better: when an article is written, its claims are checked against the
stored ones (a few lookups on their statement nodes, :func:`conflict_check_query`) and each
statement in disagreement gets ``kg:conflictCandidate`` with the kind of conflict, in the new
article's own graph (:func:`with_conflict_marks`). Of two articles in conflict the later one
finds the earlier, so every conflict has its mark whatever order articles come, are replaced or
removed; a mark whose other side was removed is left behind and harmless, because the query
checks the claims of each marked statement as before (a mark is a candidate, not an answer).

Stores of an older format, graph files and datasets built in memory get their marks from one
update over everything (:func:`conflict_marks_update`).

>>> facts = claim_facts('<urn:c> <https://kgraph.dev/ns#statement> <urn:st> .\\n'
...     '<urn:c> <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <https://kgraph.dev/ns#fired> .\\n'
...     '<urn:c> <https://kgraph.dev/ns#modality> "negated" .\\n')
>>> [(f.statement, f.modality) for f in facts]
[('<urn:st>', '"negated"')]
>>> "kg:statedAs ?other" in conflict_check_query(facts)
True
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import RDF

from kgraph.rdf.uris import statement_iri
from kgraph.rdf.vocab import KG

__all__ = ["CONFLICT_KINDS", "ONE_TIME_RELATIONS", "ClaimFacts", "claim_facts", "conflict_check_query",
           "mark_ntriples", "with_conflict_marks", "conflict_marks_update"]

CONFLICT_KINDS = ("asserted vs negated", "fired vs resigned", "different dates")
"""The kinds of conflict ``kg:conflictCandidate`` names (the ``?conflict`` column of conflicts.rq)."""

ONE_TIME_RELATIONS = ("fired", "resigned", "founded", "acquired")
"""Relations that happen once, so two dates for one of them disagree (layoffs, investments and
roles recur)."""

_PREFIXES = ("PREFIX kg: <https://kgraph.dev/ns#>\n"
             "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n")
_FIELDS = {f"<{KG.statement}>": "statement", f"<{RDF.subject}>": "subject", f"<{RDF.predicate}>": "predicate",
           f"<{RDF.object}>": "object", f"<{KG.modality}>": "modality", f"<{KG.date}>": "date"}
_ONE_TIME = {f"<{KG[name]}>" for name in ONE_TIME_RELATIONS}
_FIRED, _RESIGNED = f"<{KG.fired}>", f"<{KG.resigned}>"
_MARK = f"<{KG.conflictCandidate}>"


@dataclass
class ClaimFacts:
    """What one claim of a new article says, as N-Triples terms (``<iri>``, ``"literal"``)."""

    statement: str = ""
    subject: str = ""
    predicate: str = ""
    object: str = ""
    modality: str = ""
    date: str = ""


def claim_facts(ntriples: str) -> list[ClaimFacts]:
    """The claims in an article's N-Triples (lines of one triple, as rdflib writes them) that
    have a statement node, each with its subject, predicate, object, modality and date.

    Events have a modality and a date too but no statement: they are left out.
    """
    claims: dict[str, ClaimFacts] = {}
    for line in ntriples.splitlines():
        parts = line.split(" ", 2)
        if len(parts) < 3 or parts[1] not in _FIELDS:
            continue
        term = parts[2].rstrip()
        term = term[:-1].rstrip() if term.endswith(".") else term
        setattr(claims.setdefault(parts[0], ClaimFacts()), _FIELDS[parts[1]], term)
    return [facts for facts in claims.values() if facts.statement and facts.predicate]


def _values(names: str, rows: Iterable[tuple[str, ...]]) -> str:
    body = " ".join("(" + " ".join(row) + ")" for row in dict.fromkeys(rows))
    return f"VALUES ({names}) {{ {body} }}"


def _iri(term: str) -> URIRef:
    return URIRef(term[1:-1])


def conflict_check_query(facts: Iterable[ClaimFacts]) -> str | None:
    """A SELECT of ``?st ?kind``: the statements of these claims that a stored claim contradicts.

    A claim asserted (negated) meets a statement stated negated (asserted); an asserted dated
    one-time claim meets a statement with another date; an asserted "s fired o" meets a stored
    "o resigned s" and an asserted "s resigned o" a stored "o fired s" (the mark goes on the
    fired statement). None when no claim can conflict.
    """
    opposite, dated, fired, resigned = [], [], [], []
    for f in facts:
        if f.modality in ('"asserted"', '"negated"'):
            opposite.append((f.statement, '"negated"' if f.modality == '"asserted"' else '"asserted"'))
        if f.modality != '"asserted"':
            continue
        if f.date and f.predicate in _ONE_TIME:
            dated.append((f.statement, f.date))
        if not (f.subject and f.object):
            continue
        if f.predicate == _FIRED:
            fired.append((f.statement, f.subject, f.object))
        elif f.predicate == _RESIGNED:
            mirror = statement_iri(_iri(f.object), KG.fired, _iri(f.subject))
            resigned.append((f"<{mirror}>", f.object, f.subject))
    branches = []
    if opposite:
        branches.append(f"{_values('?st ?other', opposite)} ?st kg:statedAs ?other .\n"
                        '    BIND("asserted vs negated" AS ?kind)')
    if dated:
        branches.append(f"{_values('?st ?d', dated)} ?st kg:statedDate ?stored .\n"
                        '    FILTER(?stored < ?d || ?d < ?stored) BIND("different dates" AS ?kind)')
    if fired:
        branches.append(f"{_values('?st ?s ?o', fired)} ?o kg:resigned ?s .\n"
                        '    BIND("fired vs resigned" AS ?kind)')
    if resigned:
        branches.append(f"{_values('?st ?s ?o', resigned)} ?s kg:fired ?o .\n"
                        '    BIND("fired vs resigned" AS ?kind)')
    if not branches:
        return None
    union = "\n  } UNION {\n    ".join(branches)
    return f"{_PREFIXES}SELECT DISTINCT ?st ?kind WHERE {{\n  {{\n    {union}\n  }}\n}}"


def mark_ntriples(marks: Iterable[tuple[str, str]]) -> str:
    """N-Triples marking each (statement IRI, kind): ``<st> kg:conflictCandidate "kind" .``

    >>> print(mark_ntriples([("urn:st", "different dates")]), end="")
    <urn:st> <https://kgraph.dev/ns#conflictCandidate> "different dates" .
    """
    return "".join(f'<{st}> {_MARK} "{kind}" .\n' for st, kind in dict.fromkeys(marks) if kind in CONFLICT_KINDS)


def with_conflict_marks(ntriples: str, ask: Callable[[str], Iterable[tuple[str, str]]]) -> str:
    """An article's N-Triples with the marks of its claims that stored claims contradict.

    ``ask`` runs a SELECT on the store (before the article is written) and gives its rows as
    (statement IRI, kind) strings.
    """
    query = conflict_check_query(claim_facts(ntriples))
    if query is None:
        return ntriples
    marks = mark_ntriples(ask(query))
    return f"{ntriples.rstrip()}\n{marks}" if marks else ntriples


def conflict_marks_update(*, into: str) -> str:
    """A SPARQL update marking every statement in conflict, for stores of an older format, graph
    files and datasets built in memory (writers mark article by article, :func:`with_conflict_marks`).

    ``into`` is ``"graphs"`` (the mark goes in each article graph holding a claim of the
    statement), ``"both"`` (and in the default graph, which a store keeps as the set union of
    its articles' graphs) or ``"default"`` (the default graph alone, its claims read there: a
    graph file, whose triples may all be in it).

    >>> "GRAPH ?g" in conflict_marks_update(into="default")
    False
    """
    if into not in ("graphs", "both", "default"):
        raise ValueError(f"into={into!r}: expected 'graphs', 'both' or 'default'")
    template = {"graphs": "GRAPH ?g { ?st kg:conflictCandidate ?kind }",
                "both": "GRAPH ?g { ?st kg:conflictCandidate ?kind } ?st kg:conflictCandidate ?kind",
                "default": "?st kg:conflictCandidate ?kind"}[into]

    def claims(patterns: str) -> str:
        return patterns if into == "default" else f"GRAPH ?g {{ {patterns} }}"

    insert = f"INSERT {{ {template} }}"
    one_time = ", ".join(f"kg:{name}" for name in ONE_TIME_RELATIONS)
    return (f"{_PREFIXES}"
            f'{insert}\nWHERE {{ ?st kg:statedAs "negated" . ?st kg:statedAs "asserted" .\n'
            f'  {claims("?c kg:statement ?st")} BIND("asserted vs negated" AS ?kind) }} ;\n'
            f"{insert}\nWHERE {{ ?st kg:statedDate ?d1 . ?st kg:statedDate ?d2 . FILTER(?d1 < ?d2)\n"
            f"  {claims('?c kg:statement ?st ; rdf:predicate ?p')} FILTER(?p IN ({one_time}))\n"
            f'  BIND("different dates" AS ?kind) }} ;\n'
            f"{insert}\nWHERE {{ ?o kg:resigned ?s . ?s kg:fired ?o .\n"
            f"  {claims('?c kg:statement ?st ; rdf:subject ?s ; rdf:predicate kg:fired ; rdf:object ?o')}\n"
            f'  BIND("fired vs resigned" AS ?kind) }}')
