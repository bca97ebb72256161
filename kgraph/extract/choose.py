"""Choosing among what the patterns matched: the right entity, the nearest match, one claim.

Pure functions used by the relation extractor (:mod:`kgraph.extract.relations`).
"""
from __future__ import annotations

from dataclasses import replace

from kgraph.extract.encode import EncodedSentence, Item
from kgraph.models import SYMMETRIC_RELATIONS, Relation

__all__ = ["outside_parenthetical", "nearest", "merge_relations"]

_MODALITY_RANK = {"asserted": 0, "negated": 1, "uncertain": 2}


def outside_parenthetical(enc: EncodedSentence, item: Item, end: int) -> Item:
    """The entity a comma-delimited aside hangs on, when ``item`` sits inside that aside.

    In "Veridian Systems, a rival of Quillstone, is in talks to hire Ferrante" the hirer is
    Veridian Systems, not Quillstone: an entity of the same type right before the aside's
    opening comma replaces one inside it, when the aside closes before the trigger.
    """
    items = enc.items
    k = enc.index_of[item]
    opening = next((c for c in range(k - 1, -1, -1) if items[c].kind == "word" and items[c].text == ","), None)
    closing = next((c for c in range(k + 1, min(end, len(items))) if items[c].kind == "word" and items[c].text == ","), None)
    if opening is None or closing is None or opening == 0 or k - opening > 12:
        return item
    head = items[opening - 1]
    if head.kind == "entity" and head.type == item.type and head.name != item.name:
        return head
    return item


def nearest(matches) -> list:
    """Of overlapping matches that end at the same place with the same slot nearest the
    trigger, keep the shortest: the far slot nearest the trigger wins ("Nadella said he
    admired Suleyman as a founder of DeepMind" makes Suleyman, not Nadella, the founder).
    A match with one entity, before its trigger, keeps only the nearest entity of that type:
    in "Ia menggantikan Hendra yang mengundurkan diri" Hendra resigned, not "Ia" (coordinated
    entities, "A dan B mundur", come back as conjuncts)."""
    best: dict[tuple, object] = {}
    for m in matches:
        groups = m.groupdict()
        slots = [(m.start(name), name, groups[name]) for name in ("s", "o", "r") if groups.get(name)]
        entities = [slot for slot in slots if slot[1] != "r"]
        lone = len(entities) == 1 and m.end(entities[0][1]) + 1 < m.end()  # + 1: its trailing space
        near = entities[0][2][1] if lone else max(slots)[1:] if slots else None  # "⟦P3⟧"[1]: P
        key = (m.end(), near, groups.get("r"))
        if key not in best or m.start() > best[key].start():
            best[key] = m
    return list(best.values())


def merge_relations(relations: list[Relation]) -> list[Relation]:
    """One relation per (subject, relation, object, role): the best-supported claim wins.

    Asserted beats negated beats uncertain; then higher confidence; the earliest otherwise.
    Symmetric relations (competitorOf, partnerOf) are stored with subject and object sorted.
    A date found by any of the merged claims is kept.
    """
    best: dict[tuple, Relation] = {}
    for rel in relations:
        if rel.relation in SYMMETRIC_RELATIONS and rel.object < rel.subject:
            rel = replace(rel, subject=rel.object, object=rel.subject)
        key = (rel.subject, rel.relation, rel.object, (rel.role or "").lower())
        old = best.get(key)
        if old is None:
            best[key] = rel
            continue
        rank_new = (_MODALITY_RANK[rel.modality], -rel.confidence)
        rank_old = (_MODALITY_RANK[old.modality], -old.confidence)
        winner, loser = (rel, old) if rank_new < rank_old else (old, rel)
        if winner.date is None and loser.date is not None:
            winner = replace(winner, date=loser.date)
        best[key] = winner
    return list(best.values())
