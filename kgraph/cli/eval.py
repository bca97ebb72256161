"""``kgraph eval``: score kgraph's extraction (or a prediction file) against gold annotations."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import typer

from kgraph.cli.app import app, err_console
from kgraph.errors import OutputError, UsageError
from kgraph.evaluate import format_report, read_gold, read_jsonl, score, summary_line

__all__ = ["eval_command", "article_files"]


def article_files(gold: list[dict[str, Any]], folder: Path) -> tuple[list[Path], list[str]]:
    """The article file of each gold article in ``folder`` (its ``text_file``, else ``ID.txt``),
    and the ids that have none there."""
    files, missing = [], []
    for article in gold:
        file = folder / (article.get("text_file") or f"{article['id']}.txt")
        if file.is_file():
            files.append(file)
        else:
            missing.append(article["id"])
    return files, missing


def _predict(files: list[Path]) -> tuple[list[dict[str, Any]], list[str]]:
    """Run kgraph's extraction over ``files``: prediction rows and one line per failed input."""
    from kgraph.pipeline import predict_rows  # the heavy NLP stack is loaded only when needed

    return predict_rows(files)


@app.command("eval")
def eval_command(
    gold: Path = typer.Argument(..., help="Gold annotations, one JSON object per article (SCHEMA.md)."),
    articles: Optional[Path] = typer.Option(
        None, "--articles", help="Folder of the gold's article files to extract from "
                                 "[default: the gold file's folder]."),
    pred: Optional[Path] = typer.Option(
        None, "--pred", help="Score this prediction file (JSON lines) instead of extracting."),
    save_pred: Optional[Path] = typer.Option(
        None, "--save-pred", help="Also write the predictions extracted with --articles here."),
    show_errors: bool = typer.Option(False, "--show-errors", help="List every missed and spurious "
                                     "relation and entity and every wrong attribute."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Score relations, entities and attribute accuracies against GOLD, as ../shared/eval/score.py does.

    Example: kgraph eval kgraph/samples/gold.jsonl --show-errors
    """
    for path, what in ((gold, "gold file"), (pred, "prediction file"), (articles, "articles folder")):
        if path is not None and not path.exists():
            raise UsageError(f"{path}: {what} not found")
    if pred is not None and (articles is not None or save_pred is not None):
        raise UsageError("--pred scores a prediction file; it cannot be combined with --articles or --save-pred")
    if articles is not None and not articles.is_dir():
        raise UsageError(f"{articles}: --articles must be a folder")
    gold_rows = read_gold(gold)
    failures: list[str] = []
    if pred is not None:
        rows = read_jsonl(pred)
    else:
        files, missing = article_files(gold_rows, articles or gold.parent)
        failures += [f"{articles or gold.parent}: no article file for gold id {m!r}" for m in missing]
        rows, failed = _predict(files)
        failures += failed
        if save_pred is not None:
            _write_jsonl(save_pred, rows)
    report, errors = score(gold_rows, rows)
    if as_json:
        typer.echo(json.dumps({**report, "errors": errors} if show_errors else report, indent=1))
    else:
        typer.echo(format_report(report))
        if show_errors and errors:
            typer.echo("\n".join(errors))
        typer.echo(summary_line(report))
    for line in failures:
        err_console.print(f"kgraph: {line}", markup=False, highlight=False, soft_wrap=True)
    if failures:
        err_console.print(f"kgraph: {len(failures)} input(s) failed", markup=False, highlight=False)
        raise typer.Exit(1)


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    try:
        with path.open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    except OSError as error:
        raise OutputError(f"{path}: cannot be written ({error.strerror or error})") from None
