"""A SELECT answer read row by row, and written as it is read (CSV, TSV, JSON).

A listing of 100,000 rows should neither wait for its last row before showing its first nor
hold every row in memory: :class:`Rows` is an answer's variable names and a one-pass iterator
of its rows; :func:`oxigraph_rows` converts a pyoxigraph answer to rdflib terms lazily, and
:func:`write_rows` writes each row as it arrives in the W3C formats of
:func:`kgraph.rdf.results.format_result` (byte for byte the same text; JSON is the W3C results
document, its ``bindings`` array written one binding at a time).
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO

import pyoxigraph as ox
from rdflib.query import Result
from rdflib.term import Node

from kgraph.errors import UsageError

__all__ = ["Row", "Rows", "oxigraph_rows", "result_rows_of", "write_rows", "count_rows", "STREAM_FORMATS"]

Row = list["Node | None"]
STREAM_FORMATS = ("csv", "tsv", "json")
_TERM_CACHE = 50_000  # distinct terms remembered while converting (names, IRIs, dates repeat)


@dataclass
class Rows:
    """A SELECT answer: its variable names and its rows, which can be iterated once.

    >>> rows = Rows(["n"], iter([[None]]))
    >>> rows.names, list(rows), list(rows)
    (['n'], [[None]], [])
    """

    names: list[str]
    rows: Iterator[Row]

    def __iter__(self) -> Iterator[Row]:
        return self.rows


def oxigraph_rows(answer: ox.QuerySolutions) -> Rows:
    """The rows of a pyoxigraph SELECT answer, each converted to rdflib terms when it is read.

    A term seen recently is converted once (rdflib builds a typed literal slowly, about
    25 µs); the memory of which is bounded, so a long listing does not grow with its length.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("https://x.org/a"), ox.NamedNode("https://x.org/p"), ox.Literal("b")))
    >>> rows = oxigraph_rows(store.query("SELECT ?s ?o ?none WHERE { ?s ?p ?o }"))
    >>> rows.names, next(iter(rows))
    (['s', 'o', 'none'], [rdflib.term.URIRef('https://x.org/a'), rdflib.term.Literal('b'), None])
    """
    from kgraph.rdf.results import rdflib_term

    names = [v.value for v in answer.variables]

    def read() -> Iterator[Row]:
        terms: dict[object, Node] = {}
        for solution in answer:
            row: Row = []
            for value in solution:
                if value is None:
                    row.append(None)
                    continue
                found = terms.get(value)
                if found is None:
                    if len(terms) >= _TERM_CACHE:
                        terms.clear()
                    found = terms[value] = rdflib_term(value)
                row.append(found)
            yield row

    return Rows(names, read())


def result_rows_of(result: Result) -> Rows:
    """The rows of an rdflib SELECT :class:`~rdflib.query.Result` (already in memory)."""
    variables = list(result.vars or [])
    return Rows([str(v) for v in variables],
                ([binding.get(var) for var in variables] for binding in result.bindings))


def _json_prefix(names: list[str]) -> tuple[str, str]:
    """The text of an empty W3C JSON answer around its ``bindings`` array, as ``json.dumps(indent=2)``
    writes it, so rows can be written in between."""
    text = json.dumps({"head": {"vars": names}, "results": {"bindings": []}}, ensure_ascii=False, indent=2)
    at = text.rindex("[]")
    return text[:at + 1], text[at + 1:]


def write_rows(rows: Rows, fmt: str, out: TextIO) -> int:
    """Write ``rows`` to ``out`` in ``fmt`` (csv, tsv or json) as they are read; the row count.

    Each row is written when it arrives (nothing keeps the rows); the text is what
    :func:`kgraph.rdf.results.format_result` gives for the whole answer.

    Raises
    ------
    UsageError
        ``fmt`` is not csv, tsv or json.

    >>> import io
    >>> from rdflib import Literal
    >>> out = io.StringIO()
    >>> write_rows(Rows(["a", "b"], iter([[Literal("x"), None]])), "tsv", out), out.getvalue()
    (1, '?a\\t?b\\n"x"\\t\\n')
    """
    from kgraph.rdf.results import csv_term, json_term, tsv_term

    if fmt not in STREAM_FORMATS:
        raise UsageError(f"--format {fmt}: unknown (use one of {', '.join(STREAM_FORMATS)})")
    count = 0
    names = rows.names
    if fmt == "json":
        head, tail = _json_prefix(names)
        out.write(head)
        for row in rows:
            binding = {n: json_term(v) for n, v in zip(names, row) if v is not None}
            text = json.dumps(binding, ensure_ascii=False, indent=2).replace("\n", "\n      ")
            out.write(("," if count else "") + "\n      " + text)
            count += 1
        out.write(("\n    " if count else "") + tail + "\n")
        return count
    if fmt == "tsv":
        out.write("\t".join("?" + n for n in names) + "\n")
        for row in rows:
            out.write("\t".join("" if v is None else tsv_term(v) for v in row) + "\n")
            count += 1
        return count
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow(["" if v is None else csv_term(v) for v in row])
        count += 1
    return count


def count_rows(rows: Iterable[Row]) -> int:
    """How many rows are left in ``rows`` (read and dropped).

    >>> count_rows(iter([[None], [None]]))
    2
    """
    return sum(1 for _ in rows)
