"""Every spaCy factory of kgraph's NLP components, registered in one place.

Importing this module registers them; :func:`kgraph.nlp.load_nlp` adds them in order:
``kg_sentences``, ``kg_gazetteer``, (``kg_model_ner``), ``kg_names``, ``kg_groups``,
``kg_aliases``.
"""
from __future__ import annotations

from typing import Mapping, Sequence

from spacy.language import Language

from kgraph.nlp.gazetteer import GazetteerRuler
from kgraph.nlp.groups import GroupFinder
from kgraph.nlp.names import NameFinder
from kgraph.nlp.resolver import AliasResolver
from kgraph.nlp.sentences import DEFAULT_CLOSERS, DEFAULT_PUNCT, LineSentencizer
from kgraph.nlp.statistical import DEFAULT_LABELS, StatisticalNer

__all__ = ["make_sentences", "make_gazetteer", "make_model_ner", "make_names", "make_groups",
           "make_aliases", "COMPONENTS"]

#: Our entity components in pipeline order (kg_model_ner only with a --model).
COMPONENTS: tuple[str, ...] = ("kg_sentences", "kg_gazetteer", "kg_model_ner", "kg_names", "kg_groups",
                               "kg_aliases")


@Language.factory("kg_sentences", assigns=["token.is_sent_start"],
                  default_config={"punct": list(DEFAULT_PUNCT), "closers": list(DEFAULT_CLOSERS)})
def make_sentences(nlp: Language, name: str, punct: Sequence[str], closers: Sequence[str]) -> LineSentencizer:
    """Line-aware sentence splitter."""
    return LineSentencizer(nlp, name, punct=punct, closers=closers)


@Language.factory("kg_gazetteer", assigns=["doc.ents"], default_config={"gazetteers": [], "shipped": True})
def make_gazetteer(nlp: Language, name: str, gazetteers: Sequence[str], shipped: bool) -> GazetteerRuler:
    """Gazetteer entity ruler (shipped gazetteer plus the user's files)."""
    return GazetteerRuler(nlp, name, gazetteers=gazetteers, shipped=shipped)


@Language.factory("kg_model_ner", assigns=["doc.ents"], default_config={"model": "", "labels": DEFAULT_LABELS})
def make_model_ner(nlp: Language, name: str, model: str, labels: Mapping[str, str]) -> StatisticalNer:
    """A statistical spaCy pipeline's entities, merged in."""
    return StatisticalNer(nlp, name, model=model, labels=labels)


@Language.factory("kg_names", assigns=["doc.ents"], requires=["token.is_sent_start"], default_config={"lang": ""})
def make_names(nlp: Language, name: str, lang: str) -> NameFinder:
    """Rule-based name finder."""
    return NameFinder(nlp, name, lang=lang)


@Language.factory("kg_groups", assigns=["doc.ents"], requires=["doc.ents"], default_config={"lang": ""})
def make_groups(nlp: Language, name: str, lang: str) -> GroupFinder:
    """Group finder ("karyawan OpenAI", "Googlers")."""
    return GroupFinder(nlp, name, lang=lang)


@Language.factory("kg_aliases", assigns=["doc.ents", "doc._.kg_entities"], requires=["doc.ents"],
                  default_config={"lang": ""})
def make_aliases(nlp: Language, name: str, lang: str) -> AliasResolver:
    """Alias resolver: canonical names and doc._.kg_entities."""
    return AliasResolver(nlp, name, lang=lang)
