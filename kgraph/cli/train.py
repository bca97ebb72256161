"""``kgraph train STEP``: reproducible training steps whose artifacts ship inside the package.

Each step is one command of the ``train`` group over a function of :mod:`kgraph.training`;
training-time libraries are imported only when the step runs.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from kgraph.cli.app import app, console, err_console, say

__all__ = ["train_app", "tagger_command", "names_command", "places_command", "scorer_command"]

train_app = typer.Typer(help="Train the models shipped in kgraph/models/ (training extras: "
                             "pip install '.[train]').", no_args_is_help=True)
app.add_typer(train_app, name="train")


@train_app.command("tagger")
def tagger_command(
    out: Optional[Path] = typer.Option(None, "--out", help="Folder to write the pipeline to "
                                       "[default: kgraph/models/id_tagger, shipped in the package]."),
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="A token<TAB>tag file, a blank line between "
                                          "sentences [default: nlp-id's dataset_postag.txt]."),
    epochs: Optional[int] = typer.Option(None, "--epochs", min=1, help="Passes over the training sentences "
                                         "[default: 6]."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Seed of the split and the training [default: 13]."),
    limit: Optional[int] = typer.Option(None, "--limit", min=10, help="Use only the corpus's first N sentences "
                                        "(a quick check, not the shipped model)."),
) -> None:
    """Train the Indonesian part-of-speech tagger on nlp-id's tagged news sentences, holding out a
    tenth, and print its accuracy and NNP (proper noun) precision, recall and F1 on that tenth.

    Needs nlp-id, installed without its pinned dependencies: pip install --no-deps nlp-id

    Example: kgraph train tagger --epochs 1 --limit 2000 --out /tmp/id_tagger
    """
    from rich.table import Table

    from kgraph.nlp.tagger import tagger_folder
    from kgraph.training import tagger as training

    folder = out or tagger_folder()
    report = training.train_and_write(
        folder, corpus=corpus, epochs=epochs or training.EPOCHS,
        seed=training.SEED if seed is None else seed, limit=limit,
        progress=lambda epoch, loss: err_console.print(f"epoch {epoch}: loss {loss:.1f}", highlight=False))
    for line in report.skipped:
        say(f"kgraph: left out a sentence: {line}")
    scores = report.scores
    table = Table("held-out tenth", "value")
    for label, value in [
        ("sentences (train / held out)", f"{report.train_sentences} / {report.eval_sentences} "
                                         f"({report.corpus_sentences - report.train_sentences - report.eval_sentences}"
                                         " repeats kept once)"),
        ("held-out tokens", str(scores.tokens)),
        ("token accuracy", f"{scores.accuracy:.4f}"),
        ("NNP precision / recall / F1", f"{scores.nnp_precision:.4f} / {scores.nnp_recall:.4f} / {scores.nnp_f1:.4f}"),
        ("NNP runs (names) P / R / F1", f"{scores.span_precision:.4f} / {scores.span_recall:.4f} / {scores.span_f1:.4f}"),
        ("training time", f"{report.train_seconds:.0f} s ({report.epochs} epoch{'s' * (report.epochs > 1)})"),
        ("tagging speed", f"{scores.tokens_per_second:,.0f} tokens/s"),
        ("model size", f"{report.size_bytes / 1e6:.1f} MB"),
    ]:
        table.add_row(label, value)
    console.print(table)
    console.print(f"wrote {folder}", highlight=False, soft_wrap=True)


@train_app.command("names")
def names_command(
    out: Optional[Path] = typer.Option(None, "--out", help="Folder to write the word lists to "
                                       "[default: kgraph/lexicons, shipped in the package]."),
) -> None:
    """Build the name finder's word lists: given_names.txt (evidence for a person) and
    {en,id}.common_words.txt (capitalized common words are not name parts), from public name
    lists and word frequencies (names-dataset, gender-guesser, spacy-lookups-data, nlp-id).

    Needs the training extras and nlp-id: pip install '.[train]' && pip install --no-deps nlp-id
    """
    from kgraph.training.names import write_common_words, write_given_names

    folder = out or Path(__file__).resolve().parent.parent / "lexicons"
    folder.mkdir(parents=True, exist_ok=True)
    count = write_given_names(folder / "given_names.txt")
    console.print(f"wrote {folder / 'given_names.txt'} ({count:,} names)", highlight=False, soft_wrap=True)
    for lang, n in write_common_words(folder).items():
        console.print(f"wrote {folder / f'{lang}.common_words.txt'} ({n:,} words)", highlight=False, soft_wrap=True)


@train_app.command("places")
def places_command(
    out: Optional[Path] = typer.Option(None, "--out", help="Folder to write the place lists to "
                                       "[default: kgraph/lexicons, shipped in the package]."),
) -> None:
    """Build {en,id}.places.txt: countries, regions and cities as each language writes them
    (Unicode CLDR through Babel, IANA time zone cities), so a place is not taken for a name."""
    from kgraph.training.places import write_places

    folder = out or Path(__file__).resolve().parent.parent / "lexicons"
    folder.mkdir(parents=True, exist_ok=True)
    for lang, n in write_places(folder).items():
        console.print(f"wrote {folder / f'{lang}.places.txt'} ({n:,} places)", highlight=False, soft_wrap=True)


@train_app.command("scorer")
def scorer_command(
    root: Path = typer.Option(Path("."), "--root", help="The kgraph checkout whose gold it trains on "
                              "(tests/corpus/dev, ../shared/eval, tests/data/articles, kgraph/samples)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Model file to write "
                                       "[default: kgraph/models/relation_scorer.json, shipped in the package]."),
    batch: Optional[list[str]] = typer.Option(None, "--batch", help="A corpus dev batch to train on, repeatable "
                                              "[default: the shipped model's, kgraph.training.scorer.DEV_BATCHES]."),
    threshold: Optional[str] = typer.Option(None, "--threshold", help="Acceptance threshold of every label, or "
                                            "'auto' to choose one per language by cross-validation (one standard "
                                            "error rule) [default: kgraph.training.scorer.OPERATING_THRESHOLD]."),
) -> None:
    """Train the relation candidate scorer on the gold articles the team may read (corpus dev
    batches, never the blind half) and print its cross-validated figures (rules alone, scorer
    alone, both).

    Needs the training extras: pip install '.[train]'
    """
    from kgraph.errors import UsageError
    from kgraph.training.scorer import DEV_BATCHES, OPERATING_THRESHOLD, train, write_model

    try:
        chosen = OPERATING_THRESHOLD if threshold is None else None if threshold == "auto" else float(threshold)
    except ValueError:
        raise UsageError(f"--threshold {threshold}: give a number between 0 and 1, or auto") from None
    if chosen is not None and not 0 < chosen < 1:
        raise UsageError(f"--threshold {threshold}: give a number between 0 and 1, or auto")
    scorer, meta = train(root.resolve(), batches=tuple(batch or DEV_BATCHES), threshold=chosen)
    path = out or Path(__file__).resolve().parent.parent / "models" / "relation_scorer.json"
    size = write_model(scorer, path)
    cv = meta["cross_validation"]["kept_relations"]
    for name in ("rules", "scorer", "both"):
        r = cv[name]
        console.print(f"cross-validated on corpus dev, {name:6}: P {r['precision']:.3f}  R {r['recall']:.3f}  "
                      f"F1 {r['f1']:.3f}", highlight=False)
    console.print(f"threshold {meta['threshold']}, relations {', '.join(meta['relations'])}; the unnamed focus "
                  f"for {', '.join(meta.get('focus_relations', [])) or 'none'}", highlight=False, soft_wrap=True)
    console.print(f"wrote {path} ({size / 1e6:.2f} MB, {meta['articles']} articles, "
                  f"{meta['candidates']} candidates)", highlight=False, soft_wrap=True)
