"""Runs of capitalized words and the cues around them, for the name finder.

A *run* is a stretch of capitalized words in one sentence that no earlier component claimed;
:func:`runs` cuts each into *segments*: names, titles ("Direktur Utama", "Head of Public
Affairs"), stop capitals and places. :class:`RunContext` answers the questions the typing rules
of :mod:`kgraph.nlp.names` ask about the words around a segment.
"""
from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span

from kgraph.nlp.cues import doc_words, is_headline, is_name_word, is_version_word, is_year, phrase_at, phrase_ending_at
from kgraph.nlp.lexicon import NamesLexicon

_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})  # "Acme's CEO": the name owns the title

__all__ = ["RunContext", "counted", "segments", "runs"]


def counted(words: list[str], folded: list[str], spaces: list[bool], j: int, stop: int, lex: NamesLexicon) -> bool:
    """Whether the number at ``j`` counts or measures what follows it, so it names no model: a
    measure word after it ("10 years", "5 persen"), a hyphenated unit ("256-bit"), letters glued
    to it ("5G", "4K"), or an amount word before it ("Rs 70", "Rp 5").

    >>> lex = NamesLexicon(measure_words=frozenset({"tahun"}))
    >>> def check(words, spaces):
    ...     return counted(words, [w.casefold() for w in words], spaces, 1, len(words), lex)
    >>> check(["Gojek", "2", "tahun"], [True, True, False])
    True
    >>> check(["Jaringan", "5", "G"], [True, False, False])
    True
    >>> check(["Quest", "3", "headset"], [True, True, False])
    False
    >>> check(["AES", "256", "-", "bit"], [True, False, False, False])
    True
    """
    if j > 0 and folded[j - 1] in lex.amount_words:
        return True  # "Rs 70", "Rp 5": an amount
    if j + 1 >= stop:
        return False
    if not spaces[j] and words[j + 1] == "-" and j + 2 < stop:
        return folded[j + 2] in lex.measure_words or words[j + 2][:1].islower()  # "256-bit", "5-inch"
    return folded[j + 1] in lex.measure_words or not spaces[j] and words[j + 1][:1].isalpha()


