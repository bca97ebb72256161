"""``kgraph render`` (the offline HTML network view) and ``kgraph render-bench``."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from kgraph.cli.app import app, console
from kgraph.errors import UsageError

__all__ = ["render_command", "render_bench_command"]

_MODALITIES_HELP = "Comma-separated modalities to include: asserted, uncertain, negated [default: all]."


def _split(text: str | None) -> tuple[str, ...] | None:
    if not text:
        return None
    return tuple(part.strip() for part in text.split(",") if part.strip())


@app.command("render")
def render_command(
    graph: Optional[Path] = typer.Option(None, "--graph", help="An RDF file (.trig, .ttl, .nq, .jsonld...) "
                                         "instead of the store."),
    store: Optional[Path] = typer.Option(None, "--store", help="Store folder [default: output/store]."),
    endpoint: Optional[str] = typer.Option(None, "--endpoint", help="Base URL of a SPARQL server to read from."),
    out: Path = typer.Option(Path("output/graph.html"), "--out", "-o", help="The HTML file to write."),
    focus: Optional[str] = typer.Option(None, "--focus", help="Only the neighbourhood of this person or "
                                        "company (name or alias)."),
    depth: int = typer.Option(1, "--depth", min=0, help="With --focus: how many claims away to go."),
    relations: Optional[str] = typer.Option(None, "--relations", help="Comma-separated relations to "
                                            "include, e.g. fired,joined [default: all]."),
    modalities: Optional[str] = typer.Option(None, "--modalities", help=_MODALITIES_HELP),
    since: Optional[str] = typer.Option(None, "--since", help="Only claims dated on or after YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", help="Only claims dated on or before YYYY-MM-DD."),
    size_by: str = typer.Option("degree", "--size-by", help="Node size: degree, betweenness or pagerank."),
    title: str = typer.Option("kgraph", "--title", help="Page title."),
) -> None:
    """Write the knowledge graph as one interactive HTML page that works offline.

    Example: kgraph render --focus "Sam Altman" --depth 2 --relations fired,joined,holdsPosition
    """
    from kgraph.view.network import (check_centrality, ego_subgraph, filter_claims, find_node,
                                     parse_relations, to_networkx)
    from kgraph.view.render import write_html
    from kgraph.view.timeline import view_timelines

    if graph is not None and (store is not None or endpoint is not None):
        raise UsageError("--graph reads a file; it cannot be combined with --store or --endpoint")
    if focus is None and depth != 1:
        raise UsageError("--depth needs --focus")
    check_centrality(size_by)
    wanted = parse_relations(relations)
    from kgraph.store import open_dataset

    dataset = open_dataset(graph=graph, store=store, endpoint=endpoint)
    try:
        G = to_networkx(dataset)
        whole = G
        G = filter_claims(G, relations=wanted, modalities=_split(modalities),
                          since=since, until=until)
        first = None
        if focus is not None:
            centre = find_node(whole, focus)
            if centre not in G:
                raise UsageError(f"--focus: {focus!r} takes part in no claim that matches the filters")
            G = ego_subgraph(G, centre, depth)
            focus = str(G.nodes[centre].get("label", focus))
            first = focus if G.nodes[centre].get("type") == "Organization" else None
        shown = [str(data.get("label")) for _node, data in G.nodes(data=True) if data.get("type") == "Organization"]
        timelines = view_timelines(dataset, among=shown, first=first)  # the Timeline tab
    finally:
        dataset.close()
    path = write_html(G, out, title=title, size_by=size_by, focus=focus, timelines=timelines)
    console.print(f"wrote {path}: {G.number_of_nodes()} entities, {G.number_of_edges()} claims",
                  markup=False, highlight=False, soft_wrap=True)


@app.command("render-bench")
def render_bench_command(
    nodes: int = typer.Option(2000, "--nodes", min=1, help="Size of the synthetic graph."),
    seed: int = typer.Option(0, "--seed", help="Seed of the synthetic graph."),
    keep: Optional[Path] = typer.Option(None, "--keep", help="Also keep the page here."),
) -> None:
    """Render a synthetic graph and time it until stable in headless Chromium (network off).

    Example: kgraph render-bench --nodes 2000
    """
    from kgraph.view.render_bench import run_render_bench

    result = run_render_bench(nodes, seed=seed, keep=keep)
    console.print(
        f"graph: {result.nodes} nodes, {result.edges} claims; page {result.html_bytes / 1e6:.1f} MB\n"
        f"python (layout + page): {result.python_seconds:.2f} s\n"
        f"chromium, navigation to stable and drawn: {result.browser_seconds:.2f} s "
        f"({result.browser_nodes} nodes, {result.browser_edges} edges in the page)\n"
        f"time to interactive (navigation to a click's details, the click made when ready): "
        f"{result.interactive_seconds:.2f} s (goal: 3 s at 2,000 nodes)\n"
        + "  " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in result.browser_stages),
        markup=False, highlight=False, soft_wrap=True,
    )
