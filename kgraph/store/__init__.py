"""Where the graph lives: an on-disk Oxigraph store (one named graph per article) or a server.

``open_dataset`` gives read commands their dataset (graph file, endpoint or store);
``LocalStore`` is the single writer of a store folder; :mod:`kgraph.store.backends` is the one
module that knows the kinds of dataset apart. Importing the package loads nothing heavy: its
names load their modules on first use (filelock alone takes 0.1 s, rdflib and oxrdflib 0.3 s),
so ``kgraph --help`` can name :data:`DEFAULT_STORE` and ``kgraph query`` on a store never pays
for oxrdflib.
"""
from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Any

DEFAULT_STORE = Path("output/store")
"""The store folder commands read and write when none is given."""

_LAZY = {"ArticleRecord": "local", "LocalStore": "local", "check_store": "local",
         "open_dataset": "dataset", "load_graph_file": "dataset"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"kgraph.store.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'kgraph.store' has no attribute {name!r}")


__all__ = ["DEFAULT_STORE", "ArticleRecord", "LocalStore", "check_store", "load_graph_file", "open_dataset"]
