"""Ingest articles into a store or a SPARQL server: skip what is there, extract the rest in parallel.

An article already stored with the same IRI (from its URL, else its content hash) and the same
content hash is skipped before extraction; a changed one replaces its named graph. Extraction
runs in ``jobs`` worker processes, each building its spaCy pipelines once (in the pool's
initializer) and ending as soon as the main process is gone, however it ended (SIGKILL too); the main
process alone writes, one transaction per article. Ctrl-C stops the
batch and keeps every article already written; so does a failing target, whose unsent articles
are listed in the report.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from rdflib import Dataset

from kgraph.errors import EndpointError, ExtractionError, KgraphError, StoreError
from kgraph.models import Article, Extraction
from kgraph.rdf.article_graph import add_extraction
from kgraph.rdf.uris import article_iri
from kgraph.store.local import ArticleRecord

__all__ = ["Target", "IngestReport", "ExtractorFactory", "GraphWriter", "article_ntriples", "find_articles",
           "stored_articles", "ingest"]

ExtractorFactory = Callable[[], Callable[[Article], Extraction]]
Progress = Callable[[int, int], None]
_Done = tuple[str, str, str, str | None, tuple[str, ...]]  # id, iri, N-Triples, failure, warnings


class Target(Protocol):
    """Where articles go: :class:`~kgraph.store.LocalStore` or :class:`~kgraph.store.endpoint.Endpoint`."""

    def records(self) -> list[ArticleRecord]: ...

    def put(self, iri: str, ntriples: str) -> None: ...

    def remove_graph(self, iri: str) -> object: ...


@dataclass
class IngestReport:
    """What an ingest did, article by article (ids are ``Article.id``)."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # one message per article that failed
    warnings: list[str] = field(default_factory=list)  # from the extractor (e.g. a language without rules)
    unsent: list[str] = field(default_factory=list)  # not written when the run stopped
    stopped: KgraphError | None = None  # why the target stopped taking articles
    interrupted: bool = False  # Ctrl-C

    @property
    def written(self) -> int:
        """Articles added or replaced."""
        return len(self.added) + len(self.replaced)


class GraphWriter:
    """Turns extractions into N-Triples, reusing one scratch dataset (building one per article
    costs more than the article: rdflib binds every prefix anew)."""

    def __init__(self) -> None:
        self._dataset = Dataset(default_union=True)

    def ntriples(self, extraction: Extraction) -> tuple[str, str]:
        """The article's IRI and its named graph as N-Triples (the shape of ``kgraph.rdf.article_graph``)."""
        iri = add_extraction(self._dataset, extraction)
        try:
            return str(iri), self._dataset.graph(iri).serialize(format="nt")
        finally:
            self._dataset.remove_graph(iri)


def article_ntriples(extraction: Extraction) -> tuple[str, str]:
    """An article's IRI and its named graph as N-Triples (the shape of ``kgraph.rdf.article_graph``).

    Examples
    --------
    >>> iri, text = article_ntriples(Extraction(Article(id="a", text="Hi.", url="https://x.org/a")))
    >>> iri, text.count(" .\\n") > 1
    ('https://kgraph.dev/id/article/x-org-a', True)
    """
    return GraphWriter().ntriples(extraction)


def find_articles(records: Sequence[ArticleRecord], key: str) -> list[str]:
    """The graph IRIs of the stored articles that ``key`` names: IRI, its last segment or URL.

    Examples
    --------
    >>> recs = [ArticleRecord("https://kgraph.dev/id/article/x-org-a", "h", "https://x.org/a")]
    >>> find_articles(recs, "x-org-a") == find_articles(recs, "https://x.org/a") == [recs[0].iri]
    True
    """
    key = key.strip()
    by_url = str(article_iri(Article(id=key, text="", url=key))) if "://" in key else None
    return [r.iri for r in records
            if key in (r.iri, r.url, r.iri.rsplit("/", 1)[-1]) or r.iri == by_url]


def stored_articles(records: Sequence[ArticleRecord], articles: Sequence[Article]) -> list[str]:
    """The graph IRIs of the stored articles that are ``articles`` (same URL, else same content).

    This is how ``kgraph remove news/a.txt`` finds what ingesting ``news/a.txt`` wrote.

    Examples
    --------
    >>> a = Article(id="a", text="Acme fired Jo.")
    >>> recs = [ArticleRecord(str(article_iri(a)), a.content_hash)]
    >>> stored_articles(recs, [a]) == [recs[0].iri], stored_articles(recs, [Article(id="a", text="x")])
    (True, [])
    """
    wanted = {str(article_iri(article)) for article in articles}
    return [r.iri for r in records if r.iri in wanted]


# The extractor of a worker process, built once by the pool's initializer: per-process state
# is how ProcessPoolExecutor lets workers keep a spaCy pipeline between tasks.
_WORKER: dict[str, Any] = {}


_PARENT_POLL = 0.5  # seconds between a worker's checks that its parent is alive


