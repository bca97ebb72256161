"""The rule-based name finder: people, organizations and products the gazetteer does not know.

A *run* is a stretch of capitalized words in one sentence that no earlier component claimed. It is
split at titles ("Direktur Utama", "chief executive"), stop capitals (sentence-initial function
words, months, days) and places (a run naming an event, law or holiday is skipped); each remaining *segment* is typed by the cues of
``{lang}.names.yaml`` around it:

1. a legal form (PT, Inc., Tbk) or an organization word (Capital, Ventures, Labs) -> Organization;
2. a title or honorific before ("CEO Microsoft Satya Nadella", "Pendiri Bukalapak, Achmad Zaky")
   -> Person; in languages that write "title organization name", three or more words after a
   title start with the organization ("CEO Acme Budi Santoso"): the longest one known from
   elsewhere in the article, else up to its legal form, else one word (not after a public
   office: "Menteri Keuangan Sri Mulyani Indrawati");
3. the head noun before: a product cue ("chatbot, Pi") -> Product, an organization cue ("venture
   firm Sequoia", "perusahaan logistik Acme") -> Organization;
4. a product cue after ("the Bing search engine"), or in an apposition (", a chatbot") -> Product;
5. an organization cue in an apposition after (", a longtime competitor"), a preposition or verb
   that takes organizations before ("at Acme", "bergabung dengan Acme"), or an organization's
   verb after ("Acme laid off") -> Organization;
6. in languages that write "organization title name", a title right after ("LinkedIn
   co-founder", "Unity CEO") -> Organization;
7. two or more name-like words ("Frances Haugen", "James M. Whitehurst") -> a name with no cue,
   :data:`NAME`, which the alias resolver types from the entity's other mentions (a person
   when none says otherwise).

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

__all__ = ["CANDIDATE", "NAME", "find_names", "extend_legal_forms", "NameFinder"]

#: Label of a single unknown word that only the alias resolver can confirm.
CANDIDATE = "KG_CANDIDATE"
#: Label of a multi-word name with no cue: a person unless its other mentions say otherwise.
NAME = "KG_NAME"

_ARTICLES = frozenset({"the", "a", "an", "sang", "si", "'s", "’s", "yang", "selaku", "sebagai", "as"})


class _Context:
    """The tokens of one Doc with the facts the rules ask about."""

    def __init__(self, doc: Doc, lex: NamesLexicon) -> None:
        self.doc, self.lex = doc, lex
        self.words = [t.text for t in doc]
        self.folded = [w.casefold() for w in self.words]
        self.ent_at: dict[int, Span] = {i: e for e in doc.ents for i in range(e.start, e.end)}
        self.stops = lex.stop_capitals | lex.months | lex.days
        self.known_orgs: dict[tuple[str, ...], str] = {}  # names typed Organization/Product so far

    def name_word(self, i: int) -> bool:
        return i not in self.ent_at and is_name_word(self.words[i], extra=self.lex.legal_after)

    def title_word(self, i: int) -> bool:
        """Whether ``words[i]`` is a title or a title word ("Menteri", "Komunikasi")."""
        return self.folded[i] in self.lex.title_words or bool(phrase_ending_at(self.folded, i + 1, self.lex.titles))

    def title_before(self, start: int, floor: int) -> bool:
        """A title (or honorific) ends before ``start``, over commas, articles, organizations."""
        i, skipped = start, 0
        while i > floor:
            prev = i - 1
            if prev in self.ent_at and self.ent_at[prev].label_ == "Organization":
                i = self.ent_at[prev].start
            elif self.words[prev] == "," or self.folded[prev] in _ARTICLES:
                i = prev
            elif is_name_word(self.words[prev]) and "," in self.words[i:start] and skipped < 3:
                i, skipped = prev, skipped + 1  # "Direktur Keuangan Nusapay, Lintang": an organization
            elif self.folded[prev] in self.lex.honorifics:
                return True
            elif phrase_ending_at(self.folded, i, self.lex.titles, floor):
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
            if phrase_at(self.folded, i, self.lex.titles, stop):
                return "apposition" if comma else "direct"
            if i in self.ent_at and self.ent_at[i].label_ == "Organization" and comma:
                i = self.ent_at[i].end
            elif comma and is_name_word(self.words[i]):
                i += 1  # "Jo Roe, Gridmark's chief executive"
            elif self.folded[i] in _ARTICLES or self.folded[i] in self.lex.title_words:
                i += 1
            else:
                return ""
        return ""

    def _modifiers(self, i: int, step: int, limit: int, bound: int) -> list[int]:
        """``i`` and the positions reached by skipping up to ``limit`` lowercase words from it
        (backwards to ``bound`` when ``step`` is -1, forwards up to ``bound`` when it is 1)."""
        out = [i]
        while len(out) <= limit:
            k = out[-1] - 1 if step < 0 else out[-1]
            if (k < bound if step < 0 else k >= bound) or not (self.words[k].isalpha() and self.words[k].islower()):
                break
            out.append(out[-1] + step)
        return out

    def head_cue_before(self, start: int, floor: int) -> str:
        """The type named by the head noun before ``start``: "Product" for "the app Threads",
        "Organization" for "perusahaan logistik Acme" (over a comma; in head-initial languages
        over lowercase modifiers, the farthest cue being the head), else ""."""
        end = start - 1 if start - 1 >= floor and self.words[start - 1] == "," else start
        ends = self._modifiers(end, -1, 3, floor)[::-1] if self.lex.head_initial else [end]
        for e in ends:
            for label, phrases in (("Product", self.lex.product_cues), ("Organization", self.lex.org_cues)):
                if phrase_ending_at(self.folded, e, phrases, floor):
                    return label
        return ""

    def cue_after(self, end: int, stop: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
        """A cue phrase starts right after ``end`` (over lowercase modifiers in head-final
        languages: "the Quillpad writing assistant")."""
        starts = [end] if self.lex.head_initial else self._modifiers(end, 1, 2, stop)
        return any(phrase_at(self.folded, s, phrases, stop) for s in starts)

    def apposition(self, end: int, stop: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
        """", a longtime competitor" / ", the maker of" after the name: a cue in an apposition
        (head-final languages only: in Indonesian a comma as often starts a clause)."""
        if self.lex.head_initial or end >= stop or self.words[end] != ",":
            return False
        i = end + 1
        if i < stop and self.folded[i] in _ARTICLES:
            i += 1
        for j in range(i, min(i + 4, stop)):
            if phrase_at(self.folded, j, self.lex.titles, stop):
                return False  # ", its director of platform": a person's apposition
            if phrase_at(self.folded, j, phrases, stop):
                return True
            if not (self.words[j].isalpha() and self.words[j].islower()):
                return False
        return False

    def link_before(self, start: int, floor: int) -> bool:
        """A preposition or verb for organizations right before: "at Acme", "bergabung dengan"."""
        return bool(phrase_ending_at(self.folded, start, self.lex.org_links, floor))

    def verb_after(self, end: int, stop: int) -> bool:
        """An organization's verb follows: "Kitebase laid off", "Acme telah memecat"."""
        i = end
        while i < stop and self.folded[i] in self.lex.auxiliaries:
            i += 1
        return bool(phrase_at(self.folded, i, self.lex.org_verbs, stop))


