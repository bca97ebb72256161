"""The on-disk store and open_dataset: what read commands see, locks, folders that are not stores."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kgraph.errors import InputError, StoreError, StoreLockedError, UsageError
from kgraph.store import LocalStore, open_dataset
from tests.store.helpers import extraction, ntriples

FIRED = "SELECT ?o WHERE { ?s <https://kgraph.dev/ns#fired> ?o }"


def fired_names(dataset) -> set[str]:
    return {str(row[0]).rsplit("/", 1)[-1] for row in dataset.query(FIRED)}


def test_store_written_then_read_by_open_dataset(tmp_path: Path) -> None:
    with LocalStore(tmp_path / "s") as store:
        for number in range(3):
            store.put(*ntriples(extraction(number)))
        assert len(store.graph_names()) == 3
    names = fired_names(open_dataset(store=tmp_path / "s"))
    assert names == {"rina-wijaya-0", "rina-wijaya-1", "rina-wijaya-2"}


def test_put_replaces_the_article_graph(tmp_path: Path) -> None:
    with LocalStore(tmp_path / "s") as store:
        iri, text = ntriples(extraction(1))
        store.put(iri, text)
        before = store.count()
        store.put(iri, text)
        assert store.count() == before
        changed = extraction(1, text_suffix=" Ia menjabat sejak 2019.")
        store.put(*ntriples(changed))
        assert len(store.graph_names()) == 1
        assert store.records()[0].content_hash == changed.article.content_hash


def test_remove_graph_makes_its_entities_disappear(tmp_path: Path) -> None:
    with LocalStore(tmp_path / "s") as store:
        iri, text = ntriples(extraction(2))
        store.put(iri, text)
        store.put(*ntriples(extraction(3)))
        store.remove_graph(iri)
    dataset = open_dataset(store=tmp_path / "s")
    assert fired_names(dataset) == {"rina-wijaya-3"}
    people = {str(r[0]) for r in dataset.query("SELECT ?p WHERE { ?p a <https://schema.org/Person> }")}
    assert not any("rina-wijaya-2" in p for p in people)


def test_open_dataset_reads_a_turtle_file(tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    path.write_text("@prefix kg: <https://kgraph.dev/ns#> .\n"
                    "<https://kgraph.dev/id/org/a> kg:fired <https://kgraph.dev/id/person/b> .\n")
    assert fired_names(open_dataset(graph=path)) == {"b"}


def test_graph_file_wins_over_store(tmp_path: Path) -> None:
    path = tmp_path / "graph.nt"
    path.write_text("<https://kgraph.dev/id/org/a> <https://kgraph.dev/ns#fired> <https://kgraph.dev/id/person/c> .\n")
    assert fired_names(open_dataset(graph=path, store=tmp_path / "does-not-exist")) == {"c"}


def test_missing_or_broken_graph_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such graph file"):
        open_dataset(graph=tmp_path / "nope.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<https://x.org/a> <https://x.org/p> .\n")
    with pytest.raises(InputError, match=r"bad\.ttl: not valid RDF.*line 1"):
        open_dataset(graph=bad)


def test_folder_that_is_not_a_store(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "holiday.jpg").write_bytes(b"\xff\xd8\xff")
    with pytest.raises(StoreError, match="photos is not a kgraph store"):
        open_dataset(store=folder)
    with pytest.raises(StoreError, match="photos is not a kgraph store"):
        LocalStore(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["holiday.jpg"]  # nothing written into it
    a_file = tmp_path / "notes.txt"
    a_file.write_text("hello")
    with pytest.raises(StoreError, match="it is a file"):
        LocalStore(a_file)


def test_missing_store_for_reading(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no kgraph store at .*run `kgraph ingest` first"):
        open_dataset(store=tmp_path / "absent")


def test_second_writer_is_refused_while_first_holds_the_store(tmp_path: Path) -> None:
    code = ("import sys; from kgraph.store import LocalStore\n"
            "from kgraph.errors import StoreLockedError\n"
            "try:\n    LocalStore(sys.argv[1])\nexcept StoreLockedError as e:\n    print(e); sys.exit(3)\n")
    with LocalStore(tmp_path / "s"):
        other = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s")],
                               capture_output=True, text=True, timeout=60)
        assert other.returncode == 3, other.stderr
        assert "is in use by another kgraph process" in other.stdout
        with pytest.raises(StoreLockedError):
            LocalStore(tmp_path / "s")
    LocalStore(tmp_path / "s").close()  # free again once the first writer closed


def test_readers_and_writers_exclude_each_other(tmp_path: Path) -> None:
    with LocalStore(tmp_path / "s") as store:
        store.put(*ntriples(extraction(4)))
        with pytest.raises(StoreLockedError, match="is in use by another kgraph process"):
            open_dataset(store=tmp_path / "s")
    first = open_dataset(store=tmp_path / "s")
    second = open_dataset(store=tmp_path / "s")  # readers share the store
    assert fired_names(first) == fired_names(second) == {"rina-wijaya-4"}
    with pytest.raises(StoreLockedError):
        LocalStore(tmp_path / "s")
    first.close()
    second.close()
    LocalStore(tmp_path / "s").close()


def _names(dataset, org: str) -> list[str]:
    return [str(r[0]) for r in dataset.query(
        f'SELECT ?n WHERE {{ ?o <https://schema.org/name> ?n FILTER (?n = "{org}") }}')]


def test_an_entity_in_two_articles_is_one_node_until_both_are_gone(tmp_path: Path) -> None:
    first, second = extraction(0), extraction(5)  # the same company (COMPANIES[0]) fires two people
    org = first.entities[0].name
    with LocalStore(tmp_path / "s") as store:
        store.put(*ntriples(first))
        store.put(*ntriples(second))
    dataset = open_dataset(store=tmp_path / "s")
    assert _names(dataset, org) == [org]  # once, not once per article
    dataset.close()
    with LocalStore(tmp_path / "s") as store:
        store.remove_graph(ntriples(first)[0])
    dataset = open_dataset(store=tmp_path / "s")
    assert _names(dataset, org) == [org] and fired_names(dataset) == {"rina-wijaya-5"}
    dataset.close()
    with LocalStore(tmp_path / "s") as store:
        store.remove_graph(ntriples(second)[0])
        assert store.count() == 0
    dataset = open_dataset(store=tmp_path / "s")
    assert _names(dataset, org) == [] and len(dataset.query("SELECT * WHERE { ?s ?p ?o }")) == 0


def test_format_1_store_is_read_as_a_union_and_upgraded_by_a_writer(tmp_path: Path) -> None:
    import json

    import pyoxigraph as ox

    folder = tmp_path / "old"
    folder.mkdir()
    (folder / "kgraph-store.json").write_text(json.dumps({"format": "kgraph-store", "version": 1}))
    data = ox.Store(str(folder / "oxigraph"))
    for number in (1, 2):
        iri, text = ntriples(extraction(number))
        data.update(f"INSERT DATA {{ GRAPH <{iri}> {{ {text} }} }}")
    del data
    old = open_dataset(store=folder)
    assert fired_names(old) == {"rina-wijaya-1", "rina-wijaya-2"}
    old.close()
    with LocalStore(folder) as store:
        store.put(*ntriples(extraction(3)))
    assert json.loads((folder / "kgraph-store.json").read_text())["version"] == 4
    assert fired_names(open_dataset(store=folder)) == {"rina-wijaya-1", "rina-wijaya-2", "rina-wijaya-3"}
