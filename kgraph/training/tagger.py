"""Train kgraph's Indonesian part-of-speech tagger (``kgraph train tagger``).

The data is ``nlp_id/data/dataset_postag.txt`` of the PyPI package ``nlp-id`` (kumparan, MIT):
32,851 Indonesian news sentences, one ``token<TAB>tag`` line per token, a blank line between
sentences, proper nouns tagged ``NNP``. Install it at training time only, with
``pip install --no-deps nlp-id`` (it pins numpy and scikit-learn; kgraph never imports it).

The sentences are shuffled with a fixed seed and one in ten is held out: the tagger never trains
on those, and its token accuracy and ``NNP`` precision, recall and F1 are measured on them. The
pipeline is a blank spaCy pipeline plus a ``tagger`` over a narrow hash-embedding CNN, trained on
CPU for a few epochs, and written with its scores in ``meta.json`` (``performance``) to
``kgraph/models/id_tagger/``, which the package ships (loaded by :mod:`kgraph.nlp.tagger`). It
tags words already tokenized (by kgraph's Indonesian pipeline), so its own tokenizer is spaCy's
language-neutral one (``xx``): the weights are the same as under ``spacy.blank("id")``, and it
loads in a fraction of a second instead of ten.
"""
from __future__ import annotations

import random
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, NamedTuple, Optional, Sequence

from kgraph.errors import InputError, UsageError
from kgraph.nlp.tagger import PROPER_NOUN, nnp_runs, tag_sentences

__all__ = [
    "TaggedSentence", "TaggerScores", "TaggerReport", "SEED", "HELD_OUT", "EPOCHS",
    "corpus_path", "read_postag", "split_sentences", "tagger_model_config", "train_tagger",
    "score_tags", "evaluate_tagger", "write_tagger", "train_and_write",
]

SEED = 13  #: seed of the split, the shuffles and the weights' initialization
HELD_OUT = 10  #: one sentence in HELD_OUT is held out for evaluation
EPOCHS = 6  #: passes over the training sentences
_BATCH = 64  # sentences per update
_DROPOUT = 0.1
_LEARN_RATE = 0.001
_WIDTH = 64  # tok2vec width: with these rows the weights are 3.4 MB on disk
_EMBED_ROWS = 4000  # hash-embedding rows for NORM (half as many for prefix, suffix, shape)
_DEPTH = 4  # CNN layers, each widening the window by one token on each side
_NAME = "id_tagger"
# The pipeline's language class only decides its tokenizer: the tagger reads lower-case forms,
# affixes and shapes, the same in every class. "xx" loads in 0.4 s, "id" in 10-20 s (its
# tokenizer builds 32k exceptions, once more on loading): kgraph's own Indonesian pipeline
# tokenizes, and the tagger tags its words.
_LANG = "xx"
_SOURCE = {"name": "nlp-id dataset_postag.txt (kumparan)", "url": "https://pypi.org/project/nlp-id/",
           "license": "MIT"}


class TaggedSentence(NamedTuple):
    """One corpus sentence: its tokens and their tags, of the same length."""

    words: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class TaggerScores:
    """Scores of a tagger on tagged sentences.

    ``nnp_*`` count tokens tagged ``NNP``; ``span_*`` count whole runs of ``NNP`` tokens (a name
    is right only with both of its boundaries).
    """

    sentences: int
    tokens: int
    accuracy: float
    nnp_precision: float
    nnp_recall: float
    nnp_f1: float
    span_precision: float
    span_recall: float
    span_f1: float
    tokens_per_second: float = 0.0


@dataclass(frozen=True)
class TaggerReport:
    """What :func:`train_and_write` did: the data, the scores, the time and the output."""

    corpus: str
    folder: str
    corpus_sentences: int
    train_sentences: int
    eval_sentences: int
    epochs: int
    seed: int
    train_seconds: float
    size_bytes: int
    scores: TaggerScores
    skipped: list[str] = field(default_factory=list)


def corpus_path() -> Path:
    """``dataset_postag.txt`` of the installed nlp-id, found without importing nlp-id."""
    from kgraph.training.names import nlp_id_data

    try:
        return nlp_id_data() / "dataset_postag.txt"
    except ModuleNotFoundError as error:
        raise UsageError(f"{error} (or give the corpus file with --corpus)") from None


