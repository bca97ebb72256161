"""An Extractor shared by the extraction tests (building a pipeline takes seconds)."""
from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.articles import read_article
from kgraph.models import Extraction
from kgraph.extractor import Extractor

ARTICLES = Path(__file__).parent.parent / "data" / "articles"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def extract_file(extractor):
    """Extract one file (path or name in tests/data/articles) -> Extraction."""
    cache: dict[str, Extraction] = {}

    def run(name: str | Path) -> Extraction:
        path = Path(name) if Path(name).exists() else ARTICLES / name
        if str(path) not in cache:
            (article,) = read_article(path)
            cache[str(path)] = extractor.extract(article)
        return cache[str(path)]

    return run


def triples(extraction: Extraction) -> dict[tuple[str, str, str], object]:
    """(subject, relation, object) -> Relation."""
    return {(r.subject, r.relation, r.object): r for r in extraction.relations}
