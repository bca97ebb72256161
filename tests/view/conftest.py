"""Fixtures of the view tests: the sample articles as RDF, in memory and as a TriG file."""
from __future__ import annotations

import pytest

from kgraph.rdf.article_graph import build_dataset

from .sample_articles import EXTRACTIONS


@pytest.fixture(scope="module")
def driver():
    """Headless Chromium with the network off, one per test module (skips where it is missing)."""
    from kgraph.view.render_bench import BrowserMissing, headless_chromium

    try:
        with headless_chromium() as browser:
            yield browser
    except BrowserMissing as missing:
        pytest.skip(f"headless Chromium is not available: {missing}")


@pytest.fixture(scope="session")
def dataset():
    """The two articles as kgraph RDF (one named graph each)."""
    return build_dataset(EXTRACTIONS)


@pytest.fixture(scope="session")
def trig_file(tmp_path_factory, dataset):
    """The dataset written as TriG, as ``kgraph build`` or ``kgraph export`` would leave it."""
    path = tmp_path_factory.mktemp("graph") / "graph.trig"
    dataset.serialize(destination=str(path), format="trig")
    return path
