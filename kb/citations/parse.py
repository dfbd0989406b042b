"""Small readers for the parts around a number: dates, issuers, law names.

Each takes the cleaned text and a position and returns where the part ends
(and its value), or ``None``; none of them looks further than a few words.
"""
from __future__ import annotations

import datetime as _dt
import re

from kb.citations.regexes import (
    DATE_RE,
    ISSUER_LOWER_WORDS,
    ISSUER_MAX_WORDS,
    ISSUER_STOP_BIGRAMS,
    ISSUER_STOP_WORDS,
    NAME_FIRST_STOP_WORDS,
    NAME_MAX_WORDS,
    TYPE_PATTERN,
    WORD_RE,
)

_TYPE_AT_RE = re.compile(r"(?i)(?:" + TYPE_PATTERN + r")(?!\w)")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_DASH_JOIN_RE = re.compile(r"[ \t]{1,2}[-–][ \t]{1,2}")
_SPACE_RE = re.compile(r"\s{0,4}")


def read_date(text: str, pos: int) -> tuple[int, str | None] | None:
    """``ngày 15/7/2021``, ``ngày 15-7-2021``, ``ngày 15 tháng 7 năm 2021`` at ``pos``.

    Returns (end, ISO date or ``None`` when the date is impossible).
    """
    match = DATE_RE.match(text, pos)
    if match is None:
        return None
    if match.group("d") is not None:
        day, month, year = match.group("d"), match.group("m"), match.group("y")
    else:
        day, month, year = match.group("d2"), match.group("m2"), match.group("y2")
    return match.end(), iso_date(int(year), int(month), int(day))


def iso_date(year: int, month: int, day: int) -> str | None:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _words(text: str, pos: int, limit: int):
    """Yield (start, end, word) for up to ``limit`` words from ``pos``, stopping at a blank line."""
    count = 0
    while count < limit:
        match = WORD_RE.match(text, pos)
        if match is None:
            return
        if "\n" in text[pos : match.start(1)] and _BLANK_LINE_RE.search(text, pos, match.start(1)):
            return
        yield match.start(1), match.end(1), match.group(1)
        pos = match.end(1)
        count += 1


def _peek_word(text: str, pos: int) -> str:
    match = WORD_RE.match(text, pos)
    return match.group(1) if match else ""


def read_issuer(text: str, pos: int) -> int | None:
    """End of the issuer that starts at ``pos`` ("Thủ tướng Chính phủ", "UBND tỉnh Kon Tum").

    An issuer is a run of capitalized words and of the few lower-case words
    issuers contain ("nhân dân", "tỉnh", "khóa"), ending before the words
    that start a title ("về", "ban hành", "quy định"), punctuation, or a
    second document ("và Quyết định …").
    """
    end = None
    previous_capital = False
    for count, (start, stop, word) in enumerate(_words(text, pos, ISSUER_MAX_WORDS)):
        if count and text[end:start].strip():
            # Punctuation between words: only "Bộ trưởng, Chủ nhiệm …" and
            # "Lao động - Thương binh …" keep an issuer going.
            gap = text[end:start]
            if not ((_DASH_JOIN_RE.fullmatch(gap) and word[0].isupper()) or (gap.strip() == "," and word[0].isupper()
                                                           and text[end - 6 : end].lower().endswith("trưởng"))):
                break
        lower = word.lower()
        following = _peek_word(text, stop).lower()
        if f"{lower} {following}" in ISSUER_STOP_BIGRAMS:
            break
        capital = word[0].isupper()
        if count == 0 and not capital:
            return None
        if lower == "và":
            nxt = _peek_word(text, stop)
            if not nxt or not nxt[0].isupper() or _TYPE_AT_RE.match(text, _SPACE_RE.match(text, stop).end()):
                break
            end = stop
            previous_capital = False
            continue
        if lower in ISSUER_STOP_WORDS and not (lower in ISSUER_LOWER_WORDS and previous_capital):
            break
        if not (capital or lower in ISSUER_LOWER_WORDS or previous_capital):
            break
        end = stop
        previous_capital = capital
    return end


_NAME_STOP_WORDS = frozenset(
    "số ngày năm của được đã và về tại do thì là có không để với khi này đó gồm như nêu trên cũng "
    "các những mà nhưng hoặc cho từ đến sau trước phải sẽ vẫn đều điều khoản chương mục quy "
    "định hướng sửa ban thông áp hiện theo kể tính thuộc bao nhằm".split()
)
# Word pairs that continue a law's name although their first word would stop it.
_NAME_CONTINUE_BIGRAMS = frozenset(
    ["quy phạm", "theo phương", "ban hành", "thông tin", "hiện dân", "thông qua"]
)
_NAME_CONTINUE_AFTER_FIRST = frozenset(["ban hành", "thông tin"])


def read_law_name(text: str, pos: int) -> int | None:
    """End of a law's name whose type word ends at ``pos`` ("Luật| Đất đai", "Bộ luật| Lao động").

    ``None`` when the next word shows it is no name ("Luật này", "Luật sư").
    """
    end = None
    names = 0
    for count, (start, stop, word) in enumerate(_words(text, pos, NAME_MAX_WORDS)):
        lower = word.lower()
        following = _peek_word(text, stop).lower()
        if count and text[end:start].strip():
            gap = text[end:start].strip()
            # "Luật Phòng, chống tham nhũng", "Luật Trật tự, an toàn giao thông đường bộ".
            if not (gap == "," and names <= 2 and word[0].islower() and lower not in _NAME_STOP_WORDS):
                break
        if count == 0:
            if lower in NAME_FIRST_STOP_WORDS and f"{lower} {following}" not in _NAME_CONTINUE_AFTER_FIRST:
                return None
            if not word[0].isalpha():
                return None
        elif lower in _NAME_STOP_WORDS and f"{lower} {following}" not in _NAME_CONTINUE_BIGRAMS:
            break
        elif word[0].isupper() and _TYPE_AT_RE.match(text, start):
            break
        elif lower in ("luật", "bộ", "hiến", "pháp") and word[0].isupper() and count > 0 and _is_new_law(text, start):
            break
        end = stop
        names += 1
    return end


def _is_new_law(text: str, start: int) -> bool:
    head = text[start : start + 12].lower()
    return head.startswith(("luật", "bộ luật", "hiến pháp", "pháp lệnh"))


def collapse(text: str) -> str:
    """Whitespace runs (line breaks included) to one space."""
    return " ".join(text.split())
