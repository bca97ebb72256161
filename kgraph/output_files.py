"""Writing one output file, with the error a user can act on when it cannot be written.

>>> import tempfile
>>> path = write_output(Path(tempfile.mkdtemp()) / "new" / "a.txt", "hello", what="the note")
>>> path.read_text(encoding="utf-8")
'hello'
>>> write_output(path / "below-a-file.txt", "x")
Traceback (most recent call last):
kgraph.errors.OutputError: .../a.txt/below-a-file.txt: cannot be written (...)
"""
from __future__ import annotations

from pathlib import Path

from kgraph.errors import OutputError

__all__ = ["write_output"]


def write_output(path: str | Path, text: str, *, what: str | None = None) -> Path:
    """Write ``text`` (UTF-8) to ``path``, its parent folders created; return the path.

    Raises
    ------
    OutputError
        ``path`` cannot be written: "PATH: cannot write WHAT (reason)", or without ``what``
        "PATH: cannot be written (reason)".
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        reason = error.strerror or error
        raise OutputError(f"{target}: cannot write {what} ({reason})" if what else
                          f"{target}: cannot be written ({reason})") from None
    return target
