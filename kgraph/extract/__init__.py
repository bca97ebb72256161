"""Extraction: an article and a spaCy pipeline in, an :class:`~kgraph.models.Extraction` out.

>>> from kgraph.extract import prediction_rows  # rows in ../shared/eval/SCHEMA.md's format
"""
from __future__ import annotations

from kgraph.extract.article import extract_article, prediction_rows
from kgraph.extract.relations import RelationExtractor

__all__ = ["extract_article", "prediction_rows", "RelationExtractor"]
