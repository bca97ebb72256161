"""The last entity component: context typing, then alias resolution into ``doc._.kg_entities``."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kgraph.nlp.aliases import resolve_entities
from kgraph.nlp.context import retype_by_context
from kgraph.nlp.lexicon import LexiconComponent

__all__ = ["AliasResolver"]


class AliasResolver(LexiconComponent):
    """Gives every entity span its canonical name (``kb_id_``) and fills ``doc._.kg_entities``.

    lang (str): language of the names lexicon (legal forms, product-context cues, list words).
    """

    def __init__(self, nlp: Language, name: str = "kg_aliases", *, lang: str = "") -> None:
        super().__init__(nlp, name, lang=lang)

    def __call__(self, doc: Doc) -> Doc:
        spans = retype_by_context(sorted(doc.ents, key=lambda s: s.start), self.lexicon)
        kept, entities = resolve_entities(doc, spans, self.lexicon)
        doc.ents = kept
        doc._.kg_entities = entities
        return doc
