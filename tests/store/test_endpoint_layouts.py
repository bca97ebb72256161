"""Oxigraph, Fuseki and GraphDB URL layouts, driven against a fake server that keeps real graphs.

Fuseki and GraphDB cannot run here, so :class:`_FakeServer` stands in: it answers only at the
layout's query, update and graph store paths (404 elsewhere), keeps the PUT graphs and a stored
default graph, evaluates queries and updates with rdflib under each server's dataset rules, and
records every request. The rules matter: Fuseki's ``default-graph-uri=urn:x-arq:UnionGraph``
gives the union as default graph but no named graphs; without it the default graph is the stored
one. GraphDB's default graph is always the union (and kgraph sends it no update); Oxigraph's only
with ``union-default-graph``.
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

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from typer.testing import CliRunner

import kgraph.store.endpoint
from kgraph.cli import app
from kgraph.store.endpoint import DEFAULT_GRAPH_MARKER, LAYOUTS, Endpoint, parse_endpoint, reads_named_graphs
from kgraph.errors import EndpointError
from kgraph.models import Article
from kgraph.store.ingest import ingest
from tests.store.helpers import QuietHandler, extraction, make_fake, ntriples, serve

UNION = "urn:x-arq:UnionGraph"
FIRED = "SELECT ?o WHERE { ?s <https://kgraph.dev/ns#fired> ?o }"


@dataclass
class Request:
    method: str
    path: str
    params: dict[str, list[str]]
    body: str


@dataclass
class Fake:
    """What a fake server was set up as, and what it saw and holds."""

    flavour: str
    query_path: str
    store_path: str
    update_path: str | None = None  # None: the server has no update service (404)
    requests: list[Request] = field(default_factory=list)
    graphs: dict[str, Graph] = field(default_factory=dict)
    default: Graph = field(default_factory=Graph)  # the stored default graph

    def seen(self, method: str) -> list[Request]:
        return [r for r in self.requests if r.method == method]

    def writes(self) -> list[tuple[str, str]]:
        """(method, path) of every request but queries, in order."""
        return [(r.method, r.path) for r in self.requests if r.path != self.query_path]

    def union(self) -> set[tuple]:
        return {triple for graph in self.graphs.values() for triple in graph}


class _FakeServer(QuietHandler):
    fake: Fake

    def _begin(self) -> tuple[dict[str, list[str]], bytes]:
        parts = urlsplit(self.path)
        params = parse_qs(parts.query, keep_blank_values=True)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.fake.requests.append(Request(self.command, parts.path, params, body.decode("utf-8")))
        return params, body

    def _path_is(self, expected: str) -> bool:
        if urlsplit(self.path).path == expected:
            return True
        self.send(404, b"no such service", "text/plain")
        return False

    def do_POST(self) -> None:
        params, body = self._begin()
        if self.fake.update_path and urlsplit(self.path).path == self.fake.update_path:
            self._update(body.decode("utf-8"))
            return
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
        return self._stored(union=union)

    def _stored(self, *, union: bool) -> Dataset:
        dataset = Dataset(default_union=union)
        if not union:
            dataset.default_graph += self.fake.default
        for iri, graph in self.fake.graphs.items():
            dataset.graph(URIRef(iri)).__iadd__(graph)
        return dataset

    def _update(self, text: str) -> None:
        """Run a SPARQL update on the stored default and named graphs (with Oxigraph's engine:
        rdflib's INSERT DATA cannot add to a Dataset's default graph)."""
        engine = ox.Store()
        for name, graph in [(ox.DefaultGraph(), self.fake.default),
                            *((ox.NamedNode(iri), g) for iri, g in self.fake.graphs.items())]:
            engine.load(graph.serialize(format="nt").encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=name)
        engine.update(text)
        dataset = Dataset().parse(data=engine.dump(format=ox.RdfFormat.N_QUADS).decode(), format="nquads")
        self.fake.default = Graph() + dataset.default_graph
        self.fake.graphs = {str(g.identifier): Graph() + g for g in dataset.graphs()
                            if g.identifier != dataset.default_graph.identifier and len(g)}
        self.send(204, b"", "text/plain")

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


# flavour, --endpoint string ({root} = http://127.0.0.1:PORT), query, graph store, update paths
SERVERS = {
    "oxigraph": ("oxigraph", "{root}", "/query", "/store", "/update"),
    "fuseki": ("fuseki", "fuseki:{root}/news", "/news/query", "/news/data", "/news/update"),
    "fuseki-guessed": ("fuseki", "{root}/news/", "/news/query", "/news/data", "/news/update"),
    "graphdb": ("graphdb", "{root}/repositories/news", "/repositories/news",
                "/repositories/news/rdf-graphs/service", None),
}
# what a query over the default graph must carry to see the union, per flavour
UNION_PARAMS = {"oxigraph": {"union-default-graph": [""]}, "fuseki": {"default-graph-uri": [UNION]},
                "graphdb": {}}
MARKER = (URIRef(DEFAULT_GRAPH_MARKER[0]), URIRef(DEFAULT_GRAPH_MARKER[1]), Literal(DEFAULT_GRAPH_MARKER[2]))


@pytest.fixture(params=sorted(SERVERS))
def server(request: pytest.FixtureRequest) -> Iterator[tuple[Fake, str]]:
    """A fake server of each kind, and the --endpoint string that reaches it."""
    flavour, endpoint, query_path, store_path, update_path = SERVERS[request.param]
    fake = Fake(flavour, query_path, store_path, update_path)
    with serve(type("Handler", (_FakeServer,), {"fake": fake})) as root:
        yield fake, endpoint.format(root=root)


def batch(count: int) -> list[Article]:
    return [Article(id=f"a-{n}", lang="id", url=f"https://warta.example.id/layout/{n}",
                    text=f"Awan Data memberhentikan Budi Santoso {n} dari posisi CFO.") for n in range(count)]


def test_ingest_query_export_remove_through_each_layout(server: tuple[Fake, str]) -> None:
    fake, endpoint = server
    kept = fake.flavour != "graphdb"
    first = ingest(batch(3), Endpoint(endpoint), make_fake)
    assert len(first.added) == 3
    puts = fake.seen("PUT")
    assert {r.path for r in puts} == {fake.store_path}
    assert sorted(r.params["graph"][0] for r in puts) == sorted(fake.graphs) and len(fake.graphs) == 3
    # Oxigraph and Fuseki: one update before each PUT fills the default graph; GraphDB: no update
    article_writes = [("POST", fake.update_path), ("PUT", fake.store_path)] if kept else [("PUT", fake.store_path)]
    assert fake.writes() == article_writes * 3
    assert set(fake.default) == (fake.union() | {MARKER} if kept else set())

    # sending again finds every article through records() (a GRAPH query) and adds nothing
    again = ingest(batch(3), Endpoint(endpoint), make_fake)
    assert len(again.unchanged) == 3 and len(fake.seen("PUT")) == 3

    fake.requests.clear()
    result = CliRunner().invoke(app, ["query", FIRED, "--format", "json", "--endpoint", endpoint])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["results"]["bindings"]
    assert len(rows) == 3
    asked = fake.seen("POST")[-1]
    assert asked.path == fake.query_path and asked.params == ({} if kept else UNION_PARAMS[fake.flavour])

    result = CliRunner().invoke(app, ["export", "--format", "trig", "--endpoint", endpoint])
    assert result.exit_code == 0, result.output
    exported = Dataset().parse(data=result.stdout, format="trig")
    assert {str(g.identifier) for g in exported.graphs() if len(g)} == set(fake.graphs)

    removed = sorted(fake.graphs)[0]
    result = CliRunner().invoke(app, ["remove", "https://warta.example.id/layout/0", "--endpoint", endpoint])
    assert result.exit_code == 0, result.output
    assert [(r.path, r.params["graph"]) for r in fake.seen("DELETE")] == [(fake.store_path, [removed])]
    assert len(fake.graphs) == 2
    # the removed article's own triples left the default graph, the shared ones stayed
    assert set(fake.default) == (fake.union() | {MARKER} if kept else set())
    assert (None, None, Literal("Budi Santoso 0")) not in fake.default
    assert kept == ((None, None, Literal("Awan Data")) in fake.default)
    assert Endpoint(endpoint).remove_graph(removed) is False  # the server answers 404: not there
    assert all(r.path == fake.query_path for r in fake.seen("POST")) is not kept  # GraphDB: no update


def test_cli_ingest_into_fuseki_dataset(tmp_path: Path) -> None:
    fake = Fake("fuseki", "/news/query", "/news/data", "/news/update")
    article = tmp_path / "a.txt"
    article.write_text("Teluk Digital memberhentikan Joko Widodo dari jabatan COO.\n")
    with serve(type("Handler", (_FakeServer,), {"fake": fake})) as root:
        result = CliRunner().invoke(app, ["ingest", str(article), "--endpoint", f"fuseki:{root}/news"])
    assert result.exit_code == 0, result.output
    [put] = fake.seen("PUT")
    assert put.path == "/news/data" and list(fake.graphs) == put.params["graph"]
    ping = fake.seen("POST")[0]  # asks whether kgraph keeps the default graph, over the stored one
    assert ping.path == "/news/query" and ping.params == {} and DEFAULT_GRAPH_MARKER[1] in ping.body
    assert fake.writes() == [("POST", "/news/update"), ("PUT", "/news/data")]


@pytest.mark.parametrize("flavour", ["oxigraph", "fuseki"])
def test_server_filled_by_an_older_kgraph(flavour: str) -> None:
    """Named graphs and an empty default graph: queries use the union until kgraph writes there,
    and the first write copies every graph into the default graph with the marker."""
    _, endpoint, query_path, store_path, update_path = SERVERS[flavour]
    fake = Fake(flavour, query_path, store_path, update_path)
    old = dict(ntriples(extraction(n)) for n in range(3))
    fake.graphs = {iri: Graph().parse(data=text, format="nt") for iri, text in old.items()}
    with serve(type("Handler", (_FakeServer,), {"fake": fake})) as root:
        endpoint = endpoint.format(root=root)
        result = CliRunner().invoke(app, ["query", FIRED, "--format", "json", "--endpoint", endpoint])
        assert result.exit_code == 0, result.output
        assert len(json.loads(result.stdout)["results"]["bindings"]) == 3
        assert fake.seen("POST")[-1].params == UNION_PARAMS[flavour]
        server = Endpoint(endpoint)
        assert sorted(r.iri for r in server.records()) == sorted(server.graph_names()) == sorted(old)
        assert fake.writes() == [] and len(fake.default) == 0  # reading changes nothing

        iri, text = ntriples(extraction(3))
        server.put(iri, text)
        [upgrade] = [r.body for r in fake.seen("POST") if r.path == update_path]
        assert upgrade.startswith("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } } ;")
        assert set(fake.default) == fake.union() | {MARKER}
        server.put(*ntriples(extraction(4)))  # the marker is known now: no second copy
        assert [r.body.startswith("INSERT {") for r in fake.seen("POST") if r.path == update_path] == [True, False]

        result = CliRunner().invoke(app, ["query", FIRED, "--format", "json", "--endpoint", endpoint])
        assert len(json.loads(result.stdout)["results"]["bindings"]) == 5
        assert fake.seen("POST")[-1].params == {}


def test_failed_update_leaves_the_article_unsent() -> None:
    """The update before the PUT fails: the named graph is not written, the ingest lists it unsent."""
    fake = Fake("fuseki", "/news/query", "/news/data")  # no update service: 404
    with serve(type("Handler", (_FakeServer,), {"fake": fake})) as root:
        report = ingest(batch(2), Endpoint(f"{root}/news"), make_fake)
    assert report.written == 0 and report.unsent == ["a-0", "a-1"] and fake.graphs == {}
    assert str(report.stopped) == (f"endpoint {root}/news/update refused the request: "
                                   "HTTP 404 no such service")
    assert fake.seen("PUT") == []


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


@pytest.mark.parametrize(("endpoint", "update_url", "keeps_default_graph"), [
    ("http://h:7878", "http://h:7878/update", True),
    ("http://h:3030/news/", "http://h:3030/news/update", True),
    ("http://h:7200/repositories/kg", "http://h:7200/repositories/kg/statements", False),
])
def test_update_service_and_who_keeps_the_default_graph(endpoint: str, update_url: str,
                                                        keeps_default_graph: bool) -> None:
    server = Endpoint(endpoint)
    assert (server.update_url, server.layout.keeps_default_graph) == (update_url, keeps_default_graph)


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
    failed, attempted = doctest.testmod(kgraph.store.endpoint)
    assert attempted > 0 and failed == 0
