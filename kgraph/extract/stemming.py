"""Word -> stem functions named by a language's relation lexicon (``stemmer:``)."""
from __future__ import annotations

from typing import Callable

__all__ = ["make_stemmer"]


def make_stemmer(kind: str, lang: str) -> Callable[[str], str]:
    """A cached word -> stem function: ``sastrawi`` (Indonesian), ``lookup`` (spaCy tables), ``lower``."""
    cache: dict[str, str] = {}
    if kind == "sastrawi":
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

        base = StemmerFactory().create_stemmer().stem
    elif kind == "lookup":
        from spacy.lookups import load_lookups

        table = load_lookups(lang, ["lemma_lookup"]).get_table("lemma_lookup")

        def base(word: str) -> str:
            return table.get(word, word)
    else:
        def base(word: str) -> str:
            return word

    def stem(word: str) -> str:
        if word not in cache:
            cache[word] = (base(word) or word) if any(c.isalpha() for c in word) else word
        return cache[word]

    return stem
