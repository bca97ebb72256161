"""The relation extractor: a spaCy component that turns entity mentions into claims.

For each sentence it encodes the tokens (:mod:`kgraph.extract.encode`), runs the language's
rules (:mod:`kgraph.extract.rules`), expands coordinated entities ("Facebook dan PayPal"),
reads role and status from titles, modality from cue words and the date from date phrases,
then fills slots a rule leaves open (a passive without agent: the person's employer, the nearest
organization, the article's main organization). Results go to ``doc._.kg_relations``.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Sequence

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from kgraph.extract.dates import find_dates
from kgraph.extract.discourse import (ONCE_RELATIONS, SentenceInfo, apply_denials, carry_dates, date_from_narrative,
                                      date_from_statements, demote_left_posts, drop_prior_jobs, narrative_dates)
from kgraph.extract.choose import merge_relations, nearest, outside_parenthetical
from kgraph.extract.candidates import FOCUS, TriggerLexicon, focus_entity, focus_features, label_relation, \
    labels_for, load_trigger_lexicon, pair_features, pairs, triggered_labels
from kgraph.extract.encode import DocView, EncodedSentence, Encoder, Item, sentence_evidence
from kgraph.extract.events import EventLexicon, choose_subjects, layoff_events, load_event_lexicon, merge_events, \
    triggers
from kgraph.extract.naming import brand_products, brand_units
from kgraph.extract.offices import office_holders
from kgraph.extract.patterns import sentence_keys
from kgraph.extract.rules import RelationLexicon, Rule, load_relation_lexicon
from kgraph.extract.scorer import RelationScorer, load_scorer
from kgraph.extract.stemming import make_stemmer
from kgraph.models import Event, Relation
from kgraph.nlp.aliases import GROUP_SUFFIX
from kgraph.nlp.lexicon import NamesLexicon, pipeline_names_lexicon

__all__ = ["RelationExtractor"]

for _name, _default in (("kg_relations", None), ("kg_published", None), ("kg_events", None),
                         ("kg_candidates", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@dataclass
class _Match:
    rule: Rule
    sentence: EncodedSentence
    subject: Item | None
    object: Item | None
    role: str | None
    status: str | None
    modality: str
    date: date | None
    start: int  # item span of the match
    end: int


@dataclass(frozen=True)
class Candidate:
    """An entity pair of a sentence as the scorer sees it (kept for training when asked)."""

    first: str  # canonical names, in sentence order
    second: str
    features: tuple[str, ...]
    labels: tuple[str, ...]


#: The rule a scored candidate reports as its origin (role and status come from titles).
_STATED_REACH = 40  # characters between a trigger and the date that dates it ("founded in Jakarta in 2010")
_SCORER_RULE = Rule(id="scorer", relation="holdsPosition", patterns=(), sources=())


class RelationExtractor:
    """spaCy component ``kg_relations``: rules from ``{lang}.relations.yaml`` -> Relations,
    plus the candidates the learned scorer accepts (``scorer``: use the shipped model, or the
    one at ``scorer_path``)."""

    def __init__(self, nlp: Language, name: str = "kg_relations", *, lang: str | None = None,
                 lexicon_path: str | None = None, scorer: bool = True, scorer_path: str | None = None) -> None:
        self.name = name
        self.lang = lang or nlp.lang
        self.lexicon_path = lexicon_path
        self.use_scorer, self.scorer_path = scorer, scorer_path
        self.keep_candidates = False  # training sets this to collect doc._.kg_candidates
        self._nlp = nlp
        self._load()

    def _load(self) -> None:
        path = Path(self.lexicon_path) if self.lexicon_path else None
        self.lexicon: RelationLexicon = load_relation_lexicon(self.lang, path)
        self.events: EventLexicon = load_event_lexicon(self.lang)
        self.triggers: TriggerLexicon = load_trigger_lexicon(self.lang)
        # what a name's words say (a unit's), as the pipeline's name components read them
        self.names: NamesLexicon = pipeline_names_lexicon(self._nlp, self.lang)
        self.scorer: RelationScorer | None = (load_scorer(Path(self.scorer_path) if self.scorer_path else None)
                                              if self.use_scorer else None)
        self.stem = make_stemmer(self.lexicon.stemmer, self.lang)
        self.encoder = Encoder(stem=self.stem, titles=self.lexicon.titles, references=self.lexicon.references,
                               pronouns=self.lexicon.pronouns, descriptions=self.lexicon.descriptions)

    # -- spaCy component protocol -------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        history: list[Item] = []
        matches: list[_Match] = []
        scored: list[Relation] = []
        candidates: list[Candidate] = []
        events: list[Event] = []
        sentences: list[SentenceInfo] = []
        stated: dict[tuple[str, str], str] = {}
        published = doc._.kg_published
        counts = Counter(e.kb_id_ or e.text for e in doc.ents)
        focus = focus_entity(counts, {e.kb_id_ or e.text: e.label_ for e in doc.ents})
        view = DocView(doc)
        for sent in doc.sents:
            encoded = self.encoder.encode(sent, history, counts, view)
            dates = find_dates(encoded.text, self.lexicon.date_patterns, published, self.lang,
                               self.lexicon.relative_dates)
            words = [it.text.casefold() if it.kind == "word" else "" for it in encoded.items]
            stems = [self.stem(w) if w else "" for w in words]
            for key, when in self._stated_dates(encoded, dates, words, stems):
                stated.setdefault(key, when[2].isoformat())  # the first statement of a founding stands
            here = self._match_sentence(encoded, dates)
            matches.extend(here)
            events.extend(self._events(encoded, dates, words, stems))
            if self.scorer is not None or self.keep_candidates:
                # what the rules read here: the unnamed focus fills no slot they filled
                ruled = {(item.name, m.rule.relation) for m in here for item in (m.subject, m.object) if item}
                scored.extend(self._score_sentence(encoded, dates, candidates, words, stems, focus, ruled))
            full = next((d for _, _, d in dates if isinstance(d, date)), None)  # a year is not carried on
            sentences.append(SentenceInfo(encoded.evidence[1], full, self._deniers(encoded)))
        relations = self._to_relations(doc, matches) + self._brand_relations(doc)
        held = {(r.subject, r.object) for r in relations if r.relation == "holdsPosition"}
        relations += [r for r in self._office_relations(doc) if (r.subject, r.object) not in held]
        # the scorer adds claims about pairs the rules left alone; where a rule read a pair in a
        # sentence ("took a stake in": investedIn), its reading stands
        read = {(r.start, frozenset((r.subject, r.object))) for r in relations}
        relations += [r for r in scored if (r.start, frozenset((r.subject, r.object))) not in read]
        doc._.kg_candidates = candidates if self.keep_candidates else None
        relations = demote_left_posts(relations, self.lexicon.status.get("kept", ()),
                                      self.lexicon.status.get("future", ()))
        relations = drop_prior_jobs(relations, self.lexicon.status.get("former_anywhere", ()))
        relations = merge_relations(apply_denials(relations, sentences))
        # only a claim no sentence of its own dates borrows the date of the sentence after it
        doc._.kg_relations = date_from_statements(date_from_narrative(carry_dates(relations, sentences), sentences),
                                                  stated)
        # an event no sentence of its own dates happened when the story last said
        latest = narrative_dates(sentences)
        events = [replace(e, date=latest[e.start].isoformat()) if e.date is None and e.start in latest else e
                  for e in events]
        doc._.kg_events = merge_events(events + layoff_events(doc._.kg_relations, skip_rules={_SCORER_RULE.id}))
        return doc

    def _stated_dates(self, enc: EncodedSentence, dates: list, words: list[str],
                      stems: list[str]) -> list[tuple[tuple[str, str], tuple]]:
        """((relation, organization), date phrase) where the sentence dates a :data:`ONCE_RELATIONS`
        relation of an organization it names: a year or month close to the relation's trigger
        ("Uber, founded in 2009", "didirikan pada 2010"); a day is the news's, not the founding's."""
        partial = [d for d in dates if not isinstance(d[2], date)]
        if not partial:
            return []
        items, base = enc.items, enc.span.start_char
        orgs = [it.name for it in items if it.kind == "entity" and it.type == "Organization" and it.name]
        found = []
        for k, relation in self.triggers.positions(words, stems):
            if relation not in ONCE_RELATIONS:
                continue
            at = items[k].start - base
            near = min(partial, key=lambda d: abs(d[0] - at))
            if min(abs(near[0] - at), abs(near[1] - at)) <= _STATED_REACH:
                found += [((relation, org), near) for org in orgs]
        return found

    def _events(self, enc: EncodedSentence, dates: list, words: list[str], stems: list[str]) -> list[Event]:
        """The events this sentence reports (:mod:`kgraph.extract.events`)."""
        if not self.events.types:
            return []
        items = enc.items
        entities = [(k, it.name, it.type) for k, it in enumerate(items)
                    if it.kind == "entity" and it.name and not self._attributed(items, k)]
        # a workforce names its employer: "10.000 karyawan Meta terkena PHK" is Meta's layoff
        entities += [(k, name[:-len(GROUP_SUFFIX)], "Organization") for k, name, etype in entities
                     if etype == "Group" and name.endswith(GROUP_SUFFIX) and len(name) > len(GROUP_SUFFIX)]
        entities.sort()
        conj = self.lexicon.conjunctions

        def listed(i: int, j: int) -> bool:  # "A, B and C", "the A app and the B service"
            between = items[i + 1:j]
            joins = [it for it in between if it.kind == "word" and it.text.casefold() in conj]
            others = [it for it in between if it.kind != "entity" and it not in joins]
            return bool(joins) and len(others) <= 3 and all(it.kind == "word" for it in others)

        by_name = {t.name: t for t in self.events.types}
        evidence, start = enc.evidence
        found = []
        workforce = frozenset(k for k, _, etype in entities if etype == "Group")
        for etype, first, last in triggers(words, stems, self.events, workforce):
            for subject in choose_subjects(entities, first, last, by_name[etype], self.events.window, listed):
                when = self._date(enc, dates, first, last)
                found.append(Event(type=etype, subject=subject,
                                   modality=self._modality(enc, first, last, "sentence", trigger=True),
                                   date=when.isoformat() if when else None, evidence=evidence,
                                   start=start, end=start + len(evidence)))
        return found

    def _score_sentence(self, enc: EncodedSentence, dates: list, keep: list[Candidate], words: list[str],
                        stems: list[str], focus: str | None = None,
                        ruled: frozenset | set = frozenset()) -> list[Relation]:
        """The relations the learned scorer accepts among the sentence's entity pairs, and
        between its entities and the article's ``focus`` organization when it goes unnamed
        (:func:`~kgraph.extract.candidates.focus_features`)."""
        items = enc.items
        # a title is the trigger of a post: its words are one title item, not plain words
        triggers = sorted(self.triggers.positions(words, stems)
                          + [(k, "holdsPosition") for k, it in enumerate(items) if it.kind == "title"])
        conj = self.lexicon.conjunctions
        found = []
        for i, j in pairs(enc):
            a, b = items[i], items[j]
            if self._attributed(items, i) or self._attributed(items, j):
                continue
            labels = triggered_labels(labels_for(a.type or "", b.type or ""), triggers, i, j)
            if not labels:
                continue
            features = pair_features(enc, i, j, words, stems, triggers, self.lang, lambda w: w in conj)
            if self.keep_candidates:
                keep.append(Candidate(a.name or "", b.name or "", tuple(features), tuple(labels)))
            if self.scorer is None:
                continue
            for label, probability in self.scorer.accepted(features, labels, self.lang):
                relation, backward = label_relation(label)
                subject, obj = (b, a) if backward else (a, b)
                # a list shares the claim: "invested in A, B and C", "A and B compete with C"
                for s_item in self._conjuncts(enc, subject):
                    for o_item in self._conjuncts(enc, obj):
                        if s_item is None or o_item is None or s_item.name == o_item.name:
                            continue
                        rel = self._scored_relation(enc, dates, relation, s_item, o_item,
                                                    enc.index_of[s_item], enc.index_of[o_item], probability)
                        if rel is not None:
                            found.append(rel)
        if focus is not None and not any(it.name == focus for it in items if it.kind == "entity"):
            # an implicit argument fills only a slot the sentence leaves empty: "SoftBank injected
            # funds into Tokopedia" names SoftBank's investee, so it is not the article's focus
            stated = ruled | {(name, r.relation) for r in found for name in (r.subject, r.object)}
            found += [r for r in self._score_focus(enc, dates, keep, words, stems, triggers, focus)
                      if ((r.object if r.subject == focus else r.subject), r.relation) not in stated]
        return list({(r.subject, r.relation, r.object): r for r in found}.values())

    def _score_focus(self, enc: EncodedSentence, dates: list, keep: list[Candidate], words: list[str],
                     stems: list[str], triggers: list[tuple[int, str]], focus: str) -> list[Relation]:
        """Candidates of the unnamed focus organization (first) with each entity near a trigger."""
        items = enc.items
        found = []
        for k, e in enumerate(items):
            if e.kind != "entity" or not e.name or self._attributed(items, k):
                continue
            labels = [FOCUS + label for label in
                      triggered_labels(labels_for("Organization", e.type or ""), triggers, k, k)]
            if not labels:
                continue
            features = focus_features(enc, k, "Organization", words, stems, triggers, self.lang)
            if self.keep_candidates:
                keep.append(Candidate(focus, e.name, tuple(features), tuple(labels)))
            if self.scorer is None:
                continue
            implicit = e._replace(text="", name=focus, type="Organization", resolved=True)
            for label, probability in self.scorer.accepted(features, labels, self.lang):
                relation, backward = label_relation(label)
                for other in self._conjuncts(enc, e):
                    if other is None or other.name == focus:
                        continue
                    subject, obj = (other, implicit) if backward else (implicit, other)
                    n = enc.index_of[other]
                    rel = self._scored_relation(enc, dates, relation, subject, obj, n, n, probability)
                    if rel is not None:
                        found.append(rel)
        return found

    def _scored_relation(self, enc: EncodedSentence, dates: list, relation: str, subject: Item, obj: Item,
                         i: int, j: int, probability: float) -> Relation | None:
        role = status = None
        if relation == "holdsPosition":
            person = enc.index_of[subject]
            titles = [k for k, it in enumerate(enc.items) if it.kind == "title"
                      and min(i, j) - 3 <= k <= max(i, j) + 3]
            if not titles:
                return None  # a post needs its title
            title = enc.items[min(titles, key=lambda k: abs(k - person))]
            role, status = self._role(enc, title, min(i, j), _SCORER_RULE)
        first, last = min(i, j), max(i, j) + 1
        when = self._date(enc, dates, first, last)
        evidence, start = enc.evidence
        return Relation(subject=subject.name or "", relation=relation, object=obj.name or "",  # type: ignore[arg-type]
                        modality=self._modality(enc, first, last, "sentence"),  # type: ignore[arg-type]
                        role=role, status=status, date=when.isoformat() if when else None,
                        evidence=evidence, start=start, end=start + len(evidence),
                        confidence=round(probability, 3), rule=_SCORER_RULE.id)

    def _attributed(self, items: tuple[Item, ...], k: int) -> bool:
        """Whether item ``k`` is an outlet cited as a source ("according to Reuters")."""
        before = " ".join(it.text.lower() for it in items[max(0, k - 2):k])
        return any(before.endswith(cue) for cue in self.lexicon.attribution)

    def _deniers(self, enc: EncodedSentence) -> frozenset[str]:
        """People who deny something in this sentence (named before the denial word)."""
        items = enc.items
        for k, item in enumerate(items):
            if item.kind == "word" and item.text.lower() in self.lexicon.sentence_negation:
                return frozenset(it.name for it in items[:k] if it.kind == "entity" and it.type == "Person" and it.name)
        return frozenset()

    def to_disk(self, path: str | Path, *, exclude: tuple = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg", {"lang": self.lang, "lexicon_path": self.lexicon_path,
                                        "scorer": self.use_scorer, "scorer_path": self.scorer_path})

    def from_disk(self, path: str | Path, *, exclude: tuple = ()) -> "RelationExtractor":
        cfg = srsly.read_json(Path(path) / "cfg")
        self.lang, self.lexicon_path = cfg["lang"], cfg.get("lexicon_path")
        self.use_scorer, self.scorer_path = cfg.get("scorer", True), cfg.get("scorer_path")
        self._load()
        return self

    # -- matching -----------------------------------------------------------------------------
    def _match_sentence(self, enc: EncodedSentence, dates: list) -> list[_Match]:
        found: list[_Match] = []
        keys = sentence_keys(enc.string)
        for rule, pattern in self.lexicon.pattern_index.candidates(keys):
            found_here = list(pattern.finditer(enc.string, overlapped=True))
            for m in nearest(found_here) if found_here else ():
                groups = m.groupdict()
                subj = enc.item_at(groups["s"]) if groups.get("s") else None
                obj = enc.item_at(groups["o"]) if groups.get("o") else None
                title = enc.item_at(groups["r"]) if groups.get("r") else None
                first = enc.string.count(" ", 0, m.start())
                last = enc.string.count(" ", 0, m.end())
                if subj and (not obj or enc.index_of[subj] < enc.index_of[obj]):
                    subj = outside_parenthetical(enc, subj, last)
                elif obj:
                    obj = outside_parenthetical(enc, obj, last)
                if subj and obj and subj.name == obj.name:
                    continue
                role, status = self._role(enc, title, first, rule)
                modality = rule.modality or self._modality(enc, first, last, rule.scope)
                when = self._date(enc, dates, first, last)  # any claim its sentence dates
                subjects = self._conjuncts(enc, subj) if "s" in rule.expand else [subj]
                objects = self._conjuncts(enc, obj) if "o" in rule.expand else [obj]
                for s in subjects:
                    for o in objects:
                        if s is not None and o is not None and s.name == o.name:
                            continue
                        found.append(_Match(rule, enc, s, o, role, status, modality, when, first, last))
        return found

    def _conjuncts(self, enc: EncodedSentence, item: Item | None) -> list[Item | None]:
        """The item and the entities coordinated with it ("A, B dan C")."""
        if item is None:
            return [None]
        items = enc.items
        k = enc.index_of[item]
        group = [item]
        for step in (1, -1):
            j = k
            while True:
                nxt, after = j + step, j + 2 * step
                if not (0 <= after < len(items)):
                    break
                sep = items[nxt]
                if sep.kind != "word" or sep.text.lower() not in self.lexicon.conjunctions:
                    break
                # allow "A, B, and C": a comma followed by a conjunction
                cand = items[after]
                if cand.kind == "word" and cand.text.lower() in self.lexicon.conjunctions and 0 <= after + step < len(items):
                    after += step
                    cand = items[after]
                if cand.kind != "entity" or cand.type != item.type:
                    break
                group.append(cand)
                j = after
        return group

    def _role(self, enc: EncodedSentence, title: Item | None, first: int, rule: Rule) -> tuple[str | None, str | None]:
        if title is None:
            return rule.role, rule.status
        items, lex = enc.items, self.lexicon
        k = enc.index_of[title]
        titles = [title]
        while k + 2 < len(items) and items[k + 1].kind == "word" and items[k + 1].text.lower() in lex.conjunctions \
                and items[k + 2].kind == "title":
            titles.append(items[k + 2])
            k += 2
        cues = {name: words for name, words in lex.status.items()
                if not name.endswith("_anywhere") and name not in ("connectives", "former_past", "appointed")}
        status_words = set().union(*cues.values()) if cues else set()
        names = []
        for t in titles:
            kept = " ".join(w for w in t.text.split() if w.lower().strip(".") not in status_words)
            names.append(lex.titles.synonyms.get(kept.lower(), kept))
        start = enc.index_of[title]
        window = [it.text.lower().strip(".") for it in items[max(0, start - 3):start]]
        for phrase in lex.status.get("connectives", ()):  # "Sementara itu, CEO X": "meanwhile"
            words = phrase.split()
            for k in range(len(window) - len(words) + 1):
                if window[k:k + len(words)] == words:
                    window[k:k + len(words)] = [""] * len(words)
        window += [w.lower().strip(".") for w in title.text.split()]
        status = rule.status if rule.status is not None else self._status(window, enc.text)
        return " and ".join(names), status

    def _status(self, window: Sequence[str], sentence: str) -> str:
        """A post's status from the words of and around its title (lower case) and its sentence:
        a former cue ("former", "mantan"), a past copula before the title with no appointing
        verb ("Mistry was the sixth chairman", not "was named chief executive"), an interim cue."""
        cues, sentence = self.lexicon.status, sentence.lower()
        past = any(w in cues.get("former_past", ()) for w in window) and not any(
            w in cues.get("appointed", ()) for w in window)
        if past or any(w in cues.get("former", ()) for w in window) or any(
                phrase in sentence for phrase in cues.get("former_anywhere", ())):
            return "former"  # "Sebelum bergabung dengan SDT, Yohanes merupakan direktur di X"
        if any(w in cues.get("interim", ()) for w in window) or any(
                phrase in sentence for phrase in cues.get("interim_anywhere", ())):
            return "interim"
        return "current"

    def _modality(self, enc: EncodedSentence, first: int, last: int, scope: str, *, trigger: bool = False) -> str:
        """The claim's (or, with ``trigger``, an event trigger's) modality from the cue words around
        items ``[first, last)``. A trigger's own words never negate it: "tidak bisa diakses" and
        "not working" say the outage, they do not deny it."""
        # a capitalized cue inside a sentence is a name or a month ("in May"), not "may"
        words = [it.text.lower() if it.kind == "word" and (k == 0 or not it.text[:1].isupper())
                 and not (trigger and first <= k < last) else ""
                 for k, it in enumerate(enc.items)]
        inside = words[first:last]
        if scope == "match":
            window = inside
            anywhere: list[str] = []
        else:
            # the trigger's clause: "Dodi membantah dipecat dan mengaku mengundurkan diri" denies
            # the firing, not the resignation (the match may reach back over the break to its subject)
            breaks = [k for k, w in enumerate(words) if w in self.lexicon.clause_breaks]
            start = max((k + 1 for k in breaks if k < last - 1), default=0)
            window = words[max(start, first - self.lexicon.negation_window):last]
            anywhere = words[start:min((k for k in breaks if k >= last), default=len(words))]
            first = max(first - start, 0)
        if any(w in self.lexicon.sentence_negation for w in anywhere[:first]):
            return "negated"  # "denied rumours that it would cut jobs": the denial governs the claim
        if any(w in self.lexicon.uncertainty for w in window) or any(w in self.lexicon.sentence_uncertainty for w in anywhere):
            return "uncertain"
        if any(w in self.lexicon.negation for w in window) or any(w in self.lexicon.sentence_negation for w in anywhere):
            return "negated"
        return "asserted"

    def _date(self, enc: EncodedSentence, dates: list, first: int, last: int) -> date | None:
        if not dates:
            return None
        base = enc.span.start_char
        items = enc.items
        lo = items[min(first, len(items) - 1)].start - base
        hi = items[min(max(last - 1, first), len(items) - 1)].end - base
        # the date within the claim's words, else the one nearest its edges; the first item breaks ties
        return min(dates, key=lambda d: (max(lo - d[1], d[0] - hi, 0), abs(d[0] - lo)))[2]

    def _brand_relations(self, doc: Doc) -> list[Relation]:
        """developed(org, product) for each product named with its maker's name ("Google Drive",
        :func:`kgraph.extract.naming.brand_products`), its evidence the sentence naming it first."""
        table = getattr(doc._, "kg_entities", None) or {}
        out = []
        named = [("developed", pair) for pair in brand_products(table.values())] + \
                [("parentOf", pair) for pair in brand_units(table.values(), self.names)]
        for relation, (org, named_after) in named:
            mentions = table[named_after].mentions
            if not mentions:
                continue
            first = min(mentions, key=lambda m: m.start)
            span = doc.char_span(first.start, first.end, alignment_mode="expand")
            if span is None:
                continue
            evidence, start = sentence_evidence(span.sent.text, span.sent.start_char)
            out.append(Relation(subject=org, relation=relation, object=named_after, evidence=evidence,
                                start=start, end=start + len(evidence), confidence=0.6,
                                rule=f"{self.lang}.{relation}.brand_name"))
        return out

    def _office_relations(self, doc: Doc) -> list[Relation]:
        """holdsPosition(person, institution) for each person printed after a public office's
        title that names an institution of the article ("Menteri Perdagangan Zulkifli Hasan",
        "Kementerian Perdagangan": :mod:`kgraph.extract.offices`)."""
        out = []
        for held in office_holders(doc.ents, self.lexicon.offices):
            evidence, start = sentence_evidence(held.span.sent.text, held.span.sent.start_char)
            status = self._status([w.lower().strip(".") for w in held.role.split()], held.span.sent.text)
            out.append(Relation(subject=held.person, relation="holdsPosition", object=held.institution,
                                role=held.role, status=status, evidence=evidence, start=start,
                                end=start + len(evidence), confidence=0.6, rule=f"{self.lang}.holdsPosition.office"))
        return out

    # -- filling open slots -------------------------------------------------------------------
    def _to_relations(self, doc: Doc, matches: list[_Match]) -> list[Relation]:
        orgs = Counter(e.kb_id_ or e.text for e in doc.ents if e.label_ == "Organization")
        topic = orgs.most_common(1)[0][0] if orgs else None
        positions = {m.subject.name: m.object.name for m in matches
                     if m.rule.relation == "holdsPosition" and m.subject and m.object}
        # a post named in the same sentence says more than one named elsewhere
        here = {(m.sentence.span.start, m.subject.name): m.object.name for m in reversed(matches)
                if m.rule.relation == "holdsPosition" and m.subject and m.object}
        joined = {m.subject.name: m.object.name for m in matches
                  if m.rule.relation == "joined" and m.modality == "asserted" and m.subject and m.object}
        members = getattr(doc._, "kg_entities", None) or {}
        # what a rule names outright in a sentence; a filled-in slot never contradicts it
        explicit_s = {(m.sentence.span.start, m.rule.relation, m.object.name, m.role) for m in matches
                      if m.subject and m.object}
        explicit_o = {(m.sentence.span.start, m.rule.relation, m.subject.name, m.role) for m in matches
                      if m.subject and m.object}
        relations = []
        for m in matches:
            subj = m.subject.name if m.subject else None
            obj = m.object.name if m.object else None
            where = m.sentence.span.start
            if subj is None and (where, m.rule.relation, obj, m.role) in explicit_s:
                continue
            if obj is None and (where, m.rule.relation, subj, m.role) in explicit_o:
                continue
            filled = False
            if subj is None and "s" in m.rule.fill:
                subj, filled = self._fill(m, m.rule.fill["s"], obj, positions, joined, members, topic, here), True
            if obj is None and "o" in m.rule.fill:
                obj, filled = self._fill(m, m.rule.fill["o"], subj, positions, joined, members, topic, here), True
            if not subj or not obj or subj == obj:
                continue
            if filled and m.rule.relation == "holdsPosition" and self._government_post(m.role, obj):
                continue  # "X, who founded Gojek, became a minister": no minister of a company
            confidence = m.rule.confidence
            if filled or (m.subject and m.subject.resolved) or (m.object and m.object.resolved):
                confidence *= 0.8
            evidence, start = m.sentence.evidence
            relations.append(Relation(
                subject=subj, relation=m.rule.relation, object=obj, modality=m.modality,  # type: ignore[arg-type]
                role=m.role if m.rule.relation == "holdsPosition" else None,
                status=m.status if m.rule.relation == "holdsPosition" else None,
                date=m.date.isoformat() if m.date else None,
                evidence=evidence, start=start, end=start + len(evidence),
                confidence=round(confidence, 3), rule=m.rule.id,
            ))
        return relations

    def _government_post(self, role: str | None, organization: str) -> bool:
        """Whether ``role`` is a government office (``offices.government``: "minister") and
        ``organization`` is no institution of the kind that office heads (no "ministry" in its name)."""
        offices = self.lexicon.offices
        words = set((role or "").casefold().split())
        if not words & offices.government:
            return False
        institutions = {h for head in words & offices.government for h in offices.heads.get(head, ())}
        return not institutions & set(organization.casefold().split())

    def _fill(self, m: _Match, policy: str, other: str | None, positions: dict, joined: dict, members: dict,
              topic: str | None, here: dict) -> str | None:
        """The entity for a slot the rule leaves open.

        ``context_org``: the first organization earlier in the sentence, else the person's
        organization in the article; ``strict_context_org``: only the former; ``match_org``:
        the first organization inside the matched words, else as ``context_org``; ``sentence_org``:
        any other organization of the sentence; ``context_person``: the nearest earlier person;
        ``member_org``: the group's organization; ``employees``: the group "<org> employees";
        ``topic_org``: the organization the article names most.
        A person's organization is, for leaving (fired, resigned), the group's organization or
        the post they held, never the one they joined; otherwise the organization they joined,
        then their post; a post with none of these is at the sentence's first organization
        before the article's main one. News
        outlets cited as sources ("Mengutip The Verge", "according to Reuters") are never used.
        """
        if policy == "context_person":
            people = [it for it in m.sentence.items[:m.start] if it.kind == "entity" and it.type == "Person"]
            return people[-1].name if people else None
        if policy == "employees":
            return f"{other}{GROUP_SUFFIX}" if other else None
        items = m.sentence.items
        orgs = [it for k, it in enumerate(items) if it.kind == "entity" and it.type == "Organization"
                and it.name != other and not self._attributed(items, k)]
        before = [it for it in orgs if m.sentence.index_of[it] < m.start]
        if policy == "match_org":  # "X, who co-founded Acme in 2019, stepped down": Acme
            inside = [it for it in orgs if m.start <= m.sentence.index_of[it] < m.end]
            if inside:
                return inside[0].name
        if policy == "context_org" and before:
            return before[0].name
        if policy == "strict_context_org":  # the sentence's organization, if it names one
            return before[0].name if before else None
        if policy == "sentence_org" and orgs:
            return (before or orgs)[0].name
        if policy == "topic_org":  # "rival Cumulo": the rival of the company the article is about
            return topic
        member_of = getattr(members.get(other) if other else None, "member_of", None)
        post_here = here.get((m.sentence.span.start, other or ""))
        new_home = joined.get(other or "")
        if m.rule.relation in ("fired", "resigned", "laidOff") or policy == "member_org":
            order = (member_of, post_here, positions.get(other or ""), new_home)
            if m.rule.relation != "laidOff" and new_home:
                # one leaves the old employer, not the one joined ("X, who resigned in April,
                # now works at Kirim Kilat as COO")
                order = tuple(name for name in order if name != new_home)
                topic = None if topic == new_home else topic
        else:
            order = (new_home, post_here, positions.get(other or ""), member_of)
        found = next((name for name in order if name), None)
        if found or policy == "member_org":
            return found
        if m.rule.relation == "holdsPosition" and before:
            return before[0].name  # "Zilingo's board dismissed chief executive Ankiti Bose": Zilingo's
        return topic


@Language.factory(
    "kg_relations",
    assigns=["doc._.kg_relations"],
    default_config={"lang": None, "lexicon_path": None, "scorer": True, "scorer_path": None},
)
def make_relation_extractor(nlp: Language, name: str, lang: str | None, lexicon_path: str | None,
                            scorer: bool, scorer_path: str | None) -> RelationExtractor:
    """Factory of the ``kg_relations`` component."""
    return RelationExtractor(nlp, name, lang=lang, lexicon_path=lexicon_path, scorer=scorer,
                             scorer_path=scorer_path)
