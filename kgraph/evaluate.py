"""Score extracted relations and entities against gold annotations (``kgraph eval``).

Implements the scoring of ``../shared/eval/SCHEMA.md`` and gives the same figures as
``../shared/eval/score.py``: a predicted relation matches a gold one when the relation is equal
and subject and object each equal the gold entity's name or one of its aliases (case-insensitive,
whitespace folded); ``competitorOf`` and ``partnerOf`` match in either order. Precision, recall
and F1 are micro-averaged over all articles and reported per relation and per language;
modality, role, status and date are accuracies over the matched relations; entities are scored
as (name, type) pairs per article with the same alias rule.

>>> gold = [{"id": "a", "lang": "en", "entities": [
...     {"name": "Acme", "type": "Organization", "aliases": ["Acme Corp."]},
...     {"name": "Jo Doe", "type": "Person", "aliases": ["Doe"]}],
...     "relations": [{"subject": "Acme", "relation": "fired", "object": "Jo Doe",
...                    "modality": "asserted"}]}]
>>> pred = [{"article": "a", "subject": "acme corp.", "relation": "fired", "object": "Doe",
...          "modality": "negated"}]
>>> report, errors = score(gold, pred)
>>> report["all"]["f1"], report["accuracy:modality"]["accuracy"]
(1.0, 0.0)
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from kgraph.errors import InputError, LexiconError
from kgraph.lexicons import load_data_file, string_list
from kgraph.models import ENTITY_TYPES, MODALITIES, RELATIONS, STATUSES, SYMMETRIC_RELATIONS

__all__ = ["ATTRIBUTES", "RoleWords", "role_words", "fold", "prf", "read_jsonl", "read_gold",
           "score", "format_report",
           "summary_line"]

ATTRIBUTES: tuple[str, ...] = ("modality", "role", "status", "date")
EVENT_ATTRIBUTES: tuple[str, ...] = ("event_modality", "event_date")
Report = dict[str, dict[str, Any]]


def fold(text: object) -> str:
    """Case-fold ``text`` and collapse its whitespace, the way names are compared.

    >>> fold("  Sam   ALTMAN ")
    'sam altman'
    >>> fold(None)
    ''
    """
    return re.sub(r"\s+", " ", str(text or "")).strip().casefold()


@dataclass(frozen=True)
class RoleWords:
    """How role texts are compared: long forms shortened, filler words ignored."""

    replacements: tuple[tuple[str, str], ...]
    ignore: frozenset[str]

    def tokens(self, role: object) -> frozenset[str]:
        """The words of a role after shortening long forms.

        >>> sorted(role_words().tokens("Executive Vice President and Chief Financial Officer"))
        ['cfo', 'evp']
        """
        text = fold(role)
        for long, short in self.replacements:
            text = text.replace(long, short)
        return frozenset(re.findall(r"\w+", text)) - self.ignore

    def matches(self, gold_role: object, pred_role: object) -> bool:
        """Whether the words of one role include the other's.

        >>> role_words().matches("CFO", "EVP and CFO"), role_words().matches("CEO", "CTO")
        (True, False)
        """
        g, p = self.tokens(gold_role), self.tokens(pred_role)
        return bool(g and p) and (g <= p or p <= g)


@lru_cache(maxsize=1)
def role_words() -> RoleWords:
    """The role vocabulary shipped in ``kgraph/lexicons/scoring.yaml``."""
    source = "kgraph/lexicons/scoring.yaml"
    data = load_data_file("scoring.yaml")
    pairs = data.get("role_words")
    if not isinstance(pairs, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                              for k, v in pairs.items()):
        raise LexiconError(f"{source}: entry 'role_words' must map long role words to short ones")
    ignore = string_list(data, "role_ignore", source)
    return RoleWords(tuple((fold(k), fold(v)) for k, v in pairs.items()), frozenset(ignore))


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, Any]:
    """Precision, recall and F1 (rounded to 3 places) with the counts they come from.

    >>> prf(2, 4, 2)
    {'precision': 0.5, 'recall': 1.0, 'f1': 0.667, 'tp': 2, 'predicted': 4, 'gold': 2}
    """
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
            "tp": tp, "predicted": n_pred, "gold": n_gold}


def _numbered_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path, f"cannot be read ({error.__class__.__name__})") from None
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{number}", f"not valid JSON ({error.msg})") from None
        if not isinstance(row, dict):
            raise InputError(f"{path}:{number}", f"expected a JSON object, got {type(row).__name__}")
        rows.append((number, row))
    return rows


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSON-lines file (gold or predictions); blank lines are skipped.

    Raises
    ------
    InputError
        The file cannot be read, or a line is not a JSON object (named as ``FILE:LINE``).
    """
    return [row for _, row in _numbered_rows(path)]


