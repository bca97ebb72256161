"""``kgraph bench``: synthetic news in Indonesian and English, timed through extraction, ingest and queries.

Articles come from the templates in ``bench.yaml`` (invented names, every relation and event type,
the three modalities, filler sentences). For each size N a fresh process generates N articles, measures
extraction words/s on a sample beside a bare spaCy tokenizer pass over the same text, ingests
all N into a temporary store (``--jobs`` processes), times every ``queries/*.rq`` on it and
reports its peak RSS and that of its largest worker.
"""
from __future__ import annotations

import io
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any, Callable

import yaml
from rich.table import Table

from kgraph.errors import KgraphError, LexiconError
from kgraph.models import Article
from kgraph.extractor import extract_function
from kgraph.store.ingest import ExtractorFactory, ingest

__all__ = ["extraction_speed", "BenchResult", "load_templates", "synthetic_articles", "spacy_tokenizers", "time_queries", "measure", "run_sizes", "progress_logger", "results_table"]

_REQUIRED = ("names", "organizations", "products", "roles", "days", "amounts", "headlines", "templates", "noise")
_LANGS = ("id", "en")
_QUERY_GOAL = 0.1  # seconds: the latency goal for every query at 10,000 articles


@dataclass
class BenchResult:
    """What one size N measured (times in seconds, memory in MB)."""

    n: int
    words: int
    jobs: int
    sample_words: int = 0
    extract_seconds: float = 0.0  # the sample, one process
    tokenize_seconds: float = 0.0  # the same sample, spaCy tokenizer only
    ingest_seconds: float = 0.0  # all N, extraction in ``jobs`` processes + store writes
    triples: int = 0
    queries: dict[str, float] = field(default_factory=dict)  # name -> median seconds, unbound
    rows: dict[str, int] = field(default_factory=dict)  # name -> rows of the unbound answer
    bound: dict[str, float] = field(default_factory=dict)  # name -> median seconds, one param bound
    bound_rows: dict[str, int] = field(default_factory=dict)  # name -> rows of the bound answer
    rss_mb: float = 0.0
    worker_rss_mb: float = 0.0
    reused: bool = False  # queries timed on a store kept by an earlier run (no ingest measured)


def load_templates(path: Path | None = None) -> dict[str, Any]:
    """The synthetic-news templates (``kgraph/bench.yaml`` unless ``path`` is given).

    Examples
    --------
    >>> sorted(load_templates()["templates"])
    ['en', 'id']
    """
    source = path or resources.files("kgraph") / "bench.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    missing = [key for key in _REQUIRED if not isinstance(data, dict) or key not in data]
    if missing:
        raise LexiconError(f"{source}: missing section(s) {', '.join(missing)}")
    for lang in _LANGS:
        for relation, forms in data["templates"].get(lang, {}).items():
            if not isinstance(forms, dict) or not set(forms) <= {"asserted", "negated", "uncertain"}:
                raise LexiconError(f"{source}: templates.{lang}.{relation} must map modalities to sentences")
    return data


