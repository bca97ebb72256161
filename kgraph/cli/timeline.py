"""``kgraph timeline ORG``: an organization's tenure timeline as one offline HTML page."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from kgraph.cli.app import app, console, say
from kgraph.errors import UsageError

__all__ = ["timeline_command"]


def _organization_term(text: str) -> object:
    """``<iri>`` and ``organization:slug`` (any kgraph prefix) as IRIs, anything else a name."""
    from rdflib import Literal, URIRef

    from kgraph.rdf.vocab import PREFIXES

    value = text.strip()
    if value.startswith("<") and value.endswith(">") and len(value) > 2:
        return URIRef(value[1:-1])
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and " " not in value:
        return URIRef(PREFIXES[prefix] + local)
    return Literal(value)


@app.command("timeline")
def timeline_command(
    organization: str = typer.Argument(..., help="The organization: its name, an alias or its IRI "
                                       "(<https://kgraph.dev/id/org/...> or organization:slug)."),
    graph: Optional[Path] = typer.Option(None, "--graph", help="An RDF file (.trig, .ttl, .nq, .jsonld...) "
                                         "instead of the store."),
    store: Optional[Path] = typer.Option(None, "--store", help="Store folder [default: output/store]."),
    endpoint: Optional[str] = typer.Option(None, "--endpoint", help="Base URL of a SPARQL server to read from."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="The HTML file to write "
                                       "[default: output/timeline-<organization>.html]."),
) -> None:
    """Draw who held which post at an organization, and who joined, left, was fired or founded it.

    One lane per person; each bar and mark opens the sentence and article it was read from.

    Example: kgraph timeline Nusapay --out nusapay.html
    """
    from kgraph.query import load_query, query_dir
    from kgraph.rdf.uris import slugify
    from kgraph.resolve import resolve_bindings
    from kgraph.store import open_dataset
    from kgraph.view.timeline import read_timeline
    from kgraph.view.timeline_page import write_timeline

    if graph is not None and (store is not None or endpoint is not None):
        raise UsageError("--graph reads a file; it cannot be combined with --store or --endpoint")
    query = load_query("tenure_timeline", folder=query_dir())
    dataset = open_dataset(graph=graph, store=store, endpoint=endpoint)
    notes: list[str] = []
    try:
        bound = resolve_bindings(dataset, query.text, {"organization": _organization_term(organization)},
                                 say=notes.append, what="timeline")
        name = str(bound["organization"])
        timeline = read_timeline(dataset, name)
    finally:
        dataset.close()
    if not timeline.lanes:
        unknown = [note for note in notes if "no entity has" in note]  # the name is wrong, with close names
        raise UsageError(unknown[0].removeprefix("kgraph: ") if unknown else
                         f"timeline {organization}: no one holds a post at, joined, left, was fired from "
                         "or founded that organization in the graph")
    for note in notes:
        say(note)
    path = write_timeline(timeline, out or Path("output") / f"timeline-{slugify(name)}.html")
    claims = sum(lane.claims for lane in timeline.lanes)
    console.print(f"wrote {path}: {name}, {len(timeline.lanes)} lanes, {claims} claims",
                  markup=False, highlight=False, soft_wrap=True)
