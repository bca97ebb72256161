"""Where the graph lives: an on-disk Oxigraph store (one named graph per article) or a server.

``open_dataset`` gives read commands their dataset (graph file, endpoint or store);
``LocalStore`` is the single writer of a store folder.
"""
from __future__ import annotations

from typing import Any

from kgraph.store.local import DEFAULT_STORE, ArticleRecord, LocalStore, check_store


def __getattr__(name: str) -> Any:
    """``open_dataset`` and ``load_graph_file`` load rdflib and oxrdflib (0.3 s) on first use,
    so ``kgraph query`` on a store, which reads the Oxigraph store directly, never pays it."""
    if name in ("open_dataset", "load_graph_file"):
        from kgraph.store import dataset

        return getattr(dataset, name)
    raise AttributeError(f"module 'kgraph.store' has no attribute {name!r}")

__all__ = ["DEFAULT_STORE", "ArticleRecord", "LocalStore", "check_store", "load_graph_file", "open_dataset"]
