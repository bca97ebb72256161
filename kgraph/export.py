"""Write the graph for other tools: RDF serializations, GraphML for Gephi, CSV of claims.

Turtle and N-Triples hold the union of the articles' named graphs; TriG, N-Quads and JSON-LD
keep one named graph per article; GraphML is the networkx view of :mod:`kgraph.view.network` (one
node per entity, one edge per claim); CSV has one row per claim with its provenance.

>>> from kgraph.models import Article, Entity, Extraction, Relation
>>> from kgraph.rdf.article_graph import build_dataset
>>> ds = build_dataset([Extraction(Article(id="a", text="Acme fired Jo."),
...     (Entity("Acme", "Organization"), Entity("Jo", "Person")), (Relation("Acme", "fired", "Jo"),))])
>>> "kg:fired person:jo" in export_text(ds, "turtle")
True
>>> export_text(ds, "csv").splitlines()[1].split(",")[2:7]
['Acme', 'fired', 'https://kgraph.dev/id/person/jo', 'Jo', 'asserted']
"""
from __future__ import annotations

import csv
import io
from importlib import resources
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kgraph.errors import UsageError
from kgraph.output_files import write_output
from kgraph.query import parse_query, run_query
from kgraph.rdf.results import result_rows
from kgraph.store.backends import RDF_FORMATS, serialize
from kgraph.view.network import to_networkx

__all__ = ["EXPORT_FORMATS", "EXTENSIONS", "flat_attributes", "export_text", "write_export"]

EXPORT_FORMATS: tuple[str, ...] = ("turtle", "nt", "trig", "nquads", "jsonld", "graphml", "csv")
EXTENSIONS: dict[str, str] = {"turtle": "ttl", "nt": "nt", "trig": "trig", "nquads": "nq",
                              "jsonld": "jsonld", "graphml": "graphml", "csv": "csv"}
"""The usual file extension of each export format."""


def _claims_csv(dataset: Graph) -> str:
    text = resources.files("kgraph.rdf").joinpath("claims.rq").read_text(encoding="utf-8")
    names, rows = result_rows(run_query(dataset, parse_query(text, "claims.rq")))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    writer.writerows([["" if v is None else str(v) for v in row] for row in rows])
    return buffer.getvalue()


def flat_attributes(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes GraphML can write: tuples joined with ``"; "``, None dropped.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", aliases=("A", "Ay"), role=None)
    >>> flat_attributes(G).nodes["a"]
    {'aliases': 'A; Ay'}
    """

    def flat(data: dict) -> dict:
        return {
            k: "; ".join(map(str, v)) if isinstance(v, (tuple, list)) else v
            for k, v in data.items()
            if v is not None
        }

    H = nx.MultiDiGraph()
    H.add_nodes_from((n, flat(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((u, v, k, flat(d)) for u, v, k, d in G.edges(keys=True, data=True))
    return H


def _graphml(dataset: Graph) -> str:
    buffer = io.BytesIO()
    nx.write_graphml(flat_attributes(to_networkx(dataset)), buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def export_text(dataset: Graph, fmt: str) -> str:
    """The dataset serialized as ``fmt`` (one of :data:`EXPORT_FORMATS`).

    Raises
    ------
    UsageError
        ``fmt`` is not a known export format.
    """
    if fmt == "csv":
        return _claims_csv(dataset)
    if fmt == "graphml":
        return _graphml(dataset)
    if fmt not in RDF_FORMATS:
        raise UsageError(f"--format {fmt}: unknown export format (use one of {', '.join(EXPORT_FORMATS)})")
    return serialize(dataset, fmt)


def write_export(dataset: Graph, fmt: str, out: Path) -> Path:
    """Write :func:`export_text` to ``out`` (parent folders created) and return the path.

    Raises
    ------
    OutputError
        ``out`` cannot be written.
    """
    return write_output(out, export_text(dataset, fmt))
