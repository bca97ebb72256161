"""``kgraph bench-startup``: the start-up time of kgraph commands beside bare typer + rich."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Optional

import typer

from kgraph.cli.app import app, console, err_console
from kgraph.errors import UsageError

__all__ = ["bench_startup_command"]


@app.command("bench-startup")
def bench_startup_command(
    store: Optional[Path] = typer.Option(None, "--store", help="Store to query [default: a store of the "
                                         "bundled samples, built in a temporary folder]."),
    rounds: int = typer.Option(7, "--rounds", min=1, help="Runs of each command; the best counts."),
    query: str = typer.Option("fired", "--query", help="The ready query to time."),
    bind: str = typer.Option("firer=Nusapay", "--bind", help="Its --bind name=value."),
) -> None:
    """Time whole kgraph processes (--help, a bound ready query) against python -c 'import typer, rich'.

    Example: kgraph bench-startup --rounds 9
    """
    from rich.table import Table

    from kgraph.startup import ratio, startup_commands, time_commands

    with tempfile.TemporaryDirectory(prefix="kgraph-startup-") as tmp:
        if store is None:
            from kgraph.build import build

            err_console.print("building a store of the bundled samples ...", markup=False, highlight=False)
            store = Path(tmp) / "store"
            build([], out_dir=Path(tmp), store=store, gazetteers=[], model=None, meta={}, jobs=1)
        elif not store.is_dir():
            raise UsageError(f"{store}: no such store folder")
        try:
            times = time_commands(startup_commands(store, query, bind), rounds)
        except RuntimeError as error:
            raise UsageError(f"bench-startup: {error}") from None
    baseline = times[0]
    table = Table(title=f"start-up, whole process, best of {rounds} (median in brackets)")
    for name, justify in (("command", "left"), ("seconds", "right"), ("x baseline", "right"), ("goal", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for t in times:
        goal = "" if t.goal is None else f"<= {t.goal:g}x " + ("ok" if ratio(t, baseline) <= t.goal else "MISSED")
        table.add_row(t.label, f"{t.best:.2f} ({t.median:.2f})", f"{ratio(t, baseline):.1f}", goal)
    console.print(table)
