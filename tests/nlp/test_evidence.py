"""Entity typing by evidence over the article: given names, common words, shipped word lists."""
from __future__ import annotations

import pytest

from kgraph.lexicons import load_word_list
from kgraph.models import Article
from kgraph.extractor import Extractor


@pytest.fixture(scope="module")
def extractor():
    return Extractor(scorer=False)


def test_shipped_word_lists_are_wide_and_clean():
    given = load_word_list("given_names.txt")
    assert len(given) > 10_000 and {"Budi", "Siti", "Kevin", "Satya", "Mira"} <= given
    assert not {"Will", "May", "Grab", "Apple", "Bank"} & given
    assert {"situs", "laman", "perilaku"} <= load_word_list("id.common_words.txt")
    assert {"the", "rival", "will"} <= load_word_list("en.common_words.txt")


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The board that ousted chief executive Sam Altman steps down. Sam Altman said he was "
           "grateful.", ("Sam Altman", "Person")),
    ("en", "Analysts at the Pacific Rim Wire said the deal was done.", ("Pacific Rim Wire", "Organization")),
    ("en", "Former Attorney General Eric Holder led the review.", ("Eric Holder", "Person")),
    ("id", "Situs PT Rimba Niaga sempat tidak bisa diakses.", ("PT Rimba Niaga", "Organization")),
    ("id", "Ada Chrisna Aditya yang memimpin tim itu.", ("Chrisna Aditya", "Person")),
    ("id", "Traveloka mengakuisisi Travelook pada 2017. Travelook adalah startup perjalanan.",
     ("Travelook", "Organization")),
])
def test_types_and_boundaries_by_evidence(extractor, lang, text, expected):
    entities = {(e.name, e.type) for e in extractor.extract(Article(id="t", text=text, lang=lang)).entities}
    assert expected in entities, entities


def test_a_misspelling_of_a_gazetteer_name_still_joins_it(extractor):
    extraction = extractor.extract(Article(id="t", text="Pengguna aplikasi Travelokaa mengeluh.", lang="id"))
    assert [(e.name, e.aliases) for e in extraction.entities] == [("Traveloka", ("Travelokaa",))]


@pytest.mark.parametrize("lang, text, expected", [
    # a well-known person's name (people.txt) is a person's, whatever the words around it
    ("id", "Roket milik SpaceX, perusahaan antariksa yang didirikan Elon Musk, meluncur.", ("Elon Musk", "Person")),
    ("id", "Menteri Komunikasi dan Informatika Rudiantara meminta data itu dihapus.", ("Rudiantara", "Person")),
    # a run ending in a known person's name is that person after a title
    ("en", "U.S. Attorney General Merrick Garland said Binance broke the law.", ("Merrick Garland", "Person")),
])
def test_a_well_known_person_is_a_person(extractor, lang, text, expected):
    entities = {(e.name, e.type) for e in extractor.extract(Article(id="t", text=text, lang=lang)).entities}
    assert expected in entities, entities


@pytest.mark.parametrize("lang, text, word", [
    # a place of the CLDR lists
    ("id", "Investor dari Uni Emirat Arab dan Spanyol ikut serta dalam putaran itu.", "Uni Emirat Arab"),
    ("en", "Customers in Portugal and Nairobi lost service.", "Nairobi"),
    # an acronym of a common noun
    ("id", "Pelanggan tidak bisa mengirim SMS maupun mengakses internet.", "SMS"),
    ("en", "Users of the VPN app could not connect.", "VPN"),
    ("en", "The bank's ATM network went down on Monday.", "ATM"),
])
def test_a_place_or_a_common_noun_s_acronym_is_no_entity(extractor, lang, text, word):
    names = {e.name for e in extractor.extract(Article(id="t", text=text, lang=lang)).entities}
    assert word not in names, names


@pytest.mark.parametrize("lang, text, names", [
    ("en", "The Securities and Exchange Commission sued the exchange.", {"Securities and Exchange Commission"}),
    ("en", "The Department of Homeland Security and Covington & Burling were briefed.",
     {"Department of Homeland Security", "Covington & Burling"}),
    ("en", "Copperline Networks and Halberd Security signed a partnership.", {"Copperline Networks", "Halberd Security"}),
    ("id", "Kementerian Komunikasi dan Informatika memanggil Badan Siber dan Sandi Negara.",
     {"Kementerian Komunikasi dan Informatika", "Badan Siber dan Sandi Negara"}),
])
def test_institution_names_hold_across_and_of(extractor, lang, text, names):
    found = {e.name for e in extractor.extract(Article(id="t", text=text, lang=lang)).entities}
    assert names <= found, found


def test_a_surname_typed_alone_by_one_context_stays_the_person_s(extractor):
    # "Levandowski's lawyer" alone reads like "LinkedIn's lawyer"; the full name says who it is
    article = Article(id="t", lang="en", text="Uber fired Anthony Levandowski on Tuesday. "
                      "Levandowski's lawyer, Miles Ehrlich, argued in a court filing. "
                      "Levandowski has refused to answer questions. Levandowski left Google in 2016. "
                      "Waymo says Levandowski took files. Uber put Levandowski in charge of its cars. "
                      "Levandowski is not a defendant. Analysts said Levandowski was respected.")
    types = {e.name: e.type for e in extractor.extract(article).entities}
    assert types.get("Anthony Levandowski") == "Person" and "Levandowski" not in types


def test_unknown_names_in_a_list_take_the_type_its_known_members_share(extractor):
    # "Honda" and "Walmart" have no cue of their own; the list's known member says what they are
    article = Article(id="t", lang="en", text="Its investors include Zentrova, Microsoft and Kalvaro.")
    types = {e.name: e.type for e in extractor.extract(article).entities}
    assert types.get("Zentrova") == "Organization" and types.get("Kalvaro") == "Organization", types


@pytest.mark.parametrize("text, unit", [
    ("Kepala Bagian Humas Bank Mandiri Rudi Hartono membenarkan kabar itu.", "Bagian Humas"),
    ("Direktur Jenderal Aplikasi Informatika Kominfo Semuel Abrijani Pangerapan menyebut hal itu.", "Informatika"),
])
def test_the_unit_a_title_heads_is_part_of_the_title(extractor, text, unit):
    found = extractor.extract(Article(id="t", text=text, lang="id"))
    names = {e.name for e in found.entities}
    assert unit not in names and any(r.relation == "holdsPosition" for r in found.relations), names


def test_two_firms_joined_by_dan_stay_two_even_when_their_names_hold_title_words(extractor):
    # "Niaga" and "Digital" are words of titles (Direktur Niaga); "dan" joins a title's words only
    found = extractor.extract(Article(id="t", lang="id", text="Kemarin Rimba Niaga dan Lumbara Digital bermitra."))
    assert {"Rimba Niaga", "Lumbara Digital"} <= {e.name for e in found.entities}
