"""``kgraph read``: show how kgraph reads article files, before any extraction."""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any, Optional

import typer

from kgraph.cli.app import app, err_console, say
from kgraph.cli.options import parse_published
from kgraph.errors import InputError, UsageError
from kgraph.models import Article

__all__ = ["read_command", "article_row"]

_FORMATS = ("table", "jsonl", "text")


def article_row(article: Article) -> dict[str, Any]:
    """An article as a JSON-ready dict, in the shape ``kgraph`` reads back from ``.jsonl`` files.

    Examples
    --------
    >>> article_row(Article(id="a", text="Acme fired Jo.", published=date(2024, 1, 2)))["published"]
    '2024-01-02'
    """
    row = asdict(article)
    row["published"] = article.published.isoformat() if article.published else None
    row["authors"] = list(article.authors)
    return {key: value for key, value in row.items() if value not in (None, [], "")}


def _table_lines(articles: list[Article]) -> list[str]:
    """Tab-separated lines: a header, then one line per article."""
    lines = ["id\tlang\tpublished\tpublisher\tauthors\tchars\ttitle"]
    for a in articles:
        lines.append("\t".join([a.id, a.lang or "?", a.published.isoformat() if a.published else "",
                                a.publisher or "", ", ".join(a.authors), str(len(a.text)),
                                a.title or ""]))
    return lines


@app.command("read")
def read_command(
    paths: list[Path] = typer.Argument(..., help="Article files and folders (txt, html, jsonl, rss/atom)."),
    fmt: str = typer.Option("table", "--format", help="table, jsonl (articles kgraph can read "
                                                      "back) or text (each cleaned body)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Language of every article (else detected)."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date (ISO) of every article."),
    publisher: Optional[str] = typer.Option(None, "--publisher", help="Publisher of every article."),
    author: Optional[str] = typer.Option(None, "--author", help="Author of every article."),
) -> None:
    """Read articles and show what kgraph makes of them: metadata, language, cleaned text.

    Unreadable files and lines are named on stderr, one line each, and the rest is read; exit
    status 0 when all were read, 1 when some failed, 2 when a given path does not exist.

    Example: kgraph read news/ --format jsonl > articles.jsonl
    """
    from kgraph.articles import iter_articles

    if fmt not in _FORMATS:
        raise UsageError(f"--format {fmt!r}: use {', '.join(_FORMATS)}")
    from kgraph.articles.readers import path_missing

    missing = sum(1 for path in paths if path_missing(path))  # named below; exit status 2
    articles: list[Article] = []
    failed = count = 0
    for item in iter_articles(paths, lang=lang, published=parse_published(published),
                              publisher=publisher, author=author):
        if isinstance(item, InputError):
            failed += 1
            say(f"kgraph: {item}")
            continue
        count += 1
        for warning in item.warnings:
            say(f"kgraph: warning: {warning}")
        if fmt == "jsonl":
            typer.echo(json.dumps(article_row(item), ensure_ascii=False))
        elif fmt == "text":
            typer.echo(f"# {item.id}\n{item.text}\n")
        else:
            articles.append(item)
    if fmt == "table" and articles:
        typer.echo("\n".join(_table_lines(articles)))
    summary = f"kgraph: read {count} article(s)" + (f"; {failed} input(s) could not be read" if failed else "")
    err_console.print(summary, markup=False, highlight=False)
    raise typer.Exit(2 if missing else 1 if failed else 0)
