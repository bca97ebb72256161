"""Events (SCHEMA.md: outage, cyberattack, layoff, launch) from trigger lexicons, as pure functions.

A sentence reports an event when it holds a trigger of ``{lang}.events.yaml`` (a word matched by
itself or by its stem, a phrase matched word by word on the text or on the stems, or a verb
with its object a few words on: "cut about 2,000 jobs"). The
event's subject is an entity of the types the event takes, best first, within ``window`` items
of the trigger: on the side the lexicon names when both sides have one ("Facebook went down",
"launched ChatGPT"), and every member of a list ("Facebook, Instagram and WhatsApp were down").
An outlet cited as a source ("according to Reuters") is never a subject. Modality and date are
the sentence's, as for relations. A layoff is also every ``laidOff`` relation's organization
(the rules' relations: not the learned scorer's).

>>> lex = EventLexicon.from_dict({"window": 5, "events": {"outage": {"subjects": ["Product"],
...     "side": "before", "words": ["outage"], "phrases": ["went down"]}}}, "x.yaml")
>>> words = ["Instagram", "went", "down", "on", "Monday"]
>>> [(k, n) for k, n, _ in triggers(words, words, lex)]
[('outage', 1)]
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Collection, Iterable, Mapping, Sequence

from kgraph.errors import LexiconError
from kgraph.lexicons import has_lexicon, load_lexicon, read_yaml
from kgraph.models import ENTITY_TYPES, Event, Relation

__all__ = ["EventType", "EventLexicon", "load_event_lexicon", "triggers", "choose_subjects",
           "layoff_events", "merge_events"]

EVENT_TYPES: tuple[str, ...] = ("outage", "cyberattack", "layoff", "launch")


@dataclass(frozen=True)
class EventType:
    """How one event type is written: trigger words and phrases, and its subject's types."""

    name: str
    subjects: tuple[str, ...]
    side: str  # "before" or "after": where the subject stands when both sides name one
    words: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    # a verb that says the event only with its object a few words on: "cut about 2,000 jobs",
    # "memberhentikan 11.000 karyawan" (``objects`` words or a workforce entity, ``reach`` words on)
    verbs: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    reach: int = 0

    @cached_property
    def by_first(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """The phrases indexed by their first word, so a sentence is read once per event type."""
        index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.phrases:
            index.setdefault(phrase[0], []).append(phrase)
        return {word: tuple(found) for word, found in index.items()}

    @cached_property
    def starts(self) -> frozenset[str]:
        """The words and stems a trigger of this type starts with: a sentence with none of them
        has no trigger of this type."""
        return self.words | frozenset(self.by_first) | self.verbs


@dataclass(frozen=True)
class EventLexicon:
    """The event types of one language and the subject window."""

    types: tuple[EventType, ...] = ()
    window: int = 14

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str) -> "EventLexicon":
        """Validate a parsed ``{lang}.events.yaml``; a malformed entry raises LexiconError."""
        events = data.get("events")
        if not isinstance(events, dict):
            raise LexiconError(f"{source}: entry 'events' must map event types to triggers")
        types = []
        for name, spec in events.items():
            where = f"{source}: events.{name}"
            if name not in EVENT_TYPES:
                raise LexiconError(f"{where}: unknown event type (known: {', '.join(EVENT_TYPES)})")
            if not isinstance(spec, dict):
                raise LexiconError(f"{where}: must be a mapping with subjects, side, words, phrases")
            subjects = tuple(spec.get("subjects") or ())
            if not subjects or not set(subjects) <= set(ENTITY_TYPES):
                raise LexiconError(f"{where}: subjects must be entity types ({', '.join(ENTITY_TYPES)})")
            side = spec.get("side", "before")
            if side not in ("before", "after"):
                raise LexiconError(f"{where}: side must be 'before' or 'after', got {side!r}")
            lists = {}
            for key in ("words", "phrases", "verbs", "objects"):
                value = spec.get(key) or []
                if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                    raise LexiconError(f"{where}: {key} must be a list of strings")
                lists[key] = value
            phrases = sorted({tuple(p.casefold().split()) for p in lists["phrases"]}, key=lambda p: -len(p))
            reach = spec.get("reach", 4 if lists["verbs"] else 0)
            if not isinstance(reach, int) or reach < 0 or bool(lists["verbs"]) != bool(lists["objects"]):
                raise LexiconError(f"{where}: verbs need objects and a reach (a whole number of words)")
            types.append(EventType(name, subjects, side, frozenset(w.casefold() for w in lists["words"]),
                                   tuple(phrases), frozenset(w.casefold() for w in lists["verbs"]),
                                   frozenset(w.casefold() for w in lists["objects"]), reach))
        window = data.get("window", 14)
        if not isinstance(window, int) or window < 1:
            raise LexiconError(f"{source}: window must be a positive whole number")
        return cls(tuple(types), window)


def load_event_lexicon(lang: str, path: Path | None = None) -> EventLexicon:
    """The shipped ``{lang}.events.yaml`` (or ``path``); an empty lexicon for a language without one."""
    if path is not None:
        return EventLexicon.from_dict(read_yaml(path), str(path))
    if not has_lexicon(lang, "events"):
        return EventLexicon()
    return EventLexicon.from_dict(load_lexicon(lang, "events"), f"kgraph/lexicons/{lang}.events.yaml")


def _phrase_at(words: Sequence[str], k: int, phrase: tuple[str, ...]) -> bool:
    return tuple(words[k:k + len(phrase)]) == phrase


