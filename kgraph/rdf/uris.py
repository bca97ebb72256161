"""Deterministic, readable IRIs for entities, articles, claims and memberships.

An IRI depends only on what it names (an entity's type and canonical name, an article's URL or
content), never on run order, time or machine, so building the same articles twice, anywhere,
gives the same graph and the same entity in two articles is one node.

>>> str(entity_iri("Person", "Sam Altman"))
'https://kgraph.dev/id/person/sam-altman'
>>> str(entity_iri("Group", "karyawan OpenAI")).startswith("https://kgraph.dev/id/group/")
True
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

from rdflib import URIRef

from kgraph.errors import UsageError
from kgraph.models import Article
from kgraph.rdf.vocab import ENTITY_PATHS, ID_NS

__all__ = [
    "slugify",
    "short_hash",
    "entity_iri",
    "article_iri",
    "claim_iri",
    "statement_iri",
    "event_iri",
    "membership_iri",
    "role_iri",
]

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_MAX_SLUG = 80


def short_hash(*parts: object, length: int = 16) -> str:
    """Hex digest of ``parts`` joined by a separator that cannot occur in text.

    Examples
    --------
    >>> short_hash("a", 1) == short_hash("a", 1) != short_hash("a1")
    True
    >>> len(short_hash("x", length=8))
    8
    """
    data = "\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:length]


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by ``-``; accents are folded, other letters hashed.

    A name with no Latin letter or digit (e.g. only CJK characters) becomes ``u-<hash>`` so it
    still has a stable, distinct slug. Slugs longer than 80 characters are cut and suffixed with
    a hash of the full text so they stay unique.

    Examples
    --------
    >>> slugify("Sam Altman")
    'sam-altman'
    >>> slugify("Nadiem Makarím (Gojek)")
    'nadiem-makarim-gojek'
    >>> slugify("小米").startswith("u-")
    True
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NON_SLUG.sub("-", folded.lower()).strip("-")
    if not slug:
        return "u-" + short_hash(text, length=12)
    if len(slug) > _MAX_SLUG:
        slug = slug[:_MAX_SLUG].rstrip("-") + "-" + short_hash(text, length=8)
    return slug


def entity_iri(entity_type: str, name: str) -> URIRef:
    """The IRI of an entity from its type and canonical name.

    Raises
    ------
    UsageError
        If ``entity_type`` is not one of Person, Organization, Product, Group.

    Examples
    --------
    >>> str(entity_iri("Organization", "OpenAI"))
    'https://kgraph.dev/id/org/openai'
    """
    try:
        path = ENTITY_PATHS[entity_type]
    except KeyError:
        known = ", ".join(ENTITY_PATHS)
        raise UsageError(f"entity {name!r}: unknown type {entity_type!r} (known: {known})") from None
    return URIRef(f"{ID_NS}{path}/{slugify(name)}")


def article_iri(article: Article) -> URIRef:
    """The IRI of an article: from its URL (host and path), else from its content hash.

    The URL's scheme, ``www.``, query and fragment are ignored, so ``http://`` and ``https://``
    copies of one page are one article.

    Examples
    --------
    >>> a = Article(id="x", text="t", url="https://www.example.com/tech/acme-fires-ceo?utm=1")
    >>> str(article_iri(a))
    'https://kgraph.dev/id/article/example-com-tech-acme-fires-ceo'
    >>> str(article_iri(Article(id="x", text="t")))[-16:] == Article(id="y", text="t").content_hash[:16]
    True
    """
    if article.url:
        parts = urlsplit(article.url.strip())
        host = parts.netloc.lower().removeprefix("www.")
        slug = slugify(f"{host} {parts.path}") if host else slugify(article.url)
        return URIRef(f"{ID_NS}article/{slug}")
    return URIRef(f"{ID_NS}article/{article.content_hash[:16]}")


def claim_iri(article: URIRef, subject: URIRef, predicate: URIRef, obj: URIRef,
              *, modality: str, start: int, end: int, role: str | None = None) -> URIRef:
    """The IRI of one claim: a hash of its article, triple, modality, role and evidence span.

    Examples
    --------
    >>> a, s, p, o = (URIRef(f"urn:{c}") for c in "aspo")
    >>> claim_iri(a, s, p, o, modality="asserted", start=0, end=9) == claim_iri(
    ...     a, s, p, o, modality="asserted", start=0, end=9)
    True
    """
    return URIRef(f"{ID_NS}claim/{short_hash(article, subject, predicate, obj, modality, start, end, role)}")


def statement_iri(subject: URIRef, predicate: URIRef, obj: URIRef) -> URIRef:
    """The IRI of what claims state, whoever states it: a hash of subject, predicate and object.

    Claims of one triple share it in every article, so the claims of a triple are found with
    one lookup (conflicting claims, the dates of one event). SPARQL computes the same IRI:
    ``IRI(CONCAT(ns, SUBSTR(SHA256(CONCAT(STR(?s), "\\u001F", STR(?p), "\\u001F", STR(?o))), 1, 16)))``.

    Examples
    --------
    >>> s, p, o = (URIRef(f"urn:{c}") for c in "spo")
    >>> str(statement_iri(s, p, o))
    'https://kgraph.dev/id/statement/e642dfac91bc8728'
    >>> statement_iri(o, p, s) != statement_iri(s, p, o)
    True
    """
    return URIRef(f"{ID_NS}statement/{short_hash(subject, predicate, obj)}")


def event_iri(article: URIRef, event_type: str, participant: URIRef, *, start: int, end: int) -> URIRef:
    """The IRI of an event reported by an article.

    Examples
    --------
    >>> str(event_iri(URIRef("urn:a"), "outage", URIRef("urn:p"), start=0, end=1))[:32]
    'https://kgraph.dev/id/event/outa'
    """
    return URIRef(f"{ID_NS}event/{slugify(event_type)}-{short_hash(article, event_type, participant, start, end, length=12)}")


def membership_iri(claim: URIRef) -> URIRef:
    """The IRI of the ``org:Membership`` an asserted holdsPosition claim states.

    Examples
    --------
    >>> str(membership_iri(URIRef("https://kgraph.dev/id/claim/abc")))
    'https://kgraph.dev/id/membership/abc'
    """
    return URIRef(f"{ID_NS}membership/{str(claim).rsplit('/', 1)[-1]}")


def role_iri(role: str) -> URIRef:
    """The IRI of an ``org:Role`` from its text (``"Chief Executive"`` -> ``role/chief-executive``).

    Examples
    --------
    >>> str(role_iri("CEO"))
    'https://kgraph.dev/id/role/ceo'
    """
    return URIRef(f"{ID_NS}role/{slugify(role)}")
