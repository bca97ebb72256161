"""Dates of relations: find date phrases in a sentence, resolve them against the published date.

dateparser reads a phrase, never a whole article ("$86" would become 1986). Phrases are found
by the language lexicon's ``dates`` patterns; day/month numbers in parentheses ("Selasa (21/11)")
take the year that puts them closest before the published date.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Sequence

import dateparser
import regex

__all__ = ["find_dates", "resolve_date", "PartialDate", "RelativeDate", "relative_date"]

_DAY_MONTH = regex.compile(r"\((\d{1,2})/(\d{1,2})\)")
_NAMED_GROUP = regex.compile(r"\(\?P<\w+>")
_DROP = regex.compile(r"\b(lalu|yang lalu|pada|on|late on|tanggal|hari)\b", regex.IGNORECASE)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A month or a year without a day ("in August 2015", "sejak 2012"): ISO ``2015-08``, ``2012``.

    >>> PartialDate(2015, 8).isoformat(), PartialDate(2012).isoformat()
    ('2015-08', '2012')
    """

    year: int
    month: int | None = None

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"


@lru_cache(maxsize=256)
def _month_number(name: str, lang: str | None) -> int | None:
    parsed = dateparser.parse(f"1 {name} 2000", languages=[lang] if lang in ("id", "en") else None,
                              settings={"DATE_ORDER": "DMY"})
    return parsed.month if parsed else None


