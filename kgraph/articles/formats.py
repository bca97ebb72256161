"""One reader per file format: each turns decoded text into raw articles or errors.

A raw article is ``(id, raw text, Meta, source)``; :mod:`kgraph.articles.readers` cleans it and
applies sidecars and overrides. Readers never raise for a bad entry: they yield an
:class:`~kgraph.errors.InputError` for it and go on with the next one.
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from kgraph.articles.metadata import Meta, language_code, meta_from_mapping, parse_date, slugify
from kgraph.errors import InputError

__all__ = ["RawArticle", "FORMATS", "sniff_format", "read_text", "read_html", "read_jsonl",
           "read_feed", "html_to_text"]


@dataclass(frozen=True)
class RawArticle:
    """An article before cleaning."""

    id: str
    text: str
    meta: Meta
    source: str
    lang_hint: str | None = None  # a declared language that detection from the text overrules


#: File suffix -> format name.
FORMATS: dict[str, str] = {
    ".txt": "text", ".text": "text", "": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
_BOILERPLATE_XPATH = ("//nav", "//footer", "//aside")  # page furniture, never article text
# htmldate: the original publication date from the page's metadata, never a guess from its text.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}
_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
               "tr", "section", "article", "header", "footer", "pre"}


def sniff_format(path: Path, text: str) -> str | None:
    """The format of ``path``: by suffix, else by its first characters; None if unsupported.

    A ``.xml`` file or one without a known suffix is recognised by its first characters (feed,
    HTML page, JSON lines); a file without suffix is otherwise read as text.

    Examples
    --------
    >>> sniff_format(Path("a.dat"), '<?xml version="1.0"?><rss version="2.0">')
    'feed'
    >>> sniff_format(Path("a.dat"), '{"text": "x"}')
    'jsonl'
    """
    by_suffix = FORMATS.get(path.suffix.lower())
    if by_suffix and path.suffix.lower() not in ("", ".xml"):
        return by_suffix
    head = text.lstrip()[:2000].lower()
    if re.search(r"<(rss|feed|rdf:rdf)[\s>]", head):
        return "feed"
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    if head.startswith("{") and by_suffix is None:
        return "jsonl"
    return by_suffix


def read_text(path: Path, text: str) -> Iterator[RawArticle | InputError]:
    """A plain-text file: one article whose id is the file name without its extension."""
    yield RawArticle(path.stem, text, Meta(), str(path))


def _unique(ids: set[str], wanted: str) -> str:
    candidate, n = wanted, 2
    while candidate in ids:
        candidate, n = f"{wanted}-{n}", n + 1
    ids.add(candidate)
    return candidate


def read_jsonl(path: Path, text: str) -> Iterator[RawArticle | InputError]:
    """JSON lines: one object per line with ``text`` and any of the sidecar keys (and ``id``).

    A malformed line is an error naming its line number; the other lines are read.
    """
    ids: set[str] = set()
    # split on "\n" only: JSON strings may hold U+2028 and other characters splitlines() breaks on
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(path, f"line {number}: invalid JSON: {error.msg} (column {error.colno})")
            continue
        if not isinstance(data, dict):
            yield InputError(path, f"line {number}: expected a JSON object, got {type(data).__name__}")
            continue
        body = data.get("text")
        if not isinstance(body, str) or not body.strip():
            yield InputError(path, f"line {number}: no 'text' (a non-empty string is required)")
            continue
        meta, problems = meta_from_mapping(data, f"line {number}: ")
        for problem in problems:
            yield InputError(path, problem)
        given = data.get("id")
        wanted = (str(given) if isinstance(given, (str, int)) and str(given).strip() else
                  slugify(meta.url or meta.title or "") or f"{path.stem}-{number}")
        yield RawArticle(_unique(ids, wanted), body, meta, f"{path}:{number}")


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed item's summary), one block per line.

    Examples
    --------
    >>> html_to_text("<p>Acme <b>fired</b> Jo.</p><p>Jo left.</p>")
    'Acme fired Jo.\\nJo left.'
    """
    import lxml.html

    if "<" not in fragment:
        return html.unescape(fragment).strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return re.sub(r"<[^>]*>", " ", fragment).strip()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())


def read_html(path: Path, text: str) -> Iterator[RawArticle | InputError]:
    """An HTML page saved from a news site: the main text and metadata, via trafilatura."""
    import trafilatura

    try:
        document = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                               include_tables=False, include_images=False,
                                               prune_xpath=list(_BOILERPLATE_XPATH),
                                               date_extraction_params=_DATE_PARAMS)
    except Exception as error:  # noqa: BLE001 - any parser failure is this file's problem only
        yield InputError(path, f"cannot parse HTML: {type(error).__name__}: {error}".splitlines()[0])
        return
    found: dict[str, Any] = document.as_dict() if document is not None else {}
    body = found.get("text") or ""
    if not body.strip():
        yield InputError(path, "no article text found in the HTML page")
        return
    meta = Meta(title=found.get("title") or None, url=found.get("url") or None,
                published=parse_date(found.get("date")),
                publisher=found.get("sitename") or None,
                authors=tuple(a.strip() for a in (found.get("author") or "").split(";")
                              if a.strip()))
    yield RawArticle(path.stem, body, meta, str(path), language_code(found.get("language")))


def _entry_date(entry: Any) -> date | None:
    """The item's date in its own time zone (feedparser's ``*_parsed`` are in UTC)."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not isinstance(raw, str) or not raw.strip():
            continue
        found = parse_date(raw)
        if found is None:
            try:
                found = parsedate_to_datetime(raw).date()
            except (TypeError, ValueError, IndexError):
                found = None
        if found is not None:
            return found
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def read_feed(path: Path, text: str) -> Iterator[RawArticle | InputError]:
    """An RSS or Atom feed: each item is an article (its content, else its summary)."""
    import feedparser

    try:
        feed = feedparser.parse(text.encode("utf-8"))
    except Exception as error:  # noqa: BLE001 - any parser failure is this file's problem only
        yield InputError(path, f"cannot parse feed: {type(error).__name__}: {error}".splitlines()[0])
        return
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        yield InputError(path, f"not an RSS/Atom feed with items"
                               f"{f': {reason}' if reason else ''}".splitlines()[0])
        return
    channel = feed.feed
    publisher = channel.get("title") or None
    lang = language_code(channel.get("language"))
    ids: set[str] = set()
    for number, entry in enumerate(feed.entries, start=1):
        contents = entry.get("content") or []
        markup = contents[0].get("value", "") if contents else entry.get("summary", "")
        body = html_to_text(markup or "")
        if not body:
            yield InputError(path, f"item {number}: no text")
            continue
        authors = tuple(a.get("name", "").strip() for a in entry.get("authors", [])
                        if a.get("name", "").strip())
        meta = Meta(title=entry.get("title") or None, url=entry.get("link") or None,
                    published=_entry_date(entry), publisher=publisher,
                    authors=authors or tuple(filter(None, [entry.get("author")])))
        wanted = slugify(meta.url or meta.title or "") or f"{path.stem}-{number}"
        yield RawArticle(_unique(ids, wanted), body, meta, f"{path}#{number}", lang)