def read_postag(path: Path) -> tuple[list[TaggedSentence], list[str]]:
    """The sentences of a ``token<TAB>tag`` file, and one ``path:line: reason`` per sentence
    left out because one of its lines is not a token and one tag. Tags are upper-cased."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path, f"cannot read the tagged corpus: {error}") from None
    sentences: list[TaggedSentence] = []
    skipped: list[str] = []
    words: list[str] = []
    tags: list[str] = []
    fault: Optional[str] = None
    for number, line in enumerate([*text.splitlines(), ""], start=1):
        if not line.strip():
            if fault:
                skipped.append(fault)
            elif words:
                sentences.append(TaggedSentence(tuple(words), tuple(tags)))
            words, tags, fault = [], [], None
            continue
        fields = line.split("\t")
        if len(fields) != 2 or not fields[0].strip() or not fields[1].strip():
            fault = fault or f"{path}:{number}: expected one token and one tag, got {line!r}"
            continue
        words.append(fields[0].strip())
        tags.append(fields[1].strip().upper())
    if not sentences:
        raise InputError(path, "no tagged sentences (expected 'token<TAB>tag' lines, a blank line between sentences)")
    return sentences, skipped


def split_sentences(sentences: Sequence[TaggedSentence], *, seed: int = SEED,
                    held_out: int = HELD_OUT) -> tuple[list[TaggedSentence], list[TaggedSentence]]:
    """Shuffle with ``seed`` and hold out one sentence in ``held_out``: ``(train, evaluation)``.

    A sentence the corpus repeats (the same words) is kept once, its first time, so that no
    held-out sentence is also a training one. The same sentences and seed give the same split.

    >>> data = [TaggedSentence((str(i),), ("NUM",)) for i in [*range(20), 3, 3]]
    >>> train, held = split_sentences(data)
    >>> len(train), len(held), {s.words for s in train}.isdisjoint(s.words for s in held)
    (18, 2, True)
    >>> split_sentences(data) == (train, held)
    True
    """
    unique: list[TaggedSentence] = []
    seen: set[tuple[str, ...]] = set()
    for sentence in sentences:
        if sentence.words not in seen:
            seen.add(sentence.words)
            unique.append(sentence)
    random.Random(seed).shuffle(unique)
    cut = max(1, len(unique) // held_out)
    return unique[cut:], unique[:cut]


def tagger_model_config(*, width: int = _WIDTH, embed_rows: int = _EMBED_ROWS, depth: int = _DEPTH) -> dict[str, Any]:
    """The ``model`` config of the tagger: spaCy's ``Tagger.v2`` over a ``HashEmbedCNN.v2``."""
    return {
        "@architectures": "spacy.Tagger.v2",
        "tok2vec": {"@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None, "width": width,
                    "depth": depth, "embed_size": embed_rows, "window_size": 1, "maxout_pieces": 3,
                    "subword_features": True},
    }


def _examples(nlp: Any, sentences: Iterable[TaggedSentence]) -> list[Any]:
    from spacy.tokens import Doc
    from spacy.training import Example

    return [Example(Doc(nlp.vocab, words=list(s.words)), Doc(nlp.vocab, words=list(s.words), tags=list(s.tags)))
            for s in sentences]


def train_tagger(sentences: Sequence[TaggedSentence], *, epochs: int = EPOCHS, seed: int = SEED,
                 model: Optional[dict[str, Any]] = None,
                 progress: Optional[Callable[[int, float], None]] = None) -> Any:
    """A ``spacy.blank("id")`` pipeline with a ``tagger`` trained on ``sentences``.

    The weights are the optimizer's running averages. ``progress(epoch, loss)`` is called after
    each epoch.
    """
    import spacy
    from spacy.util import fix_random_seed, minibatch
    from thinc.api import Adam

    if epochs < 1:
        raise UsageError(f"epochs must be at least 1, not {epochs}")
    fix_random_seed(seed)
    nlp = spacy.blank(_LANG)
    nlp.add_pipe("tagger", config={"model": model or tagger_model_config()})
    examples = _examples(nlp, sentences)
    nlp.initialize(lambda: examples)
    optimizer = Adam(learn_rate=_LEARN_RATE, L2=0.01, grad_clip=1.0, use_averages=True)
    shuffle = random.Random(seed)
    for epoch in range(1, epochs + 1):
        shuffle.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=_BATCH):
            nlp.update(batch, sgd=optimizer, drop=_DROPOUT, losses=losses)
        if progress:
            progress(epoch, losses.get("tagger", 0.0))
    _keep_averages(nlp, optimizer.averages)
    return nlp


