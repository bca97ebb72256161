"""The alias resolver: every mention of one entity gets the same canonical name.

Mentions are grouped into entities per article, in this order:

1. gazetteer names share their entry's name ("PT Telekomunikasi Selular" -> Telkomsel);
2. longer names first: a name equal to a known one without its legal form ("Acme Corp." ~
   "Acme"), a person's name whose words all occur in order in a known person's name
   ("Belva Devara" ~ "Adamas Belva Syah Devara"), or a misspelling as printed, found with
   rapidfuzz against names in the same article only ("Sam Atlman" ~ "Sam Altman");
   A sentence-initial capital before a known name is dropped ("Perilaku Altman" -> "Altman");
3. single words: a word of a known person's name ("Altman"; the latest such person wins a tie),
   a close misspelling of one ("Riccitello"), the first word of a known organization, or an
   acronym in parentheses right after a name ("Acme Robotics (AR)"), or a misspelling of a
   gazetteer name ("Microsfot"); an unknown single word that matches nothing is dropped; the
   first word of an organization whose other words name a part of it ("SolarWinds" beside
   "SolarWinds MSP", :func:`names_a_part`) is that firm, an organization of its own;
4. groups become "<canonical organization> employees", member of that organization.

The canonical name is a printed form: the gazetteer's when the article prints it, else the
longest form (most used on ties); the gazetteer's name is then kept as ``Entity.known_as``. When one name
is both an organization and a product in an article, the organization keeps its printed legal
form ("Facebook Inc." beside the product "Facebook").
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Mapping

from rapidfuzz import fuzz, process
from spacy.tokens import Doc, Span

from kgraph.models import Entity, Mention
from kgraph.nlp.context import list_neighbours
from kgraph.nlp.cues import doc_words, is_coined_word, opens_with_name
from kgraph.nlp.groups import MEMBER_PREFIX
from kgraph.nlp.lexicon import NamesLexicon
from kgraph.nlp.names import CANDIDATE, NAME

__all__ = ["resolve_entities", "fuzzy_same_name", "names_a_part", "gazetteer_match", "FoldedForms", "person_evidence", "GROUP_SUFFIX"]

#: A group's canonical name is its organization's name followed by this.
GROUP_SUFFIX = " employees"
_TYPES = ("Person", "Product", "Organization")  # ties go to the later
_PERSONAL = ("Person", NAME, CANDIDATE)
#: The weight of a known given name starting a full name, against 2 per full-name mention cue.
GIVEN_NAME_WEIGHT = 3


def fuzzy_same_name(a: str, b: str, *, threshold: float = 88.0) -> bool:
    """Whether two names of the same length in words are one name misspelt.

    Every word must be close (rapidfuzz ratio >= 80) and the whole names closer (>= threshold).

    >>> fuzzy_same_name("Sam Atlman", "Sam Altman"), fuzzy_same_name("Kevin Scott", "Kevin Aluwi")
    (True, False)
    """
    wa, wb = a.casefold().split(), b.casefold().split()
    if len(wa) != len(wb) or a.casefold() == b.casefold():
        return a.casefold() == b.casefold()
    if any(len(x) < 4 and x != y for x, y in zip(wa, wb)):
        return False
    return all(fuzz.ratio(x, y) >= 80 for x, y in zip(wa, wb)) and fuzz.ratio(a.casefold(), b.casefold()) >= threshold


@dataclass
class _Entity:
    type: str
    gazetteer_name: str = ""
    misspelt: bool = False  # a form is a misspelling of the gazetteer name: that name is canonical
    member_of: str | None = None
    spans: list[Span] = field(default_factory=list)  # only ever appended to
    # the texts of ``spans[:len(_texts)]``: ``Span.text`` rebuilds a string from tokens each time
    _texts: list[str] = field(default_factory=list, repr=False)
    _words: set[str] = field(default_factory=set, repr=False)
    _worded: int = field(default=0, repr=False)

    def personal(self) -> bool:
        """Whether this may be a person: no gazetteer entry, a mention typed Person or no cue."""
        return not self.gazetteer_name and any(s.label_ in _PERSONAL for s in self.spans)

    def forms(self) -> list[str]:
        """The spans' texts, in order (callers do not change the list)."""
        if len(self._texts) != len(self.spans):
            self._texts.extend(s.text for s in self.spans[len(self._texts):])
        return self._texts

    def words(self) -> set[str]:
        """Capitalized words of the multi-word spans (callers do not change the set)."""
        if self._worded != len(self.spans):
            self._words.update(w for s in self.spans[self._worded:] if len(s) > 1
                               for w in (t.text for t in s) if w[:1].isupper())
            self._worded = len(self.spans)
        return self._words

    def canonical(self, lex: NamesLexicon, *, legal: bool = False) -> str:
        if self.gazetteer_name and not legal and (self.misspelt or self.gazetteer_name in self.forms()):
            return self.gazetteer_name
        counts = Counter(s.text for s in self.spans)
        order = {text: i for i, text in reversed(list(enumerate(self.forms())))}
        if legal:
            marked = [f for f in counts if f.split()[-1].casefold() in lex.legal_after
                      or f.split()[0].casefold() in lex.legal_before]
            if marked:
                counts = Counter({f: counts[f] for f in marked})
        return max(counts, key=lambda f: (len(f.split()), counts[f], -order[f]))


