"""Saving and loading our pipeline components with ``nlp.to_disk`` / ``spacy.load``.

A component lists its settings in ``cfg_keys`` and returns its data (lexicons, gazetteer
entries) from ``_data``; both are written as JSON through srsly, the way spaCy's own rulers do.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

import srsly
from spacy import util

__all__ = ["DiskMixin"]


class DiskMixin:
    """``to_disk/from_disk/to_bytes/from_bytes`` for a component with settings and data."""

    cfg_keys: tuple[str, ...] = ()

    def _data(self) -> dict[str, Any]:
        """The component's data as JSON-able values (empty when it has none)."""
        return {}

    def _set_data(self, data: dict[str, Any]) -> None:
        """Restore what :meth:`_data` returned."""

    def _cfg(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in self.cfg_keys}

    def _set_cfg(self, cfg: dict[str, Any]) -> None:
        for key in self.cfg_keys:
            if key in cfg:
                setattr(self, key, cfg[key])

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write ``cfg.json`` and ``data.json`` into the folder ``path``."""
        serializers = {
            "cfg.json": lambda p: srsly.write_json(p, self._cfg()),
            "data.json": lambda p: srsly.write_json(p, self._data()),
        }
        util.to_disk(Path(path), serializers, exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "DiskMixin":
        """Read back what :meth:`to_disk` wrote."""
        deserializers = {
            "cfg.json": lambda p: self._set_cfg(srsly.read_json(p)),
            "data.json": lambda p: self._set_data(srsly.read_json(p)),
        }
        util.from_disk(Path(path), deserializers, exclude)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """Settings and data as msgpack bytes."""
        return srsly.msgpack_dumps({"cfg": self._cfg(), "data": self._data()})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "DiskMixin":
        """Read back what :meth:`to_bytes` wrote."""
        loaded = srsly.msgpack_loads(data)
        self._set_cfg(loaded["cfg"])
        self._set_data(loaded["data"])
        return self
