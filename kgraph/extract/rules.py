"""Load and validate a language's relation lexicon (``kgraph/lexicons/{lang}.relations.yaml``).

The file holds everything language-specific that the relation extractor needs: the stemmer,
role titles, status cues, reference words, modality cues, date patterns and the relation
rules themselves. Adding a language is adding such a file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import regex
import yaml

from kgraph.errors import LexiconError
from kgraph.extract.dates import RELATIVE_UNITS, RelativeDate
from kgraph.extract.encode import Descriptions, TitleLexicon
from kgraph.extract.offices import Offices
from kgraph.extract.patterns import compile_pattern, pattern_requirements
from kgraph.lexicons import YAML_LOADER
from kgraph.models import MODALITIES, RELATIONS

__all__ = ["Rule", "RelationLexicon", "PatternIndex", "load_relation_lexicon", "available_languages"]

_RULE_KEYS = {"id", "relation", "patterns", "confidence", "modality", "scope", "fill", "status", "role",
              "expand"}
_TOP_KEYS = {"language", "offices", "stemmer", "conjunctions", "titles", "status", "references", "pronouns",
             "modality", "dates", "relative_dates", "rules", "attribution", "descriptions"}
_SCOPES = {"sentence", "match"}
_FILLS = {"context_org", "strict_context_org", "match_org", "context_person", "sentence_org", "employer", "member_org",
          "employees", "topic_org"}


@dataclass(frozen=True)
class Rule:
    """One relation rule: patterns that, when they match, produce ``relation``.

    ``scope`` says where modality cues count: ``sentence`` (cues in the sentence around the
    match) or ``match`` (only cues inside the matched words: nominal phrases such as "rival").
    ``fill`` says how a slot the pattern does not capture is filled (``context_org``: the
    nearest organization in the sentence, else the person's employer in the article, else the
    article's main organization).
    """

    id: str
    relation: str
    patterns: tuple[regex.Pattern, ...]
    sources: tuple[str, ...]
    requires: tuple[tuple[frozenset[str], ...], ...] = ()  # per pattern (see pattern_requirements)
    confidence: float = 0.8
    modality: str | None = None
    scope: str = "sentence"
    fill: dict[str, str] = field(default_factory=dict)
    status: str | None = None
    role: str | None = None
    expand: frozenset[str] = frozenset({"s", "o"})


@dataclass(frozen=True)
class RelationLexicon:
    """Everything the relation extractor knows about one language."""

    language: str
    stemmer: str
    conjunctions: frozenset[str]
    titles: TitleLexicon
    status: dict[str, frozenset[str]]
    references: dict[str, list[tuple[str, ...]]]
    pronouns: frozenset[str]
    attribution: tuple[str, ...]
    descriptions: Descriptions
    negation: frozenset[str]
    uncertainty: frozenset[str]
    sentence_uncertainty: frozenset[str]
    sentence_negation: frozenset[str]
    clause_breaks: frozenset[str]
    negation_window: int
    date_patterns: tuple[regex.Pattern, ...]
    rules: tuple[Rule, ...]
    offices: Offices = Offices()
    relative_dates: tuple[RelativeDate, ...] = ()

    @cached_property
    def pattern_index(self) -> "PatternIndex":
        """The rules' patterns indexed by the keys they require (built on first use)."""
        return PatternIndex(self.rules)


class PatternIndex:
    """Which patterns a sentence can match, found from its keys (:func:`sentence_keys`)
    instead of testing every pattern's requirements.

    Each pattern is filed under the keys of one of its requirements: the one whose keys the
    fewest patterns require (a comma or "the" is required by many, and a sentence has them
    too); :meth:`candidates` gathers the patterns filed under the sentence's keys and keeps, in
    rule order, those whose every requirement the sentence meets.
    """

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self._entries: list[tuple[Rule, regex.Pattern, tuple[frozenset[str], ...]]] = []
        self._by_key: dict[str, list[int]] = {}
        self._always: list[int] = []
        for rule in rules:
            for pattern, requires in zip(rule.patterns, rule.requires or [()] * len(rule.patterns)):
                self._entries.append((rule, pattern, requires))
        shared: dict[str, int] = {}
        for _, _, requires in self._entries:
            for key in {k for keys in requires for k in keys}:
                shared[key] = shared.get(key, 0) + 1
        for n, (_, _, requires) in enumerate(self._entries):
            if not requires:
                self._always.append(n)
                continue
            filed = min(requires, key=lambda keys: sum(shared[k] for k in keys))
            for key in filed:
                self._by_key.setdefault(key, []).append(n)

    def candidates(self, keys: frozenset[str]) -> list[tuple[Rule, regex.Pattern]]:
        """The (rule, pattern) pairs whose requirements ``keys`` meet, in the rules' order."""
        found = set(self._always)
        for key in keys:
            found.update(self._by_key.get(key, ()))
        out = []
        for n in sorted(found):
            rule, pattern, requires = self._entries[n]
            if all(not need.isdisjoint(keys) for need in requires):
                out.append((rule, pattern))
        return out


def _words(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"{where}: expected a list of strings")
    return [v.lower() for v in value]


def _rule(entry: Any, where: str) -> Rule:
    if not isinstance(entry, dict):
        raise LexiconError(f"{where}: a rule must be a mapping")
    unknown = set(entry) - _RULE_KEYS
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_RULE_KEYS)}")
    rid = entry.get("id")
    where = f"{where} ({rid})"
    if entry.get("relation") not in RELATIONS:
        raise LexiconError(f"{where}: relation {entry.get('relation')!r} is not one of {', '.join(RELATIONS)}")
    if entry.get("modality") not in (None, *MODALITIES):
        raise LexiconError(f"{where}: modality must be one of {MODALITIES}")
    if entry.get("scope", "sentence") not in _SCOPES:
        raise LexiconError(f"{where}: scope must be one of {sorted(_SCOPES)}")
    fill = entry.get("fill") or {}
    if not isinstance(fill, dict) or set(fill) - {"s", "o"} or set(fill.values()) - _FILLS:
        raise LexiconError(f"{where}: fill maps s/o to one of {sorted(_FILLS)}")
    patterns = entry.get("patterns")
    if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
        raise LexiconError(f"{where}: patterns must be a non-empty list of strings")
    sources = tuple(patterns)
    try:
        compiled = tuple(compile_pattern(p) for p in sources)
    except LexiconError as error:
        raise LexiconError(f"{where}: {error}") from None
    confidence = float(entry.get("confidence", 0.8))
    if not 0 <= confidence <= 1:
        raise LexiconError(f"{where}: confidence must be in [0, 1]")
    expand = entry.get("expand", ["s", "o"])
    if not isinstance(expand, list) or set(expand) - {"s", "o"}:
        raise LexiconError(f"{where}: expand lists the slots (s, o) whose coordinated entities count too")
    return Rule(id=str(rid), relation=entry["relation"], patterns=compiled, sources=sources,
                requires=tuple(pattern_requirements(p) for p in sources), expand=frozenset(expand),
                confidence=confidence, modality=entry.get("modality"),
                scope=entry.get("scope", "sentence"), fill=dict(fill),
                status=entry.get("status"), role=entry.get("role"))


