"""Decoding: UTF-8, legacy encodings, and refusing empty and binary files."""
from __future__ import annotations

import codecs
import io
import zipfile

import pytest

from kgraph.articles.decode import binary_kind, decode_bytes
from kgraph.errors import InputError

SENTENCE = "“Kami senang,” kata pendiri Café Lumière, André Dubois – naïve résumé."


def test_utf8_and_bom() -> None:
    assert decode_bytes(SENTENCE.encode("utf-8"), "a.txt") == SENTENCE
    assert decode_bytes(codecs.BOM_UTF8 + SENTENCE.encode("utf-8"), "a.txt") == SENTENCE
    assert decode_bytes(SENTENCE.encode("utf-16"), "a.txt") == SENTENCE


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encodings(encoding: str) -> None:
    text = "Le café est très bon, déjà vu à la française. Garçon naïf."
    assert decode_bytes(text.encode(encoding), "a.txt") == text


def test_cp1252_curly_quotes_and_dashes() -> None:
    assert decode_bytes(SENTENCE.encode("cp1252"), "a.txt") == SENTENCE


def test_mostly_utf8_with_a_stray_byte_keeps_utf8() -> None:
    data = SENTENCE.encode("utf-8") + b" \xff " + SENTENCE.encode("utf-8")
    text = decode_bytes(data, "a.txt")
    assert text.startswith(SENTENCE) and text.endswith(SENTENCE) and "\ufffd" in text


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n"])
def test_empty(data: bytes) -> None:
    with pytest.raises(InputError, match=r"^a\.txt: empty file$"):
        decode_bytes(data, "a.txt")


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("story.txt", "Acme fired Jo.")
    return buffer.getvalue()


@pytest.mark.parametrize("data, kind", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
    (_zip(), "zip archive"),
    (b"%PDF-1.7\n%\xe2\xe3", "PDF document"),
    (b"abc\x00def\x00", "contains NUL bytes"),
    (bytes(range(1, 32)) * 10, "control characters"),
])
def test_binary(data: bytes, kind: str) -> None:
    assert binary_kind(data) == kind
    with pytest.raises(InputError, match=rf"^x\.bin: binary file \({kind}\)$"):
        decode_bytes(data, "x.bin")


def test_text_starting_like_a_short_magic_is_text() -> None:
    assert decode_bytes(b"MZ Labs hires a CTO.", "a.txt") == "MZ Labs hires a CTO."
    assert decode_bytes(b"BMW invests in a startup.", "a.txt") == "BMW invests in a startup."