class RunContext:
    """The tokens of one Doc with the facts the rules ask about."""

    def __init__(self, doc: Doc, lex: NamesLexicon) -> None:
        self.doc, self.lex = doc, lex
        self.words, self.folded, self.spaces = doc_words(doc)
        self.ent_at: dict[int, Span] = {i: e for e in doc.ents for i in range(e.start, e.end)}
        self.stops = lex.stop_capitals | lex.months | lex.days
        self.known_orgs: dict[tuple[str, ...], str] = {}  # names typed Organization/Product so far
        # words that end a noun phrase, so a head noun before them does not reach the name after:
        # "Perusahaan itu menunjuk Dewi Lestari" (Dewi is not "the company Dewi")
        # "perusahaan yang didirikan Elon Musk": a relative clause ends the noun phrase too
        self.phrase_breaks = lex.auxiliaries | lex.phrase_ends | lex.relatives | {verb[0] for verb in lex.org_verbs}
        # capitalized word pairs written inside a sentence: "Teras Kopi" there is a name, so a
        # sentence opening with "Teras Kopi" keeps it even though "teras" is a common word
        # a token opens a sentence where SENT_START is 1 (Token.is_sent_start is True): read
        # from the array, not from a Token object per word
        opens = doc.to_array(SENT_START).tolist() if len(doc) else []
        self.inner_pairs = {(self.folded[i], self.folded[i + 1]) for i in range(1, len(doc) - 1)
                            if opens[i] != 1 and self.words[i][:1].isupper()
                            and self.words[i + 1][:1].isupper()}
        self.inner_words = {self.folded[i] for i in range(1, len(doc))
                            if opens[i] != 1 and self.words[i][:1].isupper()}
        self.joined: set[int] = set()  # "and"/"of"/"&" inside a run: "Securities and Exchange Commission"

    def name_word(self, i: int) -> bool:
        """A name word no component claimed; not letters glued to a number ("5G", "4K": a unit)."""
        return i not in self.ent_at and is_name_word(self.words[i], extra=self.lex.legal_after) \
            and not (i > 0 and not self.spaces[i - 1] and self.words[i - 1][-1:].isdigit())

    def model_number(self, j: int, stop: int) -> bool:
        """Whether the number at ``j`` goes on the name word before it as a model number ("Quest 3",
        "XMM 8160", "Splatoon 2", "GPT-4" printed as three tokens): not a year, not after a month,
        day or stop capital ("March 12"), not a count ("Tesla 10 years ago", "Rp 5 triliun")."""
        words, folded = self.words, self.folded
        if not 0 < j < len(words) or j in self.ent_at or not is_version_word(words[j]) or is_year(words[j]):
            return False
        prev = j - 1
        if words[prev] == "-" and not self.spaces[prev] and prev > 0 and not self.spaces[prev - 1]:
            prev -= 1  # "GPT-4" as "GPT", "-", "4"
        elif not self.spaces[prev]:
            return False
        if not is_name_word(words[prev]) or folded[prev] in self.stops or folded[prev] + "." in self.stops:
            # "Aug 10", "Sept 26": a month's short form with its full stop left out
            return False
        return not counted(words, folded, self.spaces, j, stop, self.lex)

    def joins_name(self, start: int, j: int, stop: int) -> bool:
        """Whether the word ``j`` ("and", "of", "&", "dan") joins the run ``[start, j)`` to the name
        words after it into one institution's name: "&" between name words ("Covington &
        Burling"); "of"/"for" after an institution's head ("Department of Homeland Security");
        "and" inside a head-initial institution name ("Kementerian Komunikasi dan
        Informatika", "Ministry of Communication and Informatics"), or after up to three words
        that are no given name when the name after it ends with an institution's head ("Securities and Exchange
        Commission", "Competition and Markets Authority")."""
        lex, folded = self.lex, self.folded
        if not (j > start and j + 1 < stop and self.name_word(j + 1)):
            return False
        if self.words[j] == "&":
            return True
        if folded[j] in lex.institution_links:
            return folded[j - 1] in lex.institution_heads
        if folded[j] not in lex.name_ands:
            return False
        if folded[start] in lex.institution_heads and (lex.head_initial or any(
                k in self.joined and folded[k] in lex.institution_links for k in range(start, j))):
            return True
        if lex.head_initial:
            return False
        end = j + 1
        while end < stop and self.name_word(end):
            end += 1
        # "Copperline Networks and Halberd Security": a name ending in an organization word is
        # whole already, two companies listed
        complete = j - start >= 2 and folded[j - 1] in lex.org_words
        return folded[end - 1] in lex.institution_heads and j - start <= 3 and not complete and not any(
            self.words[k] in lex.given_names and folded[k] not in lex.common_words for k in range(start, j))

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
            elif self.words[prev] == "," or self.folded[prev] in self.lex.determiners:
                i = prev
            elif is_name_word(self.words[prev]) and "," in self.words[i:start] and skipped < 3:
                i, skipped = prev, skipped + 1  # "Direktur Keuangan Nusapay, Lintang": an organization
            elif self.folded[prev] in self.lex.honorifics:
                return True
            elif self.folded[prev] in self.lex.title_links and i == start:
                return False  # "the chief executive of Citigroup": the organization
            elif phrase_ending_at(self.folded, i, self.lex.titles, floor):
                return True
            elif self.folded[prev] in self.lex.title_words:
                i = prev
            else:
                return False
        return False

    def copula_title_before(self, start: int, floor: int) -> bool:
        """A title right before ``start`` follows a copula ("Budi adalah CEO Lintas Bayar",
        "ditunjuk sebagai direktur keuangan Lintas Bayar"): the title describes someone named
        earlier, so the name after it is the organization."""
        i, titled = start, False
        while i > floor:
            n = phrase_ending_at(self.folded, i, self.lex.titles, floor)
            if n:
                i, titled = i - n, True
            elif self.folded[i - 1] in self.lex.title_words:
                i -= 1
            else:
                break
        return titled and i > floor and self.folded[i - 1] in self.lex.title_copulas

    def title_after(self, end: int, stop: int) -> str:
        """"direct" for "LinkedIn co-founder", "apposition" for "Jo Roe, Acme's CEO", "linked"
        for "Jo Roe as CEO", else ""."""
        i, comma, linked = end, False, False
        if i < stop and self.words[i] == ",":
            i, comma = i + 1, True
        while i < stop:
            if phrase_at(self.folded, i, self.lex.titles, stop):
                return "apposition" if comma else "linked" if linked else "direct"
            if self.folded[i] in self.lex.determiners and self.folded[i] not in _POSSESSIVES:
                linked = True
            if i in self.ent_at and self.ent_at[i].label_ == "Organization" and comma:
                i = self.ent_at[i].end
            elif comma and is_name_word(self.words[i]):
                i += 1  # "Jo Roe, Gridmark's chief executive"
            elif self.folded[i] in self.lex.determiners or self.folded[i] in self.lex.title_words:
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
            if (k < bound if step < 0 else k >= bound) or not (
                    self.words[k].replace("-", "").isalpha() and self.words[k].islower()) \
                    or self.folded[k] in self.phrase_breaks:  # "e-commerce" is a modifier
                break
            out.append(out[-1] + step)
        return out

    def head_cue_before(self, start: int, floor: int) -> str:
        """The type named by the head noun before ``start``: "Product" for "the app Threads",
        "Organization" for "perusahaan logistik Acme" (over a comma; in head-initial languages
        over lowercase modifiers, the farthest cue being the head; a word that is both, like
        "platform", names an organization before a name), else ""."""
        end = start - 1 if start - 1 >= floor and self.words[start - 1] == "," else start
        ends = self._modifiers(end, -1, 3, floor)[::-1] if self.lex.head_initial else [end]
        for e in ends:
            for label, phrases in (("Organization", self.lex.org_cues), ("Product", self.lex.product_cues)):
                if phrase_ending_at(self.folded, e, phrases, floor):
                    return label
        return ""

    def cue_after(self, end: int, stop: int, phrases: tuple[tuple[str, ...], ...], *, immediate: bool = False) -> bool:
        """A cue phrase starts right after ``end`` (over lowercase modifiers in head-final
        languages: "the Quillpad writing assistant") unless another cue noun follows it, the
        last noun being the head ("Cloud software maker Acme": "maker", not "software")."""
        starts = [end] if self.lex.head_initial or immediate else self._modifiers(end, 1, 2, stop)
        for s in starts:
            n = phrase_at(self.folded, s, phrases, stop)
            if n and (self.lex.head_initial or not any(
                    phrase_at(self.folded, s + n, cues, stop) for cues in (self.lex.org_cues, self.lex.product_cues))):
                return True
        return False

    def apposition(self, end: int, stop: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
        """", a longtime competitor" / ", the maker of" after the name: a cue in an apposition
        (head-final languages only: in Indonesian a comma as often starts a clause)."""
        if self.lex.head_initial or end + 1 >= stop or self.words[end] != ",":
            return False
        i = end + 1
        if self.folded[i] not in self.lex.determiners:  # ", has left the company" is no apposition
            return False
        i += 1
        for j in range(i, min(i + 6, stop)):
            if self.words[j] == "-" or j + 1 < stop and self.words[j + 1] == "-":
                continue  # ", the Berlin-based music company": a compound modifier
            if phrase_at(self.folded, j, self.lex.titles, stop):
                return False  # ", its director of platform": a person's apposition
            n = phrase_at(self.folded, j, phrases, stop)
            if n and j + n < stop and self.folded[j + n] in ("'s", "’s"):
                return False  # ", the company's chief financial officer": the owner, not the head
            if n and not self._cue_follows(j + n, stop):  # the last cue noun is the head
                # ", the company said": the subject of a reporting verb, no apposition
                return j + n >= stop or self.folded[j + n] not in self.lex.reporting_verbs
            if not (self.words[j].isalpha() and self.words[j].islower()):
                return False
        return False

    def _cue_follows(self, i: int, stop: int) -> bool:
        """An organization or product cue noun at ``i`` or after it over lowercase words:
        ", the cloud security startup": "startup", not "cloud", says what the name is."""
        while i < stop and self.words[i].isalpha() and self.words[i].islower():
            if any(phrase_at(self.folded, i, cues, stop) for cues in (self.lex.org_cues, self.lex.product_cues)):
                return True
            i += 1
        return False

    def link_before(self, start: int, floor: int) -> bool:
        """A preposition or verb for organizations right before ("at Acme", "bergabung dengan
        Acme"), or a title and its preposition ("the chief executive of Acme")."""
        if phrase_ending_at(self.folded, start, self.lex.org_links, floor):
            return True
        return start - 1 > floor and self.folded[start - 1] in self.lex.title_links and \
            bool(phrase_ending_at(self.folded, start - 1, self.lex.titles, floor))

    def product_link_before(self, start: int, floor: int) -> bool:
        """A verb for products right before, perhaps over determiners and product modifiers:
        "launched Saku Kasir", "unveiled its new Orbit Drive", "meluncurkan aplikasi"."""
        i = start
        while i - 1 > floor and (self.folded[i - 1] in self.lex.determiners
                                 or self.folded[i - 1] in self.lex.product_modifiers):
            i -= 1
        return bool(phrase_ending_at(self.folded, i, self.lex.product_links, floor))

    def verb_after(self, end: int, stop: int) -> bool:
        """An organization's verb follows: "Kitebase laid off", "Acme telah memecat"."""
        i = end
        while i < stop and self.folded[i] in self.lex.auxiliaries:
            i += 1
        return bool(phrase_at(self.folded, i, self.lex.org_verbs, stop))


def segments(ctx: RunContext, start: int, end: int) -> list[tuple[int, int, str]]:
    """Split the run ``[start, end)`` into (start, end, kind): name, title, stop, place.

    A run ending in a well-known person's name (``people.txt``) is that person after other
    words: "Attorney General Merrick Garland", "Hakim Distrik AS William Alsup"; the words
    before, when they are common words, are a title."""
    lex, folded = ctx.lex, ctx.folded
    for cut in range(start + 1, end - 1):
        if " ".join(ctx.words[cut:end]) in lex.known_people:
            before = [seg if seg[2] != "name" or not all(
                folded[k] in lex.common_words and folded[k] not in lex.org_words for k in range(seg[0], seg[1]))
                else (seg[0], seg[1], "title") for seg in segments(ctx, start, cut)]
            return before + [(cut, end, "name")]
    out: list[tuple[int, int, str]] = []
    # "Samudra Labs", "Gunung Sewu Group": a place word starts an organization's name
    org_tail = folded[end - 1] in lex.org_words or folded[end - 1] in lex.legal_after
    k = start
    while k < end:
        n = phrase_at(folded, k, lex.places, end)
        inside = bool(out) and out[-1][2] == "name"  # "PT Ruang Raya Indonesia": part of a name
        if (n or folded[k] in lex.place_heads and not org_tail) and not inside:
            k2 = k + n if n else end
            out.append((k, k2, "place"))
            k = k2
            continue
        if k in ctx.joined and out and out[-1][2] == "name" and out[-1][1] == k:
            out[-1] = (out[-1][0], k + 2, "name")  # "Securities and Exchange": the word after joins too
            k += 2
            continue
        number = is_version_word(ctx.words[k]) or ctx.words[k] == "-" and k + 1 < end \
            and is_version_word(ctx.words[k + 1])
        if number:  # a model number goes on the name before it: "Quest 3", "GPT-4"
            if out and out[-1][2] == "name" and out[-1][1] == k:
                out[-1] = (out[-1][0], k + 1, "name")
            else:
                out.append((k, k + 1, "stop"))
            k += 1
            continue
        chain, has_title = k, False
        while chain < end:
            n = phrase_at(folded, chain, lex.titles)  # may go on in lowercase: "Juru bicara"
            if n:
                chain, has_title = chain + n, True
            elif folded[chain] in lex.title_words:
                chain += 1
            elif has_title and chain in ctx.joined and chain + 1 < end and (
                    phrase_at(folded, chain + 1, lex.titles) or folded[chain + 1] in lex.title_words):
                chain += 1  # "Director & Chief Financial Officer", "Co-Founder & President"
            else:
                break
        if has_title:
            out.append((k, min(chain, end), "title"))
            k = min(chain, end)
        elif k == start and ctx.doc[k].is_sent_start and folded[k] not in lex.org_words and (
                phrase_at(folded, k, lex.org_cues, k + 1) or phrase_at(folded, k, lex.product_cues, k + 1)):
            out.append((k, k + 1, "stop"))  # "Rival Fernhill Systems": a cue word, capitalized
            k += 1
        elif k == start and ctx.doc[k].is_sent_start and folded[k] in lex.common_words \
                and folded[k] not in lex.org_words and folded[k] not in lex.legal_before \
                and ((folded[k], folded[k + 1]) not in ctx.inner_pairs if k + 1 < end
                     else folded[k] not in ctx.inner_words):
            out.append((k, k + 1, "stop"))  # "Situs PT Rimba Niaga", "Ada Chrisna Aditya": a word, capitalized
            k += 1
        elif out and out[-1][2] == "name" and out[-1][1] == k and (folded[k] in lex.org_words
                                                                    or folded[k] in lex.name_tails):
            out[-1] = (out[-1][0], k + 1, "name")  # "Tessellate AI", "Dana Kita": the name goes on
            k += 1
        elif folded[k] in ctx.stops or folded[k] in lex.honorifics:
            out.append((k, k + 1, "stop"))
            k += 1
        elif out and out[-1][2] == "name" and out[-1][1] == k and _starts_person(ctx, out[-1][0], k, end):
            out[-1] = (out[-1][0], k, "title")  # "Attorney General Eric Holder": words before a person
            out.append((k, k + 1, "name"))
            k += 1
        elif out and out[-1][2] == "name" and out[-1][1] == k:
            out[-1] = (out[-1][0], k + 1, "name")
            k += 1
        else:
            out.append((k, k + 1, "name"))
            k += 1
    return _place_names(ctx, out)


def _place_names(ctx: RunContext, segs: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Segments where places and names meet, settled by the name's last word: a name ending in a
    place word is a place ("Karimata Strait", "South China Sea"); a place followed by a name
    ending in an organization word or legal form starts that organization's name ("Tokyo
    Century Corporation", "U.S. Justice Department")."""
    lex, folded = ctx.lex, ctx.folded
    out: list[tuple[int, int, str]] = []
    for start, end, kind in segs:
        if kind == "name" and end - start >= 2 and folded[end - 1] in lex.place_tails:
            kind = "place"
        elif kind == "name" and out and out[-1][2] == "place" and out[-1][1] == start \
                and (folded[end - 1] in lex.org_words or folded[end - 1] in lex.legal_after):
            start = out.pop()[0]
        out.append((start, end, kind))
    return out


def _starts_person(ctx: RunContext, start: int, k: int, end: int) -> bool:
    """Whether a person's name starts at ``k`` inside the name ``[start, k)``: ``k`` is a given
    name followed by another name word, and every word before it is a common word, so those are
    a description or a title ("Attorney General Eric Holder", "District Judge William Alsup")."""
    lex = ctx.lex
    return (k + 1 < end and ctx.words[k] in lex.given_names and ctx.folded[k] not in lex.common_words
            and all(ctx.folded[i] in lex.common_words and ctx.words[i] not in lex.given_names
                    and ctx.folded[i] not in lex.org_words and ctx.folded[i] not in lex.legal_before
                    for i in range(start, k)))


def runs(ctx: RunContext) -> list[tuple[Span, list[tuple[int, int, str]]]]:
    """Every run of capitalized words outside headings, with its segments."""
    lex = ctx.lex
    minor = lex.stop_capitals | lex.connectors | lex.group_links
    out = []
    for sent in ctx.doc.sents:
        if is_headline([w for w in ctx.words[sent.start:sent.end] if not w.isspace()], minor=minor):
            continue
        i = sent.start
        while i < sent.end:
            if not ctx.name_word(i):
                i += 1
                continue
            j = i + 1
            while j < sent.end:
                if ctx.words[j - 1].endswith(".") and ctx.folded[j - 1] in lex.legal_after \
                        and ctx.folded[j] not in lex.legal_after:
                    break  # a legal form closes a name: "in Yahoo Japan Corp. Altaba said", "Acme Inc. CEO Jo"
                if ctx.joins_name(i, j, sent.end):
                    ctx.joined.add(j)
                elif ctx.model_number(j, sent.end) or ctx.words[j] == "-" and ctx.model_number(j + 1, sent.end):
                    pass  # "Quest 3", "Mario Kart 8 Deluxe", "GPT-4"
                elif not (ctx.name_word(j) or j + 1 < sent.end and ctx.name_word(j + 1) and (
                        ctx.folded[j] in lex.connectors  # "Ursula von der Leyen"
                        # "Head of Public Affairs", "Direktur Pemasaran dan Penjualan": a title's own words,
                        # not "Rimba Niaga dan Lumbara Digital", two firms whose names hold title words
                        or ctx.folded[j] in lex.title_words and ctx.title_word(j - 1) and ctx.title_word(i)
                        or ctx.words[j] == "-" and not ctx.spaces[j - 1] and not ctx.spaces[j])):  # "Jean-Pierre"
                    break
                j += 1
            if not any(ctx.folded[k] in lex.reject_words for k in range(i, j)):
                out.append((sent, segments(ctx, i, j)))
            i = j
    return out