def _legal_trimmed(text: str, lex: NamesLexicon) -> list[str]:
    """The words of ``text`` without the legal forms before and after them, as printed."""
    words = text.split()
    while len(words) > 1 and words[0].casefold() in lex.legal_before:
        words = words[1:]
    while len(words) > 1 and words[-1].casefold() in lex.legal_after:
        words = words[:-1]
    return words


def _strip_legal(text: str, lex: NamesLexicon) -> str:
    return " ".join(_legal_trimmed(text, lex)).casefold()


def _core_name(text: str, lex: NamesLexicon) -> str:
    """An organization's name without legal forms or a closing country or city: "PT Layan
    Cepat Indonesia Tbk" and "Layan Cepat" are one company."""
    words = _strip_legal(text, lex).split()
    if len(words) > 2 and (words[-1],) in lex.place_set:
        words = _strip_legal(" ".join(words[:-1]), lex).split()
    return " ".join(words)


def names_a_part(word: str, form: str, lex: NamesLexicon) -> bool:
    """Whether ``form`` is ``word`` followed by words that name a part of it, so that ``word``
    printed alone is the whole firm, an entity of its own: a word naming an arm or a business
    (``company_tails``, ``unit_words``), another word of the language, a place or an acronym
    ("Rakuten Ventures", "Alibaba Cloud", "Maersk Line", "Grab Indonesia", "SolarWinds MSP").
    Not its corporate form ("Didi Group", "Acme Inc."), an organization word naming its trade
    ("Halcyon Robotics", "Uber Technologies"), nor other name words ("Didi Chuxing"): those name
    the firm itself, the way a known name's extension is read
    (:func:`kgraph.nlp.names.extend_known_names`). Nor when ``word`` is itself a word of the
    language or an organization word ("Bank" beside "Bank Jago").

    >>> lex = NamesLexicon(unit_words=frozenset({"cloud"}), company_forms=frozenset({"group"}),
    ...                    org_words=frozenset({"robotics", "cloud"}), common_words=frozenset({"line", "robotics"}),
    ...                    places=(("indonesia",),))
    >>> [names_a_part("Acme", f, lex) for f in ["Acme Cloud", "Acme Line", "Acme Indonesia", "Acme MSP",
    ...                                         "Acme Group", "Acme Robotics", "Acme Chuxing", "Acme"]]
    [True, True, True, True, False, False, False, False]
    >>> names_a_part("Line", "Line Cloud", lex)
    False
    """
    words = _legal_trimmed(form, lex)  # as printed: an acronym is told by its capitals
    own = word.casefold()
    if len(words) < 2 or words[0].casefold() != own or own in lex.common_words or own in lex.org_words \
            or own in lex.institution_heads or own in lex.company_tails or own in lex.legal_before:
        return False  # "Bank" beside "Bank Jago": a word of the language, no firm's name
    rest = words[1:]
    folded = [w.casefold() for w in rest]
    if all(f in lex.company_forms for f in folded):
        return False
    return (tuple(folded) in lex.place_set or tuple(folded[-1:]) in lex.place_set
            or any(f in lex.company_tails or f in lex.unit_words or len(w) > 1 and w.isupper()
                   or f in lex.common_words and f not in lex.org_words for w, f in zip(rest, folded)))


