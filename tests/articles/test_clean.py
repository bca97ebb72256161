"""The cleaner: bylines, datelines, related headlines, normalization, and the cue lexicons."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kgraph.articles.clean import clean_text, normalize_text
from kgraph.articles.header import parse_byline
from kgraph.articles.article_lexicon import load_article_cues, parse_article_cues
from kgraph.errors import LexiconError


@pytest.mark.parametrize("line, authors", [
    ("Penulis: Rudi Hartono", ("Rudi Hartono",)),
    ("Reporter: Sari Wulandari | Editor: Dodi Prasetyo", ("Sari Wulandari", "Dodi Prasetyo")),
    ("By Tom Alder and Mia Chen", ("Tom Alder", "Mia Chen")),
    ("By Tom Alder, Mia Chen & Ravi Iyer", ("Tom Alder", "Mia Chen", "Ravi Iyer")),
    ("BY TOM ALDER", ("TOM ALDER",)),
    ("Penulis: Ayu Lestari dan Bima Sakti", ("Ayu Lestari", "Bima Sakti")),
    ("Written by Grace O'Neil", ("Grace O'Neil",)),
    ("Laporan wartawan Kabarnesia.com, Rizky Ananda", ("Rizky Ananda",)),
])
def test_byline_authors(line: str, authors: tuple[str, ...]) -> None:
    assert parse_byline(line, load_article_cues()) == authors


@pytest.mark.parametrize("line", [
    "By the end of the year, sales fell.",
    "Oleh karena itu, perusahaan memangkas biaya.",
    "Editor: this is not a name at all, just a sentence about the editor role.",
    "Bylines are hard to parse",
    "Penulis buku itu kini menjabat CEO.",
])
def test_not_a_byline(line: str) -> None:
    assert parse_byline(line, load_article_cues()) is None


@pytest.mark.parametrize("first, body, outlet", [
    ("KONTAN.CO.ID - Di tengah kekacauan itu.", "Di tengah kekacauan itu.", "KONTAN.CO.ID"),
    ("WARTANIAGA.ID - JAKARTA. Pendiri Bukalapak mundur.", "Pendiri Bukalapak mundur.", "WARTANIAGA.ID"),
    ("LENSABISNIS.COM, JAKARTA — Ruangguru melakukan PHK.", "Ruangguru melakukan PHK.", "LENSABISNIS.COM"),
    ("Bisnis.com, JAKARTA — Startup itu tutup.", "Startup itu tutup.", "Bisnis.com"),
    ("JAKARTA, KOMPAS.com - Startup itu tutup.", "Startup itu tutup.", "KOMPAS.com"),
    ("JAKARTA - Startup itu tutup.", "Startup itu tutup.", None),
    ("MENLO PARK, Calif. (The Ledger Wire) — Apps came back.", "Apps came back.", "The Ledger Wire"),
    ("SAN FRANCISCO (Bitstream News) — Unity said.", "Unity said.", "Bitstream News"),
    ("LONDON, Jan 3 (Wire Service) - Shares fell.", "Shares fell.", "Wire Service"),
    ("NEW YORK — Shares fell.", "Shares fell.", None),
    ("Node.js - the runtime - got faster.", "Node.js - the runtime - got faster.", None),
    ("OpenAI (the lab) — said more.", "OpenAI (the lab) — said more.", None),
])
def test_dateline(first: str, body: str, outlet: str | None) -> None:
    cleaned = clean_text(first + "\nSecond paragraph.")
    assert cleaned.text == body + "\nSecond paragraph."
    assert cleaned.outlet == outlet


@pytest.mark.parametrize("first, outlet", [
    ("Jakarta (ANTARA) - Gojek resmi melantik direksi.", "ANTARA"),
    ("Jakarta - Gojek resmi melantik direksi.", None),
    ("Jakarta, Kamis (21/11) - Gojek resmi melantik direksi.", None),
    ("SAN FRANCISCO, Nov 21 (Wire Service) - Gojek resmi melantik direksi.", "Wire Service"),
])
def test_more_datelines(first: str, outlet: str | None) -> None:
    cleaned = clean_text(first)
    assert (cleaned.text, cleaned.outlet) == ("Gojek resmi melantik direksi.", outlet)


def test_mixed_case_word_before_dash_is_not_a_dateline() -> None:
    assert clean_text("Gojek - perusahaan itu - tumbuh.").text == "Gojek - perusahaan itu - tumbuh."


def test_title_before_a_dateline_line() -> None:
    cleaned = clean_text("Nusapay Pecat CEO\nWARTADIGITAL.ID - JAKARTA. Nusapay memecat CEO-nya.")
    assert (cleaned.title, cleaned.text, cleaned.outlet) == (
        "Nusapay Pecat CEO", "Nusapay memecat CEO-nya.", "WARTADIGITAL.ID")


def test_captions_are_dropped() -> None:
    cleaned = clean_text("Acme fired Jo.\nFoto: Dok. Acme\nPhoto: Jo Doe at the launch\nJo left.")
    assert cleaned.text == "Acme fired Jo.\nJo left."


def test_dateline_only_on_first_body_line() -> None:
    cleaned = clean_text("Intro line.\nJAKARTA - later line stays as it is.")
    assert cleaned.text == "Intro line.\nJAKARTA - later line stays as it is."


@pytest.mark.parametrize("cue", ["Baca Juga:", "Baca juga:", "BACA JUGA:", "Read also:",
                                 "Related:", "Read more:", "• Baca Juga:"])
def test_related_lines_contribute_nothing(cue: str) -> None:
    cleaned = clean_text(f"Acme fired Jo.\n{cue} Zeta hires Max as CEO\nJo left.")
    assert cleaned.text == "Acme fired Jo.\nJo left."
    assert "Zeta" not in cleaned.text and "Zeta" not in (cleaned.title or "")


@pytest.mark.parametrize("cue", ["Baca Juga:", "BACA JUGA", "Read also:", "Related"])
def test_cue_alone_drops_the_headline_on_the_next_line(cue: str) -> None:
    cleaned = clean_text(f"Acme fired Jo.\n{cue}\nZeta hires Max as CEO\nJo left.")
    assert cleaned.text == "Acme fired Jo.\nJo left."


def test_trailing_editor_line_becomes_author() -> None:
    cleaned = clean_text("Acme fired Jo.\nJo left.\nEditor: Noverius Laoli")
    assert cleaned.text == "Acme fired Jo.\nJo left."
    assert cleaned.authors == ("Noverius Laoli",)


def test_by_line_later_in_body_is_prose() -> None:
    cleaned = clean_text("Acme fired Jo.\nJo left.\nMore text here.\nBy Monday Acme Rehired Jo")
    assert cleaned.text.endswith("By Monday Acme Rehired Jo")


def test_known_title_repeated_in_text_is_removed() -> None:
    cleaned = clean_text("Acme fires Jo\nAcme fired Jo on Monday.", title="Acme fires Jo")
    assert (cleaned.title, cleaned.text) == ("Acme fires Jo", "Acme fired Jo on Monday.")


def test_normalize_keeps_paragraphs_and_drops_junk() -> None:
    raw = "  First\u00a0 paragraph.\r\n\r\n\x00Second\u200b one.\u2028Third\tone.\x0c"
    assert normalize_text(raw) == "First paragraph.\nSecond one.\nThird one."


def test_shipped_lexicons_load() -> None:
    cues = load_article_cues()
    assert "penulis:" in cues.byline_cues and "by" in cues.byline_cues
    assert {"baca juga:", "read also:", "related:"} <= set(cues.related)
    assert len(cues.datelines) >= 4


@pytest.mark.parametrize("data, message", [
    ({"relatd": []}, "unknown key 'relatd'"),
    ({"related": "Read also:"}, "related: expected a list"),
    ({"datelines": ["(unclosed"]}, "datelines[0]: invalid pattern"),
    ({"datelines": ["(?P<city>X)"]}, "unknown group 'city'"),
    ({"byline": {"cues": ["By"], "header_only": ["Oleh"]}}, "'oleh' is not in byline.cues"),
    ([1, 2], "expected a mapping"),
])
def test_bad_lexicon_names_file_and_entry(data: object, message: str) -> None:
    with pytest.raises(LexiconError, match="xx.article.yaml") as caught:
        parse_article_cues(data, "xx.article.yaml")
    assert message in str(caught.value)


def test_custom_lexicon_folder(tmp_path: Path) -> None:
    (tmp_path / "xx.article.yaml").write_text(
        "lang: xx\nrelated: ['Lue myös:']\nbyline: {cues: ['Kirjoittaja:']}\n", encoding="utf-8")
    cues = load_article_cues(tmp_path)
    cleaned = clean_text("Kirjoittaja: Aino Virtanen\nAcme fired Jo.\nLue myös: Other", cues)
    assert (cleaned.authors, cleaned.text) == (("Aino Virtanen",), "Acme fired Jo.")


def test_invalid_yaml_is_a_lexicon_error(tmp_path: Path) -> None:
    (tmp_path / "xx.article.yaml").write_text("related: [unclosed\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"xx\.article\.yaml: invalid YAML"):
        load_article_cues(tmp_path)


@pytest.mark.parametrize("line, authors", [
    ("By Ann Lee | 5 min read", ("Ann Lee",)),
    ("By Ann Lee, Technology Reporter", ("Ann Lee",)),
    ("Oleh: Rina Marlina, Wartawan Ekonomi", ("Rina Marlina",)),
    ("Reporter: Sari Wulandari | Editor: -", ("Sari Wulandari",)),
])
def test_byline_extras_are_not_authors(line: str, authors: tuple[str, ...]) -> None:
    assert parse_byline(line, load_article_cues()) == authors


@pytest.mark.parametrize("line, day", [
    ("Rabu, 22 November 2023 / 10:15 WIB", date(2023, 11, 22)),
    ("Jumat, 3 Mar 2023 08.00 WIB", date(2023, 3, 3)),
    ("22/11/2023 10:15 WIB", date(2023, 11, 22)),
    ("Published Nov. 22, 2023 at 10:15 a.m. EST", date(2023, 11, 22)),
    ("Wednesday, November 22, 2023", date(2023, 11, 22)),
    ("Updated 5 June 2024", date(2024, 6, 5)),
])
def test_header_date_line_gives_published(line: str, day: date) -> None:
    cleaned = clean_text(f"Acme fires Jo\n{line}\nBy Ann Lee\nAcme fired Jo Doe.")
    assert (cleaned.published, cleaned.title, cleaned.authors, cleaned.text) == (
        day, "Acme fires Jo", ("Ann Lee",), "Acme fired Jo Doe.")


@pytest.mark.parametrize("text", [
    "Acme fired Jo.\nIt said so.\nJo left.\nMore.\nMay 3, 2023",  # not in the header
    "Acme fires Jo\n31 February 2023\nAcme fired Jo.",  # no such day
    "Pada 22 November 2023 lalu, Acme memecat Jo.",  # a sentence holding a date
])
def test_no_date_line(text: str) -> None:
    assert clean_text(text).published is None


def test_sidecar_date_wins_over_date_line(tmp_path: Path) -> None:
    from kgraph.articles import read_article

    path = tmp_path / "a.txt"
    path.write_text("Acme fires Jo\nRabu, 22 November 2023\nPenulis: Rudi Hartono\nAcme memecat Jo.")
    assert read_article(path)[0].published == date(2023, 11, 22)
    path.with_suffix(".json").write_text('{"published": "2023-11-23"}')
    assert read_article(path)[0].published == date(2023, 11, 23)


@pytest.mark.parametrize("line, authors", [
    ("Penulis: Rudi Hartono (rudi@kabar.example)", ("Rudi Hartono",)),
    ("By Ann Lee @annlee", ("Ann Lee",)),
])
def test_byline_contacts_are_not_authors(line: str, authors: tuple[str, ...]) -> None:
    assert parse_byline(line, load_article_cues()) == authors


def test_newsletter_prompts_are_dropped() -> None:
    text = "Acme memecat Jo.\nCek Berita dan Artikel yang lain di Google News\nSign up for our briefing"
    assert clean_text(text).text == "Acme memecat Jo."
