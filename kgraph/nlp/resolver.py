"""The last entity component: context typing, the type of multi-type gazetteer names by the
article's evidence, then alias resolution into ``doc._.kg_entities``."""
from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kgraph.nlp.aliases import FoldedForms, resolve_entities
from kgraph.nlp.context import retype_by_context
from kgraph.nlp.lexicon import LexiconComponent
from kgraph.nlp.type_evidence import TypeCues, load_type_cues, type_by_evidence

__all__ = ["AliasResolver", "GAZETTEER"]

#: The gazetteer component whose names misspellings are matched against.
GAZETTEER = "kg_gazetteer"


class AliasResolver(LexiconComponent):
    """Gives every entity span its canonical name (``kb_id_``) and fills ``doc._.kg_entities``.

    lang (str): language of the names lexicon (legal forms, product-context cues, list words).
    Misspelt single words are matched against the pipeline's ``kg_gazetteer`` names; the shipped
    given-name list (``kgraph/lexicons/given_names.txt``) is evidence for a person. A gazetteer
    name listed with several types takes one of them per article by the cues of
    ``{lang}.types.yaml`` (:func:`kgraph.nlp.type_evidence.type_by_evidence`), kept in
    ``doc._.kg_type_evidence``.
    """

    def __init__(self, nlp: Language, name: str = "kg_aliases", *, lang: str = "") -> None:
        super().__init__(nlp, name, lang=lang)
        self.nlp = nlp
        self._folded: FoldedForms | None = None
        self.type_cues = load_type_cues(self.lang, self._split)

    def _gazetteer_types(self) -> dict[str, tuple[str, ...]]:
        """Canonical name -> its listed types, for the pipeline's gazetteer entries of several."""
        if GAZETTEER in self.nlp.pipe_names:
            return getattr(self.nlp.get_pipe(GAZETTEER), "types", {})
        return {}

    def _gazetteer_forms(self) -> dict[str, tuple[str, str]]:
        """Surface form -> (name, type) of the pipeline's gazetteer, for misspellings of it."""
        if GAZETTEER in self.nlp.pipe_names:
            return getattr(self.nlp.get_pipe(GAZETTEER), "canonical", {})
        return {}

    def __call__(self, doc: Doc) -> Doc:
        spans = retype_by_context(sorted(doc.ents, key=lambda s: s.start), self.lexicon)
        spans, doc._.kg_type_evidence = type_by_evidence(spans, self.lexicon, self.type_cues,
                                                         self._gazetteer_types())
        known = self._gazetteer_forms()
        if self._folded is None or self._folded.known is not known:
            self._folded = FoldedForms(known)  # once per pipeline: the gazetteer does not change
        kept, entities = resolve_entities(doc, spans, self.lexicon, known,
                                          given_names=self.lexicon.given_names, folded=self._folded)
        doc.ents = kept
        doc._.kg_entities = entities
        return doc

    def _data(self) -> dict[str, Any]:
        return {**super()._data(), "type_cues": self.type_cues.to_dict()}

    def _set_data(self, data: dict[str, Any]) -> None:
        super()._set_data(data)
        if "type_cues" in data:
            self.type_cues = TypeCues.from_dict(data["type_cues"], f"{self.name} data.json", self._split)
