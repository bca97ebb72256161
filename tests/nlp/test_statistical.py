"""--model: a statistical spaCy NER trained here, saved to a folder, merged into our entities."""
from __future__ import annotations

import random

import pytest
import spacy
from spacy.training import Example

from kgraph.errors import ExtractionError
from kgraph.nlp import load_nlp

TEXT = "yesterday we met quorvex and talked with mirabel about it."


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    """A tiny English NER that knows the lowercase names our rules cannot see."""
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner")
    for label in ("ORG", "PERSON"):
        ner.add_label(label)
    annotations = {"entities": [(17, 24, "ORG"), (41, 48, "PERSON")]}
    examples = [Example.from_dict(nlp.make_doc(TEXT), annotations)]
    random.seed(0)
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(40):
        nlp.update(examples, sgd=optimizer, drop=0.0)
    path = tmp_path_factory.mktemp("model") / "tiny-ner"
    nlp.to_disk(path)
    return path


def test_model_entities_are_merged(model_dir):
    nlp = load_nlp("en", model=str(model_dir), relations=False)
    assert "kg_model_ner" in nlp.pipe_names
    doc = nlp(TEXT)
    assert {n: e.type for n, e in doc._.kg_entities.items()} == {"quorvex": "Organization", "mirabel": "Person"}


def test_model_without_it_finds_nothing(nlp_en):
    assert nlp_en(TEXT)._.kg_entities == {}


def test_model_that_does_not_load(tmp_path):
    with pytest.raises(ExtractionError, match=r"--model .*nowhere: cannot be loaded"):
        load_nlp("en", model=str(tmp_path / "nowhere"), relations=False)


def test_model_without_ner(tmp_path):
    spacy.blank("en").to_disk(tmp_path / "blank")
    with pytest.raises(ExtractionError, match="has no 'ner' component"):
        load_nlp("en", model=str(tmp_path / "blank"), relations=False)
