"""RDF model of kgraph: vocabulary, IRI minting and the Extraction -> named-graph builder."""
from __future__ import annotations

from kgraph.rdf.article_graph import add_extraction, build_dataset, new_dataset
from kgraph.rdf.uris import article_iri, entity_iri
from kgraph.rdf.vocab import KG, PREFIXES, bind_prefixes

__all__ = [
    "KG",
    "PREFIXES",
    "bind_prefixes",
    "entity_iri",
    "article_iri",
    "new_dataset",
    "add_extraction",
    "build_dataset",
]
