"""Run the pipeline over one article and collect entities and relations as dataclasses."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Iterator, Mapping

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kgraph.extract.discourse import DATED_RELATIONS
from kgraph.extract.events import merge_events
from kgraph.models import Article, Entity, Event, Extraction, Mention, Relation
from kgraph.nlp.aliases import GROUP_SUFFIX
from kgraph.nlp.lexicon import pipeline_names_lexicon

__all__ = ["annotate", "extract_article", "group_names", "prediction_rows"]


def _doc_entities(doc: Doc) -> dict[str, Entity]:
    """Entities of the doc: the name finder's table if present, else built from ``doc.ents``."""
    table = getattr(doc._, "kg_entities", None) if Doc.has_extension("kg_entities") else None
    if table:
        return dict(table)
    found: dict[str, Entity] = {}
    for ent in doc.ents:
        name = ent.kb_id_ or ent.text
        old = found.get(name)
        mention = Mention(ent.text, ent.start_char, ent.end_char)
        aliases = set(old.aliases) if old else set()
        if ent.text != name:
            aliases.add(ent.text)
        found[name] = Entity(name=name, type=ent.label_, aliases=tuple(sorted(aliases)),  # type: ignore[arg-type]
                             mentions=(old.mentions if old else ()) + (mention,))
    return found


def annotate(article: Article, nlp: Language) -> Doc:
    """The article's text run through ``nlp``, knowing its published date (for dates)."""
    doc = nlp.make_doc(article.text)
    if Doc.has_extension("kg_published"):
        doc._.kg_published = article.published
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


_HEADLINE_CLAUSE_BREAKS = frozenset({",", ";", ":", "-", "–", "—", "|"})


def _headline_mentions(article: Article, nlp: Language, entities: Mapping[str, Entity]) -> list[tuple[int, int, Entity]]:
    """(token start, end, entity) of every printed form of the body's entities in the headline;
    only the forms that occur in it as strings are tokenized."""
    title = article.title or ""
    words = [t.text for t in nlp.make_doc(title)]
    found = []
    for entity in entities.values():
        for form in {f for f in (entity.name, *entity.aliases) if f and f in title}:
            pattern = [t.text for t in nlp.make_doc(form)]
            n = len(pattern)
            found += [(k, k + n, entity) for k in range(len(words) - n + 1) if words[k:k + n] == pattern]
    return found


def _headline_doc(article: Article, nlp: Language, mentions: list[tuple[int, int, Entity]], *, clauses: bool) -> Doc:
    """The headline as a Doc with the body's entities at ``mentions``, read by ``kg_relations``;
    with ``clauses``, each stretch between commas, colons and dashes is a sentence of its own."""
    doc = nlp.make_doc(article.title or "")
    if Doc.has_extension("kg_published"):
        doc._.kg_published = article.published
    doc.ents = filter_spans([Span(doc, a, b, label=e.type, kb_id=e.name) for a, b, e in mentions])
    if "kg_sentences" in nlp.pipe_names:
        doc = nlp.get_pipe("kg_sentences")(doc)
    if clauses:
        for k, token in enumerate(doc[:-1]):
            if token.text in _HEADLINE_CLAUSE_BREAKS:
                doc[k + 1].is_sent_start = True
    return nlp.get_pipe("kg_relations")(doc)


def read_headline(article: Article, nlp: Language,
                  entities: Mapping[str, Entity]) -> tuple[list[Relation], list[Event]]:
    """The claims and events the headline states ("Huawei unveils HarmonyOS", "Nvidia agrees
    to buy Arm from SoftBank") about entities the body names: a headline often says the main
    event in so many words. Its entities are the body's, found by their printed forms, because a
    title-case headline misleads the name finder. A headline's commas join clauses when it
    states claims ("Board fires Bagas, Lintang becomes CEO": Lintang is not fired) and lists
    when it reports events ("Outage knocks Slack, Trello offline"), so claims are read clause
    by clause and events from the whole line. The evidence is the headline, with no offsets
    into the text.
    """
    if not article.title or "kg_relations" not in nlp.pipe_names:
        return [], []
    mentions = _headline_mentions(article, nlp, entities)
    if not mentions:
        return [], []
    claims = _headline_doc(article, nlp, mentions, clauses=True)
    whole = _headline_doc(article, nlp, mentions, clauses=False)
    # a claim stands when its clause names both of its entities: the rules' slot filling from
    # an earlier sentence does not carry across a headline's clauses
    named = {sent.start_char: {e.kb_id_ for e in sent.ents} for sent in claims.sents}
    relations = [replace(r, evidence=article.title, start=0, end=0) for r in getattr(claims._, "kg_relations", None) or ()
                 if {r.subject, r.object} <= named.get(r.start, set())]
    events = [replace(e, evidence=article.title, start=0, end=0) for e in getattr(whole._, "kg_events", None) or ()
              if e.subject in entities]
    return relations, events


def _lead_date(relations: list[Relation], events: list[Event]) -> str | None:
    """The full date of the body's first dated change or event: when the story's news happened."""
    dated = [(x.start, x.date) for x in [*relations, *events] if x.date and len(x.date) == 10
             and (isinstance(x, Event) or x.relation in DATED_RELATIONS)]
    return min(dated)[1] if dated else None


