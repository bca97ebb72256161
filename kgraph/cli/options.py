"""Options shared by several commands, declared once (typer ``Annotated`` aliases)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

__all__ = ["Lang", "Published", "Publisher", "Author", "Gazetteers", "Model"]

Lang = Annotated[Optional[str], typer.Option("--lang", help="Language of every article (else detected).")]
Published = Annotated[Optional[str], typer.Option(
    "--published", help="Published date (YYYY-MM-DD) of every article; anchors relative dates.")]
Publisher = Annotated[Optional[str], typer.Option("--publisher", help="Publisher of every article.")]
Author = Annotated[Optional[str], typer.Option("--author", help="Author of every article.")]
Gazetteers = Annotated[list[Path], typer.Option(
    "--gazetteer", help="Your own gazetteer file (YAML, same format as kgraph/lexicons/gazetteer.yaml); repeatable.")]
Model = Annotated[Optional[str], typer.Option(
    "--model", help="An installed spaCy pipeline (name or folder) whose named entities are added.")]