def _keep_averages(nlp: Any, averages: dict[tuple[int, str], Any]) -> None:
    """Set every weight of ``nlp``'s models to its running average, for good (what
    ``nlp.use_params`` does only inside a ``with`` block)."""
    for _, component in nlp.pipeline:
        for node in component.model.walk():
            for name in node.param_names:
                if (node.id, name) in averages:
                    node.set_param(name, averages[(node.id, name)])


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_tags(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]],
               tokens_per_second: float = 0.0) -> TaggerScores:
    """Token accuracy, ``NNP`` token precision/recall/F1 and ``NNP``-run (name) P/R/F1.

    >>> s = score_tags([["NNP", "NNP", "VB", "NNP"]], [["NNP", "NN", "VB", "NNP"]])
    >>> s.accuracy, s.nnp_precision, round(s.nnp_recall, 3), s.span_precision, s.span_recall
    (0.75, 1.0, 0.667, 0.5, 0.5)
    """
    tokens = right = gold_nnp = predicted_nnp = both_nnp = 0
    gold_runs = predicted_runs = both_runs = 0
    for gold_tags, predicted_tags in zip(gold, predicted, strict=True):
        for g, p in zip(gold_tags, predicted_tags, strict=True):
            tokens += 1
            right += g == p
            gold_nnp += g == PROPER_NOUN
            predicted_nnp += p == PROPER_NOUN
            both_nnp += g == p == PROPER_NOUN
        gold_spans, predicted_spans = set(nnp_runs(gold_tags)), set(nnp_runs(predicted_tags))
        gold_runs += len(gold_spans)
        predicted_runs += len(predicted_spans)
        both_runs += len(gold_spans & predicted_spans)
    nnp_p, nnp_r = _ratio(both_nnp, predicted_nnp), _ratio(both_nnp, gold_nnp)
    span_p, span_r = _ratio(both_runs, predicted_runs), _ratio(both_runs, gold_runs)
    return TaggerScores(sentences=len(gold), tokens=tokens, accuracy=_ratio(right, tokens),
                        nnp_precision=nnp_p, nnp_recall=nnp_r, nnp_f1=_f1(nnp_p, nnp_r),
                        span_precision=span_p, span_recall=span_r, span_f1=_f1(span_p, span_r),
                        tokens_per_second=tokens_per_second)


def evaluate_tagger(nlp: Any, sentences: Sequence[TaggedSentence]) -> TaggerScores:
    """Tag the words of ``sentences`` with ``nlp`` and score the tags against theirs; also how
    many tokens a second ``nlp`` tags."""
    start = time.perf_counter()
    predicted = tag_sentences([s.words for s in sentences], nlp)
    seconds = time.perf_counter() - start
    tokens = sum(len(s.words) for s in sentences)
    return score_tags([s.tags for s in sentences], predicted, tokens / seconds if seconds else 0.0)


def _folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def write_tagger(nlp: Any, folder: Path, scores: TaggerScores, training: dict[str, Any]) -> int:
    """Write the pipeline to ``folder`` with its scores and training facts in ``meta.json``;
    returns the folder's size in bytes."""
    from kgraph.errors import OutputError

    nlp.meta.update({
        "name": _NAME, "version": "1.0.0", "license": "MIT", "sources": [_SOURCE],
        "description": "Indonesian part-of-speech tagger (nlp-id tag set; NNP = proper noun) for words "
                       "tokenized by kgraph's Indonesian pipeline, trained by `kgraph train tagger` "
                       "(kgraph/training/tagger.py); scores on a held-out tenth never trained on.",
        "performance": {key: round(value, 4) for key, value in asdict(scores).items() if isinstance(value, float)},
        "training": training,
    })
    from spacy.vocab import Vocab

    try:
        # the vocabulary keeps only the tag names: the words seen in training (2 MB of strings)
        # are not needed, the model reads hashed features
        nlp.to_disk(folder, exclude=["vocab"])
        Vocab(strings=list(nlp.get_pipe("tagger").labels)).to_disk(folder / "vocab")
    except OSError as error:
        raise OutputError(f"{folder}: cannot write the tagger: {error}") from None
    return _folder_size(folder)


def train_and_write(folder: Path, *, corpus: Optional[Path] = None, epochs: int = EPOCHS, seed: int = SEED,
                    limit: Optional[int] = None,
                    progress: Optional[Callable[[int, float], None]] = None) -> TaggerReport:
    """The whole step: read the corpus (default nlp-id's), split it, train on nine tenths
    (``limit``: only the first sentences, for a quick check), score on the held-out tenth and
    write the pipeline to ``folder``."""
    path = corpus or corpus_path()
    sentences, skipped = read_postag(path)
    if limit is not None:
        sentences = sentences[:limit]
    train, held = split_sentences(sentences, seed=seed)
    start = time.perf_counter()
    nlp = train_tagger(train, epochs=epochs, seed=seed, progress=progress)
    seconds = time.perf_counter() - start
    scores = evaluate_tagger(nlp, held)
    training = {"corpus": path.name, "corpus_sentences": len(sentences), "seed": seed,
                "held_out": f"1/{HELD_OUT}", "epochs": epochs, "train_sentences": len(train),
                "eval_sentences": len(held), "eval_tokens": scores.tokens,
                "repeated_sentences": len(sentences) - len(train) - len(held), "skipped_sentences": len(skipped),
                "train_seconds": round(seconds, 1)}
    size = write_tagger(nlp, folder, scores, training)
    return TaggerReport(corpus=str(path), folder=str(folder), corpus_sentences=len(sentences),
                        train_sentences=len(train),
                        eval_sentences=len(held), epochs=epochs, seed=seed, train_seconds=seconds,
                        size_bytes=size, scores=scores, skipped=skipped)