def synthetic_articles(n: int, *, seed: int = 7, templates: dict[str, Any] | None = None) -> list[Article]:
    """``n`` articles alternating Indonesian and English, each 3-6 claims among 2-4 filler sentences.

    Examples
    --------
    >>> arts = synthetic_articles(4)
    >>> [a.lang for a in arts], len({a.url for a in arts})
    (['id', 'en', 'id', 'en'], 4)
    """
    data = templates or load_templates()
    rng = random.Random(seed)
    orgs = [f"{a} {b}" for a in data["organizations"]["first"] for b in data["organizations"]["second"]]
    out = []
    for i in range(n):
        lang = _LANGS[i % 2]
        names = data["names"][lang]
        fill = {"org": rng.choice(orgs), "org2": rng.choice(orgs), "product": rng.choice(data["products"]),
                "person": f"{rng.choice(names['first'])} {rng.choice(names['last'])}"}
        sentences = []
        for _ in range(rng.randint(3, 6)):
            forms = data["templates"][lang][rng.choice(sorted(data["templates"][lang]))]
            modality = rng.choices(sorted(forms), weights=[3 if m == "asserted" else 1 for m in sorted(forms)])[0]
            fill.update(org=rng.choice(orgs), person=f"{rng.choice(names['first'])} {rng.choice(names['last'])}",
                        role=rng.choice(data["roles"][lang]), day=rng.choice(data["days"][lang]),
                        amount=rng.choice(data["amounts"][lang]))
            sentences.append(rng.choice(forms[modality]).format(**fill))
        sentences += rng.sample(data["noise"][lang], rng.randint(2, 4))
        rng.shuffle(sentences)
        cut = len(sentences) // 2
        text = " ".join(sentences[:cut]) + "\n" + " ".join(sentences[cut:])
        out.append(Article(id=f"bench-{i:06d}", text=text, lang=lang,
                           title=rng.choice(data["headlines"][lang]).format(**fill),
                           url=f"https://bench.kgraph.dev/{lang}/{i}",
                           published=date(2024, 1, 1) + timedelta(days=i % 365)))
    return out


def _words(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def _median_seconds(run: Callable[[], Any], runs: int = 3, budget: float = 5.0,
                    warm_up: Callable[[], Any] | None = None) -> tuple[float, Any]:
    """Median of up to ``runs`` timed calls of ``run`` after a warm-up call of ``warm_up`` (default
    ``run``; a slow query stops after ``budget`` s), and what the warm-up returned; a warm-up
    longer than ``budget`` is the one time taken (a listing of a million rows at 100,000 articles
    takes minutes, its caches matter little)."""
    start = time.perf_counter()
    answer = (warm_up or run)()  # warm-up: parse and caches
    took = time.perf_counter() - start
    if took > budget:
        return took, answer
    times: list[float] = []
    while len(times) < runs and sum(times) < budget:
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), answer


def time_queries(dataset: Any, folder: Path, result: BenchResult) -> None:
    """Time every ``folder/*.rq`` as ``kgraph query --format csv`` writes its answer, unbound and
    with one parameter bound.

    An untimed first read converts the rows (as a table does) to count them; where it takes
    over 5 s, it is the one time taken. The bound value is the parameter's value in the first
    row of the query's own unbound answer, so it is a value that exists; a query without
    ``# params:`` or without rows has no bound time.
    """
    from kgraph.query import load_query

    for path in sorted(folder.glob("*.rq")):
        query = load_query(path)
        seconds, (first, count) = _median_seconds(lambda: _write_csv(dataset, query),
                                                  warm_up=lambda: _read_answer(dataset, query))
        result.queries[path.stem], result.rows[path.stem] = seconds, count
        param = next((p for p in query.info.params if first.get(p) is not None), None)
        if param is not None:
            bound = {param: first[param]}
            result.bound[path.stem], (_, result.bound_rows[path.stem]) = _median_seconds(
                lambda: _write_csv(dataset, query, bound), warm_up=lambda: _read_answer(dataset, query, bound))


def _read_answer(dataset: Any, query: Any, bindings: dict[str, Any] | None = None) -> tuple[dict[str, Any], int]:
    """Read a query's whole answer row by row, converting each (no list of rows kept): its
    first row by variable name, and the row count."""
    from kgraph.query import query_rows

    rows = query_rows(dataset, query, bindings)
    first = next(iter(rows), None)
    count = 0 if first is None else 1 + sum(1 for _ in rows)
    return dict(zip(rows.names, first or [])), count


class _Discard(io.TextIOBase):
    """A text stream whose byte stream drops what it is given (``kgraph query -f csv > /dev/null``)."""

    class _Sink:
        def write(self, data: bytes) -> int:
            return len(data)

        def flush(self) -> None:
            pass

    def __init__(self) -> None:
        self.buffer = self._Sink()

    def write(self, text: str) -> int:
        return len(text)


