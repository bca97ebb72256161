"""Pipelines for the NLP tests, built once per test session (the Indonesian one takes seconds)."""
from __future__ import annotations

import pytest
from spacy.language import Language

from kgraph.nlp import load_nlp


@pytest.fixture(scope="session")
def nlp_en() -> Language:
    return load_nlp("en", relations=False)


@pytest.fixture(scope="session")
def nlp_id() -> Language:
    return load_nlp("id", relations=False)


def entities(doc) -> dict[str, str]:
    """canonical name -> type, for compact assertions."""
    return {name: e.type for name, e in doc._.kg_entities.items()}