def _subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(any(w == x for x in it) for w in short)


class _Resolver:
    def __init__(self, doc: Doc, lex: NamesLexicon) -> None:
        self.doc, self.lex = doc, lex
        self.entities: list[_Entity] = []
        # every form is compared with every new name: strip each form once per article
        self._stripped: dict[str, str] = {}
        self._cores: dict[str, str] = {}

    def stripped(self, text: str) -> str:
        """:func:`_strip_legal` of ``text``, computed once per text."""
        found = self._stripped.get(text)
        if found is None:
            found = self._stripped[text] = _strip_legal(text, self.lex)
        return found

    def core(self, text: str) -> str:
        """:func:`_core_name` of ``text``, computed once per text."""
        found = self._cores.get(text)
        if found is None:
            found = self._cores[text] = _core_name(text, self.lex)
        return found

    def add(self, span: Span) -> None:
        self.entities.append(_Entity(type="", spans=[span]))

    def match_long(self, span: Span) -> _Entity | None:
        text, words = span.text, [t.text.casefold() for t in span]
        stripped = self.stripped(text)
        for ent in self.entities:
            forms = ent.forms() + ([ent.gazetteer_name] if ent.gazetteer_name else [])
            if any(self.stripped(f) == stripped for f in forms):
                return ent
        if span.label_ == "Organization":
            core = self.core(text)
            for ent in self.entities:
                if not ent.personal() and all(s.label_ == "Organization" for s in ent.spans) and any(
                        self.core(f) == core for f in ent.forms()):
                    return ent
        if span.label_ not in _PERSONAL:
            return None
        for ent in self.entities:
            if ent.personal():
                for form in ent.forms():
                    if _subsequence(words, form.casefold().split()) or fuzzy_same_name(text, form):
                        return ent
        return None

    def org_by_first_word(self, word: str, *, organizations_only: bool = False) -> _Entity | None:
        """The organization or product whose name starts with ``word`` ("Quillstone" Labs);
        with ``organizations_only``, one only ever named as an organization."""
        folded = word.casefold()
        candidates = [ent for ent in self.entities if not ent.personal() and not (
            organizations_only and any(s.label_ != "Organization" for s in ent.spans))]
        # "Quartzline Inc" before "Quartzline Pay": the word with only a legal form added is the company
        for exact in (True, False):
            for ent in candidates:
                stripped = [self.stripped(f).casefold().split() for f in ent.forms() if len(f.split()) > 1]
                if any(s and s[0] == folded and (len(s) == 1 or not exact) for s in stripped):
                    return ent
        return None

    def match_word(self, span: Span) -> _Entity | None:
        word = span.text
        same = next((e for e in self.entities if word in e.forms()), None)
        if same is not None:
            return same
        people = [e for e in self.entities if e.personal() and word in e.words()]
        if not people and len(word) >= 5:
            people = [e for e in self.entities if e.personal()
                      and any(len(w) >= 5 and fuzz.ratio(word.casefold(), w.casefold()) >= 88 for w in e.words())]
        if people:
            return max(people, key=lambda e: (any(s[-1].text == word for s in e.spans),
                                              max([s.start for s in e.spans if s.start < span.start], default=-1)))
        org = (self.org_by_first_word(word) if span.label_ == CANDIDATE else  # "Halcyon said"
               self.org_by_first_word(word, organizations_only=True) if span.label_ == "Organization" else None)
        if org is not None:
            return org
        doc = self.doc
        if span.start >= 2 and doc[span.start - 1].text == "(" and span.end < len(doc) and doc[span.end].text == ")":
            for ent in self.entities:
                if any(s.end == span.start - 1 for s in ent.spans):
                    return ent
        return None