def _segments(ctx: _Context, start: int, end: int) -> list[tuple[int, int, str]]:
    """Split the run ``[start, end)`` into (start, end, kind): name, title, stop, place."""
    lex, folded, out = ctx.lex, ctx.folded, []
    k = start
    while k < end:
        n = phrase_at(folded, k, lex.places, end)
        inside = bool(out) and out[-1][2] == "name"  # "PT Ruang Raya Indonesia": part of a name
        if (n or folded[k] in lex.place_heads) and not inside:
            k2 = k + n if n else end
            out.append((k, k2, "place"))
            k = k2
            continue
        chain, has_title = k, False
        while chain < end:
            n = phrase_at(folded, chain, lex.titles)  # may go on in lowercase: "Juru bicara"
            if n:
                chain, has_title = chain + n, True
            elif folded[chain] in lex.title_words:
                chain += 1
            else:
                break
        if has_title:
            out.append((k, min(chain, end), "title"))
            k = min(chain, end)
        elif k == start and ctx.doc[k].is_sent_start and folded[k] not in lex.org_words and (
                phrase_at(folded, k, lex.org_cues, k + 1) or phrase_at(folded, k, lex.product_cues, k + 1)):
            out.append((k, k + 1, "stop"))  # "Rival Fernhill Systems": a cue word, capitalized
            k += 1
        elif out and out[-1][2] == "name" and out[-1][1] == k and folded[k] in lex.org_words:
            out[-1] = (out[-1][0], k + 1, "name")  # "Tessellate AI": an organization word after a name
            k += 1
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


