"""The type of a gazetteer name listed with several types, by its evidence over the whole article.

A gazetteer entry may list ``types: [Product, Organization]`` ("Twitter" the service and the
company). Every mention of such an entity adds the weight of the cues around it, from
``{lang}.types.yaml``: a phrase right before it ("on Twitter", "CEO of Twitter"), right after it
("Twitter users", "Twitter's chief executive"), a word near it ("Twitter fired ..."), and the
context typing of :mod:`kgraph.nlp.context` ("laman Facebook", a list of apps). The weights are
summed per type over the article, the first listed type gets a prior, and the entity takes the
heaviest of its listed types once: every mention gets it. A mention printed with a legal form
("Facebook Inc.") is the company whatever the rest says: it stays an organization, and the
article's printing a legal form counts once for the organization (the bare name may still be the
service: "Facebook Inc.'s apps, Facebook, Instagram and WhatsApp"). What was counted is kept
(:class:`TypeEvidence`) for ``kgraph explain``.

>>> cues = TypeCues.from_dict({"Organization": {"before": ["ceo of"]}, "Product": {"after": ["users"]}}, "t.yaml")
>>> cues.before["Organization"]
(('ceo', 'of'),)
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from spacy.tokens import Span

from kgraph.errors import LexiconError
from kgraph.lexicons import has_lexicon, load_lexicon, string_list
from kgraph.models import ENTITY_TYPES
from kgraph.nlp.cues import doc_words, phrase_at, phrase_ending_at
from kgraph.nlp.lexicon import FALLBACK_LANG, NamesLexicon

__all__ = ["TypeCues", "TypeEvidence", "load_type_cues", "type_by_evidence", "evidence_line"]

_PLACES = ("before", "after", "near")
_WEIGHTS = {"before": 2.0, "after": 2.0, "near": 1.0, "context": 3.0, "legal": 1.5, "prior": 1.0}

Phrases = tuple[tuple[str, ...], ...]


def _phrases(items: Sequence[str], split: Callable[[str], Sequence[str]]) -> Phrases:
    found = {tuple(w.casefold() for w in split(p)) for p in items}
    return tuple(sorted((p for p in found if p), key=lambda p: (-len(p), p)))


@dataclass(frozen=True)
class TypeCues:
    """The cue phrases of one language per type and place, their weights and the ``near`` window."""

    source: str = ""
    before: Mapping[str, Phrases] = field(default_factory=dict)
    after: Mapping[str, Phrases] = field(default_factory=dict)
    near: Mapping[str, frozenset[str]] = field(default_factory=dict)
    weights: Mapping[str, float] = field(default_factory=lambda: dict(_WEIGHTS))
    window: int = 3

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str,
                  split: Callable[[str], Sequence[str]] = str.split) -> "TypeCues":
        """Validate a parsed ``{lang}.types.yaml``; a malformed entry raises LexiconError."""
        known = {"version", "window", "weights", *ENTITY_TYPES}
        for key in data:
            if key not in known:
                raise LexiconError(f"{source}: unknown entry {key!r} (known: {', '.join(sorted(known))})")
        weights = dict(_WEIGHTS)
        given = data.get("weights") or {}
        if not isinstance(given, dict) or any(k not in _WEIGHTS or not isinstance(v, (int, float))
                                              for k, v in given.items()):
            raise LexiconError(f"{source}: 'weights' must map {', '.join(_WEIGHTS)} to numbers")
        weights.update({k: float(v) for k, v in given.items()})
        window = data.get("window", 3)
        if not isinstance(window, int) or isinstance(window, bool) or window < 0:
            raise LexiconError(f"{source}: 'window' must be a whole number of tokens, got {window!r}")
        places: dict[str, dict[str, Any]] = {p: {} for p in _PLACES}
        for etype in ENTITY_TYPES:
            entry = data.get(etype)
            if entry is None:
                continue
            if not isinstance(entry, dict) or set(entry) - set(_PLACES):
                raise LexiconError(f"{source}: {etype!r} must map some of {', '.join(_PLACES)} to lists")
            for place in _PLACES:
                items = string_list(entry, place, f"{source}: {etype}", required=False)
                places[place][etype] = (frozenset(w.casefold() for w in items) if place == "near"
                                        else _phrases(items, split))
        return cls(source=source, before=places["before"], after=places["after"], near=places["near"],
                   weights=weights, window=window)

    def to_dict(self) -> dict[str, Any]:
        """The cues as plain data, the inverse of :meth:`from_dict` (for to_disk)."""
        out: dict[str, Any] = {"window": self.window, "weights": dict(self.weights)}
        for etype in ENTITY_TYPES:
            entry = {"before": [" ".join(p) for p in self.before.get(etype, ())],
                     "after": [" ".join(p) for p in self.after.get(etype, ())],
                     "near": sorted(self.near.get(etype, ()))}
            if any(entry.values()):
                out[etype] = entry
        return out


def load_type_cues(lang: str, split: Callable[[str], Sequence[str]] = str.split) -> TypeCues:
    """The shipped ``{lang}.types.yaml`` (English's for a language without one)."""
    lang = lang if has_lexicon(lang, "types") else FALLBACK_LANG
    return TypeCues.from_dict(load_lexicon(lang, "types"), f"kgraph/lexicons/{lang}.types.yaml", split)


@dataclass(frozen=True)
class TypeEvidence:
    """Why a multi-type entity got its type: the weight per type and the cues counted.

    ``cues`` are (type, place, phrase) per cue found, in text order; ``chosen`` the type given.
    """

    name: str
    types: tuple[str, ...]
    weights: Mapping[str, float]
    cues: tuple[tuple[str, str, str], ...]
    chosen: str


def _legal(span: Span, lex: NamesLexicon) -> bool:
    return span[-1].text.casefold() in lex.legal_after or span[0].text.casefold() in lex.legal_before


def _mention_cues(span: Span, words: Sequence[str], cues: TypeCues, types: Sequence[str]) -> list[tuple[str, str, str]]:
    """The cues around one mention: per place, the longest phrase of any listed type."""
    sent = span.sent
    found: list[tuple[str, str, str]] = []
    counted: set[int] = set(range(span.start, span.end))  # a word counts once: "pengguna Tokopedia"
    for place, table in (("before", cues.before), ("after", cues.after)):
        best, best_type = 0, ""
        for etype in types:
            if place == "before":
                n = phrase_ending_at(words, span.start, table.get(etype, ()), sent.start)
            else:
                n = phrase_at(words, span.end, table.get(etype, ()), sent.end)
            if n > best:
                best, best_type = n, etype
        if best:
            at = (span.start - best, span.start) if place == "before" else (span.end, span.end + best)
            found.append((best_type, place, " ".join(words[at[0]:at[1]])))
            counted.update(range(*at))
    near = [i for i in range(max(sent.start, span.start - cues.window), min(sent.end, span.end + cues.window))
            if i not in counted]
    for etype in types:
        for i in near:
            if words[i] in cues.near.get(etype, ()):
                found.append((etype, "near", words[i]))
    return found


def type_by_evidence(spans: list[Span], lex: NamesLexicon, cues: TypeCues,
                     types: Mapping[str, tuple[str, ...]]) -> tuple[list[Span], dict[str, TypeEvidence]]:
    """``spans`` (sorted entity spans of one Doc) with every gazetteer entity of several
    ``types`` (canonical name -> its listed types, the first the default) typed once by the
    evidence of all its mentions; and that evidence by canonical name.

    A mention printed with a legal form ("Twitter Inc.") stays an organization, when that is
    listed, and counts once per article for it; a mention the context typing gave another listed
    type than the default ("laman Facebook") votes for that type.
    """
    if not spans or not types:
        return list(spans), {}
    words = doc_words(spans[0].doc)[1]
    mentions: dict[str, list[int]] = {}
    legal: dict[str, str] = {}  # name -> its first mention printed with a legal form
    for i, span in enumerate(spans):
        listed = types.get(span.kb_id_, ())
        if span.label_ not in listed:
            continue
        if "Organization" in listed and _legal(span, lex):
            legal.setdefault(span.kb_id_, span.text)
        else:
            mentions.setdefault(span.kb_id_, []).append(i)
    out = list(spans)
    evidence: dict[str, TypeEvidence] = {}
    for name, indices in mentions.items():
        listed = types[name]
        weights: Counter[str] = Counter({t: 0.0 for t in listed})
        weights[listed[0]] += cues.weights["prior"]
        found: list[tuple[str, str, str]] = [("Organization", "legal", legal[name])] if name in legal else []
        for i in indices:
            if spans[i].label_ != listed[0]:
                found.append((spans[i].label_, "context", spans[i].text))
            found.extend(_mention_cues(spans[i], words, cues, listed))
        for etype, place, _ in found:
            weights[etype] += cues.weights[place]
        chosen = max(listed, key=lambda t: (weights[t], -listed.index(t)))
        evidence[name] = TypeEvidence(name, listed, dict(weights), tuple(found), chosen)
        for i in indices:
            s = spans[i]
            out[i] = Span(s.doc, s.start, s.end, label=chosen, kb_id=s.kb_id_)
    return out, evidence


def evidence_line(ev: TypeEvidence) -> str:
    """One line for ``kgraph explain``: the weights per type and the cues behind them.

    >>> ev = TypeEvidence("X", ("Product", "Organization"), {"Product": 3.0, "Organization": 2.0},
    ...                   (("Product", "before", "on"), ("Organization", "after", "ceo")), "Product")
    >>> evidence_line(ev)
    "X -> Product: Product 3 (prior; before 'on'), Organization 2 (after 'ceo')"
    """
    parts = []
    for etype in ev.types:
        shown = (["prior"] if etype == ev.types[0] else []) + [
            f"{place} {text!r}" for t, place, text in ev.cues if t == etype]
        parts.append(f"{etype} {ev.weights.get(etype, 0):g}" + (f" ({'; '.join(shown)})" if shown else ""))
    return f"{ev.name} -> {ev.chosen}: " + ", ".join(parts)
