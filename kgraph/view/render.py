"""A networkx graph from :func:`kgraph.view.network.to_networkx` -> one self-contained HTML page.

The page works with no network at all: vis-network (the copy bundled in the pyvis package), our
CSS and JS (``kgraph/templates/``) and the data are all inlined, and a Content-Security-Policy
forbids fetching anything. Article text travels as a JSON data island in which ``<``, ``>`` and
``&`` are escaped, and the page's script shows it only through ``textContent`` and canvas
labels, so an article containing ``<script>`` or ``<img onerror>`` cannot run code.

>>> G = nx.MultiDiGraph()
>>> G.add_node("a", label="<b>Acme</b>", type="Organization")
>>> page = render_html(G)
>>> "<b>Acme" in page, "\\\\u003cb\\\\u003eAcme" in page
(False, True)
"""
from __future__ import annotations

import html
import importlib.util
import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import networkx as nx

from kgraph.errors import OutputError
from kgraph.models import SYMMETRIC_RELATIONS
from kgraph.output_files import write_output
from kgraph.view.layout import grid_force_layout
from kgraph.view.network import centrality
from kgraph.view.timeline import Timeline
from kgraph.view.timeline_page import timeline_tab

__all__ = ["view_data", "embed_json", "render_html", "write_html", "NotebookView", "notebook_view"]

_VIS_DIR = "lib/vis-9.1.2"
_MARKER = re.compile(r"<!--KG:([A-Z_]+)-->")
_SOURCE_MAP = re.compile(r"^\s*(//[#@]\s*sourceMappingURL=.*|/\*#\s*sourceMappingURL=.*\*/)\s*$", re.M)


def _template(name: str) -> str:
    return (resources.files("kgraph") / "templates" / name).read_text(encoding="utf-8")


def _style() -> dict:
    return json.loads(_template("view-style.json"))


def _vis_asset(name: str) -> str:
    """A file of the vis-network copy bundled with pyvis, found without importing pyvis (slow)."""
    spec = importlib.util.find_spec("pyvis")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    for folder in folders:
        path = Path(folder) / _VIS_DIR / name
        if path.is_file():
            return _SOURCE_MAP.sub("", path.read_text(encoding="utf-8"))  # no file to point to
    raise OutputError(f"pyvis/{_VIS_DIR}/{name}: vis-network is not installed (pip install pyvis)")


