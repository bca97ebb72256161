"""Bytes -> text: reject empty and binary files, decode UTF-8, else detect cp1252/latin-1, else
UTF-8 with replacement characters and a warning.

>>> decode_bytes("café".encode("cp1252"), "a.txt")
'café'
"""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from kgraph.errors import InputError

__all__ = ["decode_bytes", "decode_text", "binary_kind"]

# Leading bytes of common binary formats -> the name used in "binary file (...)".
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF media (WebP/WAV/AVI)"),
    (b"BM", "BMP image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "rar archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"\x00\x00\x01\x00", "icon image"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_WESTERN = ("cp1252", "latin_1")  # tried first: the legacy encodings of id/en news pages
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0c\x1b")
# What cp1252/latin-1 news text holds beyond ASCII: accented letters of western languages and
# typographic signs. Bytes that decode to anything else (ÿ, þ, C1 controls) are stray bytes in
# UTF-8 text, not a legacy encoding.
_LEGACY_CHARS = frozenset("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝàáâãäåæçèéêëìíîïñòóôõöøùúûüýßŒœŠšŽžŸ"
                          "€‚„…†‡‰‘’“”•–—™«»°©®·\xa0¡¿£¥§¶ªº±²³µ¹¼½¾¢¨´¸¯¬")


def binary_kind(data: bytes) -> str | None:
    """What kind of binary ``data`` is, or None when it may be text.

    Examples
    --------
    >>> binary_kind(b"\\x89PNG\\r\\n\\x1a\\n....")
    'PNG image'
    >>> binary_kind(b"Acme fired Jo.") is None
    True
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            if magic == b"MZ" or magic == b"BM":  # short magics: also need binary bytes
                if not _has_binary_bytes(data[:4096]):
                    continue
            return kind
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    if b"\x00" in data[:65536]:
        return "contains NUL bytes"
    if _has_binary_bytes(data[:4096]):
        return "control characters"
    return None


def _has_binary_bytes(sample: bytes) -> bool:
    controls = sum(1 for b in sample if b < 0x20 and b not in _TEXT_CONTROLS)
    return controls > max(2, len(sample) // 50)


def _mostly_utf8(data: bytes) -> bool:
    """True when ``data`` has at least as many valid multi-byte UTF-8 characters as bad bytes.

    Legacy-encoded text (cp1252, latin-1) almost never forms valid multi-byte UTF-8 by chance,
    so UTF-8 text with a few stray bytes (a truncated copy, a mixed concatenation) stays UTF-8.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return multibyte >= max(bad, 1)


def decode_bytes(data: bytes, path: object) -> str:
    """Decode the content of a text file (see :func:`decode_text`, whose warning it drops)."""
    return decode_text(data, path)[0]


def decode_text(data: bytes, path: object) -> tuple[str, str | None]:
    """Decode the content of a text file; the text and a warning (None when it decoded cleanly).

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read as such; text that
    charset-normalizer recognises as cp1252 or latin-1 (the legacy encodings of Indonesian and
    English news pages) is decoded so; anything else is UTF-8 whose invalid bytes become U+FFFD,
    with a warning saying how many there were (never another codepage: stray bytes in UTF-8
    text read as cp1251 or cp1250 turn into letters that look like words).

    Parameters
    ----------
    data
        The file content.
    path
        The file, for error messages.

    Raises
    ------
    InputError
        "empty file", "binary file (PNG image)", "invalid utf-16 text at byte 7".

    Examples
    --------
    >>> decode_text(b"Budi Santoso\\xff\\xfe\\xc3 ditunjuk.", "a.txt")
    ('Budi Santoso\ufffd\ufffd\ufffd ditunjuk.', 'a.txt: 3 bytes are not valid UTF-8 (at byte 12); replaced with U+FFFD')
    >>> decode_text("Café Lumière".encode("cp1252"), "b.txt")
    ('Café Lumière', None)
    """
    if not data.strip():
        return _raise(path, "empty file"), None
    kind = binary_kind(data)
    if kind:
        return _raise(path, f"binary file ({kind})"), None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                return _raise(path, f"invalid {encoding} text at byte {error.start}"), None
            return (text if text.strip() else _raise(path, "empty file")), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        first_bad = error.start
    if not _mostly_utf8(data):
        best = from_bytes(data[:1_000_000], cp_isolation=list(_WESTERN)).best()
        if best is not None and best.encoding in _WESTERN:
            try:
                legacy = data.decode(best.encoding)
            except UnicodeDecodeError:
                legacy = ""
            if legacy and all(ord(ch) < 0x80 or ch in _LEGACY_CHARS for ch in legacy):
                return legacy, None
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    return text, (f"{path}: {bad} byte{'s are' if bad != 1 else ' is'} not valid UTF-8 "
                  f"(at byte {first_bad}); replaced with U+FFFD")


def _raise(path: object, reason: str) -> str:
    raise InputError(path, reason)
