"""The custom attributes our components set on spaCy objects, declared once as a table.

>>> set_extensions()
>>> from spacy.tokens import Doc
>>> Doc.has_extension("kg_entities")
True
"""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

__all__ = ["DOC_EXTENSIONS", "set_extensions"]

#: Doc extensions: name -> keyword arguments of ``Doc.set_extension``.
DOC_EXTENSIONS: dict[str, dict[str, Any]] = {
    # canonical name -> kgraph.models.Entity, set by the kg_aliases component
    "kg_entities": {"default": None},
    # canonical name -> kgraph.nlp.type_evidence.TypeEvidence, for gazetteer names of several types
    "kg_type_evidence": {"default": None},
}


def set_extensions() -> None:
    """Declare every extension of :data:`DOC_EXTENSIONS` that is not declared yet."""
    for name, kwargs in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, **kwargs)
