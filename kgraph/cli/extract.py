"""``kgraph extract`` and ``kgraph explain``: what the extractor finds, as data or per sentence."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from kgraph.cli.app import app, console, say
from kgraph.cli.options import Gazetteers, Lang, Model, NoScorer, ReadingOptions, reading_options
from kgraph.errors import InputError, UsageError

__all__ = ["extract_command", "explain_command", "check_paths"]



def check_paths(paths: list[Path]) -> list[Path]:
    """The paths that exist; each missing one is reported on stderr (the caller exits 2 at the end).

    A path that cannot be looked at (a folder on the way is unreadable) is kept: reading it
    names it with the reason, and the rest of the batch goes on.
    """
    from kgraph.articles.readers import path_missing

    missing = [p for p in paths if path_missing(p)]
    for path in missing:
        say(f"kgraph: {path}: no such file or folder")
    return [p for p in paths if p not in missing]


def _extractor(gazetteer: list[Path], model: Optional[str], scorer: bool = True):
    from kgraph.extractor import Extractor

    for path in gazetteer:
        if not path.is_file():
            raise UsageError(f"{path}: gazetteer file not found")
    return Extractor(gazetteers=gazetteer, model=model, scorer=scorer)


@app.command("extract")
@reading_options
def extract_command(
    paths: list[Path] = typer.Argument(..., help="Article files and folders."),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl (the prediction format of SCHEMA.md) or table."),
    no_scorer: NoScorer = False,
    reading: ReadingOptions = ReadingOptions(),
) -> None:
    """Print the entities and relations found in articles, one JSON object per line.

    Example: kgraph extract news/ --format jsonl > pred.jsonl
    """
    from kgraph.articles import iter_articles
    from kgraph.extract import prediction_rows
    from kgraph.extractor import extract_all

    if fmt not in ("jsonl", "table"):
        raise UsageError(f"--format {fmt!r}: use jsonl or table")
    existing = check_paths(paths)
    failed = 0
    extractor = _extractor(list(reading.gazetteers), reading.model, scorer=not no_scorer)
    for item in extract_all(iter_articles(existing, **reading.meta), extractor):
        if isinstance(item, InputError):
            failed += 1
            say(f"kgraph: {item}")
            continue
        for warning in item.warnings:
            say(f"kgraph: warning: {warning}")
        if fmt == "jsonl":
            for row in prediction_rows(item):
                typer.echo(json.dumps(row, ensure_ascii=False))
        else:
            for r in item.relations:
                console.print(f"{item.article.id}\t{r.subject}\t{r.relation}\t{r.object}\t{r.modality}"
                              f"\t{r.role or ''}\t{r.status or ''}\t{r.date or ''}", markup=False, highlight=False)
    if len(existing) < len(paths):
        raise typer.Exit(2)
    raise typer.Exit(1 if failed else 0)


@app.command("explain")
def explain_command(
    article: Path = typer.Argument(..., help="One article file."),
    lang: Lang = None,
    gazetteer: Gazetteers = [],  # noqa: B006 (typer copies defaults)
    model: Model = None,
) -> None:
    """Show, sentence by sentence, the entities found and the relations with the rule that fired.

    Example: kgraph explain news/openai.txt
    """
    from kgraph.articles import iter_articles
    from kgraph.extract.explain import explain_lines

    if not article.exists():
        raise UsageError(f"{article}: no such file")
    extractor = _extractor(gazetteer, model)
    for item in iter_articles([article], lang=lang):
        if isinstance(item, InputError):
            raise item
        for line in explain_lines(item, extractor):
            console.print(line, markup=False, highlight=False, soft_wrap=True)


@app.command("bench-extract")
def bench_extract_command(
    paths: list[Path] = typer.Argument(..., help="Article files and folders (real news measures best)."),
    rounds: int = typer.Option(2, "--rounds", min=1, help="Timed passes; the best counts."),
) -> None:
    """Print extraction words/s beside a bare spaCy tokenizer pass over the same articles.

    Example: kgraph bench-extract ../shared/eval/dev
    """
    from rich.table import Table

    from kgraph.articles import iter_articles
    from kgraph.bench import extraction_speed

    existing = check_paths(paths)
    articles = [a for a in iter_articles(existing) if not isinstance(a, InputError)]
    if not articles:
        raise UsageError("bench-extract: no readable article in the given paths")
    speed = extraction_speed(articles, rounds=rounds)
    table = Table(title=f"extraction speed, {speed['articles']} articles, {speed['words']:,} words (1 process)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("extraction words/s", f"{speed['extract_words_per_s']:,.0f}")
    table.add_row("bare spaCy tokenizer words/s", f"{speed['tokenizer_words_per_s']:,.0f}")
    table.add_row("extraction time / tokenizer time", f"{speed['ratio']:.1f}x")
    console.print(table)
