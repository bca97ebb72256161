"""``kgraph query``, ``kgraph export``, ``kgraph ontology`` and ``kgraph validate``."""
from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from kgraph.cli.app import app, console, err_console, say
from kgraph.errors import UsageError
from kgraph.store import DEFAULT_STORE

__all__ = ["query_command", "export_command", "ontology_command", "validate_command"]

DEFAULT_TIMEOUT = 30.0  # seconds; kgraph.store.endpoint.DEFAULT_TIMEOUT (not imported: requests loads slowly)
DEFAULT_GRAPH = Path("output/graph.ttl")

_GRAPH_HELP = "An RDF file (.ttl, .trig, .nt, .nq, .jsonld) to read [default: output/store if it exists, else output/graph.ttl]."
_STORE_HELP = "A kgraph store folder to read (see kgraph build / kgraph ingest)."
_ENDPOINT_HELP = ("SPARQL server to read from: Oxigraph (http://host:7878), a Fuseki dataset "
                  "(http://host:3030/news) or a GraphDB repository (http://host:7200/repositories/news); "
                  "prefix fuseki:, graphdb: or oxigraph: if the URL does not tell.")


def _open(graph: Path | None, store: Path | None, endpoint: str | None, *,  # noqa: ANN202
          timeout: float | None = None, reader: bool = False):
    """The dataset to read: --graph, --endpoint or --store; by default the store, else graph.ttl.

    With ``reader``, a store is opened as a bare read-only Oxigraph store (``run_query`` takes
    it; rdflib's Dataset and oxrdflib are not loaded)."""
    if sum(x is not None for x in (graph, store, endpoint)) > 1:
        raise UsageError("give only one of --graph, --store and --endpoint")
    if graph is None and store is None and endpoint is None:
        if DEFAULT_STORE.is_dir():
            store = DEFAULT_STORE
        elif DEFAULT_GRAPH.is_file():
            graph = DEFAULT_GRAPH
        else:
            raise UsageError(f"no graph: neither {DEFAULT_STORE} nor {DEFAULT_GRAPH} exists "
                             "(run kgraph build first, or give --graph FILE)")
    if store is not None:
        _note_old_format(store)
    if reader and store is not None:
        from kgraph.store.local import open_reader

        return open_reader(store)
    from kgraph.store import open_dataset  # the Oxigraph stack is loaded only when needed

    return open_dataset(graph=graph, store=store, endpoint=endpoint, timeout=timeout)


def _note_old_format(store: Path) -> None:
    """One line on stderr when ``store`` was written by an older kgraph (its derived facts missing)."""
    from kgraph.store.local import STORE_FORMAT, check_store

    version = check_store(store, create=False)
    if 0 < version < STORE_FORMAT:
        say(f"kgraph: {store} is store format {version} (this kgraph writes {STORE_FORMAT}): the conflicts list "
            "and claim counts miss what it lacks until a writer opens it once (kgraph ingest or kgraph remove "
            "upgrade it, about 2 s per 10,000 articles)")


_TABLE_ROWS = 200  # a terminal table past this is unreadable, and slow to draw (2,400 rows: 3 s)


def _list_queries(folders: list[Path]) -> None:
    from kgraph.query import parse_header

    files: dict[str, Path] = {}
    for folder in reversed(folders):  # a name in ./queries hides the ready question of that name
        files.update((path.stem, path) for path in folder.glob("*.rq"))
    if not files:
        raise UsageError(f"{' and '.join(map(str, folders))}: no .rq files")
    table = Table("query", "answers", "params", title=f"queries in {' and '.join(map(str, folders))}")
    for name, path in sorted(files.items()):
        info = parse_header(path.read_text(encoding="utf-8"))
        table.add_row(name, info.question or info.title, ", ".join("?" + p for p in info.params))
    console.print(table)


