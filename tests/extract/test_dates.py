"""Relative dates resolve against the article's published date."""
from __future__ import annotations

from datetime import date

import pytest

from kgraph.extract.dates import resolve_date


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
