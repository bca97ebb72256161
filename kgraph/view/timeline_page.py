"""A tenure timeline (:mod:`kgraph.view.timeline_layout`) drawn as inline SVG in one offline page.

:func:`timeline_fragment` is the drawing with its details panel (also the network view's
Timeline tab, :func:`timeline_tab`); :func:`timeline_page` the whole page, which fetches nothing
(a Content-Security-Policy forbids it) and carries its small CSS and JS inline
(``kgraph/templates/timeline.*``). Every piece of article text (names, roles, sentences, titles,
URLs) is HTML-escaped where it is written, in text and in attributes, and the script only shows
and hides the details written here, so an article containing ``<script>`` cannot run code.

>>> from kgraph.view.timeline import Claim, Timeline, build_lanes
>>> tl = Timeline("Acme", build_lanes([Claim("Jo", "fired", evidence='<script>alert("x")</script>')]))
>>> part = timeline_fragment(tl)
>>> "<script>" in part, "&lt;script&gt;alert(&quot;x&quot;)" in part
(False, True)
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from importlib import resources
from pathlib import Path

from kgraph.errors import OutputError
from kgraph.output_files import write_output
from kgraph.view.timeline import Claim, Conflict, Event, Post, Timeline
from kgraph.view.timeline_layout import FADE, ROW, Bar, Glyph, Layout, layout

__all__ = ["post_label", "event_label", "timeline_fragment", "timeline_page", "timeline_tab", "write_timeline"]

_MARKER = re.compile(r"<!--KG:([A-Z_]+)-->")
STATUS_COLOURS = {"current": "#1f77b4", "interim": "#ff7f0e", "former": "#8c9db5"}
EVENT_LOOKS = {  # change -> (colour, SVG path around 0,0, what the legend calls it)
    "fired": ("#d62728", "M-6,-5 L6,-5 L0,6 Z", "fired"),
    "resigned": ("#9467bd", "M-5,-5 L5,-5 L5,5 L-5,5 Z", "resigned"),
    "joined": ("#2ca02c", "M0,-6 L6,5 L-6,5 Z", "joined"),
    "founded": ("#8c564b", "M0,-6 L6,0 L0,6 L-6,0 Z", "founded"),
    "holdsPosition": ("#1f77b4", "M-5,0 A5,5 0 1,0 5,0 A5,5 0 1,0 -5,0 Z", "post"),
}
NEGATED_COLOUR = "#8a8a8a"
CONFLICT_COLOUR = "#d62728"
_TEXT_EM = 5.9  # px per character of a 10.5 px role label, to keep labels on the page


def _template(name: str) -> str:
    return (resources.files("kgraph") / "templates" / name).read_text(encoding="utf-8")


def _asset(name: str) -> str:
    """A template inlined in a ``<style>`` or ``<script>`` element, which it must not close."""
    text = _template(name)
    if re.search(r"</(script|style)|<!--", text, re.IGNORECASE):
        raise OutputError(f"kgraph/templates/{name}: an inlined asset contains a closing tag or comment opener")
    return text


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def post_label(post: Post) -> str:
    """The words beside a bar: the role, and what is known of when.

    >>> from kgraph.view.timeline import Post
    >>> post_label(Post("CEO", "current", "asserted", "2024-01-08", None, "2024-01-08", "2024-03-01", ()))
    'CEO, since 2024-01-08'
    >>> post_label(Post("CEO", "former", "uncertain", None, None, "2024-03-01", "2024-03-01", ()))
    'CEO (former as of 2024-03-01, rumoured)'
    """
    if post.status == "former" or post.ended:
        when = (f"{post.start} to {post.end}" if post.start and post.end else f"until {post.end}" if post.end
                else f"from {post.start}, former as of {post.last_seen}" if post.start
                else f"former as of {post.last_seen}" if post.last_seen else "former, undated")
    else:
        when = (f"since {post.start}" if post.start else f"as of {post.first_seen}" if post.first_seen
                else "undated")
    role = f"interim {post.role}" if post.status == "interim" else post.role
    if when.startswith(("since", "from", "until")) or " to " in when:
        text = f"{role}, {when}"
        return text + (" (rumoured)" if post.modality == "uncertain" else "")
    return f"{role} ({when}{', rumoured' if post.modality == 'uncertain' else ''})"


def event_label(event: Event) -> str:
    """What an event mark says.

    >>> from kgraph.view.timeline import Event
    >>> event_label(Event("fired", "2024-05-02", False, "negated", ()))
    'not fired (denied), 2024-05-02 (article date)'
    """
    name = EVENT_LOOKS.get(event.change, ("", "", event.change))[2]
    if event.change == "holdsPosition":
        roles = sorted({c.role for c in event.claims if c.role})
        name = ", ".join(roles) or name
    head = {"negated": f"not {name} (denied)", "uncertain": f"{name} (rumoured)"}.get(event.modality, name)
    when = event.when or "undated"
    return f"{head}, {when}" + ("" if event.dated or not event.when else " (article date)")


def _short_label(event: Event) -> str:
    """The words written beside an event mark: what and when (``~`` when the date is the article's).

    >>> from kgraph.view.timeline import Event
    >>> _short_label(Event("fired", "2024-05-02", False, "negated", ()))
    'not fired ~2024-05-02'
    """
    name = EVENT_LOOKS.get(event.change, ("", "", event.change))[2]
    head = f"not {name}" if event.modality == "negated" else f"{name}?" if event.modality == "uncertain" else name
    return f"{head} {'' if event.dated else '~'}{event.when}" if event.when else head


def _link(url: str | None) -> str:
    if url and re.match(r"https?://", url, re.I):
        return f'<a href="{_e(url)}" target="_blank" rel="noopener noreferrer">{_e(url)}</a>'
    return _e(url) if url else ""


def _claim_html(claim: Claim) -> str:
    rows = [("source", claim.title or claim.article), ("publisher", claim.publisher),
            ("published", claim.published), ("claim's date", claim.date or "none given"),
            ("role", claim.role), ("status", claim.status), ("modality", claim.modality),
            ("confidence", None if claim.confidence is None else f"{claim.confidence:.2f}")]
    cells = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows if v)
    link = _link(claim.url) or _e(claim.article)
    quote = f'<blockquote>\u201c{_e(claim.evidence)}\u201d</blockquote>' if claim.evidence else ""
    return f"<li>{quote}<dl>{cells}<dt>link</dt><dd>{link}</dd></dl></li>"


def _conflict_html(conflict: Conflict) -> str:
    return (f'<p class="tl-warn">Sources disagree ({_e(conflict.kind)}, {_e(conflict.relation)}): '
            f"\u201c{_e(conflict.said[0])}\u201d in {_e(conflict.sources[0])}; "
            f"\u201c{_e(conflict.said[1])}\u201d in {_e(conflict.sources[1])}</p>")


def _detail(ident: str, heading: str, claims: Sequence[Claim], conflicts: Sequence[Conflict]) -> str:
    body = "".join(_conflict_html(c) for c in conflicts)
    items = "".join(_claim_html(c) for c in claims)
    return (f'<div class="tl-detail" id="{ident}" hidden><h3>{_e(heading)}</h3>{body}'
            f'<ol class="tl-claims">{items}</ol></div>')


def _tooltip(heading: str, claims: Sequence[Claim]) -> str:
    first = claims[0] if claims else None
    lines = [heading]
    if first is not None:
        if first.evidence:
            lines.append(f"\u201c{first.evidence}\u201d")
        lines.append(" \u2014 ".join(x for x in (first.title, first.publisher, first.published) if x))
    if len(claims) > 1:
        lines.append(f"(+{len(claims) - 1} more source{'s' if len(claims) > 2 else ''}; click for all)")
    return f"<title>{_e(chr(10).join(lines))}</title>"


def _bar_svg(bar: Bar, prefix: str, ident: str, width: float) -> str:
    post = bar.post
    colour = STATUS_COLOURS.get(post.status, STATUS_COLOURS["current"])
    y, h = bar.y + 13, 9
    parts = []
    solid0, solid1 = bar.x0, bar.x1
    fade = min(FADE, (bar.x1 - bar.x0) / 2)
    if bar.fade_in:
        parts.append(f'<rect x="{bar.x0}" y="{y}" width="{fade:.1f}" height="{h}" fill="url(#{prefix}-in-{post.status})"/>')
        solid0 = bar.x0 + fade
    if bar.fade_out:
        parts.append(f'<rect x="{bar.x1 - fade:.1f}" y="{y}" width="{fade:.1f}" height="{h}" '
                     f'fill="url(#{prefix}-out-{post.status})"/>')
        solid1 = bar.x1 - fade
    parts.append(f'<rect x="{solid0:.1f}" y="{y}" width="{max(solid1 - solid0, 0):.1f}" height="{h}" fill="{colour}"/>')
    if bar.open_end:
        parts.append(f'<path d="M{bar.x1},{y - 3} L{bar.x1 + 9},{y + h / 2} L{bar.x1},{y + h + 3} Z" fill="{colour}"/>')
    if post.modality == "uncertain":
        parts.append(f'<rect class="tl-outline" x="{bar.x0}" y="{y - 1.5}" width="{bar.x1 - bar.x0:.1f}" '
                     f'height="{h + 3}" fill="none" stroke="{colour}" stroke-dasharray="4 3"/>')
    if bar.conflict:
        parts.append(f'<rect x="{bar.x0 - 3}" y="{y - 4}" width="{bar.x1 - bar.x0 + 6:.1f}" height="{h + 8}" '
                     f'fill="none" stroke="{CONFLICT_COLOUR}" stroke-width="1.5" stroke-dasharray="2 2"/>')
    label = post_label(post)
    tx = bar.x0 + (FADE / 2 if bar.fade_in else 0)
    anchor = ""
    if tx + _TEXT_EM * len(label) > width - 4:  # it would run off the page: end it at the bar's end
        anchor, tx = 'text-anchor="end" ', min(bar.x1, width - 14)
    parts.append(f'<text {anchor}x="{tx:.1f}" y="{bar.y + 10}" class="tl-role">{_e(label)}</text>')
    classes = f"tl-mark tl-bar tl-{post.status} tl-{post.modality}" + (" tl-conflicting" if bar.conflict else "")
    return (f'<g class="{classes}" data-detail="{ident}" tabindex="0">'
            f'{_tooltip(label, post.claims)}{"".join(parts)}</g>')


def _glyph_svg(glyph: Glyph, ident: str) -> str:
    event = glyph.event
    colour, path, _name = EVENT_LOOKS.get(event.change, EVENT_LOOKS["joined"])
    negated, uncertain = event.modality == "negated", event.modality == "uncertain"
    fill = "#ffffff" if negated or uncertain or not event.dated else colour
    stroke = NEGATED_COLOUR if negated else colour
    dash = ' stroke-dasharray="2.5 2"' if uncertain else ""
    parts = [f'<path transform="translate({glyph.x},{glyph.y})" d="{path}" fill="{fill}" stroke="{stroke}" '
             f'stroke-width="1.6"{dash}/>']
    if negated:
        parts.append(f'<line x1="{glyph.x - 7}" y1="{glyph.y + 7}" x2="{glyph.x + 7}" y2="{glyph.y - 7}" '
                     f'stroke="{NEGATED_COLOUR}" stroke-width="1.6"/>')
    if glyph.conflict:
        parts.append(f'<circle cx="{glyph.x}" cy="{glyph.y}" r="10" fill="none" stroke="{CONFLICT_COLOUR}" '
                     'stroke-width="1.5" stroke-dasharray="2 2"/>')
    label = event_label(event)
    short = _short_label(event)
    if _TEXT_EM * len(short) < glyph.room:
        parts.append(f'<text x="{glyph.x + 9}" y="{glyph.y + 4}" class="tl-role">{_e(short)}</text>')
    elif _TEXT_EM * len(short) < glyph.room_left:  # near the page's right edge: write it on the left
        parts.append(f'<text text-anchor="end" x="{glyph.x - 9}" y="{glyph.y + 4}" class="tl-role">{_e(short)}</text>')
    classes = (f"tl-mark tl-event tl-{event.change} tl-{event.modality}" + (" tl-negated" if negated else "")
               + (" tl-conflicting" if glyph.conflict else ""))
    return (f'<g class="{classes}" data-detail="{ident}" tabindex="0">'
            f'{_tooltip(label, event.claims)}{"".join(parts)}</g>')


def _gradients(prefix: str) -> str:
    out = []
    for status, colour in STATUS_COLOURS.items():
        for way, (a, b) in (("in", (0, 1)), ("out", (1, 0))):
            out.append(f'<linearGradient id="{prefix}-{way}-{status}"><stop offset="0" stop-color="{colour}" '
                       f'stop-opacity="{a}"/><stop offset="1" stop-color="{colour}" stop-opacity="{b}"/></linearGradient>')
    return "<defs>" + "".join(out) + "</defs>"


def _svg(page: Layout, prefix: str) -> tuple[str, list[str]]:
    """The SVG of ``page`` and the details panels of its marks."""
    details: list[str] = []
    out = [f'<svg class="tl-svg" xmlns="http://www.w3.org/2000/svg" width="{page.width:.0f}" '
           f'height="{page.height:.0f}" viewBox="0 0 {page.width:.0f} {page.height:.0f}" role="img" '
           f'aria-label="{_e("Tenure timeline of " + page.timeline.organization)}">', _gradients(prefix)]
    for i, box in enumerate(page.lanes):
        shade = "#f6f7f9" if i % 2 == 0 else "#ffffff"
        out.append(f'<rect x="0" y="{box.y - 4}" width="{page.width:.0f}" height="{box.height + 8}" fill="{shade}"/>')
    for a, b in page.breaks:  # a long empty time left out of the axis
        out.append(f'<g class="tl-break"><title>no dates in between: the axis skips this time</title>'
                   f'<rect x="{a}" y="22" width="{b - a:.1f}" height="{page.height - 26:.0f}" fill="#e9ecf1"/>'
                   f'<text x="{(a + b) / 2:.1f}" y="36" text-anchor="middle" class="tl-tick">\u2248</text></g>')
    for x, label in page.ticks:
        out.append(f'<line x1="{x}" y1="22" x2="{x}" y2="{page.height - 4:.0f}" class="tl-grid"/>'
                   f'<text x="{x}" y="16" text-anchor="middle" class="tl-tick">{_e(label)}</text>')
    for box in page.lanes:
        name = box.lane.person
        shown = name if len(name) <= 28 else name[:27] + "\u2026"
        out.append(f'<text x="8" y="{box.y + 17}" class="tl-person"><title>{_e(name)}</title>{_e(shown)}</text>')
        if box.lane.conflicts:
            ident = f"{prefix}-d{len(details)}"
            count = len(box.lane.conflicts)
            heading = f"{name}: sources disagree ({count} pair{'s' if count > 1 else ''} of articles)"
            details.append(_detail(ident, heading, (), box.lane.conflicts))
            out.append(f'<g class="tl-mark tl-conflict" data-detail="{ident}" tabindex="0">'
                       f'<title>{_e(heading)}</title><path transform="translate({196},{box.y + 13})" '
                       f'd="M0,-7 L7,6 L-7,6 Z" fill="#fff3cd" stroke="{CONFLICT_COLOUR}" stroke-width="1.5"/>'
                       f'<text x="196" y="{box.y + 18}" text-anchor="middle" class="tl-bang">!</text></g>')
    lane_of = {id(p): box.lane for box in page.lanes for p in box.lane.posts}
    event_lane = {id(e): box.lane for box in page.lanes for e in box.lane.events}
    for bar in page.bars:
        ident = f"{prefix}-d{len(details)}"
        lane = lane_of[id(bar.post)]
        hits = [c for c in lane.conflicts if c.involves("holdsPosition", bar.post.claims)]
        details.append(_detail(ident, f"{lane.person}: {post_label(bar.post)}", bar.post.claims, hits))
        out.append(_bar_svg(bar, prefix, ident, page.width))
    for glyph in page.glyphs:
        ident = f"{prefix}-d{len(details)}"
        lane = event_lane[id(glyph.event)]
        hits = [c for c in lane.conflicts if c.involves(glyph.event.change, glyph.event.claims)]
        details.append(_detail(ident, f"{lane.person}: {event_label(glyph.event)}", glyph.event.claims, hits))
        out.append(_glyph_svg(glyph, ident))
    out.append("</svg>")
    return "".join(out), details


def _legend() -> str:
    items = [f'<li><span class="tl-swatch" style="background:{c}"></span>{_e(s)} post</li>'
             for s, c in STATUS_COLOURS.items()]
    for change in ("fired", "resigned", "joined", "founded"):
        colour, path, name = EVENT_LOOKS[change]
        items.append(f'<li><svg width="16" height="16" viewBox="-8 -8 16 16"><path d="{path}" fill="{colour}"/></svg>'
                     f"{_e(name)}</li>")
    items += ['<li><span class="tl-swatch tl-dashed"></span>rumoured (uncertain): dashed, hollow</li>',
              '<li><span class="tl-swatch tl-hollow"></span>hollow mark: no date in the claim, placed at its '
              "article's date</li>",
              f'<li><span class="tl-swatch" style="border:1.5px dashed {CONFLICT_COLOUR}"></span>'
              "sources disagree (conflicts)</li>",
              f'<li><span class="tl-swatch tl-denied"></span>denied (negated) claim</li>']
    return '<ul class="tl-legend">' + "".join(items) + "</ul>"


def timeline_fragment(timeline: Timeline, prefix: str = "tl0", width: float = 1100.0) -> str:
    """The timeline's drawing, legend, counts and details panel as one ``<div class="tl-timeline">``."""
    page = layout(timeline, width)
    svg, details = _svg(page, prefix)
    people = len(timeline.lanes)
    claims = sum(lane.claims for lane in timeline.lanes)
    conflicts = sum(len(lane.conflicts) for lane in timeline.lanes)
    counts = (f"{people} {'person' if people == 1 else 'people'}, {claims} claim{'s' if claims != 1 else ''}, "
              f"{timeline.denials} denied, {conflicts} disagreeing pair{'s' if conflicts != 1 else ''} of sources")
    empty = "" if timeline.lanes else '<p class="tl-empty">No post, hire, departure or firing is known here.</p>'
    return (f'<div class="tl-timeline" id="{prefix}" data-organization="{_e(timeline.organization)}">'
            f'<div class="tl-head"><h2>{_e(timeline.organization)}</h2><span class="tl-counts">{_e(counts)}</span>'
            f'<label class="tl-check"><input type="checkbox" class="tl-toggle-negated" checked> denied claims '
            f"({timeline.denials})</label></div>"
            f'<div class="tl-body"><div class="tl-plot">{empty}{svg}</div>'
            f'<aside class="tl-panel"><p class="tl-hint">Hover a mark for its sentence; click it for every '
            f"source.</p>{''.join(details)}{_legend()}</aside></div></div>")


def _fill(template: str, parts: dict[str, str]) -> str:
    return _MARKER.sub(lambda m: parts[m.group(1)], template)


def timeline_page(timeline: Timeline) -> str:
    """The complete offline HTML page of ``timeline``."""
    return _fill(_template("timeline.html"), {
        "TITLE": _e(f"Tenure timeline: {timeline.organization}"),
        "CSS": _asset("timeline.css"),
        "BODY": timeline_fragment(timeline),
        "JS": _asset("timeline.js"),
    })


def timeline_tab(timelines: Sequence[Timeline]) -> dict[str, str]:
    """The network page's Timeline tab: its markup, ``<style>`` and ``<script>`` elements (the
    ``TIMELINE*`` markers of graph.html), all empty when there is no timeline."""
    if not timelines:
        return {"TIMELINE": "", "TIMELINE_CSS": "", "TIMELINE_JS": ""}
    options = "".join(f'<option value="tl{i}">{_e(t.organization)} ({len(t.lanes)})</option>'
                      for i, t in enumerate(timelines))
    bodies = "".join(timeline_fragment(t, f"tl{i}").replace('class="tl-timeline"', 'class="tl-timeline" hidden', 1)
                     if i else timeline_fragment(t, f"tl{i}") for i, t in enumerate(timelines))
    markup = ('<nav id="kg-tabs" role="tablist"><button type="button" role="tab" data-kg-tab="network" '
              'aria-selected="true">Network</button><button type="button" role="tab" data-kg-tab="timeline" '
              'aria-selected="false">Timeline</button></nav>'
              f'<section id="kg-timeline" hidden aria-label="Tenure timelines"><label class="tl-pick-label">'
              f'Organization <select class="tl-pick">{options}</select></label>{bodies}</section>')
    return {"TIMELINE": markup, "TIMELINE_CSS": f"<style>{_asset('timeline.css')}</style>",
            "TIMELINE_JS": f"<script>{_asset('timeline.js')}</script>"}


def write_timeline(timeline: Timeline, path: str | Path) -> Path:
    """Write :func:`timeline_page` to ``path`` (parent folders created); return the path."""
    return write_output(path, timeline_page(timeline), what="the timeline")
