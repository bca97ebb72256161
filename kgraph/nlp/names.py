"""The rule-based name finder: people, organizations and products the gazetteer does not know.

Runs of capitalized words are found and cut into segments by :mod:`kgraph.nlp.runs` (titles,
stop capitals, places split them; runs naming an event, law or holiday are skipped; title-case
headings are skipped). Each name segment is typed by the cues of ``{lang}.names.yaml``, first
rule first:

1. a product noun right after it ("the Acme Cloud platform") -> Product;
2. known as an organization or product from a first pass over the article, a legal form (PT,
   Inc., Tbk) or an organization word (Capital, Ventures, Labs) -> Organization;
   a model number in it ("Quest 3", "XMM 8160", "Mario Kart 8 Deluxe"; a number followed by a
   measure word is a count and no part of it: "Tesla 10 years ago") -> Product, unless the words
   before the number are words of the language ("Chapter 11"): those are typed alone;
3. a title or honorific before ("CEO Microsoft Satya Nadella", "Pendiri Bukalapak, Achmad Zaky")
   -> Person; in languages that write "title organization name", three or more words after a
   title start with the organization ("CEO Acme Budi Santoso"): the longest one known from
   elsewhere in the article, else up to its legal form, else one word (not after a public
   office: "Menteri Keuangan Sri Mulyani Indrawati"); a title in an apposition after it
   ("Jo Roe, Acme's finance chief") -> Person;
4. in languages that write "organization title name", a title right after ("LinkedIn
   co-founder", "Copperline product lead") -> Organization;
5. the head noun before: a product cue ("chatbot, Pi") -> Product, an organization cue
   ("venture firm Sequoia", "perusahaan logistik Acme") -> Organization;
6. a product cue after ("the Bing search engine") or in an apposition (", a chatbot") -> Product;
7. an organization cue in an apposition (", a longtime competitor"), a preposition or verb that
   takes organizations before ("at Acme", "bergabung dengan Acme", "the chief executive of
   Acme"), or an organization's verb after ("Acme laid off") -> Organization;
8. two or more words that are all common words of the language and no given name, with no cue
   ("Hubungan Masyarakat", "Kasih Sayang", "Uniform Bar Exam") -> no name: a capitalized phrase
   of the language, however often it is printed;
9. two or more name-like words ("Frances Haugen", "James M. Whitehurst") -> a name with no cue,
   :data:`NAME`, which the alias resolver types from the entity's other mentions (a person
   when none says otherwise); after an article that people's names never take ("the Ledger
   Daily") -> Organization.

A single unknown word with no cue ("Altman", "Zaky", "Kini") is only a candidate: the alias
resolver keeps it when it names an entity already found, and drops it otherwise.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kgraph.nlp.cues import (doc_words, is_coined_word, is_headline, is_name_word, is_titlecase_word,
                              is_version_word, phrase_at, phrase_ending_at)
from kgraph.nlp.lexicon import LexiconComponent, NamesLexicon
from kgraph.nlp.runs import RunContext, counted, runs

__all__ = ["CANDIDATE", "NAME", "find_names", "extend_brand_names", "extend_known_names", "extend_legal_forms",
           "NameFinder"]

#: Label of a single unknown word that only the alias resolver can confirm.
CANDIDATE = "KG_CANDIDATE"
#: Label of a multi-word name with no cue: a person unless its other mentions say otherwise.
NAME = "KG_NAME"


def _label(ctx: RunContext, s: int, e: int, sent: Span, title: tuple[int, int] | None) -> list[tuple[int, int, str]]:
    """The typed spans for one name segment (possibly split in two); ``title`` is the title
    segment right before it in the same run, if any."""
    after_title = title is not None
    lex, folded, n = ctx.lex, ctx.folded[s:e], e - s
    known = ctx.known_orgs.get(tuple(folded))
    article = s > sent.start and ctx.folded[s - 1] in lex.name_articles  # "the Palo Alto startup"
    if not known and n > 1 and not lex.head_initial and \
            ctx.cue_after(e, sent.end, lex.product_cues, immediate=not article):
        return [(s, e, "Product")]  # "Acme Cloud platform", "the Gridmark Pay checkout app"
    if lex.title_org_name and ctx.copula_title_before(title[1] if title is not None else s, sent.start):
        return [(s, e, known or "Organization")]  # "Budi adalah CEO Lintas Bayar"
    # a person named after a comma: "CEO Jalur Kirim, Arif Santoso"
    named_after = e + 1 < sent.end and ctx.words[e] == "," and ctx.name_word(e + 1) and ctx.folded[e + 1] not in ctx.stops
    if title is not None and lex.title_org_name and n >= 3 and not known and folded[-1] not in lex.legal_after \
            and not named_after:  # "Presiden Direktur PT Tokonesia Digital Indonesia, Rahmat Hidayat"
        k = _organization_words(ctx, s, e, title)  # "Kepala Ekonom Bank Permata Josua Pardede"
        if k:
            return [(s, s + k, "Organization"), (s + k, e, "Person")]
    if known or n > 1 and (folded[0] in lex.legal_before or folded[-1] in lex.legal_after
                           or any(w in lex.org_words for w in folded)):
        return [(s, e, known or "Organization")]
    number = next((i for i in range(s + 1, e) if is_version_word(ctx.words[i])), 0)
    if number:  # "Quest 3", "XMM 8160", "Mario Kart 8 Deluxe": a model number names a product
        head = number - 1 if ctx.words[number - 1] == "-" else number
        if phrase_at(ctx.folded, s, lex.product_cues, head) or not all(
                f in lex.common_words and w not in lex.given_names and not is_coined_word(w)
                for w, f in zip(ctx.words[s:head], ctx.folded[s:head])):
            return [(s, e, "Product")]
        return _label(ctx, s, head, sent, title)  # "Chapter 11", "Tahap 2": words of the language and a number
    if after_title or ctx.title_before(s, sent.start):
        direct = after_title or bool(phrase_ending_at(ctx.folded, s, lex.titles, sent.start))
        if lex.title_org_name and direct:
            if named_after or n == 1 and e in ctx.ent_at:
                return [(s, e, "Organization")]  # "CEO Jalur Kirim, Arif Santoso"
            k = _organization_words(ctx, s, e, title) if n >= 3 else max(
                (k for k in range(1, n) if tuple(folded[:k]) in ctx.known_orgs), default=0)
            if k:
                return [(s, s + k, "Organization"), (s + k, e, "Person")]  # "CEO Acme Budi Santoso"
        after_org = s - 1 in ctx.ent_at and ctx.ent_at[s - 1].label_ == "Organization"  # "Pengawas OJK Agusman"
        return [(s, e, "Person" if n > 1 or after_org else CANDIDATE)]
    after = ctx.title_after(e, sent.end)
    cue = ctx.head_cue_before(s, sent.start)
    if n > 1 and (after == "apposition" or after == "linked" and cue != "Organization"):
        return [(s, e, "Person")]  # not "joined the logistics firm Kirim Kilat as COO"
    if not lex.title_org_name and after == "direct":
        return [(s, e, "Organization")]  # "LinkedIn co-founder", "Copperline product lead"
    if cue:
        return [(s, e, cue)]
    if n > 1 and phrase_at(ctx.folded, s, lex.product_cues, e) == 1:
        return [(s, e, "Product")]  # "Model Y", "Galaxy Tab" start with a product noun
    if ctx.cue_after(e, sent.end, lex.product_cues) or ctx.apposition(e, sent.end, lex.product_cues):
        return [(s, e, "Product")]
    if ctx.apposition(e, sent.end, lex.org_cues) or ctx.link_before(s, sent.start) or ctx.verb_after(e, sent.end):
        return [(s, e, "Organization")]
    if ctx.product_link_before(s, sent.start):
        return [(s, e, "Product")]  # "Kopi Digital launched Saku Kasir"
    if n == 1:
        return [(s, e, CANDIDATE)]
    words = ctx.words[s:e]
    if all(f in lex.common_words and w not in lex.given_names for w, f in zip(words, folded) if w != "-"):
        return []  # "Hubungan Masyarakat", "Uniform Bar Exam": words of the language, capitalized, no name
    if not article and all(is_titlecase_word(w) or f in lex.connectors or w == "-" for w, f in zip(words, folded)):
        return [(s, e, NAME)]
    return [(s, e, "Organization")]


def _organization_words(ctx: RunContext, s: int, e: int, title: tuple[int, int] | None) -> int:
    """How many of the words ``[s, e)`` after a title name the organization ("CEO Acme Budi
    Santoso" -> 1): the longest prefix known from elsewhere in the article, else up to a legal
    form, else an organization word and its name ("Bank Permata"), else one word; none after a
    public office ("Menteri Keuangan Sri Mulyani Indrawati")."""
    lex, folded, n = ctx.lex, ctx.folded[s:e], e - s
    known = max((k for k in range(1, n) if tuple(folded[:k]) in ctx.known_orgs), default=0)
    if known:
        return known
    legal = next((k + 1 for k in range(n - 1) if folded[k] in lex.legal_after), 0)
    if legal:
        return legal
    if folded[0] in lex.legal_before or folded[0] in lex.org_words:
        return 2
    public = title is not None and any(  # not "Presiden Direktur", a company title
        phrase_at(ctx.folded, i, lex.public_titles, title[1]) == phrase_at(ctx.folded, i, lex.titles, title[1]) > 0
        for i in range(*title))
    return 0 if public and is_titlecase_word(ctx.words[s]) else 1


def find_names(doc: Doc, lex: NamesLexicon) -> list[Span]:
    """New entity spans for the capitalized names in ``doc`` outside its current ``doc.ents``.

    Spans are labelled Person, Organization, Product, :data:`NAME` for a name with no cue, or
    :data:`CANDIDATE` for a single unknown word. Two passes: names typed as organizations or
    products in the first are known as such in the second, so "Wakil Presiden Teknik Sinar Kode,
    Sari" and "CEO Sinar Kode Hendra Wiratama" split right.
    """
    ctx = RunContext(doc, lex)
    found_runs = runs(ctx)
    found: list[Span] = []
    for final in (False, True):
        found = []
        for sent, segments in found_runs:
            for index, (s, e, kind) in enumerate(segments):
                if kind != "name":
                    continue
                title = segments[index - 1][:2] if index > 0 and segments[index - 1][2] == "title" else None
                for a, b, label in _label(ctx, s, e, sent, title):
                    found.append(Span(doc, a, b, label=label))
        if not final:
            # a word of a person's full name found in the article ("Anthony Levandowski") stays
            # that person's even where one context typed it alone as an organization
            personal = {w for x in found if len(x) > 1 and x.label_ in ("Person", NAME) for w in ctx.folded[x.start:x.end]}
            typed = [x for x in found if x.label_ in ("Organization", "Product")
                     and not (len(x) == 1 and ctx.folded[x.start] in personal)]
            typed += [x for x in doc.ents if x.label_ in ("Organization", "Product")]
            ctx.known_orgs = {tuple(ctx.folded[x.start:x.end]): x.label_ for x in typed}
            ctx.known_orgs.update({(ctx.folded[x.end + 1],): x.label_ for x in typed  # "Acme Data (AD)"
                                   if x.end + 2 < len(doc) and ctx.words[x.end] == "(" and ctx.words[x.end + 2] == ")"})
    return found


def _extension_word(ctx: RunContext, k: int, taken: set[int]) -> bool:
    """Whether token ``k`` can go on a known name printed before it: a name word or a version
    number in the same sentence, not claimed, and no title, month, day, honorific, given name or
    initial before another name word (a person's name: "CEO Gojek Kevin Aluwi"); a place goes on it
    ("Vodafone India")."""
    lex, word, fold = ctx.lex, ctx.words[k], ctx.folded[k]
    if k in taken or not ctx.spaces[k - 1] or ctx.doc[k].is_sent_start:
        return False
    if not (is_name_word(word, extra=lex.legal_after) or is_version_word(word)
            and not counted(ctx.words, ctx.folded, ctx.spaces, k, len(ctx.words), lex)):
        return False
    if phrase_at(ctx.folded, k, lex.places):
        return True  # "Vodafone India"
    if is_coined_word(word):
        return False  # "akun Twitter DarkTracer": a coined word is a name of its own
    if not ctx.spaces[k] and k + 1 < len(ctx.words) and ctx.words[k + 1] == "-":
        return False  # "Mandiri E-Cash": the word goes on past a hyphen, a name of its own
    initial = len(word.rstrip(".")) == 1 and word[0].isalpha()
    person = (initial or word in lex.given_names and fold not in lex.common_words) and k + 1 < len(ctx.words) \
        and is_name_word(ctx.words[k + 1])  # "Gojek Kevin Aluwi", "BEI I Gede Nyoman Yetna"
    return not (fold in ctx.stops or fold in lex.honorifics or phrase_at(ctx.folded, k, lex.titles) or person)


def _extension_type(ctx: RunContext, s: int, e: int, sent: Span) -> str:
    """The type of a known name with more name words after it and no organization word among
    them: an organization where the words around say so (", the telecom subsidiary", "at ...",
    "... laid off"), else a product, the brand's ("Google Toolbar")."""
    lex = ctx.lex
    cue = ctx.head_cue_before(s, sent.start)
    if cue:
        return cue
    if ctx.cue_after(e, sent.end, lex.product_cues) or ctx.apposition(e, sent.end, lex.product_cues):
        return "Product"
    if ctx.apposition(e, sent.end, lex.org_cues) or ctx.link_before(s, sent.start) or ctx.verb_after(e, sent.end):
        return "Organization"
    return "Product"


def _closed(words: list[str], folded: list[str], k: int, lex: NamesLexicon) -> bool:
    """Whether a name ends before word ``k`` because a legal form with its full stop closes it
    ("in Yahoo Japan Corp. Altaba said", "Acme Inc. CEO Jo"); another legal form may follow.

    >>> lex = NamesLexicon(legal_after=frozenset({"corp.", "inc.", "ltd."}))
    >>> [_closed(w, [x.casefold() for x in w], 2, lex) for w in (["Acme", "Corp.", "Altaba"], ["Acme", "Co.", "Ltd."])]
    [True, False]
    """
    return k > 0 and words[k - 1].endswith(".") and folded[k - 1] in lex.legal_after \
        and folded[k] not in lex.legal_after


def extend_known_names(doc: Doc, lex: NamesLexicon) -> list[Span]:
    """``doc.ents`` with a known organization or product followed by name words read as the
    longer name the text prints (a longer, more specific name wins over a shorter known one):

    - only company words after it ("LinkedIn Corporation", "Primavera Capital Group"): the same
      firm (same canonical ``kb_id_``);
    - an organization word or legal form among them ("Citigroup Global Markets Inc.", "Tata
      Steel", "Alibaba Pictures") or a place ("Grab Indonesia", "Vodafone India"): an
      organization of its own;
    - other words ("Google Toolbar", "Apple Card", "Windows Phone"): a name of its own, typed
      by the cues around it as the name finder types a name, a product when none speaks; not
      in languages that write "title organization name" where a title stands before it or two
      name words follow ("CEO Telkom Ririek Adriansyah": the words after are a person's).

    Headings are left alone: every word of a title-case line is capitalized.
    """
    words, folded, spaces = doc_words(doc)
    taken = {i for e in doc.ents for i in range(e.start, e.end)}
    # most known names have no name word after them: only those that do need the run context
    open_ends = [e for e in doc.ents if e.kb_id_ and e.label_ in ("Organization", "Product") and e.end < len(doc)
                 and e.end not in taken and spaces[e.end - 1]
                 and not _closed(words, folded, e.end, lex)
                 and (is_name_word(words[e.end], extra=lex.legal_after) or is_version_word(words[e.end]))]
    if not open_ends:
        return list(doc.ents)
    ctx = RunContext(doc, lex)
    minor = lex.stop_capitals | lex.connectors | lex.group_links
    headings = {i for sent in {e.sent for e in open_ends} if is_headline(
        [w for w in words[sent.start:sent.end] if not w.isspace()], minor=minor) for i in range(sent.start, sent.end)}
    forms = lex.company_forms | lex.legal_after
    org_words = lex.org_words | lex.company_tails | forms
    candidates = {(e.start, e.end) for e in open_ends}
    out = []
    for ent in doc.ents:
        end = ent.end
        if (ent.start, ent.end) in candidates and ent.start not in headings:
            while end < len(doc) and end - ent.end < 4 and not _closed(words, folded, end, lex) \
                    and _extension_word(ctx, end, taken):
                end += 1
        added = folded[ent.end:end]
        if not added:
            out.append(ent)
            continue
        if ent.label_ == "Organization" and all(f in forms for f in added):
            label, kb_id = "Organization", ent.kb_id_  # "LinkedIn Corporation": the same firm
        elif any(f in org_words for f in added) or phrase_at(folded, ent.end, lex.places, end) == len(added):
            label, kb_id = "Organization", ""  # "Tata Steel", "Grab Indonesia"
        elif lex.title_org_name and (ctx.title_before(ent.start, ent.sent.start) or sum(
                is_titlecase_word(w) for w in words[ent.end:end]) > 1):
            out.append(ent)  # "CEO Telkom Ririek Adriansyah", "Deputi Bidang Komunikasi BPJS Oni Marbun"
            continue
        else:
            label, kb_id = _extension_type(ctx, ent.start, end, ent.sent), ""  # "Google Toolbar", "Apple Card"
        out.append(Span(doc, ent.start, end, label=label, kb_id=kb_id))
        taken.update(range(ent.end, end))
    return out


def extend_legal_forms(doc: Doc, lex: NamesLexicon) -> list[Span]:
    """``doc.ents`` with each known organization stretched over the legal form printed around it:
    "PT Investree Radhika Jaya" for the gazetteer's "Investree", "Salesforce Inc." for
    "Salesforce" (same canonical ``kb_id_``)."""
    out, words = [], doc_words(doc)[0]
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


def extend_brand_names(doc: Doc, lex: NamesLexicon) -> list[Span]:
    """``doc.ents`` with a known organization or product followed by a version number read as
    the product it names: "Microsoft 365", "Claude 2", "Telkom 1" (a new Product, not the
    brand; a name with an organization word stays one: "SoftBank Vision Fund 2"), with the model
    words printed after the number ("PlayStation 4 Pro"). A name word
    after a brand is left to the name finder: "Apple Arcade" is a product, "Alibaba Pictures" a
    company, and only context tells them apart."""
    words, folded, spaces = doc_words(doc)
    taken = {i for e in doc.ents for i in range(e.start, e.end)}
    out = []
    for ent in doc.ents:
        end = ent.end
        if ent.kb_id_ and ent.label_ in ("Organization", "Product") and end < len(doc) and end not in taken \
                and spaces[end - 1] and not doc[end].is_sent_start and is_version_word(words[end]) \
                and not counted(words, folded, spaces, end, ent.sent.end, lex) \
                and not any(f in lex.org_words for f in folded[ent.start:end]):
            last = end + 1  # the model words after the number go on: "PlayStation 4 Pro", "iPhone 15 Pro Max"
            while last < len(doc) and last not in taken and spaces[last - 1] \
                    and folded[last] in lex.model_words and words[last][:1].isupper():
                last += 1
            out.append(Span(doc, ent.start, last, label="Product"))
            taken.update(range(end, last))
        else:
            out.append(ent)
    return out


class NameFinder(LexiconComponent):
    """Adds the names :func:`find_names` finds to ``doc.ents``.

    lang (str): language of the names lexicon (``{lang}.names.yaml``; English's if none).
    """

    def __init__(self, nlp: Language, name: str = "kg_names", *, lang: str = "") -> None:
        super().__init__(nlp, name, lang=lang)

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = extend_brand_names(doc, self.lexicon)
        doc.ents = extend_known_names(doc, self.lexicon)
        doc.ents = extend_legal_forms(doc, self.lexicon)
        doc.ents = filter_spans(list(doc.ents) + find_names(doc, self.lexicon))
        return doc