def _object_after(words: Sequence[str], stems: Sequence[str], k: int, etype: EventType,
                  workforce: frozenset[int]) -> bool:
    """Whether an object of ``etype``'s verb at ``k`` follows within its reach, before any
    punctuation: "cut about 2,000 jobs", "memberhentikan 11.000 karyawan Meta"."""
    for j in range(k + 1, min(len(words), k + 2 + etype.reach)):
        if j in workforce or words[j] in etype.objects or stems[j] in etype.objects:
            return True
        if words[j] and not words[j][:1].isalnum():
            return False
    return False


def triggers(words: Sequence[str], stems: Sequence[str], lex: EventLexicon,
             workforce: frozenset[int] = frozenset()) -> list[tuple[str, int, int]]:
    """``(event type, first item, end item)`` of each trigger in a sentence's folded ``words``
    (entity items as empty strings) and their ``stems``; one trigger per type and position.
    ``workforce``: the items that are workforces (groups), objects of a verb trigger.

    >>> lex = EventLexicon.from_dict({"events": {"layoff": {"subjects": ["Organization"],
    ...     "verbs": ["cut"], "objects": ["jobs"]}}}, "x.yaml")
    >>> words = ["", "will", "cut", "about", "2,000", "jobs"]
    >>> [(n, k) for n, k, _ in triggers(words, words, lex)], triggers(["cut", "costs"], ["cut", "costs"], lex)
    ([('layoff', 2)], [])
    """
    found = []
    present = {w for w in words if w} | {s for w, s in zip(words, stems) if w}
    for etype in lex.types:
        if etype.starts.isdisjoint(present):
            continue  # most sentences: no word starts a trigger of this type
        by_first = etype.by_first
        k = 0
        while k < len(words):
            length = 0
            if words[k] and (words[k] in etype.words or stems[k] in etype.words):
                length = 1
            elif words[k] and (words[k] in etype.verbs or stems[k] in etype.verbs) \
                    and _object_after(words, stems, k, etype, workforce):
                length = 1
            for phrase in by_first.get(words[k], ()) + by_first.get(stems[k], ()) if words[k] else ():
                if len(phrase) > length and (_phrase_at(words, k, phrase) or _phrase_at(stems, k, phrase)):
                    length = len(phrase)
            if length:
                found.append((etype.name, k, k + length))
                k += length
            else:
                k += 1
    return found


def choose_subjects(entities: Sequence[tuple[int, str, str]], start: int, end: int, etype: EventType,
                    window: int, listed: Callable[[int, int], bool]) -> list[str]:
    """The subject names for a trigger at items ``[start, end)``.

    ``entities`` are ``(item index, canonical name, type)`` of the sentence's candidates;
    ``listed(i, j)`` says whether items ``i < j`` stand in one list. The best type present
    within the window wins; among its entities the nearest on the lexicon's side (else the
    other), with the members of its list.

    >>> ents = [(0, "Facebook", "Product"), (2, "Instagram", "Product"), (9, "Acme", "Organization")]
    >>> t = EventType("outage", ("Product", "Organization"), "before", frozenset(), ())
    >>> choose_subjects(ents, 4, 6, t, 10, lambda i, j: j - i == 2)
    ['Instagram', 'Facebook']
    """
    near = [e for e in entities if (start - window <= e[0] < start) or (end <= e[0] < end + window)]
    for wanted in etype.subjects:
        typed = [e for e in near if e[2] == wanted]
        if not typed:
            continue
        before = sorted((e for e in typed if e[0] < start), key=lambda e: -e[0])
        after = sorted((e for e in typed if e[0] >= end), key=lambda e: e[0])
        first, second = (before, after) if etype.side == "before" else (after, before)
        head = (first or second)[0]
        members = [head]
        for e in sorted(typed, key=lambda e: abs(e[0] - head[0])):
            if e is not head and any(listed(min(m[0], e[0]), max(m[0], e[0])) for m in members):
                members.append(e)
        return list(dict.fromkeys(name for _, name, _ in members))
    return []


def layoff_events(relations: Iterable[Relation], *, skip_rules: Collection[str] = ()) -> list[Event]:
    """A layoff event for the organization of every ``laidOff`` relation, same modality and date,
    except those of ``skip_rules`` (the learned scorer's claims, less sure than a trigger: on the
    blind half they added three spurious layoffs and no right one).

    >>> from dataclasses import replace
    >>> cut = Relation("Acme", "laidOff", "Acme employees", evidence="Acme cut 300 jobs.")
    >>> [e.subject for e in layoff_events([cut])], layoff_events([replace(cut, rule="scorer")], skip_rules={"scorer"})
    (['Acme'], [])
    """
    return [Event(type="layoff", subject=r.subject, modality=r.modality, date=r.date, evidence=r.evidence,
                  start=r.start, end=r.end) for r in relations if r.relation == "laidOff" and r.rule not in skip_rules]


def merge_events(events: Iterable[Event]) -> list[Event]:
    """One event per (type, subject): the surest modality (asserted, then uncertain, then
    negated), the first date any of them gives, the evidence of the one kept.

    >>> a = Event("outage", "X", "uncertain", None, "may be down")
    >>> b = Event("outage", "X", "asserted", "2024-01-02", "is down")
    >>> merge_events([a, b])
    [Event(type='outage', subject='X', modality='asserted', date='2024-01-02', evidence='is down', start=0, end=0)]
    """
    rank = {m: i for i, m in enumerate(("asserted", "uncertain", "negated"))}
    best: dict[tuple[str, str], Event] = {}
    dates: dict[tuple[str, str], str] = {}
    for e in events:
        key = (e.type, e.subject)
        if e.date and key not in dates:
            dates[key] = e.date
        if key not in best or rank[e.modality] < rank[best[key].modality]:
            best[key] = e
    return [Event(e.type, e.subject, e.modality, e.date or dates.get(k), e.evidence, e.start, e.end)
            for k, e in best.items()]
