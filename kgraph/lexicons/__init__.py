"""kgraph's language data: cue words, vocabularies and rules as YAML files, one set per language.

Files are named ``{lang}.{part}.yaml`` (``id.names.yaml``, ``en.relations.yaml``,
``id.article.yaml``) plus the language-neutral ``gazetteer.yaml``. They ship inside the package
and are read through :mod:`importlib.resources`, so they work from a wheel. Adding a language is
adding files. Every loader error is a :class:`~kgraph.errors.LexiconError` naming the file and
the entry at fault.

>>> "titles" in load_lexicon("en", "names")
True
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, Mapping

import yaml

from kgraph.errors import LexiconError

__all__ = ["YAML_LOADER", "load_lexicon", "load_data_file", "load_word_list", "has_word_list", "read_yaml", "has_lexicon", "string_list"]

_PACKAGE = "kgraph.lexicons"


def has_lexicon(lang: str, part: str) -> bool:
    """Whether ``{lang}.{part}.yaml`` ships with kgraph.

    >>> has_lexicon("id", "names"), has_lexicon("vi", "names")
    (True, False)
    """
    return resources.files(_PACKAGE).joinpath(f"{lang}.{part}.yaml").is_file()


def load_lexicon(lang: str, part: str) -> dict[str, Any]:
    """Read the shipped lexicon ``{lang}.{part}.yaml`` as a mapping.

    Parameters
    ----------
    lang : str
        ISO 639-1 language code, e.g. ``"id"``.
    part : str
        Which lexicon: ``"names"``, ``"relations"``, ``"article"``...

    Raises
    ------
    LexiconError
        The file is missing, is not valid YAML, or is not a mapping at the top.
    """
    name = f"{lang}.{part}.yaml"
    if not has_lexicon(lang, part):
        raise LexiconError(f"{name}: no {part} lexicon for language {lang!r} in kgraph/lexicons")
    return load_data_file(name)


def load_data_file(name: str) -> dict[str, Any]:
    """Read a YAML mapping shipped in kgraph/lexicons, e.g. ``"gazetteer.yaml"``."""
    entry = resources.files(_PACKAGE).joinpath(name)
    if not entry.is_file():
        raise LexiconError(f"{name}: not found in kgraph/lexicons")
    return _parse(entry.read_text(encoding="utf-8"), f"kgraph/lexicons/{name}")


def has_word_list(name: str) -> bool:
    """Whether the word list ``name`` ships with kgraph.

    >>> has_word_list("en.places.txt"), has_word_list("vi.places.txt")
    (True, False)
    """
    return resources.files(_PACKAGE).joinpath(name).is_file()


def load_word_list(name: str) -> frozenset[str]:
    """A shipped word list (``given_names.txt``): one entry a line, ``#`` lines are comments.

    >>> "Budi" in load_word_list("given_names.txt")
    True
    """
    entry = resources.files(_PACKAGE).joinpath(name)
    if not entry.is_file():
        raise LexiconError(f"{name}: not found in kgraph/lexicons")
    lines = entry.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def read_yaml(path: Path) -> dict[str, Any]:
    """Read a user's YAML data file (e.g. a ``--gazetteer FILE``) as a mapping."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LexiconError(f"{path}: cannot be read ({error.__class__.__name__}: {error})") from None
    return _parse(text, str(path))


#: libyaml's safe loader where PyYAML was built with it (the gazetteer parses ~10x faster)
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(text: str, source: str) -> dict[str, Any]:
    try:
        data = yaml.load(text, Loader=YAML_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise LexiconError(f"{source}:{where} is not valid YAML ({getattr(error, 'problem', error)})") from None
    if not isinstance(data, dict):
        raise LexiconError(f"{source}: expected a mapping of entries at the top, got {type(data).__name__}")
    return data


def string_list(data: Mapping[str, Any], key: str, source: str, *, required: bool = True) -> list[str]:
    """The entry ``key`` of ``data`` checked to be a list of non-empty strings.

    >>> string_list({"days": ["Monday"]}, "days", "en.names.yaml")
    ['Monday']
    >>> string_list({"days": "Monday"}, "days", "en.names.yaml")
    Traceback (most recent call last):
    ...
    kgraph.errors.LexiconError: en.names.yaml: entry 'days' must be a list of strings, got str
    """
    if key not in data:
        if required:
            raise LexiconError(f"{source}: entry {key!r} is missing")
        return []
    value = data[key]
    if not isinstance(value, list):
        raise LexiconError(f"{source}: entry {key!r} must be a list of strings, got {type(value).__name__}")
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise LexiconError(f"{source}: entry {key!r} item {i} must be a non-empty string, got {item!r}")
    return list(value)
