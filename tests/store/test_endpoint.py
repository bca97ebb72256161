"""Writing to and querying a SPARQL server: a real Oxigraph (KGRAPH_TEST_ENDPOINT) and failing fakes."""
from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.store.endpoint import Endpoint
from kgraph.errors import EndpointError
from kgraph.models import Article, Entity, Extraction, Relation
from kgraph.query import load_query, parse_query, run_query
from kgraph.store import open_dataset
from kgraph.store.ingest import GraphWriter, find_articles, ingest
from tests.store.helpers import QuietHandler, make_fake, serve

SERVER = os.environ.get("KGRAPH_TEST_ENDPOINT")
needs_server = pytest.mark.skipif(not SERVER, reason="KGRAPH_TEST_ENDPOINT is not set "
                                  "(start `oxigraph serve --location DIR --bind 127.0.0.1:7878` and export it)")


def batch(tag: str, count: int) -> list[Article]:
    """Articles whose URLs are unique to this test run, so a shared server does not matter."""
    return [Article(id=f"{tag}-{n}", lang="id", url=f"https://warta.example.id/{tag}/{n}",
                    text=f"Sinar Robotik memberhentikan Dewi Kartika {tag} {n} dari posisi CFO.")
            for n in range(count)]


@pytest.mark.server
@needs_server
def test_ingest_into_server_then_query_and_remove() -> None:
    tag = uuid.uuid4().hex[:10]
    server = Endpoint(SERVER)
    first = ingest(batch(tag, 4), server, make_fake)
    again = ingest(batch(tag, 4), server, make_fake)
    assert len(first.added) == 4 and len(again.unchanged) == 4
    query = (f'SELECT ?o WHERE {{ ?s <https://kgraph.dev/ns#fired> ?o . '
             f'FILTER(CONTAINS(STR(?o), "{tag}")) }}')
    assert len(list(open_dataset(endpoint=SERVER).query(query))) == 4
    for iri in find_articles(server.records(), f"https://warta.example.id/{tag}/0"):
        assert server.remove_graph(iri)
    assert len(list(open_dataset(endpoint=SERVER).query(query))) == 3


@pytest.mark.server
@needs_server
def test_cli_remove_on_server() -> None:
    tag = uuid.uuid4().hex[:10]
    ingest(batch(tag, 2), Endpoint(SERVER), make_fake)
    result = CliRunner().invoke(app, ["remove", f"https://warta.example.id/{tag}/1", "--endpoint", SERVER])
    assert result.exit_code == 0, result.output
    left = [r for r in Endpoint(SERVER).records() if tag in (r.url or "")]
    assert [r.url for r in left] == [f"https://warta.example.id/{tag}/0"]


def shared(tag: str, people: list[str]) -> list[Article]:
    """One article per person, each naming the same company (unique to ``tag``) as the firer."""
    return [Article(id=f"{tag}-{n}", lang="id", url=f"https://warta.example.id/{tag}/{n}",
                    text=f"Sinar Robotik {tag} memberhentikan {person} dari posisi CFO.")
            for n, person in enumerate(people)]


def count(sparql: str) -> int:
    """The ?n of a one-row COUNT query, run like ``kgraph query --endpoint`` runs it."""
    [row] = run_query(open_dataset(endpoint=SERVER), parse_query(sparql, "test.rq"))
    return int(row[0])


def named(name: str) -> int:
    """How many times the default graph states ``name`` as some entity's schema:name."""
    return count(f'SELECT (COUNT(*) AS ?n) WHERE {{ ?e schema:name "{name}" }}')


@pytest.mark.server
@needs_server
def test_server_default_graph_states_a_shared_entity_once() -> None:
    tag = uuid.uuid4().hex[:10]
    company = f"Sinar Robotik {tag}"
    report = ingest(shared(tag, [f"Dewi {tag} {n}" for n in range(3)]), Endpoint(SERVER), make_fake)
    assert len(report.added) == 3
    # three articles state the company's name: three times in their graphs, once in the default graph
    assert count(f'SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?e schema:name "{company}" }} }}') == 3
    assert named(company) == 1
    assert [named(f"Dewi {tag} {n}") for n in range(3)] == [1, 1, 1]
    assert Endpoint(SERVER).default_graph_kept()


@pytest.mark.server
@needs_server
def test_server_remove_keeps_what_other_articles_state() -> None:
    tag = uuid.uuid4().hex[:10]
    server = Endpoint(SERVER)
    ingest(shared(tag, [f"Dewi {tag} {n}" for n in range(3)]), server, make_fake)
    [iri] = find_articles(server.records(), f"https://warta.example.id/{tag}/0")
    assert server.remove_graph(iri)
    assert named(f"Sinar Robotik {tag}") == 1  # still stated by articles 1 and 2
    assert [named(f"Dewi {tag} {n}") for n in range(3)] == [0, 1, 1]
    assert count(f"SELECT (COUNT(*) AS ?n) WHERE {{ <{iri}> ?p ?o }}") == 0
    fired = (f"SELECT (COUNT(*) AS ?n) WHERE {{ ?c rdf:subject ?s ; rdf:predicate kg:fired . "
             f'?s schema:name "Sinar Robotik {tag}" }}')
    assert count(fired) == 2
    assert not server.remove_graph(iri)  # not there any more