def _watch_parent(parent: int) -> None:
    """End this worker process as soon as ``parent`` is gone (killed with SIGKILL, crashed).

    A pool worker blocked in a pipeline build or an article otherwise outlives a parent that
    had no chance to shut the pool down, holding its memory under PID 1; a daemon thread polls
    the parent (a worker of a dead parent is re-parented, so ``getppid`` changes).
    """
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_POLL)
        os._exit(1)

    threading.Thread(target=watch, name="kgraph-parent-watch", daemon=True).start()


def _init_worker(make_extractor: ExtractorFactory, parent: int) -> None:
    _watch_parent(parent)  # first: building the extractor takes seconds
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C
    _WORKER["extract"] = make_extractor()
    _WORKER["graphs"] = GraphWriter()


def _process(extract: Callable[[Article], Extraction], graphs: GraphWriter, article: Article) -> _Done:
    """Extract one article and build its graph; a failure becomes a message, not an exception."""
    try:
        extraction = extract(article)
        iri, text = graphs.ntriples(extraction)
    except KgraphError as error:
        return article.id, "", "", f"{article.source or article.id}: {error}", ()
    except Exception as error:  # noqa: BLE001 - one bad article must not stop the batch
        reason = f"extraction failed ({type(error).__name__}: {error})"
        return article.id, "", "", f"{article.source or article.id}: {reason}", ()
    return article.id, iri, text, None, extraction.warnings


@contextmanager
def _interrupt_after() -> Iterator[None]:
    """Hold Ctrl-C until the block is done (main thread only; elsewhere signals cannot be set)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        raise KeyboardInterrupt


def _work(article: Article) -> _Done:
    return _process(_WORKER["extract"], _WORKER["graphs"], article)


def _results(todo: Sequence[Article], make_extractor: ExtractorFactory, jobs: int) -> Iterator[_Done]:
    """Extraction results as they complete, over at most ``jobs`` processes."""
    if not todo:
        return
    if jobs <= 1:
        extract, graphs = make_extractor(), GraphWriter()
        for article in todo:
            yield _process(extract, graphs, article)
        return
    # "spawn": workers start clean instead of forking a process that holds an open database.
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker, initargs=(make_extractor, os.getpid()))
    pending: set[Future[_Done]] = set()
    queue = iter(todo)
    try:
        while True:
            for article in queue:  # keep a small window in flight so Ctrl-C stops quickly
                pending.add(pool.submit(_work, article))
                if len(pending) >= 4 * jobs:
                    break
            if not pending:
                return
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def ingest(articles: Sequence[Article], target: Target, make_extractor: ExtractorFactory, *,
           jobs: int = 1, progress: Progress | None = None) -> IngestReport:
    """Extract ``articles`` and write each one's named graph to ``target``.

    Parameters
    ----------
    articles : sequence of Article
        What to ingest; articles already stored unchanged are skipped without extraction.
    target : Target
        A :class:`~kgraph.store.LocalStore` or an :class:`~kgraph.store.endpoint.Endpoint`.
    make_extractor : callable
        Builds the function Article -> Extraction; called once per worker process, so it
        must be picklable (a module-level function or class) when ``jobs > 1``.
    jobs : int
        Worker processes for extraction (1: extract in this process).
    progress : callable, optional
        Called with (articles done, total) after every article.

    Returns
    -------
    IngestReport
        Never raises for one bad article, a failing target or Ctrl-C: see ``failed``,
        ``stopped``/``unsent`` and ``interrupted``.
    """
    report = IngestReport()
    known = {r.iri: r.content_hash for r in target.records()}
    todo: list[Article] = []
    new: set[str] = set()
    for article in articles:
        iri = str(article_iri(article))
        if known.get(iri) == article.content_hash or iri in new:
            report.unchanged.append(article.id)
        else:
            todo.append(article)
            new.add(iri)
    jobs = max(1, min(jobs, len(todo)))  # a worker costs a pipeline build: no more than articles
    total = len(articles)
    done_count = len(report.unchanged)
    if progress:
        progress(done_count, total)
    remaining = {a.id: a for a in todo}
    results = _results(todo, make_extractor, jobs)
    try:
        for article_id, iri, text, failure, warnings in results:
            report.warnings.extend(warnings)
            with _interrupt_after():  # written and counted, or neither
                if failure is not None:
                    report.failed.append(failure)
                else:
                    target.put(iri, text)
                    (report.replaced if iri in known else report.added).append(article_id)
                remaining.pop(article_id, None)
            done_count += 1
            if progress:
                progress(done_count, total)
    except (EndpointError, StoreError) as error:
        report.stopped = error
        report.unsent = list(remaining)
    except BrokenProcessPool as error:  # a worker died (killed, out of memory) or could not start
        report.stopped = ExtractionError(f"extraction worker process failed: {error}")
        report.unsent = list(remaining)
    except KeyboardInterrupt:
        report.interrupted = True
        report.unsent = list(remaining)
    finally:
        results.close()  # stops the worker processes (waiting for the articles they hold)
    return report
