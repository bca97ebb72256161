"""Language detection per article."""
from __future__ import annotations

import pytest

from kgraph.articles import detect_language


@pytest.mark.parametrize("text, lang", [
    ("Perusahaan rintisan itu memecat kepala teknologinya pada hari Senin setelah rapat dewan.", "id"),
    ("The startup fired its chief technology officer on Monday after a board meeting.", "en"),
    ("Công ty khởi nghiệp vừa bổ nhiệm ông Minh làm giám đốc điều hành mới.", "vi"),
    ("Syarikat itu memecat ketua pegawai eksekutifnya semalam kerana kerugian besar.", "ms"),
])
def test_detects(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["", "  ", "12345 678", "!!!", "--- ---"])
def test_undecidable(text: str) -> None:
    assert detect_language(text) is None


def test_long_text_is_fast_and_correct() -> None:
    text = "The company hired a new chief executive this week. " * 100_000
    assert detect_language(text) == "en"
