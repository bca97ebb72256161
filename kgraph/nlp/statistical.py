"""An installed statistical spaCy pipeline's named entities, merged into ours (``--model``).

The other pipeline reads the same text with its own tokenizer; its ``ner`` entities are mapped
to our types (:data:`DEFAULT_LABELS`: PERSON -> Person, ORG -> Organization, PRODUCT -> Product)
and added where no earlier component (the gazetteer) marked anything. Other labels are ignored.
"""
from __future__ import annotations

from typing import Any, Mapping

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kgraph.errors import ExtractionError
from kgraph.nlp.serialize import DiskMixin

__all__ = ["DEFAULT_LABELS", "load_model", "StatisticalNer"]

#: The statistical model's labels that we keep, and our type for each.
DEFAULT_LABELS: dict[str, str] = {"PERSON": "Person", "PER": "Person", "ORG": "Organization",
                                  "PRODUCT": "Product"}


def load_model(model: str) -> Language:
    """Load an installed spaCy pipeline (package name or folder) that has an ``ner`` component."""
    try:
        nlp = spacy.load(model)
    except (OSError, ValueError, ImportError, KeyError) as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else error.__class__.__name__
        raise ExtractionError(f"--model {model}: cannot be loaded ({first})") from None
    if "ner" not in nlp.pipe_names:
        raise ExtractionError(f"--model {model}: has no 'ner' component (pipes: {', '.join(nlp.pipe_names) or 'none'})")
    return nlp


class StatisticalNer(DiskMixin):
    """Adds a statistical model's entities to ``doc.ents``.

    model (str): installed spaCy pipeline name or path.
    labels (dict[str, str]): model label -> our entity type.
    """

    cfg_keys = ("model", "labels")

    def __init__(self, nlp: Language, name: str = "kg_model_ner", *, model: str,
                 labels: Mapping[str, str] = DEFAULT_LABELS) -> None:
        self.name, self.model, self.labels = name, model, dict(labels)
        self._model = load_model(model)

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for ent in self._model(doc.text).ents:
            label = self.labels.get(ent.label_)
            span = doc.char_span(ent.start_char, ent.end_char, label=label, alignment_mode="contract") if label else None
            if span is not None and len(span):
                found.append(span)
        taken = {i for e in doc.ents for i in range(e.start, e.end)}
        new = [s for s in found if not any(i in taken for i in range(s.start, s.end))]
        doc.ents = sorted(list(doc.ents) + new, key=lambda s: s.start)
        return doc

    def _set_cfg(self, cfg: dict[str, Any]) -> None:
        super()._set_cfg(cfg)
        self._model = load_model(self.model)
