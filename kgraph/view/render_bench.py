"""How long a big view takes to become stable in headless Chromium (``kgraph render-bench``).

:func:`headless_chromium` starts the Debian ``chromium`` through ``chromedriver`` with the network
off (every request goes to a dead proxy), so a page that tried to fetch anything would show it
as an error. :func:`synthetic_graph` makes a news-like graph (hub companies, people, products,
parallel and uncertain or negated claims); :func:`run_render_bench` renders it and measures.

>>> G = synthetic_graph(50, seed=1)
>>> G.number_of_nodes(), G.number_of_edges() > 50
(50, True)
"""
from __future__ import annotations

import contextlib
import random
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kgraph.errors import KgraphError
from kgraph.models import ENTITY_TYPES, RELATIONS
from kgraph.view.render import write_html

__all__ = [
    "CHROMIUM",
    "CHROMEDRIVER",
    "BrowserMissing",
    "headless_chromium",
    "wait_until_ready",
    "click_first_hub",
    "synthetic_graph",
    "RenderBench",
    "run_render_bench",
]

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-default-apps", "--disable-extensions",
    "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
)


class BrowserMissing(KgraphError):
    """Headless Chromium or chromedriver (Debian chromium, chromium-driver) is not installed."""


@contextlib.contextmanager
def headless_chromium(width: int = 1400, height: int = 900) -> Iterator[object]:
    """A selenium Chrome driver on the system Chromium, network off, fresh profile.

    Raises :class:`BrowserMissing` naming the missing binary or package.
    """
    for binary in (CHROMIUM, CHROMEDRIVER):
        if shutil.which(binary) is None:
            raise BrowserMissing(f"{binary}: not found (install the Debian packages chromium and chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        raise BrowserMissing("selenium: not installed (pip install 'kgraph[test]')") from None
    profile = tempfile.mkdtemp(prefix="kgraph-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in _FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_until_ready(driver: object, timeout: float = 60.0) -> float:
    """Wait for the page's ``window.kgraph.ready``; return its time since navigation in seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready_at = driver.execute_script(  # type: ignore[attr-defined]
            "return window.kgraph && window.kgraph.ready ? window.kgraph.readyAt : null")
        if ready_at is not None:
            return float(ready_at) / 1000.0
        time.sleep(0.05)
    raise KgraphError(f"view: the network was not stable after {timeout:.0f} s")


def synthetic_graph(nodes: int, *, seed: int = 0) -> nx.MultiDiGraph:
    """A graph shaped like kgraph's: entities of all types, ~1.6 claims per node.

    One in ten nodes is an organization that draws most claims (a power-law-ish hub
    structure), some pairs carry several claims, one claim in eight is uncertain and one in
    twenty negated.

    Examples
    --------
    >>> {d["type"] for _, d in synthetic_graph(40).nodes(data=True)} <= set(ENTITY_TYPES)
    True
    """
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    for i in range(nodes):
        kind = "Organization" if i % 10 == 0 else rng.choice(ENTITY_TYPES)
        G.add_node(f"n{i}", type=kind, label=f"{kind} {i}", aliases=(f"E{i}",), sources=(f"a{i % 97}",))
    hubs = [f"n{i}" for i in range(0, nodes, 10)] or ["n0"]
    weights = [1.0 / (rank + 1) for rank in range(len(hubs))]
    for i in range(int(nodes * 1.6)):
        u = f"n{rng.randrange(nodes)}"
        v = rng.choices(hubs, weights)[0] if rng.random() < 0.7 else f"n{rng.randrange(nodes)}"
        if u == v:
            continue
        roll = rng.random()
        modality = "negated" if roll < 0.05 else "uncertain" if roll < 0.175 else "asserted"
        for _ in range(2 if rng.random() < 0.1 else 1):
            G.add_edge(u, v, key=f"c{i}-{G.number_of_edges()}", relation=rng.choice(RELATIONS),
                       modality=modality, date=f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                       confidence=round(rng.uniform(0.4, 0.95), 2),
                       evidence=f"Synthetic evidence sentence number {i}.", source_title=f"Article {i % 97}")
    return G


def click_first_hub(driver: object, G: nx.MultiDiGraph, timeout: float = 30.0) -> float:
    """Click the node with the most claims as a user would (the mouse, at its place on screen)
    and return the seconds from navigation start to the details panel showing it."""
    from selenium.webdriver.common.action_chains import ActionChains

    hub = max(G, key=G.degree)
    x, y = driver.execute_script(  # type: ignore[attr-defined]
        """const id = arguments[0], net = window.kgraph.network;
        const dom = net.canvasToDOM(net.getPositions([id])[id]);
        const box = document.querySelector('#kg-network canvas').getBoundingClientRect();
        return [dom.x - box.width / 2, dom.y - box.height / 2];""", str(hub))
    canvas = driver.find_element("css selector", "#kg-network canvas")  # type: ignore[attr-defined]
    ActionChains(driver).move_to_element_with_offset(canvas, round(x), round(y)).click().perform()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answered = driver.execute_script("return window.kgraph.timings.details || null")  # type: ignore[attr-defined]
        if answered is not None:
            return float(answered) / 1000.0
        time.sleep(0.02)
    raise KgraphError(f"view: a click on {G.nodes[hub].get('label', hub)} showed nothing within {timeout:.0f} s")


@dataclass(frozen=True)
class RenderBench:
    """One render-benchmark run: sizes and seconds."""

    nodes: int
    edges: int
    html_bytes: int
    python_seconds: float
    browser_seconds: float
    browser_nodes: int
    browser_edges: int
    browser_stages: tuple[tuple[str, float], ...] = ()  # (stage, seconds since navigation)
    interactive_seconds: float | None = None  # navigation to the details of a click at "ready"


def run_render_bench(nodes: int = 2000, *, seed: int = 0, keep: Path | None = None) -> RenderBench:
    """Render a synthetic graph of ``nodes`` nodes and time it until stable in headless Chromium.

    ``python_seconds`` is the time to build the page (layout included); ``browser_seconds`` is
    from navigation start to the page's first drawing after stabilization; ``interactive_seconds``
    from navigation start to the details panel answering a real mouse click on the biggest hub,
    made as soon as the page was ready (the time to interactive; goal: 3 s for 2,000 nodes).
    """
    G = synthetic_graph(nodes, seed=seed)
    with tempfile.TemporaryDirectory(prefix="kgraph-bench-") as tmp:
        page = Path(keep) if keep else Path(tmp) / "bench.html"
        start = time.perf_counter()
        write_html(G, page, title=f"kgraph render bench ({nodes} nodes)")
        python_seconds = time.perf_counter() - start
        with headless_chromium() as driver:
            driver.get(page.resolve().as_uri())  # type: ignore[attr-defined]
            browser_seconds = wait_until_ready(driver)
            interactive_seconds = click_first_hub(driver, G)
            counts = driver.execute_script(  # type: ignore[attr-defined]
                "return [window.kgraph.nodes.length, window.kgraph.edges.length, window.kgraph.timings]")
        return RenderBench(
            nodes=G.number_of_nodes(), edges=G.number_of_edges(), html_bytes=page.stat().st_size,
            python_seconds=python_seconds, browser_seconds=browser_seconds,
            browser_nodes=int(counts[0]), browser_edges=int(counts[1]),
            browser_stages=tuple((name, float(ms) / 1000.0) for name, ms in counts[2].items()
                                 if name != "separationRounds"),
            interactive_seconds=interactive_seconds,
        )
