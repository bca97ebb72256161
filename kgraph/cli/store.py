"""``kgraph ingest``, ``kgraph remove`` and ``kgraph bench``: fill the store (or a server), prune it, time it."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task,
                           TextColumn, TimeRemainingColumn)
from rich.text import Text

from kgraph.cli.app import app, console, err_console, say
from kgraph.errors import InputError, StoreError, UsageError

if TYPE_CHECKING:  # the store stack (Oxigraph, rdflib) is imported by the commands that use it
    from kgraph.store.ingest import IngestReport, Target

__all__ = ["ingest_command", "remove_command", "bench_command"]

_STORE_HELP = "Store folder (created if missing or empty)."
_ENDPOINT_HELP = ("SPARQL server to write to instead of the store: Oxigraph (http://host:7878), "
                  "a Fuseki dataset (http://host:3030/news) or a GraphDB repository "
                  "(http://host:7200/repositories/news); prefix fuseki:, graphdb: or oxigraph: "
                  "if the URL does not tell.")


class _RateColumn(ProgressColumn):
    """Articles per second, once there is something to measure."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.1f} articles/s" if task.speed else "- articles/s", style="progress.data.speed")


@contextmanager
def _target(store: Optional[Path], endpoint: Optional[str], *, create: bool = True,
            timeout: Optional[float] = None) -> Iterator[tuple[Target, str]]:
    """The store (locked for the run) or the endpoint to write to, and how to name it."""
    if store is not None and endpoint is not None:
        raise UsageError("give either --store or --endpoint, not both")
    from kgraph.store import DEFAULT_STORE
    from kgraph.store.local import LocalStore

    if endpoint is not None:
        from kgraph.store.endpoint import Endpoint

        server = Endpoint(endpoint) if timeout is None else Endpoint(endpoint, timeout=timeout)
        server.ping()
        yield server, endpoint
    else:
        store = store or DEFAULT_STORE
        with LocalStore(store, create=create) as local:
            yield local, str(store)


def _summary(report: IngestReport, where: str, unreadable: list[InputError]) -> int:
    """Print what happened (failures on stderr, one line each) and return the exit status."""
    for error in unreadable:
        say(f"kgraph: {error}")
    for message in report.warnings:
        say(f"kgraph: warning: {message}")
    for message in report.failed:
        say(f"kgraph: {message}")
    console.print(f"{where}: {len(report.added)} added, {len(report.replaced)} replaced, "
                  f"{len(report.unchanged)} unchanged, {len(report.failed) + len(unreadable)} failed",
                  markup=False, highlight=False, soft_wrap=True)
    if report.stopped is not None:
        say(f"kgraph: {report.stopped}")
    if report.unsent:
        shown = ", ".join(report.unsent[:20]) + (" ..." if len(report.unsent) > 20 else "")
        say(f"kgraph: {len(report.unsent)} articles not ingested (run the command again to add them): {shown}")
    if report.interrupted:
        say(f"kgraph: interrupted; the {report.written} articles written are kept")
        return 130
    if report.stopped is not None or report.failed or unreadable:
        return 1
    return 0


