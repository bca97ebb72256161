"""kgraph's Indonesian part-of-speech tagger, shipped in ``kgraph/models/id_tagger/``.

A spaCy pipeline (a ``tagger`` on a blank pipeline) trained by ``kgraph train tagger``
(:mod:`kgraph.training.tagger`) on nlp-id's tagged news sentences; its tag set is nlp-id's
(``NNP`` proper noun, ``NN`` noun, ``VB`` verb, ``CC`` conjunction, ``SYM`` punctuation...).
It tags words that kgraph's Indonesian pipeline has tokenized (:func:`tag_words`); its own
tokenizer is spaCy's language-neutral one, so it loads in a fraction of a second. Nothing is
downloaded: the model is read from the package. Its held-out scores are in the folder's
``meta.json`` (``performance``).

>>> nnp_runs(["NNP", "NNP", "VB", "NNP"])
[(0, 2), (3, 4)]
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Iterable, Optional, Sequence

from spacy.language import Language

from kgraph.errors import ExtractionError

__all__ = ["PROPER_NOUN", "tagger_folder", "load_id_tagger", "tag_sentences", "tag_words", "nnp_runs",
           "proper_noun_spans"]

PROPER_NOUN = "NNP"  #: the tag of a proper noun
_FOLDER = "id_tagger"


def tagger_folder() -> Path:
    """The folder of the shipped tagger inside the installed package."""
    return Path(str(resources.files("kgraph"))) / "models" / _FOLDER


def load_id_tagger(folder: Optional[Path] = None) -> Language:
    """The shipped Indonesian tagger (or the one written to ``folder``), as a spaCy pipeline.

    Load it once and keep it (a fraction of a second; tagging is the cost).
    """
    import spacy

    path = folder or tagger_folder()
    if not (path / "config.cfg").is_file():
        raise ExtractionError(f"{path}: no tagger here (build it with `kgraph train tagger`)")
    try:
        return spacy.load(path)
    except (OSError, ValueError) as error:
        raise ExtractionError(f"{path}: the tagger does not load: {error}") from None


def tag_sentences(sentences: Iterable[Sequence[str]], tagger: Language, *, batch_size: int = 256) -> list[list[str]]:
    """The tags of each sentence's words, tagged in batches (several times faster than one by one)."""
    from spacy.tokens import Doc

    docs = [Doc(tagger.vocab, words=list(words)) for words in sentences]
    return [[token.tag_ for token in doc] for doc in tagger.pipe(docs, batch_size=batch_size)]


def tag_words(words: Sequence[str], tagger: Language) -> list[str]:
    """The tag of each word of one sentence."""
    return tag_sentences([words], tagger)[0] if words else []


def nnp_runs(tags: Sequence[str]) -> list[tuple[int, int]]:
    """``(start, end)`` token offsets (end exclusive) of each maximal run of ``NNP`` tags.

    >>> nnp_runs(["NN", "NNP", "NNP", "CC", "NNP"])
    [(1, 3), (4, 5)]
    >>> nnp_runs(["VB", "NN"])
    []
    """
    runs: list[tuple[int, int]] = []
    start: Optional[int] = None
    for i, tag in enumerate([*tags, ""]):
        if tag == PROPER_NOUN and start is None:
            start = i
        elif tag != PROPER_NOUN and start is not None:
            runs.append((start, i))
            start = None
    return runs


def proper_noun_spans(words: Sequence[str], tagger: Language) -> list[tuple[int, int]]:
    """The runs of proper nouns in one sentence's words, as ``(start, end)`` token offsets.

    A name joined by a conjunction ("Bea dan Cukai") is two runs: the tagger tags "dan" ``CC``.
    """
    return nnp_runs(tag_words(words, tagger))