def embed_json(value: object) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>``, ``&`` or line separators.

    Examples
    --------
    >>> embed_json({"t": "</script><!-- x"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003c!-- x"}'
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def _roundness(G: nx.MultiDiGraph, step: float) -> dict[object, float]:
    """Signed curvature per edge key so that claims between one pair of nodes fan out."""
    pairs: dict[tuple[str, str], list[tuple[object, bool]]] = defaultdict(list)
    for u, v, key in G.edges(keys=True):
        a, b = sorted((str(u), str(v)))
        pairs[(a, b)].append((key, str(u) == a))
    result: dict[object, float] = {}
    for members in pairs.values():
        for i, (key, forward) in enumerate(members):
            if len(members) == 1:
                result[key] = 0.0
                continue
            offset = (i // 2 + 1) * (1 if i % 2 == 0 else -1)
            value = min(abs(offset) * step, 0.9) * (1 if offset > 0 else -1)
            result[key] = value if forward else -value
    return result


def view_data(
    G: nx.MultiDiGraph,
    *,
    title: str = "kgraph",
    size_by: str = "degree",
    focus: str | None = None,
) -> dict:
    """What the page draws: nodes with size (and position for large graphs), edges, style.

    Node ``size`` grows with ``size_by`` centrality. Above the style's
    ``precomputed_layout_above`` nodes, positions come from
    :func:`kgraph.view.layout.grid_force_layout` and physics starts off; below it the browser
    lays the graph out and stops physics once stable. Entities in no claim get no position:
    the page lines them up beside or below the network.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="c1", relation="partnerOf", modality="asserted")
    >>> d = view_data(G)
    >>> d["physics"], d["edges"][0]["symmetric"], len(d["nodes"])
    (True, True, 2)
    """
    style = _style()
    scores = centrality(G, size_by)
    top = max(scores.values(), default=0.0) or 1.0
    low, high = style["node_size"]["min"], style["node_size"]["max"]
    large = G.number_of_nodes() > style["precomputed_layout_above"]
    linked = G.subgraph([n for n in G if G.degree(n)])  # loners are lined up by the page
    positions = grid_force_layout(linked, edge_length=style["edge_length"]) if large else {}
    nodes = []
    for node, attrs in G.nodes(data=True):
        score = scores.get(node, 0.0)
        item = {
            "id": str(node),
            "label": str(attrs.get("label", node)),
            "type": str(attrs.get("type", "Unknown")),
            "aliases": [str(a) for a in attrs.get("aliases", ())],
            "sources": len(attrs.get("sources", ())),
            "centrality": round(score, 4),
            "claims": G.degree(node),
            "size": round(low + (high - low) * (score / top) ** 0.5, 1),
        }
        if node in positions:
            item["x"], item["y"] = (round(c, 1) for c in positions[node])
        nodes.append(item)
    bends = _roundness(G, style["parallel_roundness"])
    edges = []
    for i, (u, v, key, attrs) in enumerate(G.edges(keys=True, data=True)):
        relation = str(attrs.get("relation", ""))
        edges.append({
            "id": str(key) if key is not None else f"e{i}",
            "from": str(u),
            "to": str(v),
            "relation": relation,
            "symmetric": relation in SYMMETRIC_RELATIONS,
            "roundness": bends[key],
            **{name: attrs.get(name) for name in (
                "modality", "role", "status", "date", "confidence", "evidence", "source",
                "source_title", "source_url", "published", "publisher")},
        })
        edges[-1]["modality"] = edges[-1]["modality"] or "asserted"
    return {
        "title": title,
        "size_by": size_by,
        "focus": focus,
        "physics": not large,
        "style": style,
        "relations": sorted({e["relation"] for e in edges}),
        "nodes": nodes,
        "edges": edges,
    }


def render_html(
    G: nx.MultiDiGraph,
    *,
    title: str = "kgraph",
    size_by: str = "degree",
    focus: str | None = None,
    timelines: Sequence[Timeline] = (),
) -> str:
    """The complete offline HTML page for ``G`` (see :func:`view_data` for the options), with a
    Timeline tab showing ``timelines`` (:func:`kgraph.view.timeline.view_timelines`) if any."""
    data = view_data(G, title=title, size_by=size_by, focus=focus)
    parts = {
        "TITLE": html.escape(title),
        "SIZE_BY": html.escape(size_by),
        "VIS_CSS": _vis_asset("vis-network.css"),
        "APP_CSS": _template("graph.css"),
        "DATA": embed_json(data),
        "VIS_JS": _vis_asset("vis-network.min.js"),
        "APP_JS": _template("graph.js"),
        **timeline_tab(timelines),
    }
    for name in ("VIS_JS", "APP_JS", "VIS_CSS", "APP_CSS"):
        if re.search(r"</(script|style)|<!--", parts[name], re.IGNORECASE):
            raise OutputError(f"{name.lower()}: inlined asset contains a closing tag or comment opener")
    return _MARKER.sub(lambda m: parts[m.group(1)], _template("graph.html"))


def write_html(G: nx.MultiDiGraph, path: str | Path, **options: object) -> Path:
    """Write :func:`render_html` to ``path`` (parent folders created); return the path."""
    return write_output(path, render_html(G, **options), what="the view")  # type: ignore[arg-type]


@dataclass(frozen=True)
class NotebookView:
    """The page in an ``<iframe srcdoc>``; Jupyter displays it through ``_repr_html_``."""

    page: str
    height: int = 650

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.page, quote=True)}" '
            f'style="width:100%;height:{int(self.height)}px;border:1px solid #ddd" '
            'sandbox="allow-scripts allow-popups"></iframe>'
        )


def notebook_view(G: nx.MultiDiGraph, *, height: int = 650, **options: object) -> NotebookView:
    """The view of ``G`` for a Jupyter notebook: make it the last expression of a cell.

    Examples
    --------
    >>> view = notebook_view(nx.MultiDiGraph(), height=300)
    >>> view._repr_html_().startswith("<iframe srcdoc=")
    True
    """
    return NotebookView(render_html(G, **options), height)  # type: ignore[arg-type]
