"""The group finder: an organization's people as one Group entity, in both languages."""
from __future__ import annotations

import pytest


def groups(doc) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    return {n: (e.member_of, e.aliases) for n, e in doc._.kg_entities.items() if e.type == "Group"}


@pytest.mark.parametrize("text, name, member", [
    ("Ratusan karyawan Kopiloka menandatangani petisi.", "Kopiloka employees", "Kopiloka"),
    ("Kopiloka melakukan PHK terhadap ratusan karyawannya.", "Kopiloka employees", "Kopiloka"),
    ("Pegawai di Kopiloka mogok kerja.", "Kopiloka employees", "Kopiloka"),
])
def test_groups_indonesian(nlp_id, text, name, member):
    assert groups(nlp_id(text))[name][0] == member


@pytest.mark.parametrize("text, name, member", [
    ("Dozens of Pellucid employees signed the letter.", "Pellucid employees", "Pellucid"),
    ("Employees of Harrowgate Logistics walked out.", "Harrowgate Logistics employees", "Harrowgate Logistics"),
    ("Vantor Holdings said it would cut 300 jobs.", "Vantor Holdings employees", "Vantor Holdings"),
    ("Googlers protested outside the office.", "Google employees", "Google"),
])
def test_groups_english(nlp_en, text, name, member):
    assert groups(nlp_en(text))[name][0] == member


def test_groups_one_entity_for_every_form(nlp_id):
    doc = nlp_id("Karyawan Microsoft menolak rencana itu. Kemudian ratusan karyawan Microsoft mogok.")
    assert list(groups(doc)) == ["Microsoft employees"]
    assert set(groups(doc)["Microsoft employees"][1]) == {"Karyawan Microsoft", "ratusan karyawan Microsoft"}


def test_groups_use_the_gazetteer_name(nlp_en):
    doc = nlp_en("Several Inflection employees moved with them.")
    assert groups(doc) == {"Inflection AI employees": ("Inflection AI", ("Inflection employees",))}


def test_groups_bare_word_without_organization_is_nothing(nlp_en):
    assert groups(nlp_en("In a message to staff, the founder thanked everyone.")) == {}
    assert groups(nlp_en("He told staff that Pellucid would grow.")) == {}  # the firm comes after
