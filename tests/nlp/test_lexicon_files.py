"""The shipped fact lists: gazetteer.yaml (and its entries of several types, with the cues of
{lang}.types.yaml) and people.txt parse, name each form once, and keep
common words out of the gazetteer (it matches case-sensitively on whole tokens, so a common word
written capitalized at a sentence start would be taken for the entity)."""
from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest

from kgraph.errors import LexiconError
from kgraph.lexicons import load_word_list
from kgraph.nlp.gazetteer import load_gazetteers, parse_gazetteer
from kgraph.nlp.type_evidence import load_type_cues

#: Gazetteer forms that are also common words, kept on purpose: form -> why.
ALLOWED_COMMON = {
    # the entity is far more newsworthy in tech news than the word at a sentence start
    "Alphabet": "Google's parent, named in most Google business news",
    "Meta": "Facebook's parent, named far more often than the word",
    "Slack": "the workplace chat product",
    "Snap": "Snapchat's maker",
    "Zoom": "the video-call company",
    "Grab": "Southeast Asia's ride-hailing company",
    "Visa": "the card network",
    "Arm": "the chip designer",
    "Flip": "the Indonesian payments startup",
    "Runway": "the AI video company",
    "Edge": "Microsoft's browser (a Product: skipped next to another capitalized word)",
    "X": "the social network renamed from Twitter (a Product first: skipped next to another capitalized word)",
    "Pixel": "Google's phone (a Product: skipped next to another capitalized word)",
    "Threads": "Meta's social app (a Product: skipped next to another capitalized word)",
    "Wired": "the magazine",
    "Fortune": "the magazine",
    "Tempo": "Indonesia's news magazine",
    "Detik": "Indonesia's largest news site",
    "Antara": "Indonesia's state news agency",
    "Kumparan": "the Indonesian news site",
    "kumparan": "the Indonesian news site, printed lower-case by itself",
    "Beritasatu": "the Indonesian news site",
    "BeritaSatu": "the Indonesian news site",
    "Siri": "Apple's assistant (a Product); 'siri' is a rare Indonesian word",
    "Temu": "the shopping platform, much in Indonesian news; the verb is mostly lower-case",
    "Transjakarta": "Jakarta's bus operator; the word is a proper name printed lower-case in compounds",
    "TransJakarta": "Jakarta's bus operator",
    # the form's letter case is the entity's own: never how the word opens a sentence
    "YouTube": "inner capital", "Youtube": "usual misspelling of YouTube", "eBay": "inner capital",
    "iPhone": "inner capital", "iPad": "inner capital", "idEA": "inner capitals", "PaLM": "inner capitals",
    "HP": "acronym", "BI": "acronym", "FT": "acronym", "AP": "acronym", "MIT": "acronym", "ING": "acronym",
    "ITU": "acronym", "UN": "acronym", "WHO": "acronym", "SEC": "acronym", "EU": "acronym",
    "MAS": "acronym", "DOGE": "acronym", "AXIS": "brand written in capitals", "BUKA": "ticker",
    "DANA": "brand written in capitals", "LINE": "brand written in capitals", "ANTARA": "masthead",
    "WIRED": "masthead",
}

#: Lower-case particles inside a person's name ("Ursula von der Leyen", "Mohammed bin Salman").
NAME_PARTICLES = {"bin", "binti", "van", "von", "der", "den", "de", "da", "del", "dos", "la", "le", "al"}


def _people_lines() -> list[tuple[str, str]]:
    """(section, name) for every name in people.txt, the section being the last '#' line."""
    text = resources.files("kgraph.lexicons").joinpath("people.txt").read_text(encoding="utf-8")
    section, out = "", []
    for line in text.splitlines():
        if line.startswith("#"):
            section = line
        elif line.strip():
            out.append((section, line))
    return out


def _common_words() -> frozenset[str]:
    return load_word_list("en.common_words.txt") | load_word_list("id.common_words.txt")


