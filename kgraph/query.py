"""SPARQL questions over the graph: load a ``.rq`` file (or query text), bind safely, run.

A query is parsed once: Oxigraph's parser checks the syntax (its errors carry an exact line and
column); rdflib's ``prepareQuery`` compiles it only when an in-memory rdflib graph runs it
(``PreparedQuery.compiled``: 0.1-0.3 s a query, paid by no command on a store or file). ``--bind name=value``
values become RDF terms passed as ``initBindings`` (Oxigraph substitutions), never spliced into
the query text, so ``x" } ; DROP ALL ; #`` is just a string literal.

Engines plan a query before they see substitutions, so a bound query would get the plan of the
unbound one. :func:`kgraph.rdf.sparql_text.inline_bindings` therefore writes bound values as a
``VALUES`` block at the start of the query's WHERE group (and of each sub-SELECT projecting
them), each value serialized as an escaped RDF term and the result parsed again (on Oxigraph's
10,000-article store: claims about one name 37 ms instead of 4 s).

>>> q = parse_query('SELECT ?who WHERE { ?who a schema:Person }', "demo")
>>> sorted(q.variables)
['who']
>>> parse_bindings(["who=<https://kgraph.dev/id/person/jo>"], q)["who"]
rdflib.term.URIRef('https://kgraph.dev/id/person/jo')
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier, Node

from kgraph.deadline import call_within, iterate_within
from kgraph.errors import QueryError, QueryTimeoutError, UsageError
from kgraph.rdf.rows import Rows, oxigraph_rows, result_rows_of, write_rows
from kgraph.rdf.sparql_text import inline_bindings, oxigraph_term, sparql_tokens
from kgraph.rdf.vocab import PREFIXES
from kgraph.store.backends import oxigraph_store, run_sparql

if TYPE_CHECKING:  # rdflib's SPARQL engine (0.2 s to import) loads only when a query needs it
    from rdflib.plugins.sparql.sparql import Query
    from rdflib.query import Result

__all__ = ["QUERY_DIR", "query_dir", "query_dirs", "QueryInfo", "PreparedQuery", "parse_header", "load_query",
           "parse_query", "check_shape", "MAX_NESTING", "parse_bindings",
           "run_query", "query_rows", "write_answer"]

QUERY_DIR = Path("queries")
"""Where ``kgraph query NAME`` looks for ``NAME.rq`` first (relative to the working directory)."""

_PACKAGED_QUERY_DIR = Path(__file__).resolve().parent / "queries"  # in a wheel (setup.py copies them)
_SOURCE_QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"  # a checkout (editable install)


def query_dir() -> Path:
    """The ready questions: ``kgraph/queries/`` of an installed kgraph, else ``queries/`` of the
    source checkout (an editable install), the one place they are written."""
    return _PACKAGED_QUERY_DIR if _PACKAGED_QUERY_DIR.is_dir() else _SOURCE_QUERY_DIR


def query_dirs() -> list[Path]:
    """Where ``kgraph query NAME`` looks, in order: ``./queries`` (your own questions, if that
    folder exists), then the ready questions (:func:`query_dir`)."""
    ready = query_dir()
    own = [QUERY_DIR] if QUERY_DIR.is_dir() and QUERY_DIR.resolve() != ready.resolve() else []
    return own + [ready]

_HEADER = re.compile(r"^#\s*(title|question|params)\s*:\s*(.*)$", re.I)
_OX_ERROR = re.compile(r"error at (\d+):(\d+): ([^\n]*)")
_PREFIXED = re.compile(r"^([A-Za-z][\w-]*):([\w.-]*)$")
_BAD_IRI = re.compile(r'[\s<>"{}|\\^`]')
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?\d*\.\d+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_NESTING = 24
"""Deepest nesting of ``{ }`` and ``( )`` a query may have. Oxigraph's parser recurses once per
level and crashes the process (a segfault, no message) near 3,000 braces or 5,000 parentheses;
rdflib's runs out of Python stack past ~25 parentheses or ~35 braces; the queries in
``queries/`` nest 6 levels."""
_UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})
_QUERY_FORMS = "SELECT, ASK, CONSTRUCT, DESCRIBE"


@dataclass(frozen=True)
class QueryInfo:
    """The header comment of a ``.rq`` file: ``# title:``, ``# question:``, ``# params:``."""

    title: str = ""
    question: str = ""
    params: tuple[str, ...] = ()


