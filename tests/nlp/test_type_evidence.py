"""A gazetteer name of several types (a service and its company) typed once per article by the
evidence of all its mentions, in both languages; the cue file's checks."""
from __future__ import annotations

import pytest

from kgraph.errors import LexiconError
from kgraph.nlp.type_evidence import TypeCues, evidence_line, load_type_cues
from tests.nlp.conftest import entities


def evidence(doc, name):
    return doc._.kg_type_evidence[name]


def test_type_evidence_company_verbs_and_titles_make_the_company(nlp_en):
    doc = nlp_en("TikTok fired 200 people in Dublin. The CEO of TikTok said more cuts would follow.")
    assert entities(doc)["TikTok"] == "Organization"
    ev = evidence(doc, "TikTok")
    assert ev.types == ("Product", "Organization") and ev.chosen == "Organization"
    assert ("Organization", "after", "fired") in ev.cues and ("Organization", "before", "ceo of") in ev.cues


@pytest.mark.parametrize("lang, text, cue", [
    ("en", "Twitter users could not log in on Tuesday. Posts on Twitter stopped loading for hours.",
     ("Product", "after", "users")),
    ("id", "Pengguna Twitter mengeluhkan gangguan. Banyak akun di Twitter tidak bisa dibuka.",
     ("Product", "before", "pengguna")),
])
def test_type_evidence_users_and_outage_make_the_service(request, lang, text, cue):
    doc = request.getfixturevalue(f"nlp_{lang}")(text)
    assert entities(doc)["Twitter"] == "Product"
    assert cue in evidence(doc, "Twitter").cues


def test_type_evidence_decides_once_for_every_mention(nlp_en):
    doc = nlp_en("Millions of users rely on Twitter. Twitter said little. Twitter accounts were locked.")
    assert {e.label_ for e in doc.ents if e.kb_id_ == "Twitter"} == {"Product"}


def test_type_evidence_legal_form_counts_for_the_company(nlp_en):
    doc = nlp_en("Twitter Inc. reported results. Some users posted on Twitter about it. Twitter fired 300 people.")
    assert entities(doc) == {"Twitter": "Organization"}
    assert ("Organization", "legal", "Twitter Inc.") in evidence(doc, "Twitter").cues


def test_type_evidence_without_cues_keeps_the_first_type(nlp_en):
    twitter = nlp_en("Twitter was mentioned in the report.")
    tiktok = nlp_en("TikTok was mentioned in the report.")
    assert entities(twitter)["Twitter"] == "Organization" and entities(tiktok)["TikTok"] == "Product"


def test_type_evidence_legal_form_stays_the_company(nlp_en):
    doc = nlp_en("Twitter Inc. reported results. Twitter users complained that the app was down; posts on Twitter failed.")
    assert entities(doc) == {"Twitter Inc.": "Organization", "Twitter": "Product"}


def test_type_evidence_indonesian_company(nlp_id):
    doc = nlp_id("CEO TikTok mengumumkan rencana baru. TikTok memecat 200 karyawan di Jakarta.")
    assert entities(doc)["TikTok"] == "Organization"


def test_type_evidence_longest_cue_wins(nlp_id):
    """"bekerja di" (a company cue) over "di" (the service): "Ia bekerja di TikTok"."""
    doc = nlp_id("Ia bekerja di TikTok sejak 2020.")
    assert entities(doc)["TikTok"] == "Organization"
    assert evidence(doc, "TikTok").cues == (("Organization", "before", "bekerja di"),)


def test_type_evidence_names_of_one_type_have_none(nlp_en):
    assert nlp_en("Microsoft fired 200 people.")._.kg_type_evidence == {}


def test_type_evidence_line(nlp_en):
    line = evidence_line(evidence(nlp_en("Twitter users were angry."), "Twitter"))
    assert line == "Twitter -> Product: Organization 1 (prior), Product 2 (after 'users')"


def test_type_cues_round_trip():
    cues = load_type_cues("en")
    assert TypeCues.from_dict(cues.to_dict(), "x") == TypeCues(**{**cues.__dict__, "source": "x"})


@pytest.mark.parametrize("data, message", [
    ({"Company": {"before": ["ceo"]}}, "unknown entry 'Company'"),
    ({"Product": {"around": ["users"]}}, "must map some of before, after, near"),
    ({"Product": {"before": "users"}}, "must be a list of strings"),
    ({"weights": {"bonus": 3}}, "'weights' must map"),
    ({"window": -1}, "'window' must be a whole number"),
])
def test_type_cues_bad_file(data, message):
    with pytest.raises(LexiconError, match=message):
        TypeCues.from_dict(data, "t.yaml")
