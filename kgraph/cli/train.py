"""``kgraph train STEP``: reproducible training steps whose artifacts ship inside the package.

Each step is one command of the ``train`` group over a function of :mod:`kgraph.training`;
training-time libraries are imported only when the step runs.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from kgraph.cli.app import app, console, err_console

__all__ = ["train_app", "tagger_command"]

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
        err_console.print(f"kgraph: left out a sentence: {line}", markup=False, highlight=False, soft_wrap=True)
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
