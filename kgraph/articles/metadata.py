"""Article metadata: sidecar ``NAME.json`` files, ISO dates, ids, and assembling an Article.

Precedence, highest first: keyword overrides (command-line options), the sidecar, metadata of
the format (JSON line, HTML meta tags, feed item), what the cleaner found in the text.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kgraph.articles.clean import clean_text
from kgraph.articles.language import detect_language
from kgraph.errors import InputError
from kgraph.models import Article

__all__ = ["Meta", "parse_date", "slugify", "language_code", "read_sidecar", "meta_from_mapping",
           "build_article"]

_SIDECAR_KEYS = ("title", "url", "published", "publisher", "author", "authors", "lang")


@dataclass(frozen=True)
class Meta:
    """Metadata of an article from one source; None/empty means "not given here"."""

    title: str | None = None
    url: str | None = None
    published: date | None = None
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    lang: str | None = None

    def over(self, lower: Meta) -> Meta:
        """This metadata, with the gaps filled from ``lower`` (which it wins over).

        Examples
        --------
        >>> Meta(publisher="Kontan").over(Meta(publisher="KONTAN.CO.ID", lang="id"))
        Meta(title=None, url=None, published=None, publisher='Kontan', authors=(), lang='id')
        """
        return Meta(
            title=self.title or lower.title, url=self.url or lower.url,
            published=self.published or lower.published,
            publisher=self.publisher or lower.publisher,
            authors=self.authors or lower.authors, lang=self.lang or lower.lang,
        )


def parse_date(value: object) -> date | None:
    """An ISO date (or date-time) string or a date -> ``datetime.date``; None when unparsable.

    Examples
    --------
    >>> parse_date("2023-11-22"), parse_date("2023-11-22T08:30:00+07:00"), parse_date("soon")
    (datetime.date(2023, 11, 22), datetime.date(2023, 11, 22), None)
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    for parse in (date.fromisoformat, lambda s: datetime.fromisoformat(s).date()):
        try:
            return parse(text)
        except ValueError:
            continue
    return None


def slugify(text: str, *, max_length: int = 80) -> str:
    """A lower-case ASCII slug: letters, digits and hyphens.

    Examples
    --------
    >>> slugify("https://news.example/2023/11/OpenAI fires Sam Altman!")
    'news-example-2023-11-openai-fires-sam-altman'
    """
    text = re.sub(r"^[a-z]+://", "", text.strip(), flags=re.I)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-")


_AUTHOR_SEPARATORS = re.compile(r"\s*(?:[,;&]|\band\b|\bdan\b)\s*")


def split_authors(value: str) -> tuple[str, ...]:
    """The names in one author string: "A B, C D and E F" is three people, "Lee, Ann" one.

    A string is split at commas, semicolons, "&", "and" and "dan" only when every part is a
    name of two words or more, so a "Surname, Given" form stays whole.

    Examples
    --------
    >>> split_authors("Priya Raman, Tom Ashby and Ann Lee")
    ('Priya Raman', 'Tom Ashby', 'Ann Lee')
    >>> split_authors("Lee, Ann"), split_authors("Rudiantara")
    (('Lee, Ann',), ('Rudiantara',))
    """
    value = value.strip()
    parts = [part.strip(" .") for part in _AUTHOR_SEPARATORS.split(value) if part.strip(" .")]
    if len(parts) > 1 and all(len(part.split()) >= 2 for part in parts):
        return tuple(parts)
    return (value,) if value else ()


