"""Load and validate the article-shape lexicons ``kgraph/lexicons/{lang}.article.yaml``.

Each file lists, for one language, the byline cues ("Penulis:", "By"), the related-headline
cues ("Baca Juga:", "Read also:"), page-furniture lines to drop, and the dateline patterns
("KONTAN.CO.ID - ", "MENLO PARK, Calif. (The Ledger Wire) — "). The cleaner applies the union
of all languages' cues, because it runs before the language of an article is known.

>>> cues = load_article_cues()
>>> "baca juga:" in cues.related
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from kgraph.errors import LexiconError

__all__ = ["ArticleCues", "load_article_cues", "parse_article_cues", "lexicon_dir"]

_KEYS = {"lang", "byline", "related", "drop_lines", "drop_prefixes", "datelines", "months",
         "date_lines"}
_BYLINE_KEYS = {"cues", "header_only", "name_separators", "role_words", "credits"}
_GROUPS = {"outlet", "place"}
_DATE_GROUPS = {"day", "month", "year"}


@dataclass(frozen=True)
class ArticleCues:
    """Cue words and patterns of the article shape, all lower-cased except the patterns.

    ``byline_cues`` is sorted longest first so "Written by" wins over "By".
    """

    byline_cues: tuple[str, ...] = ()
    credit_cues: tuple[str, ...] = ()  # "(Reporting by A; Editing by B)" closing a paragraph
    header_only: frozenset[str] = frozenset()
    name_separators: tuple[str, ...] = ()
    role_words: frozenset[str] = frozenset()
    related: tuple[str, ...] = ()
    drop_lines: frozenset[str] = frozenset()
    drop_prefixes: tuple[str, ...] = ()
    datelines: tuple[re.Pattern[str], ...] = ()
    months: dict[str, int] = field(default_factory=dict)
    date_lines: tuple[re.Pattern[str], ...] = ()

    def merge(self, other: ArticleCues) -> ArticleCues:
        """The union of two cue sets (patterns of ``self`` are tried first)."""
        return ArticleCues(
            byline_cues=_longest_first(self.byline_cues + other.byline_cues),
            credit_cues=_longest_first(self.credit_cues + other.credit_cues),
            header_only=self.header_only | other.header_only,
            name_separators=tuple(dict.fromkeys(self.name_separators + other.name_separators)),
            role_words=self.role_words | other.role_words,
            related=tuple(dict.fromkeys(self.related + other.related)),
            drop_lines=self.drop_lines | other.drop_lines,
            drop_prefixes=tuple(dict.fromkeys(self.drop_prefixes + other.drop_prefixes)),
            datelines=self.datelines + tuple(p for p in other.datelines
                                             if p not in self.datelines),
            months={**other.months, **self.months},
            date_lines=self.date_lines + tuple(p for p in other.date_lines
                                               if p not in self.date_lines),
        )


def lexicon_dir() -> Path:
    """The folder holding kgraph's lexicon data files."""
    return Path(str(resources.files("kgraph"))) / "lexicons"


def _longest_first(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(dict.fromkeys(items), key=lambda s: (-len(s), s)))


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(f"{where}: expected a list of non-empty strings")
    return tuple(value)


def _patterns(data: dict[str, Any], key: str, source: str, *, allowed: set[str],
              required: set[str]) -> tuple[re.Pattern[str], ...]:
    """Compile the regular expressions under ``key``, checking their named groups."""
    patterns = []
    for i, text in enumerate(_strings(data.get(key, []), f"{source}: {key}")):
        try:
            pattern = re.compile(text)
        except re.error as error:
            raise LexiconError(f"{source}: {key}[{i}]: invalid pattern: {error}") from None
        groups = set(pattern.groupindex)
        if groups - allowed:
            raise LexiconError(f"{source}: {key}[{i}]: unknown group {sorted(groups - allowed)[0]!r} "
                               f"(allowed: {', '.join(sorted(allowed))})")
        if required - groups:
            raise LexiconError(f"{source}: {key}[{i}]: missing group {sorted(required - groups)[0]!r}")
        patterns.append(pattern)
    return tuple(patterns)


