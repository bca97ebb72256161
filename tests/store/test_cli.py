"""`kgraph ingest` / `kgraph remove` failures a user meets, through typer's CliRunner."""
from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.store import LocalStore, open_dataset
from kgraph.store.ingest import ingest
from tests.store.helpers import make_fake
from tests.store.test_ingest import articles

runner = CliRunner()


def test_remove_retracts_one_article(tmp_path: Path) -> None:
    with LocalStore(tmp_path / "s") as store:
        ingest(articles(3), store, make_fake)
    result = runner.invoke(app, ["remove", "kabar-example-id-1", "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "removed https://kgraph.dev/id/article/kabar-example-id-1" in result.output
    ds = open_dataset(store=tmp_path / "s")
    people = {str(r[0]) for r in ds.query("SELECT ?p WHERE { ?p a <https://schema.org/Person> }")}
    ds.close()
    assert len(people) == 2 and not any(p.endswith("budi-santoso-1") for p in people)


def test_remove_unknown_article_or_store(tmp_path: Path) -> None:
    LocalStore(tmp_path / "s").close()
    result = runner.invoke(app, ["remove", "no-such-article", "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "kgraph: no article 'no-such-article' in " in result.output
    result = runner.invoke(app, ["remove", "x", "--store", str(tmp_path / "absent")])
    assert result.exit_code == 1 and "kgraph: no kgraph store at" in result.output
    assert not (tmp_path / "absent").exists()


def test_ingest_missing_path_is_bad_usage(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--store", str(tmp_path / "s")])
    assert result.exit_code == 2
    assert "nope: no such file or folder" in result.output
    assert "Traceback" not in result.output


def test_ingest_into_a_folder_that_is_not_a_store(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Kopi Nusantara memberhentikan Rina dari jabatan CEO.\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "thesis.pdf").write_bytes(b"%PDF-1.4")
    result = runner.invoke(app, ["ingest", str(article), "--store", str(tmp_path / "docs")])
    assert result.exit_code == 1
    assert "docs is not a kgraph store (no kgraph-store.json)" in result.output
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == ["thesis.pdf"]


def test_ingest_while_another_writer_holds_the_store(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Kopi Nusantara memberhentikan Rina dari jabatan CEO.\n")
    with LocalStore(tmp_path / "s"):
        result = runner.invoke(app, ["ingest", str(article), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert f"kgraph: store {tmp_path / 's'} is in use by another kgraph process" in result.output


def test_store_and_endpoint_together_is_bad_usage(tmp_path: Path) -> None:
    result = runner.invoke(app, ["remove", "x", "--store", str(tmp_path), "--endpoint", "http://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "give either --store or --endpoint, not both" in result.output


def test_remove_by_the_file_an_article_was_ingested_from(tmp_path: Path) -> None:
    from kgraph.articles import iter_articles

    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("Nusantara Data memberhentikan Rina Wulandari dari kursi direktur.\n")
    (news / "b.txt").write_text("Kopi Cloud memberhentikan Agus Salim dari kursi direktur.\n")
    with LocalStore(tmp_path / "s") as store:
        ingest(list(iter_articles([news], lang="id")), store, make_fake)
        assert len(store.records()) == 2
    result = runner.invoke(app, ["remove", str(news / "a.txt"), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    with LocalStore(tmp_path / "s") as store:
        assert len(store.records()) == 1
    again = runner.invoke(app, ["remove", str(news / "a.txt"), "--store", str(tmp_path / "s")])
    assert again.exit_code != 0 and "no article" in again.output
    folder = runner.invoke(app, ["remove", str(news), "--store", str(tmp_path / "s")])
    assert folder.exit_code == 0, folder.output
    with LocalStore(tmp_path / "s") as store:
        assert store.records() == []


def test_a_query_on_an_older_store_says_so_in_one_line_and_a_writer_upgrades_it(tmp_path: Path) -> None:
    import json

    with LocalStore(tmp_path / "s") as store:
        ingest(articles(2), store, make_fake)
    marker = tmp_path / "s" / "kgraph-store.json"
    marker.write_text(json.dumps({"format": "kgraph-store", "version": 3}))
    result = runner.invoke(app, ["query", "fired", "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    [line] = [line for line in result.output.splitlines() if "store format" in line]
    assert "is store format 3 (this kgraph writes 4)" in line and "kgraph ingest or kgraph remove" in line
    LocalStore(tmp_path / "s").close()
    assert json.loads(marker.read_text())["version"] == 4
    result = runner.invoke(app, ["query", "fired", "--store", str(tmp_path / "s")])
    assert result.exit_code == 0 and "store format" not in result.output
