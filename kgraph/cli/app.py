"""The typer application and its error handling, shared by every command module."""
from __future__ import annotations

import sys

import click
import typer
from rich.console import Console
from typer.core import TyperArgument, TyperGroup, TyperOption

from kgraph.errors import KgraphError

__all__ = ["app", "main", "console", "err_console", "say", "fail", "type_label"]

_LABELS = {"str": "TEXT", "int": "INTEGER", "float": "NUMBER", "Path": "PATH", "bool": "BOOLEAN",
           "date": "DATE", "datetime": "DATETIME"}


def type_label(bare_type: str) -> str:
    """How help names a value, from typer's bare type name: ``TEXT``, ``INTEGER``, ``PATH``
    (typer's own labels read ``<list[Path]>``).

    Examples
    --------
    >>> type_label("int")
    'INTEGER'
    >>> type_label("list[Path]")
    'PATH'
    """
    inner = bare_type[5:-1] if bare_type.startswith("list[") and bare_type.endswith("]") else bare_type
    return _LABELS.get(inner, inner.upper())


def _label(param: TyperOption | TyperArgument) -> str:
    descriptor = param.type_descriptor
    if descriptor.is_choice:
        return "|".join(str(getattr(c, "value", c)) for c in descriptor.choices or ())
    return type_label(param.bare_type())


class _Option(TyperOption):
    def display_type(self, ctx: click.Context) -> str:
        return _label(self)


class _Argument(TyperArgument):
    def display_type(self, ctx: click.Context) -> str:
        return _label(self)


class _Group(TyperGroup):
    """Turns a KgraphError raised by any command into one line on stderr and its exit code, and
    labels option values readably in help."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        for param in command.params if command is not None else ():
            if type(param) is TyperOption:
                param.__class__ = _Option
            elif type(param) is TyperArgument:
                param.__class__ = _Argument
        return command

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except KgraphError as error:
            raise fail(error) from None


app = typer.Typer(
    cls=_Group,
    name="kgraph",
    help="Build a knowledge graph of who fired, hired, paid and appointed whom, from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # click's own help layout: rich markup would eat "[default: ...]" in option texts, label
    # types as <bool> or <list[Path]>, and importing typer's rich help costs 0.12 s per run
    rich_markup_mode=None,
)
console = Console()
err_console = Console(stderr=True)


def say(message: str) -> None:
    """Print ``message`` on stderr as it is: no markup, no highlighting, no wrapping."""
    err_console.print(message, markup=False, highlight=False, soft_wrap=True)


def fail(error: KgraphError) -> typer.Exit:
    """Print ``kgraph: <message>`` on stderr and return the Exit to raise."""
    say(f"kgraph: {error}")
    return typer.Exit(error.exit_code)


def main() -> None:
    """Entry point of the ``kgraph`` script."""
    try:
        app()
    except KgraphError as error:  # a library error that a command did not turn into an Exit
        say(f"kgraph: {error}")
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        err_console.print("kgraph: interrupted", markup=False)
        sys.exit(130)
