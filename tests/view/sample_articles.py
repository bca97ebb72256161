"""Hand-written extractions for the view tests (team-written text, no real news).

Two articles about invented companies: an ordinary one, and one whose title, URL, alias and
evidence carry ``<script>`` and ``<img onerror>`` payloads, to check that nothing from an article
runs in the page.
"""
from __future__ import annotations

from datetime import date

from kgraph.models import Article, Entity, Extraction, Relation

__all__ = ["SCRIPT", "IMG", "SHAKEUP", "HOSTILE", "EXTRACTIONS"]

SCRIPT = "<script>window.__pwned = 'script'; alert(1)</script>"
IMG = "<img src=x onerror=\"window.__pwned = 'img'; alert(1)\">"

_ACME = Entity("Acme Robotics", "Organization", aliases=("Acme",))
_DANA = Entity("Dana Whitfield", "Person", aliases=("Whitfield",))
_LUMEN = Entity("Lumen Labs", "Organization")
_HELIX = Entity("Helix Assistant", "Product", aliases=("Helix",))
_STAFF = Entity("Acme Robotics employees", "Group", aliases=("Acme staff",), member_of="Acme Robotics")
_NIMBUS = Entity("Nimbus Cloud", "Organization", aliases=(f"Nimbus {IMG}",))


def _rel(subject: str, relation: str, obj: str, evidence: str, **kw: object) -> Relation:
    return Relation(subject, relation, obj, evidence=evidence, confidence=kw.pop("confidence", 0.8), **kw)  # type: ignore[arg-type]


SHAKEUP = Extraction(
    article=Article(
        id="acme-shakeup", lang="en", title="Acme Robotics parts ways with its chief",
        url="https://news.example.org/acme-shakeup", published=date(2024, 3, 5), publisher="Example Wire",
        text="(invented article used by the test suite)",
    ),
    entities=(_ACME, _DANA, _LUMEN, _HELIX, _STAFF, Entity("Example Wire", "Organization")),
    relations=(
        _rel("Acme Robotics", "fired", "Dana Whitfield", "The board of Acme Robotics dismissed Dana Whitfield on Monday.",
             date="2024-03-04", start=0, end=60),
        _rel("Dana Whitfield", "holdsPosition", "Acme Robotics", "Whitfield had led Acme as chief executive since 2019.",
             role="CEO", status="former", start=61, end=110),
        _rel("Dana Whitfield", "joined", "Lumen Labs", "People close to her say Whitfield may move to Lumen Labs.",
             modality="uncertain", start=111, end=170, confidence=0.5),
        _rel("Acme Robotics", "developed", "Helix Assistant", "Acme built the Helix Assistant home robot.",
             start=171, end=215),
        _rel("Lumen Labs", "offeredCompensation", "Acme Robotics employees",
             "Lumen Labs reportedly offered to match the pay of Acme staff who follow her.",
             modality="uncertain", start=216, end=290, confidence=0.4),
        _rel("Acme Robotics", "partnerOf", "Lumen Labs", "Acme and Lumen Labs share a charging standard.",
             start=291, end=340),
    ),
)

HOSTILE = Extraction(
    article=Article(
        id="nimbus-denial", lang="en", title=f"Nimbus denies a deal {SCRIPT}",
        url="javascript:alert(1)", published=date(2024, 4, 2),
        text="(invented article with hostile markup used by the test suite)",
    ),
    entities=(_NIMBUS, _LUMEN, _ACME),
    relations=(
        _rel("Nimbus Cloud", "acquired", "Lumen Labs", f"Nimbus Cloud has not bought Lumen Labs {SCRIPT} {IMG}",
             modality="negated", date="2024-04-01", start=0, end=80),
        _rel("Acme Robotics", "partnerOf", "Lumen Labs", f"Acme and Lumen renewed their alliance {IMG}",
             date="2024-04-02", start=81, end=140),
        _rel("Nimbus Cloud", "competitorOf", "Acme Robotics", f"Nimbus competes with Acme {SCRIPT}",
             start=141, end=190),
    ),
)

EXTRACTIONS = (SHAKEUP, HOSTILE)