def _write_csv(dataset: Any, query: Any, bindings: dict[str, Any] | None = None) -> None:
    """Write a query's whole answer as ``kgraph query --format csv`` does, to nowhere."""
    from kgraph.query import write_answer

    write_answer(dataset, query, "csv", _Discard(), bindings)


def spacy_tokenizers() -> dict[str, Callable[[str], object]]:
    """The bare tokenizer of ``spacy.blank(lang)`` for each benchmark language."""
    import spacy

    return {lang: spacy.blank(lang).tokenizer for lang in _LANGS}


def measure(n: int, *, jobs: int, queries: Path = Path("queries"), sample: int = 200,
            make_extractor: ExtractorFactory = extract_function,
            tokenizers: dict[str, Callable[[str], object]] | None = None,
            keep: Path | None = None, endpoint: str | None = None,
            progress: Callable[[int, int], None] | None = None) -> BenchResult:
    """Generate ``n`` articles and time extraction, ingest and queries in this process.

    ``tokenizers`` (language -> callable, default :func:`spacy_tokenizers`) is the baseline
    that extraction is compared with. With ``keep``, the store is kept in that folder; a
    store already there holding the ``n`` articles is reused (queries timed on it, no ingest).
    With ``endpoint`` (a SPARQL server's URL), the articles go to that server and the queries
    are timed there, the same way (a server holding the ``n`` articles is reused).
    ``progress`` is called with (articles done, total) during the ingest.

    Raises
    ------
    KgraphError
        The ingest failed, or ``keep`` holds a store of another size.
    """
    articles = synthetic_articles(n)
    result = BenchResult(n=n, words=_words(articles), jobs=jobs)
    part = articles[:sample]
    result.sample_words = _words(part)
    extract = make_extractor()
    for lang in _LANGS:  # build each language's pipeline before timing (built lazily)
        extract(next(a for a in articles if a.lang == lang))
    start = time.perf_counter()
    for article in part:
        extract(article)
    result.extract_seconds = time.perf_counter() - start
    tokenizers = tokenizers or spacy_tokenizers()
    for lang, tokenize in tokenizers.items():
        tokenize("warm up " + lang)
    start = time.perf_counter()
    for article in part:
        tokenizers[article.lang or "en"](article.text)
    result.tokenize_seconds = time.perf_counter() - start
    options = dict(jobs=jobs, queries=queries, make_extractor=make_extractor, progress=progress)
    if endpoint is not None:
        _ingest_and_time(articles, endpoint, result, **options)
    elif keep is not None:
        _ingest_and_time(articles, keep, result, **options)
    else:
        with tempfile.TemporaryDirectory(prefix="kgraph-bench-") as tmp:
            _ingest_and_time(articles, Path(tmp) / "store", result, **options)
    result.rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result.worker_rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return result


def _ingest_and_time(articles: list[Article], where: Path | str, result: BenchResult, *, jobs: int, queries: Path,
                     make_extractor: ExtractorFactory, progress: Callable[[int, int], None] | None) -> None:
    """Ingest ``articles`` into the store folder or server ``where`` (unless it holds them already),
    then time the queries there."""
    from kgraph.store import LocalStore, open_dataset

    with (LocalStore(where) if isinstance(where, Path) else nullcontext(_endpoint(where))) as target:
        stored = len(target.records())
        if stored and stored != len(articles):
            raise KgraphError(f"bench: {where} holds {stored:,} articles, not {len(articles):,}: "
                              "give an empty store or server, or the one of this size")
        result.reused = stored == len(articles)
        if not result.reused:
            start = time.perf_counter()
            report = ingest(articles, target, make_extractor, jobs=jobs, progress=progress)
            result.ingest_seconds = time.perf_counter() - start
            if report.failed or report.stopped:
                raise KgraphError(f"bench: ingest failed ({(report.failed or [report.stopped])[0]})")
        result.triples = target.count() if isinstance(target, LocalStore) else 0
    dataset = open_dataset(store=where) if isinstance(where, Path) else open_dataset(endpoint=where, timeout=0)
    try:
        time_queries(dataset, queries, result)
    finally:
        dataset.close()


