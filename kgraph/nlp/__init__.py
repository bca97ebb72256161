"""kgraph's NLP stage: a spaCy pipeline per language that finds and names entities.

>>> from kgraph.nlp import load_nlp  # load_nlp("id") -> Language; see DEVELOPERS.md "Doc"
"""
from __future__ import annotations

from kgraph.nlp.pipeline import NlpCache, load_nlp

__all__ = ["load_nlp", "NlpCache"]
