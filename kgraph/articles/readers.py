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
from dataclasses import replace
from datetime import date
from pathlib import Path

from kgraph.articles.decode import decode_text
from kgraph.articles.formats import RawArticle, read_feed, read_html, read_jsonl, read_text, sniff_format
from kgraph.articles.metadata import Meta, build_article, read_sidecar
from kgraph.errors import InputError
from kgraph.models import Article

__all__ = ["MAX_BYTES", "iter_articles", "read_path", "read_article", "iter_files", "is_store_folder", "MAX_ARTICLE_CHARS",
           "path_missing"]

_READERS: dict[str, Callable[[Path, str], Iterator[RawArticle | InputError]]] = {
    "text": read_text, "html": read_html, "jsonl": read_jsonl, "feed": read_feed,
}
MAX_BYTES = 100_000_000  # a file larger than this is not one article or one feed
MAX_ARTICLE_CHARS = 10_000_000
"""The longest article kgraph reads and extracts (extracted in parts; about 15 minutes)."""
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


# Folders that are databases, not articles: a kgraph store (its marker file), and the data
# folders of RocksDB (Oxigraph), Jena TDB2 and the lock of a store whose marker is gone.
_STORE_FILES = ("kgraph-store.json", "kgraph.lock", "tdb.lock")
_ROCKSDB_FILES = ("CURRENT", "IDENTITY")


def is_store_folder(names: Sequence[str]) -> bool:
    """Whether a folder holding the files ``names`` is a database kgraph recognises (a kgraph
    store, an Oxigraph/RocksDB data folder, a Jena TDB2 database), never read as articles.

    Examples
    --------
    >>> is_store_folder(["kgraph-store.json", "oxigraph"]), is_store_folder(["CURRENT", "IDENTITY", "LOG"])
    (True, True)
    >>> is_store_folder(["CURRENT.txt", "news.txt"])
    False
    """
    present = set(names)
    if present.intersection(_STORE_FILES):
        return True
    rocksdb = all(name in present for name in _ROCKSDB_FILES)
    return rocksdb or ("CURRENT" in present and any(n.startswith(("OPTIONS-", "MANIFEST-")) for n in present))


def path_missing(path: Path) -> bool:
    """True when ``path`` does not exist; False when it exists or cannot be looked at (a folder
    on the way is unreadable: that is reported when it is read, not as a missing path).

    >>> path_missing(Path("/no/such/path")), path_missing(Path("."))
    (True, False)
    """
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return not os.path.islink(path)  # a dangling link exists: read_path names it
    except OSError:
        return False
    return False


def _walk(folder: Path) -> Iterator[Path | InputError]:
    """The article files under ``folder`` in sorted order; an unreadable folder is one
    InputError and its siblings are still walked. Hidden entries, sidecars and store folders
    are skipped; entries that are neither files nor folders (FIFOs, sockets, devices) are named."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        yield InputError(folder, _os_reason(error))
        return
    if is_store_folder([entry.name for entry in entries]):
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
        except OSError as error:
            yield InputError(path, _os_reason(error))
            continue
        if is_dir:
            yield from _walk(path)
        elif _skipped(path):
            continue
        elif is_file or entry.is_symlink():
            yield path  # a dangling link is named by read_path
        else:
            yield InputError(path, _special_reason(path))


def _special_reason(path: Path) -> str:
    """Why a path that is not a regular file is not read: ``not a regular file (FIFO)``."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return _os_reason(error)
    kinds = ((stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
             (stat.S_ISBLK, "block device"), (stat.S_ISDIR, "folder"))
    kind = next((name for test, name in kinds if test(mode)), "")
    return f"not a regular file ({kind})" if kind else "not a regular file"


def iter_files(paths: Sequence[Path] | Path) -> Iterator[Path | InputError]:
    """The article files under ``paths``: folders walked recursively in sorted order.

    Hidden files and folders, ``*.json`` sidecars and store folders (:func:`is_store_folder`)
    are skipped inside folders; an unreadable folder or entry is one InputError and the rest
    is walked. A path given directly is always read (a missing one is an InputError).
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]  # one path given on its own
    for path in map(Path, paths):
        try:
            mode = os.stat(path).st_mode
        except OSError as error:
            if os.path.islink(path):
                yield path  # a dangling link: read_path names it
            else:
                yield InputError(path, _os_reason(error))
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(path)
        else:
            yield path


def _read_bytes(path: Path) -> bytes:
    """The content of a regular file of at most MAX_BYTES; InputError otherwise."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # before opening: a FIFO would block open()
            raise InputError(path, _special_reason(path))
        # O_NONBLOCK: a file swapped for a FIFO after the check still cannot block the open
        with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NONBLOCK)) as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise InputError(path, _special_reason(path))
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
        text, decode_warning = decode_text(data, path)
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
    warnings = (decode_warning,) if decode_warning else ()
    for raw in _READERS[kind](path, text):
        if isinstance(raw, InputError):
            yield raw
            continue
        if len(raw.text) > MAX_ARTICLE_CHARS:  # refused before cleaning, which would take minutes
            yield InputError(raw.source, f"article too long ({len(raw.text):,} characters; kgraph "
                                         f"reads articles of up to {MAX_ARTICLE_CHARS:,})")
            continue
        try:
            article = build_article(raw.id, raw.text, top.over(raw.meta), raw.source,
                                    lang_hint=raw.lang_hint,
                                    byline_authors=not (overrides and overrides.authors))
        except InputError as error:
            yield error
            continue
        yield replace(article, warnings=warnings) if warnings else article


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
