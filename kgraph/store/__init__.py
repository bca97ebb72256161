"""Where the graph lives: an on-disk Oxigraph store (one named graph per article) or a server.

``open_dataset`` gives read commands their dataset (graph file, endpoint or store);
``LocalStore`` is the single writer of a store folder.
"""
from __future__ import annotations

from kgraph.store.dataset import load_graph_file, open_dataset
from kgraph.store.local import DEFAULT_STORE, ArticleRecord, LocalStore, check_store

__all__ = ["DEFAULT_STORE", "ArticleRecord", "LocalStore", "check_store", "load_graph_file", "open_dataset"]