@dataclass(frozen=True)
class PreparedQuery:
    """A parsed query: its text, where it came from, header, form, result and other variables.

    ``kind`` is ``SelectQuery``, ``AskQuery``, ``ConstructQuery`` or ``DescribeQuery``;
    ``projected`` the result variables of a SELECT (as Oxigraph parsed them).
    """

    text: str
    source: str
    info: QueryInfo
    kind: str
    projected: tuple[str, ...]
    variables: frozenset[str]

    @property
    def bindable(self) -> frozenset[str]:
        """Variables ``--bind`` may set: a SELECT's result variables, else all variables.

        Oxigraph only pre-binds projected variables, so binding another one would behave
        differently on the store and on a graph file.
        """
        return frozenset(self.projected) if self.kind == "SelectQuery" and self.projected else self.variables

    @cached_property
    def compiled(self) -> Query:
        """rdflib's compiled form, made on first use: only an in-memory rdflib graph needs it,
        and compiling takes 0.1-0.3 s (Oxigraph parses the same text in about 1 ms).

        Raises
        ------
        QueryError
            rdflib cannot parse the query (its line and column, when it gives them).
        """
        from rdflib.plugins.sparql import prepareQuery

        try:
            return prepareQuery(self.text, initNs=PREFIXES)
        except Exception as error:  # noqa: BLE001 - rdflib raises bare Exception for some errors
            line, column = getattr(error, "lineno", None), getattr(error, "col", None)
            where = f" at line {line}, column {column}" if line else ""
            reason = str(getattr(error, "msg", error)).splitlines()[0]
            raise QueryError(f"{self.source}: invalid SPARQL{where}: {reason}") from None


def parse_header(text: str) -> QueryInfo:
    """Read the leading comment block of a query.

    A field may continue on following comment lines; ``params`` lists ``?name`` variables
    (``none`` for no parameters).

    Examples
    --------
    >>> info = parse_header("# title: Firings\\n# question: Who fired whom,\\n#   and when?\\n"
    ...                     "# params: ?orgName (optional)\\nSELECT * {}")
    >>> info.title, info.question, info.params
    ('Firings', 'Who fired whom, and when?', ('orgName',))
    """
    fields: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        match = _HEADER.match(stripped)
        if match:
            current = match.group(1).lower()
            fields[current] = match.group(2).strip()
        elif current is not None and stripped.lstrip("#").strip():
            fields[current] += " " + stripped.lstrip("#").strip()
    params = tuple(re.findall(r"[?$](\w+)", fields.get("params", "")))
    return QueryInfo(fields.get("title", ""), fields.get("question", ""), params)


def load_query(spec: str | Path, *, folder: Path | None = None) -> PreparedQuery:
    """Load and parse a query from a file path, a query name (``fired``), or query text.

    ``spec`` is a file if such a file exists; else ``<folder>/<spec>.rq`` if ``spec`` is a
    bare name (``fired``; without ``folder``, the first of :func:`query_dirs` that has it);
    else it is SPARQL text.

    Raises
    ------
    UsageError
        ``spec`` looks like a ``.rq`` path but no such file exists.
    QueryError
        The query is not valid SPARQL (the message gives line and column).
    """
    text_spec = str(spec)
    path = Path(text_spec)
    if "\n" not in text_spec and len(text_spec) < 4096:
        if path.is_file():
            return parse_query(_read(path), str(path))
        if re.fullmatch(r"[\w-]+", text_spec):
            names = [where / f"{text_spec}.rq" for where in ([folder] if folder else query_dirs())]
            for named in names:
                if named.is_file():
                    return parse_query(_read(named), str(named))
            raise UsageError(f"{text_spec}: no such query (looked for {' and '.join(map(str, names))}; "
                             "kgraph query --list shows them)")
        if text_spec.endswith(".rq"):
            raise UsageError(f"{text_spec}: no such query file")
    return parse_query(text_spec, "query")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: cannot be read ({error})") from None


