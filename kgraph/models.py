"""The plain dataclasses passed between kgraph's stages.

``articles`` makes :class:`Article`; ``extract`` turns an article into an :class:`Extraction`
(entities, relations, events); ``rdf`` turns extractions into a graph. Nothing here imports
spaCy or rdflib, so every stage can be tested on its own.

>>> a = Article(id="demo", text="Acme fired Jo Doe.", lang="en")
>>> a.content_hash[:8]
'1c11b7da'
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

__all__ = [
    "ENTITY_TYPES",
    "RELATIONS",
    "SYMMETRIC_RELATIONS",
    "MODALITIES",
    "STATUSES",
    "Article",
    "Mention",
    "Entity",
    "Relation",
    "Event",
    "Extraction",
]

EntityType = Literal["Person", "Organization", "Product", "Group"]
Modality = Literal["asserted", "negated", "uncertain"]

ENTITY_TYPES: tuple[str, ...] = ("Person", "Organization", "Product", "Group")
RELATIONS: tuple[str, ...] = (
    "fired", "resigned", "joined", "holdsPosition", "founded", "offeredCompensation",
    "developed", "acquired", "investedIn", "laidOff", "competitorOf", "partnerOf", "parentOf",
)
SYMMETRIC_RELATIONS: frozenset[str] = frozenset({"competitorOf", "partnerOf"})
MODALITIES: tuple[str, ...] = ("asserted", "negated", "uncertain")
STATUSES: tuple[str, ...] = ("current", "former", "interim")


@dataclass(frozen=True)
class Article:
    """One news article, cleaned.

    ``text`` is the article body: related-headline lines ("Baca Juga:", "Read also:") and the
    byline are removed, the dateline prefix too; paragraphs and sub-headings stay one per line.
    Character offsets in relations refer to ``text``.
    """

    id: str
    text: str
    lang: str | None = None
    title: str | None = None
    url: str | None = None
    published: date | None = None
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    source: str | None = None  # the path (and item) it was read from
    warnings: tuple[str, ...] = field(default=(), compare=False)  # from reading (e.g. invalid UTF-8)

    @property
    def content_hash(self) -> str:
        """SHA-256 of title and text: identifies an article that has no URL."""
        data = f"{self.title or ''}\n{self.text}".encode("utf-8")
        return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Mention:
    """Where an entity is named in ``Article.text``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    """A person, organization, product or group named in one article.

    ``name`` is canonical: a form the article prints (the gazetteer's when printed, else the
    longest); ``aliases`` are the other surface forms found in the article. ``known_as`` is the
    gazetteer's name when the article prints only other forms ("Meta" for Meta Platforms): the
    graph names the node by it, so every article's mentions meet in one node. ``member_of`` is
    the organization name of a Group.
    """

    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    member_of: str | None = None
    mentions: tuple[Mention, ...] = ()
    known_as: str | None = None


@dataclass(frozen=True)
class Relation:
    """One claim an article makes: ``subject relation object`` (entity names).

    ``confidence`` is in [0, 1]: the rule's prior, lowered when the subject or object was
    resolved from a pronoun or description, or found far from the trigger. ``rule`` is the id of
    the lexicon rule that produced it. ``start``/``end`` are the evidence sentence's character
    offsets in ``Article.text``; ``date`` is ISO ``YYYY-MM-DD``.
    """

    subject: str
    relation: str
    object: str
    modality: Modality = "asserted"
    role: str | None = None
    status: str | None = None
    date: str | None = None
    evidence: str = ""
    start: int = 0
    end: int = 0
    confidence: float = 0.5
    rule: str = ""


@dataclass(frozen=True)
class Event:
    """A one-participant happening: outage, cyberattack, layoff, launch."""

    type: str
    subject: str
    modality: Modality = "asserted"
    date: str | None = None
    evidence: str = ""
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Extraction:
    """Everything kgraph found in one article."""

    article: Article
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def entity(self, name: str) -> Entity | None:
        """The entity called ``name`` (canonical name), or None."""
        for e in self.entities:
            if e.name == name:
                return e
        return None
