"""A remote SPARQL 1.1 server: write articles' named graphs, query the union of them.

Writes go through the SPARQL 1.1 Graph Store HTTP Protocol (``PUT {url}/store?graph=IRI``,
N-Triples body), queries through the SPARQL 1.1 Protocol (``POST {url}/query``). That is
Oxigraph's layout (``oxigraph serve``); ``url`` is the server's base address.

Network failures and 5xx answers are retried a bounded number of times with exponential
backoff; then, or on a 4xx answer, :class:`~kgraph.errors.EndpointError` names the URL and the
reason.
"""
from __future__ import annotations

import time
from io import BytesIO
from typing import Any

import requests
from rdflib import Dataset
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result

from kgraph.errors import EndpointError
from kgraph.store.local import INDEX_QUERY, ArticleRecord

__all__ = ["Endpoint", "endpoint_dataset"]

_ACCEPT = ("application/sparql-results+json, application/n-triples;q=0.9, "
           "text/turtle;q=0.8, application/sparql-results+xml;q=0.5")


class Endpoint:
    """A SPARQL server at ``url`` (base address, e.g. ``http://127.0.0.1:7878``).

    Parameters
    ----------
    url : str
        The server's base address; queries go to ``{url}/query``, graphs to ``{url}/store``.
    retries : int
        How many times a failed request is retried (network error or 5xx answer).
    backoff : float
        Seconds before the first retry; doubled for each further one.
    timeout : float
        Seconds to wait for one answer.
    union_default_graph : bool
        Ask the server to answer queries over the union of all named graphs (Oxigraph's
        ``union-default-graph`` parameter), as the local store does.
    """

    def __init__(self, url: str, *, retries: int = 3, backoff: float = 0.5, timeout: float = 60.0,
                 union_default_graph: bool = True) -> None:
        if not url.startswith(("http://", "https://")):
            raise EndpointError(f"endpoint {url}: not an http(s) URL")
        self.url = url.rstrip("/")
        self.query_url = f"{self.url}/query"
        self.store_url = f"{self.url}/store"
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self.union_default_graph = union_default_graph
        self._session = requests.Session()

    def _request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """Send one request, retrying network errors and 5xx answers; 4xx fails at once."""
        reason = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = self._session.request(method, url, timeout=self.timeout, **kwargs)
            except requests.Timeout:
                reason = f"no answer within {self.timeout:g} s"
                continue
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
        raise EndpointError(f"endpoint {url}: {reason} after {self.retries + 1} attempts")

    def query(self, sparql: str, *, default_graph: str | None = None) -> Result:
        """Run a SPARQL query; the result as an rdflib :class:`~rdflib.query.Result`."""
        params: dict[str, str] = {}
        if default_graph is not None:
            params["default-graph-uri"] = default_graph
        elif self.union_default_graph:
            params["union-default-graph"] = ""
        response = self._request("POST", self.query_url, params=params, data=sparql.encode("utf-8"),
                                 headers={"Content-Type": "application/sparql-query; charset=utf-8",
                                          "Accept": _ACCEPT})
        content_type = response.headers.get("Content-Type", "application/sparql-results+json")
        try:
            return Result.parse(BytesIO(response.content), content_type=content_type.split(";")[0])
        except Exception as error:  # rdflib's result parsers raise many kinds of errors
            raise EndpointError(f"endpoint {self.query_url} sent an unreadable {content_type} answer: "
                                f"{error}") from None

    def ping(self) -> None:
        """Check that the server answers a trivial query (raises EndpointError if not)."""
        self.query("ASK { }")

    def put(self, iri: str, ntriples: str) -> None:
        """Create or replace the named graph ``iri`` with the N-Triples ``ntriples``."""
        self._request("PUT", self.store_url, params={"graph": iri}, data=ntriples.encode("utf-8"),
                      headers={"Content-Type": "application/n-triples"})

    def remove_graph(self, iri: str) -> bool:
        """Remove the named graph ``iri``; False if the server did not have it."""
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

    Queries see the union of the server's named graphs. Raises EndpointError if the server does
    not answer.
    """
    endpoint = Endpoint(url, **options)
    endpoint.ping()
    return Dataset(store=_EndpointStore(endpoint), default_union=True)
