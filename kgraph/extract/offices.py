"""Public offices and the institutions named after them: a minister holds a post at the ministry.

A ministry's name is its minister's title with the institution's head word: "Menteri
Perdagangan Zulkifli Hasan" works at "Kementerian Perdagangan", "Treasury Secretary Steven
Mnuchin" at the "Treasury Department", "health minister Gan Kim Yong" at the "Ministry of
Health". When an article names such an institution and prints a person right after the title,
the person holds that post there, with the title as the role. Which title heads go with which
institution heads, the title's modifiers ("Wakil", "deputy") and the linking words are data of
``{lang}.relations.yaml`` (``offices``). Pure functions over a Doc's entity spans.

>>> offices = Offices(heads={"menteri": ("kementerian",)}, modifiers=frozenset({"wakil"}),
...                   links=frozenset({"dan"}))
>>> sorted(portfolio_of(["Kementerian", "Komunikasi", "dan", "Informatika"], offices))
['informatika', 'komunikasi']
>>> title_portfolio(["Wakil", "Menteri", "BUMN"], offices)
('Wakil Menteri BUMN', frozenset({'bumn'}))
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Mapping, Sequence

from spacy.tokens import Span

__all__ = ["Offices", "OfficeHolder", "portfolio_of", "title_portfolio", "office_holders"]

#: How many words before a person a title may take ("Wakil Menteri Desa Pembangunan Daerah Tertinggal").
WINDOW = 8


@dataclass(frozen=True)
class Offices:
    """A language's public-office heads: title head -> the institution heads named after it."""

    heads: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    modifiers: frozenset[str] = frozenset()
    links: frozenset[str] = frozenset()
    government: frozenset[str] = frozenset()  # title heads held in government only: "minister"

    @cached_property
    def institution_heads(self) -> frozenset[str]:
        """Every institution head of :attr:`heads`, worked out once."""
        return frozenset(h for heads in self.heads.values() for h in heads)


@dataclass(frozen=True)
class OfficeHolder:
    """A person printed after an office's title, and the institution the title names."""

    person: str
    institution: str
    role: str
    span: Span  # the person's mention


def portfolio_of(words: Sequence[str], offices: Offices) -> frozenset[str]:
    """The portfolio words of an institution's name ("Ministry of Health" -> {health}), empty
    when its name opens and ends with no institution head."""
    folded = [w.casefold() for w in words]
    if len(folded) < 2:
        return frozenset()
    if folded[0] in offices.institution_heads:
        rest = folded[1:]
    elif folded[-1] in offices.institution_heads:
        rest = folded[:-1]
    else:
        return frozenset()
    return frozenset(w for w in rest if w not in offices.links)


def title_portfolio(words: Sequence[str], offices: Offices) -> tuple[str, frozenset[str]] | None:
    """The title (its printed words from the head's modifiers on) and its portfolio, for the
    words printed right before a person; None without an office head among them. A head with
    words after it takes those ("Menteri Perdagangan"); a head ending the words takes the
    words before it ("Treasury Secretary", "health minister")."""
    folded = [w.casefold() for w in words]
    heads = [i for i, w in enumerate(folded) if w in offices.heads]
    if not heads:
        return None
    head = heads[-1]
    after = [w for w in folded[head + 1:] if w not in offices.links]
    start = head
    while start > 0 and folded[start - 1] in offices.modifiers:
        start -= 1
    if after:
        return " ".join(words[start:]), frozenset(after)
    before = [w for w in folded[:start] if w not in offices.links]
    return " ".join(words), frozenset(before)


def _title_before(span: Span) -> list[str]:
    """The words right before a mention in its sentence, back to a punctuation mark or the
    sentence start, at most :data:`WINDOW`."""
    doc, sent = span.doc, span.sent
    i = span.start
    while i > sent.start and span.start - i < WINDOW and (doc[i - 1].is_alpha or doc[i - 1].text in ("&", "-")
                                                           or "." in doc[i - 1].text and doc[i - 1].is_upper):
        i -= 1
    return [t.text for t in doc[i:span.start]]


def office_holders(spans: Iterable[Span], offices: Offices) -> list[OfficeHolder]:
    """Each person mention printed after an office's title whose portfolio names an
    institution of the same spans (the article's entities): the title's portfolio words all
    belong to the institution's, which has at most one word more (a country: "Departemen
    Perdagangan AS")."""
    spans = list(spans)
    institutions = [(s.kb_id_ or s.text, portfolio_of([t.text for t in s], offices))
                    for s in spans if s.label_ == "Organization"]
    institutions = [(name, words) for name, words in institutions if words]
    out: list[OfficeHolder] = []
    for span in spans:
        if span.label_ != "Person" or not institutions:
            continue
        words = _title_before(span)
        for cut in range(len(words)):  # the longest stretch of words that is one title
            found = title_portfolio(words[cut:], offices)
            if found is None:
                break
            role, portfolio = found
            match = [name for name, inst in institutions if portfolio and portfolio <= inst
                     and len(inst - portfolio) <= 1]
            if match:
                out.append(OfficeHolder(span.kb_id_ or span.text, match[0], role, span))
                break
    return out
