"""`kgraph query` tables stay readable at 80 columns: whole values, folded or one block per row."""
from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.cli.tables import print_rows

QUERIES = Path(__file__).resolve().parents[2] / "queries"


def _query(*args: str, columns: int = 80):
    return CliRunner().invoke(app, ["query", *args], env={"COLUMNS": str(columns)}, catch_exceptions=False)


def test_a_wide_answer_at_80_columns_keeps_every_value_whole(sample_trig):
    result = _query("fired", "--graph", str(sample_trig))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "…" not in result.stdout
    for value in ("Nimbus Labs", "Dara Quinn", "2024-05-13", "Nimbus Labs fires CEO Dara Quinn"):
        assert any(value in line for line in lines), value
    assert "3 rows" in result.output  # the count still follows the rows


def test_a_narrow_answer_stays_a_table_with_folded_cells():
    out = io.StringIO()
    names = ["name", "aliases", "articles"]
    cells = [["Quillstone Labs employees", "employees, Quillstone employees, staff of Quillstone Labs", "1"]]
    print_rows(Console(file=out, width=50), names, cells, title="Entities", width=50)
    text = out.getvalue()
    assert "┃ name" in text and "┃ articles" in text
    assert max(len(line) for line in text.splitlines()) <= 50
    flat = "".join(line.strip("│ ") for line in text.splitlines())
    assert "Quillstone" in text and "…" not in text and "articles" in flat


def test_without_a_terminal_or_columns_lines_are_whole(sample_trig):
    result = CliRunner().invoke(app, ["query", "fired", "--graph", str(sample_trig)],
                                env={"COLUMNS": ""}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if "2024-05-13" in line)
    assert "Nimbus Labs" in row and "Dara Quinn" in row
