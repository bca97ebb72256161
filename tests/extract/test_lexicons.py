"""Relation lexicons load, and a malformed one is reported with its file and entry."""
from __future__ import annotations

import pytest

from kgraph.errors import LexiconError
from kgraph.extract.rules import available_languages, load_relation_lexicon
from kgraph.models import RELATIONS


@pytest.mark.parametrize("lang", ["id", "en"])
def test_shipped_lexicon_covers_every_relation(lang):
    lexicon = load_relation_lexicon(lang)
    assert {rule.relation for rule in lexicon.rules} == set(RELATIONS)
    assert lexicon.date_patterns and lexicon.negation and lexicon.uncertainty


def test_available_languages_are_the_files():
    assert {"id", "en"} <= set(available_languages())


def test_unknown_relation_names_file_and_rule(tmp_path):
    path = tmp_path / "xx.relations.yaml"
    path.write_text("language: xx\nrules:\n  - id: xx.bad\n    relation: hired\n    patterns: ['{O:s} hired {P:o}']\n")
    with pytest.raises(LexiconError, match=r"xx.relations.yaml.*xx.bad.*hired"):
        load_relation_lexicon("xx", path)


def test_broken_yaml_is_a_lexicon_error(tmp_path):
    path = tmp_path / "xx.relations.yaml"
    path.write_text("rules: [\n")
    with pytest.raises(LexiconError, match="not valid YAML"):
        load_relation_lexicon("xx", path)
