"""Relation candidates and their features, for the learned scorer (:mod:`kgraph.extract.scorer`).

A candidate is an ordered pair of entity items of one encoded sentence (pronouns and
descriptions already resolved to their entity) whose types some relation admits
(:data:`SIGNATURES`). Its features are general, never a sentence's wording fitted by hand:
the entity types, their distance and order, the words (stems) between and around them, the
relation triggers of ``{lang}.triggers.yaml`` between or around them, titles, commas,
parentheses, possessives, other entities between, and whether a slot is a resolved reference.
A label names a relation and which item is its subject: ``fired>`` (the first item fires the
second), ``fired<`` (the second fires the first); symmetric relations have one label.

News leaves the article's main organization unsaid in many sentences ("The round was led by
Sequoia", "Pesaing terberatnya adalah Grab"): an implicit argument. So a sentence that does not
name the article's **focus** (its most-mentioned organization, :func:`focus_entity`) also gives
each of its entities near a trigger a candidate with the focus as the first item. Its labels
are prefixed ``F:`` (``F:investedIn<``: the entity invested in the focus), so the model learns
them apart from a stated pair's, and training keeps them only for the relations where they
raise the cross-validated F1; :func:`focus_features` are the entity's side of a pair's features.

>>> labels_for("Organization", "Person")[:5]
['fired>', 'offeredCompensation>', 'resigned<', 'joined<', 'holdsPosition<']
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from kgraph.errors import LexiconError
from kgraph.extract.encode import EncodedSentence
from kgraph.lexicons import has_lexicon, load_lexicon, read_yaml
from kgraph.models import RELATIONS, SYMMETRIC_RELATIONS

__all__ = ["SIGNATURES", "TriggerLexicon", "load_trigger_lexicon", "labels_for", "pairs", "pair_features",
           "label_relation", "triggered_labels", "focus_entity", "focus_features", "FOCUS", "is_focus"]

_O, _P, _R, _G = "Organization", "Person", "Product", "Group"
#: Subject types and object types each relation admits (../shared/eval/SCHEMA.md).
SIGNATURES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "fired": (frozenset({_O, _P}), frozenset({_P})),
    "resigned": (frozenset({_P, _G}), frozenset({_O})),
    "joined": (frozenset({_P, _G}), frozenset({_O})),
    "holdsPosition": (frozenset({_P}), frozenset({_O})),
    "founded": (frozenset({_P}), frozenset({_O})),
    "offeredCompensation": (frozenset({_O, _P}), frozenset({_P, _G, _O})),
    "developed": (frozenset({_O}), frozenset({_R})),
    "acquired": (frozenset({_O, _P}), frozenset({_O, _R})),
    "investedIn": (frozenset({_O, _P}), frozenset({_O})),
    "laidOff": (frozenset({_O}), frozenset({_G})),
    "competitorOf": (frozenset({_O}), frozenset({_O})),
    "partnerOf": (frozenset({_O}), frozenset({_O})),
    "parentOf": (frozenset({_O}), frozenset({_O})),
}
_DISTANCES = (1, 2, 3, 5, 8, 12)
_CONTEXT = 3  # words of context on each side, and the reach of a trigger outside the pair


def labels_for(first: str, second: str) -> list[str]:
    """The labels a pair of entity types admits, forward (``>``) before backward (``<``)."""
    return list(_labels_for(first, second))


@lru_cache(maxsize=None)
def _labels_for(first: str, second: str) -> tuple[str, ...]:
    """:func:`labels_for`, once per pair of types (a few dozen exist; every entity pair asks)."""
    out: list[str] = []
    for arrow, (a, b) in ((">", (first, second)), ("<", (second, first))):
        for relation in RELATIONS:
            subjects, objects = SIGNATURES[relation]
            if a in subjects and b in objects:
                label = relation if relation in SYMMETRIC_RELATIONS else relation + arrow
                if label not in out:
                    out.append(label)
    return tuple(out)


#: The prefix of the labels of a candidate whose first item is the unnamed focus.
FOCUS = "F:"


def is_focus(label: str) -> bool:
    """Whether ``label`` is a focus candidate's (:data:`FOCUS`)."""
    return label.startswith(FOCUS)


def label_relation(label: str) -> tuple[str, bool]:
    """(relation, whether the second item is the subject) of a label.

    >>> label_relation("acquired<"), label_relation("partnerOf"), label_relation("F:investedIn<")
    (('acquired', True), ('partnerOf', False), ('investedIn', True))
    """
    label = label.removeprefix(FOCUS)
    if label[-1] in "<>":
        return label[:-1], label[-1] == "<"
    return label, False