def _parse(data: Any, where: str) -> RelationLexicon:
    if not isinstance(data, dict):
        raise LexiconError(f"{where}: expected a mapping at the top")
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {sorted(unknown)}")
    titles = data.get("titles") or {}
    heads = sorted({tuple(h.split()) for h in _words(titles.get("heads", []), f"{where}: titles.heads")},
                   key=lambda h: -len(h))
    title_lexicon = TitleLexicon(
        modifiers=frozenset(_words(titles.get("modifiers", []), f"{where}: titles.modifiers")),
        heads=tuple(heads),
        executive=frozenset(_words(titles.get("executive", []), f"{where}: titles.executive")),
        synonyms={str(k).lower(): str(v) for k, v in (titles.get("synonyms") or {}).items()},
        links=frozenset(_words(titles.get("links", []), f"{where}: titles.links")),
        joiners=frozenset(_words(titles.get("joiners", []), f"{where}: titles.joiners")),
        capitalized=bool(titles.get("capitalized", False)),
    )
    status = {k: frozenset(_words(v, f"{where}: status.{k}")) for k, v in (data.get("status") or {}).items()}
    references = {k: [tuple(p.split()) for p in _words(v, f"{where}: references.{k}")]
                  for k, v in (data.get("references") or {}).items()}
    modality = data.get("modality") or {}
    described = data.get("descriptions") or {}
    if not isinstance(described, dict) or set(described) - {"articles", "heads", "max_modifiers", "demonstratives"}:
        raise LexiconError(f"{where}: descriptions: expected articles, heads, max_modifiers and demonstratives")
    descriptions = Descriptions(
        articles=frozenset(_words(described.get("articles", []), f"{where}: descriptions.articles")),
        heads=frozenset(_words(described.get("heads", []), f"{where}: descriptions.heads")),
        max_modifiers=int(described.get("max_modifiers", 3)),
        demonstratives=frozenset(_words(described.get("demonstratives", []), f"{where}: descriptions.demonstratives")))
    rules = data.get("rules") or []
    ids = [r.get("id") for r in rules if isinstance(r, dict)]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise LexiconError(f"{where}: duplicate rule id(s) {sorted(duplicates)}")
    try:
        dates = tuple(regex.compile(p, regex.IGNORECASE) for p in data.get("dates") or [])
    except regex.error as error:
        raise LexiconError(f"{where}: dates: {error}") from None
    relative = _relative_dates(data.get("relative_dates") or [], where)
    offices = data.get("offices") or {}
    heads = offices.get("heads") or {}
    if not isinstance(heads, dict):
        raise LexiconError(f"{where}: offices.heads must map a title head to its institutions' heads")
    office_lexicon = Offices(
        heads={k.lower(): tuple(_words(v, f"{where}: offices.heads.{k}")) for k, v in heads.items()},
        modifiers=frozenset(_words(offices.get("modifiers", []), f"{where}: offices.modifiers")),
        links=frozenset(_words(offices.get("links", []), f"{where}: offices.links")),
        government=frozenset(_words(offices.get("government", []), f"{where}: offices.government")))
    return RelationLexicon(
        offices=office_lexicon,
        language=str(data.get("language", "")),
        stemmer=str(data.get("stemmer", "lower")),
        conjunctions=frozenset(_words(data.get("conjunctions", []), f"{where}: conjunctions")),
        titles=title_lexicon,
        status=status,
        references=references,
        pronouns=frozenset(_words(data.get("pronouns", []), f"{where}: pronouns")),
        attribution=tuple(_words(data.get("attribution", []), f"{where}: attribution")),
        descriptions=descriptions,
        negation=frozenset(_words(modality.get("negated", []), f"{where}: modality.negated")),
        uncertainty=frozenset(_words(modality.get("uncertain", []), f"{where}: modality.uncertain")),
        sentence_uncertainty=frozenset(_words(modality.get("uncertain_anywhere", []),
                                              f"{where}: modality.uncertain_anywhere")),
        sentence_negation=frozenset(_words(modality.get("negated_anywhere", []),
                                           f"{where}: modality.negated_anywhere")),
        clause_breaks=frozenset(_words(modality.get("clause_breaks", []), f"{where}: modality.clause_breaks")),
        negation_window=int(modality.get("window", 4)),
        date_patterns=dates,
        relative_dates=relative,
        rules=tuple(_rule(r, f"{where}: rules[{n}]") for n, r in enumerate(rules)),
    )


