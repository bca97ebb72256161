"""Turn pasted news text into the article shape: title, byline authors, dateline outlet, body.

The shape (see DEVELOPERS.md, "Article"): an optional title line first (when a byline or a
dateline line follows it); byline lines ("Penulis: X", "By X", "Reporter: X | Editor: Y") become
``authors`` and leave the text; a date line in the header ("Rabu, 22 November 2023") becomes
``published``; a dateline prefix of the first body paragraph ("KONTAN.CO.ID - ") is removed and
its outlet kept; related-headline lines ("Baca Juga: ...") and page furniture ("ADVERTISEMENT",
"Foto: ...") are dropped entirely; every other line is kept, one paragraph or sub-heading per
line. The cue words come from the lexicon data files (see :mod:`kgraph.articles.header`).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from kgraph.articles.article_lexicon import ArticleCues, load_article_cues
from kgraph.articles.header import parse_byline, parse_date_line, split_credits, split_dateline

__all__ = ["CleanText", "clean_text", "normalize_text"]

# Characters that end a line (besides "\n") and characters removed outright.
_LINE_BREAKS = {ord(c): "\n" for c in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}
_REMOVED = {cp: None for cp in range(0x20) if chr(cp) not in "\n\t"}
_REMOVED.update({0x7F: None, 0x200B: None, 0x200C: None, 0x200D: None, 0x2060: None,
                 0xFEFF: None, 0xFFFE: None, 0xFFFF: None})
_TRANSLATE = {**_REMOVED, **_LINE_BREAKS, 0x09: " ", 0xA0: " "}
_SPACES = re.compile(r"[^\S\n]+")
_BULLETS = " \t-–—•*·»>›"
_TITLE_MAX = 250  # characters; a longer first line is a paragraph
_HEADER_LINES = 3  # a header-only byline ("By X") must be among the first lines


@dataclass(frozen=True)
class CleanText:
    """The parts of one article found in its text."""

    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    published: date | None = None


def normalize_text(raw: str) -> str:
    """NFC-normalize, unify line breaks, drop control and zero-width characters, squeeze spaces.

    Examples
    --------
    >>> normalize_text("Caf\\u0065\\u0301\\r\\nA\\x00B\\u200b  C ")
    'Café\\nAB C'
    """
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n")).translate(_TRANSLATE)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _is_related(line: str, cues: ArticleCues) -> bool:
    folded = line.lstrip(_BULLETS).casefold()
    return any(folded.startswith(cue) for cue in cues.related)


def _is_furniture(line: str, cues: ArticleCues) -> bool:
    """Page furniture: "ADVERTISEMENT", photo captions ("Foto: ...")."""
    folded = line.casefold()
    return folded in cues.drop_lines or folded.startswith(cues.drop_prefixes)


def _is_bare_cue(line: str, cues: ArticleCues) -> bool:
    """A related-headline cue alone on its line ("Baca Juga:"): its headline is the next line."""
    folded = line.strip(_BULLETS + ":").casefold()
    return any(folded == cue.rstrip(" :-–—") for cue in cues.related)


def _body_lines(text: str, cues: ArticleCues) -> list[str]:
    """The non-empty lines of ``text`` without related headlines and page furniture."""
    kept: list[str] = []
    skip_next = False
    for line in text.split("\n"):
        if skip_next:
            skip_next = False
        elif _is_bare_cue(line, cues):
            skip_next = True
        elif line and not _is_related(line, cues) and not _is_furniture(line, cues):
            kept.append(line)
    return kept


def _is_title(lines: list[str], cues: ArticleCues, known: str | None) -> bool:
    """Whether the first line is the title: it repeats the known title, or a byline or a
    dateline follows it (and it is neither itself nor a sentence ending with a full stop)."""
    if not lines:
        return False
    first = lines[0]
    if known and first.casefold() == normalize_text(known).casefold():
        return True
    if len(lines) < 2 or len(first) > _TITLE_MAX or parse_byline(first, cues) is not None:
        return False
    if parse_byline(lines[1], cues):
        return True
    return (not first.endswith(".") and split_dateline(first, cues)[0] == first
            and split_dateline(lines[1], cues)[0] != lines[1])


def clean_text(raw: str, cues: ArticleCues | None = None, *, title: str | None = None) -> CleanText:
    """Split pasted article text into title, authors, outlet and body.

    Parameters
    ----------
    raw
        The text as read from a file, feed item or JSON line (any string).
    cues
        The article-shape cues; default: all ``*.article.yaml`` lexicons.
    title
        The title when known from metadata: a first line repeating it is taken as the title.

    Returns
    -------
    CleanText
        ``text`` is the body: no byline, no dateline prefix, no related-headline lines, one
        non-empty paragraph per line. It may be empty when the input had no body.

    Examples
    --------
    >>> c = clean_text("Acme fires Jo\\nBy Ann Lee\\nBOSTON (Wire) — Acme fired Jo Doe.\\n"
    ...                "Read also: Other news\\nShe left.")
    >>> c.title, c.authors, c.outlet
    ('Acme fires Jo', ('Ann Lee',), 'Wire')
    >>> c.text
    'Acme fired Jo Doe.\\nShe left.'
    """
    cues = cues or load_article_cues()
    lines = _body_lines(normalize_text(raw), cues)
    published = None
    for i in range(min(len(lines), _HEADER_LINES + 1) - 1, -1, -1):  # header date lines
        found = parse_date_line(lines[i], cues)
        if found is not None:
            published = found
            del lines[i]
    title = lines.pop(0) if _is_title(lines, cues, title) else None
    authors: list[str] = []
    body: list[str] = []
    for i, line in enumerate(lines):
        names = parse_byline(line, cues, header=not body and i < _HEADER_LINES)
        if names is not None:
            authors.extend(names)
            continue
        line, credited = split_credits(line, cues)  # "(Reporting by A; Editing by B)"
        authors.extend(credited)
        if line:
            body.append(line)
    outlet = None
    if body:
        body[0], outlet = split_dateline(body[0], cues)
        if _is_related(body[0], cues):  # "KONTAN.CO.ID - Baca Juga: ..."
            body.pop(0)
    return CleanText(text="\n".join(body), title=title, authors=tuple(dict.fromkeys(authors)),
                     outlet=outlet, published=published)
