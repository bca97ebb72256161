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

__all__ = ["TYPE_LETTERS", "compile_pattern", "pattern_requirements", "sentence_keys", "slot_index"]

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


def pattern_requirements(pattern: str) -> tuple[frozenset[str], ...]:
    """Key sets of which a sentence must offer one key each for ``pattern`` to match.

    One set per item that is not optional and not a gap: a word item's surface forms (``w:``)
    and stems (``s:``), an entity or title item's type letters (``e:``). A word item with a
    surface prefix (``found*``) requires nothing that a key can say. The extractor runs a
    pattern only on sentences that meet all its requirements (:func:`sentence_keys`), which
    saves most of the regular-expression work; the requirements never reject a sentence the
    pattern matches.

    >>> [sorted(keys) for keys in pattern_requirements("{O:s} ..2 me<pecat>|fired {P:o}")]
    [['e:O'], ['s:pecat', 'w:fired'], ['e:P']]
    >>> [sorted(keys) for keys in pattern_requirements("{P:s} found* {*:o}")]
    [['e:P'], ['e:G', 'e:O', 'e:P', 'e:R']]
    """
    required = []
    for item in pattern.split():
        if item.endswith("?") and len(item) > 1 or item.startswith(".."):
            continue
        if item.startswith("{") and item.endswith("}"):
            types = item[1:-1].partition(":")[0]
            letters = "POGR" if types == "*" else "".join(types.split("|"))
            required.append(frozenset("e:" + letter for letter in letters))
            continue
        keys = set()
        for alt in item.lower().split("|"):
            first = alt.split("+")[0]
            if "<" in first:
                keys.add("s:" + first.partition("<")[2].rstrip(">"))
            elif first.endswith("*"):
                keys = set()
                break
            else:
                keys.add("w:" + first)
        if keys:
            required.append(frozenset(keys))
    return tuple(required)


def sentence_keys(encoded: str) -> frozenset[str]:
    """The keys an encoded sentence offers (see :func:`pattern_requirements`).

    >>> sorted(sentence_keys("⟦O0⟧ memecat/pecat ⟦P2⟧ ⟦C3⟧ "))
    ['e:C', 'e:O', 'e:P', 's:pecat', 'w:memecat']
    """
    keys = set()
    for item in encoded.split():
        if item.startswith("⟦"):
            keys.add("e:" + item[1:2])
        elif "/" in item:
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
