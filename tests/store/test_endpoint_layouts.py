"""Oxigraph, Fuseki and GraphDB URL layouts, driven against a fake server that keeps real graphs.

Fuseki and GraphDB cannot run here, so :class:`_FakeServer` stands in: it answers only at the
layout's query and graph store paths (404 elsewhere), keeps the PUT graphs, evaluates queries
with rdflib under each server's dataset rules, and records every request. The rules matter:
Fuseki's ``default-graph-uri=urn:x-arq:UnionGraph`` gives the union as default graph but no
named graphs; without it the default graph is the (empty) stored one. GraphDB's default graph
is always the union; Oxigraph's only with ``union-default-graph``.
"""
from __future__ import annotations

import doctest
import json
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from rdflib import Dataset, Graph, URIRef
from typer.testing import CliRunner

import kgraph.endpoint
from kgraph.cli import app
from kgraph.endpoint import LAYOUTS, Endpoint, parse_endpoint, reads_named_graphs
from kgraph.errors import EndpointError
from kgraph.models import Article
from kgraph.store.ingest import ingest
from tests.store.helpers import QuietHandler, make_fake, serve

UNION = "urn:x-arq:UnionGraph"
FIRED = "SELECT ?o WHERE { ?s <https://kgraph.dev/ns#fired> ?o }"


@dataclass
class Request:
    method: str
    path: str
    params: dict[str, list[str]]


@dataclass
class Fake:
    """What a fake server was set up as, and what it saw and holds."""

    flavour: str
    query_path: str
    store_path: str
    requests: list[Request] = field(default_factory=list)
    graphs: dict[str, Graph] = field(default_factory=dict)

    def seen(self, method: str) -> list[Request]:
        return [r for r in self.requests if r.method == method]


class _FakeServer(QuietHandler):
    fake: Fake

    def _begin(self) -> tuple[dict[str, list[str]], bytes]:
        parts = urlsplit(self.path)
        params = parse_qs(parts.query, keep_blank_values=True)
        self.fake.requests.append(Request(self.command, parts.path, params))
        return params, self.rfile.read(int(self.headers.get("Content-Length", 0)))

    def _path_is(self, expected: str) -> bool:
        if urlsplit(self.path).path == expected:
            return True
        self.send(404, b"no such service", "text/plain")
        return False

    def do_POST(self) -> None:
        params, body = self._begin()
        if not self._path_is(self.fake.query_path):
            return
        result = self._dataset(params).query(body.decode("utf-8"))
        if result.type == "CONSTRUCT":
            self.send(200, result.graph.serialize(format="nt").encode(), "application/n-triples")
        else:
            self.send(200, result.serialize(format="json"), "application/sparql-results+json")

    def _dataset(self, params: dict[str, list[str]]) -> Graph:
        """The dataset a query sees on this kind of server, given the request's parameters."""
        if self.fake.flavour == "fuseki" and params.get("default-graph-uri") == [UNION]:
            union = Graph()  # the union as default graph, and no named graphs at all
            for graph in self.fake.graphs.values():
                union += graph
            return union
        union = self.fake.flavour == "graphdb" or (
            self.fake.flavour == "oxigraph" and "union-default-graph" in params)
        dataset = Dataset(default_union=union)
        for iri, graph in self.fake.graphs.items():
            dataset.graph(URIRef(iri)).__iadd__(graph)
        return dataset

    def do_PUT(self) -> None:
        params, body = self._begin()
        if self._path_is(self.fake.store_path):
            self.fake.graphs[params["graph"][0]] = Graph().parse(data=body.decode("utf-8"), format="nt")
            self.send(201, b"", "text/plain")

    def do_DELETE(self) -> None:
        params, _ = self._begin()
        if self._path_is(self.fake.store_path):
            found = self.fake.graphs.pop(params["graph"][0], None) is not None
            self.send(204 if found else 404, b"" if found else b"no such graph", "text/plain")