@app.command("ingest")
def ingest_command(
    paths: list[Path] = typer.Argument(..., help="Article files and folders (txt, html, jsonl, rss/atom)."),
    store: Optional[Path] = typer.Option(None, "--store", help=_STORE_HELP + " [default: output/store]"),
    endpoint: Optional[str] = typer.Option(None, "--endpoint", help=_ENDPOINT_HELP),
    jobs: int = typer.Option(os.cpu_count() or 1, "--jobs", "-j", min=1, show_default="the number of cores",
                             help="Extraction processes."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Language of every article (else detected)."),
    gazetteer: list[Path] = typer.Option([], "--gazetteer", help="Your own gazetteer file (repeatable)."),
    model: Optional[str] = typer.Option(None, "--model", help="An installed spaCy pipeline whose entities are merged in."),
    timeout: Optional[float] = typer.Option(None, "--timeout", min=0, help="With --endpoint: seconds each "
                                            "request may take, retries included (0: no limit) [default: 30]."),
) -> None:
    """Add articles to the store, one named graph each; unchanged articles are skipped.

    Example: kgraph ingest news/ --store output/store --jobs 4
    """
    from kgraph.articles import iter_articles
    from kgraph.articles.readers import path_missing
    from kgraph.extractor import extract_function  # the NLP stack is loaded only to ingest
    from kgraph.store.ingest import ingest

    for path in paths:
        if path_missing(path):  # an unreadable one is named with the other failures, the rest goes on
            raise UsageError(f"{path}: no such file or folder")
    with _target(store, endpoint, timeout=timeout) as (target, where):
        articles, unreadable = [], []
        for item in iter_articles(paths, lang=lang):
            (unreadable if isinstance(item, InputError) else articles).append(item)
        columns = (TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), _RateColumn(),
                   TextColumn("left"), TimeRemainingColumn())
        with Progress(*columns, console=err_console, transient=False) as bar:
            task = bar.add_task("ingest", total=len(articles))
            make = partial(extract_function, tuple(str(g) for g in gazetteer), model)
            report = ingest(articles, target, make, jobs=jobs,
                            progress=lambda done, total: bar.update(task, completed=done))
    raise typer.Exit(_summary(report, where, unreadable))


@app.command("remove")
def remove_command(
    article: str = typer.Argument(..., help="Article IRI, its last segment (as `kgraph query` shows it), "
                                  "its URL, or the file or folder it was ingested from."),
    store: Optional[Path] = typer.Option(None, "--store", help="Store folder [default: output/store]."),
    endpoint: Optional[str] = typer.Option(None, "--endpoint", help=_ENDPOINT_HELP),
) -> None:
    """Retract articles: their named graphs go, and entities only they mentioned leave the graph.

    Example: kgraph remove kabar-example-id-2024-05-ceo-mundur  (or: kgraph remove news/a.txt)
    """
    from kgraph.articles import iter_articles
    from kgraph.store.ingest import find_articles, stored_articles

    with _target(store, endpoint, create=False) as (target, where):
        records = target.records()
        if Path(article).exists():
            read = []
            for item in iter_articles([Path(article)]):
                if isinstance(item, InputError):
                    say(str(item))
                else:
                    read.append(item)
            found = stored_articles(records, read)
        else:
            found = find_articles(records, article)
        if not found:
            raise StoreError(f"no article {article!r} in {where}")
        for iri in found:
            target.remove_graph(iri)
    console.print(f"removed {', '.join(found)} from {where}", markup=False, highlight=False, soft_wrap=True)


@app.command("bench")
def bench_command(
    n: list[int] = typer.Option([1000, 10000], "--n", min=1, help="Article counts to measure (repeat the option)."),
    jobs: int = typer.Option(os.cpu_count() or 1, "--jobs", "-j", min=1, show_default="the number of cores",
                             help="Extraction processes during ingest."),
    queries: Optional[Path] = typer.Option(None, "--queries", help="Folder of .rq files to time "
                                           "[default: the ready queries]."),
    keep: Optional[Path] = typer.Option(None, "--store", help="Keep each size's store in this folder "
                                        "(DIR/N); one already there is reused: its queries are timed, "
                                        "no ingest."),
    endpoint: Optional[str] = typer.Option(None, "--endpoint", help="Ingest into and query this SPARQL "
                                           "server instead of a store (one holding the N articles is "
                                           "reused); " + _ENDPOINT_HELP.split(": ", 1)[-1]),
    log: Optional[Path] = typer.Option(None, "--log", help="Append progress lines (articles ingested, "
                                       "articles/s) to this file."),
) -> None:
    """Time extraction, ingest and every query on N synthetic articles (Indonesian and English).

    Example: kgraph bench --n 1000 --n 10000 --jobs 2 --store /tmp/bench-stores
    """
    from kgraph.bench import results_table, run_sizes
    from kgraph.query import query_dir

    queries = queries or query_dir()
    with err_console.status(f"kgraph bench: N = {', '.join(f'{size:,}' for size in n)} ..."):
        if keep is not None and endpoint is not None:
            raise UsageError("give either --store or --endpoint, not both")
        results = run_sizes(sorted(n), jobs=jobs, queries=queries, keep=keep, endpoint=endpoint, log=log)
    console.print(results_table(results))
