"""The typer application and its error handling, shared by every command module."""
from __future__ import annotations

import sys

import click
import typer
from rich.console import Console
from typer.core import TyperGroup

from kgraph.errors import KgraphError

__all__ = ["app", "main", "console", "err_console", "fail"]



class _Group(TyperGroup):
    """Turns a KgraphError raised by any command into one line on stderr and its exit code."""

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
)
console = Console()
err_console = Console(stderr=True)


def fail(error: KgraphError) -> typer.Exit:
    """Print ``kgraph: <message>`` on stderr and return the Exit to raise."""
    err_console.print(f"kgraph: {error}", markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(error.exit_code)


def main() -> None:
    """Entry point of the ``kgraph`` script."""
    try:
        app()
    except KgraphError as error:  # a library error that a command did not turn into an Exit
        err_console.print(f"kgraph: {error}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        err_console.print("kgraph: interrupted", markup=False)
        sys.exit(130)
