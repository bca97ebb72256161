"""Relative dates resolve against the article's published date."""
from __future__ import annotations

from datetime import date

import pytest

from kgraph.errors import LexiconError
from kgraph.extract.dates import find_dates, resolve_date
from kgraph.extract.rules import load_relation_lexicon
from kgraph.models import Article


@pytest.mark.parametrize("phrase, lang, published, expected", [
    ("Selasa (21/11)", "id", date(2023, 11, 22), date(2023, 11, 21)),
    ("Jumat (29/12)", "id", date(2024, 1, 3), date(2023, 12, 29)),  # across the new year
    ("17 November lalu", "id", date(2023, 11, 22), date(2023, 11, 17)),
    ("6 Januari 2020", "id", date(2019, 12, 10), date(2020, 1, 6)),
    ("on Wednesday", "en", date(2023, 1, 20), date(2023, 1, 18)),
    ("Monday, Oct. 9", "en", date(2023, 10, 10), date(2023, 10, 9)),
])
def test_resolve_date(phrase, lang, published, expected):
    assert resolve_date(phrase, published, lang) == expected


def test_day_month_without_published_date_is_unknown():
    assert resolve_date("Selasa (21/11)", None, "id") is None


@pytest.mark.parametrize("lang, text, published, expected", [
    ("en", "SoftBank invested in Flipkart last year.", date(2018, 5, 9), "2017"),
    ("en", "Tomb joined the company only last June.", date(2023, 3, 3), "2022-06"),
    ("en", "The service went down earlier this month.", date(2023, 3, 3), "2023-03"),
    ("en", "Vogt co-founded Cruise a decade ago.", date(2023, 11, 19), "2013"),
    ("id", "SoftBank menanam modal di Flipkart tahun lalu.", date(2018, 5, 9), "2017"),
    ("id", "Ia bergabung Juni lalu.", date(2023, 8, 3), "2023-06"),
    ("id", "Layanan itu terganggu kemarin.", date(2023, 8, 3), "2023-08-02"),
])
def test_times_counted_back_from_the_published_date(lang, text, published, expected):
    lexicon = load_relation_lexicon(lang)
    found = find_dates(text, lexicon.date_patterns, published, lang, lexicon.relative_dates)
    assert [d.isoformat() for _, _, d in found] == [expected]
    assert find_dates(text, lexicon.date_patterns, None, lang, lexicon.relative_dates) == []


def test_a_named_month_counted_back_needs_its_month_group(tmp_path):
    path = tmp_path / "xx.relations.yaml"
    path.write_text("language: xx\nrelative_dates:\n  - {pattern: 'last month', unit: named_month}\n")
    with pytest.raises(LexiconError, match=r"relative_dates\[0\].*group"):
        load_relation_lexicon("xx", path)


def test_a_year_before_the_deal_it_dates():
    lexicon = load_relation_lexicon("en")
    found = find_dates("Regulators allowed Facebook's 2012 purchase of Instagram.", lexicon.date_patterns,
                       None, "en", lexicon.relative_dates)
    assert [d.isoformat() for _, _, d in found] == ["2012"]


def test_a_claim_takes_the_date_among_its_own_words(extractor):
    # "on Tuesday" dates the purchase, "in 2009" the founding named inside the same sentence
    text = "Kelpie Inc. said on Tuesday that it had agreed to buy Harrowgate, the firm Maria Lopez founded in 2009."
    found = extractor.extract(Article(id="t", text=text, lang="en", published=date(2024, 5, 10)))
    dates = {(r.subject, r.relation, r.object): r.date for r in found.relations}
    assert dates[("Kelpie Inc.", "acquired", "Harrowgate")] == "2024-05-07"
    assert dates[("Maria Lopez", "founded", "Harrowgate")] == "2009"


@pytest.mark.parametrize("lang, text", [
    ("id", "Grab didirikan di Malaysia pada 2012. Salah satu pendiri Grab, Anthony Tan, menyampaikan kabar itu "
           "pada Selasa (16/6)."),
    ("en", "Grab, founded in Malaysia in 2012, cut 360 jobs. Co-founder Anthony Tan said on Tuesday that it was hard."),
])
def test_a_founding_takes_the_year_the_article_gives_for_it_anywhere(extractor, lang, text):
    found = extractor.extract(Article(id="t", text=text, lang=lang, published=date(2020, 6, 18)))
    dates = {(r.subject, r.relation, r.object): r.date for r in found.relations}
    assert dates[("Anthony Tan", "founded", "Grab")] == "2012"


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Dana Whitfield left the company in March.", ["2024-03"]),
    ("en", "The app launched in December; in August 2015 it did not exist.", ["2023-12", "2015-08"]),
    ("id", "Dana Whitfield mundur pada Maret.", ["2024-03"]),
])
def test_a_month_without_a_year_is_the_one_nearest_the_published_date(lang, text, expected):
    lexicon = load_relation_lexicon(lang)
    found = find_dates(text, lexicon.date_patterns, date(2024, 5, 10), lang, lexicon.relative_dates)
    assert sorted(d.isoformat() for _, _, d in found) == sorted(expected)
