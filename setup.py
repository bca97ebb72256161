"""Build hook: the ready questions in ``queries/`` go into the wheel as ``kgraph/queries/``.

``queries/`` stays the one place they are written (users and SPARQL tools read them there in a
checkout); this copies them into the package at build time, so ``kgraph query fired`` also
works from any folder after ``pip install .``. Everything else is in ``pyproject.toml``.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

QUERIES = Path(__file__).resolve().parent / "queries"


class BuildWithQueries(build_py):
    """``build_py`` that also copies ``queries/*.rq`` to ``kgraph/queries/`` in the build."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads queries/ of the checkout itself (kgraph.query)
        target = Path(self.build_lib) / "kgraph" / "queries"
        target.mkdir(parents=True, exist_ok=True)
        for path in sorted(QUERIES.glob("*.rq")):
            shutil.copyfile(path, target / path.name)


setup(cmdclass={"build_py": BuildWithQueries})
