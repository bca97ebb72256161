"""kgraph's exception tree.

Every error a user can meet is a :class:`KgraphError` whose message is one line that names the
file, entry or option at fault and the reason. The CLI prints ``kgraph: <message>`` and exits with
``exit_code``; nothing else in the package prints.
"""
from __future__ import annotations

__all__ = [
    "KgraphError",
    "UsageError",
    "InputError",
    "LexiconError",
    "ExtractionError",
    "QueryError",
    "QueryTimeoutError",
    "StoreError",
    "StoreLockedError",
    "EndpointError",
    "OutputError",
]


class KgraphError(Exception):
    """Base of all kgraph errors; ``exit_code`` is what the CLI exits with."""

    exit_code = 1


class UsageError(KgraphError):
    """The command was called wrongly: a missing path, an unknown option value (exit 2)."""

    exit_code = 2


class InputError(KgraphError):
    """An input file cannot be read as articles (empty, binary, malformed...)."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class LexiconError(KgraphError):
    """A lexicon or gazetteer data file is malformed; the message names file and entry."""


class ExtractionError(KgraphError):
    """The NLP pipeline could not be built or run (e.g. a --model that does not load)."""


class QueryError(KgraphError):
    """A SPARQL query is invalid or a binding is unknown (exit 2)."""

    exit_code = 2


class QueryTimeoutError(KgraphError):
    """A query ran past its time limit (``--timeout``) and was stopped (exit 3)."""

    exit_code = 3


class StoreError(KgraphError):
    """The store folder is not a kgraph store or cannot be opened."""


class StoreLockedError(StoreError):
    """Another kgraph process is writing to the same store."""


class EndpointError(KgraphError):
    """A SPARQL endpoint is dead, refuses, or answers with an error."""


class OutputError(KgraphError):
    """An output file or folder cannot be written."""
