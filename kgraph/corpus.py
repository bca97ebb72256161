"""The evaluation corpus (``tests/corpus/``): its layout, its gold checker and its statistics.

A corpus is a folder of splits (``dev/``, ``blind/``); a split holds batches, each batch a folder
with ``NAME.txt`` articles, their ``NAME.json`` sidecars, one ``gold.jsonl`` (the
``../shared/eval/SCHEMA.md`` format plus a ``style`` key) and a ``SOURCES.md``. The checker
validates what scoring needs and what a reader of the gold would trust: every relation's
subject and object is a declared entity, every alias is printed in its article, holdsPosition
has role and status, dates are ISO.

Scoring itself is :func:`kgraph.evaluate.score`; :func:`score_corpus` applies it per split and
per language, and :func:`compare_predictions` says whether two extractors' figures differ by more
than the corpus's own noise (a paired bootstrap over its articles: aggregates only). Run the checker with ``python -m kgraph.corpus check PATH...``; print counts with
``python -m kgraph.corpus stats PATH`` (aggregates only, safe for the blind half).

>>> problems = check_article({"id": "a", "lang": "en", "text_file": "a.txt",
...     "entities": [{"name": "Acme", "type": "Organization", "aliases": ["Acme Inc"]}],
...     "relations": [{"subject": "Acme", "relation": "acquired", "object": "Beta",
...                    "modality": "asserted", "date": "2024-13-01"}]}, "Acme bought Beta.")
>>> for p in problems: print(p)
alias 'Acme Inc' of 'Acme' does not occur in the text
acquired: object 'Beta' is not a declared entity
acquired Acme -> Beta: date '2024-13-01' is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)
"""
from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from kgraph.errors import InputError
from kgraph.evaluate import Report, fold, read_gold, score
from kgraph.models import ENTITY_TYPES, MODALITIES, RELATIONS, STATUSES

__all__ = ["SPLITS", "STYLES", "EVENT_TYPES", "CorpusArticle", "load_corpus", "check_article",
           "check_batch", "type_confusions", "score_corpus", "format_corpus_report", "compare_predictions",
           "format_comparison", "corpus_stats", "main"]

SPLITS: tuple[str, ...] = ("dev", "blind")
STYLES: tuple[str, ...] = ("wire", "business-daily", "portal", "blog", "press-release", "quotes",
                           "live", "analysis")
EVENT_TYPES: tuple[str, ...] = ("outage", "cyberattack", "layoff", "launch")
_ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_SIDECAR_KEYS = {"title", "url", "published", "publisher", "author", "authors", "lang"}


@dataclass(frozen=True)
class CorpusArticle:
    """One gold article of the corpus: its split, its gold line and its text file."""

    split: str
    gold: dict[str, Any]
    path: Path

    @property
    def lang(self) -> str:
        return str(self.gold.get("lang", "?"))


def _gold_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("gold.jsonl"))


def load_corpus(root: Path) -> dict[str, list[CorpusArticle]]:
    """The articles of each split folder of ``root`` (``dev``, ``blind``, then any other).

    Raises
    ------
    InputError
        ``root`` has no split folder with a gold file, or a gold file is malformed.
    """
    root = Path(root)
    splits = [root / s for s in SPLITS if (root / s).is_dir()]
    splits += sorted(p for p in root.iterdir() if p.is_dir() and p.name not in SPLITS
                     and _gold_files(p)) if root.is_dir() else []
    corpus = {}
    for folder in splits:
        articles = []
        for gold_path in _gold_files(folder):
            for row in read_gold(gold_path):
                text = gold_path.parent / (row.get("text_file") or f"{row['id']}.txt")
                articles.append(CorpusArticle(folder.name, row, text))
        if articles:
            corpus[folder.name] = articles
    if not corpus:
        raise InputError(root, "not a corpus: no split folder (dev/, blind/) holds a gold.jsonl")
    return corpus


