"""Hand-made extractions (the team's own words) for the store tests."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from kgraph.models import Article, Entity, Extraction, Relation

__all__ = ["extraction", "ntriples", "FakeExtractor", "make_fake", "COMPANIES", "QuietHandler", "on_endpoint",
           "serve"]

COMPANIES = ("Kopi Nusantara", "Awan Data", "Lumbung Pangan", "Sinar Robotik", "Teluk Digital")


def extraction(number: int, *, text_suffix: str = "", url: bool = True) -> Extraction:
    """Article ``art-<number>``: a company fires its chief executive (asserted)."""
    company = COMPANIES[number % len(COMPANIES)]
    person = f"Rina Wijaya {number}"
    text = f"{company} memberhentikan {person} dari jabatan CEO.{text_suffix}"
    article = Article(id=f"art-{number}", text=text, lang="id", title=f"Berita {number}",
                      url=f"https://news.example.org/{number}" if url else None)
    return Extraction(
        article=article,
        entities=(Entity(company, "Organization"), Entity(person, "Person")),
        relations=(Relation(company, "fired", person, role="CEO", evidence=text, end=len(text),
                            confidence=0.9, rule="test.fired"),),
    )


def ntriples(ex: Extraction) -> tuple[str, str]:
    """The article IRI and its named graph as N-Triples, built by kgraph.rdf."""
    from kgraph.rdf.article_graph import add_extraction, new_dataset

    dataset = new_dataset()
    iri = add_extraction(dataset, ex)
    return str(iri), dataset.graph(iri).serialize(format="nt")


class FakeExtractor:
    """Reads "<Company> memberhentikan <Person> dari ..." sentences; ``delay`` seconds per article.

    Picklable, so worker processes can build it; it stands in for the spaCy extractor.
    """

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay

    def __call__(self, article: Article) -> Extraction:
        import re
        import time

        time.sleep(self.delay)
        if "RUSAK" in article.text:
            raise ValueError("the test article is marked broken")
        entities: dict[str, Entity] = {}
        relations = []
        for m in re.finditer(r"([A-Z][\w ]+?) memberhentikan ([A-Z][\w ]+?) dari", article.text):
            entities[m[1]] = Entity(m[1], "Organization")
            entities[m[2]] = Entity(m[2], "Person")
            relations.append(Relation(m[1], "fired", m[2], evidence=m[0], start=m.start(), end=m.end()))
        warnings = () if article.lang in ("id", "en", None) else (f"{article.id}: no rules for {article.lang!r}",)
        return Extraction(article, tuple(entities.values()), tuple(relations), warnings=warnings)


def make_fake(delay: float = 0.0) -> FakeExtractor:
    """The extractor factory handed to ``ingest`` (one FakeExtractor per process)."""
    return FakeExtractor(delay)


class QuietHandler(BaseHTTPRequestHandler):
    """Base of the tests' fake HTTP servers: logs nothing, answers with :meth:`send`."""

    def log_message(self, *args: object) -> None:
        pass

    def send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Run ``handler`` on a free loopback port in a thread; yields ``http://127.0.0.1:PORT``."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def on_endpoint(dataset, url: str) -> Iterator[tuple[object, list]]:  # noqa: ANN001
    """Put each named graph of ``dataset`` on the SPARQL server at ``url`` for the ``with``
    block; yields the :class:`~kgraph.store.endpoint.Endpoint` and the graph names, removed after."""
    from kgraph.store.endpoint import Endpoint

    endpoint = Endpoint(url)
    names = [g.identifier for g in dataset.graphs() if g.identifier != dataset.default_graph.identifier]
    for name in names:
        endpoint.put(str(name), dataset.graph(name).serialize(format="nt"))
    try:
        yield endpoint, names
    finally:
        for name in names:
            endpoint.remove_graph(str(name))
