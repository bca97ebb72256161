"""Articles in, extractions out: the glue between the ``articles``, ``nlp`` and ``extract`` stages.

>>> from kgraph.pipeline import Extractor   # Extractor().extract(article) -> Extraction
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from spacy.language import Language

from kgraph.errors import InputError, KgraphError
from kgraph.extract import extract_article, prediction_rows
from kgraph.extract.rules import available_languages
from kgraph.models import Article, Extraction
from kgraph.nlp import NlpCache

__all__ = ["Extractor", "extract_all", "predict_rows", "extract_function"]


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
        entities, and the extraction carries a warning naming the language.
        """
        lang = article.lang or self.default_lang
        if lang in self._rule_languages:
            return extract_article(article, self._with_rules.get(lang))
        extraction = extract_article(article, self._names_only.get(lang))
        warning = (f"{article.source or article.id}: no relation rules for language {lang!r}; "
                   f"only entities were extracted (rules exist for {', '.join(sorted(self._rule_languages))})")
        return Extraction(article=extraction.article, entities=extraction.entities,
                          relations=extraction.relations, events=extraction.events,
                          warnings=extraction.warnings + (warning,))


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
