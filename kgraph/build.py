"""``kgraph build``: articles -> store -> ``graph.ttl``, ``graph.html`` and the tenure timeline of
the organization with the most people on one (``timeline-<slug>.html``), with a summary.

It is the whole path in one call: read the articles, extract them (one named graph per article
in the on-disk store, unchanged articles skipped), then write the union graph as Turtle, the
offline HTML network view (with its Timeline tab) and that timeline's own page.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Sequence

from kgraph.errors import InputError, OutputError
from kgraph.extractor import extract_function
from kgraph.samples import sample_files

__all__ = ["BuildReport", "build"]

@dataclass
class BuildReport:
    """What ``build`` read, stored and wrote."""

    inputs: list[Path]
    used_samples: bool
    articles: int = 0
    unreadable: list[InputError] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    files: list[Path] = field(default_factory=list)
    ingest: object = None


def build(paths: Sequence[Path] = (), *, out_dir: Path = Path("output"), store: Path | None = None,
          gazetteers: Sequence[Path] = (), model: str | None = None, meta: dict | None = None,
          jobs: int = 1, progress: Callable[[int, int], None] | None = None) -> BuildReport:
    """Build the graph of ``paths`` (the bundled samples when empty) into ``out_dir``.

    ``meta`` holds metadata that overrides every article's (``lang``, ``published``,
    ``publisher``, ``author``), as :func:`kgraph.articles.iter_articles` takes it.

    Raises
    ------
    OutputError
        ``out_dir`` cannot be written.
    StoreLockedError
        Another kgraph process is writing to the store.
    """
    from kgraph.articles import iter_articles
    from kgraph.export import write_export
    from kgraph.view.network import to_networkx
    from kgraph.rdf.uris import slugify
    from kgraph.view.render import write_html
    from kgraph.view.timeline import view_timelines
    from kgraph.view.timeline_page import write_timeline
    from kgraph.store import LocalStore, open_dataset
    from kgraph.store.ingest import ingest

    used_samples = not paths
    inputs = sample_files() if used_samples else list(paths)
    report = BuildReport(inputs=inputs, used_samples=used_samples)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{out_dir}: cannot create the output folder ({error.strerror or error})") from None
    store = store or out_dir / "store"
    articles = []
    for item in iter_articles(inputs, **(meta or {})):
        (report.unreadable if isinstance(item, InputError) else articles).append(item)
    report.articles = len(articles)
    factory = partial(extract_function, tuple(str(g) for g in gazetteers), model)
    with LocalStore(store) as target:
        result = ingest(articles, target, factory, jobs=jobs, progress=progress)
    report.ingest = result
    report.failed = list(result.failed)
    dataset = open_dataset(store=store)
    try:
        report.files.append(write_export(dataset, "turtle", out_dir / "graph.ttl"))
        G = to_networkx(dataset)
        timelines = view_timelines(dataset)  # the view's Timeline tab; the first also gets its own page
    finally:
        dataset.close()
    report.files.append(write_html(G, out_dir / "graph.html", title="kgraph", timelines=timelines))
    if timelines:
        top = timelines[0]
        report.files.append(write_timeline(top, out_dir / f"timeline-{slugify(top.organization)}.html"))
    report.entities = Counter(data.get("type", "?") for _, data in G.nodes(data=True))
    report.relations = Counter(data.get("relation", "?") for _, _, data in G.edges(data=True))
    return report