def _endpoint(url: str) -> Any:
    from kgraph.store.endpoint import Endpoint

    server = Endpoint(url, timeout=0)  # no limit: a listing of 100,000 rows takes minutes
    server.ping()
    return server


def extraction_speed(articles: list[Article], *, rounds: int = 2,
                     make_extractor: ExtractorFactory = extract_function) -> dict[str, float]:
    """Extraction words/s on real articles beside a bare spaCy tokenizer pass over the same text.

    Each pipeline is built before timing; the tokenizers are fresh ``spacy.blank(lang)`` ones
    each round (their cache cold, as for new articles); the best of ``rounds`` counts. Synthetic
    articles repeat their words, which flatters a tokenizer's cache: measure on news you have.
    """
    import spacy

    extract = make_extractor()
    langs = sorted({a.lang or "en" for a in articles})
    for lang in langs:
        extract(next(a for a in articles if (a.lang or "en") == lang))
    extract_best = tokenize_best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for article in articles:
            extract(article)
        extract_best = min(extract_best, time.perf_counter() - start)
        tokenizers = {lang: spacy.blank(lang).tokenizer for lang in langs}
        start = time.perf_counter()
        for article in articles:
            tokenizers[article.lang or "en"](article.text)
        tokenize_best = min(tokenize_best, time.perf_counter() - start)
    words = _words(articles)
    return {"articles": len(articles), "words": words, "extract_words_per_s": words / extract_best,
            "tokenizer_words_per_s": words / tokenize_best, "ratio": extract_best / tokenize_best}


def run_sizes(sizes: list[int], *, jobs: int, queries: Path = Path("queries"), keep: Path | None = None,
              endpoint: str | None = None, log: Path | None = None) -> list[BenchResult]:
    """:func:`measure` each size in a fresh Python process, so peak memory is per size.

    With ``keep``, each size's store is kept in (or reused from) ``keep/N``; with ``endpoint``,
    each size goes to (or is reused from) that SPARQL server; with ``log``, the
    runs' progress lines (articles ingested, articles/s) are appended to that file.
    """
    results = []
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="kgraph-bench-") as tmp:
            out = Path(tmp) / "result.json"
            command = [sys.executable, "-m", "kgraph.bench", str(n), "--jobs", str(jobs),
                       "--queries", str(queries), "--out", str(out)]
            if keep is not None:
                command += ["--keep", str(keep / str(n))]
            if endpoint is not None:
                command += ["--endpoint", endpoint]
            errors = Path(tmp) / "stderr.txt" if log is None else log
            with errors.open("a", encoding="utf-8") as stream:
                done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=stream, text=True)
            if done.returncode != 0 or not out.is_file():
                lines = errors.read_text(encoding="utf-8", errors="replace").strip().splitlines()
                raise KgraphError(f"bench: the run with N={n} failed: {(lines or ['no output'])[-1]}")
            results.append(BenchResult(**json.loads(out.read_text(encoding="utf-8"))))
    return results


def progress_logger(n: int, *, every: int = 1000,
                    write: Callable[[str], object] = sys.stderr.write) -> Callable[[int, int], None]:
    """A progress callback writing one line per ``every`` articles: count, elapsed s, articles/s.

    >>> lines = []
    >>> log = progress_logger(3, every=2, write=lines.append)
    >>> for done in range(4): log(done, 3)
    >>> [line.split(" articles in")[0] for line in lines]
    ['bench N=3: 0/3', 'bench N=3: 2/3', 'bench N=3: 3/3']
    """
    start: list[float] = []  # the first call's time: the ingest starts
    last = [-1]

    def log(done: int, total: int) -> None:
        if not start:
            start.append(time.perf_counter())
        if done // every != last[0] // every or done == total:
            last[0] = done
            elapsed = time.perf_counter() - start[0]
            write(f"bench N={n}: {done:,}/{total:,} articles in {elapsed:,.0f} s "
                  f"({done / elapsed if elapsed else 0:,.1f} articles/s)\n")

    return log


