"""The group finder: the people of an organization as one Group entity.

Forms, with their words from ``{lang}.names.yaml``:

- group word then organization: "karyawan OpenAI", "ratusan karyawan OpenAI", "employees of Acme";
- organization then group word: "Inflection employees", "Google's staff";
- a demonym: "Googlers" -> Google;
- a bare group word ("staff", "karyawannya", "about 11,000 workers", "cut 10,000 jobs" for counted
  words): the organization is the nearest one named before it in the same sentence; with none,
  nothing is marked ("in a message to staff, Jo praised Acme" names no group).

A group span is labelled ``Group``; its ``kb_id_`` holds the organization's gazetteer name or
its name as printed (prefixed ``@``) until the alias resolver turns it into "<canonical organization> employees".
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from kgraph.nlp.cues import doc_words, phrase_at
from kgraph.nlp.lexicon import LexiconComponent, NamesLexicon
from kgraph.nlp.names import CANDIDATE

__all__ = ["find_groups", "GroupFinder", "MEMBER_PREFIX"]

#: Prefix of a Group span's ``kb_id_`` before the resolver names it: "@" + organization text.
MEMBER_PREFIX = "@"


def _group_word_at(folded: list[str], i: int, lex: NamesLexicon) -> int:
    n = phrase_at(folded, i, lex.group_words)
    if n:
        return n
    if folded[i].endswith("nya") and phrase_at([folded[i][:-3]], 0, lex.group_words):
        return 1
    return 0


def find_groups(doc: Doc, lex: NamesLexicon) -> list[tuple[Span, Span | None]]:
    """Group spans in ``doc`` with the organization span they belong to.

    Returns (group span, organization span or None for a demonym), where the group span
    covers the organization span when the two are written together.
    """
    texts, folded, _ = doc_words(doc)
    orgs = [e for e in doc.ents if e.label_ == "Organization"]
    org_at = {i: e for e in orgs for i in range(e.start, e.end)}
    word_at = {e.start: e for e in doc.ents if e.label_ == CANDIDATE}  # "Quillstone employees"
    taken = {i for e in doc.ents if e.label_ != CANDIDATE for i in range(e.start, e.end)}
    out: list[tuple[Span, Span | None]] = []
    for sent in doc.sents:
        i = sent.start
        while i < sent.end:
            org = lex.demonym(texts[i])
            if org and i not in taken:
                out.append((Span(doc, i, i + 1, label="Group", kb_id=MEMBER_PREFIX + org), None))
                i += 1
                continue
            lower = texts[i][:1].islower() or i == sent.start
            n = 0 if i in taken or not lower else _group_word_at(folded, i, lex)
            counted = 0 if n or i in taken else phrase_at(folded, i, lex.group_counted_words)
            if counted and i > sent.start and doc[i - 1].like_num:
                n = counted
            if not n:
                i += 1
                continue
            start, end = i, i + n
            while start > sent.start and folded[start - 1] in lex.group_quantifiers and start - 1 not in taken:
                start -= 1
            member = (_member(doc, start, end, sent, org_at, folded, lex)
                      or _attached(start, end, word_at, folded, lex)
                      or _earlier(sent, start, org_at, lex.relatives, lex.source_nouns))
            if member is None:
                i = end
                continue
            if member.end == start or (member.end == start - 1 and folded[start - 1] in lex.determiners):
                start = member.start
            elif member.start == end or (member.start == end + 1 and folded[end] in lex.group_links):
                end = member.end
            org_name = member.kb_id_ or member.text
            out.append((Span(doc, start, end, label="Group", kb_id=MEMBER_PREFIX + org_name), member))
            i = end
    return out


def _attached(start: int, end: int, word_at: dict[int, Span], folded: list[str],
              lex: NamesLexicon) -> Span | None:
    """An unknown word written with the group word: "Quillstone employees", "karyawan Acme"."""
    if end in word_at:
        return word_at[end]
    if end + 1 in word_at and folded[end] in lex.group_links:
        return word_at[end + 1]
    before = start - 2 if start >= 2 and folded[start - 1] in lex.determiners else start - 1
    return next((w for w in word_at.values() if w.end == before + 1), None)


def _member(doc: Doc, start: int, end: int, sent: Span, org_at: dict[int, Span],
            folded: list[str], lex: NamesLexicon) -> Span | None:
    """The organization written with a group word at [start, end), or None."""
    if end in org_at:
        return org_at[end]
    if end + 1 < sent.end and folded[end] in lex.group_links and end + 1 in org_at:
        return org_at[end + 1]
    before = start - 1
    if before > sent.start and folded[before] in lex.determiners:
        before -= 1
    return org_at.get(before)


def _earlier(sent: Span, start: int, org_at: dict[int, Span], relatives: frozenset[str] = frozenset(),
             source_nouns: frozenset[str] = frozenset()) -> Span | None:
    """The last organization named before the group word in its sentence ("Acme cut 200 jobs"),
    not one inside a relative clause that closes before it ("Acme, which competes with Nvidia
    and AMD, cut 5% of its workforce": Acme's workforce)."""
    earlier = [org_at[k] for k in range(sent.start, start) if k in org_at
               and not (org_at[k].end < len(sent.doc) and sent.doc[org_at[k].end].lower_ in source_nouns)]
    if not earlier:  # "denied a Bloomberg report that it plans to cut 10% of its staff": not Bloomberg's
        return None
    last = earlier[-1]
    commas = [k for k in range(sent.start, start) if sent.doc[k].text == ","]
    opening = max((k for k in commas if k < last.start), default=None)
    if opening is not None and any(last.end <= k for k in commas) and sent.doc[opening + 1].lower_ in relatives:
        # the clause's head: the organization before it, if named ("The company, which counts
        # Expedia as an investor, laid off a quarter of its staff": not Expedia's staff)
        return org_at.get(opening - 1)
    return last


class GroupFinder(LexiconComponent):
    """Adds Group spans (see :func:`find_groups`) to ``doc.ents``, replacing the organization
    span they cover.

    lang (str): language of the names lexicon.
    """

    def __init__(self, nlp: Language, name: str = "kg_groups", *, lang: str = "") -> None:
        super().__init__(nlp, name, lang=lang)

    def __call__(self, doc: Doc) -> Doc:
        groups = [g for g, _ in find_groups(doc, self.lexicon)]
        kept = [e for e in doc.ents if not any(e.start < g.end and g.start < e.end for g in groups)]
        doc.ents = sorted(kept + groups, key=lambda s: s.start)
        return doc
