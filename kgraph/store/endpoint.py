"""A remote SPARQL 1.1 server: write articles' named graphs, query them as one graph.

Writes go through the SPARQL 1.1 Graph Store HTTP Protocol (``PUT``/``DELETE`` on the server's
graph store service with ``?graph=IRI``, N-Triples body) and the SPARQL 1.1 Update service,
queries through the SPARQL 1.1 Protocol (``POST`` of the query text). Servers put those services
at different paths; the :data:`LAYOUTS` table declares them:

- ``oxigraph``: ``url`` is the server (``http://host:7878``); queries ``{url}/query``, updates
  ``{url}/update``, graphs ``{url}/store``.
- ``fuseki`` (Apache Jena Fuseki): ``url`` is a dataset (``http://host:3030/DATASET``); queries
  ``{url}/query``, updates ``{url}/update``, graphs ``{url}/data``.
- ``graphdb``: ``url`` is a repository (``http://host:7200/repositories/REPO``); queries
  ``{url}`` itself, graphs ``{url}/rdf-graphs/service`` (updates, unused, ``{url}/statements``).

An endpoint string may name its layout (``fuseki:http://host:3030/news``); otherwise the
layout is guessed from the URL's path (:func:`parse_endpoint`).

On Oxigraph and Fuseki kgraph keeps the server's default graph equal to the *set* union of the
articles' named graphs, as the local store does (:mod:`kgraph.store.local`), and queries run on
that default graph: the servers' own union of named graphs repeats a triple once per article
stating it (an entity's name, type, aliases), which multiplies joins on popular entities (500
articles in Oxigraph: ``fired.rq`` 34 ms over the union, 21 ms over the set; a query without
the DISTINCT look-ups of ``queries/`` suffers far more). :meth:`Endpoint.put` writes an
article in three steps, so that re-running an interrupted ingest repairs it (the named graph,
which :meth:`Endpoint.records` reads, is written last and is the commit point): one SPARQL
update deletes from the default graph the
triples only the article's old graph states and adds the new triples, then the named graph is
replaced with a Graph Store ``PUT``. :meth:`Endpoint.remove_graph` does the deletion, then
``DELETE`` of the graph.

The same update asserts the marker triple :data:`DEFAULT_GRAPH_MARKER`
(``<https://kgraph.dev/id/store> <https://kgraph.dev/ns#defaultGraph> "set"``) in the default
graph. A server filled by an older kgraph has named graphs but an empty default graph and no
marker: an :class:`Endpoint` asks once (one ``ASK``) whether the marker is there, and without it
queries the union of the named graphs as before (Oxigraph's ``union-default-graph`` parameter,
Fuseki's ``default-graph-uri=urn:x-arq:UnionGraph``). The first article written to such a server
first copies every named graph into the default graph, so the marker is only ever beside a
complete default graph. The marker is an ordinary triple of the default graph: whole-graph
exports in Turtle or N-Triples include it. Fuseki's union parameter also hides the named graphs
themselves, so there a query with ``GRAPH`` patterns (:meth:`Endpoint.records`, an export
keeping one graph per article) goes without it; with the kept default graph no parameter is
sent at all. GraphDB's default graph already reads as all statements, and kgraph leaves it
alone.

Network failures and 5xx answers are retried a bounded number of times with exponential
backoff, all within one deadline per request (``timeout``, 30 s by default: a server that
accepts and never answers, or trickles its answer, cannot hold a command longer); then, or on a
4xx answer, :class:`~kgraph.errors.EndpointError` names the URL and the
reason.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass
from io import BytesIO
from typing import Any
from urllib.parse import urlsplit

import requests
from rdflib import Dataset
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result

from kgraph.deadline import call_within
from kgraph.errors import EndpointError
from kgraph.rdf.conflicts import with_conflict_marks
from kgraph.rdf.sparql_text import sparql_tokens
from kgraph.store.local import (INDEX_QUERY, UNION_TO_DEFAULT_UPDATE, ArticleRecord, delete_unshared_update,
                                insert_default_update)

__all__ = ["ServerLayout", "LAYOUTS", "DEFAULT_GRAPH_MARKER", "DEFAULT_TIMEOUT", "parse_endpoint", "reads_named_graphs",
           "Endpoint", "endpoint_dataset"]

_ACCEPT = ("application/sparql-results+json, application/n-triples;q=0.9, "
           "text/turtle;q=0.8, application/sparql-results+xml;q=0.5")


@dataclass(frozen=True)
class ServerLayout:
    """Where one kind of SPARQL server puts its services, relative to the URL it is given.

    Attributes
    ----------
    name : str
        The layout's name, also the prefix that selects it (``fuseki:http://...``).
    query_path : str
        Appended to the URL for the SPARQL 1.1 Protocol query service ("" = the URL itself).
    store_path : str
        Appended to the URL for the Graph Store HTTP Protocol service.
    update_path : str
        Appended to the URL for the SPARQL 1.1 Update service.
    union_params : tuple of (str, str)
        Query parameters asking for the union of the named graphs as the default graph; empty
        when the server's default graph already is that union.
    union_hides_named_graphs : bool
        With ``union_params`` sent, ``GRAPH`` patterns find no named graph (the parameters are
        a dataset description, SPARQL 1.1 Protocol), so queries with them are sent without.
    keeps_default_graph : bool
        kgraph keeps the server's default graph as the set union of the named graphs (through
        the update service) and queries it instead of ``union_params``.
    """

    name: str
    query_path: str
    store_path: str
    update_path: str
    union_params: tuple[tuple[str, str], ...] = ()
    union_hides_named_graphs: bool = False
    keeps_default_graph: bool = False


LAYOUTS: dict[str, ServerLayout] = {layout.name: layout for layout in (
    ServerLayout("oxigraph", "/query", "/store", "/update", (("union-default-graph", ""),),
                 keeps_default_graph=True),
    ServerLayout("fuseki", "/query", "/data", "/update", (("default-graph-uri", "urn:x-arq:UnionGraph"),),
                 union_hides_named_graphs=True, keeps_default_graph=True),
    ServerLayout("graphdb", "", "/rdf-graphs/service", "/statements"),
)}
"""The server layouts kgraph knows, by name (and ``--endpoint`` prefix)."""

DEFAULT_GRAPH_MARKER = ("https://kgraph.dev/id/store", "https://kgraph.dev/ns#defaultGraph", "set")
"""Subject, predicate and literal of the triple saying "kgraph keeps this default graph"."""
_MARKER_TRIPLE = '<{}> <{}> "{}"'.format(*DEFAULT_GRAPH_MARKER)

DEFAULT_TIMEOUT = 30.0
"""Seconds a request to a server may take, retries and answer included (``--timeout``)."""

_PREFIX = re.compile(r"^([A-Za-z][\w.+-]*):(?=https?://)")
_GRAPHDB_PATH = re.compile(r"/repositories/[^/]+$")


def parse_endpoint(endpoint: str) -> tuple[ServerLayout, str]:
    """The server layout and the plain URL of an ``--endpoint`` string.

    A ``NAME:`` prefix (``oxigraph:``, ``fuseki:``, ``graphdb:``) chooses the layout; without one
    it is guessed from the URL's path: ``.../repositories/NAME`` is GraphDB, any other path
    Fuseki, no path Oxigraph.

    Raises
    ------
    EndpointError
        The prefix names no known layout, or the URL is not http(s).

    Examples
    --------
    >>> layout, url = parse_endpoint("http://127.0.0.1:3030/news/")
    >>> layout.name, url
    ('fuseki', 'http://127.0.0.1:3030/news')
    >>> parse_endpoint("graphdb:http://db:7200/repositories/kg")[0].name
    'graphdb'
    """
    prefix = _PREFIX.match(endpoint)
    url = endpoint[prefix.end():] if prefix else endpoint
    if not url.startswith(("http://", "https://")):
        raise EndpointError(f"endpoint {endpoint}: not an http(s) URL")
    url = url.rstrip("/")
    if prefix:
        name = prefix.group(1).lower()
        if name not in LAYOUTS:
            raise EndpointError(f"endpoint {endpoint}: unknown server {prefix.group(1)!r} "
                                f"(known: {', '.join(LAYOUTS)}; or give the URL alone)")
        return LAYOUTS[name], url
    path = urlsplit(url).path
    if not path:
        return LAYOUTS["oxigraph"], url
    return LAYOUTS["graphdb" if _GRAPHDB_PATH.search(path) else "fuseki"], url


def reads_named_graphs(sparql: str) -> bool:
    """Whether the query has the ``GRAPH`` keyword (outside IRIs, strings and comments).

    >>> reads_named_graphs("SELECT ?g WHERE { GRAPH ?g { } }")
    True
    >>> reads_named_graphs('SELECT ?graph WHERE { ?graph <https://x.org/graph> "GRAPH" } # graph')
    False
    """
    return any(token == "GRAPH" for token, _ in sparql_tokens(sparql))


class Endpoint:
    """A SPARQL server at ``url``, laid out as Oxigraph, Fuseki or GraphDB (:data:`LAYOUTS`).

    Parameters
    ----------
    url : str
        The server's URL, optionally prefixed with its layout's name (:func:`parse_endpoint`):
        ``http://127.0.0.1:7878`` (Oxigraph), ``http://host:3030/news`` (a Fuseki dataset),
        ``http://host:7200/repositories/news`` (a GraphDB repository).
    retries : int
        How many times a failed request is retried (network error or 5xx answer).
    backoff : float
        Seconds before the first retry; doubled for each further one.
    timeout : float
        Seconds one request may take, retries and the whole answer included
        (:data:`DEFAULT_TIMEOUT`; ``--timeout``); 0 for no limit.
    union_default_graph : bool
        Answer queries over every article's triples, as the local store does: the default
        graph kgraph keeps, else (a server without the marker, GraphDB) the union of all named
        graphs through the layout's ``union_params``. False: the server's default graph as is.

    Raises
    ------
    EndpointError
        ``url`` is not http(s) or its prefix names no known layout.
    """

    def __init__(self, url: str, *, retries: int = 3, backoff: float = 0.5, timeout: float = DEFAULT_TIMEOUT,
                 union_default_graph: bool = True) -> None:
        self.layout, self.url = parse_endpoint(url)
        self.query_url = self.url + self.layout.query_path
        self.store_url = self.url + self.layout.store_path
        self.update_url = self.url + self.layout.update_path
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self.union_default_graph = union_default_graph
        self._session = requests.Session()
        self._kept: bool | None = None  # the server has DEFAULT_GRAPH_MARKER (asked once)

    def _request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """Send one request, retrying network errors and 5xx answers; 4xx fails at once.

        The request, its retries and its whole answer take at most ``timeout`` seconds: a
        server that accepts and never answers, or trickles its answer byte by byte, is given
        up on then (the abandoned transfer finishes or fails in a daemon thread).
        """
        deadline = time.monotonic() + self.timeout if self.timeout > 0 else float("inf")  # 0: no limit
        reason = ""
        attempts = 0
        for attempt in range(self.retries + 1):
            if attempt:
                pause = self.backoff * 2 ** (attempt - 1)
                if time.monotonic() + pause >= deadline:
                    break
                time.sleep(pause)
            left = deadline - time.monotonic()
            if left <= 0:
                break
            seconds = left if left != float("inf") else None
            attempts += 1
            try:
                response = self._send(method, url, seconds, **kwargs)
            except requests.Timeout:
                reason = ""  # the deadline passed waiting for this answer
                break
            except requests.RequestException as error:
                reason = f"cannot connect ({type(error).__name__})"
                continue
            if response.status_code >= 500:
                reason = f"server error HTTP {response.status_code}"
                continue
            if response.status_code >= 400:
                detail = response.text.strip().splitlines()[0][:200] if response.text.strip() else ""
                raise EndpointError(f"endpoint {url} refused the request: HTTP {response.status_code}"
                                    + (f" {detail}" if detail else ""))
            return response
        if not reason:
            raise EndpointError(f"endpoint {url}: no complete answer within {self.timeout:g} s "
                                f"(--timeout {self.timeout:g}; {attempts} attempt{'s' if attempts != 1 else ''})")
        raise EndpointError(f"endpoint {url}: {reason} after {attempts} attempt{'s' if attempts != 1 else ''}")

    def _send(self, method: str, url: str, seconds: float | None, **kwargs: Any) -> requests.Response:
        """One HTTP exchange, body included, within ``seconds`` (None: no limit; else requests.Timeout).

        requests' own timeout bounds each socket read, not the whole answer, so the exchange
        runs in a daemon thread that is abandoned (with the session it used) when time is up.
        """
        session = self._session
        try:
            return call_within(lambda: session.request(method, url, timeout=seconds, **kwargs), seconds,
                               name=f"kgraph-http {url}")
        except TimeoutError:
            self._session = requests.Session()  # the old one stays with the abandoned exchange
            raise requests.Timeout(f"no answer within {seconds or 0:g} s") from None

    def query(self, sparql: str, *, default_graph: str | None = None) -> Result:
        """Run a SPARQL query; the result as an rdflib :class:`~rdflib.query.Result`."""
        params: dict[str, str] = {}
        if default_graph is not None:
            params["default-graph-uri"] = default_graph
        elif self.union_default_graph and not self.default_graph_kept() and not (
                self.layout.union_hides_named_graphs and reads_named_graphs(sparql)):
            params.update(self.layout.union_params)
        return self._query(sparql, params)

    def _query(self, sparql: str, params: dict[str, str]) -> Result:
        response = self._request("POST", self.query_url, params=params, data=sparql.encode("utf-8"),
                                 headers={"Content-Type": "application/sparql-query; charset=utf-8",
                                          "Accept": _ACCEPT})
        content_type = response.headers.get("Content-Type", "application/sparql-results+json")
        try:
            return Result.parse(BytesIO(response.content), content_type=content_type.split(";")[0])
        except Exception as error:  # rdflib's result parsers raise many kinds of errors
            raise EndpointError(f"endpoint {self.query_url} sent an unreadable {content_type} answer: "
                                f"{error}") from None

    def _ask_marker(self) -> bool:
        """Whether the server's default graph holds :data:`DEFAULT_GRAPH_MARKER` (one ASK)."""
        self._kept = bool(self._query(f"ASK {{ {_MARKER_TRIPLE} }}", {}).askAnswer)
        return self._kept

    def default_graph_kept(self) -> bool:
        """Whether queries go to the default graph kgraph keeps on this server (see the module
        docstring): the layout keeps one and the server has the marker. Asked once."""
        if not self.layout.keeps_default_graph:
            return False
        return self._ask_marker() if self._kept is None else self._kept

    def ping(self) -> None:
        """Check that the server answers a trivial query (raises EndpointError if not).

        On a layout keeping the default graph the query is the ``ASK`` for the marker.
        """
        if self.layout.keeps_default_graph:
            self._ask_marker()
        else:
            self.query("ASK { }")

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update on the server's update service."""
        self._request("POST", self.update_url, data=sparql.encode("utf-8"),
                      headers={"Content-Type": "application/sparql-update; charset=utf-8"})

    def put(self, iri: str, ntriples: str) -> None:
        """Create or replace the named graph ``iri`` with the N-Triples ``ntriples``.

        On a layout keeping the default graph, one update first takes the old graph's own
        triples out of the default graph and adds the new ones (and the marker); on a server
        without the marker it first copies every named graph in. The ``PUT`` of the named graph
        comes last: an article whose put failed midway is still listed with its old content.
        Before all that, one query finds the conflict marks of the article's claims
        (:mod:`kgraph.rdf.conflicts`), which its graph then holds.
        """
        ntriples = with_conflict_marks(ntriples, self._ask_marks)
        if self.layout.keeps_default_graph:
            steps = [] if self.default_graph_kept() else [UNION_TO_DEFAULT_UPDATE]
            steps += [delete_unshared_update(iri),
                      insert_default_update(f"{ntriples.strip()}\n{_MARKER_TRIPLE} .")]
            self.update(" ;\n".join(steps))
            self._kept = True
        self._request("PUT", self.store_url, params={"graph": iri}, data=ntriples.encode("utf-8"),
                      headers={"Content-Type": "application/n-triples"})

    def _ask_marks(self, query: str) -> list[tuple[str, str]]:
        return [(str(row[0]), str(row[1])) for row in self.query(query)]

    def remove_graph(self, iri: str) -> bool:
        """Remove the named graph ``iri``; False if the server did not have it.

        On a layout keeping the default graph, the triples no other graph states leave the
        default graph first.
        """
        if self.layout.keeps_default_graph:
            self.update(delete_unshared_update(iri))
        try:
            self._request("DELETE", self.store_url, params={"graph": iri})
        except EndpointError as error:
            if "HTTP 404" in str(error):
                return False
            raise
        return True

    def records(self) -> list[ArticleRecord]:
        """Every article on the server with its content hash and URL."""
        return [ArticleRecord(str(row[0]), str(row[1]), str(row[2]) if row[2] is not None else None)
                for row in self.query(INDEX_QUERY)]

    def graph_names(self) -> list[str]:
        """The IRIs of every named graph on the server."""
        return [str(row[0]) for row in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")]


class _EndpointStore(SPARQLStore):
    """rdflib's read-only SPARQL store, sending its requests through :class:`Endpoint`."""

    def __init__(self, endpoint: Endpoint) -> None:
        super().__init__(query_endpoint=endpoint.query_url, returnFormat="json")
        self._endpoint = endpoint

    def _query(self, query: str, default_graph: str | None = None,  # type: ignore[override]
               named_graph: str | None = None) -> Result:
        self._queries += 1
        return self._endpoint.query(query, default_graph=default_graph)


def endpoint_dataset(url: str, **options: Any) -> Dataset:
    """A read-only :class:`~rdflib.Dataset` answering through the SPARQL server at ``url``.

    Queries see every triple of the server's named graphs: the default graph kgraph keeps (each
    triple once), else their union (see the module docstring; decided by the one ``ASK`` of
    :meth:`Endpoint.ping`). Raises EndpointError if the server does not answer.
    """
    endpoint = Endpoint(url, **options)
    endpoint.ping()
    return Dataset(store=_EndpointStore(endpoint), default_union=True)
