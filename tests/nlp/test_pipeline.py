"""load_nlp: the pipeline's components, language fallback, saving, and the Doc contract."""
from __future__ import annotations

import spacy
from spacy.language import Language

from kgraph.models import ENTITY_TYPES, Entity
from kgraph.nlp import NlpCache, load_nlp
from kgraph.nlp.pipeline import RELATIONS_COMPONENT

TEXT = ("Pellucid Inc. fired chief executive Orsolya Varga on Friday.\n"
        "Varga said dozens of Pellucid employees had backed her.")


def test_pipeline_components_in_order(nlp_en):
    assert nlp_en.pipe_names == ["kg_sentences", "kg_gazetteer", "kg_names", "kg_groups", "kg_aliases"]


def test_pipeline_ends_with_relations_when_registered():
    nlp = load_nlp("en")
    if Language.has_factory(RELATIONS_COMPONENT):
        assert nlp.pipe_names[-1] == RELATIONS_COMPONENT
    else:
        assert RELATIONS_COMPONENT not in nlp.pipe_names


def test_pipeline_doc_contract(nlp_en):
    doc = nlp_en(TEXT)
    assert all(e.label_ in ENTITY_TYPES and e.kb_id_ in doc._.kg_entities for e in doc.ents)
    assert all(isinstance(e, Entity) for e in doc._.kg_entities.values())
    assert {n: e.type for n, e in doc._.kg_entities.items()} == {
        "Pellucid Inc.": "Organization", "Orsolya Varga": "Person", "Pellucid Inc. employees": "Group"}
    assert doc._.kg_entities["Pellucid Inc. employees"].member_of == "Pellucid Inc."
    assert all("\n" not in s.text.strip() for s in doc.sents)


def test_pipeline_language_spacy_lacks_falls_back_to_multilingual():
    nlp = load_nlp("zz", relations=False)
    assert nlp.lang == "xx"
    doc = nlp("Chief executive Orsolya Varga joined Microsoft.")
    assert {n: e.type for n, e in doc._.kg_entities.items()} == {"Orsolya Varga": "Person", "Microsoft": "Organization"}


def test_pipeline_saves_and_loads(nlp_en, tmp_path):
    nlp_en.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp_en.pipe_names
    assert [(e.text, e.label_, e.kb_id_) for e in loaded(TEXT).ents] == [
        (e.text, e.label_, e.kb_id_) for e in nlp_en(TEXT).ents]


def test_nlp_cache_builds_each_language_once():
    cache = NlpCache(relations=False)
    assert cache.get("en") is cache.get("en")
    assert cache.get("en").pipe_names[0] == "kg_sentences"


def test_tokenizer_keeps_names_that_spell_a_chat_contraction(nlp_en):
    doc = nlp_en("Design chief Jony Ive is leaving Apple, the company said on Wed. He cannot stay.")
    assert "Ive" in [t.text for t in doc] and "Wed" in [t.text for t in doc]
    assert ["can", "not"] == [t.text for t in doc if t.text in {"can", "not"}]
    assert doc._.kg_entities["Jony Ive"].type == "Person"