@pytest.mark.server
@needs_server
def test_server_changed_article_leaves_no_old_triples() -> None:
    tag = uuid.uuid4().hex[:10]
    server = Endpoint(SERVER)
    ingest(shared(tag, [f"Dewi {tag} 0", f"Joko {tag} 1"]), server, make_fake)
    changed = shared(tag, [f"Dewi {tag} 0", f"Budi {tag} 1"])
    report = ingest(changed, server, make_fake)
    assert report.unchanged == [f"{tag}-0"] and report.replaced == [f"{tag}-1"]
    assert (named(f"Joko {tag} 1"), named(f"Budi {tag} 1"), named(f"Sinar Robotik {tag}")) == (0, 1, 1)
    [iri] = find_articles(server.records(), f"https://warta.example.id/{tag}/1")
    hashes = count(f"SELECT (COUNT(*) AS ?n) WHERE {{ <{iri}> kg:contentHash ?h }}")
    assert hashes == 1  # the old content hash left the default graph with the old text


class _Flaky(QuietHandler):
    """A SPARQL server that accepts ``accept`` graph PUTs, then answers every PUT with ``status``."""

    accept = 2
    status = 503
    puts: list[str] = []

    def do_POST(self) -> None:  # queries: ASK -> true, SELECT -> no rows
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        answer = {"head": {}, "boolean": True} if body.startswith("ASK") else \
            {"head": {"vars": ["g", "hash", "url"]}, "results": {"bindings": []}}
        self.send(200, json.dumps(answer).encode(), "application/sparql-results+json")

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).puts.append(self.path)
        accepted = sum(1 for _ in type(self).puts) <= type(self).accept
        self.send(201 if accepted else type(self).status, b"" if accepted else b"overloaded", "text/plain")


@pytest.fixture()
def flaky() -> Iterator[tuple[str, type[_Flaky]]]:
    handler = type("Handler", (_Flaky,), {"puts": []})
    with serve(handler) as url:
        yield url, handler


def test_failing_server_stops_after_bounded_retries_and_reports_unsent(flaky) -> None:
    url, handler = flaky
    report = ingest(batch("x", 5), Endpoint(url, retries=2, backoff=0.01), make_fake)
    assert report.added == ["x-0", "x-1"]
    assert report.unsent == ["x-2", "x-3", "x-4"]
    assert f"endpoint {url}/store: server error HTTP 503 after 3 attempts" == str(report.stopped)
    assert len(handler.puts) == 2 + 3  # two accepted, then one article tried three times


def test_refusing_server_fails_at_once(flaky) -> None:
    url, handler = flaky
    handler.accept, handler.status = 0, 403
    report = ingest(batch("y", 3), Endpoint(url, retries=3, backoff=0.01), make_fake)
    assert report.written == 0 and len(report.unsent) == 3 and len(handler.puts) == 1
    assert str(report.stopped) == f"endpoint {url}/store refused the request: HTTP 403 overloaded"


def test_dead_endpoint_names_the_url(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    with pytest.raises(EndpointError, match=rf"endpoint {url}/query: cannot connect .* after 2 attempts"):
        Endpoint(url, retries=1, backoff=0.01).ping()
    article = tmp_path / "a.txt"
    article.write_text("Teluk Digital memberhentikan Joko dari jabatan COO.\n")
    result = CliRunner().invoke(app, ["ingest", str(article), "--endpoint", url])
    assert result.exit_code == 1
    assert f"kgraph: endpoint {url}/query: cannot connect" in result.output


def _claim(tag: str, n: int, modality: str, day: str | None) -> Extraction:
    org, person = f"Sinar Robotik {tag}", f"Dewi Kartika {tag}"
    article = Article(id=f"{tag}-{n}", lang="id", url=f"https://warta.example.id/{tag}/{n}", text=f"{org} {person}")
    return Extraction(article, (Entity(org, "Organization"), Entity(person, "Person")),
                      (Relation(org, "fired", person, modality=modality, date=day),))


@pytest.mark.server
@needs_server
def test_server_articles_get_conflict_marks_and_lose_them_with_the_article() -> None:
    tag = uuid.uuid4().hex[:10]
    server, writer = Endpoint(SERVER), GraphWriter()
    graphs = [writer.ntriples(_claim(tag, n, modality, day))
              for n, (modality, day) in enumerate([("asserted", "2024-05-13"), ("asserted", "2024-05-20"),
                                                    ("negated", None)])]
    for iri, text in graphs:
        server.put(iri, text)

    def kinds() -> set[str]:
        rows = run_query(open_dataset(endpoint=SERVER), load_query("conflicts"))
        return {str(row[0]) for row in rows if tag in str(row[1])}

    assert kinds() == {"different dates", "asserted vs negated"}
    assert server.remove_graph(graphs[1][0])
    assert kinds() == {"asserted vs negated"}
