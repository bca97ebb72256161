"""Articles in, extractions out: the glue between the ``articles``, ``nlp`` and ``extract`` stages.

>>> from kgraph.extractor import Extractor   # Extractor().extract(article) -> Extraction
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from spacy.language import Language

from kgraph.errors import InputError, KgraphError
from kgraph.extract import extract_article, prediction_rows
from kgraph.extract.rules import available_languages
from kgraph.articles.readers import MAX_ARTICLE_CHARS
from kgraph.models import Article, Entity, Event, Extraction, Mention, Relation
from kgraph.nlp import NlpCache

__all__ = ["PART_CHARS", "Extractor", "extract_all", "predict_rows", "extract_function", "split_parts"]

PART_CHARS = 20_000
"""Articles longer than this are extracted in parts of at most this many characters.

Extraction time grows faster than the text past ~10,000 characters (the discourse rules compare
mentions across the article: 40,000 characters take 7 s, 200,000 two minutes), and spaCy refuses
a text over ``nlp.max_length`` (1,000,000) outright; news articles are far shorter (the corpus's
longest: 4,000), so only unusual inputs are split."""
_SENTENCE_END = re.compile(r"(?<=[.!?。])[\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


def _cuts(text: str, start: int, end: int, limit: int, pattern: re.Pattern[str]) -> list[int]:
    """Offsets in ``text[start:end]`` where ``pattern`` matches, greedily packed into spans of
    at most ``limit`` characters (a span with no match inside is cut at ``limit``)."""
    cuts = [start]
    best = None
    for match in pattern.finditer(text, start, end):
        if match.end() - cuts[-1] > limit and best is not None:
            cuts.append(best)
        while match.end() - cuts[-1] > limit:  # no boundary close enough: cut hard
            cuts.append(cuts[-1] + limit)
        best = match.end()
    if end - cuts[-1] > limit and best is not None and best > cuts[-1]:
        cuts.append(best)
    while end - cuts[-1] > limit:
        cuts.append(cuts[-1] + limit)
    return cuts[1:]


def split_parts(text: str, limit: int) -> list[tuple[int, int]]:
    """``(start, end)`` spans covering ``text`` in order, each at most ``limit`` characters long:
    whole paragraphs (lines) where they fit, else sentences, else words, else hard cuts.

    Examples
    --------
    >>> text = "Acme hired Jo.\\nBeta fired Al. Gamma sold Delta.\\nEnd."
    >>> [text[a:b] for a, b in split_parts(text, 20)]
    ['Acme hired Jo.\\n', 'Beta fired Al. ', 'Gamma sold Delta.\\n', 'End.']
    >>> split_parts("short", 20)
    [(0, 5)]
    """
    if len(text) <= limit:
        return [(0, len(text))]
    lines = [m.end() for m in re.finditer(r"\n", text)]
    bounds = [0] + [b for b in lines if b < len(text)] + [len(text)]
    spans: list[tuple[int, int]] = []
    start = 0
    for line_start, line_end in zip(bounds, bounds[1:]):
        if line_end - start <= limit:
            continue  # the line fits in the current part
        if line_start > start:
            spans.append((start, line_start))
            start = line_start
        if line_end - start > limit:  # one line longer than a part: sentences, else words
            inner = _cuts(text, start, line_end, limit, _SENTENCE_END)
            inner = [c for a, b in zip([start] + inner, inner + [line_end])
                     for c in ([*_cuts(text, a, b, limit, _SPACE), b] if b - a > limit else [b])][:-1]
            for cut in inner:
                spans.append((start, cut))
                start = cut
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _shifted(extraction: Extraction, offset: int) -> Extraction:
    """The extraction of a part whose text starts at ``offset`` in the whole article."""
    if not offset:
        return extraction
    entities = tuple(replace(e, mentions=tuple(Mention(m.text, m.start + offset, m.end + offset)
                                               for m in e.mentions)) for e in extraction.entities)
    relations = tuple(replace(r, start=r.start + offset, end=r.end + offset) for r in extraction.relations)
    events = tuple(replace(e, start=e.start + offset, end=e.end + offset) for e in extraction.events)
    return replace(extraction, entities=entities, relations=relations, events=events)


def _merge(article: Article, parts: Sequence[Extraction]) -> Extraction:
    """One extraction of ``article`` from its parts' (offsets already in the whole text):
    entities merged by canonical name (the first part's type, every alias and mention),
    relations and events concatenated, warnings kept once each."""
    entities: dict[str, Entity] = {}
    for part in parts:
        for entity in part.entities:
            old = entities.get(entity.name)
            if old is None:
                entities[entity.name] = entity
                continue
            aliases = tuple(sorted(set(old.aliases) | set(entity.aliases)))
            entities[entity.name] = replace(old, aliases=aliases, member_of=old.member_of or entity.member_of,
                                            mentions=old.mentions + entity.mentions)
    relations: list[Relation] = [r for part in parts for r in part.relations]
    events: list[Event] = [e for part in parts for e in part.events]
    warnings = tuple(dict.fromkeys(w for part in parts for w in part.warnings))
    return Extraction(article=article, entities=tuple(entities.values()), relations=tuple(relations),
                      events=tuple(events), warnings=warnings)


class Extractor:
    """Extracts articles with one spaCy pipeline per language, each built once.

    Parameters
    ----------
    gazetteers : sequence of Path
        The user's gazetteer files (``--gazetteer``), read after the shipped one.
    model : str, optional
        An installed spaCy pipeline (name or path) whose named entities are merged in.
    default_lang : str
        Used when an article's language is unknown.
    scorer : bool
        Add the relations the shipped learned scorer accepts to the rules' (default True).
    """

    def __init__(self, *, gazetteers: Sequence[Path | str] = (), model: str | None = None,
                 default_lang: str = "en", scorer: bool = True) -> None:
        self.default_lang = default_lang
        self._with_rules = NlpCache(gazetteers=gazetteers, model=model, scorer=scorer)
        self._names_only = NlpCache(gazetteers=gazetteers, model=model, relations=False)
        self._rule_languages = set(available_languages())

    def nlp_for(self, article: Article) -> Language:
        """The pipeline that :meth:`extract` uses for ``article``."""
        lang = article.lang or self.default_lang
        cache = self._with_rules if lang in self._rule_languages else self._names_only
        return cache.get(lang)

    def extract(self, article: Article) -> Extraction:
        """Entities and relations of one article.

        A language without relation rules (say Vietnamese) still gets its gazetteer and name
        entities, and the extraction carries a warning naming the language; so does an article
        whose language could not be detected (read with ``default_lang``'s rules). An article
        longer than :data:`PART_CHARS` (or the pipeline's ``max_length``) is extracted in parts
        split at paragraph, else sentence boundaries (:func:`split_parts`); offsets stay those
        of the whole text.

        Raises
        ------
        InputError
            The article is longer than ``MAX_ARTICLE_CHARS``.
        """
        where = article.source or article.id
        if len(article.text) > MAX_ARTICLE_CHARS:
            raise InputError(where, f"article too long ({len(article.text):,} characters; kgraph "
                                    f"extracts articles of up to {MAX_ARTICLE_CHARS:,})")
        lang = article.lang or self.default_lang
        nlp = self.nlp_for(article)
        limit = max(1000, min(PART_CHARS, nlp.max_length - 1))
        spans = split_parts(article.text, limit)
        if len(spans) == 1:
            extraction = extract_article(article, nlp)
        else:
            extraction = _merge(article, [_shifted(extract_article(replace(article, text=article.text[a:b]), nlp), a)
                                          for a, b in spans])
        warnings = tuple(article.warnings)
        if not article.lang:
            warnings += (f"{where}: language not detected; read with the {lang!r} rules "
                         f"(give --lang if that is wrong)",)
        if lang not in self._rule_languages:
            warnings += (f"{where}: no relation rules for language {lang!r}; only entities were "
                         f"extracted (rules exist for {', '.join(sorted(self._rule_languages))})",)
        if not warnings:
            return extraction
        return replace(extraction, warnings=extraction.warnings + warnings)


def extract_function(gazetteers: tuple[str, ...] = (), model: str | None = None):
    """A new Extractor's ``extract`` method; wrap in functools.partial to hand to worker processes."""
    return Extractor(gazetteers=gazetteers, model=model).extract


def extract_all(items: Iterable[Article | InputError], extractor: Extractor) -> Iterator[Extraction | InputError]:
    """Extract every article of ``items``; read errors pass through in order.

    An article the pipeline fails on becomes an InputError naming it, so one bad article never
    ends a batch.
    """
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield extractor.extract(item)
        except KgraphError:
            raise  # a broken lexicon or model concerns every article: stop with its message
        except Exception as error:  # noqa: BLE001 - report the article, go on with the rest
            yield InputError(item.source or item.id, f"extraction failed ({type(error).__name__}: {error})")


def predict_rows(files: Sequence[Path], extractor: Extractor | None = None) -> tuple[list[dict[str, Any]], list[str]]:
    """Prediction rows (``../shared/eval/SCHEMA.md``) for ``files`` and one line per failed input."""
    from kgraph.articles import iter_articles

    extractor = extractor or Extractor()
    rows: list[dict[str, Any]] = []
    errors: list[str] = []
    for item in extract_all(iter_articles(list(files)), extractor):
        if isinstance(item, InputError):
            errors.append(str(item))
        else:
            rows.extend(prediction_rows(item))
    return rows, errors
