"""Names lexicons: shipped per language, validated when loaded, with an English fallback."""
from __future__ import annotations

import pytest

from kgraph.errors import LexiconError
from kgraph.lexicons import has_lexicon, load_lexicon, read_yaml
from kgraph.nlp.lexicon import NamesLexicon, load_names_lexicon


@pytest.mark.parametrize("lang", ["id", "en"])
def test_lexicon_shipped_names_load(lang):
    lex = load_names_lexicon(lang)
    assert lex.titles and lex.group_words and lex.stop_capitals and lex.org_cues
    assert ("ceo",) in lex.titles
    assert lex.group_name == {"id": "karyawan {org}", "en": "{org} employees"}[lang]


def test_lexicon_language_without_names_falls_back_to_english():
    assert not has_lexicon("vi", "names")
    assert load_names_lexicon("vi") == load_names_lexicon("en")


@pytest.mark.parametrize("data, message", [
    ({"titels": ["CEO"]}, "x.yaml: unknown entry 'titels'"),
    ({"titles": "CEO"}, "x.yaml: entry 'titles' must be a list of strings, got str"),
    ({"titles": ["CEO", 3]}, "x.yaml: entry 'titles' item 1 must be a non-empty string, got 3"),
    ({"demonyms": ["Googlers"]}, "x.yaml: entry 'demonyms' must map words to organization names"),
    ({"head_initial": "yes"}, "x.yaml: entry 'head_initial' must be true or false, got 'yes'"),
    ({"group_name": "karyawan"}, "x.yaml: entry 'group_name' must be a name holding '{org}' once"),
    ({"group_name": "{org} {staff}"}, "x.yaml: entry 'group_name' must be a name holding '{org}' once"),
])
def test_lexicon_names_validation(data, message):
    with pytest.raises(LexiconError) as error:
        NamesLexicon.from_dict(data, "x.yaml")
    assert str(error.value).startswith(message)


def test_lexicon_round_trip_through_plain_data():
    lex = load_names_lexicon("id")
    assert NamesLexicon.from_dict(lex.to_dict(), "copy") == NamesLexicon(**{**lex.__dict__, "source": "copy"})


def test_load_lexicon_missing_language():
    with pytest.raises(LexiconError, match=r"vi.names.yaml: no names lexicon for language 'vi'"):
        load_lexicon("vi", "names")


def test_read_yaml_reports_file_and_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("titles: [CEO\nother: 1\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"broken.yaml: line \d+ is not valid YAML"):
        read_yaml(path)
    path.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="expected a mapping of entries at the top, got list"):
        read_yaml(path)