def _rate(count: float, seconds: float) -> str:
    return f"{count / seconds:,.0f}" if seconds > 0 else "-"


def _ms(seconds: float | None, rows: int | None) -> str:
    """``12.3`` ms, marked ``*`` over the 100 ms goal, with the answer's row count if given."""
    if seconds is None:
        return "-"
    text = f"{seconds * 1000:,.1f}{'*' if seconds > _QUERY_GOAL else ''}"
    return f"{text} ({rows:,})" if rows is not None else text


def results_table(results: list[BenchResult]) -> Table:
    """One column per size (and the growth from the first to the last), one row per measure."""
    table = Table(title="kgraph bench", title_justify="left",
                  caption=f"* over the {_QUERY_GOAL * 1000:.0f} ms query goal; (rows) in the answer; "
                          "bound: the first row's value of the query's parameter",
                  caption_justify="left")
    table.add_column("measure")
    for r in results:
        table.add_column(f"N={r.n:,}", justify="right")
    growth = len(results) > 1
    if growth:
        table.add_column(f"growth {results[0].n:,} -> {results[-1].n:,}", justify="right")

    def row(label: str, cells: list[str], ratio: str = "") -> None:
        table.add_row(label, *cells, *([ratio] if growth else []))

    first, last = results[0], results[-1]
    row("words", [f"{r.words:,}" for r in results], f"{last.words / first.words:.1f}x")
    row("extract words/s (1 process)", [_rate(r.sample_words, r.extract_seconds) for r in results])
    row("spaCy tokenizer words/s", [_rate(r.sample_words, r.tokenize_seconds) for r in results])
    row("ingest time (s)", ["reused" if r.reused else f"{r.ingest_seconds:.1f}" for r in results],
        f"{last.ingest_seconds / first.ingest_seconds:.1f}x" if first.ingest_seconds else "-")
    row("ingest articles/s", [_rate(r.n, r.ingest_seconds) + f" ({r.jobs} jobs)" for r in results])
    row("triples in store", [f"{r.triples:,}" if r.triples else "-" for r in results], f"{last.triples / max(first.triples, 1):.1f}x")
    for name in sorted(set().union(*(r.queries for r in results))):
        for label, times, counts in (
                (f"query {name} (ms, rows)", [r.queries.get(name) for r in results], [r.rows.get(name) for r in results]),
                ("  one value bound (ms, rows)", [r.bound.get(name) for r in results],
                 [r.bound_rows.get(name) for r in results])):
            if any(times):
                ratio = f"{times[-1] / times[0]:.1f}x" if times[0] and times[-1] else "-"
                row(label, [_ms(t, c) for t, c in zip(times, counts)], ratio)
    row("peak RSS main (MB)", [f"{r.rss_mb:,.0f}" for r in results])
    row("peak RSS worker (MB)", [f"{r.worker_rss_mb:,.0f}" for r in results])
    return table


def _main(argv: list[str]) -> int:
    """``python -m kgraph.bench N --jobs J --queries DIR --out FILE``: one size, as JSON in FILE."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m kgraph.bench", description=_main.__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--queries", type=Path, default=Path("queries"))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--keep", type=Path, default=None)
    parser.add_argument("--endpoint", default=None)
    args = parser.parse_args(argv)
    result = measure(args.n, jobs=args.jobs, queries=args.queries, keep=args.keep, endpoint=args.endpoint,
                     progress=progress_logger(args.n, write=lambda line: sys.stderr.write(line) and sys.stderr.flush()))
    args.out.write_text(json.dumps(asdict(result)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
