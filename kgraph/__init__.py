"""kgraph: knowledge graphs of who fired, hired, paid and appointed whom, from tech news."""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