@app.command("query")
def query_command(
    query: Optional[str] = typer.Argument(None, help="A .rq file, a query name from queries/ (e.g. fired), "
                                          "or SPARQL text."),
    bind: list[str] = typer.Option([], "--bind", "-b", help="name=value: set a result variable of the "
                                   "query (repeatable). <iri> and prefix:name give IRIs; other values "
                                   "are literals, never query text."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv, tsv or json (the W3C SPARQL "
                            "1.1 results formats for csv, tsv and json)."),
    graph: Optional[Path] = typer.Option(None, "--graph", help=_GRAPH_HELP),
    store: Optional[Path] = typer.Option(None, "--store", help=_STORE_HELP),
    endpoint: Optional[str] = typer.Option(None, "--endpoint", help=_ENDPOINT_HELP),
    list_queries: bool = typer.Option(False, "--list", help="List the ready queries (and those in ./queries) with what they answer."),
    limit: int = typer.Option(_TABLE_ROWS, "--limit", min=0, help="Rows a table shows (0: all); csv, tsv "
                              "and json always give every row."),
    timeout: float = typer.Option(DEFAULT_TIMEOUT, "--timeout", min=0, help="Seconds the query may run "
                                  "(0: no limit); past them it is stopped, the store released, exit 3. "
                                  "With --endpoint: seconds each request may take, retries included."),
) -> None:
    """Ask the graph a SPARQL question and print the answer.

    Example: kgraph query queries/positions.rq --bind person="Sam Altman"
    """
    from kgraph.query import load_query, parse_bindings, query_dirs, query_rows, run_query, write_answer
    from kgraph.rdf.results import FORMATS, format_result
    from kgraph.resolve import resolve_bindings

    if list_queries:
        _list_queries(query_dirs())
        return
    if query is None:
        raise UsageError("give a query (a .rq file, a name from queries/ or SPARQL text), or --list")
    if fmt not in FORMATS:
        raise UsageError(f"--format {fmt}: unknown (use one of {', '.join(FORMATS)})")
    prepared = load_query(query)
    bindings = parse_bindings(bind, prepared)
    dataset = _open(graph, store, endpoint, timeout=timeout, reader=True)
    try:
        bindings = resolve_bindings(dataset, prepared.text, bindings, say=say)  # aliases, IRIs -> names
        if prepared.kind == "SelectQuery":  # rows are shown or written as they come
            if fmt == "table":
                _print_table(query_rows(dataset, prepared, bindings, timeout=timeout or None),
                             prepared.info.title, limit)
            else:
                write_answer(dataset, prepared, fmt, sys.stdout, bindings, timeout=timeout or None)
            return
        result = run_query(dataset, prepared, bindings, timeout=timeout or None)
        if fmt == "table" and result.type == "ASK":
            console.print("yes" if result.askAnswer else "no", markup=False, highlight=False)
        else:
            sys.stdout.write(format_result(result, "turtle" if fmt == "table" else fmt))
    finally:
        dataset.close()


def _print_table(rows, title: str, limit: int) -> None:  # noqa: ANN001
    """Print the first ``limit`` rows (0: all) as soon as they are read, then count the rest."""
    from itertools import islice

    from kgraph.cli.tables import print_rows
    from kgraph.rdf.results import short_term

    shown = list(islice(rows, limit) if limit else rows)
    cells = [[short_term(v) for v in row] for row in shown]
    # on a terminal (or with COLUMNS set) the rows fit the window; to a file or pipe, whole lines
    width = console.width if console.is_terminal or os.environ.get("COLUMNS") else None
    print_rows(console, list(rows.names), cells, title=title, width=width)
    console.file.flush()
    total, counted = len(shown), True
    if limit and len(shown) == limit:
        try:
            with err_console.status("counting the other rows (Ctrl-C stops) ..."):
                total += sum(1 for _ in rows)
        except KeyboardInterrupt:
            counted = False
    count = f"{total:,}{'' if counted else '+'} row{'s' if total != 1 else ''}"
    if len(shown) < total or not counted:
        count += f", the first {len(shown):,} shown (--limit 0 shows all; --format csv writes all)"
    if not counted:
        count += "; counting stopped"
    err_console.print(count, markup=False, highlight=False)


@app.command("export")
def export_command(
    fmt: str = typer.Option("turtle", "--format", "-f", help="turtle, nt, trig, nquads, jsonld, graphml "
                            "(for Gephi) or csv (one row per claim)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="File to write [default: standard output]."),
    graph: Optional[Path] = typer.Option(None, "--graph", help=_GRAPH_HELP),
    store: Optional[Path] = typer.Option(None, "--store", help=_STORE_HELP),
    endpoint: Optional[str] = typer.Option(None, "--endpoint", help=_ENDPOINT_HELP),
) -> None:
    """Write the graph for other tools: RDF, GraphML (Gephi) or CSV (one row per claim).

    TriG, N-Quads and JSON-LD keep one named graph per article; Turtle and N-Triples hold
    their union.

    Example: kgraph export --format graphml --out output/graph.graphml
    """
    from kgraph.export import EXPORT_FORMATS, export_text, write_export

    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"--format {fmt}: unknown (use one of {', '.join(EXPORT_FORMATS)})")
    dataset = _open(graph, store, endpoint)
    try:
        if out is None:
            sys.stdout.write(export_text(dataset, fmt))
            return
        path = write_export(dataset, fmt, out)
    finally:
        dataset.close()
    console.print(f"wrote {path} ({fmt})", markup=False, highlight=False, soft_wrap=True)


@app.command("ontology")
def ontology_command() -> None:
    """Print the kgraph ontology (Turtle): every class and property with its label and comment.

    Example: kgraph ontology > kgraph-ontology.ttl
    """
    sys.stdout.write(resources.files("kgraph.rdf").joinpath("ontology.ttl").read_text(encoding="utf-8"))


@app.command("validate")
def validate_command(
    graph: Optional[Path] = typer.Option(None, "--graph", help=_GRAPH_HELP),
    store: Optional[Path] = typer.Option(None, "--store", help=_STORE_HELP),
    endpoint: Optional[str] = typer.Option(None, "--endpoint", help=_ENDPOINT_HELP),
) -> None:
    """Check the graph against kgraph's SHACL shapes; exit 1 listing the violations.

    Every claim needs a source article, a modality (asserted, negated, uncertain) and a subject
    and object of the types its relation allows.

    Example: kgraph validate --graph output/graph.ttl
    """
    from kgraph.store.backends import union_graph
    from kgraph.rdf.validate import validate_graph

    dataset = _open(graph, store, endpoint)
    try:
        data = union_graph(dataset)
    finally:
        dataset.close()
    violations = validate_graph(data)
    for violation in violations:
        console.print(str(violation), markup=False, highlight=False, soft_wrap=True)
    if violations:
        err_console.print(f"kgraph: {len(violations)} SHACL violation{'s' if len(violations) != 1 else ''}",
                          markup=False, highlight=False)
        raise typer.Exit(1)
    console.print(f"conforms: {len(data)} triples checked against kgraph's SHACL shapes",
                  markup=False, highlight=False)