def _label(ctx: _Context, s: int, e: int, sent: Span, title: tuple[int, int] | None) -> list[tuple[int, int, str]]:
    """The typed spans for one name segment (possibly split in two); ``title`` is the title
    segment right before it in the same run, if any."""
    after_title = title is not None
    lex, folded, n = ctx.lex, ctx.folded[s:e], e - s
    known = ctx.known_orgs.get(tuple(folded))
    if known or n > 1 and (folded[0] in lex.legal_before or folded[-1] in lex.legal_after
                           or any(w in lex.org_words for w in folded)):
        return [(s, e, known or "Organization")]
    if after_title or ctx.title_before(s, sent.start):
        direct = after_title or bool(phrase_ending_at(ctx.folded, s, lex.titles, sent.start))
        public = title is not None and any(  # "Menteri Keuangan Sri Mulyani" (not "Presiden Direktur")
            phrase_at(ctx.folded, i, lex.public_titles, title[1]) == phrase_at(ctx.folded, i, lex.titles, title[1]) > 0
            for i in range(*title))
        if lex.title_org_name and direct:
            if e + 1 < sent.end and ctx.words[e] == "," and ctx.name_word(e + 1) \
                    and ctx.folded[e + 1] not in ctx.stops or n == 1 and e in ctx.ent_at:
                return [(s, e, "Organization")]  # "CEO Jalur Kirim, Arif Santoso"
            k = max((k for k in range(1, n) if tuple(folded[:k]) in ctx.known_orgs), default=0)
            if not k and n >= 3:  # legal forms mark the organization, else it is one word
                k = next((k + 1 for k in range(n - 1) if folded[k] in lex.legal_after),
                         2 if folded[0] in lex.legal_before else
                         0 if public and is_titlecase_word(ctx.words[s]) else 1)
            if k:
                return [(s, s + k, "Organization"), (s + k, e, "Person")]  # "CEO Acme Budi Santoso"
        after_org = s - 1 in ctx.ent_at and ctx.ent_at[s - 1].label_ == "Organization"  # "Pengawas OJK Agusman"
        return [(s, e, "Person" if n > 1 or after_org else CANDIDATE)]
    if n > 1 and ctx.title_after(e, sent.end) == "apposition":
        return [(s, e, "Person")]
    cue = ctx.head_cue_before(s, sent.start)
    if cue:
        return [(s, e, cue)]
    if n > 1 and phrase_at(ctx.folded, s, lex.product_cues, e) == 1:
        return [(s, e, "Product")]  # "Model Y", "Galaxy Tab" start with a product noun
    if ctx.cue_after(e, sent.end, lex.product_cues) or ctx.apposition(e, sent.end, lex.product_cues):
        return [(s, e, "Product")]
    if ctx.apposition(e, sent.end, lex.org_cues) or ctx.link_before(s, sent.start) or ctx.verb_after(e, sent.end):
        return [(s, e, "Organization")]
    if not lex.title_org_name and ctx.title_after(e, sent.end) == "direct":
        return [(s, e, "Organization")]
    if n == 1:
        return [(s, e, CANDIDATE)]
    words = ctx.words[s:e]
    if all(is_titlecase_word(w) or f in lex.connectors for w, f in zip(words, folded)):
        return [(s, e, NAME)]
    return [(s, e, "Organization")]