# flavour, --endpoint string ({root} = http://127.0.0.1:PORT), query path, graph store path
SERVERS = {
    "oxigraph": ("oxigraph", "{root}", "/query", "/store"),
    "fuseki": ("fuseki", "fuseki:{root}/news", "/news/query", "/news/data"),
    "fuseki-guessed": ("fuseki", "{root}/news/", "/news/query", "/news/data"),
    "graphdb": ("graphdb", "{root}/repositories/news", "/repositories/news",
                "/repositories/news/rdf-graphs/service"),
}
# what a query over the default graph must carry to see the union, per flavour
UNION_PARAMS = {"oxigraph": {"union-default-graph": [""]}, "fuseki": {"default-graph-uri": [UNION]},
                "graphdb": {}}


@pytest.fixture(params=sorted(SERVERS))
def server(request: pytest.FixtureRequest) -> Iterator[tuple[Fake, str]]:
    """A fake server of each kind, and the --endpoint string that reaches it."""
    flavour, endpoint, query_path, store_path = SERVERS[request.param]
    fake = Fake(flavour, query_path, store_path)
    with serve(type("Handler", (_FakeServer,), {"fake": fake})) as root:
        yield fake, endpoint.format(root=root)


def batch(count: int) -> list[Article]:
    return [Article(id=f"a-{n}", lang="id", url=f"https://warta.example.id/layout/{n}",
                    text=f"Awan Data memberhentikan Budi Santoso {n} dari posisi CFO.") for n in range(count)]


def test_ingest_query_export_remove_through_each_layout(server: tuple[Fake, str]) -> None:
    fake, endpoint = server
    first = ingest(batch(3), Endpoint(endpoint), make_fake)
    assert len(first.added) == 3
    puts = fake.seen("PUT")
    assert {r.path for r in puts} == {fake.store_path}
    assert sorted(r.params["graph"][0] for r in puts) == sorted(fake.graphs) and len(fake.graphs) == 3

    # sending again finds every article through records() (a GRAPH query) and adds nothing
    again = ingest(batch(3), Endpoint(endpoint), make_fake)
    assert len(again.unchanged) == 3 and len(fake.seen("PUT")) == 3

    fake.requests.clear()
    result = CliRunner().invoke(app, ["query", FIRED, "--format", "json", "--endpoint", endpoint])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["results"]["bindings"]
    assert len(rows) == 3
    asked = fake.seen("POST")[-1]
    assert asked.path == fake.query_path and asked.params == UNION_PARAMS[fake.flavour]

    result = CliRunner().invoke(app, ["export", "--format", "trig", "--endpoint", endpoint])
    assert result.exit_code == 0, result.output
    exported = Dataset().parse(data=result.stdout, format="trig")
    assert {str(g.identifier) for g in exported.graphs() if len(g)} == set(fake.graphs)

    removed = sorted(fake.graphs)[0]
    result = CliRunner().invoke(app, ["remove", "https://warta.example.id/layout/0", "--endpoint", endpoint])
    assert result.exit_code == 0, result.output
    assert [(r.path, r.params["graph"]) for r in fake.seen("DELETE")] == [(fake.store_path, [removed])]
    assert len(fake.graphs) == 2
    assert Endpoint(endpoint).remove_graph(removed) is False  # the server answers 404: not there


def test_cli_ingest_into_fuseki_dataset(tmp_path: Path) -> None:
    fake = Fake("fuseki", "/news/query", "/news/data")
    article = tmp_path / "a.txt"
    article.write_text("Teluk Digital memberhentikan Joko Widodo dari jabatan COO.\n")
    with serve(type("Handler", (_FakeServer,), {"fake": fake})) as root:
        result = CliRunner().invoke(app, ["ingest", str(article), "--endpoint", f"fuseki:{root}/news"])
    assert result.exit_code == 0, result.output
    [put] = fake.seen("PUT")
    assert put.path == "/news/data" and list(fake.graphs) == put.params["graph"]
    ping = fake.seen("POST")[0]
    assert ping.path == "/news/query" and ping.params == {"default-graph-uri": [UNION]}


