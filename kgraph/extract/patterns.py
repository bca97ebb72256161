"""Relation patterns: a small, readable rule language compiled to regular expressions.

A sentence is *encoded* as a string of items, each followed by one space (see
:mod:`kgraph.extract.encode`): an entity mention becomes ``⟦P3⟧`` (type letter, mention number;
``P`` Person, ``O`` Organization, ``R`` Product, ``G`` Group), a role title becomes ``⟦T5⟧`` or ``⟦C5⟧``, and
every other token becomes ``surface/stem`` in lower case (``dipecat/pecat``, ``fired/fire``).

A pattern is a space-separated list of pattern items:

``{P:s}`` ``{O|P:s}`` ``{*:o}``
    an entity of one of the types, captured as slot ``s`` (subject) or ``o`` (object);
``{T|C:r}`` ``{C:r}``
    a role title (``C``: an executive title such as CEO, which can stand without its
    organization), captured as slot ``r``;
``word``, ``<stem>``, ``di<stem>``, ``found*``
    a token by surface form, by stem, by prefix + stem, or by surface prefix;
``a|b|<c>|<step>+down``
    alternatives (``+`` joins the words of a multi-word alternative); a trailing ``?`` makes
    the item optional;
``...`` / ``..3`` / ``..3!by,was``
    a gap of up to 6 (or 3) tokens, matched as short as possible; after ``!``, words the gap
    may not contain (an active-voice rule's gap must not hold the "was ... by" of a passive).

>>> rx = compile_pattern("{O:s} <pecat> {P:o}")
>>> m = rx.search("⟦O0⟧ memecat/pecat ⟦P1⟧ ./. ")
>>> m.group("s"), m.group("o")
('⟦O0⟧', '⟦P1⟧')
"""
from __future__ import annotations

import regex

from kgraph.errors import LexiconError

__all__ = ["TYPE_LETTERS", "compile_pattern", "pattern_anchors", "sentence_keys", "slot_index"]

TYPE_LETTERS = {
    "P": "Person", "O": "Organization", "R": "Product", "G": "Group",
    "T": "Title", "C": "ExecutiveTitle",
}
_DEFAULT_GAP = 6


def _word(alt: str) -> str:
    """Regex for one token alternative (without the trailing space)."""
    if "?" in alt or not alt:
        raise ValueError(f"bad alternative {alt!r}: '?' may only end a whole item (a|an|the?)")
    if "<" in alt:
        prefix, _, rest = alt.partition("<")
        stem = rest.rstrip(">")
        if not stem or not rest.endswith(">"):
            raise ValueError(f"bad stem item {alt!r}")
        return f"{regex.escape(prefix)}[^\\s/]*/{regex.escape(stem)}"
    if alt.endswith("*") and len(alt) > 1:
        return f"{regex.escape(alt[:-1])}[^\\s/]*/[^\\s]*"
    return f"{regex.escape(alt)}/[^\\s]*"


def _item(item: str, seen: set[str]) -> str:
    optional = item.endswith("?") and len(item) > 1
    if optional:
        item = item[:-1]
    if item == "...":
        return f"(?:[^\\s]+ ){{0,{_DEFAULT_GAP}}}?"
    if item.startswith("..") and item[2:].isdigit():
        return f"(?:[^\\s]+ ){{0,{int(item[2:])}}}?"
    if item.startswith("..") and "!" in item and item[2:item.index("!")].isdigit():
        size, _, banned = item[2:].partition("!")
        words = "|".join(regex.escape(w) for w in banned.lower().split(",") if w)
        return f"(?:(?!(?:{words})/)[^\\s]+ ){{0,{int(size)}}}?"
    if item.startswith("{") and item.endswith("}"):
        types, _, slot = item[1:-1].partition(":")
        letters = "POGR" if types == "*" else "".join(types.split("|"))
        if not letters or any(ch not in TYPE_LETTERS for ch in letters):
            raise ValueError(f"unknown entity type in {item!r}")
        body = f"⟦[{letters}]\\d+⟧ "
        if slot:
            if slot in seen:
                raise ValueError(f"slot {slot!r} used twice")
            seen.add(slot)
            body = f"(?P<{slot}>⟦[{letters}]\\d+⟧) "
    else:
        alts = item.lower().split("|")
        body = "(?:" + "|".join(" ".join(_word(w) for w in alt.split("+")) for alt in alts) + ") "
    return f"(?:{body})?" if optional else body


def compile_pattern(pattern: str) -> regex.Pattern:
    """Compile one pattern string of the rule language into a regex over encoded sentences.

    Raises
    ------
    LexiconError
        When an item cannot be read (the message names the item).
    """
    seen: set[str] = set()
    try:
        body = "".join(_item(item, seen) for item in pattern.split())
    except ValueError as error:
        raise LexiconError(f"pattern {pattern!r}: {error}") from None
    return regex.compile("(?<!\\S)" + body)


def pattern_anchors(pattern: str) -> frozenset[str] | None:
    """Keys of which a sentence must contain one for ``pattern`` to match, or None.

    They come from the first word item that is not optional: ``w:`` a surface form, ``s:`` a
    stem. The extractor skips a pattern whose anchors a sentence lacks, which saves most of the
    regular-expression work.

    >>> sorted(pattern_anchors("{O:s} ..2 me<pecat>|fired {P:o}"))
    ['s:pecat', 'w:fired']
    >>> pattern_anchors("{P:s} found* {O:o}") is None
    True
    """
    for item in pattern.split():
        if item.endswith("?") or item.startswith("{") or item.startswith(".."):
            continue
        keys = set()
        for alt in item.lower().split("|"):
            first = alt.split("+")[0]
            if "<" in first:
                keys.add("s:" + first.partition("<")[2].rstrip(">"))
            elif first.endswith("*"):
                return None
            else:
                keys.add("w:" + first)
        return frozenset(keys)
    return None


def sentence_keys(encoded: str) -> frozenset[str]:
    """The anchor keys an encoded sentence offers (see :func:`pattern_anchors`).

    >>> sorted(sentence_keys("⟦O0⟧ memecat/pecat ⟦P2⟧ "))
    ['s:pecat', 'w:memecat']
    """
    keys = set()
    for item in encoded.split():
        if "/" in item and not item.startswith("⟦"):
            surface, _, stem = item.partition("/")
            keys.add("w:" + surface)
            keys.add("s:" + stem)
    return frozenset(keys)


def slot_index(item: str) -> int:
    """The mention number inside an encoded entity item.

    >>> slot_index("⟦P12⟧")
    12
    """
    return int(item.strip()[2:-1])
