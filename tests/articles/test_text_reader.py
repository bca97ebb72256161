"""The plain-text reader: the article shape (title, byline, dateline, related lines) and sidecars."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kgraph.articles import iter_articles, read_article
from kgraph.errors import InputError

ID_ARTICLE = """\
Startup Lumbung Data Pecat Kepala Teknologi
Reporter: Sari Wulandari | Editor: Dodi Prasetyo
BERITAKITA.CO.ID - JAKARTA. Perusahaan rintisan Lumbung Data memecat kepala teknologinya, Andi Saputra, pada Senin (6/5).
Baca Juga: Lumbung Data Raih Pendanaan Seri B
Keputusan itu diumumkan oleh direktur utama perusahaan, Maya Kusuma.
Karyawan Menunggu Kepastian
Sebagian karyawan menyebut mereka akan pindah ke perusahaan pesaing.
"""

EN_ARTICLE = """\
Harbor Robotics names new chief executive
By Tom Alder and Mia Chen
PORTLAND, Ore. (Valley Ledger) — Harbor Robotics said on Tuesday it hired Lena Ortiz as chief executive.
Related: Harbor Robotics closes a factory
Ortiz previously ran operations at Pike Systems.
Read also: Pike Systems cuts 200 jobs
"""


def write(path: Path, text: str, sidecar: dict | None = None) -> Path:
    path.write_text(text, encoding="utf-8")
    if sidecar is not None:
        path.with_suffix(".json").write_text(json.dumps(sidecar), encoding="utf-8")
    return path


def test_indonesian_shape(tmp_path: Path) -> None:
    [article] = read_article(write(tmp_path / "lumbung.txt", ID_ARTICLE))
    assert article.id == "lumbung"
    assert article.title == "Startup Lumbung Data Pecat Kepala Teknologi"
    assert article.authors == ("Sari Wulandari", "Dodi Prasetyo")
    assert article.publisher == "BERITAKITA.CO.ID"
    assert article.lang == "id"
    assert article.text.startswith("Perusahaan rintisan Lumbung Data memecat")
    assert "Baca Juga" not in article.text and "Pendanaan Seri B" not in article.text
    assert "Karyawan Menunggu Kepastian" in article.text.splitlines()
    assert "Reporter" not in article.text


def test_english_shape(tmp_path: Path) -> None:
    [article] = read_article(write(tmp_path / "harbor.txt", EN_ARTICLE))
    assert article.title == "Harbor Robotics names new chief executive"
    assert article.authors == ("Tom Alder", "Mia Chen")
    assert article.publisher == "Valley Ledger"
    assert article.lang == "en"
    assert article.text.splitlines() == [
        "Harbor Robotics said on Tuesday it hired Lena Ortiz as chief executive.",
        "Ortiz previously ran operations at Pike Systems.",
    ]


def test_byline_first_line_means_no_title(tmp_path: Path) -> None:
    text = "Penulis: Rudi Hartono\nJAKARTA - Perusahaan itu menunjuk direktur baru hari ini.\n"
    [article] = read_article(write(tmp_path / "a.txt", text))
    assert article.title is None
    assert article.authors == ("Rudi Hartono",)
    assert article.text == "Perusahaan itu menunjuk direktur baru hari ini."


def test_prose_starting_with_by_is_kept(tmp_path: Path) -> None:
    text = "By the end of the year, Harbor Robotics had hired 40 engineers.\nIt plans more."
    [article] = read_article(write(tmp_path / "a.txt", text))
    assert article.authors == ()
    assert article.text.startswith("By the end of the year")


def test_sidecar_wins_over_text_and_overrides_win_over_sidecar(tmp_path: Path) -> None:
    write(tmp_path / "harbor.txt", EN_ARTICLE,
          {"published": "2024-05-07", "publisher": "Valley Ledger Inc.", "url": "https://x.example/a",
           "title": "Sidecar title"})
    [article] = read_article(tmp_path / "harbor.txt")
    assert article.published == date(2024, 5, 7)
    assert article.publisher == "Valley Ledger Inc."
    assert article.title == "Sidecar title"
    assert article.url == "https://x.example/a"
    [overridden] = list(iter_articles([tmp_path], publisher="Cmd Line", published=date(2020, 1, 2),
                                      lang="id", author="Ann Lee"))
    assert (overridden.publisher, overridden.published, overridden.lang, overridden.authors) == (
        "Cmd Line", date(2020, 1, 2), "id", ("Ann Lee",))


def test_bad_sidecar_is_reported_and_article_still_read(tmp_path: Path) -> None:
    write(tmp_path / "harbor.txt", EN_ARTICLE)
    (tmp_path / "harbor.json").write_text("{not json", encoding="utf-8")
    items = list(iter_articles([tmp_path]))
    errors = [i for i in items if isinstance(i, InputError)]
    articles = [i for i in items if not isinstance(i, InputError)]
    assert len(errors) == 1 and "harbor.json" in str(errors[0]) and "invalid JSON" in str(errors[0])
    assert [a.id for a in articles] == ["harbor"]


def test_sidecar_bad_date_is_named(tmp_path: Path) -> None:
    write(tmp_path / "harbor.txt", EN_ARTICLE, {"published": "last Tuesday"})
    items = list(iter_articles([tmp_path / "harbor.txt"]))
    assert any(isinstance(i, InputError) and "published" in str(i) for i in items)
    assert any(not isinstance(i, InputError) and i.published is None for i in items)


def test_folder_walk_is_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".cache").mkdir()
    write(tmp_path / "b.txt", EN_ARTICLE)
    write(tmp_path / "sub" / "a.txt", ID_ARTICLE)
    write(tmp_path / ".hidden.txt", EN_ARTICLE)
    write(tmp_path / ".cache" / "c.txt", EN_ARTICLE)
    ids = [a.id for a in iter_articles([tmp_path])]
    assert ids == ["b", "a"]


@pytest.mark.shared
def test_shared_eval_articles_have_no_related_lines(shared_eval: Path) -> None:
    paths = sorted(shared_eval.glob("*/*.txt"))
    articles = [a for a in iter_articles(paths)]
    assert len(articles) == len(paths) and all(not isinstance(a, InputError) for a in articles)
    for article in articles:
        assert article.published is not None and article.publisher and article.authors
        for line in article.text.splitlines():
            assert not line.lower().startswith(("baca juga", "read also", "related"))
    seed = next(a for a in articles if a.id == "id-kontan-openai-2023")
    assert seed.text.startswith("Di tengah segala kekacauan")
    assert seed.publisher == "Kontan" and seed.lang == "id"


def test_closing_credits_name_people_and_leave_the_text(tmp_path: Path) -> None:
    write(tmp_path / "wire.txt", "Acme buys Beta\nJAKARTA (Nusa Wire) - Acme membeli Beta pada Senin.\n"
                                 "Nilai transaksi tidak diungkap. (Pelaporan oleh Sekar Ayu; Penyuntingan oleh Bima Hartono)\n")
    [article] = read_article(tmp_path / "wire.txt")
    assert article.authors == ("Sekar Ayu", "Bima Hartono")
    assert article.text.endswith("Nilai transaksi tidak diungkap.")
