"""Every file in queries/ answers its question on the team's sample graph.

Each query runs on the in-memory rdflib dataset and on the same graph loaded into Oxigraph
(what `kgraph query` reads from a store or file); both must give the rows a reader expects.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.query import load_query, parse_bindings, run_query
from kgraph.rdf.results import result_rows, short_term

QUERY_DIR = Path(__file__).resolve().parents[2] / "queries"
QUERY_FILES = sorted(QUERY_DIR.glob("*.rq"))

LEDGER_FIRES = "Nimbus Labs fires CEO Dara Quinn"
CIRCUIT = "Nimbus Labs says CEO was not fired"
LEDGER_ORBITRA = "Orbitra hires ousted Nimbus CEO"
WARTA_CTO = "Kopi Teknologi rekrut CTO baru"
WARTA_PECAT = "Nimbus Labs pecat Dara Quinn"

# query name -> (bindings, columns compared, the expected rows of those columns, in any order)
EXPECTED: dict[str, tuple[list[str], tuple[str, ...], set[tuple[str, ...]]]] = {
    "fired": ([], ("firer", "fired", "date", "source", "publisher"), {
        ("Nimbus Labs", "Dara Quinn", "2024-05-13", LEDGER_FIRES, "The Ledger Wire"),
        ("Nimbus Labs", "Dara Quinn", "2024-05-14", LEDGER_ORBITRA, "The Ledger Wire"),
        ("Nimbus Labs", "Dara Quinn", "", WARTA_PECAT, "Warta Tekno"),
    }),
    "joined": ([], ("who", "organization", "modality", "date"), {
        ("Dara Quinn", "Orbitra", "asserted", "2024-05-20"),
        ("Budi Santoso", "Kopi Teknologi", "asserted", "2024-06-03"),
        ("Nimbus Labs employees", "Orbitra", "uncertain", ""),
    }),
    "offered_compensation": ([], ("offerer", "recipient", "modality", "source"), {
        ("Orbitra", "Nimbus Labs employees", "asserted", LEDGER_ORBITRA),
    }),
    "positions": (['person=Dara Quinn'], ("person", "role", "organization", "status", "left"), {
        ("Dara Quinn", "CEO", "Nimbus Labs", "former", "2024-05-12"),
    }),
    "leadership_timeline": (["organization=Nimbus Labs"], ("when", "person", "change", "modality"), {
        ("2024-05-12", "Dara Quinn", "resigned", "asserted"),
        ("2024-05-13", "Dara Quinn", "fired", "asserted"),
        ("2024-05-13", "Dara Quinn", "holds position", "asserted"),
        ("2024-05-13", "Priya Natarajan", "holds position", "asserted"),
        ("2024-05-14", "Dara Quinn", "fired", "asserted"),
        ("2024-05-15", "Dara Quinn", "fired", "negated"),  # undated claim: the article's date
        ("2024-05-16", "Dara Quinn", "fired", "asserted"),
        ("2024-06-04", "Budi Santoso", "holds position", "asserted"),
    }),
    "tenure_timeline": (["organization=Nimbus Labs"], ("person", "change", "role", "status", "modality", "date",
                                                       "published", "title"), {
        ("Dara Quinn", "fired", "", "", "asserted", "2024-05-13", "2024-05-14", LEDGER_FIRES),
        ("Dara Quinn", "holdsPosition", "CEO", "former", "asserted", "2024-05-13", "2024-05-14", LEDGER_FIRES),
        ("Priya Natarajan", "holdsPosition", "CEO", "interim", "asserted", "2024-05-13", "2024-05-14", LEDGER_FIRES),
        ("Dara Quinn", "fired", "", "", "negated", "", "2024-05-15", CIRCUIT),
        ("Dara Quinn", "resigned", "", "", "asserted", "2024-05-12", "2024-05-15", CIRCUIT),
        ("Dara Quinn", "fired", "", "", "asserted", "2024-05-14", "2024-05-20", LEDGER_ORBITRA),
        ("Dara Quinn", "fired", "", "", "asserted", "", "2024-05-16", WARTA_PECAT),
        ("Budi Santoso", "holdsPosition", "VP Engineering", "former", "asserted", "", "2024-06-04", WARTA_CTO),
    }),
    "timeline_organizations": ([], ("organization", "people", "claims"), {
        ("Nimbus Labs", "3", "8"), ("Orbitra", "2", "2"), ("Kopi Teknologi", "1", "2"),
    }),
    "claims_about": (["name=KopiTek"], ("subject", "relation", "object", "modality"), {
        ("Budi Santoso", "joined", "Kopi Teknologi", "asserted"),
        ("Budi Santoso", "holdsPosition", "Kopi Teknologi", "asserted"),
        ("Kopi Teknologi", "acquired", "Orbitra", "uncertain"),
        ("Orbitra", "investedIn", "Kopi Teknologi", "asserted"),
    }),
    "uncertain_negated": ([], ("modality", "subject", "relation", "object"), {
        ("negated", "Nimbus Labs", "fired", "Dara Quinn"),
        ("negated", "Nimbus Labs", "partnerOf", "Orbitra"),
        ("uncertain", "Nimbus Labs employees", "joined", "Orbitra"),
        ("uncertain", "Kopi Teknologi", "acquired", "Orbitra"),
    }),
    "conflicts": ([], ("conflict", "subject", "object", "claimA", "sourceA", "claimB", "sourceB"), {
        ("asserted vs negated", "Nimbus Labs", "Dara Quinn", "asserted", LEDGER_FIRES, "negated", CIRCUIT),
        ("asserted vs negated", "Nimbus Labs", "Dara Quinn", "asserted", LEDGER_ORBITRA, "negated", CIRCUIT),
        ("asserted vs negated", "Nimbus Labs", "Dara Quinn", "asserted", WARTA_PECAT, "negated", CIRCUIT),
        ("fired vs resigned", "Nimbus Labs", "Dara Quinn", "Nimbus Labs fired Dara Quinn", LEDGER_FIRES,
         "Dara Quinn resigned from Nimbus Labs", CIRCUIT),
        ("fired vs resigned", "Nimbus Labs", "Dara Quinn", "Nimbus Labs fired Dara Quinn", LEDGER_ORBITRA,
         "Dara Quinn resigned from Nimbus Labs", CIRCUIT),
        ("fired vs resigned", "Nimbus Labs", "Dara Quinn", "Nimbus Labs fired Dara Quinn", WARTA_PECAT,
         "Dara Quinn resigned from Nimbus Labs", CIRCUIT),
        ("different dates", "Nimbus Labs", "Dara Quinn", "2024-05-13", LEDGER_FIRES, "2024-05-14",
         LEDGER_ORBITRA),
    }),
    "sources_per_claim": ([], ("subject", "relation", "object", "sources", "articles"), {
        ("Nimbus Labs", "fired", "Dara Quinn", "2", "3"),
        ("Dara Quinn", "resigned", "Nimbus Labs", "1", "1"),
        ("Dara Quinn", "joined", "Orbitra", "1", "1"),
        ("Dara Quinn", "holdsPosition", "Nimbus Labs", "1", "1"),
        ("Priya Natarajan", "holdsPosition", "Nimbus Labs", "1", "1"),
        ("Budi Santoso", "joined", "Kopi Teknologi", "1", "1"),
        ("Budi Santoso", "holdsPosition", "Kopi Teknologi", "1", "1"),
        ("Budi Santoso", "holdsPosition", "Nimbus Labs", "1", "1"),
        ("Nimbus Labs", "developed", "Cirrus", "1", "1"),
        ("Orbitra", "investedIn", "Kopi Teknologi", "1", "1"),
        ("Orbitra", "offeredCompensation", "Nimbus Labs employees", "1", "1"),
    }),
    "moved_between_companies": ([], ("person", "from", "to", "left", "joined"), {
        ("Dara Quinn", "Nimbus Labs", "Orbitra", "2024-05-12", "2024-05-20"),
        ("Budi Santoso", "Nimbus Labs", "Kopi Teknologi", "", "2024-06-03"),
    }),
    "co_mentioned_organizations": ([], ("organizationA", "organizationB", "articles"), {
        ("Nimbus Labs", "Orbitra", "3"),
        ("Kopi Teknologi", "Nimbus Labs", "2"),
        ("Kopi Teknologi", "Orbitra", "2"),
    }),
    "articles_per_publisher": ([], ("publisher", "articles", "claims", "first", "last"), {
        ("The Ledger Wire", "2", "9", "2024-05-14", "2024-05-20"),
        ("Warta Tekno", "2", "5", "2024-05-16", "2024-06-04"),
        ("Circuit Daily", "1", "3", "2024-05-15", "2024-05-15"),
    }),
    "events": ([], ("date", "type", "participant", "modality", "source"), {
        ("2024-05-15", "outage", "Cirrus", "asserted", WARTA_PECAT),
    }),
    "entities": (["type=kg:Group"], ("name", "articles"), {
        ("Nimbus Labs employees", "2"),
    }),
}


@pytest.fixture(scope="module")
def queries():
    """Every query file, parsed once for the module (rdflib's parser is slow)."""
    return {path.stem: load_query(path) for path in QUERY_FILES}


def _rows(dataset, query) -> tuple[list[str], set[tuple[str, ...]]]:
    name = Path(query.source).stem
    binds, columns, _ = EXPECTED[name]
    names, rows = result_rows(run_query(dataset, query, parse_bindings(binds, query)))
    index = [names.index(c) for c in columns]
    return names, {tuple(short_term(row[i]) for i in index) for row in rows}


def test_every_query_file_has_a_header_and_expected_rows(queries):
    assert len(QUERY_FILES) >= 12
    for path in QUERY_FILES:
        query = queries[path.stem]
        assert query.info.title and query.info.question, f"{path.name}: header lacks title/question"
        assert "# params:" in path.read_text(encoding="utf-8"), f"{path.name}: no # params: line"
        assert set(query.info.params) <= query.bindable, f"{path.name}: a param is not bindable"
    assert {p.stem for p in QUERY_FILES} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_gives_expected_rows_in_memory(sample_dataset, queries, name):
    assert _rows(sample_dataset, queries[name])[1] == EXPECTED[name][2]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_gives_same_rows_on_oxigraph(sample_trig, queries, name):
    from kgraph.store import open_dataset

    dataset = open_dataset(graph=sample_trig)
    try:
        assert _rows(dataset, queries[name])[1] == EXPECTED[name][2]
    finally:
        dataset.close()


def test_fired_without_binding_ignores_denials_and_rumours(sample_dataset, queries):
    # Circuit Daily denies the firing: it never appears as a source of fired.rq
    _, rows = _rows(sample_dataset, queries["fired"])
    assert CIRCUIT not in {row[3] for row in rows}


def test_entity_aliases_of_both_languages_are_listed(sample_dataset, queries):
    query = queries["entities"]
    names, rows = result_rows(run_query(sample_dataset, query, parse_bindings(["type=kg:Group"], query)))
    (row,) = rows
    aliases = set(str(row[names.index("aliases")]).split(", "))
    assert aliases == {"Nimbus staff", "karyawan Nimbus Labs"}
