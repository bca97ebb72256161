"""SPARQL results as people and tools read them: a table, or the W3C JSON, CSV and TSV formats.

JSON follows "SPARQL 1.1 Query Results JSON Format", CSV and TSV follow "SPARQL 1.1 Query
Results CSV and TSV Formats" (CSV: plain values, CRLF line ends; TSV: ``?var`` header and
values in Turtle syntax).
"""
from __future__ import annotations

import io
import json
import re
from typing import Union

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Node

from kgraph.errors import UsageError
from kgraph.rdf.vocab import PREFIXES

__all__ = ["FORMATS", "from_oxigraph", "result_rows", "short_term", "format_result", "rdflib_term", "json_term",
           "csv_term", "tsv_term"]

FORMATS: tuple[str, ...] = ("table", "csv", "tsv", "json")
_LOCAL = re.compile(r"^[\w.-]*$")


OxigraphAnswer = Union[ox.QuerySolutions, ox.QueryBoolean, ox.QueryTriples]


def from_oxigraph(answer: OxigraphAnswer) -> Result:
    """An rdflib :class:`~rdflib.query.Result` holding a pyoxigraph query answer.

    Each distinct term is converted once: rdflib builds a typed literal slowly (about 25 µs),
    and an answer repeats its names, dates and IRIs on many rows. Simple literals come back
    plain (``"x"``, not ``"x"^^xsd:string``), as rdflib reads them from a file.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("https://x.org/a"), ox.NamedNode("https://x.org/age"), ox.Literal(3)))
    >>> result = from_oxigraph(store.query("SELECT ?s ?age WHERE { ?s ?p ?age }"))
    >>> result_rows(result)
    (['s', 'age'], [[rdflib.term.URIRef('https://x.org/a'), rdflib.term.Literal('3', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))]])
    """
    terms: dict[object, Node] = {}

    def term(node: object) -> Node:
        found = terms.get(node)
        if found is None:
            found = terms[node] = rdflib_term(node)
        return found

    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    if isinstance(answer, ox.QueryTriples):
        result = Result("CONSTRUCT")
        graph = Graph()
        for triple in answer:
            graph.add((term(triple.subject), term(triple.predicate), term(triple.object)))
        result.graph = graph
        return result
    from kgraph.rdf.rows import oxigraph_rows

    rows = oxigraph_rows(answer)
    variables = [Variable(name) for name in rows.names]
    result = Result("SELECT")
    result.vars = variables
    result.bindings = [{var: value for var, value in zip(variables, row) if value is not None} for row in rows]
    return result


def rdflib_term(node: object) -> Node:
    if isinstance(node, ox.NamedNode):
        return URIRef(node.value)
    if isinstance(node, ox.BlankNode):
        return BNode(node.value)
    if isinstance(node, ox.Literal):
        if node.language:
            return Literal(node.value, lang=node.language)
        datatype = node.datatype.value
        return Literal(node.value) if datatype == str(XSD.string) else Literal(node.value, datatype=URIRef(datatype))
    raise TypeError(f"not an RDF term a query can answer: {node!r}")


def result_rows(result: Result) -> tuple[list[str], list[list[Node | None]]]:
    """The variable names and rows of a SELECT result (None where a variable is unbound)."""
    variables = list(result.vars or [])
    rows = [[binding.get(var) for var in variables] for binding in result.bindings]
    return [str(v) for v in variables], rows


def short_term(node: Node | None) -> str:
    """A term as a person reads it: IRIs with a kgraph prefix, literals as their text.

    Examples
    --------
    >>> short_term(URIRef("https://kgraph.dev/id/person/dara-quinn"))
    'person:dara-quinn'
    >>> short_term(Literal("2024-05-13", datatype=XSD.date)), short_term(None)
    ('2024-05-13', '')
    """
    if node is None:
        return ""
    if isinstance(node, URIRef):
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if node.startswith(namespace) and _LOCAL.match(node[len(namespace):]):
                return f"{prefix}:{node[len(namespace):]}"
    return str(node)


def format_result(result: Result, fmt: str) -> str:
    """A result in a W3C SPARQL 1.1 results format: ``json``, ``csv`` or ``tsv``.

    ASK results give ``true``/``false`` in csv/tsv; CONSTRUCT/DESCRIBE results give Turtle
    (JSON-LD for ``json``).

    Raises
    ------
    UsageError
        ``fmt`` is not json, csv or tsv.
    """
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.graph.serialize(format="json-ld" if fmt == "json" else "turtle")  # type: ignore[union-attr]
    if fmt == "json":
        if result.type == "ASK":
            return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}, indent=2) + "\n"
    elif fmt not in ("csv", "tsv"):
        raise UsageError(f"--format {fmt}: unknown (use one of {', '.join(FORMATS)})")
    elif result.type == "ASK":
        return "true\n" if result.askAnswer else "false\n"
    from kgraph.rdf.rows import result_rows_of, write_rows

    buffer = io.StringIO()
    write_rows(result_rows_of(result), fmt, buffer)
    return buffer.getvalue()


def json_term(node: Node) -> dict[str, str]:
    if isinstance(node, URIRef):
        return {"type": "uri", "value": str(node)}
    if isinstance(node, BNode):
        return {"type": "bnode", "value": str(node)}
    term = {"type": "literal", "value": str(node)}
    if isinstance(node, Literal) and node.language:
        term["xml:lang"] = node.language
    elif isinstance(node, Literal) and node.datatype and node.datatype != XSD.string:
        term["datatype"] = str(node.datatype)
    return term


def csv_term(node: Node) -> str:
    return f"_:{node}" if isinstance(node, BNode) else str(node)


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def tsv_term(node: Node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, BNode):
        return f"_:{node}"
    assert isinstance(node, Literal)
    text = f'"{str(node).translate(_TSV_ESCAPES)}"'
    if node.language:
        return f"{text}@{node.language}"
    if node.datatype and node.datatype != XSD.string:
        return f"{text}^^<{node.datatype}>"
    return text