def parse_article_cues(data: Any, source: str) -> ArticleCues:
    """Validate the parsed YAML of one ``*.article.yaml`` file.

    Parameters
    ----------
    data
        What ``yaml.safe_load`` returned.
    source
        The file name, used in error messages.

    Returns
    -------
    ArticleCues

    Raises
    ------
    LexiconError
        An unknown key, a value of the wrong type, or a pattern that does not compile.

    Examples
    --------
    >>> parse_article_cues({"related": ["Read also:"]}, "x.yaml").related
    ('read also:',)
    >>> parse_article_cues({"colour": 1}, "x.yaml")
    Traceback (most recent call last):
    kgraph.errors.LexiconError: x.yaml: unknown key 'colour' (allowed: byline, date_lines, datelines, drop_lines, drop_prefixes, lang, months, related)
    """
    if not isinstance(data, dict):
        raise LexiconError(f"{source}: expected a mapping at the top level")
    for key in data:
        if key not in _KEYS:
            raise LexiconError(f"{source}: unknown key {key!r} (allowed: {', '.join(sorted(_KEYS))})")
    byline = data.get("byline") or {}
    if not isinstance(byline, dict):
        raise LexiconError(f"{source}: byline: expected a mapping")
    for key in byline:
        if key not in _BYLINE_KEYS:
            raise LexiconError(f"{source}: byline: unknown key {key!r} "
                               f"(allowed: {', '.join(sorted(_BYLINE_KEYS))})")
    cues = _strings(byline.get("cues", []), f"{source}: byline.cues")
    header = _strings(byline.get("header_only", []), f"{source}: byline.header_only")
    unknown = {h.casefold() for h in header} - {c.casefold() for c in cues}
    if unknown:
        raise LexiconError(f"{source}: byline.header_only: {sorted(unknown)[0]!r} is not in byline.cues")
    separators = tuple(byline.get("name_separators", []))
    if not all(isinstance(s, str) and s for s in separators):
        raise LexiconError(f"{source}: byline.name_separators: expected a list of non-empty strings")
    patterns = _patterns(data, "datelines", source, allowed=_GROUPS, required=set())
    date_lines = _patterns(data, "date_lines", source, allowed=_DATE_GROUPS, required=_DATE_GROUPS)
    months = data.get("months") or {}
    if not isinstance(months, dict) or not all(
            isinstance(k, str) and isinstance(v, int) and 1 <= v <= 12 for k, v in months.items()):
        raise LexiconError(f"{source}: months: expected a mapping of month name to 1..12")
    return ArticleCues(
        byline_cues=_longest_first(tuple(c.casefold() for c in cues)),
        credit_cues=_longest_first(tuple(c.casefold() for c in
                                         _strings(byline.get("credits", []), f"{source}: byline.credits"))),
        header_only=frozenset(h.casefold() for h in header),
        name_separators=separators,
        role_words=frozenset(w.casefold() for w in
                             _strings(byline.get("role_words", []), f"{source}: byline.role_words")),
        related=tuple(dict.fromkeys(r.casefold() for r in
                                    _strings(data.get("related", []), f"{source}: related"))),
        drop_lines=frozenset(d.casefold() for d in
                             _strings(data.get("drop_lines", []), f"{source}: drop_lines")),
        drop_prefixes=tuple(dict.fromkeys(d.casefold() for d in _strings(
            data.get("drop_prefixes", []), f"{source}: drop_prefixes"))),
        datelines=patterns,
        months={k.casefold(): v for k, v in months.items()},
        date_lines=date_lines,
    )


def _load_file(path: Path) -> ArticleCues:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise LexiconError(f"{path}: cannot read: {error}") from None
    except yaml.YAMLError as error:
        raise LexiconError(f"{path}: invalid YAML: {str(error).splitlines()[0]}") from None
    return parse_article_cues(data, str(path))


@lru_cache(maxsize=8)
def load_article_cues(folder: Path | None = None) -> ArticleCues:
    """The union of every ``*.article.yaml`` in ``folder`` (default: kgraph's lexicons).

    Files are read in name order, so their dateline patterns are tried in that order; the
    result is cached per folder.
    """
    folder = folder or lexicon_dir()
    merged = ArticleCues()
    for path in sorted(folder.glob("*.article.yaml")):
        merged = merged.merge(_load_file(path))
    return merged