def _authors(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return split_authors(value)
    if isinstance(value, list):
        return tuple(name for v in value if isinstance(v, str) for name in split_authors(v))
    return ()


def language_code(value: Any) -> str | None:
    """An ISO 639 language code from a tag such as 'en-US'; None when it is not one.

    Examples
    --------
    >>> language_code("en-US"), language_code("ID"), language_code("Indonesian")
    ('en', 'id', None)
    """
    if not isinstance(value, str):
        return None
    code = re.split(r"[-_]", value.strip().lower())[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def meta_from_mapping(data: dict[str, Any], where: str) -> tuple[Meta, list[str]]:
    """Metadata from a JSON object (sidecar or JSON line); also the problems found.

    A problem (e.g. "published: not an ISO date 'soon'") does not stop the article being read;
    the caller reports it. ``where`` prefixes each problem (e.g. "line 3: ").

    Examples
    --------
    >>> meta, problems = meta_from_mapping({"author": "Ann Lee", "published": "soon"}, "line 3: ")
    >>> meta.authors, problems
    (('Ann Lee',), ["line 3: published: not an ISO date 'soon'"])
    """
    problems: list[str] = []
    published = parse_date(data.get("published"))
    if data.get("published") not in (None, "") and published is None:
        problems.append(f"{where}published: not an ISO date {data.get('published')!r}")

    lang = language_code(data.get("lang"))
    if data.get("lang") not in (None, "") and lang is None:
        problems.append(f"{where}lang: not a language code {data.get('lang')!r} (e.g. 'id', 'en')")

    def text(key: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            problems.append(f"{where}{key}: expected a string, got {type(value).__name__}")
            return None
        return value.strip() or None

    return Meta(
        title=text("title"), url=text("url"), published=published, publisher=text("publisher"),
        authors=_authors(data.get("authors")) or _authors(data.get("author")),
        lang=lang,
    ), problems


def read_sidecar(path: Path) -> tuple[Meta, list[InputError]]:
    """The metadata of ``path``'s sidecar ``NAME.json``, if there is one, and its errors."""
    sidecar = path.with_suffix(".json")
    if sidecar == path or not sidecar.is_file():
        return Meta(), []
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
        return Meta(), [InputError(sidecar, f"cannot read sidecar: {error}")]
    except json.JSONDecodeError as error:
        return Meta(), [InputError(sidecar, f"invalid JSON sidecar: {error}")]
    if not isinstance(data, dict):
        return Meta(), [InputError(sidecar, "sidecar must be a JSON object")]
    unknown = sorted(set(data) - set(_SIDECAR_KEYS))
    meta, problems = meta_from_mapping(data, "")
    errors = [InputError(sidecar, problem) for problem in problems]
    if unknown:
        errors.append(InputError(sidecar, f"unknown key {unknown[0]!r} "
                                          f"(allowed: {', '.join(_SIDECAR_KEYS)})"))
    return meta, errors


def build_article(article_id: str, raw_text: str, meta: Meta, source: str, *,
                  lang_hint: str | None = None, byline_authors: bool = True) -> Article:
    """Clean ``raw_text`` and make the Article; ``meta`` wins over what the text says.

    The people of the text's byline ("Reporter: A | Editor: B") are added after the authors
    ``meta`` gives, unless ``byline_authors`` is false (the user named the authors).

    The language is ``meta.lang`` (given by the user), else detected from the text, else
    ``lang_hint`` (what an HTML page or feed declares: often a site-wide template value).

    Raises
    ------
    InputError
        The text has no body once bylines and related headlines are removed.

    Examples
    --------
    >>> a = build_article("x", "Penulis: Rudi Hartono\\nKONTAN.CO.ID - Acme memecat Jo.",
    ...                   Meta(lang="id"), "x.txt")
    >>> a.authors, a.publisher, a.text
    (('Rudi Hartono',), 'KONTAN.CO.ID', 'Acme memecat Jo.')
    """
    cleaned = clean_text(raw_text, title=meta.title)
    if not cleaned.text:
        raise InputError(source, "no article text (only a title, byline or related headlines)")
    found = Meta(title=cleaned.title, publisher=cleaned.outlet, authors=cleaned.authors,
                 published=cleaned.published)
    merged = meta.over(found)
    # the byline the text prints names its people too ("Reporter: A | Editor: B"), whatever
    # author the sidecar gives: those it adds follow the sidecar's; the outlet a byline ends
    # with ("By A and B, The Packet Report") is the publisher, not an author
    outlet = (merged.publisher or "").casefold()
    printed = cleaned.authors if byline_authors else ()
    authors = tuple(a for a in dict.fromkeys(merged.authors + printed) if a.casefold() != outlet)
    lang = merged.lang or detect_language(f"{merged.title or ''}\n{cleaned.text}") or lang_hint
    return Article(
        id=article_id, text=cleaned.text, lang=lang, title=merged.title, url=merged.url,
        published=merged.published, publisher=merged.publisher, authors=authors,
        source=source,
    )