@dataclass(frozen=True)
class TriggerLexicon:
    """Per relation, trigger words (by word or stem) and phrases (token tuples), casefolded."""

    words: tuple[tuple[str, frozenset[str]], ...] = ()
    phrases: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str) -> "TriggerLexicon":
        """Validate a parsed ``{lang}.triggers.yaml``; a malformed entry raises LexiconError."""
        triggers = data.get("triggers")
        if not isinstance(triggers, dict):
            raise LexiconError(f"{source}: entry 'triggers' must map relation names to lists of words")
        words, phrases = [], []
        for relation, entries in triggers.items():
            if relation not in RELATIONS:
                raise LexiconError(f"{source}: triggers.{relation}: unknown relation")
            if not isinstance(entries, list) or not all(isinstance(e, str) and e.strip() for e in entries):
                raise LexiconError(f"{source}: triggers.{relation} must be a list of words and phrases")
            split = [tuple(e.casefold().split()) for e in entries]
            words.append((relation, frozenset(p[0] for p in split if len(p) == 1)))
            phrases.append((relation, tuple(sorted({p for p in split if len(p) > 1}, key=len, reverse=True))))
        return cls(tuple(words), tuple(phrases))

    def positions(self, words: Sequence[str], stems: Sequence[str]) -> list[tuple[int, str]]:
        """(item index, relation) of every trigger in a sentence's folded words and stems.

        >>> lex = TriggerLexicon.from_dict({"triggers": {"fired": ["sack", "let go"]}}, "x")
        >>> lex.positions(["they", "let", "go", "of", "sacked"], ["they", "let", "go", "of", "sack"])
        [(1, 'fired'), (4, 'fired')]
        """
        single, multi = self._index
        found = set()
        for k, (w, s) in enumerate(zip(words, stems)):
            if not w:
                continue
            found.update((k, relation) for relation in single.get(w, ()) + single.get(s, ()))
            for phrase, relation in multi.get(w, ()) + multi.get(s, ()):
                n = len(phrase)
                if tuple(words[k:k + n]) == phrase or tuple(stems[k:k + n]) == phrase:
                    found.add((k, relation))
        return sorted(found)

    @cached_property
    def _index(self) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[tuple[tuple[str, ...], str], ...]]]:
        """Word -> relations it triggers; first word -> (phrase, relation): one pass a sentence."""
        single: dict[str, list[str]] = {}
        multi: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for relation, words in self.words:
            for word in words:
                single.setdefault(word, []).append(relation)
        for relation, phrases in self.phrases:
            for phrase in phrases:
                multi.setdefault(phrase[0], []).append((phrase, relation))
        return ({w: tuple(r) for w, r in single.items()}, {w: tuple(p) for w, p in multi.items()})


def load_trigger_lexicon(lang: str, path: Path | None = None) -> TriggerLexicon:
    """The shipped ``{lang}.triggers.yaml`` (or ``path``); empty for a language without one."""
    if path is not None:
        return TriggerLexicon.from_dict(read_yaml(path), str(path))
    if not has_lexicon(lang, "triggers"):
        return TriggerLexicon()
    return TriggerLexicon.from_dict(load_lexicon(lang, "triggers"), f"kgraph/lexicons/{lang}.triggers.yaml")


def pairs(enc: EncodedSentence) -> list[tuple[int, int]]:
    """Item index pairs ``i < j`` of two different entities whose types some relation admits."""
    entities = [k for k, it in enumerate(enc.items) if it.kind == "entity" and it.name]
    out = []
    for x, i in enumerate(entities):
        for j in entities[x + 1:]:
            a, b = enc.items[i], enc.items[j]
            if a.name != b.name and labels_for(a.type or "", b.type or ""):
                out.append((i, j))
    return out


def triggered_labels(labels: Sequence[str], triggers: Sequence[tuple[int, str]], i: int, j: int) -> list[str]:
    """The labels whose relation has a trigger between the pair or near it: a candidate is a
    pair near a word that says the relation, not any pair of the right types.

    >>> triggered_labels(["fired>", "joined<"], [(3, "fired"), (20, "joined")], 1, 5)
    ['fired>']
    """
    near = {relation for k, relation in triggers if i - 2 * _CONTEXT <= k <= j + 2 * _CONTEXT}
    return [label for label in labels if label_relation(label)[0] in near]


def _bucket(n: int) -> str:
    return next((str(d) for d in _DISTANCES if n <= d), "far")


def _context(words: Sequence[str], stems: Sequence[str], i: int, j: int, lang: str) -> list[str]:
    """The stems of the few words left of item ``i`` and right of item ``j``, the nearest apart.

    >>> _context(["a", "", "b", "c"], ["a", "", "b", "c"], 1, 1, "en")
    ['en:l:a', 'en:r:b', 'en:r:c', 'en:l1:a', 'en:r1:b']
    """
    left = [k for k in range(i - 1, -1, -1) if words[k]][:_CONTEXT]
    right = [k for k in range(j + 1, len(words)) if words[k]][:_CONTEXT]
    out = [f"{lang}:l:{stems[k]}" for k in left] + [f"{lang}:r:{stems[k]}" for k in right]
    if left:
        out.append(f"{lang}:l1:{stems[left[0]]}")
    if right:
        out.append(f"{lang}:r1:{stems[right[0]]}")
    return out


