"""Language detection per article with lingua, restricted to the languages kgraph meets.

The detector is built lazily, once per process. A language kgraph has no lexicons for (e.g.
Vietnamese) is still returned with its ISO 639-1 code, so the pipeline can warn about it.
"""
from __future__ import annotations

from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

__all__ = ["LANGUAGES", "detect_language"]

#: The languages the detector chooses between (ISO 639-1 codes). Past the Latin-script ones
#: that news in Indonesia mixes in, one or two per other script, so Arabic or Russian text is
#: named (and warned about as a language without rules) instead of left undetected and read
#: with English rules; lingua tells scripts apart first, so these never compete with Latin text.
LANGUAGES: tuple[str, ...] = ("id", "en", "ms", "vi", "tl", "nl", "fr", "de", "es", "zh", "ja", "th",
                              "ar", "fa", "ru", "uk", "el", "he", "hi", "bn", "ko", "ta")
_SAMPLE_CHARS = 4000  # enough to decide; keeps a 5 MB article fast
_MIN_LETTERS = 3


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
                 for code in LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, or None if undecidable.

    Only the first few thousand characters are looked at.

    Examples
    --------
    >>> detect_language("Perusahaan itu memecat direktur utamanya pada hari Senin.")
    'id'
    >>> detect_language("Tôi là kỹ sư phần mềm tại Hà Nội.")
    'vi'
    >>> detect_language("أعلنت الشركة تعيين مدير تنفيذي جديد")
    'ar'
    >>> detect_language("1234 !!") is None
    True
    """
    sample = text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
        return None
    language = _detector().detect_language_of(sample)
    if language is None:
        return None
    return language.iso_code_639_1.name.lower()
