"""``kgraph explain``: per sentence, the entities found and the relations with their rules."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from kgraph.models import Article
from kgraph.nlp.type_evidence import evidence_line

if TYPE_CHECKING:
    from kgraph.extractor import Extractor

__all__ = ["explain_lines"]


def explain_lines(article: Article, extractor: "Extractor") -> Iterator[str]:
    """Lines that show how ``article`` was read: sentence, entities, relations and rule ids."""
    nlp = extractor.nlp_for(article)
    extraction = extractor.extract(article)
    doc = nlp.make_doc(article.text)
    for name, component in nlp.pipeline:
        if name != "kg_relations":
            doc = component(doc)
    yield f"{article.id} ({article.lang or '?'}; published {article.published or 'unknown'}; " \
          f"publisher {article.publisher or 'unknown'}; authors {', '.join(article.authors) or 'unknown'})"
    for warning in extraction.warnings:
        yield f"warning: {warning}"
    for evidence in (doc._.kg_type_evidence or {}).values():
        yield "type by evidence: " + evidence_line(evidence)
    for n, sent in enumerate(doc.sents, 1):
        ents = [e for e in doc.ents if sent.start <= e.start < sent.end]
        rels = [r for r in extraction.relations if sent.start_char <= r.start < sent.end_char]
        if not ents and not rels:
            continue
        yield ""
        yield f"[{n}] {sent.text.strip()}"
        if ents:
            shown = [f"{e.text} = {e.kb_id_} ({e.label_})" if e.kb_id_ and e.kb_id_ != e.text
                     else f"{e.text} ({e.label_})" for e in ents]
            yield "    entities: " + "; ".join(shown)
        for r in rels:
            extra = ", ".join(x for x in (r.role, r.status, r.date) if x)
            yield (f"    {r.relation}: {r.subject} -> {r.object} [{r.modality}"
                   f"{'; ' + extra if extra else ''}] rule {r.rule}, confidence {r.confidence:.2f}")