def _is_iso(value: object) -> bool:
    if not isinstance(value, str) or not _ISO.fullmatch(value):
        return False
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def check_article(row: Mapping[str, Any], text: str, publisher: str | None = None) -> list[str]:
    """Problems of one gold article against its text (an empty list when it is sound).

    An entity must be printed in the text under its name or an alias (the publisher, which may
    stand only in the metadata, excepted); every alias must be printed; subjects, objects,
    ``member_of`` and event subjects must be declared entities; holdsPosition needs ``role`` and
    ``status``; dates must be ISO.
    """
    problems: list[str] = []
    folded = fold(text)
    entities = [e for e in row.get("entities", []) if isinstance(e, dict)]
    names = {e.get("name") for e in entities}
    for e in entities:
        name, aliases = e.get("name"), e.get("aliases", [])
        if e.get("type") not in ENTITY_TYPES:
            problems.append(f"entity {name!r} has type {e.get('type')!r}")
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            problems.append(f"aliases of {name!r} must be a list of strings")
            continue
        for alias in aliases:
            if fold(alias) not in folded:
                problems.append(f"alias {alias!r} of {name!r} does not occur in the text")
        forms = [name, *aliases]
        if not any(fold(f) in folded for f in forms) and fold(name) != fold(publisher):
            problems.append(f"entity {name!r}: neither its name nor an alias occurs in the text")
        if e.get("type") == "Group" and e.get("member_of") not in names:
            problems.append(f"group {name!r}: member_of {e.get('member_of')!r} is not a declared entity")
    for r in row.get("relations", []):
        what = r.get("relation")
        if what not in RELATIONS:
            problems.append(f"unknown relation {what!r}")
        for slot in ("subject", "object"):
            if r.get(slot) not in names:
                problems.append(f"{what}: {slot} {r.get(slot)!r} is not a declared entity")
        label = f"{what} {r.get('subject')} -> {r.get('object')}"
        if r.get("modality") not in MODALITIES:
            problems.append(f"{label}: modality {r.get('modality')!r} is not one of {', '.join(MODALITIES)}")
        if what == "holdsPosition" and (not r.get("role") or r.get("status") not in STATUSES):
            problems.append(f"{label}: holdsPosition needs a role and a status ({', '.join(STATUSES)})")
        if "date" in r and not _is_iso(r["date"]):
            problems.append(f"{label}: date {r['date']!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")
        if r.get("subject") is not None and r.get("subject") == r.get("object"):
            problems.append(f"{label}: subject and object are the same entity")
    for ev in row.get("events", []) or []:
        label = f"event {ev.get('type')!r} of {ev.get('subject')!r}"
        if ev.get("type") not in EVENT_TYPES:
            problems.append(f"{label}: type is not one of {', '.join(EVENT_TYPES)}")
        if ev.get("subject") not in names:
            problems.append(f"{label}: subject is not a declared entity")
        if ev.get("modality") not in MODALITIES:
            problems.append(f"{label}: modality {ev.get('modality')!r} is not one of {', '.join(MODALITIES)}")
        if "date" in ev and not _is_iso(ev["date"]):
            problems.append(f"{label}: date {ev['date']!r} is not an ISO date")
    return problems


def _sidecar_problems(path: Path, row: Mapping[str, Any]) -> tuple[list[str], str | None]:
    sidecar = path.with_suffix(".json")
    if not sidecar.is_file():
        return [f"{sidecar.name}: sidecar missing"], None
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return [f"{sidecar.name}: not readable JSON ({error})"], None
    if not isinstance(meta, dict):
        return [f"{sidecar.name}: not a JSON object"], None
    problems = [f"{sidecar.name}: unknown key {k!r}" for k in sorted(set(meta) - _SIDECAR_KEYS)]
    problems += [f"{sidecar.name}: missing {k!r}" for k in ("title", "published", "publisher", "lang")
                 if not meta.get(k)]
    if meta.get("published") and not _is_iso(meta["published"]):
        problems.append(f"{sidecar.name}: published {meta['published']!r} is not an ISO date")
    if meta.get("lang") and meta.get("lang") != row.get("lang"):
        problems.append(f"{sidecar.name}: lang {meta.get('lang')!r} differs from the gold's {row.get('lang')!r}")
    return problems, meta.get("publisher")


