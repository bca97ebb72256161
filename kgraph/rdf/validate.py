"""Check a graph against kgraph's SHACL shapes (``shapes.ttl``) with pyshacl.

Every claim needs one source article, one modality of three, and a subject and object of the
types its relation allows; articles, memberships, groups and events have shapes too.

>>> from kgraph.rdf.article_graph import new_dataset
>>> validate_graph(new_dataset())
[]
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from rdflib import Graph
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kgraph.rdf.results import short_term

__all__ = ["Violation", "load_shapes", "validate_graph"]


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node at fault, the property, the message and the value."""

    focus: str
    path: str
    message: str
    value: str = ""
    severity: str = "Violation"

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.focus}{where}: {self.message}{value}"


def load_shapes() -> Graph:
    """The SHACL shapes graph shipped in the package."""
    shapes = Graph()
    shapes.parse(data=resources.files("kgraph.rdf").joinpath("shapes.ttl").read_text(encoding="utf-8"),
                 format="turtle")
    return shapes


def validate_graph(graph: Graph) -> list[Violation]:
    """All SHACL violations of ``graph`` (an in-memory rdflib graph), sorted; empty if it conforms.

    Parameters
    ----------
    graph : rdflib.Graph
        The data; pass the union of a dataset (see :func:`kgraph.store.backends.union_graph`).
    """
    import pyshacl  # imported here: it is slow to import and only this command needs it

    # advanced: the per-relation shapes use SHACL-AF SPARQL targets

    _conforms, report, _text = pyshacl.validate(graph, shacl_graph=load_shapes(), inference="none",
                                                advanced=True, allow_warnings=True)
    found = {_violation(report, result) for result in report.subjects(RDF.type, SH.ValidationResult)}
    return sorted(found, key=lambda v: (v.focus, v.path, v.message, v.value))


def _violation(report: Graph, result: Node) -> Violation:
    def text(predicate: Node) -> str:
        value = report.value(result, predicate)
        return "" if value is None else short_term(value)

    message = text(SH.resultMessage) or f"fails {text(SH.sourceConstraintComponent)}"
    severity = text(SH.resultSeverity).rsplit("#", 1)[-1]
    return Violation(text(SH.focusNode), text(SH.resultPath), message, text(SH.value), severity)
