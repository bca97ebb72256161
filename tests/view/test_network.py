"""RDF -> networkx: nodes, claims, views and metrics over the hand-written articles."""
from __future__ import annotations

import networkx as nx
import pytest

from kgraph.errors import UsageError
from kgraph.export import flat_attributes
from kgraph.view.network import (
    centrality, ego_subgraph, filter_claims, find_node, parse_relations, to_networkx,
)
from kgraph.store import open_dataset

ACME = "https://kgraph.dev/id/org/acme-robotics"
DANA = "https://kgraph.dev/id/person/dana-whitfield"
LUMEN = "https://kgraph.dev/id/org/lumen-labs"
NIMBUS = "https://kgraph.dev/id/org/nimbus-cloud"


@pytest.fixture(scope="module")
def G(dataset):
    return to_networkx(dataset)


def _labels(H: nx.MultiDiGraph) -> set[str]:
    return {d["label"] for _, d in H.nodes(data=True)}


def test_to_networkx_one_node_per_entity_one_edge_per_claim(G):
    assert G.number_of_nodes() == 7  # 6 entities + the publisher
    assert G.number_of_edges() == 9  # every claim, negated and uncertain ones included
    assert G.nodes[ACME]["type"] == "Organization"
    assert G.nodes[ACME]["aliases"] == ("Acme",)
    assert len(G.nodes[ACME]["sources"]) == 2  # mentioned by both articles: one node
    assert G.nodes["https://kgraph.dev/id/group/acme-robotics-employees"]["type"] == "Group"


def test_to_networkx_claim_attributes(G):
    (fired,) = [d for _, _, d in G.edges(data=True) if d["relation"] == "fired"]
    assert fired["modality"] == "asserted"
    assert fired["date"] == "2024-03-04"
    assert fired["confidence"] == pytest.approx(0.8)
    assert fired["evidence"].startswith("The board of Acme Robotics dismissed")
    assert fired["source_title"] == "Acme Robotics parts ways with its chief"
    assert fired["source_url"] == "https://news.example.org/acme-shakeup"
    assert fired["publisher"] == "Example Wire" and fired["published"] == "2024-03-05"
    (position,) = [d for _, _, d in G.edges(data=True) if d["relation"] == "holdsPosition"]
    assert (position["role"], position["status"]) == ("CEO", "former")
    negated = [(u, v) for u, v, d in G.edges(data=True) if d["modality"] == "negated"]
    assert negated == [(NIMBUS, LUMEN)]


def test_parallel_claims_stay_separate_edges(G):
    assert G.number_of_edges(ACME, LUMEN) == 2
    assert len({d["source"] for d in G.get_edge_data(ACME, LUMEN).values()}) == 2


def test_to_networkx_same_graph_from_an_oxigraph_file(G, trig_file):
    dataset = open_dataset(graph=trig_file)
    H = to_networkx(dataset)
    dataset.close()
    assert set(H.nodes) == set(G.nodes)
    assert set(H.edges(keys=True)) == set(G.edges(keys=True))
    assert H.nodes[DANA] == G.nodes[DANA]


def test_to_networkx_without_isolated_entities(dataset):
    H = to_networkx(dataset, include_isolated=False)
    assert "Example Wire" not in _labels(H)
    assert H.number_of_edges() == 9


def test_ego_subgraph_by_alias_and_depth(G):
    assert _labels(ego_subgraph(G, "whitfield", 1)) == {"Dana Whitfield", "Acme Robotics", "Lumen Labs"}
    assert "Helix Assistant" in _labels(ego_subgraph(G, "Dana Whitfield", 2))
    assert _labels(ego_subgraph(G, DANA, 0)) == {"Dana Whitfield"}


def test_find_node_unknown_name_is_a_usage_error(G):
    with pytest.raises(UsageError, match="no entity called 'Nobody'"):
        find_node(G, "Nobody")


def test_filter_by_relation_keeps_only_touched_nodes(G):
    H = filter_claims(G, relations=parse_relations("fired,joined"))
    assert sorted(d["relation"] for _, _, d in H.edges(data=True)) == ["fired", "joined"]
    assert _labels(H) == {"Dana Whitfield", "Acme Robotics", "Lumen Labs"}


def test_filter_by_period_uses_claim_date_then_publication_date(G):
    april = filter_claims(G, since="2024-04-01")
    # the competitorOf claim has no date of its own: its article's (2024-04-02) counts
    assert sorted(d["relation"] for _, _, d in april.edges(data=True)) == ["acquired", "competitorOf", "partnerOf"]
    march = filter_claims(G, until="2024-03-31")
    assert march.number_of_edges() == 6


def test_filter_by_modality(G):
    H = filter_claims(G, modalities=["uncertain"])
    assert {d["relation"] for _, _, d in H.edges(data=True)} == {"joined", "offeredCompensation"}


@pytest.mark.parametrize("call, message", [
    (lambda G: parse_relations("fired,sacked"), "unknown relation 'sacked'"),
    (lambda G: filter_claims(G, since="last week"), "not a date"),
    (lambda G: filter_claims(G, modalities=["maybe"]), "unknown modality"),
    (lambda G: ego_subgraph(G, "Acme", -1), "--depth"),
    (lambda G: centrality(G, "closeness"), "unknown centrality"),
])
def test_bad_view_options_are_usage_errors(G, call, message):
    with pytest.raises(UsageError, match=message):
        call(G)


def test_centrality_ranks_the_hub_first(G):
    for kind in ("degree", "betweenness", "pagerank"):
        scores = centrality(G, kind)
        assert max(scores, key=scores.get) == ACME, kind


def test_flat_attributes_can_be_written_as_graphml(G, tmp_path):
    path = tmp_path / "g.graphml"
    nx.write_graphml(flat_attributes(G), path)
    back = nx.read_graphml(path)
    assert back.number_of_edges() == 9
    assert back.nodes[ACME]["aliases"] == "Acme"
