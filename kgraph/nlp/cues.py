"""Pure helpers shared by the name and group finders: cue phrases around a token position.

Phrases are tuples of casefolded words (see :class:`~kgraph.nlp.lexicon.NamesLexicon`).

>>> words = ["the", "chief", "executive", "Sundar", "Pichai"]
>>> phrase_ending_at(words, 3, (("chief", "executive"), ("chief",)))
2
"""
from __future__ import annotations

import re
from typing import Sequence

from spacy.tokens import Doc

__all__ = ["phrase_at", "phrase_ending_at", "is_name_word", "is_titlecase_word", "is_coined_word",
           "is_version_word", "is_year", "opens_with_name", "is_headline", "doc_words"]

_WORDS_KEY = "kg_words"

_INITIAL = re.compile(r"[A-Z]\.")
_YEAR = re.compile(r"(?:19|20)\d\d")
_APOSTROPHE_NAME = re.compile(r"[A-Z][a-z]*['’][A-Z][a-z]+")
_NAME_WITH_DIGITS = re.compile(r"[A-Z][\w.]*-[\w.]+|[A-Z][A-Za-z]+\d[\w.]*")
_INNER_CAPS = re.compile(r"[a-z]+[A-Z][A-Za-z]*")
_COINED = re.compile(r"[A-Za-z]*[a-z][A-Z][A-Za-z0-9]*")
_SURNAME_PREFIX = re.compile(r"(?:Mc|Mac|Di|De|Da|Du|Le|La|Van|Von)[A-Z][a-z]+")  # "McCarthy", "DeSantis"


#: (id of a phrase tuple, last) -> (that tuple, its index): a memo keyed by identity, because
#: hashing a lexicon's whole phrase tuple on every lookup cost more than the lookup
_INDEXES: dict[tuple[int, bool], tuple[tuple[tuple[str, ...], ...], dict[str, list[tuple[str, ...]]]]] = {}
_MAX_INDEXES = 256


def _by_word(phrases: Sequence[tuple[str, ...]], last: bool) -> dict[str, list[tuple[str, ...]]]:
    """Phrases indexed by their first (or last) word, longest first (built once per tuple)."""
    if isinstance(phrases, tuple):
        hit = _INDEXES.get((id(phrases), last))
        if hit is not None and hit[0] is phrases:
            return hit[1]
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        index.setdefault(phrase[-1] if last else phrase[0], []).append(phrase)
    if isinstance(phrases, tuple):
        if len(_INDEXES) >= _MAX_INDEXES:
            _INDEXES.clear()
        _INDEXES[(id(phrases), last)] = (phrases, index)
    return index


def phrase_at(words: Sequence[str], i: int, phrases: Sequence[tuple[str, ...]], stop: int | None = None) -> int:
    """Length of the longest phrase starting at ``words[i]`` and ending by ``words[stop - 1]``
    (0 if none); case-insensitive.

    >>> phrase_at(["Direktur", "Utama", "Telkomsel"], 0, (("direktur",), ("direktur", "utama")))
    2
    """
    stop = len(words) if stop is None else min(stop, len(words))
    if not 0 <= i < stop:
        return 0
    for phrase in _by_word(phrases, False).get(words[i].casefold(), ()):
        n = len(phrase)
        if i + n <= stop and all(words[i + k].casefold() == phrase[k] for k in range(1, n)):
            return n
    return 0


def phrase_ending_at(words: Sequence[str], end: int, phrases: Sequence[tuple[str, ...]], floor: int = 0) -> int:
    """Length of the longest phrase whose last word is ``words[end - 1]`` and that starts at
    ``words[floor]`` or later (0 if none)."""
    if not floor < end <= len(words):
        return 0
    for phrase in _by_word(phrases, True).get(words[end - 1].casefold(), ()):
        n = len(phrase)
        if end - n >= floor and all(words[end - n + k].casefold() == phrase[k] for k in range(n - 1)):
            return n
    return 0


def is_name_word(text: str, *, extra: frozenset[str] = frozenset()) -> bool:
    """Whether a token can be part of a proper name: capitalized, an initial, "ironSource"...

    >>> [is_name_word(w) for w in ["Karén", "M.", "O'Brien", "ironSource", "Inflection-2.5", "US$", "the"]]
    [True, True, True, True, True, False, False]
    """
    if not text or text.casefold() in extra:
        return bool(text)
    if text[0].isupper():
        return text.isalpha() or bool(_INITIAL.fullmatch(text) or _NAME_WITH_DIGITS.fullmatch(text)
                                      or _APOSTROPHE_NAME.fullmatch(text))
    return bool(_INNER_CAPS.fullmatch(text))


