"""The few calls a Python program needs: extract articles, make their graph, ask it a question.

:mod:`kgraph` re-exports these (lazily: ``import kgraph`` loads none of spaCy, rdflib or
Oxigraph). The command line does the same through :func:`kgraph.build.build`
(``kgraph build``), which also stores the graph and writes its files.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph

from kgraph.errors import InputError
from kgraph.models import Article, Extraction

__all__ = ["extract_articles", "query_graph"]


def extract_articles(items: Iterable[Article | str | Path], *, gazetteers: Iterable[Path | str] = (),
                     model: str | None = None, scorer: bool = True) -> list[Extraction]:
    """The entities, claims and events of each article (an :class:`~kgraph.models.Article`, or
    a file or folder to read), in order.

    The options are those of ``kgraph extract``: extra gazetteer files, an installed spaCy
    model whose named entities are added, and whether the learned scorer adds claims.

    Raises
    ------
    InputError
        A file cannot be read, or an article cannot be extracted (the message names it).
    """
    from kgraph.articles import iter_articles
    from kgraph.extractor import Extractor, extract_all

    def articles() -> Iterable[Article | InputError]:
        for item in items:
            if isinstance(item, Article):
                yield item
            else:
                yield from iter_articles([Path(item)])

    extractor = Extractor(gazetteers=tuple(gazetteers), model=model, scorer=scorer)
    found: list[Extraction] = []
    for result in extract_all(articles(), extractor):
        if isinstance(result, InputError):
            raise result
        found.append(result)
    return found


def query_graph(dataset: Graph | Dataset, question: str | Path, **bindings: str) -> list[dict[str, str | None]]:
    """The rows answering ``question`` (a ready query's name such as ``"fired"``, a ``.rq``
    file or SPARQL text) on ``dataset``, each a dict of the result variables' values as text
    (None where unbound). ``bindings`` set result variables, as ``--bind name=value`` does.

    Raises
    ------
    QueryError
        The question is unknown or invalid, or a binding names no result variable.
    """
    from kgraph.query import load_query, parse_bindings, run_query
    from kgraph.rdf.results import result_rows

    query = load_query(question)
    terms = parse_bindings([f"{name}={value}" for name, value in bindings.items()], query)
    names, rows = result_rows(run_query(dataset, query, terms))
    return [{name: None if value is None else str(value) for name, value in zip(names, row)} for row in rows]
