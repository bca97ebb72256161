"""The rule-based name finder: people, organizations and products the gazetteer does not know.

A *run* is a stretch of capitalized words in one sentence that no earlier component claimed. It is
split at titles ("Direktur Utama", "chief executive"), stop capitals (sentence-initial function
words, months, days) and places; each remaining *segment* is typed by the cues of
``{lang}.names.yaml`` around it:

1. a legal form (PT, Inc., Tbk) or an organization word (Capital, Ventures, Labs) -> Organization;
2. a title or honorific before ("CEO Microsoft Satya Nadella", "Pendiri Bukalapak, Achmad Zaky")
   -> Person; in languages that write "title organization name", the first of three or more
   words after a title is the organization ("CEO Acme Budi Santoso");
3. a product cue before or after ("chatbot, Pi", "the Bing search engine") -> Product;
4. an organization cue before ("venture firm Sequoia") -> Organization;
5. in languages that write "organization title name", a title right after ("LinkedIn
   co-founder", "Unity CEO") -> Organization;
6. two or more name-like words ("Frances Haugen", "James M. Whitehurst") -> Person.

A single unknown word with no cue ("Altman", "Zaky", "Kini") is only a candidate: the alias
resolver keeps it when it names an entity already found, and drops it otherwise. Title-case
headings ("Ratusan Karyawan Mengancam Resign") are skipped.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kgraph.nlp.cues import is_headline, is_name_word, is_titlecase_word, phrase_at, phrase_ending_at
from kgraph.nlp.lexicon import LexiconComponent, NamesLexicon

__all__ = ["CANDIDATE", "find_names", "NameFinder"]

#: Label of a single unknown word that only the alias resolver can confirm.
CANDIDATE = "KG_CANDIDATE"

_ARTICLES = frozenset({"the", "a", "an", "sang", "si", "'s", "’s", "yang", "selaku", "sebagai", "as"})


class _Context:
    """The tokens of one Doc with the facts the rules ask about."""

    def __init__(self, doc: Doc, lex: NamesLexicon) -> None:
        self.doc, self.lex = doc, lex
        self.words = [t.text for t in doc]
        self.folded = [w.casefold() for w in self.words]
        self.ent_at: dict[int, Span] = {i: e for e in doc.ents for i in range(e.start, e.end)}
        self.stops = lex.stop_capitals | lex.months | lex.days

    def name_word(self, i: int) -> bool:
        return i not in self.ent_at and is_name_word(self.words[i], extra=self.lex.legal_after)

    def title_before(self, start: int, floor: int) -> bool:
        """A title (or honorific) ends before ``start``, over commas, articles, organizations."""
        i = start
        while i > floor:
            prev = i - 1
            if prev in self.ent_at and self.ent_at[prev].label_ == "Organization":
                i = self.ent_at[prev].start
            elif self.words[prev] == "," or self.folded[prev] in _ARTICLES:
                i = prev
            elif self.folded[prev] in self.lex.honorifics:
                return True
            elif phrase_ending_at(self.folded[floor:i], i - floor, self.lex.titles):
                return True
            elif self.folded[prev] in self.lex.title_words:
                i = prev
            else:
                return False
        return False

    def title_after(self, end: int, stop: int) -> str:
        """"direct" for "LinkedIn co-founder", "apposition" for "Jo Roe, Acme's CEO", else ""."""
        i, comma = end, False
        if i < stop and self.words[i] == ",":
            i, comma = i + 1, True
        while i < stop:
            if phrase_at(self.folded[:stop], i, self.lex.titles):
                return "apposition" if comma else "direct"
            if i in self.ent_at and self.ent_at[i].label_ == "Organization" and comma:
                i = self.ent_at[i].end
            elif self.folded[i] in _ARTICLES or self.folded[i] in self.lex.title_words:
                i += 1
            else:
                return ""
        return ""

    def cue_before(self, start: int, floor: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
        end = start - 1 if start - 1 >= floor and self.words[start - 1] == "," else start
        return bool(phrase_ending_at(self.folded[floor:end], end - floor, phrases))


def _segments(ctx: _Context, start: int, end: int) -> list[tuple[int, int, str]]:
    """Split the run ``[start, end)`` into (start, end, kind): name, title, stop, place."""
    lex, folded, out = ctx.lex, ctx.folded, []
    k = start
    while k < end:
        n = phrase_at(folded[:end], k, lex.places)
        if n or folded[k] in lex.place_heads:
            k2 = k + n if n else end
            out.append((k, k2, "place"))
            k = k2
            continue
        chain, has_title = k, False
        while chain < end:
            n = phrase_at(folded[:end], chain, lex.titles)
            if n:
                chain, has_title = chain + n, True
            elif folded[chain] in lex.title_words:
                chain += 1
            else:
                break
        if has_title:
            out.append((k, chain, "title"))
            k = chain
        elif folded[k] in ctx.stops or folded[k] in lex.honorifics:
            out.append((k, k + 1, "stop"))
            k += 1
        elif out and out[-1][2] == "name" and out[-1][1] == k:
            out[-1] = (out[-1][0], k + 1, "name")
            k += 1
        else:
            out.append((k, k + 1, "name"))
            k += 1
    return out


def _label(ctx: _Context, s: int, e: int, sent: Span, after_title: bool) -> list[tuple[int, int, str]]:
    """The typed spans for one name segment (possibly split in two)."""
    lex, folded, n = ctx.lex, ctx.folded[s:e], e - s
    if folded[0] in lex.legal_before or folded[-1] in lex.legal_after or any(w in lex.org_words for w in folded):
        return [(s, e, "Organization")]
    if after_title or ctx.title_before(s, sent.start):
        if lex.title_org_name and after_title and n >= 3:
            return [(s, s + 1, "Organization"), (s + 1, e, "Person")]
        if lex.title_org_name and n == 1 and e < sent.end and (ctx.words[e] == "," or e in ctx.ent_at):
            return [(s, e, "Organization")]
        return [(s, e, "Person" if n > 1 else CANDIDATE)]
    if ctx.cue_before(s, sent.start, lex.product_cues) or phrase_at(ctx.folded[:sent.end], e, lex.product_cues):
        return [(s, e, "Product")]
    if ctx.cue_before(s, sent.start, lex.org_cues):
        return [(s, e, "Organization")]
    if not lex.title_org_name and ctx.title_after(e, sent.end) == "direct":
        return [(s, e, "Organization")]
    if n == 1:
        return [(s, e, CANDIDATE)]
    words = ctx.words[s:e]
    if all(is_titlecase_word(w) or f in lex.connectors for w, f in zip(words, folded)):
        return [(s, e, "Person")]
    return [(s, e, "Organization")]


def find_names(doc: Doc, lex: NamesLexicon) -> list[Span]:
    """New entity spans for the capitalized names in ``doc`` outside its current ``doc.ents``.

    Spans are labelled Person, Organization, Product, or :data:`CANDIDATE` for a single
    unknown word.
    """
    ctx = _Context(doc, lex)
    minor = lex.stop_capitals | lex.connectors | lex.group_links
    found: list[Span] = []
    for sent in doc.sents:
        if is_headline([t.text for t in sent if not t.is_space], minor=minor):
            continue
        i = sent.start
        while i < sent.end:
            if not ctx.name_word(i):
                i += 1
                continue
            j = i + 1
            while j < sent.end and (ctx.name_word(j) or (
                    ctx.folded[j] in lex.connectors and j + 1 < sent.end and ctx.name_word(j + 1))):
                j += 1
            segments = _segments(ctx, i, j)
            for index, (s, e, kind) in enumerate(segments):
                if kind != "name":
                    continue
                after_title = index > 0 and segments[index - 1][2] == "title"
                for a, b, label in _label(ctx, s, e, sent, after_title):
                    found.append(Span(doc, a, b, label=label))
            i = j
    return found


class NameFinder(LexiconComponent):
    """Adds the names :func:`find_names` finds to ``doc.ents``.

    lang (str): language of the names lexicon (``{lang}.names.yaml``; English's if none).
    """

    def __init__(self, nlp: Language, name: str = "kg_names", *, lang: str = "") -> None:
        super().__init__(nlp, name, lang=lang)

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = filter_spans(list(doc.ents) + find_names(doc, self.lexicon))
        return doc