def check_batch(folder: Path) -> list[str]:
    """Every problem of the gold files below ``folder``, one line each naming file and article."""
    folder = Path(folder)
    problems: list[str] = []
    gold_files = _gold_files(folder) if folder.is_dir() else []
    if not gold_files:
        return [f"{folder}: no gold.jsonl found"]
    for gold_path in gold_files:
        try:
            rows = read_gold(gold_path)
        except InputError as error:
            problems.append(str(error))
            continue
        for row in rows:
            where = f"{gold_path}: {row['id']}"
            path = gold_path.parent / (row.get("text_file") or f"{row['id']}.txt")
            if not path.is_file():
                problems.append(f"{where}: article file {path.name} missing")
                continue
            if row.get("lang") not in ("id", "en"):
                problems.append(f"{where}: lang {row.get('lang')!r} is not 'id' or 'en'")
            if row.get("style") not in STYLES:
                problems.append(f"{where}: style {row.get('style')!r} is not one of {', '.join(STYLES)}")
            if row.get("published") and not _is_iso(row["published"]):
                problems.append(f"{where}: published {row['published']!r} is not an ISO date")
            side, publisher = _sidecar_problems(path, row)
            text = path.read_text(encoding="utf-8")
            problems += [f"{where}: {p}" for p in side + check_article(row, text, publisher or row.get("source"))]
    return problems


def _subset(rows: Iterable[CorpusArticle], keep: Callable[[CorpusArticle], bool]) -> list[dict[str, Any]]:
    return [a.gold for a in rows if keep(a)]


def type_confusions(gold: Iterable[Mapping[str, Any]], predictions: Sequence[Mapping[str, Any]]) -> Counter[str]:
    """How many gold entities were found under another type, as ``"Person->Organization"``
    counts (by name or alias, case folded): an aggregate that names no article or entity.

    >>> gold = [{"id": "a", "entities": [{"name": "Sam Altman", "type": "Person", "aliases": ["Altman"]}]}]
    >>> type_confusions(gold, [{"article": "a", "entity": "Altman", "type": "Organization"}])
    Counter({'Person->Organization': 1})
    """
    found: dict[tuple[Any, str], set[str]] = {}
    for row in predictions:
        if "entity" in row:
            found.setdefault((row.get("article"), fold(row["entity"])), set()).add(str(row.get("type")))
    confusions: Counter[str] = Counter()
    for article in gold:
        for entity in article.get("entities", []):
            types: set[str] = set()
            for form in (entity["name"], *entity.get("aliases", [])):
                types |= found.get((article["id"], fold(form)), set())
            if types and entity["type"] not in types:
                confusions[f"{entity['type']}->{'/'.join(sorted(types))}"] += 1
    return confusions


def score_corpus(corpus: Mapping[str, Sequence[CorpusArticle]],
                 predictions: Sequence[Mapping[str, Any]]) -> dict[str, Report]:
    """The :func:`kgraph.evaluate.score` report of each split and of each split's languages
    (keys ``dev``, ``dev:id``, ``dev:en``, ``blind``, ...), with the entity type confusions
    (:func:`type_confusions`) as ``typed:<gold>-><predicted>`` counts."""
    reports: dict[str, Report] = {}
    for split, articles in corpus.items():
        for key, keep in [(split, lambda a: True)] + [
                (f"{split}:{lang}", lambda a, lang=lang: a.lang == lang) for lang in sorted({a.lang for a in articles})]:
            gold = _subset(articles, keep)
            reports[key] = score(gold, predictions)[0]
            for confusion, n in sorted(type_confusions(gold, predictions).items()):
                reports[key][f"typed:{confusion}"] = {"count": n}
    return reports


#: The measures :func:`compare_predictions` compares: report key -> its name in the table.
COMPARED = {"all": "relations", "entities": "entities", "events": "events"}


def _f1(tp: int, predicted: int, gold: int) -> float:
    return 2 * tp / (predicted + gold) if predicted + gold else 0.0


def _old_and_new_f1(sample: Sequence[tuple[int, int, int, int, int]]) -> tuple[float, float]:
    """(old F1, new F1) of articles' (new tp, new predicted, old tp, old predicted, gold) counts."""
    tn, pn, to, po, g = (sum(r[k] for r in sample) for k in range(5))
    return _f1(to, po, g), _f1(tn, pn, g)


