"""Run a call with a wall-clock deadline, for work that Python cannot interrupt.

Oxigraph evaluates a query outside Python's lock and cannot cancel it, and ``requests`` bounds
each socket read, not a whole answer; :func:`call_within` runs such a call in a daemon thread
and stops waiting when the time is up. The abandoned thread ends with the call (or with the
process), so callers close what the call used and report the time-out.

>>> call_within(lambda: 6 * 7, 5)
42
"""
from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

__all__ = ["call_within", "iterate_within"]

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


_BATCH_ROWS = 256  # items handed over at once, or fewer when the batch is older than _BATCH_SECONDS
_BATCH_SECONDS = 0.05


def iterate_within(start: Callable[[], Iterator[T]], seconds: float | None, *,
                   name: str = "kgraph-deadline") -> Iterator[T]:
    """The items of ``start()`` as they come, made and read in a daemon thread, for at most
    ``seconds`` of waiting.

    The iterator is made in the thread that reads it (pyoxigraph's answers may only be read by
    the thread that asked). Only the time spent waiting for the next items counts (not the
    caller's own work with them, e.g. writing to a slow pipe); the first item is handed over
    at once, the others in small batches, a batch at least every 0.05 s while items come.
    Closing the iterator early stops the reading thread at its next batch.

    Raises
    ------
    TimeoutError
        The waits added up to ``seconds``; the reading thread is abandoned (as in
        :func:`call_within`).

    Examples
    --------
    >>> list(iterate_within(lambda: iter(range(3)), 5))
    [0, 1, 2]
    >>> import itertools
    >>> slow = lambda: (time.sleep(0.02) or n for n in itertools.count())
    >>> sum(1 for _ in iterate_within(slow, 0.2))
    Traceback (most recent call last):
    ...
    TimeoutError: no result within 0.2 s
    """
    if seconds is None:
        yield from start()
        return
    batches: queue.Queue[tuple[str, object]] = queue.Queue(maxsize=8)
    stop = threading.Event()

    def hand_over(kind: str, value: object) -> bool:
        while not stop.is_set():
            try:
                batches.put((kind, value), timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        try:
            batch: list[T] = []
            first, started = True, time.monotonic()
            for item in start():
                batch.append(item)
                if first or len(batch) >= _BATCH_ROWS or time.monotonic() - started > _BATCH_SECONDS:
                    if not hand_over("items", batch):
                        return
                    batch, first, started = [], False, time.monotonic()
            if hand_over("items", batch):
                hand_over("end", None)
        except BaseException as error:  # noqa: BLE001 - re-raised in the waiting thread
            hand_over("error", error)

    threading.Thread(target=work, name=name, daemon=True).start()
    left = seconds
    try:
        while True:
            waited = time.monotonic()
            try:
                kind, value = batches.get(timeout=max(left, 0.0))
            except queue.Empty:
                raise TimeoutError(f"no result within {seconds:g} s") from None
            left -= time.monotonic() - waited
            if kind == "end":
                return
            if kind == "error":
                raise value  # type: ignore[misc]
            yield from value  # type: ignore[misc]
    finally:
        stop.set()
