"""Vietnamese text normalization with offset maps back to the original text.

Every function that changes the length of a text returns a :class:`MappedText`
whose ``offsets`` give, for each character of the new text, the index of the
character of the original it came from (plus one trailing entry for the end).
Length-preserving steps (tone placement, accent folding) keep offsets as they
are, so callers can chain them and still point into the text as given.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "MappedText",
    "clean",
    "canonical_tones",
    "fold",
    "fold_key",
    "normalize",
]

# Spaces that extraction from PDF and web pages leaves behind; all become " ".
_ODD_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Characters that carry no text at all; they are dropped.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

_SIMPLE_MAP = {ord(c): " " for c in _ODD_SPACES}
_SIMPLE_MAP[0x00D0] = "Đ"  # Icelandic eth, a common stand-in for Đ in old fonts
_SIMPLE_MAP[0x0110] = "Đ"
_NEEDS_WORK = re.compile("[" + re.escape(_INVISIBLE) + "\u0300-\u036f]")


@dataclass(frozen=True)
class MappedText:
    """A normalized text and where each of its characters came from.

    ``offsets`` is ``None`` when the text has the same length as the original
    and every character stands where it stood (the common, fast case).
    """

    text: str
    offsets: list[int] | None = None

    def to_original(self, index: int) -> int:
        """Index in the original text of position ``index`` of this text."""
        if self.offsets is None:
            return index
        return self.offsets[index]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of this text to a span of the original."""
        if self.offsets is None:
            return start, end
        if end <= start:
            pos = self.offsets[start]
            return pos, pos
        # The end is one past the original position of the last character.
        return self.offsets[start], self.offsets[end - 1] + 1


def clean(text: str) -> MappedText:
    """NFC, ``Ð``→``Đ``, odd spaces to plain spaces, invisible characters out.

    Offsets of the result map back to ``text`` exactly as given.
    """
    simple = text.translate(_SIMPLE_MAP)  # one char for one char: offsets unchanged
    if not _NEEDS_WORK.search(simple):
        return MappedText(simple)
    out: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(simple)
    while i < n:
        ch = simple[i]
        if ch in _INVISIBLE:
            i += 1
            continue
        # A base character and the combining marks after it form one cluster;
        # NFC composes the cluster and every output character maps to its start.
        j = i + 1
        while j < n and unicodedata.combining(simple[j]):
            j += 1
        if j == i + 1:
            out.append(ch)
            offsets.append(i)
        else:
            composed = unicodedata.normalize("NFC", simple[i:j])
            out.extend(composed)
            offsets.extend([i] * len(composed))
        i = j
    offsets.append(n)
    return MappedText("".join(out).translate(_SIMPLE_MAP), offsets)


# --- tone-mark placement -------------------------------------------------------
# In open syllables ending in "oa", "oe", "uy" the tone mark may sit on either
# vowel ("hòa"/"hoà", "khỏe"/"khoẻ", "thủy"/"thuỷ").  We map both to the old
# style (mark on the second vowel), which pyvi segments better (see DESIGN.md).
_TONES = {
    "a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ", "o": "òóỏõọ", "u": "ùúủũụ",
    "A": "ÀÁẢÃẠ", "E": "ÈÉẺẼẸ", "Y": "ỲÝỶỸỴ", "O": "ÒÓỎÕỌ", "U": "ÙÚỦŨỤ",
}
_TONE_OF: dict[str, tuple[str, int]] = {}
for _base, _marked in _TONES.items():
    for _k, _c in enumerate(_marked):
        _TONE_OF[_c] = (_base, _k)

_LETTER = r"[^\W\d_]"
_NEW_STYLE = re.compile(
    r"(?<!" + _LETTER + r")([^\W\d_]*?)"  # onset (may be empty)
    r"([òóỏõọÒÓỎÕỌ])([aeAE])(?!" + _LETTER + r")"
    r"|(?<![qQ])([ùúủũụÙÚỦŨỤ])([yY])(?!" + _LETTER + r")"
)


def _to_old_style(m: re.Match) -> str:
    if m.group(2):
        onset, first, second = m.group(1), m.group(2), m.group(3)
    else:
        onset, first, second = "", m.group(4), m.group(5)
    base, tone = _TONE_OF[first]
    return onset + base + _TONES[second][tone]


def canonical_tones(text: str) -> str:
    """Map tone-mark placement variants to one form (length preserving).

    Expects NFC text.
    """
    return _NEW_STYLE.sub(_to_old_style, text)


# --- accent folding --------------------------------------------------------------
def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "d", 0x00D0: "d"}
    for code in range(0x00C0, 0x1EFF + 1):
        ch = chr(code)
        if ch in ("đ", "Đ"):
            continue
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii() and base.isalpha():
            table[code] = base.lower()
        elif ch.isupper() and len(ch.lower()) == 1:
            table[code] = ch.lower()
    return table


_FOLD_TABLE = _build_fold_table()


def fold(text: str) -> str:
    """Lowercase and strip diacritics, ``đ``→``d`` (length preserving on NFC text)."""
    return text.lower().translate(_FOLD_TABLE) if not text.isascii() else text.lower()


def normalize(text: str) -> str:
    """Clean text and canonical tone placement, no offsets (for keys and queries)."""
    return canonical_tones(clean(text).text)


def fold_key(text: str) -> str:
    """A comparison key: cleaned, folded, whitespace collapsed."""
    return " ".join(fold(clean(text).text).split())