def compare_predictions(corpus: Mapping[str, Sequence[CorpusArticle]], new: Sequence[Mapping[str, Any]],
                        old: Sequence[Mapping[str, Any]], *, rounds: int = 2000,
                        seed: int = 13) -> dict[str, dict[str, dict[str, float]]]:
    """How far the ``new`` predictions' F1 is from the ``old`` ones', per split and language
    (``blind``, ``blind:id``...) and measure (:data:`COMPARED`), with a paired bootstrap over
    the articles: the articles are drawn again with replacement ``rounds`` times and both F1
    computed on each draw. Each entry gives ``old``, ``new``, ``change`` and the 2.5th and 97.5th
    percentiles of the change (``low``, ``high``) and the share of draws where new beats old
    (``better``): a change whose interval holds 0 is within the corpus's own noise. Only sums
    over the drawn articles are computed, so no article's figures are shown.

    >>> gold = [{"id": f"a{n}", "lang": "en", "entities": [{"name": "Acme", "type": "Organization"},
    ...          {"name": "Jo", "type": "Person"}], "relations": [
    ...          {"subject": "Acme", "relation": "fired", "object": "Jo", "modality": "asserted"}]} for n in range(4)]
    >>> corpus = {"dev": [CorpusArticle("dev", g, Path(f"a{n}.txt")) for n, g in enumerate(gold)]}
    >>> found = [{"article": f"a{n}", "subject": "Acme", "relation": "fired", "object": "Jo",
    ...           "modality": "asserted"} for n in range(4)]
    >>> out = compare_predictions(corpus, found, found[:2], rounds=200)["dev"]["relations"]
    >>> out["old"], out["new"], out["change"] > 0, out["low"] >= 0
    (0.667, 1.0, True, True)
    """
    rng = random.Random(seed)
    out: dict[str, dict[str, dict[str, float]]] = {}
    rows_of: tuple[dict[Any, list[Mapping[str, Any]]], ...] = ({}, {})
    for index, rows in zip(rows_of, (new, old)):
        for row in rows:
            index.setdefault(row.get("article"), []).append(row)
    per_article: dict[Any, dict[str, tuple[int, ...]]] = {}
    for articles in corpus.values():
        for a in articles:
            aid = a.gold.get("id")
            now, then = (score([a.gold], index.get(aid, []))[0] for index in rows_of)
            # per measure: (tp, predicted) of new, of old, and the gold count
            per_article[aid] = {m: (now[m]["tp"], now[m]["predicted"], then[m]["tp"], then[m]["predicted"],
                                    now[m]["gold"]) for m in COMPARED if m in now}
    for split, articles in corpus.items():
        groups = [(split, articles)] + [
            (f"{split}:{lang}", [a for a in articles if a.lang == lang]) for lang in sorted({a.lang for a in articles})]
        for key, members in groups:
            counts = [per_article[a.gold.get("id")] for a in members]
            for measure, name in COMPARED.items():
                rows = [c[measure] for c in counts if measure in c]
                if not rows or not sum(r[4] for r in rows) + sum(r[1] + r[3] for r in rows):
                    continue
                before, after = _old_and_new_f1(rows)
                changes = sorted(b - a for a, b in (_old_and_new_f1([rows[rng.randrange(len(rows))] for _ in rows])
                                                    for _ in range(rounds)))
                out.setdefault(key, {})[name] = {
                    "old": round(before, 3), "new": round(after, 3), "change": round(after - before, 4),
                    "low": round(changes[int(0.025 * (rounds - 1))], 4),
                    "high": round(changes[int(0.975 * (rounds - 1))], 4),
                    "better": round(sum(c > 0 for c in changes) / rounds, 3)}
    return out


def format_comparison(comparison: Mapping[str, Mapping[str, Mapping[str, float]]]) -> str:
    """:func:`compare_predictions` as a table: old and new F1, the change, its 95% interval.

    >>> print(format_comparison({"blind": {"relations": {"old": 0.52, "new": 0.53, "change": 0.01,
    ...       "low": -0.002, "high": 0.021, "better": 0.93}}}))
    against the saved predictions (paired bootstrap over articles)
    split       measure       old    new  change  95% interval        new better
    blind       relations   0.520  0.530  +0.010  [-0.002, +0.021]    93%
    """
    lines = ["against the saved predictions (paired bootstrap over articles)",
             f"{'split':12}{'measure':12}{'old':>5}{'new':>7}{'change':>8}  {'95% interval':20}new better"]
    for key, measures in comparison.items():
        for name, v in measures.items():
            interval = f"[{v['low']:+.3f}, {v['high']:+.3f}]"
            lines.append(f"{key:12}{name:12}{v['old']:5.3f}{v['new']:7.3f}{v['change']:+8.3f}  "
                         f"{interval:20}{v['better']:.0%}")
    return "\n".join(lines)