def _runs(ctx: _Context) -> list[tuple[Span, list[tuple[int, int, str]]]]:
    """Every run of capitalized words outside headings, with its segments."""
    lex = ctx.lex
    minor = lex.stop_capitals | lex.connectors | lex.group_links
    out = []
    for sent in ctx.doc.sents:
        if is_headline([t.text for t in sent if not t.is_space], minor=minor):
            continue
        i = sent.start
        while i < sent.end:
            if not ctx.name_word(i):
                i += 1
                continue
            j = i + 1
            while j < sent.end and (ctx.name_word(j) or j + 1 < sent.end and ctx.name_word(j + 1) and (
                    ctx.folded[j] in lex.connectors  # "Ursula von der Leyen"
                    or ctx.folded[j] in lex.title_words and ctx.title_word(j - 1))):  # "Head of Public Affairs"
                j += 1
            if not any(ctx.folded[k] in lex.reject_words for k in range(i, j)):
                out.append((sent, _segments(ctx, i, j)))
            i = j
    return out


def find_names(doc: Doc, lex: NamesLexicon) -> list[Span]:
    """New entity spans for the capitalized names in ``doc`` outside its current ``doc.ents``.

    Spans are labelled Person, Organization, Product, :data:`NAME` for a name with no cue, or
    :data:`CANDIDATE` for a single unknown word. Two passes: names typed as organizations or
    products in the first are known as such in the second, so "Wakil Presiden Teknik Sinar Kode,
    Sari" and "CEO Sinar Kode Hendra Wiratama" split right.
    """
    ctx = _Context(doc, lex)
    runs = _runs(ctx)
    found: list[Span] = []
    for final in (False, True):
        found = []
        for sent, segments in runs:
            for index, (s, e, kind) in enumerate(segments):
                if kind != "name":
                    continue
                title = segments[index - 1][:2] if index > 0 and segments[index - 1][2] == "title" else None
                for a, b, label in _label(ctx, s, e, sent, title):
                    found.append(Span(doc, a, b, label=label))
        if not final:
            typed = [x for x in found if x.label_ in ("Organization", "Product")]
            typed += [x for x in doc.ents if x.label_ in ("Organization", "Product")]
            ctx.known_orgs = {tuple(ctx.folded[x.start:x.end]): x.label_ for x in typed}
            ctx.known_orgs.update({(ctx.folded[x.end + 1],): x.label_ for x in typed  # "Acme Data (AD)"
                                   if x.end + 2 < len(doc) and ctx.words[x.end] == "(" and ctx.words[x.end + 2] == ")"})
    return found


def extend_legal_forms(doc: Doc, lex: NamesLexicon) -> list[Span]:
    """``doc.ents`` with each known organization stretched over the legal form printed around it:
    "PT Investree Radhika Jaya" for the gazetteer's "Investree", "Salesforce Inc." for
    "Salesforce" (same canonical ``kb_id_``)."""
    out, words = [], [t.text for t in doc]
    taken = {i for e in doc.ents for i in range(e.start, e.end)}
    for ent in doc.ents:
        start, end = ent.start, ent.end
        if ent.label_ == "Organization":
            if start > 0 and words[start - 1].casefold() in lex.legal_before and start - 1 not in taken:
                start -= 1
                while end < len(doc) and end not in taken and is_name_word(words[end], extra=lex.legal_after):
                    end += 1
            while end < len(doc) and end not in taken and words[end].casefold() in lex.legal_after:
                end += 1
        out.append(ent if (start, end) == (ent.start, ent.end) else
                   Span(doc, start, end, label=ent.label_, kb_id=ent.kb_id_))
    return out


class NameFinder(LexiconComponent):
    """Adds the names :func:`find_names` finds to ``doc.ents``.

    lang (str): language of the names lexicon (``{lang}.names.yaml``; English's if none).
    """

    def __init__(self, nlp: Language, name: str = "kg_names", *, lang: str = "") -> None:
        super().__init__(nlp, name, lang=lang)

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = extend_legal_forms(doc, self.lexicon)
        doc.ents = filter_spans(list(doc.ents) + find_names(doc, self.lexicon))
        return doc