@pytest.mark.parametrize(("endpoint", "layout", "query_url", "store_url"), [
    ("http://h:7878", "oxigraph", "http://h:7878/query", "http://h:7878/store"),
    ("https://h:7878/", "oxigraph", "https://h:7878/query", "https://h:7878/store"),
    ("http://h:3030/news", "fuseki", "http://h:3030/news/query", "http://h:3030/news/data"),
    ("http://h/sparql/news/", "fuseki", "http://h/sparql/news/query", "http://h/sparql/news/data"),
    ("http://h:7200/repositories/kg", "graphdb", "http://h:7200/repositories/kg",
     "http://h:7200/repositories/kg/rdf-graphs/service"),
    ("http://h/graphdb/repositories/kg", "graphdb", "http://h/graphdb/repositories/kg",
     "http://h/graphdb/repositories/kg/rdf-graphs/service"),
    ("http://h:3030/repositories/kg/x", "fuseki", "http://h:3030/repositories/kg/x/query",
     "http://h:3030/repositories/kg/x/data"),
    # an explicit prefix wins over the guess
    ("fuseki:http://h:7200/repositories/kg", "fuseki", "http://h:7200/repositories/kg/query",
     "http://h:7200/repositories/kg/data"),
    ("oxigraph:http://h/proxy/oxi", "oxigraph", "http://h/proxy/oxi/query", "http://h/proxy/oxi/store"),
    ("GraphDB:http://h:7200/db", "graphdb", "http://h:7200/db", "http://h:7200/db/rdf-graphs/service"),
])
def test_layout_from_prefix_or_url_shape(endpoint: str, layout: str, query_url: str, store_url: str) -> None:
    server = Endpoint(endpoint)
    assert (server.layout, server.query_url, server.store_url) == (LAYOUTS[layout], query_url, store_url)


def test_unknown_prefix_names_the_known_ones() -> None:
    with pytest.raises(EndpointError) as caught:
        parse_endpoint("stardog:http://h:5820/news")
    assert str(caught.value) == ("endpoint stardog:http://h:5820/news: unknown server 'stardog' "
                                 "(known: oxigraph, fuseki, graphdb; or give the URL alone)")
    result = CliRunner().invoke(app, ["query", FIRED, "--endpoint", "virtuoso:http://h:8890/sparql"])
    assert result.exit_code == 1
    assert "kgraph: endpoint virtuoso:http://h:8890/sparql: unknown server 'virtuoso'" in result.output
    with pytest.raises(EndpointError, match=r"^endpoint fuseki:ftp://h/news: not an http\(s\) URL$"):
        Endpoint("fuseki:ftp://h/news")


@pytest.mark.parametrize(("endpoint", "where"), [
    ("{root}/news", "{root}/news/query"),
    ("{root}/repositories/news", "{root}/repositories/news"),
])
def test_dead_server_names_the_query_url_of_its_layout(endpoint: str, where: str) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        root = f"http://127.0.0.1:{s.getsockname()[1]}"
    where = re.escape(where.format(root=root))
    with pytest.raises(EndpointError, match=rf"^endpoint {where}: cannot connect .* after 2 attempts$"):
        Endpoint(endpoint.format(root=root), retries=1, backoff=0.01).ping()


@pytest.mark.parametrize(("sparql", "expected"), [
    ("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", True),
    ("select * { graph <https://x.org/g> { ?s ?p ?o } }", True),
    ("SELECT ?graph WHERE { ?graph <https://x.org/graph#GRAPH> ?o }", False),
    ('SELECT ?s WHERE { ?s ?p "GRAPH" } # GRAPH ?g in a comment', False),
    ("PREFIX graph: <https://x.org/> SELECT ?s WHERE { ?s graph:p ex:graph }", False),
    ("SELECT ?s WHERE { ?s <https://x.org/p> ?o . FILTER(?o < 3) GRAPH ?g { ?s ?p ?o } }", True),
])
def test_reads_named_graphs(sparql: str, expected: bool) -> None:
    assert reads_named_graphs(sparql) is expected


def test_docstring_examples() -> None:
    failed, attempted = doctest.testmod(kgraph.endpoint)
    assert attempted > 0 and failed == 0
