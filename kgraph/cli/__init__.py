"""The ``kgraph`` command line: one thin typer command per stage.

Each command module registers its commands on :data:`app`; commands only parse options, call
the library and print. A :class:`~kgraph.errors.KgraphError` becomes ``kgraph: <message>`` on
stderr and its exit code (2 for bad usage), never a traceback.
"""
from __future__ import annotations

from kgraph.cli.app import app, main

# Command modules register themselves on `app` when imported (one line each).
from kgraph.cli import eval as _eval  # noqa: F401,E402  kgraph eval
from kgraph.cli import train as _train  # noqa: F401,E402  kgraph train tagger
from kgraph.cli import store as _store  # noqa: F401,E402  kgraph ingest, remove, bench
from kgraph.cli import view as _view  # noqa: F401,E402  kgraph render, render-bench
from kgraph.cli import timeline as _timeline  # noqa: F401,E402  kgraph timeline
from kgraph.cli import articles as _articles  # noqa: F401,E402  kgraph read
from kgraph.cli import extract as _extract  # noqa: F401,E402  kgraph extract, explain
from kgraph.cli import rdf as _rdf  # noqa: F401,E402  kgraph query, export, ontology, validate
from kgraph.cli import build as _build_cmd  # noqa: F401,E402  kgraph build
from kgraph.cli import startup as _startup  # noqa: F401,E402  kgraph bench-startup

__all__ = ["app", "main"]
