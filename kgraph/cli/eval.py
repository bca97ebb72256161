"""``kgraph eval``: score kgraph's extraction (or a prediction file) against gold annotations."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import typer

from kgraph.cli.app import app, err_console, say
from kgraph.cli.options import NoScorer
from kgraph.errors import OutputError, UsageError
from kgraph.evaluate import format_report, read_gold, read_jsonl, score, summary_line
from kgraph.samples import gold_file

__all__ = ["eval_command", "article_files"]


def article_files(gold: list[dict[str, Any]], folders: list[Path]) -> tuple[list[Path], list[str]]:
    """The article file of each gold article (its ``text_file``, else ``ID.txt``) in the first of
    ``folders`` that has it, and the ids that have none."""
    files, missing = [], []
    for article in gold:
        name = article.get("text_file") or f"{article['id']}.txt"
        found = [folder / name for folder in folders if (folder / name).is_file()]
        if found:
            files.append(found[0])
        else:
            missing.append(article["id"])
    return files, missing


def _predict(files: list[Path], gazetteers: list[Path], model: Optional[str],
             scorer: bool = True) -> tuple[list[dict[str, Any]], list[str]]:
    """Run kgraph's extraction over ``files``: prediction rows and one line per failed input."""
    from kgraph.extractor import Extractor, predict_rows  # the NLP stack is loaded only when needed

    return predict_rows(files, Extractor(gazetteers=gazetteers, model=model, scorer=scorer))


@app.command("eval")
def eval_command(
    gold: Optional[Path] = typer.Argument(None, help="Gold annotations, one JSON object per article "
                                          "(SCHEMA.md); default: the bundled samples' gold."),
    articles: list[Path] = typer.Option(
        [], "--articles", help="Folder holding the gold's article files, to extract from; repeatable "
                               "(default: the gold file's folder)."),
    pred: Optional[Path] = typer.Option(
        None, "--pred", help="Score this prediction file (JSON lines) instead of extracting."),
    save_pred: Optional[Path] = typer.Option(
        None, "--save-pred", help="Also write the extracted predictions (JSON lines) to this file."),
    show_errors: bool = typer.Option(False, "--show-errors", help="List every missed and spurious "
                                     "relation and entity and every wrong attribute."),
    per_article: bool = typer.Option(False, "--per-article", help="Also report relation P/R/F1 of "
                                     "each article (article:<id> rows)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON (with --show-errors, "
                                 "the error lines under \"errors\")."),
    gazetteer: list[Path] = typer.Option([], "--gazetteer", help="Your own gazetteer file, used when "
                                         "extracting; repeatable."),
    model: Optional[str] = typer.Option(None, "--model", help="An installed spaCy pipeline whose entities "
                                        "are added when extracting."),
    corpus: Optional[Path] = typer.Option(
        None, "--corpus", help="Score a corpus folder (tests/corpus: dev/ and blind/ splits of batches) "
                               "split by split and per language, side by side, instead of GOLD."),
    split: list[str] = typer.Option([], "--split", help="With --corpus: only this split (dev, blind); "
                                    "repeatable. Errors are shown only for splits other than blind."),
    against: Optional[Path] = typer.Option(
        None, "--against", help="With --corpus: predictions saved by an earlier --save-pred run (another "
                                "extractor); say how far each split's F1 moved and whether by more than "
                                "the corpus's noise (paired bootstrap over articles, aggregates only)."),
    no_scorer: NoScorer = False,
) -> None:
    """Score relations, entities and attribute accuracies against GOLD, as ../shared/eval/score.py does.

    Without --pred, the gold's articles are extracted first, from --articles or the gold's folder.

    Example: kgraph eval tests/data/articles/gold.jsonl --show-errors

    With --corpus, every split of the corpus is extracted once and scored on its own and per
    language: kgraph eval --corpus tests/corpus. With --against, against an earlier run:
    kgraph eval --corpus tests/corpus --split blind --against before.jsonl
    """
    if corpus is not None:
        if gold is not None or pred is not None or articles or per_article:
            raise UsageError("--corpus scores the corpus's own gold; it cannot be combined with GOLD, "
                             "--pred, --articles or --per-article")
        if against is not None and not against.is_file():
            raise UsageError(f"{against}: --against must be a prediction file saved by --save-pred")
        _eval_corpus(corpus, split, show_errors, as_json, save_pred, gazetteer, model, not no_scorer, against)
        return
    if split or against is not None:
        raise UsageError("--split and --against go with --corpus")
    if gold is None:
        gold = gold_file()
        err_console.print(f"kgraph: no GOLD given: scoring the bundled sample articles ({gold})",
                          markup=False, highlight=False, soft_wrap=True)
    checks = [(gold, "gold file"), (pred, "prediction file")] + [(a, "articles folder") for a in articles]
    for path, what in checks + [(g, "gazetteer file") for g in gazetteer]:
        if path is not None and not path.exists():
            raise UsageError(f"{path}: {what} not found")
    if pred is not None and (articles or save_pred or gazetteer or model):
        raise UsageError("--pred scores a prediction file; it cannot be combined with --articles, "
                         "--save-pred, --gazetteer or --model")
    for folder in articles:
        if not folder.is_dir():
            raise UsageError(f"{folder}: --articles must be a folder")
    gold_rows = read_gold(gold)
    failures: list[str] = []
    if pred is not None:
        rows = read_jsonl(pred)
    else:
        folders = articles or [gold.parent]
        files, missing = article_files(gold_rows, folders)
        failures += [f"no article file for gold id {m!r} in {', '.join(map(str, folders))}" for m in missing]
        rows, failed = _predict(files, gazetteer, model, not no_scorer)
        failures += failed
        if save_pred is not None:
            _write_jsonl(save_pred, rows)
    report, errors = score(gold_rows, rows, per_article=per_article)
    if as_json:
        typer.echo(json.dumps({**report, "errors": errors} if show_errors else report, indent=1))
    else:
        typer.echo(format_report(report))
        if show_errors and errors:
            typer.echo("\n".join(errors))
        typer.echo(summary_line(report))
    for line in failures:
        say(f"kgraph: {line}")
    if failures:
        err_console.print(f"kgraph: {len(failures)} input(s) failed", markup=False, highlight=False)
        raise typer.Exit(1)


