"""RDF test fixtures: hand-made extractions about fictional companies, written by the team, used by the RDF tests.

The story: Nimbus Labs fires its CEO Dara Quinn (The Ledger Wire, twice, with two different
dates); Circuit Daily reports that Nimbus Labs denies the firing and that Quinn resigned;
Orbitra hires Quinn and offers to match the pay of Nimbus Labs staff, who may follow her (a
rumour); Warta Tekno (Indonesian) reports that Kopi Teknologi hired Budi Santoso, formerly of
Nimbus Labs, as CTO, and repeats the firing; a rumoured acquisition and a denied partnership.
"""
from __future__ import annotations

from pathlib import Path

from datetime import date

import pytest
from rdflib import Dataset, Graph

from kgraph.models import Article, Entity, Event, Extraction, Mention, Relation
from kgraph.rdf.article_graph import build_dataset
from kgraph.rdf.vocab import bind_prefixes

NIMBUS = Entity("Nimbus Labs", "Organization", aliases=("Nimbus",))
ORBITRA = Entity("Orbitra", "Organization")
KOPI = Entity("Kopi Teknologi", "Organization", aliases=("KopiTek",))
DARA = Entity("Dara Quinn", "Person", aliases=("Quinn",))
PRIYA = Entity("Priya Natarajan", "Person")
BUDI = Entity("Budi Santoso", "Person", aliases=("Budi",))
STAFF_EN = Entity("Nimbus Labs employees", "Group", aliases=("Nimbus staff",), member_of="Nimbus Labs")
STAFF_ID = Entity("Nimbus Labs employees", "Group", aliases=("karyawan Nimbus Labs",),
                  member_of="Nimbus Labs")
CIRRUS = Entity("Cirrus", "Product")


def _rel(text: str, evidence: str, subject: str, relation: str, obj: str, **kw: object) -> Relation:
    start = text.index(evidence)
    return Relation(subject, relation, obj, evidence=evidence, start=start,
                    end=start + len(evidence), **kw)  # type: ignore[arg-type]


def _with_mentions(text: str, *entities: Entity) -> tuple[Entity, ...]:
    out = []
    for e in entities:
        spans = [Mention(f, text.index(f), text.index(f) + len(f)) for f in (e.name, *e.aliases) if f in text]
        out.append(Entity(e.name, e.type, e.aliases, e.member_of, tuple(spans)))
    return tuple(out)


A_TEXT = ("Nimbus Labs fired its chief executive Dara Quinn on Monday.\n"
          "The board named Priya Natarajan interim CEO.\n"
          "Nimbus Labs makes the Cirrus design assistant.")
ARTICLE_A = Extraction(
    article=Article(id="ledger-nimbus-fires-ceo", text=A_TEXT, lang="en",
                    title="Nimbus Labs fires CEO Dara Quinn",
                    url="https://ledgerwire.example/2024/05/nimbus-fires-ceo",
                    published=date(2024, 5, 14), publisher="The Ledger Wire", authors=("Mara Lind",)),
    entities=_with_mentions(A_TEXT, NIMBUS, DARA, PRIYA, CIRRUS),
    relations=(
        _rel(A_TEXT, A_TEXT.splitlines()[0], "Nimbus Labs", "fired", "Dara Quinn",
             date="2024-05-13", confidence=0.9, rule="en.fired.verb"),
        _rel(A_TEXT, A_TEXT.splitlines()[0], "Dara Quinn", "holdsPosition", "Nimbus Labs",
             role="CEO", status="former", date="2024-05-13", confidence=0.8, rule="en.position.title"),
        _rel(A_TEXT, A_TEXT.splitlines()[1], "Priya Natarajan", "holdsPosition", "Nimbus Labs",
             role="CEO", status="interim", date="2024-05-13", confidence=0.8, rule="en.position.title"),
        _rel(A_TEXT, A_TEXT.splitlines()[2], "Nimbus Labs", "developed", "Cirrus",
             confidence=0.7, rule="en.developed.makes"),
    ),
)

B_TEXT = ("Nimbus Labs denied that it fired Dara Quinn.\n"
          "A spokesperson said Quinn resigned on Sunday.\n"
          "Nimbus Labs is not a partner of Orbitra, the spokesperson added.")
ARTICLE_B = Extraction(
    article=Article(id="circuit-nimbus-denies", text=B_TEXT, lang="en",
                    title="Nimbus Labs says CEO was not fired",
                    url="http://www.circuitdaily.example/news/nimbus-denies?ref=rss",
                    published=date(2024, 5, 15), publisher="Circuit Daily"),
    entities=_with_mentions(B_TEXT, NIMBUS, DARA, ORBITRA),
    relations=(
        _rel(B_TEXT, B_TEXT.splitlines()[0], "Nimbus Labs", "fired", "Dara Quinn",
             modality="negated", confidence=0.8, rule="en.fired.verb"),
        _rel(B_TEXT, B_TEXT.splitlines()[1], "Dara Quinn", "resigned", "Nimbus Labs",
             date="2024-05-12", confidence=0.7, rule="en.resigned.verb"),
        _rel(B_TEXT, B_TEXT.splitlines()[2], "Nimbus Labs", "partnerOf", "Orbitra",
             modality="negated", confidence=0.6, rule="en.partner.noun"),
    ),
)

D_TEXT = ("Orbitra hired Dara Quinn, who was fired by Nimbus Labs on Tuesday.\n"
          "Orbitra offered to match the pay of Nimbus staff who follow her.\n"
          "Some Nimbus staff may join Orbitra, people familiar said.\n"
          "Orbitra also invested in Kopi Teknologi.")
