"""The shipped Indonesian tagger (kgraph/nlp/tagger.py) and its training step (kgraph train tagger)."""
from __future__ import annotations

import doctest
import importlib.util
import json
import re
import tomllib
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

import kgraph.nlp.tagger as tagger_module
import kgraph.training.tagger as training
from kgraph.cli import app
from kgraph.errors import ExtractionError, InputError
from kgraph.nlp.tagger import load_id_tagger, proper_noun_spans, tag_sentences, tag_words, tagger_folder

needs_nlp_id = pytest.mark.skipif(importlib.util.find_spec("nlp_id") is None,
                                  reason="nlp-id is not installed (pip install --no-deps nlp-id)")


@pytest.fixture(scope="module")
def id_tagger() -> Language:
    return load_id_tagger()


@pytest.mark.parametrize("module", [tagger_module, training])
def test_tagger_doctests(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted and not result.failed


def test_shipped_tagger_tags_a_person_and_a_company_as_proper_nouns(id_tagger):
    words = "Menteri BUMN Erick Thohir mengunjungi kantor Gojek di Jakarta pada Senin .".split()
    tags = tag_words(words, id_tagger)
    assert tags[words.index("Erick")] == tags[words.index("Thohir")] == "NNP"
    assert tags[words.index("mengunjungi")] == "VB"
    spans = proper_noun_spans(words, id_tagger)
    assert any(start <= 2 and end == 4 for start, end in spans)  # "(BUMN) Erick Thohir", the verb left out
    assert any(words[start:end] == ["Gojek"] for start, end in spans)


def test_tagger_tells_a_capitalized_sentence_opener_from_a_name(id_tagger):
    words = "Perusahaan itu menunjuk Nadiem Makarim sebagai CEO .".split()
    spans = proper_noun_spans(words, id_tagger)
    assert (0, 1) not in spans
    assert any(words[start:end][-2:] == ["Nadiem", "Makarim"] for start, end in spans)


def test_no_words_no_spans(id_tagger):
    assert proper_noun_spans([], id_tagger) == []


def test_batch_tagging_gives_the_tags_of_one_by_one(id_tagger):
    sentences = [["Tokopedia", "bergabung", "dengan", "TikTok", "."], ["Ia", "mundur", "."]]
    assert tag_sentences(sentences, id_tagger) == [tag_words(words, id_tagger) for words in sentences]


def test_shipped_tagger_records_its_held_out_scores():
    meta = json.loads((tagger_folder() / "meta.json").read_text(encoding="utf-8"))
    performance, facts = meta["performance"], meta["training"]
    assert performance["accuracy"] >= 0.9 and performance["nnp_f1"] >= 0.9
    assert facts["eval_sentences"] * 9 <= facts["train_sentences"] <= facts["eval_sentences"] * 9 + 9


def test_package_data_ships_every_file_of_the_tagger():
    config = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["kgraph"]
    package = tagger_folder().parents[1]
    shipped = {path for pattern in patterns for path in package.glob(pattern)}  # setuptools' globs
    files = {path for path in tagger_folder().rglob("*") if path.is_file()}
    assert tagger_folder() / "tagger" / "model" in files
    assert files - shipped == set()


def test_a_folder_without_a_tagger_is_a_one_line_error(tmp_path):
    with pytest.raises(ExtractionError, match=f"{tmp_path}: no tagger here"):
        load_id_tagger(tmp_path)


def test_read_postag_leaves_out_a_malformed_sentence_and_names_its_line(tmp_path):
    corpus = tmp_path / "tags.txt"
    corpus.write_text("Budi\tNNP\ntidur\tvb\n\nrusak\tNN\tVB\n.\tSYM\n\nIa\tPR\n", encoding="utf-8")
    sentences, skipped = training.read_postag(corpus)
    assert sentences == [training.TaggedSentence(("Budi", "tidur"), ("NNP", "VB")),
                         training.TaggedSentence(("Ia",), ("PR",))]
    assert skipped == [f"{corpus}:4: expected one token and one tag, got 'rusak\\tNN\\tVB'"]


def test_read_postag_of_an_empty_file_is_an_input_error(tmp_path):
    corpus = tmp_path / "empty.txt"
    corpus.write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty.txt: no tagged sentences"):
        training.read_postag(corpus)


@pytest.fixture(scope="module")
def corpus_slice(tmp_path_factory) -> Path:
    """The first 300 sentences of nlp-id's corpus and one malformed sentence, as a corpus file."""
    sentences, _ = training.read_postag(training.corpus_path())
    blocks = ["\n".join(f"{w}\t{t}" for w, t in zip(s.words, s.tags)) for s in sentences[:300]]
    path = tmp_path_factory.mktemp("corpus") / "slice.txt"
    path.write_text("\n\n".join([*blocks, "rusak"]) + "\n", encoding="utf-8")
    return path


@needs_nlp_id
def test_training_runs_end_to_end_on_a_tiny_slice(tmp_path):
    folder = tmp_path / "id_tagger"
    epochs: list[int] = []
    report = training.train_and_write(folder, epochs=1, limit=300, progress=lambda e, _: epochs.append(e))
    assert epochs == [1]
    unique = report.train_sentences + report.eval_sentences  # a repeated sentence is kept once
    assert 250 < unique <= report.corpus_sentences == 300 and report.eval_sentences == unique // 10
    assert 0.3 < report.scores.accuracy <= 1.0 and 0.0 < report.scores.nnp_f1 <= 1.0
    assert report.size_bytes > 100_000
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["performance"]["nnp_f1"] == round(report.scores.nnp_f1, 4)
    assert meta["training"]["epochs"] == 1
    reloaded = load_id_tagger(folder)
    assert len(tag_words(["Jokowi", "meresmikan", "jalan", "tol", "."], reloaded)) == 5


@needs_nlp_id
def test_training_is_reproducible(tmp_path):
    first = training.train_and_write(tmp_path / "a", epochs=1, limit=120)
    second = training.train_and_write(tmp_path / "b", epochs=1, limit=120)
    assert first.scores.accuracy == second.scores.accuracy
    assert (tmp_path / "a" / "tagger" / "model").read_bytes() == (tmp_path / "b" / "tagger" / "model").read_bytes()


@needs_nlp_id
def test_train_tagger_command_prints_the_held_out_scores(corpus_slice, tmp_path):
    result = CliRunner().invoke(app, ["train", "tagger", "--corpus", str(corpus_slice), "--epochs", "1",
                                      "--out", str(tmp_path / "m")])
    assert result.exit_code == 0, result.output
    assert "NNP precision / recall / F1" in result.output and "token accuracy" in result.output
    assert re.search(r"\b2\d\d / [23]\d \(\d+ repeats kept once\)", result.output)
    assert f"left out a sentence: {corpus_slice}:" in result.output
    assert (tmp_path / "m" / "tagger" / "model").is_file()


def test_train_tagger_command_names_a_missing_corpus(tmp_path):
    result = CliRunner().invoke(app, ["train", "tagger", "--corpus", str(tmp_path / "none.txt"),
                                      "--out", str(tmp_path / "m")])
    assert result.exit_code == 1
    assert f"kgraph: {tmp_path / 'none.txt'}: cannot read the tagged corpus" in result.output
    assert not (tmp_path / "m").exists()
