"""The learned candidate scorer: the shipped model, its use by the relation extractor, training."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kgraph.extract.candidates import FOCUS, SIGNATURES, labels_for
from kgraph.extract.scorer import RelationScorer, load_scorer
from kgraph.models import Article
from kgraph.nlp import load_nlp
from kgraph.extract import extract_article


def test_shipped_model_loads_and_was_never_trained_on_blind():
    model = load_scorer()
    assert model is not None and model.labels
    assert not any("blind" in folder for folder in model.meta["trained_on"])
    known = {label for first in SIGNATURES for t1 in ("Organization", "Person", "Product", "Group")
             for t2 in ("Organization", "Person", "Product", "Group") for label in labels_for(t1, t2)}
    assert {label.removeprefix(FOCUS) for label in model.labels} <= known
    assert {label.removeprefix(FOCUS).rstrip("<>") for label in model.labels if label.startswith(FOCUS)} \
        <= set(model.meta["focus_relations"])
    assert 0 < model.meta["threshold"] < 1
    from kgraph.training.scorer import DEV_BATCHES

    assert model.meta["dev_batches"] == sorted(DEV_BATCHES)  # what `kgraph train scorer` trains on


def _model(tmp_path: Path) -> Path:
    """A hand-made model: a trigger of investedIn or holdsPosition between the pair decides."""
    scorer = RelationScorer(labels=("investedIn>", "holdsPosition>"),
                            bias={"investedIn>": -4.0, "holdsPosition>": -4.0},
                            weights={"t:investedIn:between": {"investedIn>": 8.0},
                                     "t:holdsPosition:between": {"holdsPosition>": 8.0}},
                            thresholds={"investedIn>": 0.5, "holdsPosition>": 0.5})
    path = tmp_path / "model.json"
    path.write_text(json.dumps(scorer.to_dict()), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def scored_nlp(tmp_path_factory):
    nlp = load_nlp("en", scorer=False)
    nlp.replace_pipe("kg_relations", "kg_relations",
                     config={"lang": "en", "scorer": True, "scorer_path": str(_model(tmp_path_factory.mktemp("m")))})
    return nlp


def test_extractor_adds_what_the_scorer_accepts(scored_nlp):
    text = "Harrow Ventures may pour fresh capital into Brightloom Labs next year, a person said."
    relations = extract_article(Article(id="t", text=text, lang="en"), scored_nlp).relations
    found = {(r.subject, r.relation, r.object): r for r in relations}
    rel = found[("Harrow Ventures", "investedIn", "Brightloom Labs")]
    assert rel.rule == "scorer" and rel.modality == "uncertain" and 0.5 <= rel.confidence <= 1


def test_a_scored_post_takes_its_role_and_status_from_the_title(scored_nlp):
    text = "Tessa Varga, the former chief executive of Brightloom Labs, spoke on Monday."
    relations = extract_article(Article(id="t", text=text, lang="en"), scored_nlp).relations
    posts = [r for r in relations if r.relation == "holdsPosition" and r.subject == "Tessa Varga"]
    assert posts and all(r.role and r.status == "former" for r in posts)


def test_without_a_trigger_no_candidate_is_scored(scored_nlp):
    text = "Harrow Ventures and Brightloom Labs were both in the room on Monday."
    relations = extract_article(Article(id="t", text=text, lang="en"), scored_nlp).relations
    assert not [r for r in relations if r.rule == "scorer"]


def test_training_on_a_small_gold_set(tmp_path):
    from kgraph.training.scorer import OPERATING_THRESHOLD, train, write_model

    folder = tmp_path / "proj" / "tests" / "data" / "articles"
    folder.mkdir(parents=True)
    rows = []
    for n, (investor, startup) in enumerate([("Harrow Ventures", "Brightloom Labs"), ("Kestrow Capital", "Pivotline"),
                                            ("Northwind Partners", "Quarrystone"), ("Sable Ventures", "Tandem Works")]):
        text = (f"{investor} invested $5 million in {startup} on Monday.\n"
                f"{startup} raised new funding last year, {investor} said.\n")
        (folder / f"a{n}.txt").write_text(text, encoding="utf-8")
        rows.append({"id": f"a{n}", "lang": "en", "text_file": f"a{n}.txt", "entities": [
            {"name": investor, "type": "Organization", "aliases": []},
            {"name": startup, "type": "Organization", "aliases": []}],
            "relations": [{"subject": investor, "relation": "investedIn", "object": startup, "modality": "asserted"}]})
    (folder / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    scorer, meta = train(tmp_path / "proj", folds=2, threshold=None)  # chosen by cross-validation
    assert meta["articles"] == 4 and meta["candidates"] >= 4
    assert "investedIn" in meta["cross_validation"]["per_relation_f1_rules_vs_both"]
    assert {label.rstrip("<>") for label in scorer.labels if not label.startswith(FOCUS)} <= set(meta["relations"])
    assert {label.removeprefix(FOCUS).rstrip("<>") for label in scorer.labels if label.startswith(FOCUS)} \
        <= set(meta["focus_relations"])
    assert set(meta["language_thresholds"]) == {"en"}
    assert all(scorer.thresholds[f"en:{label}"] == meta["language_thresholds"]["en"] for label in scorer.labels)
    size = write_model(scorer, tmp_path / "model.json")
    assert 0 < size and load_scorer(tmp_path / "model.json").labels == scorer.labels
    fixed, meta = train(tmp_path / "proj", folds=2)  # the operating point: one threshold for all
    assert meta["threshold"] == OPERATING_THRESHOLD and meta["language_thresholds"] == {}
    assert all(t == OPERATING_THRESHOLD for t in fixed.thresholds.values())


def test_training_names_a_dev_batch_that_is_not_there(tmp_path):
    from kgraph.errors import KgraphError
    from kgraph.training.scorer import training_articles

    batch = tmp_path / "proj" / "tests" / "corpus" / "dev" / "en-a"
    batch.mkdir(parents=True)
    (batch / "a.txt").write_text("Harrow Ventures invested in Pivotline.\n", encoding="utf-8")
    (batch / "gold.jsonl").write_text(json.dumps({"id": "a", "lang": "en", "text_file": "a.txt", "entities": [],
                                                  "relations": []}) + "\n", encoding="utf-8")
    with pytest.raises(KgraphError, match="no dev batch en-z"):
        training_articles(tmp_path / "proj", ("en-a", "en-z"))


def test_a_language_s_own_threshold_overrides_the_label_s():
    from kgraph.extract.scorer import RelationScorer

    model = RelationScorer(labels=("fired>",), bias={"fired>": 0.0}, weights={"t:fired": {"fired>": 1.0}},
                           thresholds={"fired>": 0.5, "id:fired>": 0.8})
    assert [label for label, _ in model.accepted(["t:fired"], ["fired>"], "en")] == ["fired>"]  # p 0.73
    assert model.accepted(["t:fired"], ["fired>"], "id") == []


def test_a_relation_keeps_the_scorer_only_where_it_raised_f1():
    from kgraph.training.scorer import TrainingArticle, _per_relation

    gold = {"relations": [{"subject": "A", "relation": "investedIn", "object": "B"},
                          {"subject": "A", "relation": "acquired", "object": "C"}]}
    article = TrainingArticle(gold, Path("x.txt"), {("acquired", "A", "C")}, [
        (("f",), {"investedIn>": (("investedIn", "A", "B"), 1)}),
        (("g",), {"acquired>": (("acquired", "A", "D"), 0)})])
    both = _per_relation([article], [(0, 0, "investedIn>"), (0, 1, "acquired>")])
    assert both["investedIn"] == (0.0, 1.0)  # the scorer found what the rules missed
    assert both["acquired"][1] < both["acquired"][0]  # it only added a wrong one


def test_a_scored_claim_extends_to_the_list_it_names(tmp_path):
    # the hand-made model accepts only the pair with no organization between (the list's first
    # member); the list's other members share the claim
    scorer = RelationScorer(labels=("investedIn>",), bias={"investedIn>": -4.0},
                            weights={"t:investedIn:between": {"investedIn>": 4.0},
                                     "same_between=0": {"investedIn>": 4.0}},
                            thresholds={"investedIn>": 0.6})
    path = tmp_path / "model.json"
    path.write_text(json.dumps(scorer.to_dict()), encoding="utf-8")
    nlp = load_nlp("en", scorer=False)
    nlp.replace_pipe("kg_relations", "kg_relations", config={"lang": "en", "scorer": True, "scorer_path": str(path)})
    text = "Harrow Ventures may pour fresh capital into Brightloom Labs, Quarry Data and Vellum Robotics."
    found = {(r.subject, r.object) for r in extract_article(Article(id="t", text=text, lang="en"), nlp).relations
             if r.relation == "investedIn" and r.rule == "scorer"}
    assert found == {("Harrow Ventures", "Brightloom Labs"), ("Harrow Ventures", "Quarry Data"),
                     ("Harrow Ventures", "Vellum Robotics")}


def _focus_model(tmp_path: Path) -> Path:
    """A hand-made model that accepts an investor named next to a funding word as the investor
    of the article's unnamed focus, and nothing else."""
    scorer = RelationScorer(labels=("F:investedIn<",), bias={"F:investedIn<": -4.0},
                            weights={"t:investedIn:left|Organization|Organization": {"F:investedIn<": 8.0}},
                            thresholds={"F:investedIn<": 0.5})
    path = tmp_path / "focus.json"
    path.write_text(json.dumps(scorer.to_dict()), encoding="utf-8")
    return path