def person_evidence(forms: list[str], lex: NamesLexicon, given_names: frozenset[str]) -> bool:
    """Whether an entity's printed forms look like a person's name: some form of two to four
    title-case words starts with a known given name (or an honorific), and no form carries a
    legal form or an organization word.

    >>> lex = NamesLexicon(legal_after=frozenset({"inc."}), org_words=frozenset({"capital"}))
    >>> person_evidence(["Sam Altman", "Altman"], lex, frozenset({"Sam"}))
    True
    >>> person_evidence(["Sam Capital"], lex, frozenset({"Sam"}))
    False
    """
    words = [f.split() for f in forms]
    if any(w.casefold() in lex.legal_after or w.casefold() in lex.legal_before or w.casefold() in lex.org_words
           for form in words for w in form):
        return False
    return any(2 <= len(form) <= 4 and (form[0] in given_names or form[0].casefold() in lex.honorifics)
               and all(w[:1].isupper() for w in form) for form in words)


def _vote(ent: _Entity, spans: list[Span], lex: NamesLexicon, words: list[str],
          given_names: frozenset[str] = frozenset()) -> str:
    """The type of an entity the gazetteer does not know, by the weight of its evidence over the
    whole article. A name of ``people.txt`` (well-known people) is a person's; otherwise each
    mention's cue (a full name's twice a short name's); a given name
    starting a full name (:func:`person_evidence`) weighs :data:`GIVEN_NAME_WEIGHT`, more than
    any one mention's cue, so no single context makes "chief executive Sam Altman" an
    organization. A name or a lone word
    with no cue takes the type of a list of organizations or products it stands in ("Acme
    Networks and Halberd Security", "competes with Paylinea and Stripewell"), else a name is a
    person unless it holds a common word of the language and no given name (then an
    organization), and a lone word nothing ("")."""
    if any(form in lex.known_people for form in ent.forms()):
        return "Person"  # a well-known person's name ("Elon Musk", "Rudiantara"), whatever the context
    strong: Counter[str] = Counter()
    for s in ent.spans:
        if s.label_ in _TYPES:
            strong[s.label_] += 2 if len(s) > 1 else 1  # a full name's cue outweighs a short name's
    if person_evidence(ent.forms(), lex, given_names):
        strong["Person"] += GIVEN_NAME_WEIGHT
    if strong:
        return max(strong, key=lambda t: (strong[t], _TYPES.index(t)))
    index = {(s.start, s.end): i for i, s in enumerate(spans)}
    for s in ent.spans:
        if (s.start, s.end) in index:
            # the typed members decide; the list's other unknown names do not count against them
            labels = {o.label_ for o in list_neighbours(spans, index[(s.start, s.end)], lex, words)} - {NAME, CANDIDATE}
            if len(labels) == 1 and labels <= {"Organization", "Product"}:
                return labels.pop()  # "Copperline Networks and Halberd Security", "Paylinea and Stripewell"
    forms = ent.forms()
    if all(len(f.split()) == 1 and is_coined_word(f) for f in forms):
        # a coined word ("WannaCry", "JioTV") names a firm or its product even with no cue:
        # the product when it opens with an organization of the article ("Jio" + "TV")
        orgs = {s.text for s in spans if s.label_ == "Organization"}
        return "Product" if any(opens_with_name(f, o) for f in forms for o in orgs) else "Organization"
    if not any(s.label_ == NAME for s in ent.spans):
        return ""
    if not person_evidence(ent.forms(), lex, given_names) and _has_common_word(ent.forms(), lex):
        return "Organization"  # "Pacific Rim Wire", "Idea Cellular": people's names are not made of words
    return "Person"


def _has_common_word(forms: list[str], lex: NamesLexicon) -> bool:
    """Whether a name goes on with a word the language writes in lower case ("Pacific Rim
    Wire", "Idea Cellular"); its first word may be a given name that is also a word ("Iman")."""
    return any(w.casefold() in lex.common_words for form in forms for w in form.split()[1:])


