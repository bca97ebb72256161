"""Every command's --help at 80 columns keeps its option texts, defaults and readable types."""
from __future__ import annotations

import re

import pytest
import typer.main
from typer.testing import CliRunner

from kgraph.cli import app

_COMMAND = typer.main.get_command(app)
_NAMES = sorted(_COMMAND.commands)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_command_is_listed_in_the_main_help() -> None:
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "80"}, terminal_width=80)
    assert result.exit_code == 0
    for name in _NAMES:
        assert re.search(rf"^\s+{re.escape(name)}\s", result.output, re.M), name


@pytest.mark.parametrize("name", _NAMES)
def test_help_keeps_every_option_text_default_and_type(name: str) -> None:
    result = CliRunner().invoke(app, [name, "--help"], env={"COLUMNS": "80"}, terminal_width=80)
    assert result.exit_code == 0, result.output
    flat = _flat(result.output)
    assert max(len(line) for line in result.output.splitlines()) <= 80
    assert not re.search(r"<(bool|str|int|float|path|list\[[^>]*)>", result.output, re.I), result.output
    command = _COMMAND.get_command(typer.Context(_COMMAND), name)  # as the app shows it
    for param in command.params:
        if param.name == "help":
            continue
        assert _flat(param.help or "") in flat, f"{name} {param.name}: help text lost"
        bracketed = re.findall(r"\[[^\]]*\]", param.help or "")
        for text in bracketed:  # e.g. "[default: output/store]": markup must not eat it
            assert _flat(text) in flat, f"{name} {param.name}: {text} lost"
        default = param.default
        if getattr(param, "is_flag", False) or default in (None, [], (), False) or "default:" in (param.help or ""):
            continue
        record = _flat(" ".join(param.get_help_record(typer.Context(command)) or ()))
        assert "[default:" in record and record in flat, f"{name} {param.name}: default {default!r} not shown"
