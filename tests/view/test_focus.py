"""--focus names one entity: by IRI, name or alias; an ambiguous alias lists the candidates."""
from __future__ import annotations

import networkx as nx
import pytest

from kgraph.errors import UsageError
from kgraph.view.network import find_node

QUILL = "https://kgraph.dev/id/group/quillstone-labs-employees"
TANDEM = "https://kgraph.dev/id/group/tandem-robotics-employees"


@pytest.fixture()
def G() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node(QUILL, label="Quillstone Labs employees", aliases=("employees", "Quillstone employees"))
    G.add_node(TANDEM, label="Tandem Robotics employees", aliases=("employees",))
    G.add_node("https://kgraph.dev/id/org/nusapay", label="Nusapay", aliases=("PT Nusapay",))
    return G


def test_an_alias_of_two_entities_is_refused_with_both_named(G) -> None:
    with pytest.raises(UsageError) as caught:
        find_node(G, "employees")
    assert caught.value.exit_code == 2
    assert "Quillstone Labs employees" in str(caught.value) and "Tandem Robotics employees" in str(caught.value)


@pytest.mark.parametrize("name", [TANDEM, f"<{TANDEM}>", "group:tandem-robotics-employees",
                                  "tandem robotics employees"])
def test_an_iri_or_the_full_name_picks_one(G, name: str) -> None:
    assert find_node(G, name) == TANDEM


def test_an_unknown_name_gets_close_names(G) -> None:
    with pytest.raises(UsageError, match=r"no entity called 'Nusapai'.*close names: Nusapay"):
        find_node(G, "Nusapai")
