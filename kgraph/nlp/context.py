"""Typing a known name by its context: "Facebook" the company or "Facebook" the product.

A gazetteer organization becomes a product when a product-context word comes right before it
("laman Facebook", "akun Instagram") or when it stands in a list whose other members are all
products ("Facebook Inc.'s apps, Facebook, Instagram, WhatsApp and Messenger"). A name printed
with a legal form ("Facebook Inc.") always stays an organization.
"""
from __future__ import annotations

from typing import Sequence

from spacy.tokens import Span

from kgraph.nlp.cues import doc_words, phrase_at, phrase_ending_at
from kgraph.nlp.lexicon import NamesLexicon

__all__ = ["list_neighbours", "retype_by_context"]


def _joined(words: Sequence[str], start: int, end: int, lex: NamesLexicon) -> bool:
    """Whether words[start:end] only joins two list members ("," / "and" / ", dan")."""
    i = start
    while i < end:
        if words[i] == ",":
            i += 1
            continue
        n = phrase_at(words, i, lex.conjunctions, end)
        if not n:
            return False
        i += n
    return end - start >= 1


def list_neighbours(spans: Sequence[Span], index: int, lex: NamesLexicon,
                    words: Sequence[str] | None = None) -> list[Span]:
    """The other members of the list that ``spans[index]`` stands in (spans sorted by start).

    A list has a conjunction ("A, B and C"); names joined by commas only are appositions, not lists.
    ``words`` are the Doc's casefolded token texts, when the caller has them.
    """
    words = words if words is not None else doc_words(spans[index].doc)[1]
    members: list[Span] = []
    joins: list[tuple[int, int]] = []
    for step in (-1, 1):
        i = index
        while 0 <= i + step < len(spans):
            a, b = (spans[i + step], spans[i]) if step < 0 else (spans[i], spans[i + step])
            if b.start - a.end > 3 or not _joined(words, a.end, b.start, lex):
                break
            i += step
            members.append(spans[i])
            joins.append((a.end, b.start))
    if not any(w != "," for start, end in joins for w in words[start:end]):
        return []
    return members


def retype_by_context(spans: list[Span], lex: NamesLexicon) -> list[Span]:
    """``spans`` (sorted, non-overlapping) with gazetteer organizations used as products retyped."""
    out = list(spans)
    words = doc_words(spans[0].doc)[1] if spans else []
    for index, span in enumerate(spans):
        if span.label_ != "Organization" or not span.kb_id_ or span[-1].text.casefold() in lex.legal_after:
            continue
        cue = phrase_ending_at(words, span.start, lex.product_context_cues, max(0, span.start - 3))
        others = list_neighbours(spans, index, lex, words)
        listed = len(others) >= 2 and all(o.label_ == "Product" for o in others)
        if cue or listed:
            out[index] = Span(span.doc, span.start, span.end, label="Product", kb_id=span.kb_id_)
    return out