def parse_query(text: str, source: str = "query") -> PreparedQuery:
    """Check and compile SPARQL ``text``; ``source`` names it in error messages.

    Raises
    ------
    QueryError
        With the line and column of the first syntax error, or rdflib's reason.

    Examples
    --------
    >>> parse_query("SELECT ?x WHERE {\\n  ?x ?y \\n}", "bad.rq")
    Traceback (most recent call last):
    ...
    kgraph.errors.QueryError: bad.rq: invalid SPARQL at line 3, column 2: expected OPTIONAL
    >>> parse_query("DROP ALL", "drop.rq")
    Traceback (most recent call last):
    ...
    kgraph.errors.QueryError: drop.rq: kgraph query runs read-only queries (SELECT, ASK, CONSTRUCT, DESCRIBE); this is an update (DROP)
    """
    check_shape(text, source)
    try:
        answer = ox.Store().query(text, prefixes=PREFIXES)  # parse only: solutions are never iterated
    except SyntaxError as error:
        message = str(getattr(error, "msg", error))
        match = _OX_ERROR.search(message)
        if match:
            line, column, reason = match.groups()
            reason = reason if len(reason) <= 80 else reason[:77] + "..."
            raise QueryError(f"{source}: invalid SPARQL at line {line}, column {column}: {reason}") from None
        raise QueryError(f"{source}: invalid SPARQL: {message.splitlines()[0]}") from None
    tokens = [token for token, _at in sparql_tokens(text)]
    form = next((t for t in tokens if t in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")), "SELECT")
    projected = tuple(v.value for v in answer.variables) if isinstance(answer, ox.QuerySolutions) else ()
    variables = frozenset(t[1:] for t in tokens if t[0] in "?$")
    return PreparedQuery(text, source, parse_header(text), f"{form.title()}Query", projected, variables)


def check_shape(text: str, source: str = "query") -> None:
    """Refuse, before any parser sees it, a query nested deeper than :data:`MAX_NESTING` levels
    or a SPARQL update (``kgraph query`` only reads).

    Raises
    ------
    QueryError
        Naming ``source``, the depth and line, or the update's keyword.

    Examples
    --------
    >>> check_shape("SELECT * WHERE " + "{" * 200 + "}" * 200, "deep.rq")
    Traceback (most recent call last):
    ...
    kgraph.errors.QueryError: deep.rq: the query nests { } and ( ) more than 24 levels deep (at line 1); kgraph refuses it
    >>> check_shape("PREFIX x: <http://x/> SELECT * { FILTER ((1)) }")
    """
    depth = 0
    first = ""
    previous = ""
    for token, at in sparql_tokens(text):
        if not first and token not in ("PREFIX", "BASE") and token[0] not in "{}()" and not (
                previous in ("PREFIX", "BASE") or token.endswith(":")):
            first = token
        previous = token if token in ("PREFIX", "BASE") else ""
        if token in ("{", "("):
            depth += 1
            if depth > MAX_NESTING:
                line = text.count("\n", 0, at) + 1
                raise QueryError(f"{source}: the query nests {{ }} and ( ) more than {MAX_NESTING} "
                                 f"levels deep (at line {line}); kgraph refuses it")
        elif token in ("}", ")"):
            depth = max(0, depth - 1)
    if first in _UPDATE_WORDS:
        raise QueryError(f"{source}: kgraph query runs read-only queries ({_QUERY_FORMS}); "
                         f"this is an update ({first})")


def parse_bindings(pairs: Iterable[str], query: PreparedQuery) -> dict[str, Identifier]:
    """Turn ``name=value`` strings into RDF terms for the query's variables.

    ``<iri>`` and ``prefix:local`` (a kgraph prefix) become IRIs; integers, decimals and ISO
    dates become typed literals; anything else, or a value in double quotes, is a plain string.

    Raises
    ------
    QueryError
        A pair has no ``=``, names a variable the query does not have, or gives a bad IRI.

    Examples
    --------
    >>> q = parse_query("SELECT ?name ?n WHERE { ?x schema:name ?name }")
    >>> parse_bindings(['name=x" } ; DROP ALL ; #'], q)["name"]
    rdflib.term.Literal('x" } ; DROP ALL ; #')
    >>> parse_bindings(["name=person:dara-quinn"], q)["name"]
    rdflib.term.URIRef('https://kgraph.dev/id/person/dara-quinn')
    """
    bindings: dict[str, Identifier] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not name:
            raise QueryError(f"--bind {pair!r}: expected name=value")
        if name not in query.bindable:
            known = ", ".join("?" + v for v in sorted(query.bindable)) or "none"
            raise QueryError(f"--bind {name}: {query.source} has no result variable ?{name} "
                             f"(it has {known})")
        bindings[name] = _term(value, name)
    return bindings


def _term(value: str, name: str) -> Identifier:
    if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
        return Literal(value[1:-1])
    if value.startswith("<") and value.endswith(">"):
        iri = value[1:-1]
        if not iri or _BAD_IRI.search(iri):
            raise QueryError(f"--bind {name}: {value!r} is not a valid IRI")
        return URIRef(iri)
    prefixed = _PREFIXED.match(value)
    if prefixed and prefixed.group(1) in PREFIXES:
        return URIRef(PREFIXES[prefixed.group(1)] + prefixed.group(2))
    if _INTEGER.match(value):
        return Literal(int(value))
    if _DECIMAL.match(value):
        return Literal(Decimal(value))
    if _DATE.match(value):
        try:
            date.fromisoformat(value)
        except ValueError:
            raise QueryError(f"--bind {name}: {value!r} is not a valid date (YYYY-MM-DD); "
                             f'write "{value}" in double quotes for a string') from None
        return Literal(value, datatype=XSD.date)
    return Literal(value)


def run_query(dataset: object, query: PreparedQuery, bindings: Mapping[str, Node] | None = None, *,
              timeout: float | None = None) -> Result:
    """Run a parsed query on a dataset (rdflib in memory, Oxigraph-backed, or an endpoint).

    With ``timeout`` (seconds) the query runs, answer included, in a worker thread that is
    abandoned when the time is up: the caller gets :class:`~kgraph.errors.QueryTimeoutError`
    at once and should close the dataset (releasing a store's lock) and end the process, which
    stops the query (Oxigraph evaluates it outside Python's lock and has no way to cancel it).

    Each backend runs it its own way (:func:`kgraph.store.backends.run_sparql`): Oxigraph and
    endpoints get the bindings inlined as ``VALUES``, an in-memory rdflib graph the compiled query.

    Raises
    ------
    QueryError
        The engine rejects the query or fails while running it.
    QueryTimeoutError
        ``timeout`` seconds passed before the answer was complete.
    """
    try:
        return call_within(lambda: _run(dataset, query, bindings), timeout or None,
                           name=f"kgraph-query {query.source}")
    except TimeoutError:
        raise QueryTimeoutError(f"{query.source}: stopped after {timeout:g} s without an answer "
                                f"(--timeout {timeout:g}; 0 for no limit)") from None


def query_rows(dataset: object, query: PreparedQuery, bindings: Mapping[str, Node] | None = None, *,
               timeout: float | None = None) -> Rows:
    """The rows of a SELECT query as the engine gives them (a :class:`~kgraph.rdf.rows.Rows`, read once).

    On an Oxigraph store each row is read and converted when the caller asks for it, so the
    first rows come before the last exists (an ORDER BY still sorts the whole answer first)
    and no list of rows is kept; other datasets answer in full first (:func:`run_query`).
    ``timeout`` (seconds) bounds the time spent waiting for rows, as in :func:`run_query`.

    Raises
    ------
    QueryError
        The query is not a SELECT, or the engine rejects it or fails while running it
        (raised while iterating, for a failure past the first rows).
    QueryTimeoutError
        ``timeout`` seconds of waiting passed before the last row.
    """
    if query.kind != "SelectQuery":
        raise QueryError(f"{query.source}: only a SELECT query has rows (this is {query.kind})")
    oxigraph = oxigraph_store(dataset)
    if oxigraph is None:
        return result_rows_of(run_query(dataset, query, bindings, timeout=timeout))

    def answer() -> Iterator[list[str] | list[Node | None]]:  # the names, then the rows
        rows = oxigraph_rows(_ask_oxigraph(oxigraph, dataset, query, bindings))
        yield rows.names
        yield from rows

    items = iterate_within(answer, timeout or None, name=f"kgraph-query {query.source}")

    def read() -> Iterator[list[Node | None]]:
        try:
            yield from items
        except TimeoutError:
            raise QueryTimeoutError(f"{query.source}: stopped after {timeout:g} s without an answer "
                                    f"(--timeout {timeout:g}; 0 for no limit)") from None
        except _ENGINE_ERRORS as error:
            raise _query_error(query, error) from None

    rows = read()
    try:
        names = next(rows)
    except StopIteration:  # cannot happen: the names come first
        names = []
    return Rows([str(n) for n in names], rows)  # type: ignore[arg-type]


_ENGINE_ERRORS = (SyntaxError, ValueError, TypeError, RuntimeError, NotImplementedError, OSError)

_NATIVE_FORMATS = {"csv": ox.QueryResultsFormat.CSV}
"""Formats Oxigraph writes itself byte for byte as :func:`write_rows` does (checked by the tests;
its TSV abbreviates numbers, its JSON is not indented)."""


def write_answer(dataset: object, query: PreparedQuery, fmt: str, out: TextIO,
                 bindings: Mapping[str, Node] | None = None, *, timeout: float | None = None) -> None:
    """Write a SELECT answer to ``out`` in ``fmt`` (csv, tsv or json) as it is read.

    On an Oxigraph store, csv is written by Oxigraph itself into ``out``'s byte stream, 8 KB
    at a time, without making a Python object of any row: a third less time than converting
    each row (10,000-article store: 3,025 events 162 -> 106 ms), the same text as
    :func:`~kgraph.rdf.rows.write_rows` gives. Other datasets, tsv and json, and an ``out``
    without a byte stream (``io.StringIO``) go through :func:`query_rows`.

    Raises
    ------
    QueryError
        The query is not a SELECT, or the engine rejects it or fails while running it.
    QueryTimeoutError
        ``timeout`` seconds passed before the whole answer was written (part of it may be).
    UsageError
        ``fmt`` is not csv, tsv or json.
    """
    oxigraph = oxigraph_store(dataset)
    binary = getattr(out, "buffer", None)
    if oxigraph is None or fmt not in _NATIVE_FORMATS or binary is None:
        write_rows(query_rows(dataset, query, bindings, timeout=timeout), fmt, out)
        return
    if query.kind != "SelectQuery":
        raise QueryError(f"{query.source}: only a SELECT query has rows (this is {query.kind})")
    out.flush()

    def write() -> None:  # asked and read in one thread, as pyoxigraph requires
        answer = _ask_oxigraph(oxigraph, dataset, query, bindings)
        try:
            answer.serialize(binary, format=_NATIVE_FORMATS[fmt])  # type: ignore[union-attr]
        except BrokenPipeError:  # the reader left (| head): as for any other write to stdout
            raise
        except _ENGINE_ERRORS as error:
            raise _query_error(query, error) from None
        finally:
            del answer  # dropped here: an answer may not be dropped by another thread

    try:
        call_within(write, timeout or None, name=f"kgraph-query {query.source}")
    except TimeoutError:
        raise QueryTimeoutError(f"{query.source}: stopped after {timeout:g} s without an answer "
                                f"(--timeout {timeout:g}; 0 for no limit)") from None
    binary.flush()


def _query_error(query: PreparedQuery, error: Exception) -> QueryError:
    reason = str(getattr(error, "msg", error)).splitlines()[0]
    return QueryError(f"{query.source}: the query failed: {reason}")


def _ask_oxigraph(oxigraph: ox.Store, dataset: object, query: PreparedQuery,
                  bindings: Mapping[str, Node] | None) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Oxigraph's (lazy) answer to ``query`` with ``bindings`` inlined."""
    text, rest = inline_bindings(query.text, bindings or {})
    substitutions = {ox.Variable(k): term for k, v in rest.items() if (term := oxigraph_term(v)) is not None}
    union = bool(getattr(dataset, "default_union", getattr(dataset, "union", False)))
    try:
        return oxigraph.query(text, prefixes=PREFIXES, use_default_graph_as_union=union, substitutions=substitutions)
    except _ENGINE_ERRORS as error:
        raise _query_error(query, error) from None


def _run(dataset: object, query: PreparedQuery, bindings: Mapping[str, Node] | None) -> Result:
    try:
        return run_sparql(dataset, query.text, bindings or {}, compiled=lambda: query.compiled)
    except (SyntaxError, ValueError, TypeError, RuntimeError, NotImplementedError, OSError) as error:
        reason = str(getattr(error, "msg", error)).splitlines()[0]
        raise QueryError(f"{query.source}: the query failed: {reason}") from None
