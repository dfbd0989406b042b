"""Small readers for the parts around a number: dates, issuers, law names.

Each takes the cleaned text and a position and returns where the part ends
(and its value), or ``None``; none of them looks further than a few words.
"""
from __future__ import annotations

import datetime as _dt
import re

from kb.text import fold

from kb.citations.regexes import (
    DATE_RE,
    ISSUER_LOWER_WORDS,
    ISSUER_MAX_WORDS,
    ISSUER_STOP_BIGRAMS,
    ISSUER_STOP_WORDS,
    ISSUER_TITLE_STOP_WORDS,
    ORDINAL_WORDS,
    KNOWN_CODE_NAMES,
    KNOWN_ISSUER_RE,
    KNOWN_LAW_NAMES,
    KNOWN_NAME_RE,
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
    known = KNOWN_ISSUER_RE.match(text, pos)
    if known is not None and text[pos:pos + 1].isupper():
        # A known name read whole ("Bộ Giao thông vận tải"); the run may go on ("… và Bộ Y tế").
        longer = _read_issuer_run(text, pos)
        return max(known.end(), longer or 0)
    return _read_issuer_run(text, pos)


def _read_issuer_run(text: str, pos: int) -> int | None:
    end = None
    previous_capital = False
    capitals_in_a_row = 0
    in_place_name = False  # after "tỉnh", "thành phố" … comes a place name, then the issuer ends
    previous_lower = ""
    before_and = None  # the end before a "và" whose next word is not taken yet
    for count, (start, stop, word) in enumerate(_words(text, pos, ISSUER_MAX_WORDS)):
        if count and text[end:start].strip():
            # Punctuation between words: only "Bộ trưởng, Chủ nhiệm …" and
            # "Lao động - Thương binh …" keep an issuer going.
            gap = text[end:start]
            if not ((_DASH_JOIN_RE.fullmatch(gap) and word[0].isupper())
                    or (gap.strip() == "," and word[0].isupper() and _COMMA_INSIDE_RE.search(text, end - 8, start + 9))):
                break
        lower = word.lower()
        if word.isdigit():
            if count and text[start - 8:start].split()[-1:] and text[start - 8:start].split()[-1].lower() in ORDINAL_WORDS:
                end = stop
                continue
            break
        following = _peek_word(text, stop).lower()
        capital = word[0].isupper()
        if f"{lower} {following}" in ISSUER_STOP_BIGRAMS and not (capital and not word.isupper() and count):
            break  # "… ban hành", "… QUY ĐỊNH"; but "Ban Tổ chức Trung ương"
        if count == 0 and not capital:
            return None
        if lower == "và":
            nxt = _peek_word(text, stop)
            if not nxt or not nxt[0].isupper() or _TYPE_AT_RE.match(text, _SPACE_RE.match(text, stop).end()):
                break
            before_and = end  # "của Chính phủ và Điều 6 …": the "và" is the issuer's only if a word follows
            end = stop
            previous_capital = False
            in_place_name = False  # "UBND tỉnh Kon Tum và Sở Tư pháp": a second body, not the place
            continue
        title_case = capital and not word.isupper()
        if title_case:
            if lower in ISSUER_TITLE_STOP_WORDS and previous_lower not in _HEAD_WORDS:
                break  # "… Giao nhiệm vụ", but "Bộ Giao thông vận tải"
            if count and previous_lower not in ("bộ", "sở") and _TYPE_AT_RE.match(text, start):
                break  # "… Quốc hội Công điện số …" (but "Bộ Kế hoạch và Đầu tư")
        elif count and lower in ISSUER_STOP_WORDS and not (
                previous_capital and (lower in ISSUER_LOWER_WORDS or f"{previous_lower} {lower}" in _COMPOUNDS)):
            break
        if count and (in_place_name or _ends_complete_body(text, pos, end)):
            # After "tỉnh Bình Phước", "Chính phủ", "Quốc hội", a title or a sentence starts.
            if lower in _AFTER_NAME_STOP_WORDS:
                break
            if not in_place_name and lower not in _AFTER_BODY_CONTINUE:
                break
        if not capital:
            # After a place name ("tỉnh Quảng Ngãi") or a proper name of three
            # capitalized words, a lower-case word is the sentence going on.
            if (in_place_name and lower not in ("khóa", "khoá")) or capitals_in_a_row >= 3:
                break
        if not (capital or lower in ISSUER_LOWER_WORDS or previous_capital):
            break
        if capital and previous_lower in _PLACE_WORDS:
            in_place_name = True
        elif not capital:
            in_place_name = False
        # A body's head word ("Bộ", "Sở", "Cục" …) starts a new name: "Bộ Trưởng Bộ Y tế".
        capitals_in_a_row = 0 if (not capital or lower in _HEAD_WORDS) else capitals_in_a_row + 1
        end = stop
        before_and = None
        previous_capital = capital
        previous_lower = lower
    return before_and if before_and is not None else end


_AFTER_NAME_STOP_WORDS = frozenset(
    "cho tách không chống quản ứng thí thi tổ thực triển ban quy về và hướng sửa phê giao "
    "thành công tăng đẩy bảo".split()
)
# Bodies that are complete in themselves: what may still follow them.
_COMPLETE_BODIES = ("chính phủ", "quốc hội", "bộ chính trị")
_AFTER_BODY_CONTINUE = frozenset(["khóa", "khoá", "nước", "việt", "nam", "cộng", "hòa", "hoà", "xã", "hội",
                                  "chủ", "nghĩa", "và", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii",
                                  "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi"])


def _ends_complete_body(text: str, pos: int, end: int | None) -> bool:
    if end is None:
        return False
    tail = " ".join(text[max(pos, end - 16):end].lower().split())
    return tail.endswith(_COMPLETE_BODIES)


# Issuers whose names hold a comma: "Bộ trưởng, Chủ nhiệm …", "Bộ Văn hóa, Thể thao và Du lịch".
_COMMA_INSIDE_RE = re.compile(r"(?i)trưởng,\s{1,3}(?:Chủ|Thủ)|v[aă]n\s{1,3}h(?:óa|oá)\s{0,2},\s{1,3}thể")
# Compound words whose second syllable would otherwise end an issuer ("Phát triển").
_COMPOUNDS = frozenset(["phát triển", "xúc tiến"])
_HEAD_WORDS = frozenset("bộ sở cục ban ủy uỷ hội tổng chi vụ viện tòa toà văn trưởng".split())
_PLACE_WORDS = frozenset(["tỉnh", "phố", "huyện", "xã", "quận", "phường", "trấn"])


_NAME_STOP_WORDS = frozenset(
    "số ngày năm của được đã và về tại do thì là có không để với khi này đó gồm như nêu trên cũng "
    "các những mà nhưng hoặc cho từ đến sau trước phải sẽ vẫn đều điều khoản chương mục quy "
    "định hướng sửa ban áp hiện theo kể tính thuộc bao nhằm chưa gặp đang vừa còn cần nên bị "
    "giải tạo rồi cùng đối liên mới hết trên ra vào lại quy".split()
)
# Words after "và" that end a name rather than continue it ("Luật Đất đai và các văn bản").
_NAME_AFTER_AND_STOP = frozenset(
    "các những một hai nghị quyết thông chỉ văn người trường diện pháp xác thực hiệu quy thủ tổ cơ đơn cá "
    "doanh các tài hồ".split()
)
_KNOWN_NAMES = sorted(
    (tuple(fold(" ".join(n.split())).split()) for n in (KNOWN_LAW_NAMES + ";" + KNOWN_CODE_NAMES).split(";") if n.strip()),
    key=len,
    reverse=True,
)
# Word pairs that continue a law's name although their first word would stop it.
_NAME_CONTINUE_BIGRAMS = frozenset(["quy phạm", "theo phương", "ban hành", "hiện dân"])
_NAME_STOP_BIGRAMS = frozenset(["thông qua", "thông tư"])
_NAME_CONTINUE_AFTER_FIRST = frozenset(["ban hành", "thông tin"])


def read_law_name(text: str, pos: int) -> int | None:
    """End of a law's name whose type word ends at ``pos`` ("Luật| Đất đai", "Bộ luật| Lao động").

    ``None`` when the next word shows it is no name ("Luật này", "Luật sư").
    A run of words that starts with a known law's name is cut after it.
    """
    known = KNOWN_NAME_RE.match(text, pos)
    if known is not None:
        after = text[known.end():known.end() + 24].lstrip()
        # "Phòng cháy| và chữa cháy" runs on; "Đầu tư theo phương thức đối tác công tư| và Luật …" ends.
        if not after.startswith("và") or _is_new_law(after[2:].lstrip(), 0):
            return known.end()
    end = None
    names = 0
    upper = None
    ends: list[int] = []
    words: list[str] = []
    for count, (start, stop, word) in enumerate(_words(text, pos, NAME_MAX_WORDS)):
        lower = word.lower()
        following = _peek_word(text, stop).lower()
        if word.isdigit():
            break
        if f"{lower} {following}" in _NAME_STOP_BIGRAMS:
            break
        if count == 0 and text[pos:start].strip():
            return None  # "PHÁP LUẬT, KIỂM TRA": no name follows
        if count == 0:
            if lower in NAME_FIRST_STOP_WORDS and f"{lower} {following}" not in _NAME_CONTINUE_AFTER_FIRST:
                return None
            if not word[0].isalpha():
                return None
            upper = word.isupper() and len(word) > 1
        else:
            if text[end:start].strip():
                gap = text[end:start].strip()
                # "Luật Phòng, chống tham nhũng", "Luật Trật tự, an toàn giao thông đường bộ".
                if not (gap == "," and names <= 2 and word[0].islower() and lower not in _NAME_STOP_WORDS):
                    break
            if upper and not word.isupper():
                break  # "LUẬT PHÒNG THỦ DÂN SỰ Thực hiện …"
            if lower == "và":
                # "Luật Hôn nhân và gia đình", "Luật Khoa học và công nghệ"; not "… và Luật X".
                if (names > 2 or not following or following in _NAME_STOP_WORDS
                        or following in _NAME_AFTER_AND_STOP or _peek_word(text, stop)[:1].isupper()):
                    break
            elif lower in _NAME_STOP_WORDS and f"{lower} {following}" not in _NAME_CONTINUE_BIGRAMS:
                break
            elif word[0].isupper() and _TYPE_AT_RE.match(text, start):
                break
            elif lower in ("luật", "bộ", "hiến", "pháp") and word[0].isupper() and _is_new_law(text, start):
                break
        end = stop
        names += 1
        ends.append(stop)
        words.append(fold(word))
    if end is None:
        return None
    # A known name at the head of the run: the name ends there.
    for known in _KNOWN_NAMES:
        if len(known) <= len(words) and tuple(words[: len(known)]) == known:
            if len(known) < len(words) and words[len(known)] in ("va",):
                continue  # "Phòng cháy và chữa cháy" is longer than "Phòng cháy"
            return ends[len(known) - 1]
    return end


def is_known_name(text: str, pos: int) -> bool:
    """Whether a known law's name follows ``pos``."""
    return KNOWN_NAME_RE.match(text, pos) is not None


def _is_new_law(text: str, start: int) -> bool:
    head = text[start : start + 12].lower()
    return head.startswith(("luật", "bộ luật", "hiến pháp", "pháp lệnh"))


def collapse(text: str) -> str:
    """Whitespace runs (line breaks included) to one space."""
    return " ".join(text.split())
