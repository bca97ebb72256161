"""Recognise the header parts of a news article: byline, dateline prefix, date line.

Each function looks at one line and says what it is, using the cues of the article lexicons
(``kgraph/lexicons/*.article.yaml``); :mod:`kgraph.articles.clean` decides where to look.
"""
from __future__ import annotations

import re
from datetime import date

from kgraph.articles.article_lexicon import ArticleCues, load_article_cues

__all__ = ["parse_byline", "split_credits", "split_dateline", "parse_date_line"]

_NAME = re.compile(r"[^\W\d_][\w.'’\-]*(?: [\w.'’\-]+){0,5}")
_DOMAIN = re.compile(r"[\w-]+(?:\.[A-Za-z]{2,})+")  # "Tribunnews.com" in a byline is no author
_CONTACT = re.compile(r"\([^()]*\)|\S+@\S+|(?<!\S)@\w+")  # "(email)", "a@b.c", "@handle"
_BYLINE_MAX = 160  # characters; a longer line is prose
_DATE_LINE_MAX = 80
_DATELINE_SPAN = 300  # a dateline prefix is looked for in the first characters only


def _starts_with_cue(line: str, cue: str) -> str | None:
    """The rest of ``line`` after ``cue`` (case-insensitive, on a word boundary), or None."""
    if not line.casefold().startswith(cue):
        return None
    rest = line[len(cue):]
    if cue[-1].isalnum() and rest[:1].isalnum():
        return None
    return rest.lstrip(" :-–—")


def _split_names(text: str, cues: ArticleCues) -> list[str] | None:
    """The person names in ``text`` or None when some part does not read as a name.

    Outlet domains ("Kabarnesia.com"), contacts ("(ann@wire.example)", "@annlee") and job
    descriptions ("Technology Correspondent") that follow a name are left out.
    """
    parts = [_CONTACT.sub(" ", text)]
    for separator in cues.name_separators:
        parts = [piece for part in parts for piece in part.split(separator)]
    names = [part.strip(" .") if part.strip().count(" ") else part.strip()
             for part in parts if part.strip() and not _DOMAIN.fullmatch(part.strip())]
    if len(names) > 1:
        names = [names[0]] + [n for n in names[1:]
                              if not any(w.casefold() in cues.role_words for w in n.split())]
    if not names:
        return None
    for name in names:
        if not _NAME.fullmatch(name) or not name[0].isupper():
            return None
        if any(word[0].isalpha() and word[0].islower() and len(word) > 3
               for word in name.split()):
            return None  # "karena itu", "the end of" : prose, not a name
    return names


def parse_byline(line: str, cues: ArticleCues, *, header: bool = True) -> tuple[str, ...] | None:
    """The author names of a byline line, or None when ``line`` is not a byline.

    The first "|"-separated part must start with a byline cue and the rest of it read as
    person names; later parts add the names they hold ("Editor: Y", or a bare name) and are
    otherwise ignored ("5 min read"). ``header`` says whether the line is
    among the article's first lines, where header-only cues ("By") count.

    Examples
    --------
    >>> cues = load_article_cues()
    >>> parse_byline("Reporter: Ayu Lestari | Editor: Bima Sakti", cues)
    ('Ayu Lestari', 'Bima Sakti')
    >>> parse_byline("By the end of the year, sales fell.", cues) is None
    True
    """
    if len(line) > _BYLINE_MAX:
        return None
    authors: list[str] = []
    for i, part in enumerate(line.split("|")):
        part = part.strip()
        rest = None
        for cue in cues.byline_cues:
            if not header and cue in cues.header_only:
                continue
            rest = _starts_with_cue(part, cue)
            if rest is not None:
                break
        if rest is None and i == 0:
            return None
        names = _split_names(part if rest is None else rest, cues)
        if names is None and i == 0:
            return None
        authors.extend(names or ())  # later parts may be "5 min read", "Updated 2 hours ago"
    return tuple(dict.fromkeys(authors))


def split_credits(line: str, cues: ArticleCues) -> tuple[str, tuple[str, ...]]:
    """A line without the credits that close it, and the names they give.

    Wire copy ends a story with a parenthesized credit: "(Reporting by A; Editing by B)",
    "(Pelaporan oleh A; Penyuntingan oleh B)". Every ";"-separated part must start with a
    credit cue and read as person names, or the parentheses are left as they are.

    >>> cues = load_article_cues()
    >>> split_credits("Shares fell. (Reporting by Ann Lee and Bo Chan; Editing by Tim Ode)", cues)
    ('Shares fell.', ('Ann Lee', 'Bo Chan', 'Tim Ode'))
    >>> split_credits("Acme (the maker of Widgets) grew.", cues)
    ('Acme (the maker of Widgets) grew.', ())
    """
    stripped = line.rstrip()
    if not cues.credit_cues or not stripped.endswith(")") or "(" not in stripped:
        return line, ()
    start = stripped.rindex("(")
    names: list[str] = []
    for part in stripped[start + 1:-1].split(";"):
        part = part.strip()
        rest = next((r for r in (_starts_with_cue(part, cue) for cue in cues.credit_cues) if r is not None), None)
        found = _split_names(rest, cues) if rest else None
        if not found:
            return line, ()
        names.extend(found)
    return stripped[:start].rstrip(), tuple(dict.fromkeys(names))


def split_dateline(line: str, cues: ArticleCues) -> tuple[str, str | None]:
    """Remove a dateline prefix from the first body line; return the line and the outlet.

    Examples
    --------
    >>> split_dateline("WARTANIAGA.ID - JAKARTA. Pendiri Bukalapak mundur.", load_article_cues())
    ('Pendiri Bukalapak mundur.', 'WARTANIAGA.ID')
    >>> split_dateline("SEATTLE (Tech Wire) — Amazon said...", load_article_cues())
    ('Amazon said...', 'Tech Wire')
    """
    for pattern in cues.datelines:
        match = pattern.match(line[:_DATELINE_SPAN])
        if match and match.end() < len(line):
            outlet = match.groupdict().get("outlet")
            return line[match.end():], (outlet.strip() if outlet else None)
    return line, None


def parse_date_line(line: str, cues: ArticleCues) -> date | None:
    """The date of a line that is only a date ("Rabu, 22 November 2023 / 10:15 WIB"), or None.

    Examples
    --------
    >>> cues = load_article_cues()
    >>> parse_date_line("Rabu, 22 November 2023 / 10:15 WIB", cues)
    datetime.date(2023, 11, 22)
    >>> parse_date_line("Published Nov. 22, 2023 at 10:15 a.m. EST", cues)
    datetime.date(2023, 11, 22)
    >>> parse_date_line("22 November 2023 lalu, OpenAI memecat CEO-nya.", cues) is None
    True
    """
    if len(line) > _DATE_LINE_MAX:
        return None
    for pattern in cues.date_lines:
        match = pattern.fullmatch(line)
        if not match:
            continue
        month_text = match["month"].casefold()
        month = int(month_text) if month_text.isdigit() else cues.months.get(month_text)
        try:
            return date(int(match["year"]), month, int(match["day"])) if month else None
        except ValueError:
            return None
    return None
