"""Text encodings: detected from the bytes and named; never silent mojibake."""
from __future__ import annotations

import unicodedata

import pytest

from kb.errors import KbError
from kb.importers.encoding import decode
from .conftest import make_fixtures

HEADER_TEXT = make_fixtures.HEADER_TEXT
encode_cp1258 = make_fixtures.encode_cp1258

SAMPLE = "Quyết định số 1741/QĐ-UBND của Ủy ban nhân dân tỉnh Quảng Ngãi về thủy lợi, hòa bình.\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (SAMPLE.encode("utf-8"), "UTF-8"),
        (SAMPLE.encode("utf-8-sig"), "UTF-8 (BOM)"),
        (b"\xff\xfe" + SAMPLE.encode("utf-16-le"), "UTF-16 LE (BOM)"),
        (b"\xfe\xff" + SAMPLE.encode("utf-16-be"), "UTF-16 BE (BOM)"),
        (SAMPLE.encode("utf-16-le"), "UTF-16 LE (không có BOM, nhận theo byte 0)"),
        (SAMPLE.encode("utf-16-be"), "UTF-16 BE (không có BOM, nhận theo byte 0)"),
        (encode_cp1258(SAMPLE), "Windows-1258"),
        (encode_cp1258(HEADER_TEXT), "Windows-1258"),
    ],
)
def test_decodes_and_names_the_encoding(data, encoding):
    result = decode(data)
    assert result.encoding == encoding
    expected = HEADER_TEXT if len(data) > 300 else SAMPLE
    assert result.text == expected


def test_cp1258_tone_marks_are_composed():
    # Python's cp1258 codec yields "e" + U+0301 …; the text must come back NFC.
    raw = encode_cp1258("Quyết định")
    assert b"\xec" in raw  # the acute tone mark travels as its own byte
    text = decode(raw).text
    assert text == "Quyết định"
    assert unicodedata.is_normalized("NFC", text)


def test_decomposed_utf8_and_crlf_are_normalized():
    data = unicodedata.normalize("NFD", SAMPLE).replace("\n", "\r\n").encode("utf-8")
    assert decode(data).text == SAMPLE


def test_utf8_with_form_feeds_stays_utf8():
    # Text exported from PDFs separates pages with form feeds.
    data = (SAMPLE + "\f" + SAMPLE).encode("utf-8")
    result = decode(data)
    assert result.encoding == "UTF-8" and result.text == SAMPLE + "\f" + SAMPLE


def test_plain_ascii_is_utf8():
    assert decode(b"Plain text 123\n").encoding == "UTF-8"


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,  # every byte value: no text encoding fits
        b"\x00\x01\x02\x03garbage\x04\x05" * 50,
    ],
)
def test_undecodable_bytes_are_a_clear_error(data):
    with pytest.raises(KbError, match="(?i)bảng mã|không phải văn bản"):
        decode(data)


def test_bom_with_broken_content_is_reported():
    with pytest.raises(KbError, match="BOM"):
        decode(b"\xef\xbb\xbf" + b"\xff\xfe\xfd ok")