def format_corpus_report(reports: Mapping[str, Report]) -> str:
    """The split reports side by side: ``F1 P R`` for scored rows, ``accuracy (compared)`` for
    attribute rows, one column per split and per split's language.

    >>> from kgraph.evaluate import prf
    >>> print(format_corpus_report({"dev": {"all": prf(1, 2, 1)}, "blind": {"all": prf(0, 1, 1)}}))
    split                        dev               blind
    (cell: F1 P R)
    all                          0.67 0.50 1.00    0.00 0.00 0.00
    """
    columns = list(reports)
    rows: list[str] = []
    for report in reports.values():
        rows += [k for k in report if k not in rows]
    order = ("all", "lang:", "relation:", "entities", "typed:", "events", "event:", "accuracy:")
    rows.sort(key=lambda k: (next(i for i, o in enumerate(order) if k.startswith(o)), k))
    width = 18
    lines = [f"{'split':29}" + "".join(f"{c:{width}}" for c in columns).rstrip(), "(cell: F1 P R)"]
    for name in rows:
        cells = []
        for c in columns:
            r = reports[c].get(name)
            if r is None:
                cells.append("-")
            elif "count" in r:
                cells.append(str(r["count"]))
            elif "f1" in r:
                cells.append(f"{r['f1']:.2f} {r['precision']:.2f} {r['recall']:.2f}")
            else:
                cells.append("-" if r["accuracy"] is None else f"{r['accuracy']:.2f} ({r['compared']})")
        lines.append(f"{name:29}" + "".join(f"{cell:{width}}" for cell in cells).rstrip())
    return "\n".join(lines)


def corpus_stats(corpus: Mapping[str, Sequence[CorpusArticle]]) -> dict[str, Counter]:
    """Aggregate counts per split and language: articles, words, styles, relation types,
    modalities, events and entity types (no article is named, so the blind half stays blind)."""
    stats: dict[str, Counter] = {}
    for split, articles in corpus.items():
        for a in articles:
            c = stats.setdefault(f"{split}:{a.lang}", Counter())
            c["articles"] += 1
            c["words"] += len(a.path.read_text(encoding="utf-8").split()) if a.path.is_file() else 0
            c[f"style:{a.gold.get('style', '?')}"] += 1
            for r in a.gold.get("relations", []):
                c[f"relation:{r.get('relation')}"] += 1
                c[f"modality:{r.get('modality')}"] += 1
                c["relations"] += 1
            for e in a.gold.get("events", []) or []:
                c[f"event:{e.get('type')}"] += 1
            for e in a.gold.get("entities", []):
                c[f"entity:{e.get('type')}"] += 1
    return stats


def _format_stats(stats: Mapping[str, Counter]) -> str:
    columns = sorted(stats)
    keys = sorted({k for c in stats.values() for k in c}, key=lambda k: (":" in k, k))
    lines = [f"{'count':28}" + "".join(f"{c:>11}" for c in columns)]
    lines += [f"{k:28}" + "".join(f"{stats[c].get(k, 0):>11}" for c in columns) for k in keys]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m kgraph.corpus check PATH...`` or ``python -m kgraph.corpus stats PATH``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 2 or args[0] not in ("check", "stats"):
        sys.stderr.write("usage: python -m kgraph.corpus check PATH... | stats CORPUS\n")
        return 2
    if args[0] == "stats":
        try:
            sys.stdout.write(_format_stats(corpus_stats(load_corpus(Path(args[1])))) + "\n")
        except InputError as error:
            sys.stderr.write(f"kgraph: {error}\n")
            return 1
        return 0
    problems = [p for path in args[1:] for p in check_batch(Path(path))]
    for p in problems:
        sys.stderr.write(f"{p}\n")
    sys.stderr.write(f"{len(problems)} problem(s)\n" if problems else "gold checked: no problems\n")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
