"""`kgraph query` as a user runs it: tables, W3C result formats, safe bindings, clear errors."""
from __future__ import annotations

import csv
import os
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph.cli import app
from tests.store.helpers import on_endpoint

QUERIES = Path(__file__).resolve().parents[2] / "queries"
runner = CliRunner()


def _query(*args: str):
    return runner.invoke(app, ["query", *args], catch_exceptions=False)


def test_fired_table_names_firer_fired_date_and_source(sample_trig):
    result = _query(str(QUERIES / "fired.rq"), "--graph", str(sample_trig))
    assert result.exit_code == 0, result.output
    assert "Who fired whom" in result.output
    line = next(li for li in result.output.splitlines() if "2024-05-13" in li)
    assert "Nimbus Labs" in line and "Dara Quinn" in line and "Nimbus Labs fires CEO Dara Quinn" in line


def test_json_follows_the_w3c_results_format(sample_trig):
    result = _query(str(QUERIES / "positions.rq"), "--graph", str(sample_trig),
                    "--bind", "person=Priya Natarajan", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["head"]["vars"][:3] == ["person", "role", "organization"]
    (row,) = data["results"]["bindings"]
    assert row["person"] == {"type": "literal", "value": "Priya Natarajan"}
    assert row["status"] == {"type": "literal", "value": "interim"}
    assert row["date"]["datatype"] == "http://www.w3.org/2001/XMLSchema#date"
    assert row["article"]["type"] == "uri"


def test_csv_and_tsv_follow_the_w3c_results_format(sample_trig):
    raw = _query(str(QUERIES / "fired.rq"), "--graph", str(sample_trig), "-f", "csv").stdout_bytes
    assert raw.count(b"\r\n") == 4  # header and three rows, CRLF as the W3C CSV format says
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert rows[0][:3] == ["firer", "fired", "date"]
    assert ["Nimbus Labs", "Dara Quinn", "2024-05-13"] in [r[:3] for r in rows[1:]]
    # an evidence sentence with a comma is quoted, not split
    assert "Orbitra hired Dara Quinn, who was fired by Nimbus Labs on Tuesday." in [r[7] for r in rows]
    tsv = _query(str(QUERIES / "fired.rq"), "--graph", str(sample_trig), "-f", "tsv").stdout.splitlines()
    assert tsv[0].split("\t")[:3] == ["?firer", "?fired", "?date"]
    dated = next(li.split("\t") for li in tsv[1:] if "2024-05-13" in li)
    assert dated[0] == '"Nimbus Labs"'
    assert dated[2] == '"2024-05-13"^^<http://www.w3.org/2001/XMLSchema#date>'
    assert dated[6].startswith("<https://kgraph.dev/id/article/")


def test_bound_value_is_only_ever_a_literal(sample_trig):
    result = _query(str(QUERIES / "positions.rq"), "--graph", str(sample_trig),
                    "--bind", 'person=x" } ; DROP ALL ; #', "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"]["bindings"] == []
    # the graph is untouched: the same query without the binding still finds everyone
    again = _query(str(QUERIES / "positions.rq"), "--graph", str(sample_trig), "-f", "json")
    assert len(json.loads(again.stdout)["results"]["bindings"]) == 4


def test_invalid_query_gives_line_and_column_and_exit_2(sample_trig):
    result = _query("SELECT ?x WHERE {\n  ?x ?y \n}", "--graph", str(sample_trig))
    assert result.exit_code == 2
    assert "invalid SPARQL at line 3, column" in result.output
    assert "Traceback" not in result.output


def test_invalid_query_file_is_named(tmp_path, sample_trig):
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: broken\nSELECT ?x WHERE { ?x schema:name }\n", encoding="utf-8")
    result = _query(str(bad), "--graph", str(sample_trig))
    assert result.exit_code == 2
    assert f"{bad}: invalid SPARQL at line 2, column" in result.output


def test_unknown_bind_name_is_exit_2(sample_trig):
    result = _query(str(QUERIES / "fired.rq"), "--graph", str(sample_trig), "--bind", "boss=Acme")
    assert result.exit_code == 2
    assert "--bind boss" in result.output and "?firer" in result.output


def test_missing_query_file_and_graph_are_one_line_errors(sample_trig, tmp_path):
    result = _query(str(tmp_path / "nope.rq"), "--graph", str(sample_trig))
    assert result.exit_code == 2 and "no such query file" in result.output
    result = _query(str(QUERIES / "fired.rq"), "--graph", str(tmp_path / "missing.ttl"))
    assert result.exit_code == 2 and "missing.ttl" in result.output


def test_update_queries_are_refused(sample_trig):
    result = _query("DROP ALL", "--graph", str(sample_trig))
    assert result.exit_code == 2 and "runs read-only queries" in result.output


def test_ask_query_answers_yes_or_no(sample_trig):
    ask = "ASK { ?o kg:fired ?p . ?p schema:name 'Dara Quinn' }"
    assert _query(ask, "--graph", str(sample_trig)).stdout.strip() == "yes"
    assert json.loads(_query(ask, "--graph", str(sample_trig), "-f", "json").stdout) == \
        {"head": {}, "boolean": True}


def test_query_by_name_and_list(sample_trig, monkeypatch):
    monkeypatch.chdir(QUERIES.parent)
    result = _query("conflicts", "--graph", str(sample_trig), "-f", "csv")
    assert result.exit_code == 0, result.output
    assert "fired vs resigned" in result.stdout
    listing = _query("--list")
    assert "leadership_timeline" in listing.stdout and "?organization" in listing.stdout
    # elsewhere, a name still finds the query in the kgraph checkout
    monkeypatch.chdir(sample_trig.parent)
    elsewhere = _query("events", "--graph", str(sample_trig), "-f", "csv")
    assert elsewhere.exit_code == 0 and "outage,Cirrus" in elsewhere.stdout


@pytest.mark.parametrize("command", ["query", "export", "ontology", "validate"])
def test_commands_have_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


@pytest.mark.server
@pytest.mark.skipif(not os.environ.get("KGRAPH_TEST_ENDPOINT"), reason="KGRAPH_TEST_ENDPOINT is not set "
                    "(.ci/run starts an Oxigraph server and sets it)")
def test_query_and_export_through_a_sparql_endpoint(sample_dataset):
    url = os.environ["KGRAPH_TEST_ENDPOINT"]
    with on_endpoint(sample_dataset, url) as (endpoint, names):
        result = _query(str(QUERIES / "positions.rq"), "--endpoint", url, "--bind", "person=Priya Natarajan",
                        "-f", "json")
        assert result.exit_code == 0, result.output
        (row,) = json.loads(result.stdout)["results"]["bindings"]
        assert (row["role"]["value"], row["status"]["value"]) == ("CEO", "interim")
        hostile = _query(str(QUERIES / "positions.rq"), "--endpoint", url, "--bind",
                         'person=x" } ; DROP ALL ; #', "-f", "json")
        assert hostile.exit_code == 0 and json.loads(hostile.stdout)["results"]["bindings"] == []
        assert len(endpoint.graph_names()) >= len(names)  # nothing was dropped
        exported = runner.invoke(app, ["export", "--endpoint", url, "--format", "trig"])
        assert exported.exit_code == 0 and "kg:fired person:dara-quinn" in exported.stdout


def test_without_a_source_the_built_graph_is_read(tmp_path, monkeypatch, sample_turtle):
    monkeypatch.chdir(tmp_path)
    missing = _query(str(QUERIES / "fired.rq"))
    assert missing.exit_code == 2 and "run kgraph build first" in missing.output
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "graph.ttl").write_bytes(sample_turtle.read_bytes())
    found = _query(str(QUERIES / "fired.rq"), "-f", "csv")
    assert found.exit_code == 0, found.output
    assert found.stdout.count("\nNimbus Labs,Dara Quinn,") == 3
    both = _query(str(QUERIES / "fired.rq"), "--graph", str(sample_turtle), "--store", "output/store")
    assert both.exit_code == 2 and "only one of" in both.output


