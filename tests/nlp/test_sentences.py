"""The line-aware sentencizer: newlines always split, abbreviations and initials never do."""
from __future__ import annotations

import pytest

from kgraph.nlp.sentences import sentence_starts


def sents(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_sentences_newline_always_splits(nlp_en):
    assert sents(nlp_en, "Layoffs at Acme\nThe firm cut 40 jobs") == ["Layoffs at Acme", "The firm cut 40 jobs"]


@pytest.mark.parametrize("text", [
    "Brightwell Inc. hired Dana Okafor on Oct. 3 in the U.S. after a long search.",
    "James M. Whitehurst moved to Palo Alto, Calif. to run the unit.",
    "Orbitware Corp. said nothing.",
])
def test_sentences_abbreviations_do_not_split(nlp_en, text):
    assert sents(nlp_en, text) == [text]


def test_sentences_split_after_punctuation_and_keep_closing_quote(nlp_en):
    text = '"We are done." Dana left! Did she? Yes.'
    assert sents(nlp_en, text) == ['"We are done."', "Dana left!", "Did she?", "Yes."]


def test_sentences_lowercase_after_period_continues(nlp_en):
    assert len(sents(nlp_en, "The deal closed at 5 p.m. and shares rose.")) == 1


def test_sentences_indonesian(nlp_id):
    text = "Budi Santoso mundur dari PT Arunika Tbk. Ia bergabung dengan Plt. CEO baru.\nSub Judul\nKalimat lain."
    assert sents(nlp_id, text) == ["Budi Santoso mundur dari PT Arunika Tbk.", "Ia bergabung dengan Plt. CEO baru.",
                                   "Sub Judul", "Kalimat lain."]


def test_sentence_starts_pure():
    words = ["A", ".", "\n", "\n", "b", "c", "?", '"', "D"]
    assert sentence_starts(words, [""] * len(words)) == [True, False, False, False, True, False, False, False, True]