def test_a_sentence_that_leaves_the_focus_unnamed_gives_it_a_candidate(tmp_path):
    nlp = load_nlp("en", scorer=False)
    nlp.replace_pipe("kg_relations", "kg_relations",
                     config={"lang": "en", "scorer": True, "scorer_path": str(_focus_model(tmp_path))})
    text = ("Brightloom Labs opened an office in Austin on Monday. Brightloom Labs now has 40 staff.\n"
            "The round was led by Harrow Ventures, with Quarry Capital also taking part.\n"
            "Vellum Robotics said last week that funding is tight.")
    relations = extract_article(Article(id="t", text=text, lang="en"), nlp).relations
    found = {(r.subject, r.object) for r in relations if r.relation == "investedIn" and r.rule == "scorer"}
    # the focus (the most-mentioned organization) is the object of both investors near "led";
    # the model gives Vellum Robotics nothing, its funding word being on its right
    assert found == {("Harrow Ventures", "Brightloom Labs"), ("Quarry Capital", "Brightloom Labs")}


def test_no_focus_candidate_where_the_sentence_names_the_focus(tmp_path):
    nlp = load_nlp("en", scorer=False)
    nlp.replace_pipe("kg_relations", "kg_relations",
                     config={"lang": "en", "scorer": True, "scorer_path": str(_focus_model(tmp_path))})
    text = ("Brightloom Labs opened an office in Austin. Brightloom Labs now has 40 staff.\n"
            "Brightloom Labs said the round was led by Harrow Ventures.")
    relations = extract_article(Article(id="t", text=text, lang="en"), nlp).relations
    assert not [r for r in relations if r.rule == "scorer"]


def test_focus_labels_are_kept_only_where_they_add_to_the_stated_pairs():
    from kgraph.training.scorer import TrainingArticle, _per_relation

    gold = {"relations": [{"subject": "V", "relation": "investedIn", "object": "A"}]}
    article = TrainingArticle(gold, Path("x.txt"), set(), [
        (("f",), {"investedIn<": (("investedIn", "V", "A"), 1)}),
        (("g",), {"F:investedIn<": (("investedIn", "V", "A"), 1)})])
    # the stated pair already found it: the focus candidate adds nothing
    assert _per_relation([article], [(0, 1, "F:investedIn<")], base=[(0, 0, "investedIn<")])["investedIn"] == (1.0, 1.0)
    assert _per_relation([article], [(0, 1, "F:investedIn<")])["investedIn"] == (0.0, 1.0)


@pytest.mark.parametrize("value", ["high", "1.5", "0"])
def test_train_scorer_names_a_bad_threshold(value, tmp_path):
    from typer.testing import CliRunner

    from kgraph.cli import app

    result = CliRunner().invoke(app, ["train", "scorer", "--root", str(tmp_path), "--threshold", value])
    assert result.exit_code == 2 and f"--threshold {value}" in result.output
    assert "between 0 and 1, or auto" in result.output
