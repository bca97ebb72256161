"""HTML pages, JSON lines and RSS/Atom feeds."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kgraph.articles import iter_articles, read_article
from kgraph.articles.formats import html_to_text, sniff_format
from kgraph.errors import InputError
from kgraph.models import Article

DATA = Path(__file__).parent.parent / "data" / "articles_bad"


def split(items: list) -> tuple[list[Article], list[InputError]]:
    return ([i for i in items if isinstance(i, Article)],
            [i for i in items if isinstance(i, InputError)])


def test_html_page_text_and_metadata_without_boilerplate() -> None:
    [article] = read_article(DATA / "news-page.html")
    assert article.title == "Quill Analytics ousts its chief technology officer"
    assert article.publisher == "Northwind Tech Times"
    assert article.authors == ("Priya Raman",)
    assert article.published == date(2024, 2, 13)
    assert article.url == "https://northwind.example/2024/02/quill-cto"
    assert article.lang == "en"
    assert article.text.startswith("Quill Analytics, a data software company")
    assert "Fenwick Labs if the product roadmap" in article.text
    for boilerplate in ("Subscribe", "Markets", "Most read", "All rights reserved",
                        "Cookie settings", "Read also", "Dublin"):
        assert boilerplate not in article.text


def test_html_sidecar_wins(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes((DATA / "news-page.html").read_bytes())
    page.with_suffix(".json").write_text('{"publisher": "NTT", "published": "2024-02-14"}')
    [article] = read_article(page)
    assert (article.publisher, article.published) == ("NTT", date(2024, 2, 14))


def test_jsonl_malformed_line_named_others_read() -> None:
    articles, errors = split(list(iter_articles([DATA / "articles.jsonl"])))
    assert [str(e) for e in errors] == [
        f"{DATA / 'articles.jsonl'}: line 2: invalid JSON: Unterminated string starting at (column 34)"]
    first, third = articles
    assert first.title == "Nusantara Pay hires a chief risk officer"
    assert first.authors == ("Dewi Anggraini",) and first.publisher == "Wire Example"
    assert first.published == date(2024, 1, 9) and first.lang == "en"
    assert first.id == "wire-example-np-cro"
    assert first.text.splitlines()[1] == "Gomez previously worked at Meridian Bank."
    assert third.lang == "id" and third.id == "articles-3" and third.source.endswith(":3")


@pytest.mark.parametrize("line, reason", [
    ('[1, 2]', "line 1: expected a JSON object, got list"),
    ('{"title": "No body"}', "line 1: no 'text'"),
    ('{"text": "Acme fired Jo on Monday.", "published": "someday"}', "line 1: published: not an ISO date"),
])
def test_jsonl_bad_entries(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(line + "\n")
    errors = [i for i in iter_articles([path]) if isinstance(i, InputError)]
    assert len(errors) == 1 and reason in str(errors[0]) and str(path) in str(errors[0])


def test_jsonl_duplicate_ids_are_made_unique(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "x", "text": "Acme fired Jo."}\n{"id": "x", "text": "Jo joined Zeta."}\n')
    assert [a.id for a in read_article(path)] == ["x", "x-2"]


def test_rss_items_are_articles() -> None:
    first, second = read_article(DATA / "tech-feed.rss")
    assert first.title == "Aplikasi Dompetku Tunjuk Direktur Keuangan Baru"
    assert first.publisher == "Kabar Teknologi Harian" and first.lang == "id"
    assert first.authors == ("Lestari Handayani",) and first.published == date(2024, 3, 12)
    assert first.url == "https://kabar.example/2024/03/dompetku-cfo"
    assert first.text.splitlines() == [
        "Perusahaan dompet digital Dompetku menunjuk Bayu Pratama sebagai direktur keuangan baru pada Senin (11/3).",
        "Bayu sebelumnya bekerja di Bank Sentosa selama delapan tahun."]
    assert second.title == "Pasar Kita PHK 50 Karyawan" and second.authors == ()
    assert first.id != second.id


def test_atom_entries_are_articles() -> None:
    first, second = read_article(DATA / "tech-feed.atom")
    assert first.title == "Brightloom acquires sensor maker Tidewater"
    assert first.authors == ("Jonas Weller",) and first.published == date(2024, 4, 1)
    assert first.publisher == "Circuit Notes" and first.lang == "en"
    assert "Ines Varga, will join Brightloom" in first.text and "<p>" not in first.text
    assert second.text.startswith("Kestrel Cloud appointed Omar Haddad")
    assert second.published == date(2024, 4, 3)


@pytest.mark.parametrize("name, content, reason", [
    ("menu.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>",
     "no article text found in the HTML page"),
    ("empty.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>',
     "not an RSS/Atom feed with items"),
])
def test_page_or_feed_without_articles(tmp_path: Path, name: str, content: str, reason: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    [error] = list(iter_articles([path]))
    assert isinstance(error, InputError) and str(error).startswith(f"{path}: {reason}")


def test_sniffing_unknown_suffixes() -> None:
    assert sniff_format(Path("a.xml"), "<?xml version='1.0'?><feed xmlns='x'>") == "feed"
    assert sniff_format(Path("page"), "<!DOCTYPE html><html>") == "html"
    assert sniff_format(Path("notes"), "Acme fired Jo.") == "text"
    assert sniff_format(Path("script.py"), "print(1)") is None


def test_unsupported_suffix_is_named(tmp_path: Path) -> None:
    path = tmp_path / "notes.py"
    path.write_text("print('hello')")
    [error] = list(iter_articles([path]))
    assert str(error) == f"{path}: unsupported file type '.py' (expected .txt, .html, .jsonl, .rss, .atom or .xml)"


def test_html_to_text_keeps_blocks() -> None:
    assert html_to_text("<div>One<br>Two</div><ul><li>Three</li></ul>") == "One\nTwo\nThree"
    assert html_to_text("plain & simple") == "plain & simple"


def test_feed_date_is_the_items_own_day(tmp_path: Path) -> None:
    path = tmp_path / "late.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
                    '<title>Acme fires Jo</title><pubDate>Tue, 12 Mar 2024 02:00:00 +0700</pubDate>'
                    '<description>Acme fired Jo on Monday.</description></item></channel></rss>')
    [article] = read_article(path)
    assert article.published == date(2024, 3, 12)  # 2024-03-11 in UTC


def test_bad_language_tag_is_named(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "Acme fired Jo on Monday.", "lang": "Indonesian"}\n')
    items = list(iter_articles([path]))
    assert any(isinstance(i, InputError) and "lang: not a language code 'Indonesian'" in str(i) for i in items)
    assert any(isinstance(i, Article) and i.lang == "en" for i in items)


def test_declared_page_language_does_not_overrule_the_text(tmp_path: Path) -> None:
    page = tmp_path / "id.html"
    page.write_text(
        '<html lang="en"><head><title>Nusapay pecat CEO</title></head><body><article>'
        "<p>Dewan komisaris perusahaan teknologi finansial Nusapay memecat pendiri sekaligus "
        "CEO-nya pada hari Kamis karena kerugian unit pinjaman daring perusahaan.</p>"
        "<p>Direktur keuangan perusahaan ditunjuk sebagai pelaksana tugas sampai dewan menemukan "
        "pengganti tetap.</p></article></body></html>", encoding="utf-8")
    [article] = read_article(page)
    assert article.lang == "id"


def test_jsonl_text_may_hold_line_separator_characters(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "Acme fired Jo.\u2028Jo left.\u0085Jo sued."}\n', encoding="utf-8")
    [article] = read_article(path)
    assert article.text == "Acme fired Jo.\nJo left.\nJo sued."


def test_plain_feed_summary_entities_are_unescaped() -> None:
    assert html_to_text("AT&amp;T hires a CTO") == "AT&T hires a CTO"
