"""The tenure timeline of an organization as data: query rows -> claims -> lanes.

``queries/tenure_timeline.rq`` answers, for one organization, every holdsPosition, joined,
resigned, fired and founded claim with its own date, its article's date, modality, evidence and
source. :func:`claims_from_rows` reads those rows, :func:`build_lanes` groups them into one
:class:`Lane` per person: the posts held (one :class:`Post` per role, merging what several
articles say about it) and the one-time changes (:class:`Event`: fired, resigned, joined,
founded, and every negated claim as a denial). ``queries/conflicts.rq`` rows that involve the
organization become :class:`Conflict` marks on the person's lane (:func:`conflicts_for`).

Everything here is pure except :func:`read_timeline` and :func:`view_timelines`, which ask a
dataset; :mod:`kgraph.view.timeline_layout` places the lanes and :mod:`kgraph.view.timeline_page`
draws them.

>>> rows = [{"person": "Jo Doe", "change": "holdsPosition", "role": "CEO", "status": "current",
...          "modality": "asserted", "date": "2024-01-08", "published": "2024-01-09"},
...         {"person": "Jo Doe", "change": "fired", "modality": "asserted", "published": "2024-05-02"}]
>>> (lane,) = build_lanes(claims_from_rows(rows))
>>> [(p.role, p.status, p.start) for p in lane.posts], [(e.change, e.when, e.dated) for e in lane.events]
([('CEO', 'current', '2024-01-08')], [('fired', '2024-05-02', False)])
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

__all__ = ["CHANGES", "Claim", "Conflict", "Post", "Event", "Lane", "Timeline", "parse_day",
           "claims_from_rows", "conflicts_for", "build_lanes", "build_timeline", "rank_organizations",
           "read_timeline", "view_timelines"]

CHANGES: tuple[str, ...] = ("holdsPosition", "joined", "resigned", "fired", "founded")
"""The relations a timeline draws (the ``?change`` values of tenure_timeline.rq)."""

Row = Mapping[str, "str | None"]


@dataclass(frozen=True)
class Claim:
    """One claim of tenure_timeline.rq: who, what change, and the evidence behind it."""

    person: str
    change: str
    modality: str = "asserted"
    role: str | None = None
    status: str | None = None
    date: str | None = None  # the claim's own date: YYYY-MM-DD, YYYY-MM or YYYY
    published: str | None = None  # its article's date
    confidence: float | None = None
    evidence: str = ""
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    article: str = ""
    claim: str = ""

    @property
    def when(self) -> str | None:
        """The claim's date, else its article's."""
        return self.date or self.published


@dataclass(frozen=True)
class Conflict:
    """Two sources that disagree about one person's change at the organization."""

    kind: str  # "asserted vs negated", "fired vs resigned", "different dates"
    relation: str
    person: str
    said: tuple[str, str]
    sources: tuple[str, str]
    articles: tuple[str, str]

    def involves(self, change: str, claims: Iterable[Claim]) -> bool:
        """Whether a mark of ``change`` drawn from ``claims`` is one of the two sides."""
        relations = {"fired", "resigned"} if self.relation == "fired / resigned" else {self.relation}
        return change in relations and any(c.article in self.articles for c in claims)


@dataclass(frozen=True)
class Post:
    """A role held: from ``start`` (when known) to ``end`` (when known) or still held."""

    role: str
    status: str  # "current", "former" (ended) or "interim"
    modality: str  # "asserted", or "uncertain" when no claim asserts it
    start: str | None
    end: str | None
    first_seen: str | None  # earliest date a claim gives (its own or its article's)
    last_seen: str | None
    claims: tuple[Claim, ...]

    @property
    def ended(self) -> bool:
        return self.status == "former" or any(c.status == "former" for c in self.claims)


@dataclass(frozen=True)
class Event:
    """A one-time change (fired, resigned, joined, founded) or a denied claim (negated)."""

    change: str
    when: str | None
    dated: bool  # False: the claim has no date and the article's is used
    modality: str  # "asserted", "uncertain" or "negated"
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Lane:
    """One person (or group) at the organization."""

    person: str
    posts: tuple[Post, ...]
    events: tuple[Event, ...]
    conflicts: tuple[Conflict, ...] = ()

    @property
    def claims(self) -> int:
        return sum(len(p.claims) for p in self.posts) + sum(len(e.claims) for e in self.events)


@dataclass(frozen=True)
class Timeline:
    """An organization's lanes, ordered by when each person first appears."""

    organization: str
    lanes: tuple[Lane, ...]

    @property
    def denials(self) -> int:
        """How many negated claims the timeline holds (drawn as denial marks)."""
        return sum(len(e.claims) for lane in self.lanes for e in lane.events if e.modality == "negated")


def parse_day(text: str | None) -> date | None:
    """The day a timeline places ``text`` at: a date, the first of a month or of a year.

    >>> parse_day("2024-05-13"), parse_day("2024-05"), parse_day("2019"), parse_day("soon")
    (datetime.date(2024, 5, 13), datetime.date(2024, 5, 1), datetime.date(2019, 1, 1), None)
    """
    if not text:
        return None
    parts = text[:10].split("-")
    try:
        numbers = [int(p) for p in parts]
        return date(numbers[0], *(numbers[1:] + [1, 1])[:2]) if 1 <= len(numbers) <= 3 else None
    except ValueError:
        return None