def test_a_table_shows_the_first_rows_and_says_how_many_there_are(sample_trig):
    every = _query(str(QUERIES / "entities.rq"), "--graph", str(sample_trig), "-f", "csv").stdout
    total = len(every.strip().splitlines()) - 1
    assert total > 3
    result = _query(str(QUERIES / "entities.rq"), "--graph", str(sample_trig), "--limit", "2")
    assert result.exit_code == 0, result.output
    assert f"{total} rows, the first 2 shown" in result.output
    names = [line.split(",")[0] for line in every.strip().splitlines()[1:]]
    assert names[0] in result.stdout and names[1] in result.stdout and names[-1] not in result.stdout
    assert f"{total} rows\n" in _query(str(QUERIES / "entities.rq"), "--graph", str(sample_trig),
                                       "--limit", "0").output


def test_language_tags_blank_nodes_and_construct_answers_keep_their_terms(tmp_path):
    graph = tmp_path / "terms.ttl"
    graph.write_text('@prefix s: <https://schema.org/> .\n'
                     '<https://x.org/a> s:name "Jakarta"@id, "plain" ; s:knows [ s:name "anon" ] ;\n'
                     '    s:age 42 .\n', encoding="utf-8")
    text = "SELECT ?name ?friend ?age WHERE { ?x schema:name ?name . OPTIONAL { ?x schema:knows ?friend } " \
           "OPTIONAL { ?x schema:age ?age } } ORDER BY ?name"
    rows = json.loads(_query(text, "--graph", str(graph), "-f", "json").stdout)["results"]["bindings"]
    by_name = {row["name"]["value"]: row for row in rows}
    assert by_name["Jakarta"]["name"] == {"type": "literal", "value": "Jakarta", "xml:lang": "id"}
    assert by_name["plain"]["name"] == {"type": "literal", "value": "plain"}  # no xsd:string
    assert by_name["plain"]["friend"]["type"] == "bnode"
    assert by_name["plain"]["age"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    assert set(by_name["anon"]) == {"name"}  # unbound variables are left out, not empty
    tsv = _query(text, "--graph", str(graph), "-f", "tsv").stdout
    assert '"Jakarta"@id' in tsv and '"plain"\t_:' in tsv
    turtle = _query("CONSTRUCT { ?x <https://x.org/label> ?n } WHERE { ?x schema:name ?n }",
                    "--graph", str(graph)).stdout
    from rdflib import Graph, Literal, URIRef
    built = Graph().parse(data=turtle, format="turtle")
    assert (URIRef("https://x.org/a"), URIRef("https://x.org/label"), Literal("Jakarta", lang="id")) in built
    assert len(built) == 3


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_streamed_formats_are_the_whole_answer_formats_byte_for_byte(sample_trig, fmt):
    from kgraph.query import load_query, run_query
    from kgraph.rdf.results import format_result
    from kgraph.store import open_dataset

    for name in ("fired", "entities", "uncertain_negated"):
        dataset = open_dataset(graph=sample_trig)
        whole = format_result(run_query(dataset, load_query(QUERIES / f"{name}.rq")), fmt)
        streamed = _query(str(QUERIES / f"{name}.rq"), "--graph", str(sample_trig), "-f", fmt).stdout_bytes
        assert streamed == whole.encode("utf-8") and streamed.count(b"\n") > 2


def _slow_answer(monkeypatch, rows: int, *, seen: dict, at: int, fail: bool = False) -> None:
    """`kgraph query` gets an answer of ``rows`` rows whose row ``at`` notes what stdout held then."""
    import sys

    from rdflib import Literal

    import kgraph.query
    from kgraph.errors import QueryError
    from kgraph.rdf.rows import Rows

    def answer(*args, **kwargs):
        def read():
            for number in range(rows):
                if number == at:
                    sys.stdout.flush()
                    seen["stdout"] = sys.stdout.buffer.getvalue().decode("utf-8")
                    if fail:
                        raise QueryError("test.rq: the query failed: disk gone")
                yield [Literal(f"name-{number:05d}"), None]
        return Rows(["name", "type"], read())

    monkeypatch.setattr(kgraph.query, "query_rows", answer)


def test_a_table_page_is_shown_before_the_answer_is_complete(sample_trig, monkeypatch):
    seen: dict = {}
    _slow_answer(monkeypatch, 5000, seen=seen, at=4000)
    result = _query(str(QUERIES / "entities.rq"), "--graph", str(sample_trig), "--limit", "20")
    assert result.exit_code == 0, result.output
    assert "name-00019" in seen["stdout"] and "name-00020" not in seen["stdout"]  # the page, before row 4,000
    assert "5,000 rows, the first 20 shown" in result.output


@pytest.mark.parametrize("fmt", ["tsv", "json"])  # csv: Oxigraph writes it (the next test)
def test_formats_write_rows_as_they_come(sample_trig, monkeypatch, fmt):
    seen: dict = {}
    _slow_answer(monkeypatch, 20000, seen=seen, at=19000, fail=True)
    result = runner.invoke(app, ["query", str(QUERIES / "entities.rq"), "--graph", str(sample_trig), "-f", fmt])
    assert result.exit_code == 2 and "disk gone" in result.output  # a QueryError, as from the engine
    assert "name-00000" in seen["stdout"]  # written long before the last row was read
    assert "name-18000" in result.stdout and "name-19000" not in result.stdout


def test_csv_from_a_store_is_written_by_the_engine_as_it_reads(tmp_path):
    import pyoxigraph as ox

    from kgraph.query import parse_query, query_rows, write_answer
    from kgraph.rdf.rows import write_rows

    store = ox.Store()
    name = ox.NamedNode("https://schema.org/name")
    store.extend(ox.Quad(ox.NamedNode(f"https://x.org/e{i}"), name, ox.Literal(f"name, {i}"))
                 for i in range(20000))

    class Dataset:
        oxigraph = store

    class Out(io.TextIOBase):
        def __init__(self):
            self.buffer = self
            self.pieces: list[bytes] = []

        def write(self, data):  # only bytes reach it: a text write would fail the join below
            self.pieces.append(data)
            return len(data)

    query = parse_query("SELECT ?e ?name WHERE { ?e schema:name ?name } ORDER BY ?name", "t.rq")
    out = Out()
    write_answer(Dataset(), query, "csv", out)
    expected = io.StringIO(newline="")
    write_rows(query_rows(Dataset(), query), "csv", expected)
    assert len(out.pieces) > 10  # written piece by piece, not as one answer
    assert b"".join(out.pieces) == expected.getvalue().encode("utf-8")
    assert out.pieces[-1].endswith(b'"name, 9999"\r\n')  # the last row in the last piece
