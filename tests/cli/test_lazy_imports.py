"""The command line loads each heavy stack only in the command that uses it (start-up figures:
``kgraph bench-startup``; this checks what is imported, not how long it takes)."""
from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("networkx", "scipy", "pyvis", "spacy", "pyoxigraph", "oxrdflib", "rdflib", "requests",
         "trafilatura", "lingua", "dateparser", "pyshacl")


def _loaded(code: str) -> list[str]:
    probe = f"import sys, json\n{code}\nprint(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_help_loads_no_heavy_stack() -> None:
    assert _loaded("import kgraph.cli") == []
    code = ("from typer.testing import CliRunner\nfrom kgraph.cli import app\n"
            "assert CliRunner().invoke(app, ['--help']).exit_code == 0\n"
            "assert CliRunner().invoke(app, ['render', '--help']).exit_code == 0")
    assert _loaded(code) == []


def test_a_query_loads_no_view_nlp_or_network_stack(tmp_path) -> None:
    graph = tmp_path / "g.ttl"
    graph.write_text('<https://kgraph.dev/id/org/a> <https://schema.org/name> "A" .\n')
    code = ("from typer.testing import CliRunner\nfrom kgraph.cli import app\n"
            f"r = CliRunner().invoke(app, ['query', 'entities', '--graph', {str(graph)!r}])\n"
            "assert r.exit_code == 0, r.output")
    loaded = _loaded(code)
    assert not set(loaded) & {"networkx", "scipy", "pyvis", "spacy", "requests", "trafilatura", "pyshacl"}, loaded
