"""``kgraph build``: articles (or the bundled samples) -> store, graph.ttl, graph.html, summary."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from kgraph.cli.app import app, console, err_console, say
from kgraph.cli.extract import check_paths
from kgraph.cli.options import ReadingOptions, reading_options

__all__ = ["build_command"]


@app.command("build")
@reading_options
def build_command(
    paths: Optional[list[Path]] = typer.Argument(None, help="Article files and folders [default: the bundled samples]."),
    out: Path = typer.Option(Path("output"), "--out", help="Output folder for graph.ttl, graph.html and the store."),
    store: Optional[Path] = typer.Option(None, "--store", help="Store folder [default: OUT/store]."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Extraction processes."),
    reading: ReadingOptions = ReadingOptions(),
) -> None:
    """Build the knowledge graph: store the articles' claims, write graph.ttl and graph.html.

    Example: kgraph build news/ --out output
    """
    from kgraph.build import build

    given = list(paths or [])
    existing = check_paths(given)
    if given and not existing:
        raise typer.Exit(2)
    with Progress(TextColumn("extract"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err_console, transient=True) as bar:
        task = bar.add_task("extract", total=None)
        report = build(existing, out_dir=out, store=store, gazetteers=list(reading.gazetteers),
                       model=reading.model, meta=reading.meta, jobs=jobs, progress=lambda done, total: bar.update(task, completed=done, total=total))
    if report.used_samples:
        console.print(f"No input given: built the graph of the {len(report.inputs)} bundled sample articles in {report.inputs[0].parent}",
                      markup=False, highlight=False, soft_wrap=True)
    for error in report.unreadable:
        say(f"kgraph: {error}")
    for message in getattr(report.ingest, "warnings", None) or ():
        say(f"kgraph: warning: {message}")
    for message in report.failed:
        say(f"kgraph: {message}")
    table = Table(title=f"{report.articles} articles read", show_header=True)
    table.add_column("in the graph")
    table.add_column("count", justify="right")
    for kind, count in sorted(report.entities.items()):
        table.add_row(f"entities: {kind}", str(count))
    for relation, count in sorted(report.relations.items()):
        table.add_row(f"claims: {relation}", str(count))
    console.print(table)
    for path in report.files:
        console.print(f"wrote {path}", markup=False, highlight=False, soft_wrap=True)
    failures = len(report.unreadable) + len(report.failed)
    if failures:
        say(f"kgraph: {failures} input(s) could not be read or extracted (see above)")
    if len(existing) < len(given):
        raise typer.Exit(2)
    raise typer.Exit(1 if failures else 0)