def _check_gold_article(row: Mapping[str, Any], where: str) -> None:
    if not isinstance(row.get("id"), str) or not row["id"]:
        raise InputError(where, "gold article has no string 'id'")
    for key in ("entities", "relations"):
        if not isinstance(row.get(key, []), list):
            raise InputError(where, f"'{key}' must be a list")
    for e in row.get("entities", []):
        if not isinstance(e, dict) or not isinstance(e.get("name"), str):
            raise InputError(where, f"entity without a name: {e!r}")
        if e.get("type") not in ENTITY_TYPES:
            raise InputError(where, f"entity {e['name']!r} has type {e.get('type')!r}, "
                                    f"expected one of {', '.join(ENTITY_TYPES)}")
    for r in row.get("relations", []):
        if not isinstance(r, dict) or not all(isinstance(r.get(k), str) for k in ("subject", "object")):
            raise InputError(where, f"relation without subject and object: {r!r}")
        if r.get("relation") not in RELATIONS:
            raise InputError(where, f"unknown relation {r.get('relation')!r} in {r['subject']!r} -> {r['object']!r}")
        if r.get("modality", "asserted") not in MODALITIES:
            raise InputError(where, f"unknown modality {r['modality']!r} of {r['relation']}")
        if r.get("status") is not None and r["status"] not in STATUSES:
            raise InputError(where, f"unknown status {r['status']!r} of {r['relation']}")


def read_gold(path: Path) -> list[dict[str, Any]]:
    """Read and check a gold file: ids, entity types, relation names, modalities, statuses.

    Raises
    ------
    InputError
        A line is malformed; the message names ``FILE:LINE`` and the entry.
    """
    seen: set[str] = set()
    rows = []
    for number, row in _numbered_rows(path):
        where = f"{path}:{number}"
        _check_gold_article(row, where)
        if row["id"] in seen:
            raise InputError(where, f"article id {row['id']!r} appears twice")
        seen.add(row["id"])
        rows.append(row)
    return rows


def _entity_index(article: Mapping[str, Any]) -> dict[str, str]:
    """Every folded surface form of the article's gold entities -> canonical name."""
    entities = article.get("entities", [])
    index = {fold(e["name"]): e["name"] for e in entities}
    for e in entities:
        for form in e.get("aliases", []):
            index.setdefault(fold(form), e["name"])
    return index


def _group(rows: Iterable[Mapping[str, Any]], canon: Callable[[object], str]) -> dict[tuple, list]:
    out: dict[tuple, list] = defaultdict(list)
    for r in rows:
        subject, obj = canon(r.get("subject")), canon(r.get("object"))
        if r["relation"] in SYMMETRIC_RELATIONS:
            subject, obj = sorted([subject, obj])
        out[(r["relation"], subject, obj)].append(r)
    return out


def _compare_attributes(key: tuple, aid: str, gold_rows: list, pred_rows: list, roles: RoleWords,
                        attr: dict[str, list[int]], errors: list[str]) -> None:
    for g in gold_rows:
        # compare with the prediction naming the same role, if any, else a near role, else the first
        role = g.get("role")
        exact = [p for p in pred_rows if role and roles.tokens(role) == roles.tokens(p.get("role"))]
        near = [p for p in pred_rows if role and roles.matches(role, p.get("role"))]
        p = (exact or near or pred_rows)[0]
        for a in ATTRIBUTES:
            if not g.get(a):
                continue
            right = roles.matches(g[a], p.get(a)) if a == "role" else fold(p.get(a)) == fold(g[a])
            attr[a][0] += right
            attr[a][1] += 1
            if not right:
                errors.append(f"{aid}: {a} of {key}: gold {g[a]!r}, predicted {p.get(a)!r}")


def _count(counts: dict[str, list[int]], buckets: Iterable[str], hit: bool, predicted: bool,
           in_gold: bool) -> None:
    for bucket in buckets:
        counts[bucket][0] += hit
        counts[bucket][1] += predicted
        counts[bucket][2] += in_gold


def _score_events(aid: str, gold_events: list[Mapping[str, Any]], rows: list[Mapping[str, Any]],
                  canon: Callable[[object], str], counts: dict[str, list[int]],
                  attr: dict[str, list[int]], errors: list[str]) -> None:
    """Events match on (type, subject); their modality and date are accuracies over the matched."""
    gold_ev = {(fold(e.get("type")), canon(e.get("subject"))): e for e in gold_events}
    pred_ev = {(fold(r.get("event")), canon(r.get("subject"))): r for r in rows if "event" in r}
    for k in set(gold_ev) | set(pred_ev):
        hit = k in gold_ev and k in pred_ev
        _count(counts, ("events", f"event:{k[0]}"), hit, k in pred_ev, k in gold_ev)
        if hit:
            for a in ("modality", "date"):
                if gold_ev[k].get(a):
                    attr[f"event_{a}"][1] += 1
                    attr[f"event_{a}"][0] += fold(pred_ev[k].get(a)) == fold(gold_ev[k][a])
        else:
            errors.append(f"{aid}: {'missed  ' if k in gold_ev else 'spurious'} event {k}")


