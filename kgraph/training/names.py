"""Build the word lists of the name finder (``kgraph train names``).

- ``kgraph/lexicons/given_names.txt``: given names, evidence for a person;
- ``kgraph/lexicons/{en,id}.common_words.txt``: words the language writes in lower case, so a
  capitalized one opening a sentence ("Situs PT Rimba Niaga", "Ada Chrisna Aditya") is not part
  of the name after it.

A name list is a fact about how people are named, not a rule fitted to articles: it comes
wide from two public name lists, for the countries whose people tech news in Indonesian and
English writes about:

- ``names-dataset`` (PyPI, MIT; Philippe Rémy): the most common first names per country;
- ``gender-guesser`` (PyPI; its ``nam_dict.txt`` by Jörg Michael, GNU FDL 1.2): first names
  with their frequency per country.

A name that is also a common word of the language (English word frequency from
``spacy-lookups-data``; Indonesian: words seen lower-case in the ``nlp-id`` POS corpus) or the
first word of a gazetteer organization or product is left out, so the list is evidence for a
person, never a reason to take "Will" or "Grab" for one.
"""
from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path

__all__ = ["COUNTRIES", "build_given_names", "write_given_names", "write_common_words", "nlp_id_data"]

#: ISO country codes and how many first names of each gender to take from names-dataset.
COUNTRIES: dict[str, int] = {
    "ID": 3000, "MY": 800, "SG": 500, "PH": 600, "TH": 300, "VN": 300, "IN": 1000, "CN": 300,
    "TW": 300, "HK": 300, "JP": 400, "KR": 300, "US": 1500, "GB": 800, "CA": 400, "AU": 400,
    "IE": 200, "DE": 400, "FR": 400, "NL": 300, "ES": 300, "IT": 300, "SE": 200, "IL": 300,
    "RU": 300, "BR": 400, "NG": 300, "AE": 200, "SA": 200, "EG": 200, "TR": 200, "PK": 300,
}
_GENDER_GUESSER_MIN = 5  # hexadecimal frequency 1 (rare) .. D (extremely common)
_WORD = re.compile(r"^[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?$")
_ENGLISH_WORD_LOGPROB = -11.0  # log probability of a lower-case English word (not a given name)
_ENGLISH_COMMON_LOGPROB = -13.0  # ... of a word that does not open a name


def _names_dataset(countries: dict[str, int]) -> Counter[str]:
    from names_dataset import NameDataset  # training-time dependency

    dataset = NameDataset()
    found: Counter[str] = Counter()
    for country, n in countries.items():
        top = dataset.get_top_names(n=n, country_alpha2=country) or {}
        for by_gender in top.values():
            for names in by_gender.values():
                found.update(names)
    return found


def _gender_guesser() -> set[str]:
    text = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="iso-8859-1")
    names = set()
    for line in text.splitlines():
        if line.startswith("#") or len(line) < 30 or line[29] == "+":
            continue
        name = line[3:29].strip()
        freqs = [int(c, 16) for c in line[30:85] if c.strip() and c in "0123456789ABCD"]
        if " " not in name and "+" not in name and freqs and max(freqs) >= _GENDER_GUESSER_MIN:
            names.add(name)
    return names


def _english_words(threshold: float = _ENGLISH_WORD_LOGPROB) -> set[str]:
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        probs = json.load(f)
    # a word when its lower-case form is frequent and clearly more frequent than its capitalized
    # one: "will", "may", "hope" are words; "mark", "bill" are names as often as words
    return {w for w, p in probs.items() if w.islower() and p > threshold
            and p > probs.get(w.title(), -99.0) + 1.0}


def nlp_id_data() -> Path:
    """nlp-id's data folder, found without importing nlp-id (its import needs nltk and its
    pinned numpy: install it with ``pip install --no-deps nlp-id``)."""
    import importlib.util

    spec = importlib.util.find_spec("nlp_id")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("nlp-id is not installed: pip install --no-deps nlp-id")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def _indonesian_words() -> set[str]:
    """Words the nlp-id corpus prints lower-case at least 3 times and more often than
    capitalized, and its stop words."""
    base = nlp_id_data()
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for line in base.joinpath("dataset_postag.txt").read_text(encoding="utf-8").splitlines():
        token = line.split("\t")[0]
        if token.islower():
            lower[token] += 1
        elif token.istitle():
            capital[token.lower()] += 1
    stop = set(base.joinpath("stopword.txt").read_text(encoding="utf-8").split())
    return {w for w, n in lower.items() if n >= 3 and n > capital[w]} | stop


def _gazetteer_words() -> set[str]:
    from kgraph.lexicons import load_data_file

    words = set()
    for entry in load_data_file("gazetteer.yaml").get("entities", []):
        for form in [entry["name"], *entry.get("aliases", [])]:
            words.add(form.split()[0].casefold())
    return words


def build_given_names() -> list[str]:
    """The sorted given names: both public lists, common words and gazetteer words left out."""
    found = set(_names_dataset(COUNTRIES)) | _gender_guesser()
    words = _english_words() | _indonesian_words() | _gazetteer_words()
    return sorted(n for n in found if _WORD.match(n) and len(n) >= 3 and n.casefold() not in words)


def write_given_names(path: Path) -> int:
    """Write the lexicon file with its provenance header; returns the number of names."""
    names = build_given_names()
    header = [
        "# Given names: evidence that a capitalized name is a person's (kgraph/nlp/aliases.py).",
        "# Built by `kgraph train names` (kgraph/training/names.py); do not edit by hand.",
        "# Sources: names-dataset (PyPI, MIT license; most common first names of "
        f"{len(COUNTRIES)} countries: {', '.join(COUNTRIES)});",
        "#   gender-guesser's nam_dict.txt (Joerg Michael, GNU Free Documentation License 1.2: this",
        "#   derived list is released under the same license), names of frequency >= "
        f"{_GENDER_GUESSER_MIN} in some country.",
        "# Left out: common lower-case words of English (spacy-lookups-data) and Indonesian (nlp-id",
        "#   POS corpus, stop words), and first words of gazetteer entries.",
    ]
    path.write_text("\n".join(header + names) + "\n", encoding="utf-8")
    return len(names)


def write_common_words(folder: Path) -> dict[str, int]:
    """Write ``{lang}.common_words.txt`` for English and Indonesian; the number of words each."""
    lists = {"en": (_english_words(_ENGLISH_COMMON_LOGPROB), "spacy-lookups-data en_lexeme_prob (MIT): "
                    f"lower-case words of log probability > {_ENGLISH_COMMON_LOGPROB} and clearly more frequent than their capitalized form"),
             "id": (_indonesian_words(), "nlp-id (MIT) POS corpus dataset_postag.txt: words printed lower-case "
                    "at least 3 times and more often than capitalized, and nlp-id's stop words")}
    counts = {}
    for lang, (words, source) in lists.items():
        kept = sorted(w for w in words if w.isalpha())
        header = ["# Common lower-case words: a capitalized one opening a sentence is not part of a name "
                  "(kgraph/nlp/runs.py).",
                  "# Built by `kgraph train names` (kgraph/training/names.py); do not edit by hand.",
                  f"# Source: {source}."]
        (folder / f"{lang}.common_words.txt").write_text("\n".join(header + kept) + "\n", encoding="utf-8")
        counts[lang] = len(kept)
    return counts