def _closest_year(day: int, month: int, published: date | None) -> date | None:
    if published is None:
        return None
    for year in (published.year, published.year - 1, published.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= published + timedelta(days=7):
            return candidate
    return None


@lru_cache(maxsize=4096)
def resolve_date(phrase: str, published: date | None, lang: str | None) -> date | None:
    """The calendar date a phrase names, relative to the article's published date.

    >>> resolve_date("Selasa (21/11)", date(2023, 11, 22), "id")
    datetime.date(2023, 11, 21)
    >>> resolve_date("17 November lalu", date(2023, 11, 22), "id")
    datetime.date(2023, 11, 17)
    >>> resolve_date("on Wednesday", date(2023, 1, 20), "en")
    datetime.date(2023, 1, 18)

    Without a published date, only a phrase that gives its year can be placed (a weekday or
    a day and month would be read against today's date):

    >>> resolve_date("on Wednesday", None, "en") is None, resolve_date("March 3, 2021", None, "en")
    (True, datetime.date(2021, 3, 3))
    """
    numeric = _DAY_MONTH.search(phrase)
    if numeric:
        return _closest_year(int(numeric.group(1)), int(numeric.group(2)), published)
    cleaned = _DROP.sub(" ", phrase).strip(" ,.")
    has_year = regex.search(r"\b\d{4}\b", cleaned) is not None
    if not cleaned or published is None and not has_year:
        return None
    settings = {"PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY"}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    languages = [lang] if lang in ("id", "en") else None
    parsed = dateparser.parse(cleaned, languages=languages, settings=settings)
    if parsed is None:
        return None
    result = parsed.date()
    if published is not None and result == published - timedelta(days=7) and not regex.search(r"\d", cleaned):
        return published  # "on Monday" in an article of a Monday: that day, not a week before
    if published is not None and not has_year and result > published + timedelta(days=7):
        # a weekday or day-month without a year that dateparser put in the future
        try:
            result = result.replace(year=result.year - 1)
        except ValueError:
            return None
    return result


@dataclass(frozen=True)
class RelativeDate:
    """A phrase that names a time counted back from the published date ("last year", "bulan
    lalu", "yesterday", "last June"): its pattern, the unit (year, month, day, named_month for
    a month named by the pattern's group ``m``, the last one before the published month, or
    nearest_month for a month named with no year, "in March", the one nearest the published
    date) and the offset in that unit."""

    pattern: regex.Pattern
    unit: str
    offset: int = 0


#: The units a relative date counts in.
RELATIVE_UNITS = ("year", "month", "day", "named_month", "nearest_month")


def relative_date(unit: str, offset: int, published: date, month: int | None = None) -> date | PartialDate:
    """The date ``offset`` units from ``published``; a named month is the last one before the
    published month (this year's when it has passed, else last year's), ``offset`` more years back.

    >>> p = date(2023, 3, 10)
    >>> [relative_date(u, o, p).isoformat() for u, o in (("year", -1), ("month", -1), ("day", -1))]
    ['2022', '2023-02', '2023-03-09']
    >>> relative_date("named_month", 0, p, 6).isoformat(), relative_date("named_month", 0, p, 1).isoformat()
    ('2022-06', '2023-01')
    >>> [relative_date("nearest_month", 0, p, m).isoformat() for m in (3, 5, 11)]
    ['2023-03', '2023-05', '2022-11']
    """
    if unit == "year":
        return PartialDate(published.year + offset)
    if unit == "month":
        index = published.year * 12 + published.month - 1 + offset
        return PartialDate(index // 12, index % 12 + 1)
    if unit == "day":
        return published + timedelta(days=offset)
    if unit not in ("named_month", "nearest_month") or month is None:
        raise ValueError(f"relative date: unit {unit!r} (one of {', '.join(RELATIVE_UNITS)}) "
                         f"{'needs a month' if unit in ('named_month', 'nearest_month') else 'is unknown'}")
    if unit == "nearest_month":  # a month named without a year: the one nearest the published date
        year = published.year + (1 if month - published.month < -6 else -1 if month - published.month > 6 else 0)
        return PartialDate(year + offset, month)
    year = published.year if month < published.month else published.year - 1
    return PartialDate(year + offset, month)


@lru_cache(maxsize=8)
def _screen(relative: tuple[RelativeDate, ...]) -> regex.Pattern:
    """One pattern matching wherever any of ``relative`` may: a sentence it misses is not read
    pattern by pattern."""
    unnamed = [_NAMED_GROUP.sub("(?:", r.pattern.pattern) for r in relative]  # one group name may recur
    return regex.compile("|".join(f"(?:{p})" for p in unnamed), regex.IGNORECASE)


def find_dates(text: str, patterns: Sequence[regex.Pattern], published: date | None,
               lang: str | None, relative: Sequence[RelativeDate] = ()) -> list[tuple[int, int, date | PartialDate]]:
    """Date phrases in ``text`` as (start, end, date), in text order; unresolvable ones dropped.

    A pattern with a group ``y`` (and optionally ``m``, a month name) names a year or a month
    without a day and gives a :class:`PartialDate`; earlier patterns win overlaps. The
    ``relative`` phrases come after them and need a published date ("last year" in an article
    of 2018 is 2017).

    >>> p = [regex.compile(r"(?:in|since) (?:(?P<m>August) )?(?P<y>(?:19|20)[0-9][0-9])")]
    >>> [d.isoformat() for _, _, d in find_dates("founded in 2008, CEO since August 2015", p, None, "en")]
    ['2008', '2015-08']
    """
    found: list[tuple[int, int, date | PartialDate]] = []
    taken: list[tuple[int, int]] = []
    for pattern in patterns:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            groups = m.groupdict()
            resolved: date | PartialDate | None
            if groups.get("y"):
                month = _month_number(groups["m"], lang) if groups.get("m") else None
                resolved = PartialDate(int(groups["y"]), month) if month or not groups.get("m") else None
            else:
                resolved = resolve_date(m.group(0), published, lang)
            if resolved is not None:
                found.append((m.start(), m.end(), resolved))
                taken.append((m.start(), m.end()))
    if published is None or not relative or not _screen(tuple(relative)).search(text):
        return sorted(found)  # most sentences name no time counted back
    for rel in relative:
        for m in rel.pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            named = rel.unit in ("named_month", "nearest_month")
            month = _month_number(m.group("m"), lang) if named else None
            if named and month is None:
                continue
            found.append((m.start(), m.end(), relative_date(rel.unit, rel.offset, published, month)))
            taken.append((m.start(), m.end()))
    return sorted(found)