def score(gold: list[Mapping[str, Any]], pred: list[Mapping[str, Any]],
          roles: RoleWords | None = None, *, per_article: bool = False) -> tuple[Report, list[str]]:
    """Score predictions against gold articles.

    Parameters
    ----------
    gold : list of dict
        Gold articles in the SCHEMA.md format.
    pred : list of dict
        Relation rows ``{article, subject, relation, object, modality, role, status, date}``,
        entity rows ``{article, entity, type}`` and event rows ``{article, event, subject, modality,
        date}``; rows of articles not in ``gold`` are ignored.
    roles : RoleWords, optional
        Role vocabulary; the shipped one by default.
    per_article : bool
        Also report each article's relations as ``article:<id>`` (not in score.py's report).

    Returns
    -------
    report : dict
        ``all``, ``lang:<xx>``, ``relation:<name>``, ``events``, ``event:<type>``, ``entities``
        and ``entities:lang:<xx>`` -> precision, recall, f1, tp, predicted, gold;
        ``accuracy:<attribute>`` (also ``event_modality``, ``event_date``) -> accuracy, compared.
    errors : list of str
        One line per missed or spurious relation or entity and per wrong attribute.
    """
    roles = roles or role_words()
    by_article: dict[Any, list] = defaultdict(list)
    for row in pred:
        by_article[row.get("article")].append(row)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    attr: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    ent: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    errors: list[str] = []
    for article in gold:
        aid, lang, index = article["id"], article.get("lang", "?"), _entity_index(article)

        def canon(name: object) -> str:
            return index.get(fold(name), fold(name))

        gold_rel = _group(article.get("relations", []), canon)
        pred_rel = _group([r for r in by_article.get(aid, []) if "relation" in r], canon)
        for k in sorted(set(gold_rel) | set(pred_rel)):
            hit = k in gold_rel and k in pred_rel
            buckets = ["all", f"relation:{k[0]}", f"lang:{lang}"] + ([f"article:{aid}"] if per_article else [])
            _count(counts, buckets, hit, k in pred_rel, k in gold_rel)
            if hit:
                _compare_attributes(k, aid, gold_rel[k], pred_rel[k], roles, attr, errors)
            else:
                errors.append(f"{aid}: {'missed  ' if k in gold_rel else 'spurious'} {k}")
        gold_ent = {(e["name"], e["type"]) for e in article.get("entities", [])}
        pred_ent = {(canon(r["entity"]), r.get("type")) for r in by_article.get(aid, []) if "entity" in r}
        for bucket in ("entities", f"entities:lang:{lang}"):
            ent[bucket][0] += len(gold_ent & pred_ent)
            ent[bucket][1] += len(pred_ent)
            ent[bucket][2] += len(gold_ent)
        errors += [f"{aid}: missed entity   {e}" for e in sorted(gold_ent - pred_ent)]
        errors += [f"{aid}: spurious entity {e}" for e in sorted(pred_ent - gold_ent, key=str)]
        _score_events(aid, article.get("events", []), by_article.get(aid, []), canon, counts, attr, errors)
    report: Report = {name: prf(*c) for name, c in sorted(counts.items())}
    for name, c in sorted(ent.items()):
        report[name] = prf(*c)
    for a in (*ATTRIBUTES, *EVENT_ATTRIBUTES):
        if a in attr:
            right, n = attr[a]
            report[f"accuracy:{a}"] = {"accuracy": round(right / n, 3) if n else None, "compared": n}
    return report, errors


def format_report(report: Report) -> str:
    """The report as aligned text lines, as score.py prints them.

    >>> print(format_report({"all": prf(1, 2, 1), "accuracy:date": {"accuracy": 1.0, "compared": 1}}))
    all                              P 0.500  R 1.000  F1 0.667  (1/2 predicted, 1 gold)
    accuracy:date                    1.0 over 1
    """
    lines = []
    for name, r in report.items():
        if "f1" in r:
            lines.append(f"{name:32} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}"
                         f"  ({r['tp']}/{r['predicted']} predicted, {r['gold']} gold)")
        else:
            lines.append(f"{name:32} {r['accuracy']} over {r['compared']}")
    return "\n".join(lines)


def summary_line(report: Report) -> str:
    """The closing line: overall relation F1.

    >>> summary_line({"all": prf(1, 2, 1)})
    'relation F1 0.667'
    """
    return f"relation F1 {report.get('all', prf(0, 0, 0))['f1']:.3f}"
