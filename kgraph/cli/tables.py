"""Answer rows on a terminal: a table when its columns fit, else one block per row.

At 80 columns a table of eight columns gives each about seven characters ("2025-0…",
"Quills…"); so when the columns cannot each keep :data:`MIN_COLUMN` characters, every row is
printed as ``name  value`` lines, long values wrapped under themselves.
"""
from __future__ import annotations

import textwrap

from rich.console import Console
from rich.table import Table

__all__ = ["MAX_COLUMN", "MIN_COLUMN", "table_width", "records_text", "print_rows"]

MAX_COLUMN = 70  # widest column, in characters, when the output is not a terminal
MIN_COLUMN = 14  # narrowest a column may be folded to and still read as words


def table_width(names: list[str], cells: list[list[str]], *, cap: int = MAX_COLUMN) -> int:
    """Characters a rich table of these rows needs with whole cells (up to ``cap`` per column).

    >>> table_width(["a", "bb"], [["xyz", "q"]])
    12
    """
    widths = [min(max([len(n)] + [len(r[i]) for r in cells]), cap) for i, n in enumerate(names)]
    return sum(widths) + 3 * len(names) + 1


def records_text(names: list[str], cells: list[list[str]], width: int) -> str:
    """One block per row: ``name  value`` lines, values wrapped to ``width``; empty values left out.

    >>> print(records_text(["firer", "evidence"], [["Acme", "Acme fired its chief executive"]], 30))
    ── 1 ──
    firer     Acme
    evidence  Acme fired its chief
              executive
    """
    label = max(len(n) for n in names) + 2
    blocks = []
    for number, row in enumerate(cells, 1):
        lines = [f"── {number} ──"]
        for name, value in zip(names, row):
            if not value:
                continue
            wrapped = textwrap.wrap(value, max(width - label, 20), break_long_words=True) or [""]
            lines.append(name.ljust(label) + wrapped[0])
            lines.extend(" " * label + more for more in wrapped[1:])
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


def print_rows(console: Console, names: list[str], cells: list[list[str]], *, title: str,
               width: int | None) -> None:
    """Print rows to fit ``width`` columns (``None``: not a terminal, keep whole lines)."""
    natural = table_width(names, cells)
    if width is None:
        width = max(80, natural)
    elif natural > width and table_width(names, cells, cap=MIN_COLUMN) > width:
        if title:
            console.print(title, markup=False, highlight=False)
        console.print(records_text(names, cells, width), markup=False, highlight=False, soft_wrap=True)
        return
    table = Table(title=title or None, show_lines=False)
    for i, name in enumerate(names):
        longest = max([len(name)] + [len(r[i]) for r in cells])
        table.add_column(name, overflow="fold", min_width=min(longest, MIN_COLUMN))  # never "Quills…"
    for row in cells:
        table.add_row(*row)
    Console(width=width, file=console.file, force_terminal=console.is_terminal,
            color_system=console.color_system).print(table, markup=False, highlight=False)
