"""A sentence splitter that respects lines: a newline always ends a sentence.

Inside a line, a sentence ends after ``.``, ``!``, ``?`` (and any closing quotes or brackets
after them) when the next word does not start in lowercase. Abbreviations such as "Inc.",
"Calif.", "Oct.", "U.S." and initials ("James M. Whitehurst") stay one token in spaCy's
tokenizer, so their period never ends a sentence.
"""
from __future__ import annotations

from itertools import islice
from typing import Sequence

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from kgraph.nlp.cues import doc_words
from kgraph.nlp.serialize import DiskMixin

__all__ = ["LineSentencizer", "DEFAULT_PUNCT", "DEFAULT_CLOSERS", "sentence_starts"]

DEFAULT_PUNCT: tuple[str, ...] = (".", "!", "?", "…", "...", "?!", "!?")
DEFAULT_CLOSERS: tuple[str, ...] = ('"', "'", "”", "’", ")", "]", "»")


def sentence_starts(words: Sequence[str], spaces: Sequence[str], *,
                    punct: Sequence[str] = DEFAULT_PUNCT,
                    closers: Sequence[str] = DEFAULT_CLOSERS) -> list[bool]:
    """Which tokens start a sentence, from their texts and the whitespace after each.

    Parameters
    ----------
    words : sequence of str
        Token texts; whitespace-only tokens hold newlines.
    spaces : sequence of str
        The whitespace that follows each token.

    Examples
    --------
    >>> sentence_starts(["Acme", "Inc.", "won", ".", "\\n", "It", "grew", "."], [" "] * 8)
    [True, False, False, False, False, True, False, False]
    """
    starts = [False] * len(words)
    if not words:
        return starts
    starts[0] = True
    boundary, after_punct = False, False  # the tokens before ended a sentence (with punctuation)
    for i, word in enumerate(words):
        if boundary and not word.isspace() and not (after_punct and word in closers):
            starts[i] = True
            boundary = after_punct = False
        if "\n" in word or "\n" in spaces[i]:
            boundary, after_punct = True, False
        elif word in punct:
            nxt = next((w for w in islice(words, i + 1, None) if not w.isspace() and w not in closers), "")
            if not nxt[:1].islower():
                boundary = after_punct = True
    return starts


class LineSentencizer(DiskMixin):
    """Sets ``token.is_sent_start`` so that sentences never cross a newline.

    punct (list[str]): tokens that end a sentence.
    closers (list[str]): closing quotes and brackets that stay with the sentence they close.
    """

    cfg_keys = ("punct", "closers")

    def __init__(self, nlp: Language, name: str = "kg_sentences", *,
                 punct: Sequence[str] = DEFAULT_PUNCT, closers: Sequence[str] = DEFAULT_CLOSERS) -> None:
        self.name = name
        self.punct, self.closers = list(punct), list(closers)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        words, _, spaces = doc_words(doc)
        starts = sentence_starts(words, spaces, punct=self.punct, closers=self.closers)
        values = numpy.array([[1 if start else -1] for start in starts], dtype="int32")
        doc.from_array([SENT_START], values.astype("uint64"))
        return doc
