"""The gazetteer: known organizations and products (and a user's own entries) as entity spans.

Entries come from ``kgraph/lexicons/gazetteer.yaml`` and from files given with
``--gazetteer FILE`` in the same shape::

    version: 1
    entities:
      - {name: OpenAI, type: Organization, aliases: [OpenAI Inc.]}
      - {name: Twitter, types: [Product, Organization], aliases: [Twitter Inc.]}

Every surface form (name and aliases) is matched case-sensitively on whole tokens; a matched
span gets the entry's type as ``label_`` and its canonical name as ``kb_id_``. Longer matches win.
An entry with ``types`` (a service and its company) is given its first type here; the alias
resolver then types it once per article by the evidence of its mentions
(:mod:`kgraph.nlp.type_evidence`), among the listed types only.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, NamedTuple, Sequence

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kgraph.errors import LexiconError
from kgraph.lexicons import load_data_file, read_yaml
from kgraph.models import ENTITY_TYPES
from kgraph.nlp.serialize import DiskMixin

__all__ = ["GazetteerEntry", "parse_gazetteer", "load_gazetteers", "GazetteerRuler", "SHIPPED"]

#: The gazetteer that ships with kgraph (in kgraph/lexicons).
SHIPPED = "gazetteer.yaml"

class GazetteerEntry(NamedTuple):
    """One entry: its canonical name, its (first) type, its other forms and, for an entry that
    lists several, all its types (first = ``type``); empty for an entry of one type."""

    name: str
    type: str
    aliases: tuple[str, ...]
    types: tuple[str, ...] = ()


def _entry_types(item: Mapping[str, Any], where: str) -> tuple[str, ...]:
    """The types an entity entry gives: ``type: T`` or ``types: [T1, T2, ...]``, never both."""
    if "types" in item:
        if "type" in item:
            raise LexiconError(f"{where}: give 'type' or 'types', not both")
        listed = item["types"]
        if not isinstance(listed, list) or len(listed) < 2 or len(set(listed)) != len(listed):
            raise LexiconError(f"{where}: 'types' must list two or more different types, first the default")
    else:
        listed = [item.get("type")]
    for etype in listed:
        if etype not in ENTITY_TYPES:
            raise LexiconError(f"{where}: type {etype!r} is not one of {', '.join(ENTITY_TYPES)}")
    return tuple(listed)


def parse_gazetteer(data: Mapping[str, Any], source: str) -> list[GazetteerEntry]:
    """Check a parsed gazetteer file and return its entries.

    >>> parse_gazetteer({"entities": [{"name": "Acme", "type": "Organization"}]}, "g.yaml")
    [GazetteerEntry(name='Acme', type='Organization', aliases=(), types=())]
    >>> parse_gazetteer({"entities": [{"name": "Acme", "types": ["Product", "Organization"]}]}, "g.yaml")[0].types
    ('Product', 'Organization')
    >>> parse_gazetteer({"entities": [{"name": "Acme", "type": "Town"}]}, "g.yaml")
    Traceback (most recent call last):
    ...
    kgraph.errors.LexiconError: g.yaml: entity 1 ('Acme'): type 'Town' is not one of Person, Organization, Product, Group
    """
    entities = data.get("entities")
    if not isinstance(entities, list):
        raise LexiconError(f"{source}: entry 'entities' must be a list of {{name, type, aliases}}")
    out: list[GazetteerEntry] = []
    for i, item in enumerate(entities, start=1):
        if not isinstance(item, dict):
            raise LexiconError(f"{source}: entity {i} must be a mapping, got {type(item).__name__}")
        name, aliases = item.get("name"), item.get("aliases") or []
        where = f"{source}: entity {i} ({name!r})"
        unknown = set(item) - {"name", "type", "types", "aliases"}
        if unknown:
            raise LexiconError(f"{where}: unknown key {sorted(unknown)[0]!r} (known: name, type, types, aliases)")
        if not isinstance(name, str) or not name.strip():
            raise LexiconError(f"{source}: entity {i}: 'name' must be a non-empty string")
        types = _entry_types(item, where)
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise LexiconError(f"{where}: 'aliases' must be a list of non-empty strings")
        out.append(GazetteerEntry(name.strip(), types[0], tuple(a.strip() for a in aliases),
                                  types if len(types) > 1 else ()))
    return out


@lru_cache(maxsize=1)
def _shipped_entries() -> tuple[GazetteerEntry, ...]:
    """The shipped gazetteer's entries, parsed once per process: every language's pipeline
    reads this package file (0.3 s of YAML each), and it does not change while kgraph runs."""
    return tuple(parse_gazetteer(load_data_file(SHIPPED), f"kgraph/lexicons/{SHIPPED}"))


def load_gazetteers(paths: Iterable[str | Path] = (), *, shipped: bool = True) -> list[GazetteerEntry]:
    """The shipped gazetteer (unless ``shipped=False``) followed by the user's files."""
    entries = list(_shipped_entries()) if shipped else []
    for path in paths:
        if not Path(path).is_file():
            raise LexiconError(f"{path}: gazetteer file not found")
        entries.extend(parse_gazetteer(read_yaml(Path(path)), str(path)))
    return entries