ARTICLE_D = Extraction(
    article=Article(id="ledger-orbitra-hires-quinn", text=D_TEXT, lang="en",
                    title="Orbitra hires ousted Nimbus CEO",
                    url="https://ledgerwire.example/2024/05/orbitra-hires-quinn",
                    published=date(2024, 5, 20), publisher="The Ledger Wire", authors=("Mara Lind",)),
    entities=_with_mentions(D_TEXT, ORBITRA, DARA, NIMBUS, STAFF_EN, KOPI),
    relations=(
        _rel(D_TEXT, D_TEXT.splitlines()[0], "Dara Quinn", "joined", "Orbitra",
             date="2024-05-20", confidence=0.8, rule="en.joined.hired"),
        _rel(D_TEXT, D_TEXT.splitlines()[0], "Nimbus Labs", "fired", "Dara Quinn",
             date="2024-05-14", confidence=0.7, rule="en.fired.passive"),
        _rel(D_TEXT, D_TEXT.splitlines()[1], "Orbitra", "offeredCompensation", "Nimbus Labs employees",
             confidence=0.7, rule="en.compensation.match"),
        _rel(D_TEXT, D_TEXT.splitlines()[2], "Nimbus Labs employees", "joined", "Orbitra",
             modality="uncertain", confidence=0.5, rule="en.joined.verb"),
        _rel(D_TEXT, D_TEXT.splitlines()[3], "Orbitra", "investedIn", "Kopi Teknologi",
             confidence=0.7, rule="en.invested.verb"),
    ),
)

C_TEXT = ("Kopi Teknologi merekrut Budi Santoso sebagai CTO.\n"
          "Budi sebelumnya menjabat VP Engineering di Nimbus Labs.\n"
          "Kopi Teknologi dikabarkan akan mengakuisisi Orbitra.")
ARTICLE_C = Extraction(
    article=Article(id="warta-kopitek-cto", text=C_TEXT, lang="id",
                    title="Kopi Teknologi rekrut CTO baru", published=date(2024, 6, 4),
                    publisher="Warta Tekno"),
    entities=_with_mentions(C_TEXT, KOPI, BUDI, NIMBUS, ORBITRA),
    relations=(
        _rel(C_TEXT, C_TEXT.splitlines()[0], "Budi Santoso", "joined", "Kopi Teknologi",
             date="2024-06-03", confidence=0.8, rule="id.joined.direkrut"),
        _rel(C_TEXT, C_TEXT.splitlines()[0], "Budi Santoso", "holdsPosition", "Kopi Teknologi",
             role="CTO", status="current", confidence=0.8, rule="id.position.sebagai"),
        _rel(C_TEXT, C_TEXT.splitlines()[1], "Budi Santoso", "holdsPosition", "Nimbus Labs",
             role="VP Engineering", status="former", confidence=0.7, rule="id.position.menjabat"),
        _rel(C_TEXT, C_TEXT.splitlines()[2], "Kopi Teknologi", "acquired", "Orbitra",
             modality="uncertain", confidence=0.4, rule="id.acquired.verb"),
    ),
)

E_TEXT = ("Nimbus Labs memecat Dara Quinn pekan lalu.\n"
          "Layanan Cirrus sempat tidak bisa diakses karyawan Nimbus Labs.")
ARTICLE_E = Extraction(
    article=Article(id="warta-nimbus-pecat", text=E_TEXT, lang="id",
                    title="Nimbus Labs pecat Dara Quinn",
                    url="https://wartatekno.example/berita/nimbus-pecat-dara-quinn",
                    published=date(2024, 5, 16), publisher="Warta Tekno"),
    entities=_with_mentions(E_TEXT, NIMBUS, DARA, CIRRUS, STAFF_ID),
    relations=(
        _rel(E_TEXT, E_TEXT.splitlines()[0], "Nimbus Labs", "fired", "Dara Quinn",
             confidence=0.8, rule="id.fired.memecat"),
    ),
    events=(Event("outage", "Cirrus", date="2024-05-15", evidence=E_TEXT.splitlines()[1],
                  start=E_TEXT.index("Layanan"), end=len(E_TEXT)),),
)

SAMPLE_EXTRACTIONS: tuple[Extraction, ...] = (ARTICLE_A, ARTICLE_B, ARTICLE_D, ARTICLE_C, ARTICLE_E)


@pytest.fixture()
def broken_extraction() -> Extraction:
    """An article whose relation names an entity it does not declare."""
    return Extraction(article=Article(id="broken", text="Acme fired Jo."),
                      entities=(Entity("Acme", "Organization"),),
                      relations=(Relation("Acme", "fired", "Jo"),))


@pytest.fixture()
def sample_extractions() -> tuple[Extraction, ...]:
    """The five sample extractions, in build order."""
    return SAMPLE_EXTRACTIONS


@pytest.fixture()
def article_a() -> Extraction:
    """The Ledger Wire's article on the firing (asserted, dated 2024-05-13, with an author)."""
    return ARTICLE_A


@pytest.fixture()
def sample_dataset() -> Dataset:
    """A fresh dataset of the five sample articles (tests may modify it)."""
    return build_dataset(SAMPLE_EXTRACTIONS)


@pytest.fixture()
def sample_trig(tmp_path: Path, sample_dataset: Dataset) -> Path:
    """The sample dataset written as TriG."""
    path = tmp_path / "sample.trig"
    sample_dataset.serialize(path, format="trig")
    return path


@pytest.fixture()
def sample_turtle(tmp_path: Path, sample_dataset: Dataset) -> Path:
    """The union of the sample dataset written as Turtle (what `kgraph build` writes)."""
    path = tmp_path / "sample.ttl"
    union = Graph()
    bind_prefixes(union)
    for triple in sample_dataset.triples((None, None, None)):
        union.add(triple)
    union.serialize(path, format="turtle")
    return path
