"""The rule language: what a linguist writes in a lexicon file matches what it says."""
from __future__ import annotations

import pytest

from kgraph.errors import LexiconError
from kgraph.extract.patterns import compile_pattern

PASSIVE = "⟦P0⟧ dipecat/pecat oleh/oleh ⟦O2⟧ ./. "
AGENTLESS = "⟦P0⟧ dipecat/pecat menyusul/susul laporan/lapor ./. "


def test_pattern_stem_matches_every_affixed_form():
    rx = compile_pattern("{O:s} ..2 me<pecat> {P:o}")
    assert rx.search("⟦O0⟧ memecat/pecat ⟦P2⟧ ")
    assert not rx.search("⟦O0⟧ dipecat/pecat ⟦P2⟧ ")  # the prefix decides the voice


def test_pattern_optional_agent_slot():
    rx = compile_pattern("{P:o} ..2 di<pecat> oleh? {O|P:s}?")
    assert rx.search(PASSIVE).group("s") == "⟦O2⟧"
    assert rx.search(AGENTLESS).group("s") is None


def test_pattern_multiword_alternative():
    rx = compile_pattern("{P:s} <step>+down|<resign> from? {O:o}")
    assert rx.search("⟦P0⟧ stepped/step down/down from/from ⟦O3⟧ ")
    assert rx.search("⟦P0⟧ resigned/resign ⟦O3⟧ ")
    assert not rx.search("⟦P0⟧ stepped/step up/up ⟦O3⟧ ")


def test_pattern_does_not_match_inside_a_word():
    rx = compile_pattern("pecat {P:o}")
    assert not rx.search("dipecat/pecat ⟦P1⟧ ")


@pytest.mark.parametrize("bad", ["{X:s} fired {P:o}", "{P:s} <fire {P:o}", "{P:s} x {P:s}",
                                 "{P:s} , an?|the {O:o}"])
def test_pattern_errors_name_the_pattern(bad):
    with pytest.raises(LexiconError, match="pattern"):
        compile_pattern(bad)