def _text(row: Row, name: str) -> str | None:
    value = row.get(name)
    return None if value is None or value == "" else str(value)


def claims_from_rows(rows: Iterable[Row]) -> list[Claim]:
    """Claims from tenure_timeline.rq rows (variable name -> text, None or missing if unbound).

    Rows of other changes are left out; a confidence that is not a number is dropped.

    >>> claims_from_rows([{"person": "Jo", "change": "fired", "confidence": "0.8"},
    ...                   {"person": "Jo", "change": "acquired"}])[0].confidence
    0.8
    """
    claims = []
    for row in rows:
        change, person = _text(row, "change"), _text(row, "person")
        if change not in CHANGES or person is None:
            continue
        try:
            confidence = float(row["confidence"]) if _text(row, "confidence") else None  # type: ignore[arg-type]
        except ValueError:
            confidence = None
        claims.append(Claim(
            person=person, change=change, modality=_text(row, "modality") or "asserted",
            role=_text(row, "role"), status=_text(row, "status"), date=_text(row, "date"),
            published=_text(row, "published"), confidence=confidence, evidence=_text(row, "evidence") or "",
            title=_text(row, "title"), url=_text(row, "url"), publisher=_text(row, "publisher"),
            article=_text(row, "article") or "", claim=_text(row, "claim") or ""))
    return claims


def conflicts_for(rows: Iterable[Row], organization: str) -> list[Conflict]:
    """The conflicts.rq rows between ``organization`` and a person, as lane conflicts.

    >>> row = {"conflict": "fired vs resigned", "subject": "Acme", "relation": "fired / resigned",
    ...        "object": "Jo", "claimA": "Acme fired Jo", "claimB": "Jo resigned from Acme",
    ...        "sourceA": "A", "sourceB": "B", "articleA": "a:1", "articleB": "a:2"}
    >>> [(c.person, c.kind) for c in conflicts_for([row], "Acme")], conflicts_for([row], "Other")
    ([('Jo', 'fired vs resigned')], [])
    """
    found = []
    for row in rows:
        subject, obj, relation = _text(row, "subject"), _text(row, "object"), _text(row, "relation") or ""
        if relation not in CHANGES and relation != "fired / resigned":
            continue
        person = obj if subject == organization else subject if obj == organization else None
        if person is None:
            continue
        articles = (_text(row, "articleA") or "", _text(row, "articleB") or "")
        found.append(Conflict(
            kind=_text(row, "conflict") or "conflict", relation=relation, person=person,
            said=(_text(row, "claimA") or "", _text(row, "claimB") or ""),
            sources=(_text(row, "sourceA") or articles[0], _text(row, "sourceB") or articles[1]),
            articles=articles))
    return found


def _order(day: str | None) -> tuple[date, str]:
    return (parse_day(day) or date.max, day or "")


def _post(role: str, claims: Sequence[Claim]) -> Post:
    """What the claims about one role say: a current or interim claim's date is when the post
    began, a former one's when it ended (DEVELOPERS.md, ``org:memberDuring``)."""
    begins = [c.date for c in claims if c.status != "former" and parse_day(c.date)]
    ends = [c.date for c in claims if c.status == "former" and parse_day(c.date)]
    seen = sorted((c.when for c in claims if parse_day(c.when)), key=_order)
    ended = any(c.status == "former" for c in claims)
    status = "former" if ended else "interim" if any(c.status == "interim" for c in claims) else "current"
    modality = "asserted" if any(c.modality == "asserted" for c in claims) else "uncertain"
    return Post(role=role, status=status, modality=modality,
                start=min(begins, key=_order) if begins else None,
                end=max(ends, key=_order) if ends else None,
                first_seen=seen[0] if seen else None, last_seen=seen[-1] if seen else None,
                claims=tuple(claims))


def _role_key(claim: Claim) -> tuple[str, bool]:
    """Claims about one post: the same role (any case or spacing), interim apart."""
    return (" ".join((claim.role or "post").split()).casefold(), claim.status == "interim")