def pair_features(enc: EncodedSentence, i: int, j: int, words: Sequence[str], stems: Sequence[str],
                  triggers: Sequence[tuple[int, str]], lang: str,
                  is_conjunction: Callable[[str], bool]) -> list[str]:
    """The features of the candidate pair of items ``i < j`` (see the module docstring).

    ``words``/``stems`` are the sentence's folded words and stems per item (empty for entity
    and title items); ``triggers`` its trigger positions (:meth:`TriggerLexicon.positions`).
    """
    items = enc.items
    a, b = items[i], items[j]
    types = f"{a.type}|{b.type}"
    out = [f"types={types}", f"dist={_bucket(j - i)}", f"dist={_bucket(j - i)}|{types}"]
    between = range(i + 1, j)
    ents = [k for k in between if items[k].kind == "entity"]
    same = [k for k in ents if items[k].type in (a.type, b.type)]
    out += [f"ents_between={min(len(ents), 3)}", f"same_between={min(len(same), 2)}"]
    if ents and all(is_conjunction(words[k]) or items[k].kind == "entity" for k in between):
        out.append("listed")  # "A, B and C": members of one list
    titles = [k for k in between if items[k].kind == "title"]
    if titles:
        out += ["title_between", f"title_between|{types}"]
    for side, k in (("a", i - 1), ("b", j - 1), ("after_b", j + 1)):
        if 0 <= k < len(items) and items[k].kind == "title":
            out += [f"title_before_{side}" if side != "after_b" else "title_after_b", f"title_{side}|{types}"]
    commas = sum(1 for k in between if words[k] == ",")
    out.append(f"commas={min(commas, 3)}")
    if j == i + 2 and words[i + 1] == ",":
        out.append(f"apposition|{types}")
    if any(words[k] in ("(", ")") for k in between):
        out.append("paren_between")
    if i + 1 < len(items) and words[i + 1] in ("'s", "’s", "'", "’"):
        out.append(f"possessive_a|{types}")
    if a.resolved:
        out.append("resolved_a")
    if b.resolved:
        out.append("resolved_b")
    lexical = [k for k in between if words[k]]
    for k in lexical:
        out.append(f"{lang}:b:{stems[k]}")
    if lexical:
        out += [f"{lang}:b1:{stems[lexical[0]]}", f"{lang}:bL:{stems[lexical[-1]]}"]
    if len(lexical) <= 4:
        out.append(f"{lang}:bseq:{' '.join(stems[k] for k in lexical)}")
    out += _context(words, stems, i, j, lang)
    for k, relation in triggers:
        region = ("between" if i < k < j else "left" if i - 2 * _CONTEXT <= k < i
                  else "right" if j < k <= j + 2 * _CONTEXT else "")
        if region:
            out += [f"t:{relation}:{region}", f"t:{relation}:{region}|{types}"]
    return out


def focus_entity(counts: Mapping[str, int], types: Mapping[str, str], minimum: int = 2) -> str | None:
    """The article's focus: its most-mentioned organization (at least ``minimum`` mentions;
    the first listed of equals), or None.

    >>> focus_entity({"Gojek": 5, "Nadiem Makarim": 7, "Grab": 2}, {"Gojek": "Organization",
    ...              "Nadiem Makarim": "Person", "Grab": "Organization"})
    'Gojek'
    >>> focus_entity({"Gojek": 1}, {"Gojek": "Organization"}) is None
    True
    """
    best = None
    for name, n in counts.items():
        if types.get(name) == "Organization" and n >= minimum and (best is None or n > counts[best]):
            best = name
    return best


def focus_features(enc: EncodedSentence, k: int, focus_type: str, words: Sequence[str], stems: Sequence[str],
                   triggers: Sequence[tuple[int, str]], lang: str) -> list[str]:
    """The features of the candidate (the article's focus, item ``k``) in a sentence that does
    not name the focus: the entity's type, its context words and titles, the triggers around it
    and where it sits among the sentence's entities.
    """
    items = enc.items
    e = items[k]
    types = f"{focus_type}|{e.type}"
    ents = [n for n, it in enumerate(items) if it.kind == "entity" and it.name]
    same = [n for n in ents if items[n].type == e.type and items[n].name != e.name]
    out = [f"types={types}", f"ents={min(len(ents), 4)}", f"same_type_others={min(len(same), 2)}",
           f"first_entity={ents and ents[0] == k}", f"first_entity={ents and ents[0] == k}|{types}"]
    if e.resolved:
        out.append("resolved")
    for side, n in (("before", k - 1), ("after", k + 1)):
        if 0 <= n < len(items) and items[n].kind == "title":
            out += [f"title_{side}", f"title_{side}|{types}"]
    out += _context(words, stems, k, k, lang)
    for n, relation in triggers:
        if abs(n - k) <= 2 * _CONTEXT:
            region = "left" if n < k else "right"
            out += [f"t:{relation}:{region}", f"t:{relation}:{region}|{types}", f"t:{relation}:{stems[n] or 'title'}"]
    return out
