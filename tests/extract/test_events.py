"""Events from trigger lexicons: type, subject (lists, side, type preference), modality, date."""
from __future__ import annotations

from datetime import date

import pytest

from kgraph.errors import LexiconError
from kgraph.extract.events import EventLexicon
from kgraph.models import Article

CASES = [
    ("en", "Its chatbot, Brightloom Chat, and the Pebble Notes app went down for six hours on Monday, "
           "Brightloom Labs said.", {("outage", "Brightloom Chat"), ("outage", "Pebble Notes")}, "asserted"),
    ("en", "Brightloom Labs said it had found no evidence of a cyberattack on its systems.",
     {("cyberattack", "Brightloom Labs")}, "negated"),
    ("en", "Brightloom Labs launched Pebble Notes on Tuesday.", {("launch", "Pebble Notes")}, "asserted"),
    ("en", "Brightloom Labs may lay off 200 employees next year.", {("layoff", "Brightloom Labs")}, "uncertain"),
    ("id", "Aplikasi Dompetku mengalami gangguan dan tidak bisa diakses pada Senin (3/6).",
     {("outage", "Dompetku")}, "asserted"),
    ("en", "Users of the Pebble Notes app reported problems for most of Monday.",
     {("outage", "Pebble Notes")}, "asserted"),
    ("id", "Aplikasi Dompetku mengalami kendala sejak Senin pagi.", {("outage", "Dompetku")}, "asserted"),
    ("id", "Situs PT Rimba Niaga diretas oleh kelompok peretas pada pekan lalu.",
     {("cyberattack", "PT Rimba Niaga")}, "asserted"),
    ("id", "PT Rimba Niaga melakukan pemutusan hubungan kerja (PHK) terhadap 300 karyawan.",
     {("layoff", "PT Rimba Niaga")}, "asserted"),
    ("id", "PT Rimba Niaga resmi meluncurkan aplikasi Dompetku pada Selasa (4/6).",
     {("launch", "Dompetku")}, "asserted"),
    # a trigger's own negation says the outage, it does not deny it
    ("id", "Aplikasi Dompetku sempat tidak bisa diakses pada Senin.", {("outage", "Dompetku")}, "asserted"),
    ("en", "The Pebble Notes app was not working for hours on Monday.", {("outage", "Pebble Notes")}, "asserted"),
    # a cutting verb with a workforce a few words on
    ("en", "Brightloom Labs cut about 200 jobs on Monday.", {("layoff", "Brightloom Labs")}, "asserted"),
    ("id", "PT Rimba Niaga memberhentikan 300 karyawan pada Senin.", {("layoff", "PT Rimba Niaga")}, "asserted"),
    # launches as news writes them beside "launched": shipped, put out, went on sale; memboyong, dipamerkan
    ("en", "Brightloom Labs put out the Pebble Notes app on Friday.", {("launch", "Pebble Notes")}, "asserted"),
    ("en", "The Pebble Notes app went on sale in Jakarta on Friday.", {("launch", "Pebble Notes")}, "asserted"),
    ("id", "PT Rimba Niaga memboyong aplikasi Dompetku ke Indonesia pada Selasa.", {("launch", "Dompetku")}, "asserted"),
    ("id", "Aplikasi Dompetku dipamerkan PT Rimba Niaga di Jakarta pada Selasa.", {("launch", "Dompetku")}, "asserted"),
    # outages as users tell them: could not log in, froze
    ("en", "The Pebble Notes app froze for most of Monday.", {("outage", "Pebble Notes")}, "asserted"),
    ("en", "Customers of the Pebble Notes app could not log in on Monday.", {("outage", "Pebble Notes")}, "asserted"),
    # a workforce names its employer
    ("id", "PT Rimba Niaga merugi. Sekitar 300 karyawan PT Rimba Niaga terkena PHK pada Maret.",
     {("layoff", "PT Rimba Niaga")}, "asserted"),
]


@pytest.mark.parametrize("lang, text, expected, modality", CASES, ids=[c[1][:40] for c in CASES])
def test_event_phrasings(extractor, lang, text, expected, modality):
    article = Article(id="t", text=text, lang=lang, published=date(2024, 6, 5))
    events = extractor.extract(article).events
    found = {(e.type, e.subject) for e in events}
    assert expected <= found, found
    assert {e.modality for e in events if (e.type, e.subject) in expected} == {modality}


def test_event_dated_by_its_sentence(extractor):
    article = Article(id="t", text="The Pebble Notes app went down on Monday, June 3, 2024.", lang="en",
                      published=date(2024, 6, 5))
    (event,) = [e for e in extractor.extract(article).events if e.type == "outage"]
    assert event.date == "2024-06-03" and event.evidence.startswith("The Pebble Notes app went down")


def test_an_event_no_sentence_dates_happened_when_the_article_was_published(extractor):
    text = "The Pebble Notes app went down for six hours, leaving users unable to log in."
    dated = Article(id="t", text=text, lang="en", published=date(2024, 6, 5))
    (event,) = [e for e in extractor.extract(dated).events if e.type == "outage"]
    assert event.date == "2024-06-05"
    undated = Article(id="t", text=text, lang="en")
    assert [e.date for e in extractor.extract(undated).events if e.type == "outage"] == [None]


