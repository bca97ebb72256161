"""Options shared by several commands, declared once (typer ``Annotated`` aliases)."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from kgraph.errors import UsageError

__all__ = ["Lang", "Published", "Publisher", "Author", "Gazetteers", "Model", "parse_published"]

Lang = Annotated[Optional[str], typer.Option("--lang", help="Language of every article (else detected).")]
Published = Annotated[Optional[str], typer.Option(
    "--published", help="Published date (YYYY-MM-DD) of every article; anchors relative dates.")]
Publisher = Annotated[Optional[str], typer.Option("--publisher", help="Publisher of every article.")]
Author = Annotated[Optional[str], typer.Option("--author", help="Author of every article.")]
Gazetteers = Annotated[list[Path], typer.Option(
    "--gazetteer", help="Your own gazetteer file (YAML, same format as kgraph/lexicons/gazetteer.yaml); repeatable.")]
Model = Annotated[Optional[str], typer.Option(
    "--model", help="An installed spaCy pipeline (name or folder) whose named entities are added.")]
NoScorer = Annotated[bool, typer.Option(
    "--no-scorer", help="Rules only: leave out the relations the learned candidate scorer adds.")]


def parse_published(value: Optional[str]) -> Optional[date]:
    """The ``--published`` option as a date (UsageError when it is not YYYY-MM-DD)."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--published {value!r}: expected an ISO date such as 2024-05-07") from None
