"""Public offices and the institutions named after them (kgraph.extract.offices)."""
from __future__ import annotations

from kgraph.models import Article


def _posts(extractor, text: str, lang: str) -> dict[tuple[str, str], tuple[str | None, str | None]]:
    extraction = extractor.extract(Article(id="t", text=text, lang=lang))
    return {(r.subject, r.object): (r.role, r.status) for r in extraction.relations if r.relation == "holdsPosition"}


def test_a_minister_holds_a_post_at_the_ministry_named_after_the_title(extractor) -> None:
    text = ("Menteri Perdagangan Zulkifli Hasan mengatakan Kementerian Perdagangan akan menutup layanan itu. "
            "Mantan Wakil Menteri BUMN Kartika Wirjoatmodjo hadir di Kementerian BUMN. "
            "Plt Menteri Agama Saiful Rahmat hadir di Kementerian Agama.")
    assert _posts(extractor, text, "id") == {
        ("Zulkifli Hasan", "Kementerian Perdagangan"): ("Menteri Perdagangan", "current"),
        ("Kartika Wirjoatmodjo", "Kementerian BUMN"): ("Mantan Wakil Menteri BUMN", "former"),
        ("Saiful Rahmat", "Kementerian Agama"): ("Plt Menteri Agama", "interim")}


def test_the_portfolio_may_come_before_the_head_and_must_match(extractor) -> None:
    text = ("Treasury Secretary Steven Mnuchin said the Treasury Department would review the deal. "
            "Commerce Secretary Gina Raimondo did not comment on the Treasury Department.")
    assert _posts(extractor, text, "en") == {("Steven Mnuchin", "Treasury Department"): ("Treasury Secretary", "current")}
