"""Building kgraph's spaCy pipeline for one language.

``spacy.blank(lang)`` (``spacy.blank("xx")`` for a language spaCy lacks) plus our components:
the line sentencizer, the gazetteer, an optional statistical model, the name finder, the group
finder, the alias resolver, and the relation extractor ``kg_relations`` when
:mod:`kgraph.extract` registers it. Nothing is downloaded. Building takes seconds (the Indonesian
tokenizer alone ~3 s): build once per process and language, e.g. through :class:`NlpCache`.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Sequence

import spacy
from spacy.language import Language

from kgraph.nlp import factories  # noqa: F401  (registers our factories)
from kgraph.nlp.extensions import set_extensions

__all__ = ["load_nlp", "news_special_cases", "NlpCache", "RELATIONS_COMPONENT", "FALLBACK_SPACY_LANG"]

#: The lead's relation extractor component, added last when registered.
RELATIONS_COMPONENT = "kg_relations"
#: spaCy's multi-language tokenizer, used for a language spaCy has no class for.
FALLBACK_SPACY_LANG = "xx"


def _blank(lang: str) -> Language:
    try:
        nlp = spacy.blank(lang)
    except (ImportError, KeyError, ValueError):
        nlp = spacy.blank(FALLBACK_SPACY_LANG)
    nlp.tokenizer.rules = news_special_cases(nlp.tokenizer.rules or {})
    return nlp


#: Written without an apostrophe and still one word in edited news: "cannot" splits into a negation.
_KEPT_SPLITS = frozenset({"cannot"})


def news_special_cases(rules: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The tokenizer's special cases without the contractions written with no apostrophe.

    spaCy's English exceptions read chat spelling ("Ive" = "I've", "Wed" = "We'd", "Shes",
    "Id", "ill", "wont"); edited news spells its contractions out, and there those words are
    names and abbreviations ("Jony Ive", "Wed., Oct. 4"), which the split breaks apart.

    >>> rules = {"Ive": [{"ORTH": "I"}, {"ORTH": "ve"}], "I've": [{"ORTH": "I"}, {"ORTH": "'ve"}],
    ...          "cannot": [{"ORTH": "can"}, {"ORTH": "not"}], "e.g.": [{"ORTH": "e.g."}]}
    >>> sorted(news_special_cases(rules))
    ["I've", 'cannot', 'e.g.']
    """
    return {text: pieces for text, pieces in rules.items()
            if len(pieces) < 2 or not text.isalpha() or text.casefold() in _KEPT_SPLITS}


def _has_relations() -> bool:
    if not Language.has_factory(RELATIONS_COMPONENT):
        try:
            importlib.import_module("kgraph.extract")
        except ImportError:
            return False
    return Language.has_factory(RELATIONS_COMPONENT)


def load_nlp(lang: str, *, gazetteers: Sequence[Path | str] = (), model: str | None = None,
             relations: bool = True, scorer: bool = True) -> Language:
    """kgraph's pipeline for ``lang``: its Docs carry typed, canonical entities (and relations).

    Parameters
    ----------
    lang : str
        ISO 639-1 code of the articles' language ("id", "en"...).
    gazetteers : sequence of Path
        The user's gazetteer files (``--gazetteer FILE``), read after the shipped one.
    model : str, optional
        An installed spaCy pipeline (name or folder) whose ``ner`` entities are merged in.
    relations : bool
        Add the relation extractor when it is available (default True).
    scorer : bool
        Let the relation extractor add what the shipped learned scorer accepts (default True).

    Raises
    ------
    LexiconError
        A gazetteer or lexicon file is malformed or missing.
    ExtractionError
        ``model`` cannot be loaded or has no ``ner``.
    """
    set_extensions()
    nlp = _blank(lang)
    nlp.add_pipe("kg_sentences")
    nlp.add_pipe("kg_gazetteer", config={"gazetteers": [str(p) for p in gazetteers]})
    if model:
        nlp.add_pipe("kg_model_ner", config={"model": str(model)})
    for name in ("kg_names", "kg_groups", "kg_aliases"):
        nlp.add_pipe(name, config={"lang": lang})
    if relations and _has_relations():
        nlp.add_pipe(RELATIONS_COMPONENT, config={"lang": lang, "scorer": scorer})
    return nlp


class NlpCache:
    """One pipeline per language, built on first use with the same gazetteers and model.

    Hold one per process (a caller's object, not a global): building a pipeline takes seconds.
    """

    def __init__(self, *, gazetteers: Sequence[Path | str] = (), model: str | None = None,
                 relations: bool = True, scorer: bool = True) -> None:
        self.gazetteers, self.model, self.relations, self.scorer = tuple(gazetteers), model, relations, scorer
        self._pipelines: dict[str, Language] = {}

    def get(self, lang: str) -> Language:
        """The pipeline for ``lang``, built once."""
        if lang not in self._pipelines:
            self._pipelines[lang] = load_nlp(lang, gazetteers=self.gazetteers, model=self.model,
                                             relations=self.relations, scorer=self.scorer)
        return self._pipelines[lang]