def _relative_dates(entries: Any, where: str) -> tuple[RelativeDate, ...]:
    """``relative_dates``: a list of {pattern, unit, offset} (``offset`` defaults to 0)."""
    if not isinstance(entries, list):
        raise LexiconError(f"{where}: relative_dates must be a list of {{pattern, unit, offset}}")
    out = []
    for n, entry in enumerate(entries):
        at = f"{where}: relative_dates[{n}]"
        if not isinstance(entry, dict) or set(entry) - {"pattern", "unit", "offset"} or "pattern" not in entry:
            raise LexiconError(f"{at}: expected a mapping with pattern, unit and offset")
        unit, offset = entry.get("unit"), entry.get("offset", 0)
        if unit not in RELATIVE_UNITS:
            raise LexiconError(f"{at}: unit must be one of {', '.join(RELATIVE_UNITS)}, got {unit!r}")
        if not isinstance(offset, int) or isinstance(offset, bool):
            raise LexiconError(f"{at}: offset must be a whole number, got {offset!r}")
        try:
            pattern = regex.compile(str(entry["pattern"]), regex.IGNORECASE)
        except regex.error as error:
            raise LexiconError(f"{at}: {error}") from None
        if unit == "named_month" and "m" not in pattern.groupindex:
            raise LexiconError(f"{at}: a named_month pattern needs a group (?P<m>...) for the month")
        out.append(RelativeDate(pattern, unit, offset))
    return tuple(out)


def available_languages() -> list[str]:
    """Languages that ship a relation lexicon.

    >>> "id" in available_languages() and "en" in available_languages()
    True
    """
    folder = resources.files("kgraph.lexicons")
    return sorted(p.name.split(".")[0] for p in folder.iterdir() if p.name.endswith(".relations.yaml"))


def load_relation_lexicon(lang: str, path: Path | None = None) -> RelationLexicon:
    """Read and validate ``{lang}.relations.yaml`` (or ``path``).

    Raises
    ------
    LexiconError
        The file is missing or malformed; the message names the file and the entry.
    """
    source = path or resources.files("kgraph.lexicons").joinpath(f"{lang}.relations.yaml")
    where = str(source)
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"{where}: no relation lexicon for language {lang!r}") from None
    try:
        data = yaml.load(text, Loader=YAML_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        raise LexiconError(f"{where}: not valid YAML: {str(error).splitlines()[0]}") from None
    return _parse(data, where)
