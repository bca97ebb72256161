"""IRIs are readable and the same on every run and machine; the vocabulary is closed."""
from __future__ import annotations

import pytest
from rdflib import URIRef

from kgraph.errors import UsageError
from kgraph.models import ENTITY_TYPES, RELATIONS, Article
from kgraph.rdf.article_graph import build_dataset
from kgraph.rdf.uris import article_iri, claim_iri, entity_iri, slugify
from kgraph.rdf.vocab import ENTITY_CLASSES, KG, PREFIXES


@pytest.mark.parametrize("name, slug", [
    ("Sam Altman", "sam-altman"),
    ("  OpenAI ", "openai"),
    ("PT GoTo Gojek Tokopedia Tbk.", "pt-goto-gojek-tokopedia-tbk"),
    ("Nadiem Makarím", "nadiem-makarim"),
    ("karyawan OpenAI", "karyawan-openai"),
    ("AT&T", "at-t"),
])
def test_slugs_are_readable(name, slug):
    assert slugify(name) == slug


def test_names_without_latin_letters_and_very_long_names_stay_distinct():
    assert slugify("字节跳动") != slugify("腾讯") and slugify("字节跳动").startswith("u-")
    long_a, long_b = "Acme " * 30 + "East", "Acme " * 30 + "West"
    assert slugify(long_a) != slugify(long_b) and len(slugify(long_a)) <= 90


def test_claim_iri_is_a_fixed_hash_not_python_hash():
    # the same value on every machine and run (PYTHONHASHSEED does not matter): a SHA-256 of
    # article, subject, predicate, object, modality, offsets and role
    iri = claim_iri(URIRef("https://kgraph.dev/id/article/a"), entity_iri("Organization", "Acme"), KG.fired,
                    entity_iri("Person", "Jo Doe"), modality="asserted", start=0, end=18)
    assert iri == URIRef("https://kgraph.dev/id/claim/c87c819795d20841")
    negated = claim_iri(URIRef("https://kgraph.dev/id/article/a"), entity_iri("Organization", "Acme"),
                        KG.fired, entity_iri("Person", "Jo Doe"), modality="negated", start=0, end=18)
    assert negated != iri


def test_article_iri_from_url_ignores_scheme_www_and_query():
    a = Article(id="x", text="t", url="https://www.ledgerwire.example/2024/05/story?utm_source=rss#top")
    b = Article(id="y", text="other text", url="http://ledgerwire.example/2024/05/story")
    assert article_iri(a) == article_iri(b) == URIRef(
        "https://kgraph.dev/id/article/ledgerwire-example-2024-05-story")


def test_article_iri_without_url_follows_content_not_file_name():
    a = Article(id="copy-1", text="Same body.", title="T")
    b = Article(id="copy-2", text="Same body.", title="T")
    c = Article(id="copy-1", text="Edited body.", title="T")
    assert article_iri(a) == article_iri(b) != article_iri(c)


def test_unknown_entity_type_is_an_error():
    with pytest.raises(UsageError, match="unknown type 'Place'"):
        entity_iri("Place", "Jakarta")


def test_vocabulary_is_closed_and_covers_the_models():
    with pytest.raises(AttributeError):
        KG.fird  # noqa: B018  a typo must not mint a new term
    for relation in RELATIONS:
        assert KG[relation] == URIRef(PREFIXES["kg"] + relation)
    assert set(ENTITY_CLASSES) == set(ENTITY_TYPES)


def test_the_same_person_in_two_languages_is_one_node(sample_extractions):
    ds = build_dataset(sample_extractions)
    dara = entity_iri("Person", "Dara Quinn")
    sources = {str(a) for a in ds.subjects(URIRef("https://schema.org/mentions"), dara)}
    assert len(sources) == 4  # English and Indonesian articles share the node