def gazetteer_match(text: str, known: Mapping[str, tuple[str, str]], *, threshold: float = 88.0,
                    folded: "FoldedForms | None" = None) -> tuple[str, str] | None:
    """The gazetteer entry (name, type) that ``text`` misspells, if one is close enough.

    Words of six letters or more only, same first letter, rapidfuzz ratio >= ``threshold``.
    ``folded`` (:class:`FoldedForms` of ``known``, built once per pipeline) saves casefolding
    every form on each call.

    >>> gazetteer_match("Microsfot", {"Microsoft": ("Microsoft", "Organization")})
    ('Microsoft', 'Organization')
    >>> gazetteer_match("Kini", {"Kinibank": ("Kinibank", "Organization")}) is None
    True
    """
    if len(text) < 6 or not known:
        return None
    if folded is None or folded.known is not known:
        folded = FoldedForms(known)
    query = text.casefold()
    choices, where = folded.within_reach(len(query), threshold)
    hit = process.extractOne(query, choices, scorer=fuzz.ratio, processor=None, score_cutoff=threshold)
    if hit is None:
        return None
    form = folded.forms[where[hit[2]]]
    if form[:1].casefold() != text[:1].casefold():
        return None
    return known[form]


class FoldedForms:
    """The surface forms of a gazetteer mapping, in order, and their casefolded forms (what
    :func:`gazetteer_match` compares): computed once instead of on every call."""

    def __init__(self, known: Mapping[str, tuple[str, str]]) -> None:
        self.known = known
        self.forms: list[str] = list(known)
        self.folded: list[str] = [f.casefold() for f in self.forms]
        self._reach: dict[tuple[int, float], tuple[list[str], list[int]]] = {}

    def within_reach(self, length: int, threshold: float) -> tuple[list[str], list[int]]:
        """The folded forms (in order) whose length lets a text of ``length`` characters reach
        ``threshold``, and their positions in :attr:`forms`.

        ``fuzz.ratio`` is at most ``200 * min(a, b) / (a + b)`` for lengths ``a`` and ``b`` (one
        string inside the other), so the others can never reach it; a point of slack keeps
        rounding from dropping a form that could.
        """
        key = (length, threshold)
        if key not in self._reach:
            where = [n for n, f in enumerate(self.folded)
                     if 200 * min(len(f), length) >= (threshold - 1) * (len(f) + length)]
            self._reach[key] = ([self.folded[n] for n in where], where)
        return self._reach[key]


def _spelled_out(doc: Doc, form: str, name: str) -> bool:
    """Whether ``form`` is a name of its own rather than a misspelling of the gazetteer's
    ``name``: a typo is printed once, a name ("Travelook" beside "Traveloka") again."""
    return doc_words(doc)[0].count(form) > 1


