"""Read news articles (plain text + sidecar, HTML, JSON lines, RSS/Atom) into :class:`Article`.

``iter_articles(paths)`` is the stage's entry point: it walks files and folders, decodes,
cleans (byline, dateline, related headlines), applies metadata and detects the language, and
yields an :class:`~kgraph.errors.InputError` instead of raising for what it cannot read.
"""
from __future__ import annotations

from kgraph.articles.clean import CleanText, clean_text
from kgraph.articles.language import detect_language
from kgraph.articles.readers import iter_articles, iter_files, read_article, read_path

__all__ = ["iter_articles", "iter_files", "read_article", "read_path", "detect_language",
           "clean_text", "CleanText"]
