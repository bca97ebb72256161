"""kgraph eval: the SCHEMA.md scoring on small hand-computed cases, checked against score.py;
and the shipped data it is measured with (team gold files, gazetteer)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.errors import InputError
from kgraph.evaluate import read_gold, read_jsonl, role_words, score
from kgraph.samples import gold_file

DATA_DIR = Path(__file__).parent / "data"  # tests/conftest.py is not importable by name beside tests/rdf/conftest.py

runner = CliRunner()


def _article(aid: str = "a", lang: str = "en", relations: list | None = None) -> dict:
    return {"id": aid, "lang": lang, "entities": [
        {"name": "Acme", "type": "Organization", "aliases": ["Acme Corp."]},
        {"name": "Jo Doe", "type": "Person", "aliases": ["Doe"]},
        {"name": "Beta", "type": "Organization", "aliases": []},
        {"name": "Gamma", "type": "Organization", "aliases": []},
    ], "relations": relations if relations is not None else [
        {"subject": "Acme", "relation": "fired", "object": "Jo Doe", "modality": "asserted", "date": "2024-01-02"},
        {"subject": "Jo Doe", "relation": "holdsPosition", "object": "Acme", "role": "CFO",
         "status": "former", "modality": "asserted"},
        {"subject": "Acme", "relation": "competitorOf", "object": "Beta", "modality": "asserted"},
        {"subject": "Acme", "relation": "acquired", "object": "Gamma", "modality": "uncertain"},
    ], "events": [
        {"type": "outage", "subject": "Acme", "date": "2024-01-03", "modality": "asserted"},
        {"type": "layoff", "subject": "Beta", "modality": "uncertain"},
    ]}


PRED = [
    {"article": "a", "subject": "acme corp.", "relation": "fired", "object": "DOE", "modality": "asserted",
     "date": "2024-01-02"},
    {"article": "a", "subject": "Doe", "relation": "holdsPosition", "object": "ACME", "role": "EVP and CFO",
     "status": "current", "modality": "asserted"},
    {"article": "a", "subject": "Beta", "relation": "competitorOf", "object": "Acme", "modality": "asserted"},
    {"article": "a", "subject": "Gamma", "relation": "acquired", "object": "Acme", "modality": "uncertain"},
    {"article": "a", "subject": "Acme", "relation": "partnerOf", "object": "Beta", "modality": "asserted"},
    {"article": "a", "event": "outage", "subject": "acme corp.", "date": "2024-01-04", "modality": "asserted"},
    {"article": "a", "event": "launch", "subject": "Gamma", "modality": "asserted"},
]


def test_score_relations_hand_computed():
    report, errors = score([_article()], PRED)
    # 3 of 5 predictions right (alias + case, role words, symmetric order); 3 of 4 gold found
    assert report["all"] == {"precision": 0.6, "recall": 0.75, "f1": 0.667, "tp": 3, "predicted": 5, "gold": 4}
    assert report["relation:competitorOf"]["f1"] == 1.0
    assert report["relation:acquired"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0,
                                           "predicted": 1, "gold": 1}
    assert report["relation:partnerOf"]["predicted"] == 1 and report["relation:partnerOf"]["gold"] == 0
    assert report["lang:en"]["tp"] == 3
    assert "a: spurious ('acquired', 'Gamma', 'Acme')" in errors
    assert "a: missed   ('acquired', 'Acme', 'Gamma')" in errors


def test_score_events_by_type_and_subject():
    report, errors = score([_article()], PRED)
    assert report["events"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "tp": 1, "predicted": 2, "gold": 2}
    assert report["event:launch"]["predicted"] == 1 and report["event:layoff"]["gold"] == 1
    assert report["accuracy:event_date"] == {"accuracy": 0.0, "compared": 1}
    assert report["accuracy:event_modality"] == {"accuracy": 1.0, "compared": 1}
    assert report["entities:lang:en"] == report["entities"]
    assert any("missed   event ('layoff', 'Beta')" in e for e in errors)


def test_score_attribute_accuracies():
    report, errors = score([_article()], PRED)
    assert report["accuracy:modality"] == {"accuracy": 1.0, "compared": 3}
    assert report["accuracy:role"] == {"accuracy": 1.0, "compared": 1}  # CFO ~ EVP and CFO
    assert report["accuracy:status"] == {"accuracy": 0.0, "compared": 1}
    assert report["accuracy:date"] == {"accuracy": 1.0, "compared": 1}
    assert any("status of ('holdsPosition', 'Jo Doe', 'Acme'): gold 'former', predicted 'current'" in e
               for e in errors)


def test_score_picks_the_prediction_with_the_same_role():
    gold = _article(relations=[
        {"subject": "Jo Doe", "relation": "holdsPosition", "object": "Acme", "role": "CEO", "status": "former"},
        {"subject": "Jo Doe", "relation": "holdsPosition", "object": "Acme", "role": "board member",
         "status": "current"}])
    pred = [{"article": "a", "subject": "Jo Doe", "relation": "holdsPosition", "object": "Acme",
             "role": "board member", "status": "current"},
            {"article": "a", "subject": "Jo Doe", "relation": "holdsPosition", "object": "Acme",
             "role": "Chief Executive Officer", "status": "former"}]
    report, _ = score([gold], pred)
    assert report["all"]["tp"] == 1 and report["all"]["gold"] == 1  # one relation key
    assert report["accuracy:role"] == {"accuracy": 1.0, "compared": 2}
    assert report["accuracy:status"] == {"accuracy": 1.0, "compared": 2}


@pytest.mark.parametrize("gold_role, pred_role, expected", [
    ("CFO", "EVP and CFO", True),
    ("Direktur Utama", "CEO", True),
    ("chief executive", "interim CEO", True),
    ("CEO", "CTO", False),
    ("head of analytics", "", False),
])
def test_role_matching(gold_role, pred_role, expected):
    assert role_words().matches(gold_role, pred_role) is expected


def test_score_per_language_and_missing_articles():
    gold = [_article("a", "en"), _article("b", "id")]
    pred = [r | {"article": "b"} for r in PRED[:2]] + [{"article": "zzz", "subject": "Acme",
                                                         "relation": "fired", "object": "Jo Doe"}]
    report, _ = score(gold, pred)
    assert report["lang:id"]["tp"] == 2 and report["lang:id"]["recall"] == 0.5
    assert report["lang:en"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "predicted": 0, "gold": 4}
    assert report["all"]["predicted"] == 2  # the row of an article not in the gold is ignored
    assert "article:a" not in report
    by_article, _ = score(gold, pred, per_article=True)
    assert by_article["article:b"]["tp"] == 2 and by_article["article:a"]["gold"] == 4
    assert {k: v for k, v in by_article.items() if not k.startswith("article:")} == report


def test_score_entities_with_aliases_and_types():
    pred = [{"article": "a", "entity": "ACME  CORP.", "type": "Organization"},
            {"article": "a", "entity": "Jo Doe", "type": "Product"}]
    report, errors = score([_article()], pred)
    assert report["entities"] == {"precision": 0.5, "recall": 0.25, "f1": 0.333, "tp": 1, "predicted": 2, "gold": 4}
    assert "a: spurious entity ('Jo Doe', 'Product')" in errors


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_cli_eval_pred_text_and_json(tmp_path):
    gold, pred = _write(tmp_path / "gold.jsonl", [_article()]), _write(tmp_path / "pred.jsonl", PRED)
    result = runner.invoke(app, ["eval", str(gold), "--pred", str(pred), "--show-errors"])
    assert result.exit_code == 0, result.output
    assert "all                              P 0.600  R 0.750  F1 0.667  (3/5 predicted, 4 gold)" in result.output
    assert "spurious ('partnerOf', 'Acme', 'Beta')" in result.output
    assert result.output.rstrip().endswith("relation F1 0.667")
    result = runner.invoke(app, ["eval", str(gold), "--pred", str(pred), "--json", "--per-article"])
    assert json.loads(result.output)["accuracy:status"] == {"accuracy": 0.0, "compared": 1}
    assert json.loads(result.output)["article:a"]["f1"] == 0.667


def test_cli_eval_bad_usage(tmp_path):
    result = runner.invoke(app, ["eval", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2
    assert "nope.jsonl: gold file not found" in result.output and "Traceback" not in result.output
    gold = _write(tmp_path / "gold.jsonl", [_article()])
    result = runner.invoke(app, ["eval", str(gold), "--pred", str(gold), "--articles", str(tmp_path)])
    assert result.exit_code == 2 and "--pred" in result.output


def test_cli_eval_malformed_gold_names_file_and_line(tmp_path):
    bad = _article()
    bad["relations"][0]["relation"] = "sacked"
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(_article("x")) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), "--pred", str(gold)])
    assert result.exit_code == 1
    assert f"{gold}:2" in result.output and "unknown relation 'sacked'" in result.output
    gold.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="gold.jsonl:1: not valid JSON"):
        read_gold(gold)


def test_cli_eval_without_gold_extracts_the_bundled_samples(tmp_path):
    """Without GOLD the samples are extracted and scored; their saved predictions score the same."""
    saved = tmp_path / "pred.jsonl"
    result = runner.invoke(app, ["eval", "--json", "--save-pred", str(saved)])
    assert result.exit_code == 0, result.output
    assert "scoring the bundled sample articles" in result.output
    report, _ = json.JSONDecoder().raw_decode(result.output[result.output.index("{"):])
    expected_gold = score(read_gold(gold_file()), [])[0]
    assert report["all"]["gold"] == expected_gold["all"]["gold"] > 0
    assert set(report) >= {"lang:id", "lang:en", "entities"} and report["entities"]["tp"] > 0
    assert {r["article"] for r in read_jsonl(saved)} == {a["id"] for a in read_gold(gold_file())}
    rescored = runner.invoke(app, ["eval", str(gold_file()), "--pred", str(saved), "--json"])
    assert json.loads(rescored.output) == report


def test_cli_eval_names_gold_articles_without_a_file(tmp_path):
    gold = _write(tmp_path / "gold.jsonl", [_article("no-such-article")])
    result = runner.invoke(app, ["eval", str(gold), "--articles", str(tmp_path), "--json"])
    assert result.exit_code == 1
    assert "no article file for gold id 'no-such-article'" in result.output
    assert json.loads(result.output[:result.output.rindex("}") + 1])["all"]["recall"] == 0.0


# --- the team's gold files are well-formed and agree with their articles ---------------------

GOLD_FILES = [gold_file(), DATA_DIR / "articles" / "gold.jsonl"]


@pytest.mark.parametrize("path", GOLD_FILES, ids=["samples", "test-articles"])
def test_team_gold_matches_its_articles(path):
    gold = read_gold(path)
    langs = {a["lang"] for a in gold}
    assert langs == {"id", "en"}
    for article in gold:
        text = (path.parent / article["text_file"]).read_text(encoding="utf-8")
        sidecar = json.loads((path.parent / article["text_file"]).with_suffix(".json").read_text())
        assert sidecar.get("published") == article.get("published"), article["id"]
        names = {e["name"] for e in article["entities"]}
        for e in article["entities"]:
            if e["type"] != "Group" and e["name"] != sidecar.get("publisher"):
                forms = [e["name"], *e["aliases"]]
                assert all(f in text for f in forms), (article["id"], forms)
        for r in article["relations"]:
            assert {r["subject"], r["object"]} <= names, (article["id"], r)


# subject and object types of each relation, as in SCHEMA.md's table
P, O, PR, G = "Person", "Organization", "Product", "Group"
SIGNATURES = {
    "fired": ({O, P}, {P}), "resigned": ({P, G}, {O}), "joined": ({P, G}, {O}),
    "holdsPosition": ({P}, {O}), "founded": ({P}, {O}), "offeredCompensation": ({O, P}, {P, G, O}),
    "developed": ({O}, {PR}), "acquired": ({O, P}, {O, PR}), "investedIn": ({O, P}, {O}),
    "laidOff": ({O}, {G}), "competitorOf": ({O}, {O}), "partnerOf": ({O}, {O}), "parentOf": ({O}, {O}),
}


@pytest.mark.parametrize("path", GOLD_FILES, ids=["samples", "test-articles"])
def test_team_gold_follows_schema_and_covers_every_relation(path):
    gold = read_gold(path)
    seen = set()
    for article in gold:
        types = {e["name"]: e["type"] for e in article["entities"]}
        groups = [e for e in article["entities"] if e["type"] == "Group"]
        assert all(g.get("member_of") in types for g in groups), article["id"]
        for r in article["relations"]:
            subjects, objects = SIGNATURES[r["relation"]]
            assert types[r["subject"]] in subjects and types[r["object"]] in objects, (article["id"], r)
            assert (r["relation"] == "holdsPosition") == bool(r.get("role") and r.get("status")), r
            seen.add((r["relation"], r["modality"]))
    assert {rel for rel, _ in seen} == set(SIGNATURES)
    assert {m for _, m in seen} == {"asserted", "negated", "uncertain"}


def test_shipped_gazetteer_entries_are_distinct_and_cover_the_region():
    from kgraph.lexicons import load_data_file

    entities = load_data_file("gazetteer.yaml")["entities"]
    assert len(entities) >= 300
    owner: dict[str, str] = {}
    for e in entities:
        types = e.get("types") or [e["type"]]  # a service named like its company lists two
        assert set(types) <= {"Organization", "Product"}, e
        for form in [e["name"], *e.get("aliases", [])]:
            assert owner.setdefault(form.casefold(), e["name"]) == e["name"], f"{form!r} names two entries"
    for outlet in ("Kontan", "Kompas", "Detik", "Tempo", "Bisnis Indonesia", "CNBC Indonesia", "Katadata",
                   "Reuters", "Bloomberg", "The Verge", "TechCrunch", "Business Insider", "Nikkei Asian Review"):
        assert owner.get(outlet.casefold()) == outlet
    assert owner["pt goto gojek tokopedia tbk"] == "GoTo" and owner["alphabet inc."] == "Alphabet"


# --- same figures as ../shared/eval/score.py -------------------------------------------------

def _perturbed_predictions(gold: list[dict]) -> list[dict]:
    """Predictions derived from the gold: some kept (by alias, reversed if symmetric), some with
    a wrong modality or status, some dropped, some invented, entities half right."""
    rows = []
    for a in gold:
        aliases = {e["name"]: (e["aliases"] or [e["name"]])[0] for e in a["entities"]}
        for i, r in enumerate(a["relations"]):
            if i % 4 == 3:
                continue
            row = dict(r, article=a["id"], subject=aliases[r["subject"]].upper())
            if i % 5 == 1:
                row["modality"] = "uncertain"
            if i % 3 == 2 and "status" in row:
                row["status"] = "current"
            if r["relation"] in ("competitorOf", "partnerOf"):
                row["subject"], row["object"] = row["object"], row["subject"]
            rows.append(row)
        rows.append({"article": a["id"], "subject": a["entities"][0]["name"], "relation": "fired",
                     "object": a["entities"][-1]["name"], "modality": "asserted"})
        rows += [{"article": a["id"], "entity": e["name"], "type": e["type"] if j % 2 else "Product"}
                 for j, e in enumerate(a["entities"])]
    return rows


def _score_py(shared_eval: Path, gold: Path, pred: Path) -> tuple[dict, set[str]]:
    """score.py's JSON report and error lines (it prints the F1 line after them)."""
    out = subprocess.run([sys.executable, str(shared_eval / "score.py"), str(gold), str(pred), "--json",
                          "--show-errors"], capture_output=True, text=True, check=True).stdout
    body, _, _ = out.rpartition("relation F1")
    report, end = json.JSONDecoder().raw_decode(body)
    return report, set(body[end:].split("\n")) - {""}


def _ours(gold: Path, pred: Path) -> tuple[dict, set[str]]:
    result = runner.invoke(app, ["eval", str(gold), "--pred", str(pred), "--json", "--show-errors"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    return report, set(report.pop("errors"))


@pytest.mark.shared
@pytest.mark.parametrize("path", GOLD_FILES, ids=["samples", "test-articles"])
def test_same_report_as_shared_score_py(shared_eval, tmp_path, path):
    pred = _write(tmp_path / "pred.jsonl", _perturbed_predictions(read_gold(path)))
    ours = _ours(path, pred)
    assert ours == _score_py(shared_eval, path, pred)
    assert 0 < ours[0]["all"]["f1"] < 1


@pytest.mark.shared
def test_hand_computed_case_agrees_with_shared_score_py(shared_eval, tmp_path):
    gold, pred = _write(tmp_path / "gold.jsonl", [_article()]), _write(tmp_path / "pred.jsonl", PRED)
    assert _ours(gold, pred) == _score_py(shared_eval, gold, pred)