def build_lanes(claims: Iterable[Claim], conflicts: Iterable[Conflict] = ()) -> tuple[Lane, ...]:
    """One lane per person, ordered by the first date on it (undated last), then by name.

    Non-negated holdsPosition claims about one role become one post; the other non-negated
    claims become events, one per change and date (the claims of several articles together);
    negated claims of any relation become denial events (modality ``negated``).

    >>> cs = [Claim("Jo", "holdsPosition", role="CEO", status="current", date="2020"),
    ...       Claim("Jo", "holdsPosition", role="ceo", status="former", date="2024-05", published="2024-06-01"),
    ...       Claim("Jo", "fired", modality="negated", published="2024-06-01"),
    ...       Claim("Al", "joined", date="2021-03-01")]
    >>> lanes = build_lanes(cs)
    >>> [lane.person for lane in lanes]
    ['Jo', 'Al']
    >>> [(p.status, p.start, p.end) for p in lanes[0].posts], [e.modality for e in lanes[0].events]
    ([('former', '2020', '2024-05')], ['negated'])
    """
    by_person: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_person[claim.person].append(claim)
    disputes: dict[str, list[Conflict]] = defaultdict(list)
    for conflict in conflicts:
        disputes[conflict.person].append(conflict)
    lanes = []
    for person, own in by_person.items():
        roles: dict[tuple[str, bool], list[Claim]] = defaultdict(list)
        changes: dict[tuple[str, str, str | None], list[Claim]] = defaultdict(list)
        for claim in own:
            if claim.change == "holdsPosition" and claim.modality != "negated":
                roles[_role_key(claim)].append(claim)
            else:
                kind = "negated" if claim.modality == "negated" else "event"
                changes[(kind, claim.change, claim.when)].append(claim)
        posts = [_post(group[0].role or "post", group) for group in roles.values()]
        events = []
        for (kind, change, when), group in changes.items():
            modality = ("negated" if kind == "negated" else
                        "asserted" if any(c.modality == "asserted" for c in group) else "uncertain")
            events.append(Event(change=change, when=when, dated=any(c.date for c in group),
                                modality=modality, claims=tuple(group)))
        posts.sort(key=lambda p: (_order(p.start or p.first_seen), p.role.casefold()))
        events.sort(key=lambda e: (_order(e.when), e.change))
        lanes.append(Lane(person, tuple(posts), tuple(events), tuple(disputes.get(person, ()))))
    return tuple(sorted(lanes, key=lambda lane: (_first(lane), lane.person.casefold())))


def _first(lane: Lane) -> tuple[date, str]:
    days = [p.start or p.first_seen for p in lane.posts] + [e.when for e in lane.events]
    return min((_order(d) for d in days), default=(date.max, ""))


def build_timeline(organization: str, rows: Iterable[Row], conflict_rows: Iterable[Row] = ()) -> Timeline:
    """The timeline of ``organization`` from its tenure_timeline.rq and conflicts.rq rows."""
    return Timeline(organization, build_lanes(claims_from_rows(rows), conflicts_for(conflict_rows, organization)))


def rank_organizations(rows: Iterable[Row], among: Iterable[str] | None = None, first: str | None = None,
                       limit: int = 5) -> list[str]:
    """The organizations a view shows timelines of, from timeline_organizations.rq rows
    (``organization``, ``people``, ``claims``): ``first`` (if it has claims), then those with the
    most people on their timeline, then the most claims, then by name; only those in ``among``
    when given.

    >>> rows = [{"organization": o, "people": p, "claims": c} for o, p, c in
    ...         [("A", "1", "1"), ("B", "2", "3"), ("C", "1", "2")]]
    >>> rank_organizations(rows), rank_organizations(rows, first="C", limit=2), rank_organizations(rows, among=["A"])
    (['B', 'C', 'A'], ['C', 'B'], ['A'])
    """
    allowed = None if among is None else set(among)
    counts: dict[str, tuple[int, int]] = {}
    for row in rows:
        org = _text(row, "organization")
        if org is None or (allowed is not None and org not in allowed):
            continue
        counts[org] = (int(_text(row, "people") or 0), int(_text(row, "claims") or 0))
    ranked = sorted(counts, key=lambda o: (o != first, -counts[o][0], -counts[o][1], o.casefold()))
    return ranked[:limit]


def _rows(dataset: object, name: str, bindings: Mapping[str, object] | None = None) -> list[dict[str, str | None]]:
    from kgraph.query import load_query, query_dir, run_query
    from kgraph.rdf.results import result_rows

    names, rows = result_rows(run_query(dataset, load_query(name, folder=query_dir()), bindings))  # type: ignore[arg-type]
    return [{n: None if v is None else str(v) for n, v in zip(names, row)} for row in rows]


def _tenure_rows(dataset: object, organization: str) -> list[dict[str, str | None]]:
    from rdflib import Literal

    return _rows(dataset, "tenure_timeline", {"organization": Literal(organization)})


def read_timeline(dataset: object, organization: str) -> Timeline:
    """The timeline of the organization called ``organization`` (its canonical name)."""
    return build_timeline(organization, _tenure_rows(dataset, organization), _rows(dataset, "conflicts"))


def view_timelines(dataset: object, among: Iterable[str] | None = None, first: str | None = None,
                   limit: int = 5) -> list[Timeline]:
    """The timelines the network view's tab shows (:func:`rank_organizations`): the ranking
    (timeline_organizations.rq), conflicts.rq, and tenure_timeline.rq bound to each chosen one."""
    chosen = rank_organizations(_rows(dataset, "timeline_organizations"), among, first, limit)
    conflict_rows = _rows(dataset, "conflicts") if chosen else []
    return [build_timeline(org, _tenure_rows(dataset, org), conflict_rows) for org in chosen]
