"""Relations that names state by themselves (kgraph.extract.naming)."""
from __future__ import annotations

from kgraph.extract.naming import brand_products
from kgraph.models import Entity


def test_a_product_named_with_its_maker_s_name_is_its_product() -> None:
    entities = [Entity("Amazon", "Organization"), Entity("Amazon Web Services", "Organization"),
                Entity("Amazon Web Services Console", "Product"), Entity("Bank Syariah Indonesia", "Organization",
                                                                          aliases=("BSI",)),
                Entity("BSI Mobile", "Product"), Entity("Googleplex", "Product"), Entity("Google", "Organization")]
    assert brand_products(entities) == [("Amazon Web Services", "Amazon Web Services Console"),
                                        ("Bank Syariah Indonesia", "BSI Mobile")]


def test_the_extractor_states_it_with_the_sentence_that_names_the_product(extractor) -> None:
    from kgraph.models import Article

    text = "Google reported problems on Monday. Google Drive and Google Docs were down for hours."
    extraction = extractor.extract(Article(id="t", text=text, lang="en"))
    found = {(r.subject, r.object): r for r in extraction.relations if r.relation == "developed"}
    assert set(found) == {("Google", "Google Drive"), ("Google", "Google Docs")}
    assert found[("Google", "Google Drive")].evidence == "Google Drive and Google Docs were down for hours."
