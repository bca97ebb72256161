"""The name-finder vocabulary of one language (``{lang}.names.yaml``), validated and indexed.

>>> lex = NamesLexicon.from_dict({"titles": ["chief executive"], "demonyms": {}}, "x.yaml")
>>> lex.titles
(('chief', 'executive'),)
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cached_property
from typing import Any, Callable, Mapping, Sequence

from spacy.language import Language

from kgraph.errors import LexiconError
from kgraph.lexicons import has_lexicon, has_word_list, load_lexicon, load_word_list, string_list
from kgraph.nlp.serialize import DiskMixin

__all__ = ["NamesLexicon", "load_names_lexicon", "pipeline_names_lexicon", "FALLBACK_LANG", "LexiconComponent"]

#: The names lexicon used for a language that has none of its own.
FALLBACK_LANG = "en"

_PHRASE_KEYS = ("titles", "org_cues", "product_cues", "product_context_cues", "places",
                "group_words", "group_counted_words", "conjunctions", "org_verbs", "org_links", "public_titles",
                "product_links")
_WORD_KEYS = ("title_words", "honorifics", "legal_before", "legal_after", "company_forms", "company_tails", "org_words",
              "stop_capitals", "months", "days", "place_heads", "place_tails", "connectors", "group_quantifiers",
              "group_links", "auxiliaries", "reject_words", "determiners",
              "title_links", "name_articles", "reporting_verbs", "product_modifiers", "title_copulas", "phrase_ends", "relatives", "source_nouns", "name_tails", "common_words",
              "institution_heads", "institution_links", "name_ands", "measure_words", "amount_words", "model_words", "unit_words")
_CASED_KEYS = ("given_names", "known_people")  # word lists kept as printed (names are capitalized)


def _phrase(text: str, split: Callable[[str], Sequence[str]]) -> tuple[str, ...]:
    return tuple(w.casefold() for w in split(text))


@dataclass(frozen=True)
class NamesLexicon:
    """Cue words for names, casefolded: phrases as token tuples, single words as sets.

    Phrase entries (``titles``, ``org_cues``, ``product_cues``, ``product_context_cues``,
    ``places``, ``group_words``, ``group_counted_words``, ``conjunctions``, ``org_verbs``, ``org_links``,
    ``public_titles``, ``product_links``) are tuples of token tuples, longest
    first; word entries are frozensets; ``demonyms`` maps a word to an organization name;
    ``title_org_name`` says the language writes "title organization name" ("CEO Acme Budi");
    ``head_initial`` that modifiers follow their noun ("perusahaan logistik Acme"); ``group_name``
    how the language names an organization's people ("karyawan {org}").
    """

    source: str = ""
    titles: tuple[tuple[str, ...], ...] = ()
    org_cues: tuple[tuple[str, ...], ...] = ()
    product_cues: tuple[tuple[str, ...], ...] = ()
    product_context_cues: tuple[tuple[str, ...], ...] = ()
    places: tuple[tuple[str, ...], ...] = ()
    group_words: tuple[tuple[str, ...], ...] = ()
    group_counted_words: tuple[tuple[str, ...], ...] = ()
    conjunctions: tuple[tuple[str, ...], ...] = ()
    org_verbs: tuple[tuple[str, ...], ...] = ()
    org_links: tuple[tuple[str, ...], ...] = ()
    public_titles: tuple[tuple[str, ...], ...] = ()
    product_links: tuple[tuple[str, ...], ...] = ()
    title_words: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    legal_before: frozenset[str] = frozenset()
    legal_after: frozenset[str] = frozenset()
    company_forms: frozenset[str] = frozenset()
    company_tails: frozenset[str] = frozenset()
    unit_words: frozenset[str] = frozenset()  # after a firm's name, one of its businesses: "Alibaba Cloud"
    org_words: frozenset[str] = frozenset()
    stop_capitals: frozenset[str] = frozenset()
    months: frozenset[str] = frozenset()
    days: frozenset[str] = frozenset()
    place_heads: frozenset[str] = frozenset()
    place_tails: frozenset[str] = frozenset()
    connectors: frozenset[str] = frozenset()
    group_quantifiers: frozenset[str] = frozenset()
    group_links: frozenset[str] = frozenset()
    auxiliaries: frozenset[str] = frozenset()
    reject_words: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    title_links: frozenset[str] = frozenset()
    name_articles: frozenset[str] = frozenset()
    reporting_verbs: frozenset[str] = frozenset()
    product_modifiers: frozenset[str] = frozenset()
    title_copulas: frozenset[str] = frozenset()
    phrase_ends: frozenset[str] = frozenset()
    relatives: frozenset[str] = frozenset()
    source_nouns: frozenset[str] = frozenset()
    name_tails: frozenset[str] = frozenset()
    measure_words: frozenset[str] = frozenset()
    amount_words: frozenset[str] = frozenset()  # before a number: an amount or a count, "Rp 5", "No. 3"
    model_words: frozenset[str] = frozenset()
    common_words: frozenset[str] = frozenset()  # from {lang}.common_words.txt, not the YAML
    institution_heads: frozenset[str] = frozenset()  # "Commission", "Kementerian": names that join
    institution_links: frozenset[str] = frozenset()  # "Department of Homeland Security"
    name_ands: frozenset[str] = frozenset()  # "Securities and Exchange Commission", "Bain & Co"
    given_names: frozenset[str] = frozenset()  # from given_names.txt, as printed ("Budi")
    known_people: frozenset[str] = frozenset()  # from people.txt: "Elon Musk", mononyms ("Rudiantara")
    title_org_name: bool = False
    head_initial: bool = False
    group_name: str = "{org} employees"  # how the language names an organization's people
    demonyms: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str,
                  split: Callable[[str], Sequence[str]] = str.split) -> "NamesLexicon":
        """Validate a parsed names YAML; unknown or malformed entries raise LexiconError.

        ``split`` cuts phrases into words the way the pipeline's tokenizer does ("co-founder"
        is three tokens in English).
        """
        known = {f.name for f in fields(cls)} - {"source"}
        for key in data:
            if key != "version" and key not in known:
                raise LexiconError(f"{source}: unknown entry {key!r} (known: {', '.join(sorted(known))})")
        values: dict[str, Any] = {"source": source}
        for key in _PHRASE_KEYS:
            phrases = {_phrase(p, split) for p in string_list(data, key, source, required=False)}
            values[key] = tuple(sorted(phrases, key=lambda p: (-len(p), p)))
        for key in _WORD_KEYS:
            values[key] = frozenset(w.casefold() for w in string_list(data, key, source, required=False))
        for key in _CASED_KEYS:
            values[key] = frozenset(string_list(data, key, source, required=False))
        demonyms = data.get("demonyms") or {}
        if not isinstance(demonyms, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and k and v for k, v in demonyms.items()
        ):
            raise LexiconError(f"{source}: entry 'demonyms' must map words to organization names")
        values["demonyms"] = tuple(sorted(demonyms.items()))
        for key in ("title_org_name", "head_initial"):
            flag = data.get(key, False)
            if not isinstance(flag, bool):
                raise LexiconError(f"{source}: entry {key!r} must be true or false, got {flag!r}")
            values[key] = flag
        group_name = data.get("group_name", cls.group_name)
        if not isinstance(group_name, str) or group_name.count("{org}") != 1 or "{" in group_name.replace("{org}", ""):
            raise LexiconError(f"{source}: entry 'group_name' must be a name holding '{{org}}' once, "
                               f"e.g. 'karyawan {{org}}', got {group_name!r}")
        values["group_name"] = group_name
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """The lexicon as plain data, the inverse of :meth:`from_dict` (for to_disk)."""
        out: dict[str, Any] = {k: [" ".join(p) for p in getattr(self, k)] for k in _PHRASE_KEYS}
        out.update({k: sorted(getattr(self, k)) for k in _WORD_KEYS + _CASED_KEYS})
        out["demonyms"] = dict(self.demonyms)
        out["title_org_name"], out["head_initial"] = self.title_org_name, self.head_initial
        out["group_name"] = self.group_name
        return out

    @cached_property
    def place_set(self) -> frozenset[tuple[str, ...]]:
        """:attr:`places` as a set, for membership tests (thousands of places: a tuple is scanned)."""
        return frozenset(self.places)

    def demonym(self, word: str) -> str | None:
        """The organization whose people ``word`` names ("Googlers" -> "Google"), or None."""
        return dict(self.demonyms).get(word) if self.demonyms and word[:1].isupper() else None


def _add_role_titles(data: dict[str, Any], lang: str) -> None:
    """Add the role titles of ``{lang}.relations.yaml`` (heads of two words or more, and the
    modifier words) to the
    names lexicon's ``titles`` and ``title_words``: one title vocabulary per language, so a word
    that makes a title for the relation rules ("Sekretaris Perusahaan", "Investor Relations") is
    never taken for part of a name."""
    if not has_lexicon(lang, "relations"):
        return
    roles = load_lexicon(lang, "relations").get("titles") or {}
    # single-word heads stay the names lexicon's own choice: "Mitra", "Hakim" also name companies and people
    data["titles"] = sorted(set(data.get("titles") or []) | {h for h in roles.get("heads") or [] if " " in h})
    data["title_words"] = sorted(set(data.get("title_words") or []) | set(roles.get("modifiers") or []))


def _names_lang(lang: str) -> str:
    """The language whose names lexicon ``lang`` reads (English's for one without its own)."""
    return lang if has_lexicon(lang, "names") else FALLBACK_LANG


#: The languages whose place lists every language's names lexicon reads.
_PLACE_LANGS = ("en", "id")


def _places(lang: str) -> set[str]:
    """Every shipped language's places (``{lang}.places.txt``, the countries, regions and cities
    of the CLDR and GeoNames, and the ``places`` of ``{lang}.names.yaml``): a foreign place is
    printed as it is in any language's news ("Palo Alto", "Cupertino" in Indonesian)."""
    out: set[str] = set()
    for other in dict.fromkeys((lang, *_PLACE_LANGS)):
        if has_word_list(f"{other}.places.txt"):
            out |= load_word_list(f"{other}.places.txt")
        if other != lang and has_lexicon(other, "names"):
            out |= set(load_lexicon(other, "names").get("places") or [])
    return out


def load_names_lexicon(lang: str, split: Callable[[str], Sequence[str]] = str.split) -> NamesLexicon:
    """The shipped ``{lang}.names.yaml`` (English's for a language without one), with the
    language's common lower-case words (``{lang}.common_words.txt``) and the given names
    (``given_names.txt``), both built by ``kgraph train names``, the names of well-known
    people (``people.txt``) and the role titles of ``{lang}.relations.yaml``."""
    lang = _names_lang(lang)
    data = dict(load_lexicon(lang, "names"))
    if "common_words" not in data:
        data["common_words"] = sorted(load_word_list(f"{lang}.common_words.txt"))
    data["places"] = sorted(set(data.get("places") or []) | _places(lang))
    if "given_names" not in data:
        data["given_names"] = sorted(load_word_list("given_names.txt"))
    _add_role_titles(data, lang)
    # "Director & Chief Financial Officer" in Indonesian; not the words the language writes itself, in
    # its common words ("platform") or as hyphenated loans ("e-commerce")
    own = {w.casefold() for w in data["common_words"]}
    for other in data.pop("borrows_titles_from", None) or []:
        borrowed = dict(load_lexicon(other, "names"))
        _add_role_titles(borrowed, other)
        borrowed["title_words"] = [w for w in borrowed.get("title_words") or [] if w.isalpha()]
        for key in ("titles", "title_words"):
            data[key] = sorted(set(data.get(key) or []) | {w for w in borrowed.get(key) or []
                                                          if " " in w or w.casefold() not in own})
    if "known_people" not in data:
        data["known_people"] = sorted(load_word_list("people.txt"))
    return NamesLexicon.from_dict(data, f"kgraph/lexicons/{lang}.names.yaml", split)


def pipeline_names_lexicon(nlp: Language, lang: str) -> NamesLexicon:
    """The shipped names lexicon of ``lang`` as ``nlp``'s components share it (it is frozen): the
    one a component of the pipeline already read, else read now, its phrases cut by the
    pipeline's tokenizer."""
    built = next((c for _, c in nlp.pipeline if isinstance(c, LexiconComponent) and c.lang == lang
                  and c.lexicon.source == f"kgraph/lexicons/{_names_lang(lang)}.names.yaml"), None)
    return built.lexicon if built is not None else load_names_lexicon(
        lang, lambda text: [t.text for t in nlp.make_doc(text)])


class LexiconComponent(DiskMixin):
    """Base of the components driven by a names lexicon: holds it and saves it with the pipeline.

    lang (str): language of ``{lang}.names.yaml`` (the pipeline's language when empty).
    The components of one pipeline share the lexicon of a language (it is frozen): the first
    one built reads it, the others take it from that one instead of reading the files again.
    """

    cfg_keys = ("lang",)

    def __init__(self, nlp: Language, name: str, *, lang: str = "") -> None:
        self.name, self.lang = name, lang or nlp.lang
        self._split = lambda text: [t.text for t in nlp.make_doc(text)]
        self.lexicon = pipeline_names_lexicon(nlp, self.lang)

    def _data(self) -> dict[str, Any]:
        return {"lexicon": self.lexicon.to_dict()}

    def _set_data(self, data: dict[str, Any]) -> None:
        self.lexicon = NamesLexicon.from_dict(data["lexicon"], f"{self.name} data.json", self._split)
