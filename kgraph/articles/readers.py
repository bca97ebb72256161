"""Walk files and folders and read them as articles: the entry point of the articles stage.

>>> from pathlib import Path
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "acme.txt").write_text("Acme fires Jo\\nBy Ann Lee\\nAcme fired Jo Doe on Monday.")
>>> [(a.id, a.title, a.authors) for a in read_article(folder / "acme.txt")]
[('acme', 'Acme fires Jo', ('Ann Lee',))]
"""
from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path

from kgraph.articles.decode import decode_bytes
from kgraph.articles.formats import RawArticle, read_feed, read_html, read_jsonl, read_text, sniff_format
from kgraph.articles.metadata import Meta, build_article, read_sidecar
from kgraph.errors import InputError
from kgraph.models import Article

__all__ = ["MAX_BYTES", "iter_articles", "read_path", "read_article", "iter_files"]

_READERS: dict[str, Callable[[Path, str], Iterator[RawArticle | InputError]]] = {
    "text": read_text, "html": read_html, "jsonl": read_jsonl, "feed": read_feed,
}
MAX_BYTES = 100_000_000  # a file larger than this is not one article or one feed
_WITH_SIDECAR = {"text", "html"}  # formats holding one article, which a NAME.json describes


def _os_reason(error: OSError) -> str:
    reasons = {errno.ENOENT: "no such file or directory", errno.EACCES: "permission denied",
               errno.EPERM: "permission denied", errno.EISDIR: "is a directory"}
    return reasons.get(error.errno or 0, error.strerror or str(error)).lower()


_NOT_ARTICLES = frozenset({"gold.jsonl", "__init__.py"})  # gold annotations (SCHEMA.md); a package's marker


def _skipped(path: Path) -> bool:
    """Inside folders: hidden files, ``*.json`` sidecars, ``gold.jsonl`` annotations and Python
    package files (``__init__.py``, ``__pycache__/``) are not articles.

    >>> _skipped(Path("news/gold.jsonl")), _skipped(Path("kgraph/samples/__pycache__/x.pyc"))
    (True, True)
    >>> _skipped(Path("news/feed.jsonl"))
    False
    """
    return (path.name.startswith(".") or path.suffix.lower() == ".json" or path.name in _NOT_ARTICLES
            or "__pycache__" in path.parts)


def iter_files(paths: Sequence[Path] | Path) -> Iterator[Path | InputError]:
    """The article files under ``paths``: folders walked recursively in sorted order.

    Hidden files and folders and ``*.json`` sidecars are skipped inside folders; a path given
    directly is always read (a missing one is an InputError).
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]  # one path given on its own
    for path in map(Path, paths):
        if path.is_dir():
            try:
                walked = sorted(os.walk(path, onerror=_raise_walk_error))
            except OSError as error:
                yield InputError(error.filename or path, _os_reason(error))
                continue
            for folder, dirs, files in walked:
                rel_parts = Path(folder).relative_to(path).parts
                if any(part.startswith(".") for part in rel_parts):
                    continue
                for name in sorted(files):
                    file = Path(folder) / name
                    if not _skipped(file):
                        yield file
        elif path.exists() or path.is_symlink():
            yield path
        else:
            yield InputError(path, "no such file or directory")


def _raise_walk_error(error: OSError) -> None:
    raise error


def _read_bytes(path: Path) -> bytes:
    """The content of a regular file of at most MAX_BYTES; InputError otherwise."""
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise InputError(path, "not a regular file")
            if info.st_size > MAX_BYTES:
                raise InputError(path, f"too large ({info.st_size / 1e6:.0f} MB; "
                                       f"articles are read up to {MAX_BYTES / 1e6:.0f} MB)")
            return handle.read()
    except OSError as error:
        raise InputError(path, _os_reason(error)) from None


def read_path(path: Path, *, overrides: Meta | None = None) -> Iterator[Article | InputError]:
    """Every article in one file, and an InputError for each part that cannot be read.

    ``overrides`` (e.g. from command-line options) win over the sidecar, which wins over what
    the file itself says.
    """
    path = Path(path)
    try:
        data = _read_bytes(path)
        text = decode_bytes(data, path)
    except InputError as error:
        yield error
        return
    kind = sniff_format(path, text)
    if kind is None:
        yield InputError(path, f"unsupported file type {path.suffix!r} (expected .txt, .html, "
                               f".jsonl, .rss, .atom or .xml)")
        return
    sidecar = Meta()
    if kind in _WITH_SIDECAR:
        sidecar, errors = read_sidecar(path)
        yield from errors
    top = (overrides or Meta()).over(sidecar)
    for raw in _READERS[kind](path, text):
        if isinstance(raw, InputError):
            yield raw
            continue
        try:
            yield build_article(raw.id, raw.text, top.over(raw.meta), raw.source,
                                lang_hint=raw.lang_hint)
        except InputError as error:
            yield error


def read_article(path: Path) -> list[Article]:
    """The articles of one file (one for txt/html, one per line or item for jsonl/feeds).

    Raises
    ------
    InputError
        The first problem met: strict, unlike :func:`iter_articles`, which reports and goes on.
    """
    articles = []
    for item in read_path(Path(path)):
        if isinstance(item, InputError):
            raise item
        articles.append(item)
    return articles


def iter_articles(
    paths: Sequence[Path] | Path,
    *,
    lang: str | None = None,
    published: date | None = None,
    publisher: str | None = None,
    author: str | None = None,
) -> Iterator[Article | InputError]:
    """Read files and folders as articles; yield an InputError for what cannot be read.

    Parameters
    ----------
    paths
        Files and folders (walked recursively, sorted; hidden files and ``*.json`` sidecars are
        skipped). Formats: ``.txt`` (+ sidecar ``NAME.json``), ``.html``, ``.jsonl``,
        ``.rss``/``.atom``/``.xml`` feeds; other suffixes are sniffed.
    lang, published, publisher, author
        Overrides for every article: they win over sidecars, which win over the text.

    Yields
    ------
    Article or InputError
        Never raises for bad input: each unreadable file, line or item is one InputError whose
        message is ``<path>: <reason>``.
    """
    overrides = Meta(published=published, publisher=publisher,
                     authors=(author,) if author else (), lang=lang)
    for path in iter_files(paths):
        if isinstance(path, InputError):
            yield path
        else:
            yield from read_path(path, overrides=overrides)
