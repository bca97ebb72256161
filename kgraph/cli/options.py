"""Options shared by several commands, declared once (typer ``Annotated`` aliases)."""
from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from kgraph.errors import UsageError

__all__ = ["Lang", "Published", "Publisher", "Author", "Gazetteers", "Model", "NoScorer", "parse_published",
           "ReadingOptions", "reading_options"]

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


@dataclass(frozen=True)
class ReadingOptions:
    """How a command reads and extracts articles: the options ``build`` and ``extract`` share."""

    lang: Optional[str] = None
    published: Optional[date] = None
    publisher: Optional[str] = None
    author: Optional[str] = None
    gazetteers: tuple[Path, ...] = ()
    model: Optional[str] = None

    @property
    def meta(self) -> dict[str, Any]:
        """What :func:`kgraph.articles.iter_articles` takes about every article."""
        return dict(lang=self.lang, published=self.published, publisher=self.publisher, author=self.author)


_READING: tuple[tuple[str, Any, Any], ...] = (
    ("lang", Lang, None), ("published", Published, None), ("publisher", Publisher, None),
    ("author", Author, None), ("gazetteer", Gazetteers, []), ("model", Model, None))


def reading_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give a command ``--lang --published --publisher --author --gazetteer --model``, handed to
    it as one :class:`ReadingOptions` in its ``reading`` parameter (typer reads the signature
    this returns; ``--published`` is checked before the command runs)."""
    hints = typing.get_type_hints(command, include_extras=True)
    kept = [p.replace(annotation=hints.get(p.name, p.annotation))
            for p in inspect.signature(command).parameters.values() if p.name != "reading"]
    added = [inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=default, annotation=hint)
             for name, hint, default in _READING]

    @functools.wraps(command)
    def with_reading(**kwargs: Any) -> Any:
        reading = ReadingOptions(lang=kwargs.pop("lang"), published=parse_published(kwargs.pop("published")),
                                 publisher=kwargs.pop("publisher"), author=kwargs.pop("author"),
                                 gazetteers=tuple(kwargs.pop("gazetteer")), model=kwargs.pop("model"))
        return command(reading=reading, **kwargs)

    parameters = kept + added
    with_reading.__signature__ = inspect.Signature(parameters, return_annotation=None)  # type: ignore[attr-defined]
    with_reading.__annotations__ = {p.name: p.annotation for p in parameters} | {"return": None}
    return with_reading
