"""The evaluation corpus: every gold line of tests/corpus passes the checker, the checker catches
what it promises to, and ``kgraph eval --corpus`` scores splits side by side without ever
showing a blind article's errors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.corpus import check_article, check_batch, corpus_stats, load_corpus, main

CORPUS = Path(__file__).parent / "corpus"
BATCHES = sorted(p.parent for p in CORPUS.rglob("gold.jsonl"))
runner = CliRunner()


@pytest.mark.parametrize("batch", BATCHES, ids=[str(b.relative_to(CORPUS)) for b in BATCHES])
def test_corpus_gold_is_sound(batch):
    # the problems are not printed for blind batches: only their number (tests/corpus/README.md)
    problems = check_batch(batch)
    assert not problems, (f"{len(problems)} problem(s) in {batch}; run python -m kgraph.corpus check"
                          if "blind" in batch.parts else "\n".join(problems))


def test_corpus_has_both_halves_in_both_languages():
    stats = corpus_stats(load_corpus(CORPUS))
    for split in ("dev", "blind"):
        for lang in ("id", "en"):
            assert stats[f"{split}:{lang}"]["articles"] >= 25, (split, lang)


def test_corpus_article_ids_are_unique():
    ids = [a.gold["id"] for rows in load_corpus(CORPUS).values() for a in rows]
    assert len(ids) == len(set(ids))


ARTICLE = {"id": "a", "lang": "en", "style": "wire", "text_file": "a.txt", "entities": [
    {"name": "Acme Corp", "type": "Organization", "aliases": ["Acme"]},
    {"name": "Jo Doe", "type": "Person", "aliases": []},
    {"name": "Acme employees", "type": "Group", "aliases": ["Acme staff"], "member_of": "Acme Corp"}],
    "relations": [{"subject": "Jo Doe", "relation": "holdsPosition", "object": "Acme Corp",
                   "role": "CEO", "status": "current", "modality": "asserted", "date": "2024-05"}],
    "events": [{"type": "layoff", "subject": "Acme Corp", "modality": "asserted", "date": "2024-05-02"}]}
TEXT = "Acme Corp chief executive Jo Doe said Acme staff would be cut."


def test_check_article_accepts_a_sound_article():
    assert check_article(ARTICLE, TEXT) == []


@pytest.mark.parametrize("change, expected", [
    (lambda a: a["entities"][0]["aliases"].append("Acme Inc"), "alias 'Acme Inc' of 'Acme Corp' does not occur"),
    (lambda a: a["entities"].append({"name": "Zed", "type": "Person", "aliases": []}), "'Zed': neither its name"),
    (lambda a: a["relations"][0].pop("status"), "holdsPosition needs a role and a status"),
    (lambda a: a["relations"][0].update(object="Beta"), "object 'Beta' is not a declared entity"),
    (lambda a: a["relations"][0].update(date="May 2024"), "is not an ISO date"),
    (lambda a: a["events"][0].update(type="merger"), "type is not one of"),
    (lambda a: a["entities"][2].update(member_of="Nobody"), "member_of 'Nobody' is not a declared entity"),
    (lambda a: a["relations"][0].update(modality="maybe"), "modality 'maybe'"),
])
def test_check_article_names_each_problem(change, expected):
    article = json.loads(json.dumps(ARTICLE))
    change(article)
    problems = check_article(article, TEXT)
    assert len(problems) == 1 and expected in problems[0], problems


def _tiny_corpus(root: Path) -> Path:
    for split in ("dev", "blind"):
        batch = root / split / "b1"
        batch.mkdir(parents=True)
        aid = f"en-{split}-acme"
        (batch / f"{aid}.txt").write_text("Acme fires CEO\nAcme Corp fired its chief executive, Jo Doe, on "
                                          "Monday.\n", encoding="utf-8")
        (batch / f"{aid}.json").write_text(json.dumps({"title": "Acme fires CEO", "published": "2024-05-08",
                                                       "publisher": "Wire", "lang": "en"}), encoding="utf-8")
        gold = dict(ARTICLE, id=aid, text_file=f"{aid}.txt", events=[], relations=[
            {"subject": "Acme Corp", "relation": "fired", "object": "Jo Doe", "modality": "asserted"}])
        gold["entities"] = ARTICLE["entities"][:2]
        (batch / "gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    return root


def test_checker_command_exit_status(tmp_path, capsys):
    root = _tiny_corpus(tmp_path)
    assert main(["check", str(root / "dev")]) == 0
    (root / "dev" / "b1" / "en-dev-acme.txt").write_text("Nothing here.\n", encoding="utf-8")
    assert main(["check", str(root / "dev")]) == 1
    assert "does not occur" in capsys.readouterr().err


def test_eval_corpus_scores_splits_side_by_side(tmp_path):
    root = _tiny_corpus(tmp_path)
    result = runner.invoke(app, ["eval", "--corpus", str(root)])
    assert result.exit_code == 0, result.output
    header = next(line for line in result.output.splitlines() if line.startswith("split"))
    assert header.split() == ["split", "dev", "dev:en", "blind", "blind:en"]
    assert any(line.startswith("relation:fired") for line in result.output.splitlines())
    reports = json.loads(runner.invoke(app, ["eval", "--corpus", str(root), "--json"]).output)
    assert reports["dev"]["all"]["gold"] == reports["blind"]["all"]["gold"] == 1


def test_eval_corpus_never_shows_blind_errors(tmp_path):
    root = _tiny_corpus(tmp_path)
    refused = runner.invoke(app, ["eval", "--corpus", str(root), "--show-errors"])
    assert refused.exit_code == 2 and "blind" in refused.output
    dev_only = runner.invoke(app, ["eval", "--corpus", str(root), "--split", "dev", "--show-errors"])
    assert dev_only.exit_code == 0 and "en-blind-acme" not in dev_only.output
    assert runner.invoke(app, ["eval", "--corpus", str(root), "--split", "nope"]).exit_code == 2


def test_eval_corpus_against_saved_predictions(tmp_path):
    root = _tiny_corpus(tmp_path / "corpus")
    saved = tmp_path / "before.jsonl"
    first = runner.invoke(app, ["eval", "--corpus", str(root), "--save-pred", str(saved)])
    assert first.exit_code == 0, first.output
    same = json.loads(runner.invoke(app, ["eval", "--corpus", str(root), "--against", str(saved), "--json"]).output)
    assert same["against"]["blind"]["relations"]["change"] == 0
    # an earlier extractor that found nothing: the change is the whole F1, outside the noise
    rows = [json.loads(line) for line in saved.read_text(encoding="utf-8").splitlines()]
    saved.write_text("".join(json.dumps(r) + "\n" for r in rows if "relation" not in r), encoding="utf-8")
    report = json.loads(runner.invoke(app, ["eval", "--corpus", str(root), "--split", "blind", "--json",
                                            "--against", str(saved)]).output)
    moved = report["against"]["blind"]["relations"]
    assert moved["old"] == 0 and moved["new"] == round(report["blind"]["all"]["f1"], 3) > 0
    assert moved["low"] > 0 and moved["better"] == 1.0
    table = runner.invoke(app, ["eval", "--corpus", str(root), "--split", "blind", "--against", str(saved)])
    assert table.exit_code == 0, table.output
    assert "paired bootstrap" in table.output and "en-blind-acme" not in table.output


def test_eval_corpus_against_refuses_a_file_of_other_articles(tmp_path):
    root = _tiny_corpus(tmp_path / "corpus")
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"article": "nope", "entity": "Acme", "type": "Organization"}) + "\n", encoding="utf-8")
    refused = runner.invoke(app, ["eval", "--corpus", str(root), "--against", str(other)])
    assert refused.exit_code == 2 and "holds no prediction" in refused.output
    missing = runner.invoke(app, ["eval", "--corpus", str(root), "--against", str(tmp_path / "gone.jsonl")])
    assert missing.exit_code == 2 and "gone.jsonl" in missing.output
    assert runner.invoke(app, ["eval", "--against", str(other)]).exit_code == 2


def test_corpus_docstring_examples():
    import doctest

    import kgraph.corpus

    result = doctest.testmod(kgraph.corpus, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
