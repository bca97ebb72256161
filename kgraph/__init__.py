"""kgraph: knowledge graphs of who fired, hired, paid and appointed whom, from tech news.

Three lines from Python: extract articles, make their graph, ask it a ready question
(``kgraph query --list`` names them; ``build_graph`` does what ``kgraph build`` does, files
and store included).

>>> import kgraph
>>> found = kgraph.extract_articles([kgraph.Article(
...     id="n1", lang="en", text="Acme Robotics fired its chief executive Dana Whitfield on Monday.")])
>>> graph = kgraph.build_dataset(found)
>>> [(row["firer"], row["fired"]) for row in kgraph.query_graph(graph, "fired")]
[('Acme Robotics', 'Dana Whitfield')]

The names load their modules on first use, so ``import kgraph`` (and ``kgraph --help``) stays
fast: ``python -m kgraph bench-startup`` measures it.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_PUBLIC: dict[str, tuple[str, str]] = {
    "build_graph": ("kgraph.build", "build"),
    "BuildReport": ("kgraph.build", "BuildReport"),
    "extract_articles": ("kgraph.api", "extract_articles"),
    "build_dataset": ("kgraph.rdf.article_graph", "build_dataset"),
    "open_dataset": ("kgraph.store.dataset", "open_dataset"),
    "query_graph": ("kgraph.api", "query_graph"),
    "Article": ("kgraph.models", "Article"),
    "Mention": ("kgraph.models", "Mention"),
    "Entity": ("kgraph.models", "Entity"),
    "Relation": ("kgraph.models", "Relation"),
    "Event": ("kgraph.models", "Event"),
    "Extraction": ("kgraph.models", "Extraction"),
    "KgraphError": ("kgraph.errors", "KgraphError"),
}


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        module, attribute = _PUBLIC[name]
        return getattr(import_module(module), attribute)
    raise AttributeError(f"module 'kgraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = ["__version__", *_PUBLIC]