def _inside_name(doc: Doc, i: int, covered: set[int]) -> bool:
    """Whether token ``i`` stands next to a capitalized word outside the gazetteer's matches
    (before it, unless that word starts the sentence; or after it)."""
    def name_word(k: int) -> bool:
        return 0 <= k < len(doc) and k not in covered and doc[k].is_alpha and doc[k].is_title

    return name_word(i - 1) and not doc[i - 1].is_sent_start or name_word(i + 1)


class GazetteerRuler(DiskMixin):
    """Marks gazetteer names in a Doc.

    nlp (Language): the pipeline, for its tokenizer.
    gazetteers (list[str]): user gazetteer files, read after the shipped one.
    shipped (bool): whether to use kgraph's own gazetteer.
    """

    cfg_keys = ("gazetteers", "shipped")

    def __init__(self, nlp: Language, name: str = "kg_gazetteer", *, gazetteers: Sequence[str] = (),
                 shipped: bool = True) -> None:
        self.nlp, self.name = nlp, name
        self.gazetteers, self.shipped = [str(p) for p in gazetteers], shipped
        self.entries = load_gazetteers(self.gazetteers, shipped=shipped)

    @property
    def entries(self) -> list[GazetteerEntry]:
        """The entries matched, later files overriding earlier ones."""
        return self._entries

    @entries.setter
    def entries(self, entries: list[GazetteerEntry]) -> None:
        self._entries = [GazetteerEntry(*e) for e in entries]
        self.canonical: dict[str, tuple[str, str]] = {}  # surface form -> (name, type)
        self.types: dict[str, tuple[str, ...]] = {}  # name -> its types, for entries of several
        for name, etype, aliases, types in self._entries:
            for form in (name, *aliases):
                self.canonical[form] = (name, etype)
            if types:
                self.types[name] = types
            else:
                self.types.pop(name, None)
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        for form in self.canonical:
            self.matcher.add(form, [self.nlp.make_doc(form)])

    def __call__(self, doc: Doc) -> Doc:
        found = []
        matches = self.matcher(doc)
        covered = {i for _, start, end in matches for i in range(start, end)}
        for match_id, start, end in matches:
            name, etype = self.canonical[self.nlp.vocab.strings[match_id]]
            if etype == "Product" and end - start == 1 and _inside_name(doc, start, covered):
                continue  # "Claude Martin", "Sentinel Edge": a longer name, not the product
            found.append(Span(doc, start, end, label=etype, kb_id=name))
        kept = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in found)]
        doc.ents = filter_spans(kept + found)
        return doc

    def _data(self) -> dict[str, Any]:
        return {"entries": [[e.name, e.type, list(e.aliases), list(e.types)] for e in self._entries]}

    def _set_data(self, data: dict[str, Any]) -> None:
        self.entries = [GazetteerEntry(e[0], e[1], tuple(e[2]), tuple(e[3]) if len(e) > 3 else ())
                        for e in data["entries"]]