def test_no_event_without_a_trigger(extractor):
    article = Article(id="t", text="Brightloom Labs hired Tessa Varga as chief executive.", lang="en")
    assert extractor.extract(article).events == ()


def test_a_cutting_verb_without_a_workforce_is_no_layoff(extractor):
    article = Article(id="t", text="Brightloom Labs cut its prices by 20 percent and fired Tessa Varga.", lang="en")
    assert [e for e in extractor.extract(article).events if e.type == "layoff"] == []


@pytest.mark.parametrize("data, message", [
    ({"events": {"merger": {"subjects": ["Organization"], "words": ["merge"]}}}, "unknown event type"),
    ({"events": {"outage": {"subjects": ["Place"], "words": ["down"]}}}, "subjects must be entity types"),
    ({"events": {"outage": {"subjects": ["Product"], "side": "left"}}}, "side must be"),
    ({"events": {"outage": {"subjects": ["Product"], "words": "down"}}}, "words must be a list"),
    ({"events": {"layoff": {"subjects": ["Organization"], "verbs": ["cut"]}}}, "verbs need objects"),
])
def test_event_lexicon_errors_name_the_entry(data, message):
    with pytest.raises(LexiconError, match=message):
        EventLexicon.from_dict(data, "x.events.yaml")


def test_headline_event_about_an_entity_of_the_body(extractor):
    # the body never says the product launched; the headline does
    article = Article(id="t", title="Brightloom Labs launches Pebble Notes", lang="en", published=date(2024, 6, 5),
                      text="Brightloom Labs said on Tuesday, June 4, 2024, that the Pebble Notes app costs $5 a month.")
    (event,) = [e for e in extractor.extract(article).events if e.type == "launch"]
    assert (event.subject, event.modality, event.evidence) == ("Pebble Notes", "asserted", article.title)
    assert (event.start, event.end) == (0, 0)


def test_headline_event_needs_the_body_to_name_its_subject(extractor):
    article = Article(id="t", title="Brightloom Labs launches Pebble Notes", lang="en",
                      text="Brightloom Labs said its revenue rose.")
    assert not [e for e in extractor.extract(article).events if e.subject == "Pebble Notes"]


def test_an_undated_event_or_change_takes_the_date_the_story_last_named(extractor):
    article = Article(id="t", lang="en", published=date(2024, 6, 5),
                      text="Brightloom Labs said on Monday, June 3, 2024, that its systems were being checked. "
                           "The Pebble Notes app went down for six hours. "
                           "Later, Harrow Ventures acquired Pivotline Inc. for $5 million.")
    extraction = extractor.extract(article)
    (event,) = [e for e in extraction.events if e.type == "outage"]
    (rel,) = [r for r in extraction.relations if r.relation == "acquired"]
    assert event.date == rel.date == "2024-06-03"


def test_headline_claim_about_entities_of_the_body(extractor):
    article = Article(id="t", title="Harrow Ventures acquires Pivotline Inc. for $5 million", lang="en",
                      text="Harrow Ventures said on Tuesday that Pivotline Inc. will keep its name.")
    (rel,) = [r for r in extractor.extract(article).relations if r.relation == "acquired"]
    assert (rel.subject, rel.object, rel.evidence, rel.start) == ("Harrow Ventures", "Pivotline Inc.", article.title, 0)


@pytest.mark.parametrize("title, kind", [("Harrow Ventures acquires Pivotline Inc. for $5 million", "acquired"),
                                         ("Harrow Ventures launches Pebble Notes", "launch")])
def test_an_undated_headline_change_or_event_takes_the_first_date_of_the_body(extractor, title, kind):
    article = Article(id="t", title=title, lang="en", published=date(2024, 6, 5),
                      text="Harrow Ventures invested in Quarrystone on Monday, June 3, 2024. "
                           "Pivotline Inc. will keep its name, and the Pebble Notes app costs $5.")
    extraction = extractor.extract(article)
    (found,) = [r for r in extraction.relations if r.relation == kind] + [e for e in extraction.events if e.type == kind]
    assert found.date == "2024-06-03"


def test_a_headline_comma_joins_clauses_of_claims_not_a_list():
    from kgraph.extractor import Extractor

    article = Article(id="t", lang="id", title="Dewan Nusapay Pecat Bagas Pranowo, Lintang Maharani Jadi Plt. CEO",
                      text="Nusapay menunjuk Lintang Maharani sebagai pelaksana tugas CEO menggantikan Bagas Pranowo.")
    fired = {r.object for r in Extractor(scorer=False).extract(article).relations if r.relation == "fired"}
    assert fired == {"Bagas Pranowo"}


def test_a_reference_back_to_a_product_is_an_event_subject(extractor):
    article = Article(id="t", text="Brightloom Labs released Pebble Notes in May. On Monday the app went down "
                                   "across Europe, Brightloom Labs said.", lang="en", published=date(2024, 6, 5))
    events = {(e.type, e.subject) for e in extractor.extract(article).events}
    assert ("outage", "Pebble Notes") in events, events
