"""The last entity component: context typing, then alias resolution into ``doc._.kg_entities``."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kgraph.nlp.aliases import FoldedForms, resolve_entities
from kgraph.nlp.context import retype_by_context
from kgraph.nlp.lexicon import LexiconComponent

__all__ = ["AliasResolver", "GAZETTEER"]

#: The gazetteer component whose names misspellings are matched against.
GAZETTEER = "kg_gazetteer"


class AliasResolver(LexiconComponent):
    """Gives every entity span its canonical name (``kb_id_``) and fills ``doc._.kg_entities``.

    lang (str): language of the names lexicon (legal forms, product-context cues, list words).
    Misspelt single words are matched against the pipeline's ``kg_gazetteer`` names; the shipped
    given-name list (``kgraph/lexicons/given_names.txt``) is evidence for a person.
    """

    def __init__(self, nlp: Language, name: str = "kg_aliases", *, lang: str = "") -> None:
        super().__init__(nlp, name, lang=lang)
        self.nlp = nlp
        self._folded: FoldedForms | None = None

    def _gazetteer_forms(self) -> dict[str, tuple[str, str]]:
        """Surface form -> (name, type) of the pipeline's gazetteer, for misspellings of it."""
        if GAZETTEER in self.nlp.pipe_names:
            return getattr(self.nlp.get_pipe(GAZETTEER), "canonical", {})
        return {}

    def __call__(self, doc: Doc) -> Doc:
        spans = retype_by_context(sorted(doc.ents, key=lambda s: s.start), self.lexicon)
        known = self._gazetteer_forms()
        if self._folded is None or self._folded.known is not known:
            self._folded = FoldedForms(known)  # once per pipeline: the gazetteer does not change
        kept, entities = resolve_entities(doc, spans, self.lexicon, known,
                                          given_names=self.lexicon.given_names, folded=self._folded)
        doc.ents = kept
        doc._.kg_entities = entities
        return doc
