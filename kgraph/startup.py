"""``kgraph bench-startup``: how long whole ``kgraph`` processes take, beside bare typer + rich.

Each command is run as a fresh process (``python -m kgraph ...``) ``rounds`` times, the commands
taking turns so that a busy moment of the machine hits them all alike; the best run of each is
the figure for a quiet machine (the goal: ``kgraph --help`` within 3x and a bound ready query
within 6x the time of ``python -c "import typer, rich"``).
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["BASELINE", "StartupTime", "startup_commands", "time_commands", "ratio"]

BASELINE = "python -c 'import typer, rich'"
"""The label of the reference process: the least a typer + rich command line can cost."""


@dataclass(frozen=True)
class StartupTime:
    """The wall-clock seconds of one command's runs, and the goal (a multiple of the baseline)."""

    label: str
    argv: tuple[str, ...]
    seconds: tuple[float, ...]
    goal: float | None = None

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def ratio(command: StartupTime, baseline: StartupTime) -> float:
    """Best time of ``command`` over best time of ``baseline``.

    >>> ratio(StartupTime("a", (), (0.75, 0.9)), StartupTime("b", (), (0.25, 0.3)))
    3.0
    """
    return command.best / baseline.best


def startup_commands(store: Path, query: str = "fired", bind: str = "firer=Nusapay") -> list[tuple[str, tuple[str, ...], float | None]]:
    """(label, argv, goal) of the processes to time: the baseline, then kgraph commands.

    >>> [label for label, _, _ in startup_commands(Path("s"))][:3]
    ["python -c 'import typer, rich'", 'kgraph --help', 'kgraph query --help']
    """
    kgraph = (sys.executable, "-m", "kgraph")
    return [
        (BASELINE, (sys.executable, "-c", "import typer, rich"), None),
        ("kgraph --help", kgraph + ("--help",), 3.0),
        ("kgraph query --help", kgraph + ("query", "--help"), 3.0),
        ("kgraph query --list", kgraph + ("query", "--list"), 6.0),
        (f"kgraph query {query} --bind {bind} --store S", kgraph + ("query", query, "--bind", bind, "--store", str(store)), 6.0),
        ("kgraph render --help", kgraph + ("render", "--help"), 3.0),
        ("kgraph build --help", kgraph + ("build", "--help"), 3.0),
    ]


def time_commands(commands: list[tuple[str, tuple[str, ...], float | None]], rounds: int, *,
                  cwd: Path | None = None) -> list[StartupTime]:
    """Run every command ``rounds`` times, in turns (in folder ``cwd``: ``python -m kgraph``
    there runs the kgraph of that folder, e.g. an older checkout), and return their times.

    A command that exits non-zero is still timed; its exit status is checked by the caller's
    tests, not here (``kgraph query`` with no store exits 2 quickly, which would flatter it), so
    a failing command raises ``RuntimeError`` naming it.
    """
    seconds: list[list[float]] = [[] for _ in commands]
    for _ in range(rounds):
        for i, (label, argv, _goal) in enumerate(commands):
            start = time.perf_counter()
            done = subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
            seconds[i].append(time.perf_counter() - start)
            if done.returncode != 0:
                reason = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["?"]
                raise RuntimeError(f"{label}: exit {done.returncode} ({reason[0]})")
    return [StartupTime(label, argv, tuple(s), goal) for (label, argv, goal), s in zip(commands, seconds)]
