"""Property-based tests: the reader and the cleaner never raise on arbitrary input."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kgraph.articles import clean_text
from kgraph.articles.article_lexicon import load_article_cues
from kgraph.articles.readers import read_path
from kgraph.errors import InputError
from kgraph.models import Article

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b\ufeff]")
PIECES = st.sampled_from([
    "Penulis: Rudi Hartono", "By Ann Lee", "Baca Juga: X", "Read also: Y", "KONTAN.CO.ID - ",
    "MENLO PARK, Calif. (Wire) — ", "<p>", "</div>", "<script>x</script>", "&amp;", "\x00",
    "\r\n", "\n", "\u2028", "\u200b", "|", "Reporter:", "{", "\"text\":", "<?xml ", "<rss>",
    "é", "“", "Tôi", "\ufeff", "\t", " " * 50, "A" * 300, "\x1b[31m",
])
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=30).map("".join),
)
SUFFIXES = st.sampled_from([".txt", ".html", ".jsonl", ".rss", ".atom", ".xml", "", ".dat"])


def assert_well_formed(article: Article) -> None:
    assert isinstance(article.id, str) and article.id
    assert isinstance(article.text, str) and article.text.strip()
    assert article.lang is None or re.fullmatch(r"[a-z]{2}", article.lang)
    assert all(isinstance(a, str) and a for a in article.authors)
    assert article.source


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_clean_text_never_raises_and_is_well_formed(raw: str) -> None:
    cues = load_article_cues()
    cleaned = clean_text(raw, cues)
    assert not CONTROL.search(cleaned.text)
    for line in cleaned.text.split("\n") if cleaned.text else []:
        assert line and line == line.strip()
        assert not any(line.casefold().startswith(cue) for cue in cues.related)
    assert all(author and "\n" not in author for author in cleaned.authors)
    assert cleaned.title is None or (cleaned.title and "\n" not in cleaned.title)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=300)),
       SUFFIXES)
def test_reader_never_raises_on_any_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"item{suffix}"
        path.write_bytes(data)
        for item in read_path(path):
            if isinstance(item, InputError):
                assert str(item).startswith(str(path)) and "\n" not in str(item)
            else:
                assert_well_formed(item)


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20),
       st.integers(min_value=1, max_value=20_000))
def test_very_long_lines(word: str, repeat: int) -> None:
    cleaned = clean_text((word + " ") * repeat)
    assert len(cleaned.text) <= len(word) * repeat + repeat
