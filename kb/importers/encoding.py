"""Bytes → text for the text formats, with the encoding named, never guessed silently.

Order of evidence, strongest first:

1. A byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32).
2. UTF-16 without a mark: text made of ASCII and Vietnamese letters has a zero
   byte in every other position.
3. Strict UTF-8: multi-byte sequences almost never decode by accident.
4. Windows-1258, the legacy Vietnamese code page, when the bytes look like
   Vietnamese in it: tone marks (combining bytes 0xCC 0xEC 0xD2 0xDE 0xF2) that
   follow vowels, or its letters ă â đ ê ô ơ ư.  Python's ``cp1258`` codec gives
   decomposed tone marks; the text is NFC-composed.
5. charset-normalizer, accepted only when its result is coherent enough.

Anything else is an error with the reason, not mojibake in the store.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from kb.errors import KbError

__all__ = ["decode", "decode_page", "Decoded"]

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE (BOM)"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE (BOM)"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 (BOM)"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE (BOM)"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE (BOM)"),
]

# Windows-1258 bytes for the five combining tone marks and for ă â đ ê ô ơ ư (both cases).
_CP1258_TONES = b"\xcc\xec\xd2\xde\xf2"
_CP1258_LETTERS = b"\xc3\xe3\xc2\xe2\xd0\xf0\xca\xea\xd4\xf4\xd5\xf5\xdd\xfd"
_VOWELS = set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# Control characters that do not appear in a real text file (tab, line ends, form feed do).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# In text that is valid UTF-8 only C0 controls count: a C1 code point (U+0080–U+009F) there
# was written as a proper two-byte sequence — a symbol font's glyph exported as its code
# (gazette PDFs give U+0085 for a form's check box "☐ Nam ☐ Nữ"), never a sign of another
# encoding.
_C0_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


class Decoded:
    """A decoded text and the name of the encoding it was read with."""

    __slots__ = ("text", "encoding")

    def __init__(self, text: str, encoding: str):
        self.text = text
        self.encoding = encoding

    def __iter__(self):  # allows ``text, encoding = decode(data)``
        return iter((self.text, self.encoding))


def decode(data: bytes) -> Decoded:
    """Decode ``data``; raise :class:`KbError` with the reason when no encoding fits.

    Messages give the reason only: callers name the file (or URL) they report on.
    """
    if not data:
        return Decoded("", "utf-8")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(_finish(data[len(bom):].decode(codec)), label)
            except UnicodeDecodeError as exc:
                raise KbError(f"Có dấu BOM {label} nhưng nội dung không đọc được theo bảng mã đó ({exc.reason}).") from None

    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # Valid UTF-8 with non-ASCII text is UTF-8; a stray control character
        # (a NUL from a bad export) does not make it something else.
        sample = text[:50000]
        if len(_C0_CONTROL.findall(sample)) <= max(2, len(sample) // 1000):
            return Decoded(_finish(text), "UTF-8")

    if _looks_like_cp1258(data):
        text = unicodedata.normalize("NFC", data.decode("cp1258", errors="strict"))
        if _plausible(text):
            return Decoded(_finish(text), "Windows-1258")

    return _charset_normalizer(data)


def _finish(text: str) -> str:
    """NFC and Unix line ends: every text the importers return is in this form."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _utf16_without_bom(data: bytes) -> Decoded | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) / 2
    # ASCII-heavy UTF-16 has a zero in most high bytes; Vietnamese letters sit in
    # U+00xx and U+1Exx, so at least a third of high bytes are zero still.
    for zeros, other, codec, label in (
        (odd_zeros, even_zeros, "utf-16-le", "UTF-16 LE (không có BOM, nhận theo byte 0)"),
        (even_zeros, odd_zeros, "utf-16-be", "UTF-16 BE (không có BOM, nhận theo byte 0)"),
    ):
        if zeros > 0.33 * half and other < 0.05 * half:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _plausible(text):
                return Decoded(_finish(text), label)
    return None


def _looks_like_cp1258(data: bytes) -> bool:
    """Vietnamese written in Windows-1258: tone-mark bytes after vowels, or its letters."""
    if any(b in data for b in (b"\x81", b"\x8a", b"\x8d", b"\x8e", b"\x8f", b"\x90", b"\x9a", b"\x9d")):
        return False  # bytes the code page leaves undefined
    letters = sum(data.count(bytes([b])) for b in _CP1258_LETTERS)
    tones = 0
    for i, byte in enumerate(data[:200000]):
        if byte in _CP1258_TONES and i and chr(data[i - 1]) in "aeiouyAEIOUY" or (
            byte in _CP1258_TONES and i and data[i - 1] in _CP1258_LETTERS
        ):
            tones += 1
    return tones >= 2 or letters >= 3


