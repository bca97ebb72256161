"""Run a call with a wall-clock deadline, for work that Python cannot interrupt.

Oxigraph evaluates a query outside Python's lock and cannot cancel it, and ``requests`` bounds
each socket read, not a whole answer; :func:`call_within` runs such a call in a daemon thread
and stops waiting when the time is up. The abandoned thread ends with the call (or with the
process), so callers close what the call used and report the time-out.

>>> call_within(lambda: 6 * 7, 5)
42
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

__all__ = ["call_within"]

T = TypeVar("T")


def call_within(call: Callable[[], T], seconds: float | None, *, name: str = "kgraph-deadline") -> T:
    """``call()``'s result, or its exception, if it comes within ``seconds`` (None: no limit).

    Raises
    ------
    TimeoutError
        ``seconds`` passed first; the call goes on in its daemon thread, unwatched.

    Examples
    --------
    >>> import time
    >>> call_within(lambda: time.sleep(2), 0.05)
    Traceback (most recent call last):
    ...
    TimeoutError: no result within 0.05 s
    """
    if seconds is None:
        return call()
    box: dict[str, object] = {}

    def work() -> None:
        try:
            box["result"] = call()
        except BaseException as error:  # noqa: BLE001 - re-raised in the waiting thread
            box["error"] = error

    worker = threading.Thread(target=work, name=name, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeoutError(f"no result within {seconds:g} s")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["result"]  # type: ignore[return-value]