def test_gazetteer_forms_are_unique():
    """One form (ignoring letter case) names one entry: "BOE" and "BoE" may not name two."""
    forms = Counter(form for name, _, aliases, _ in load_gazetteers() for form in {name, *aliases})
    assert sorted(form for form, n in forms.items() if n > 1) == []
    owners: dict[str, set[str]] = {}
    for name, _, aliases, _ in load_gazetteers():
        for form in (name, *aliases):
            owners.setdefault(form.casefold(), set()).add(name)
    assert sorted(form for form, names in owners.items() if len(names) > 1) == []


def test_gazetteer_has_no_common_word_unless_allowed():
    common = _common_words()
    found = {form for name, _, aliases, _ in load_gazetteers() for form in (name, *aliases)
             if form.lower() in common}
    assert sorted(found - set(ALLOWED_COMMON)) == []
    assert sorted(set(ALLOWED_COMMON) - found) == []  # the allow-list names only real exceptions


def test_gazetteer_multi_type_entries_are_services_and_their_companies():
    """An entry of several types is a service named like its company (Twitter, TikTok): it lists
    exactly Product and Organization, its first type is its default."""
    multi = [e for e in load_gazetteers() if e.types]
    assert len(multi) >= 10
    assert [e.name for e in multi if sorted(e.types) != ["Organization", "Product"] or e.type != e.types[0]] == []
    assert {"Twitter", "X", "TikTok", "Instagram", "WhatsApp", "YouTube", "Telegram", "LinkedIn",
            "Slack", "Facebook"} <= {e.name for e in multi}


@pytest.mark.parametrize("item, message", [
    ({"name": "Acme", "type": "Product", "types": ["Product", "Organization"]}, "not both"),
    ({"name": "Acme", "types": ["Product"]}, "two or more"),
    ({"name": "Acme", "types": ["Product", "Product"]}, "two or more"),
    ({"name": "Acme", "types": ["Product", "Town"]}, "'Town' is not one of"),
    ({"name": "Acme", "types": "Product"}, "two or more"),
])
def test_gazetteer_bad_types_entry(item, message):
    with pytest.raises(LexiconError, match=message):
        parse_gazetteer({"entities": [item]}, "g.yaml")


def test_gazetteer_types_entry_parses():
    entry, = parse_gazetteer({"entities": [{"name": "Acme", "types": ["Product", "Organization"]}]}, "g.yaml")
    assert (entry.type, entry.types) == ("Product", ("Product", "Organization"))


def test_type_cue_files_parse():
    for lang in ("en", "id"):
        cues = load_type_cues(lang)
        assert cues.before["Organization"] and cues.before["Product"] and cues.near["Product"]


def test_people_parse_and_are_unique():
    names = [name for _, name in _people_lines()]
    assert len(names) >= 1000
    assert [n for n, k in Counter(names).items() if k > 1] == []
    assert all(name == name.strip() and "  " not in name for name in names)


def _bad_person_line(section: str, name: str) -> str | None:
    """Why a people.txt line is not a name of capitalized words, or None."""
    words = name.split()
    if not all(w[0].isupper() for w in (words[0], words[-1])) or not all(
            w[0].isupper() or w in NAME_PARTICLES for w in words):
        return f"{name}: a word is not capitalized"
    if len(words) < 2 and section != "# mononyms":
        return f"{name}: one word outside the '# mononyms' section"
    return None


@pytest.mark.parametrize("section, name, bad", [
    ("# people", "Sri Mulyani", False), ("# people", "Ursula von der Leyen", False),
    ("# mononyms", "Boediono", False), ("# people", "Boediono", True), ("# people", "joko Widodo", True),
    ("# people", "Bank of America", True),
])
def test_bad_person_line_check(section, name, bad):
    assert (_bad_person_line(section, name) is not None) is bad


def test_people_lines_are_capitalized_words():
    assert [why for section, name in _people_lines() if (why := _bad_person_line(section, name))] == []


def test_people_are_not_gazetteer_forms():
    forms = {form for name, _, aliases, _ in load_gazetteers() for form in (name, *aliases)}
    assert sorted({name for _, name in _people_lines()} & forms) == []