def group_names(entities: Mapping[str, Entity], template: str = "{org}" + GROUP_SUFFIX) -> dict[str, Entity]:
    """New names for the article's groups: ``template`` (the language's ``group_name``,
    "{org} employees", "karyawan {org}") filled with the organization as the article prints it
    most, not its canonical name ("Meta employees" for Meta Platforms, "Indosat employees" for
    "PT Indosat Tbk"); a form printed in the group's own mention wins. ``member_of`` keeps the
    canonical name; where the template is not "{org} employees", ``known_as`` keeps that name,
    so the graph meets one workforce in one node whatever the language.

    >>> org = Entity("Meta Platforms", "Organization", mentions=(Mention("Meta Platforms", 0, 14),
    ...              Mention("Meta", 30, 34), Mention("Meta", 50, 54)))
    >>> group = Entity("Meta Platforms employees", "Group", member_of="Meta Platforms")
    >>> {old: new.name for old, new in group_names({"Meta Platforms": org, group.name: group}).items()}
    {'Meta Platforms employees': 'Meta employees'}
    >>> renamed = group_names({"Meta Platforms": org, group.name: group}, "karyawan {org}")
    >>> renamed[group.name].name, renamed[group.name].known_as
    ('karyawan Meta', 'Meta employees')
    """
    out: dict[str, Entity] = {}
    taken = set(entities)
    for e in entities.values():
        org = entities.get(e.member_of or "")
        if e.type != "Group" or org is None or e.name != f"{org.name}{GROUP_SUFFIX}" or not org.mentions:
            continue
        forms = Counter(m.text for m in org.mentions)
        own = [f for f in forms if any(f in m.text for m in e.mentions)]
        best = max(own or forms, key=lambda f: (forms[f], -len(f)))
        name = template.format(org=best)
        node = f"{best}{GROUP_SUFFIX}"
        if name != e.name and name not in taken:
            out[e.name] = replace(e, name=name, known_as=e.known_as or (node if node != name else None))
            taken.add(name)
    return out


def extract_article(article: Article, nlp: Language) -> Extraction:
    """Find the entities and relations of ``article`` with the pipeline ``nlp``.

    The byline authors become Person entities and the publisher an Organization, so every
    claim can be traced to who wrote it and where.
    """
    doc = annotate(article, nlp)
    entities = _doc_entities(doc)
    # the metadata knows these names: a byline's author is a person and the publisher an
    # organization, whatever the body's context made of them ("(Lintas Warta)" is no person)
    for author in article.authors:
        old = entities.get(author)
        entities[author] = replace(old, type="Person") if old else Entity(name=author, type="Person")
    if article.publisher:
        old = entities.get(article.publisher)
        entities[article.publisher] = (replace(old, type="Organization") if old
                                       else Entity(name=article.publisher, type="Organization"))
    relations: list[Relation] = list(getattr(doc._, "kg_relations", None) or [])
    # a group a relation names (e.g. "Meta employees" from "cut 10,000 jobs") is an entity too
    for rel in relations:
        for name in (rel.subject, rel.object):
            if name not in entities and name.endswith(GROUP_SUFFIX):
                org = name[: -len(GROUP_SUFFIX)]
                entities[name] = Entity(name=name, type="Group", member_of=org)
    known = set(entities)
    relations = [r for r in relations if r.subject in known and r.object in known]
    events = [e for e in getattr(doc._, "kg_events", None) or () if e.subject in known]
    headline_relations, headline_events = read_headline(article, nlp, entities)
    stated = {(r.subject, r.relation, r.object) for r in relations}
    # an undated change or event in the headline is the story's news: it happened when the
    # body's first dated change or event did
    lead = _lead_date(relations, events)
    relations += [replace(r, date=lead) if r.date is None and r.relation in DATED_RELATIONS else r
                  for r in headline_relations if (r.subject, r.relation, r.object) not in stated]
    events = merge_events(events + [replace(e, date=e.date or lead) for e in headline_events])
    # an outage or a breach no sentence dates is the day's news: it happened when the article
    # was published
    if article.published is not None:
        events = [replace(e, date=article.published.isoformat()) if e.date is None else e for e in events]
    regrouped = group_names(entities, pipeline_names_lexicon(nlp, nlp.lang).group_name)
    if regrouped:
        renamed = {old: e.name for old, e in regrouped.items()}
        entities = {renamed.get(k, k): regrouped.get(k, e) for k, e in entities.items()}
        relations = [replace(r, subject=renamed.get(r.subject, r.subject), object=renamed.get(r.object, r.object))
                     for r in relations]
        events = [replace(e, subject=renamed.get(e.subject, e.subject)) for e in events]
    warnings: tuple[str, ...] = ()
    return Extraction(article=article, entities=tuple(entities.values()),
                      relations=tuple(relations), events=tuple(events),
                      warnings=warnings)


def prediction_rows(extraction: Extraction) -> Iterator[dict]:
    """Rows in the prediction format of ``../shared/eval/SCHEMA.md``: entities, relations, events."""
    aid = extraction.article.id
    for e in extraction.entities:
        row = {"article": aid, "entity": e.name, "type": e.type}
        if e.aliases:
            row["aliases"] = list(e.aliases)
        if e.member_of:
            row["member_of"] = e.member_of
        yield row
    for r in extraction.relations:
        row = {"article": aid, "subject": r.subject, "relation": r.relation, "object": r.object,
               "modality": r.modality}
        for key in ("role", "status", "date"):
            if getattr(r, key):
                row[key] = getattr(r, key)
        row.update(confidence=r.confidence, rule=r.rule, evidence=r.evidence, start=r.start, end=r.end)
        yield row
    for e in extraction.events:
        row = {"article": aid, "event": e.type, "subject": e.subject, "modality": e.modality}
        if e.date:
            row["date"] = e.date
        row.update(evidence=e.evidence, start=e.start, end=e.end)
        yield row
