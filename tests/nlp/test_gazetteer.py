"""The gazetteer: shipped entries, the user's --gazetteer files, and their validation."""
from __future__ import annotations

import pytest
import spacy

from kgraph.errors import LexiconError
from kgraph.nlp import load_nlp
from kgraph.nlp.gazetteer import GazetteerRuler, load_gazetteers
from tests.nlp.conftest import entities

USER_GAZETTEER = """\
version: 1
entities:
  - {name: Zephyrine Labs, type: Organization, aliases: [Zephyrine, PT Zephyrine Nusantara]}
  - {name: Quorra, type: Product}
"""


def test_gazetteer_shipped_is_large_and_valid():
    entries = load_gazetteers()
    assert len(entries) >= 300
    assert {t for _, t, _, _ in entries} <= {"Organization", "Product"}


def test_gazetteer_user_file_is_matched(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(USER_GAZETTEER, encoding="utf-8")
    nlp = load_nlp("en", gazetteers=[path], relations=False)
    doc = nlp("zephyrine said Zephyrine built quorra and Quorra. PT Zephyrine Nusantara agreed.")
    # case-sensitive; the name is a printed form (the longest), the gazetteer's kept as known_as
    assert entities(doc) == {"PT Zephyrine Nusantara": "Organization", "Quorra": "Product"}
    company = doc._.kg_entities["PT Zephyrine Nusantara"]
    assert set(company.aliases) == {"Zephyrine"} and company.known_as == "Zephyrine Labs"
    assert doc._.kg_entities["Quorra"].known_as is None  # printed under the gazetteer's name


def test_gazetteer_longest_match_wins(nlp_en):
    doc = nlp_en("Developers left the Unity engine after Unity changed its fees.")
    assert entities(doc) == {"Unity engine": "Product", "Unity": "Organization"}


@pytest.mark.parametrize("text, message", [
    ("entities: [{name: Acme, type: Town}]", "entity 1 ('Acme'): type 'Town' is not one of"),
    ("entities: [{name: Acme, type: Product, alias: [A]}]", "entity 1 ('Acme'): unknown key 'alias'"),
    ("entities: [{type: Product}]", "entity 1: 'name' must be a non-empty string"),
    ("entities: [{name: Acme, type: Product, aliases: A}]", "'aliases' must be a list"),
    ("entities: {name: Acme}", "'entities' must be a list"),
    ("entities: [Acme]", "entity 1 must be a mapping"),
    ("entities: [{name: Acme\n", "is not valid YAML"),
])
def test_gazetteer_bad_file_names_file_and_entry(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match="bad.yaml") as error:
        load_gazetteers([path])
    assert message in str(error.value)


def test_gazetteer_missing_file(tmp_path):
    with pytest.raises(LexiconError, match="nope.yaml: gazetteer file not found"):
        load_gazetteers([tmp_path / "nope.yaml"])


def test_gazetteer_ruler_round_trip(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(USER_GAZETTEER, encoding="utf-8")
    nlp = spacy.blank("en")
    ruler = GazetteerRuler(nlp, gazetteers=[str(path)], shipped=False)
    other = GazetteerRuler(nlp, shipped=False)
    other.from_bytes(ruler.to_bytes())
    assert other.entries == ruler.entries
    ruler.to_disk(tmp_path / "ruler")
    third = GazetteerRuler(nlp, shipped=False).from_disk(tmp_path / "ruler")
    assert [e.text for e in third(nlp("Quorra and Zephyrine")).ents] == ["Quorra", "Zephyrine"]