def is_version_word(text: str) -> bool:
    """A model or version number printed after a name: "365", "10", "7B", "3S", "4o", "X1", "3.5".

    >>> [is_version_word(w) for w in ["365", "4o", "3.5", "8160", "X1", "10.", "3,000", "Apple"]]
    [True, True, True, True, True, False, False, False]
    """
    return any(c.isdigit() for c in text) and text.replace(".", "").isalnum() and len(text) <= 6 \
        and not text.endswith(".")


def is_year(text: str) -> bool:
    """A year as news prints it: "2023", "1998".

    >>> [is_year(w) for w in ["2023", "1998", "365", "3000"]]
    [True, True, False, False]
    """
    return bool(_YEAR.fullmatch(text))


def is_titlecase_word(text: str) -> bool:
    """A word written like a person's name part: "Sam", "Karén", "M." (not "IBM", "eBay").

    >>> [is_titlecase_word(w) for w in ["Sam", "M.", "IBM", "eBay"]]
    [True, True, False, False]
    """
    if _INITIAL.fullmatch(text) or _APOSTROPHE_NAME.fullmatch(text):
        return True
    return text[:1].isupper() and text.isalpha() and (len(text) == 1 or text[1].islower())


def is_coined_word(text: str) -> bool:
    """A word coined as a name: a capital inside it after a lower-case letter ("WannaCry",
    "JioCinema", "eFarm", "iPod"). The language writes none of its own words so; a brand,
    a firm or a product does, but not a surname ("McCarthy", "DeSantis").

    >>> [is_coined_word(w) for w in ["WannaCry", "eFarm", "iPod", "Google", "IBM", "McCarthy"]]
    [True, True, True, False, False, False]
    """
    return bool(_COINED.fullmatch(text)) and not _SURNAME_PREFIX.fullmatch(text)


def opens_with_name(form: str, name: str) -> bool:
    """Whether ``form`` is ``name`` and more: more words ("Google Drive") or, glued on, a part
    that starts with a capital or digit ("JioTV"; not "Googleplex", not "Google" itself).

    >>> [opens_with_name(f, n) for f, n in [("Google Drive", "Google"), ("JioTV", "Jio"),
    ...                                      ("Googleplex", "Google"), ("Google", "Google")]]
    [True, True, False, False]
    """
    rest = form[len(name):] if name and form.startswith(name) else ""
    if rest.startswith(" "):
        return len(rest) > 1
    return bool(rest) and " " not in form and (rest[0].isupper() or rest[0].isdigit())


def is_headline(words: Sequence[str], *, minor: frozenset[str] = frozenset()) -> bool:
    """Whether a whole line reads as a title-case heading ("Microsoft Menawarkan Kompensasi").

    A heading has no closing sentence punctuation and most of its words capitalized (short
    lowercase function words, ``minor``, do not count against it).

    >>> is_headline(["Ratusan", "Karyawan", "Mengancam", "Resign"])
    True
    >>> is_headline(["Rivals", "cash", "in"])
    False
    """
    alpha = [w for w in words if w[:1].isalpha()]
    if not alpha or len(words) > 14 or words[-1] in {".", "!", "?", '"', "”", ":"}:
        return False
    counted = [w for w in alpha if w.casefold() not in minor or w[:1].isupper()]
    caps = sum(1 for w in counted if w[:1].isupper())
    return caps >= 2 and caps >= 0.6 * len(counted)


def doc_words(doc: Doc) -> tuple[list[str], list[str], list[str]]:
    """The token texts, their casefolded forms and the whitespace after each, computed once per
    Doc and kept in ``doc.user_data`` (our components never retokenize)."""
    cached = doc.user_data.get(_WORDS_KEY)
    if cached is None or len(cached[0]) != len(doc):
        texts = [t.text for t in doc]
        cached = (texts, [w.casefold() for w in texts], [t.whitespace_ for t in doc])
        doc.user_data[_WORDS_KEY] = cached
    return cached