def _eval_corpus(root: Path, splits: list[str], show_errors: bool, as_json: bool,
                 save_pred: Optional[Path], gazetteer: list[Path], model: Optional[str], scorer: bool,
                 against: Optional[Path] = None) -> None:
    from kgraph.corpus import compare_predictions, format_comparison, format_corpus_report, load_corpus, score_corpus

    if not root.is_dir():
        raise UsageError(f"{root}: --corpus must be a folder")
    corpus = load_corpus(root)
    unknown = sorted(set(splits) - set(corpus))
    if unknown:
        raise UsageError(f"{root}: no split {unknown[0]!r} (the corpus has {', '.join(corpus)})")
    corpus = {name: rows for name, rows in corpus.items() if not splits or name in splits}
    if show_errors and "blind" in corpus:
        raise UsageError("the errors of blind articles are never shown (tests/corpus/README.md): "
                         "add --split dev to see dev's errors")
    earlier: list[dict[str, Any]] = []
    if against is not None:
        earlier = read_jsonl(against)
        ids = {a.gold["id"] for items in corpus.values() for a in items}
        if not ids & {row.get("article") for row in earlier}:
            raise UsageError(f"{against}: holds no prediction for an article of the split(s) scored; "
                             "save one with --save-pred on the same --corpus and --split")
    files = [a.path for rows in corpus.values() for a in rows]
    rows, failures = _predict(files, gazetteer, model, scorer)
    if save_pred is not None:
        _write_jsonl(save_pred, rows)
    reports: dict[str, Any] = dict(score_corpus(corpus, rows))
    comparison = compare_predictions(corpus, rows, earlier) if against is not None else None
    if as_json:
        typer.echo(json.dumps({**reports, "against": comparison} if comparison is not None else reports, indent=1))
    else:
        counts = ", ".join(f"{name} {len(items)} ({', '.join(f'{lang} {n}' for lang, n in sorted(_langs(items).items()))})"
                           for name, items in corpus.items())
        typer.echo(f"corpus {root}: {counts} articles")
        typer.echo(format_corpus_report(reports))
        if comparison is not None:
            typer.echo("")
            typer.echo(format_comparison(comparison))
    if show_errors:
        gold = [a.gold for items in corpus.values() for a in items]
        typer.echo("\n".join(score(gold, rows)[1]))
    for line in failures:
        say(f"kgraph: {line}")
    if failures:
        err_console.print(f"kgraph: {len(failures)} input(s) failed", markup=False, highlight=False)
        raise typer.Exit(1)


def _langs(items: list[Any]) -> dict[str, int]:
    out: dict[str, int] = {}
    for a in items:
        out[a.lang] = out.get(a.lang, 0) + 1
    return out


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    try:
        with path.open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    except OSError as error:
        raise OutputError(f"{path}: cannot be written ({error.strerror or error})") from None
