"""Rules that look beyond one sentence: what later sentences say about a claim.

Pure functions over the relations of one article and a little information per sentence
(:class:`SentenceInfo`), so each can be tested with hand-made relations.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Iterable

from kgraph.models import Relation

__all__ = ["SentenceInfo", "DATED_RELATIONS", "ONCE_RELATIONS", "demote_left_posts", "carry_dates",
           "date_from_narrative", "date_from_statements", "narrative_dates", "apply_denials"]

#: relations whose date is the date of a change (a role is a state: it gets no date)
DATED_RELATIONS = frozenset({"fired", "resigned", "joined", "offeredCompensation", "acquired", "investedIn", "laidOff"})
#: relations that happen to their object once: an organization is founded once, so the year the
#: article gives for its founding anywhere dates every claim of who founded it
ONCE_RELATIONS = frozenset({"founded"})


@dataclass(frozen=True)
class SentenceInfo:
    """What the discourse rules need to know of one sentence."""

    start: int  # character offset in the article text
    first_date: date | None = None
    deniers: frozenset[str] = frozenset()  # people who deny a report in this sentence


#: The suffix of the joining rules that read a seat on a board ("joins the board"): no move.
_BOARD_RULE = ".joined.board"


def demote_left_posts(relations: list[Relation], kept_words: Iterable[str],
                      future_words: Iterable[str] = ()) -> list[Relation]:
    """A post at an organization the person was fired from or left is a former post, and so is
    a post at another organization than the one the article has the person join ("Acme hired
    Ana, chief executive of Beta"; "Ana joined Acme in May" makes her post at Beta, named in any
    sentence, a former one), unless the post's sentence says it is kept ("tetap", "remains") or
    the move is still to come ("Beta's CEO, Ana, will join Acme"). A seat on a board is no move:
    joining a board leaves the person's other posts as they are.

    >>> posts = [Relation("Ana", "holdsPosition", "Acme", role="CEO", status="current", evidence="Ana, CEO Acme."),
    ...          Relation("Ana", "resigned", "Acme")]
    >>> demote_left_posts(posts, {"remains"})[0].status
    'former'
    >>> moved = [Relation("Ana", "holdsPosition", "Beta", role="CTO", status="current", evidence="Ana, CTO Beta.", start=0),
    ...          Relation("Ana", "joined", "Acme", evidence="Ana joined Acme in May.", start=20)]
    >>> demote_left_posts(moved, {"remains"})[0].status
    'former'
    """
    kept = {w.lower() for w in kept_words}
    future = {w.lower() for w in future_words}
    gone = {(r.subject, r.object) if r.relation == "resigned" else (r.object, r.subject)
            for r in relations if r.relation in ("resigned", "fired") and r.modality == "asserted"}
    joins = [r for r in relations if r.relation == "joined" and r.modality == "asserted"
             and not any(w.lower() in future for w in r.evidence.split())]
    # "Acme hired Ana, the CEO of Beta": a post described beside a move to another company
    moved = {(r.subject, r.start): r.object for r in joins}
    # the organizations each person moves to anywhere in the article (a board seat is no move)
    homes: dict[str, set[str]] = {}
    for r in joins:
        if not r.rule.endswith(_BOARD_RULE):
            homes.setdefault(r.subject, set()).add(r.object)
    out = []
    for r in relations:
        new_home = moved.get((r.subject, r.start))
        moves = homes.get(r.subject, set())
        left = ((r.subject, r.object) in gone or (new_home is not None and new_home != r.object)
                or bool(moves) and r.object not in moves)
        if r.relation == "holdsPosition" and r.status == "current" and left \
                and not any(w.lower().strip(".,") in kept for w in r.evidence.split()):
            r = replace(r, status="former")
        out.append(r)
    return out


def drop_prior_jobs(relations: list[Relation], before_joining: Iterable[str]) -> list[Relation]:
    """A job named after "before joining X" is one the person left, not one they joined:
    "Sebelum bergabung dengan Dana Kita, ia bekerja di Bank Mandiri" does not make Bank Mandiri
    a new employer (the claim is dropped; X itself stays joined).

    >>> r = Relation("Bayu", "joined", "Bank Mandiri", evidence="Sebelum bergabung dengan Dana Kita, ia bekerja di Bank Mandiri.")
    >>> drop_prior_jobs([r], ["sebelum bergabung"])
    []
    """
    phrases = [p.lower() for p in before_joining]
    out = []
    for r in relations:
        text = r.evidence.lower()
        cue = next((text.index(p) + len(p) for p in phrases if p in text), None)
        # the organization right after the cue ("dengan Dana Kita") is the one joined
        if r.relation == "joined" and cue is not None and r.object.lower() not in text[cue:cue + len(r.object) + 12]:
            continue
        out.append(r)
    return out


def carry_dates(relations: list[Relation], sentences: list[SentenceInfo]) -> list[Relation]:
    """An undated change takes the date of the next sentence when that sentence only adds
    circumstances ("Keputusan itu diumumkan pada Jumat (18/11)") and claims no change itself.

    >>> s = [SentenceInfo(0), SentenceInfo(30, date(2024, 5, 3))]
    >>> carry_dates([Relation("Acme", "laidOff", "Acme employees", start=0)], s)[0].date
    '2024-05-03'
    """
    index = {info.start: n for n, info in enumerate(sentences)}
    changes_at = {r.start for r in relations if r.relation in DATED_RELATIONS}
    out = []
    for r in relations:
        n = index.get(r.start)
        if r.relation in DATED_RELATIONS and r.date is None and n is not None and n + 1 < len(sentences):
            nxt = sentences[n + 1]
            if nxt.first_date is not None and nxt.start not in changes_at:
                r = replace(r, date=nxt.first_date.isoformat())
        out.append(r)
    return out


def narrative_dates(sentences: list[SentenceInfo]) -> dict[int, date]:
    """Per sentence start, the latest full date an earlier sentence gives: the time the story
    last named (news tells its events in order)."""
    latest: dict[int, date] = {}
    last = None
    for info in sentences:
        if last is not None:
            latest[info.start] = last
        if info.first_date is not None:
            last = info.first_date
    return latest


def date_from_narrative(relations: list[Relation], sentences: list[SentenceInfo]) -> list[Relation]:
    """A change still undated takes the date the story last named before its sentence
    (:func:`narrative_dates`): an undated step ("Microsoft also invested in Acme") belongs to
    the time of the events around it.

    >>> s = [SentenceInfo(0, date(2024, 5, 3)), SentenceInfo(30), SentenceInfo(60)]
    >>> date_from_narrative([Relation("Acme", "acquired", "Beta", start=60)], s)[0].date
    '2024-05-03'
    >>> date_from_narrative([Relation("Acme", "acquired", "Beta", start=0)], s[1:])[0].date is None
    True
    """
    latest = narrative_dates(sentences)
    return [replace(r, date=latest[r.start].isoformat())
            if r.relation in DATED_RELATIONS and r.date is None and r.start in latest else r for r in relations]


def apply_denials(relations: list[Relation], sentences: list[SentenceInfo], *, reach: int = 2) -> list[Relation]:
    """A rumoured claim about a person becomes negated when, within ``reach`` sentences after
    it, that person denies a report ("Fajrin membantah kabar tersebut").

    >>> s = [SentenceInfo(0), SentenceInfo(40, deniers=frozenset({"Fajrin"}))]
    >>> apply_denials([Relation("Fajrin", "resigned", "Acme", modality="uncertain", start=0)], s)[0].modality
    'negated'
    """
    index = {info.start: n for n, info in enumerate(sentences)}
    out = []
    for r in relations:
        n = index.get(r.start)
        if r.modality == "uncertain" and n is not None:
            later = sentences[n + 1:n + 1 + reach]
            if any(r.subject in info.deniers for info in later):
                r = replace(r, modality="negated")
        out.append(r)
    return out


def date_from_statements(relations: list[Relation], stated: dict[tuple[str, str], str]) -> list[Relation]:
    """A claim of a :data:`ONCE_RELATIONS` relation takes the date the article states for that
    relation of its object wherever it says it (``stated``: (relation, object) -> date), before
    the date of its own sentence, which dates the news ("co-founder Anthony Tan said on Tuesday"):
    "Uber, founded in 2009" dates "Kalanick, who co-founded Uber".

    >>> stated = {("founded", "Uber"): "2009"}
    >>> [r.date for r in date_from_statements([Relation("Travis Kalanick", "founded", "Uber", date="2017-06-20"),
    ...                                         Relation("Uber", "acquired", "Otto")], stated)]
    ['2009', None]
    """
    return [replace(r, date=stated[(r.relation, r.object)])
            if r.relation in ONCE_RELATIONS and (r.relation, r.object) in stated else r for r in relations]
