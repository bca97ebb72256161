"""Where a timeline's marks go: lanes (:mod:`kgraph.view.timeline`) -> positioned bars and glyphs.

Pure geometry in SVG pixels, drawn by :mod:`kgraph.view.timeline_page`. The time axis spans
every date on the timeline (at least :data:`MIN_SPAN_DAYS`, padded); each lane has a row of
events (when it has any) above one row per post. A post whose start is not known fades in over
:data:`FADE` pixels before the first date a claim gives it; a post still held runs open to the
right edge; a former post whose end is not known fades out at its last date.

>>> from kgraph.view.timeline import Claim, Timeline, build_lanes
>>> tl = Timeline("Acme", build_lanes([Claim("Jo", "holdsPosition", role="CEO", status="current",
...                                          date="2024-01-08"), Claim("Jo", "fired", date="2024-05-02")]))
>>> page = layout(tl)
>>> (bar,), (glyph,) = page.bars, page.glyphs
>>> bar.open_end, bar.fade_in, bar.x1 == page.plot[1], glyph.x > bar.x0
(True, False, True, True)
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kgraph.view.timeline import Event, Lane, Post, Timeline, parse_day

__all__ = ["FADE", "MIN_SPAN_DAYS", "Scale", "Axis", "Bar", "Glyph", "LaneBox", "Layout", "time_scale", "ticks",
           "axis_ticks", "spread", "layout"]

FADE = 36.0  # px over which a bar of unknown start (or end) fades
MIN_SPAN_DAYS = 60
LABEL_WIDTH = 210.0
ROW = 26.0
AXIS = 34.0
GAP = 8.0
GLYPH_GAP = 14.0
BREAK = 40.0  # px of a break in the time axis
BREAK_AT = 0.6  # a gap over this share of the whole span (and over a year) breaks the axis
TICK_SPACING = 90.0  # px per tick, about


@dataclass(frozen=True)
class Scale:
    """Days ``start`` .. ``end`` onto pixels ``x0`` .. ``x1``."""

    start: date
    end: date
    x0: float
    x1: float

    def x(self, day: date) -> float:
        span = max((self.end - self.start).days, 1)
        return round(self.x0 + (self.x1 - self.x0) * (day - self.start).days / span, 1)


@dataclass(frozen=True)
class Axis:
    """The time axis: one :class:`Scale` per stretch of dates, with a break of :data:`BREAK`
    pixels between stretches that a long empty time separates."""

    pieces: tuple[Scale, ...]

    @property
    def x0(self) -> float:
        return self.pieces[0].x0

    @property
    def x1(self) -> float:
        return self.pieces[-1].x1

    @property
    def start(self) -> date:
        return self.pieces[0].start

    @property
    def breaks(self) -> list[tuple[float, float]]:
        """The pixel spans of the breaks."""
        return [(a.x1, b.x0) for a, b in zip(self.pieces, self.pieces[1:])]

    def x(self, day: date) -> float:
        previous = None
        for piece in self.pieces:
            if day <= piece.end:
                if previous is None or day >= piece.start:
                    return piece.x(max(day, piece.start))
                gone = (day - previous.end).days / max((piece.start - previous.end).days, 1)
                return round(previous.x1 + (piece.x0 - previous.x1) * gone, 1)
            previous = piece
        return self.x1


def _stretch(low: date, high: date) -> tuple[date, date]:
    span = (high - low).days
    if span < MIN_SPAN_DAYS:
        extra = (MIN_SPAN_DAYS - span) / 2
        low, high = low - timedelta(days=extra), high + timedelta(days=extra)
        span = (high - low).days
    pad = timedelta(days=max(span // 20, 1))
    return low - pad, high + pad


def time_scale(days: list[date], x0: float, x1: float) -> Axis:
    """An axis over ``days``, each stretch padded by a twentieth and at least
    :data:`MIN_SPAN_DAYS` long. When one gap between dates is over :data:`BREAK_AT` of the
    whole span and over a year, and a side of it has several dates, the axis breaks there and each side gets pixels in proportion
    to the dates it holds (a fifth of the width at least), so one old founding date does not
    squeeze the recent years into the right edge.

    >>> a = time_scale([date(2024, 3, 1), date(2024, 3, 3)], 0, 100)
    >>> len(a.pieces), a.start, a.x(date(2024, 3, 2))
    (1, datetime.date(2024, 1, 29), 50.0)
    >>> a = time_scale([date(2019, 1, 1)] + [date(2025, 2, d) for d in (3, 5, 5, 5)], 0, 1000)
    >>> len(a.pieces), a.breaks, a.x(date(2019, 1, 1)) < 150 < a.x(date(2025, 2, 3))
    (2, [(192.0, 232.0)], True)
    """
    ordered = sorted(days) or [date(2000, 1, 1)]
    total = max((ordered[-1] - ordered[0]).days, 1)
    gaps = [((b - a).days, i) for i, (a, b) in enumerate(zip(ordered, ordered[1:]))]
    widest, at = max(gaps, default=(0, 0))
    sides = [ordered[:at + 1], ordered[at + 1:]]
    if widest > BREAK_AT * total and widest > 365 and max(len(set(side)) for side in sides) > 1:
        groups = sides
    else:
        groups = [ordered]
    room = x1 - x0 - BREAK * (len(groups) - 1)
    shares = [min(max(len(g) / len(ordered), 0.2), 0.8) for g in groups]
    pieces, left = [], x0
    for group, share in zip(groups, shares):
        width = room * share / sum(shares)
        pieces.append(Scale(*_stretch(group[0], group[-1]), round(left, 1), round(left + width, 1)))
        left += width + BREAK
    return Axis(tuple(pieces))


def _step(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def _candidates(scale: Scale, days: int, months: int) -> list[date]:
    """Tick days every ``days`` days (weeks start on Monday) or every ``months`` months (from
    the calendar's: quarters in January, April...; years on multiples of their count), within
    the scale."""
    found: list[date] = []
    if days:
        day = scale.start + timedelta(days=(7 - scale.start.weekday()) % 7 if days == 7 else 0)
        step = timedelta(days=days)
    else:
        first = scale.start
        day = (date(first.year - first.year % (months // 12), 1, 1) if months >= 12
               else date(first.year, (first.month - 1) // months * months + 1, 1))  # calendar quarters
    while day <= scale.end and len(found) < 100:
        if day >= scale.start:
            found.append(day)
        day = day + step if days else _step(day, months)
    return found


def ticks(scale: Scale, most: int = 10) -> list[tuple[float, str]]:
    """Ticks of one stretch: days, weeks, months, quarters or years, the finest that gives
    ``most`` or fewer.

    >>> [label for _x, label in ticks(Scale(date(2019, 6, 1), date(2025, 3, 1), 0, 600))]
    ['2020', '2021', '2022', '2023', '2024', '2025']
    >>> [label for _x, label in ticks(Scale(date(2025, 1, 20), date(2025, 3, 20), 0, 600))][:3]
    ['2025-01-20', '2025-01-27', '2025-02-03']
    """
    for days, months in ((1, 0), (7, 0), (0, 1), (0, 3), (0, 6), (0, 12), (0, 24), (0, 60), (0, 120)):
        found = _candidates(scale, days, months)
        if len(found) <= most:
            fmt = "%Y-%m-%d" if days else "%Y" if months >= 12 else "%Y-%m"
            return [(scale.x(d), d.strftime(fmt)) for d in found]
    return []


def axis_ticks(axis: Axis) -> list[tuple[float, str]]:
    """The ticks of every stretch of ``axis``, about one per :data:`TICK_SPACING` pixels."""
    return [tick for piece in axis.pieces
            for tick in ticks(piece, max(1, int((piece.x1 - piece.x0) / TICK_SPACING)))]


def spread(xs: list[float], gap: float = GLYPH_GAP) -> list[float]:
    """Positions moved right just enough that no two are closer than ``gap`` (order kept).

    >>> spread([10.0, 12.0, 40.0, 41.0])
    [10.0, 24.0, 40.0, 54.0]
    """
    out: list[float] = []
    for x in xs:
        out.append(max(x, out[-1] + gap) if out else x)
    return out


@dataclass(frozen=True)
class Bar:
    """A post drawn from ``x0`` to ``x1`` on row ``y`` (its top)."""

    x0: float
    x1: float
    y: float
    fade_in: bool
    fade_out: bool
    open_end: bool
    post: Post
    conflict: bool


@dataclass(frozen=True)
class Glyph:
    """An event drawn centred at ``x``, ``y``."""

    x: float
    y: float
    event: Event
    conflict: bool
    room: float = 0.0  # free pixels to its right: to the next glyph of the lane, or the page's edge
    room_left: float = 0.0  # and to its left: to the previous glyph, or the lane's name


@dataclass(frozen=True)
class LaneBox:
    """A lane's band: top ``y`` and ``height``."""

    y: float
    height: float
    lane: Lane


@dataclass(frozen=True)
class Layout:
    """Everything a page draws, in pixels."""

    timeline: Timeline
    width: float
    height: float
    plot: tuple[float, float]
    ticks: list[tuple[float, str]]
    breaks: list[tuple[float, float]]
    lanes: list[LaneBox]
    bars: list[Bar]
    glyphs: list[Glyph]


def _days(timeline: Timeline) -> list[date]:
    found = []
    for lane in timeline.lanes:
        for post in lane.posts:
            found += [post.start, post.end, post.first_seen, post.last_seen]
        found += [e.when for e in lane.events]
    return [d for d in map(parse_day, found) if d is not None]


def _bar(post: Post, scale: Axis, y: float, conflict: bool) -> Bar:
    start, end = parse_day(post.start), parse_day(post.end)
    first, last = parse_day(post.first_seen), parse_day(post.last_seen)
    known_left = scale.x(start) if start else None
    anchor = min(d for d in (first, end, last, start) if d) if (first or end or last or start) else scale.start
    x0 = known_left if known_left is not None else max(scale.x0, scale.x(anchor) - FADE)
    if not post.ended:
        x1, fade_out, open_end = scale.x1, False, True
    elif end:
        x1, fade_out, open_end = scale.x(end), False, False
    else:
        x1, fade_out, open_end = scale.x(last or anchor), True, False
    if x1 < x0 + 6:
        x1 = x0 + 6
    return Bar(x0, x1, y, known_left is None, fade_out, open_end, post, conflict)


def layout(timeline: Timeline, width: float = 1100.0) -> Layout:
    """Place every lane, bar and glyph of ``timeline`` on a page ``width`` pixels wide."""
    plot = (LABEL_WIDTH + FADE, width - 30.0)
    scale = time_scale(_days(timeline), *plot)
    boxes, bars, glyphs = [], [], []
    y = AXIS
    for lane in timeline.lanes:
        rows = len(lane.posts) + (1 if lane.events else 0)
        top = y
        if lane.events:
            dated = [(scale.x(parse_day(e.when)) if parse_day(e.when) else plot[0], e) for e in lane.events]
            dated.sort(key=lambda pair: pair[0])
            xs = spread([x for x, _e in dated])
            for i, (x, (_x, event)) in enumerate(zip(xs, dated)):
                hit = any(c.involves(event.change, event.claims) for c in lane.conflicts)
                room = (xs[i + 1] if i + 1 < len(xs) else width) - x - GLYPH_GAP
                room_left = x - (xs[i - 1] + GLYPH_GAP if i else LABEL_WIDTH) - GLYPH_GAP
                glyphs.append(Glyph(x, y + ROW / 2, event, hit, room, room_left))
            y += ROW
        for post in lane.posts:
            hit = any(c.involves("holdsPosition", post.claims) for c in lane.conflicts)
            bars.append(_bar(post, scale, y, hit))
            y += ROW
        boxes.append(LaneBox(top, rows * ROW, lane))
        y += GAP
    return Layout(timeline, width, y + 6, plot, axis_ticks(scale), scale.breaks, boxes, bars, glyphs)