def resolve_entities(doc: Doc, spans: list[Span], lex: NamesLexicon,
                     known: Mapping[str, tuple[str, str]] | None = None, *,
                     given_names: frozenset[str] = frozenset(),
                     folded: FoldedForms | None = None) -> tuple[list[Span], dict[str, Entity]]:
    """Canonical names for ``spans`` (sorted, non-overlapping entity spans of ``doc``).

    ``known`` maps gazetteer surface forms to (name, type), for misspellings of them. Returns
    the spans to keep as ``doc.ents`` (``kb_id_`` = canonical name, candidates that matched
    nothing dropped) and the entities by canonical name. ``given_names`` is evidence for a
    person (:func:`person_evidence`). ``folded``: ``known`` prepared once (:class:`FoldedForms`).
    """
    r = _Resolver(doc, lex)
    by_gazetteer: dict[tuple[str, str], _Entity] = {}

    def gazetteer_entity(name: str, etype: str) -> _Entity:
        if (name, etype) not in by_gazetteer:
            by_gazetteer[(name, etype)] = _Entity(type=etype, gazetteer_name=name)
            r.entities.append(by_gazetteer[(name, etype)])
        return by_gazetteer[(name, etype)]

    for span in spans:
        if span.kb_id_ and span.label_ != "Group":
            gazetteer_entity(span.kb_id_, span.label_).spans.append(span)
    rest = [s for s in spans if not s.kb_id_ and s.label_ != "Group"]
    deferred = []  # "Perilaku Altman": a sentence-initial word before a name known elsewhere
    for span in sorted((s for s in rest if len(s) > 1), key=lambda s: (-len(s), s.start)):
        ent = r.match_long(span)
        if ent is not None:
            ent.spans.append(span)
        elif span.label_ in _PERSONAL and span[0].is_sent_start:
            deferred.append(span)
        else:
            r.add(span)
    for span in deferred:
        tail = span[1:]
        ent = r.match_long(tail) if len(tail) > 1 else r.match_word(tail)
        if ent is not None and ent.personal():
            ent.spans.append(Span(doc, tail.start, tail.end, label=span.label_))
        else:
            r.add(span)
    for span in sorted((s for s in rest if len(s) == 1), key=lambda s: s.start):
        ent = r.match_word(span)
        if ent is not None and span.label_ in (CANDIDATE, "Organization") and not ent.personal() \
                and span.text not in ent.forms() and any(names_a_part(span.text, f, lex) for f in ent.forms()):
            ent = None  # "SolarWinds" beside "SolarWinds MSP": the firm, not its unit
            span = Span(doc, span.start, span.end, label="Organization")
        misspelt = gazetteer_match(span.text, known or {}, folded=folded) if ent is None and span.label_ != "Person" else None
        if misspelt and _spelled_out(doc, span.text, misspelt[0]):
            misspelt = None  # "Travelook", printed again beside "Traveloka": a name of its own
        if ent is not None:
            ent.spans.append(span)
        elif misspelt:
            ent = gazetteer_entity(*misspelt)
            ent.misspelt = True
            ent.spans.append(Span(doc, span.start, span.end, label=misspelt[1]))
        else:
            r.add(span)
    words = doc_words(doc)[1]
    for ent in r.entities:
        if not ent.gazetteer_name:
            ent.type = _vote(ent, spans, lex, words, given_names)
    r.entities = [e for e in r.entities if e.type]
    names = _canonical_names(r.entities, lex)
    for span in spans:
        if span.label_ == "Group":
            org = _group_org(span.kb_id_[len(MEMBER_PREFIX):], r, names)
            key = next((e for e in r.entities if e.type == "Group" and e.member_of == org), None)
            if key is None:
                key = _Entity(type="Group", member_of=org)
                r.entities.append(key)
                names[id(key)] = org + GROUP_SUFFIX
            key.spans.append(span)
    return _finish(r.entities, names)


def _group_org(text: str, r: _Resolver, names: dict[int, str]) -> str:
    for ent in r.entities:
        if ent.type == "Organization" and (text in ent.forms() or text == ent.gazetteer_name):
            return names[id(ent)]
    ent = r.org_by_first_word(text)
    return names[id(ent)] if ent is not None and ent.type == "Organization" else text


def _canonical_names(entities: list[_Entity], lex: NamesLexicon) -> dict[int, str]:
    names = {id(e): e.canonical(lex) for e in entities}
    taken = Counter(names.values())
    for ent in entities:
        if ent.type == "Organization" and taken[names[id(ent)]] > 1:
            names[id(ent)] = ent.canonical(lex, legal=True)
    return names


def _finish(entities: list[_Entity], names: dict[int, str]) -> tuple[list[Span], dict[str, Entity]]:
    kept: list[Span] = []
    out: dict[str, Entity] = {}
    for ent in entities:
        name = names[id(ent)]
        spans = sorted(ent.spans, key=lambda s: s.start)
        kept.extend(Span(s.doc, s.start, s.end, label=ent.type, kb_id=name) for s in spans)
        aliases = tuple(dict.fromkeys(s.text for s in spans if s.text != name))
        mentions = tuple(Mention(s.text, s.start_char, s.end_char) for s in spans)
        if name in out:  # the same name for two types: keep the one mentioned more
            if len(out[name].mentions) >= len(mentions):
                continue
        known_as = ent.gazetteer_name if ent.gazetteer_name and ent.gazetteer_name != name else None
        out[name] = Entity(name=name, type=ent.type, aliases=aliases, member_of=ent.member_of,  # type: ignore[arg-type]
                           mentions=mentions, known_as=known_as)
    keep_types = {(n, e.type) for n, e in out.items()}
    kept = [s for s in kept if (s.kb_id_, s.label_) in keep_types]
    return sorted(kept, key=lambda s: s.start), out
