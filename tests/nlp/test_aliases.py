"""The alias resolver: one canonical name per entity, per article."""
from __future__ import annotations

from kgraph.nlp.aliases import fuzzy_same_name
from tests.nlp.conftest import entities


def test_aliases_short_name_and_misspelling(nlp_en):
    doc = nlp_en("Acme fired chief executive Miriam Castellanos on Monday. Castellanos said little. "
                 "Staff hoped Miriam Castellanso would return.")
    person = doc._.kg_entities["Miriam Castellanos"]
    assert set(person.aliases) == {"Castellanos", "Miriam Castellanso"}
    assert {e.kb_id_ for e in doc.ents if e.label_ == "Person"} == {"Miriam Castellanos"}


def test_aliases_words_of_a_longer_name(nlp_id):
    doc = nlp_id("Pendiri Kopiloka, Raden Ayu Sekar Wulandari, mundur. Sekar Wulandari pamit. Wulandari tersenyum.")
    assert set(doc._.kg_entities["Raden Ayu Sekar Wulandari"].aliases) == {"Sekar Wulandari", "Wulandari"}


def test_aliases_short_name_goes_to_the_latest_matching_person(nlp_en):
    doc = nlp_en("Kevin Ortiz, the chief executive, met Kevin Marsh, a director. Marsh left. Ortiz stayed.")
    assert doc._.kg_entities["Kevin Marsh"].aliases == ("Marsh",)
    assert doc._.kg_entities["Kevin Ortiz"].aliases == ("Ortiz",)


def test_aliases_gazetteer_legal_form_and_parentheses(nlp_id):
    doc = nlp_id("PT Telekomunikasi Selular (Telkomsel) berinvestasi. Telkomsel puas.")
    assert entities(doc) == {"Telkomsel": "Organization"}
    assert doc._.kg_entities["Telkomsel"].aliases == ("PT Telekomunikasi Selular",)


def test_aliases_acronym_in_parentheses(nlp_en):
    doc = nlp_en("Harrowgate Logistics Holdings (HLH) cut jobs. HLH later hired again.")
    assert doc._.kg_entities["Harrowgate Logistics Holdings"].aliases == ("HLH",)


def test_aliases_unknown_legal_form_and_short_form(nlp_en):
    doc = nlp_en("Quorvane Corp. hired Dana Okafor. Quorvane said she starts in May.")
    assert doc._.kg_entities["Quorvane Corp."].aliases == ("Quorvane",)


def test_aliases_company_and_product_of_the_same_name(nlp_en):
    doc = nlp_en("Facebook Inc.'s apps, Facebook, Instagram and WhatsApp, went down. Shares of Facebook Inc. fell.")
    assert entities(doc) == {"Facebook Inc.": "Organization", "Facebook": "Product",
                             "Instagram": "Product", "WhatsApp": "Product"}


def test_aliases_product_by_context_in_indonesian(nlp_id):
    assert entities(nlp_id("Ia menulis di laman Facebook pribadinya.")) == {"Facebook": "Product"}
    assert entities(nlp_id("Gojek mendapat dana dari Facebook dan PayPal.")) == {
        "Gojek": "Organization", "Facebook": "Organization", "PayPal": "Organization"}


def test_aliases_every_span_carries_its_canonical_name(nlp_en):
    doc = nlp_en("Sundar Pichai, Google's chief executive, wrote to Googlers. Pichai apologized.")
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [
        ("Sundar Pichai", "Person", "Sundar Pichai"), ("Google", "Organization", "Google"),
        ("Googlers", "Group", "Google employees"), ("Pichai", "Person", "Sundar Pichai")]
    mention = doc._.kg_entities["Sundar Pichai"].mentions[1]
    assert doc.text[mention.start:mention.end] == "Pichai"


def test_fuzzy_same_name():
    assert fuzzy_same_name("Nadiem Makariem", "Nadiem Makarim")
    assert fuzzy_same_name("Ahmad Zaky", "Achmad Zaky")
    assert not fuzzy_same_name("Budi Santoso", "Budi Susanto")
    assert not fuzzy_same_name("Jon Lee", "Jan Lee")  # short words must match exactly
    assert not fuzzy_same_name("Sam Altman", "Sam Altman Jr")


def test_aliases_misspelt_gazetteer_name(nlp_en):
    doc = nlp_en("Analysts said Salesfroce would gain. Salesforce declined to comment.")
    assert entities(doc) == {"Salesforce": "Organization"}
    assert doc._.kg_entities["Salesforce"].aliases == ("Salesfroce",)


def test_aliases_a_firm_apart_from_its_unit(nlp_en, nlp_id):
    doc = nlp_en("Quillstone said its unit, Quillstone Cloud, would be sold. Investors sold Quillstone shares. "
                 "Analysts alerted Quillstone.")
    assert {"Quillstone", "Quillstone Cloud"} <= set(entities(doc))
    # its corporate form names the firm itself
    doc = nlp_en("Quillstone Holdings reported a loss. Investors sold Quillstone shares. Analysts alerted Quillstone.")
    assert "Quillstone" not in entities(doc)
    # a word of the language before the rest is no firm of its own
    doc = nlp_id("Bank Kopiloka merugi. Nasabah Bank menunggu.")
    assert "Bank" not in entities(doc)
