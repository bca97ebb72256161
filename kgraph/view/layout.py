"""A fast force-directed layout for large views, so the browser only has to draw.

networkx's ``spring_layout`` takes ~17 s on a 2,000-node graph on this project's 2-core
machines; :func:`grid_force_layout` is the "grid variant" of Fruchterman-Reingold: repulsion only
between nodes closer than a few ideal edge lengths (found with a k-d tree), attraction along
edges, a weak pull to the centre, all vectorized with numpy. It lays out 2,000 nodes in well
under a second.

>>> import networkx as nx
>>> pos = grid_force_layout(nx.path_graph(3), seed=1)
>>> sorted(pos) == [0, 1, 2] and all(len(p) == 2 for p in pos.values())
True
"""
from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

__all__ = ["grid_force_layout"]


def _scatter(index: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Sum the 2-d ``values`` per row ``index`` (a fast ``np.add.at``)."""
    return np.stack(
        [np.bincount(index, weights=values[:, 0], minlength=n), np.bincount(index, weights=values[:, 1], minlength=n)],
        axis=1,
    )


def grid_force_layout(
    G: nx.Graph,
    *,
    iterations: int = 80,
    edge_length: float = 120.0,
    seed: int = 0,
) -> dict[Hashable, tuple[float, float]]:
    """Positions (in pixels, centred on 0) for every node of ``G``, direction ignored.

    Parameters
    ----------
    G : networkx.Graph
        Any graph; a multigraph's parallel edges count once.
    iterations : int
        Cooling steps; 80 is enough for a few thousand nodes.
    edge_length : float
        The ideal distance between linked nodes, in pixels.
    seed : int
        Seed of the random start, so the same graph is drawn the same way.

    Examples
    --------
    >>> pos = grid_force_layout(nx.Graph([("a", "b")]), edge_length=100)
    >>> 50 < float(np.hypot(*np.subtract(pos["a"], pos["b"]))) < 200
    True
    """
    nodes = list(G)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = {(index[u], index[v]) for u, v in G.edges() if u != v}
    edges = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    k = 1.0
    side = np.sqrt(n) * k
    pos = rng.random((n, 2)) * side - side / 2
    temperature = side / 8
    cooling = (0.02 / max(temperature, 1e-9)) ** (1 / max(iterations, 1))
    for _ in range(iterations):
        disp = np.zeros_like(pos)
        close = cKDTree(pos).query_pairs(3 * k, output_type="ndarray")
        if len(close):
            delta = pos[close[:, 0]] - pos[close[:, 1]]
            dist2 = np.maximum((delta**2).sum(axis=1), 1e-4)
            force = delta * (k * k / dist2)[:, None]
            disp += _scatter(close[:, 0], force, n) - _scatter(close[:, 1], force, n)
        if len(edges):
            delta = pos[edges[:, 0]] - pos[edges[:, 1]]
            force = delta * (np.sqrt((delta**2).sum(axis=1)) / k)[:, None]
            disp += _scatter(edges[:, 1], force, n) - _scatter(edges[:, 0], force, n)
        disp -= pos * (0.05 / side)  # gravity keeps components and loners near the centre
        length = np.maximum(np.sqrt((disp**2).sum(axis=1)), 1e-9)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature *= cooling
    pos = (pos - pos.mean(axis=0)) * edge_length
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, pos)}