def _plausible(text: str) -> bool:
    """Text a person wrote: few control characters, tone marks only on vowels."""
    if not text.strip():
        return False
    sample = text[:50000]
    if len(_CONTROL.findall(sample)) > max(2, len(sample) // 1000):
        return False
    nfd = unicodedata.normalize("NFD", sample)
    orphan = 0
    for i, ch in enumerate(nfd):
        if ch in _TONE_MARKS:
            j = i - 1
            while j >= 0 and unicodedata.combining(nfd[j]):
                j -= 1
            if j < 0 or nfd[j] not in _VOWELS:
                orphan += 1
    letters = sum(ch.isalpha() for ch in sample)
    return orphan <= max(2, letters // 200)


def _charset_normalizer(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:2_000_000]).best()
    if best is None:
        raise KbError("Không nhận ra bảng mã của tệp (không phải UTF-8, UTF-16 hay Windows-1258); "
                      "hãy lưu lại tệp dưới dạng UTF-8.")
    # chaos: share of odd characters in the decoded text (0 = clean).
    if best.chaos > 0.10:
        raise KbError(f"Bảng mã không chắc chắn (đoán {best.encoding}, độ nhiễu {best.chaos:.0%}); "
                      "hãy lưu lại tệp dưới dạng UTF-8.")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise KbError(f"Không đọc được tệp theo bảng mã {best.encoding} ({exc}).") from None
    if not _plausible(text):
        raise KbError(f"Nội dung không phải văn bản đọc được (bảng mã đoán {best.encoding}).")
    return Decoded(_finish(text), f"{best.encoding} (charset-normalizer, độ nhiễu {best.chaos:.0%})")


# --- web pages (the crawler's and the linker's fetches) ---------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
# Letters that only Vietnamese text produces in quantity (after NFC).
_VIET = set(
    "ăâđêôơưĂÂĐÊÔƠƯ"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    import codecs

    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def _viet_score(text: str) -> float:
    """How much a decoding reads as Vietnamese: its letters minus signs of mojibake."""
    good = sum(1 for ch in text if ch in _VIET)
    bad = sum(
        1
        for ch in text
        if ("\x80" <= ch <= "\x9f") or ch in "\ufffd¤¦¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿×÷ÐÞþð" or unicodedata.combining(ch)
    )
    return good - 3 * bad


def decode_page(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode a fetched web page: ``(text in NFC, codec used)``; never refuses.

    A page's bytes are stored raw and re-parsed later, so a best reading is kept
    rather than an error: valid UTF-8 wins over any declaration (legacy bytes are
    almost never valid UTF-8 by chance); otherwise the declared charsets (header,
    then ``<meta>``), Windows-1258 and Windows-1252 are tried strictly and the most
    Vietnamese-looking decoding is kept.  Files (imports, uploads, ``kb cite FILE``)
    go through :func:`decode`, which refuses when unsure instead.
    """
    if body.startswith(b"\xef\xbb\xbf"):
        return unicodedata.normalize("NFC", body[3:].decode("utf-8", "replace")), "utf-8"
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return unicodedata.normalize("NFC", body.decode("utf-16", "replace")), "utf-16"
    try:
        return unicodedata.normalize("NFC", body.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    declared: list[str] = []
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        if m:
            declared.append(m.group(1))
    m = _META_CHARSET.search(body[:8192])
    if m:
        declared.append(m.group(1).decode("ascii", "replace"))
    candidates: list[str] = []
    for name in [*declared, "windows-1258", "windows-1252"]:
        codec = _codec(name)
        if codec and codec not in candidates and codec not in ("utf-8", "utf-16"):
            candidates.append(codec)
    best: tuple[float, int, str, str] | None = None
    for rank, codec in enumerate(candidates):
        try:
            text = unicodedata.normalize("NFC", body.decode(codec))
        except (UnicodeDecodeError, LookupError):
            continue
        key = (_viet_score(text), -rank)
        if best is None or key > best[:2]:
            best = (key[0], key[1], text, codec)
    if best is not None:
        return best[2], best[3]
    return unicodedata.normalize("NFC", body.decode("windows-1258", "replace")), "windows-1258"
