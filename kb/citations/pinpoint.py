"""Pinpoints: the units of the cited document that a citation points at.

"khoản 2 Điều 5 Nghị định số 30/2020/NĐ-CP" → ``[{"dieu": "5", "khoan": "2"}]``;
"các Điều 4, 5 và 6 của Luật …" → three objects; "từ Điều 5 đến Điều 9" → five;
"điểm a khoản 1 và khoản 2 Điều 3" → ``{dieu 3, khoan 1, diem a}``, ``{dieu 3, khoan 2}``;
"Phụ lục II ban hành kèm theo Nghị quyết …" → ``[{"phu_luc": "II"}]``.

The phrase is read from the citation's start backwards: one anchored match on the
reversed window before it (as :mod:`kb.citations.find` reads "số" and the type word),
so a citation with no unit before it costs one failed match. The run of tokens found is
then parsed forwards by :func:`parse_units`. :func:`attach_amended_units` adds the bare
units an amending article lists as items ("… của Nghị định số X như sau: 1. Sửa đổi khoản 3
Điều 7 …") to X's pinpoint; :func:`pinpoint_label` names a unit as officials write it.
Pure functions, no state.
"""
from __future__ import annotations

from itertools import product

from kb.citations.regexes import (
    AMENDMENT_ITEM_RE,
    AS_FOLLOWS_CHARS,
    AS_FOLLOWS_RE,
    CHANGING_RELATIONS,
    ITEM_PHRASE_END_RE,
    NEXT_ARTICLE_RE,
    PINPOINT_MAX_RANGE,
    PINPOINT_MAX_UNITS,
    PINPOINT_REVERSED_RE,
    PINPOINT_TOKEN_RE,
    PINPOINT_QUICK_RE,
    PINPOINT_QUICK_WINDOW,
    PINPOINT_WINDOW,
    SIMPLE_PINPOINT_RE,
    UNIT_KIND_BY_WORD,
)

# Kinds from the innermost out: a phrase names them in this order ("điểm a khoản 1 Điều 3").
# An annex stands outside the articles; its own parts (mục, khoản, điểm) come before it:
# "điểm b khoản 2 mục III Phụ lục I".
_DEPTH = {"diem": 0, "khoan": 1, "dieu": 2, "tieu_muc": 3, "muc": 4, "chuong": 5, "phan": 6, "phu_luc": 7}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def pinpoint_before(text: str, start: int, floor: int = 0) -> tuple[int, list[dict]] | None:
    """(start of the unit phrase, pinpoint objects) when units are named right before ``start``.

    ``text[start:]`` is where a citation begins ("Nghị định số …", "Luật Đất đai"); the
    phrase may be joined to it by "của", "tại", "thuộc", a comma or "(ban hành) kèm theo".
    Nothing before ``floor`` (the previous citation's end) is read.
    """
    if PINPOINT_QUICK_RE.match(text[max(floor, start - PINPOINT_QUICK_WINDOW):start][::-1]) is None:
        return None
    window_start = max(floor, start - PINPOINT_WINDOW)
    reversed_window = text[window_start:start][::-1]
    match = PINPOINT_REVERSED_RE.match(reversed_window)
    if match is None:
        return None
    phrase_end = start - match.start("run")
    phrase_start = start - match.end("run")
    units = parse_units(text[phrase_start:phrase_end])
    if not units:
        return None
    return phrase_start, units


def parse_units(phrase: str) -> list[dict]:
    """The pinpoint objects a unit phrase names ("khoản 1, khoản 2 Điều 3" → two objects)."""
    simple = SIMPLE_PINPOINT_RE.fullmatch(phrase)
    if simple is not None:
        # The common "[điểm a] [khoản 2] Điều 5" in one match (most pinpoints are this).
        unit = {"dieu": simple["dieu"].lower()}
        if simple["khoan"]:
            unit["khoan"] = simple["khoan"].lower()
        if simple["diem"]:
            unit["diem"] = simple["diem"].lower()
        return [unit]
    tokens = [(m.lastgroup, m.group()) for m in PINPOINT_TOKEN_RE.finditer(phrase)]
    # Leading tokens before the first unit word ("3" in "… 3 Điều 5") are not the phrase's.
    while tokens and tokens[0][0] not in ("kind", "from", "all"):
        tokens.pop(0)
    segments: list[list[list]] = []  # segments → levels → [kind, values]
    level: list | None = None
    pending_sep = False
    pending_range = False
    for kind, value in tokens:
        if kind in ("all", "from"):
            continue
        if kind == "kind":
            unit = UNIT_KIND_BY_WORD[" ".join(value.lower().split())]
            segment = segments[-1] if segments else None
            if level is not None and unit == level[0] and (pending_range or (pending_sep and len(segment) == 1)):
                pass  # "khoản 1, khoản 2 …", "từ Điều 5 đến Điều 9": the same list goes on
            elif segment is not None and pending_sep != "and" and _DEPTH[unit] > _DEPTH[segment[-1][0]] \
                    and all(lv[0] != unit for lv in segment):
                level = [unit, []]  # the next level out: "khoản 2 | Điều 5"
                segment.append(level)
            else:
                level = [unit, []]  # a new unit path: "khoản 2 Điều 5 và | Điều 7"
                segments.append([level])
            pending_sep = False
            continue
        if kind == "sep":
            pending_sep = "comma" if value == "," else "and"
            continue
        if kind == "to":
            pending_range = True
            continue
        if level is None:
            continue
        number = _value(level[0], value)
        if pending_range and level[1]:
            level[1].extend(_expand(level[0], level[1].pop(), number))
        else:
            level[1].append(number)
        pending_range = pending_sep = False
    return _expand_segments(segments)


def _value(unit: str, written: str) -> str:
    if unit == "diem":
        return written.lower()
    if written[:1].isdigit():
        return written.lower()  # "5a", "32đ"
    return written.upper() if _is_roman(written) else written


def _is_roman(value: str) -> bool:
    return bool(value) and all(ch in _ROMAN for ch in value.upper())


def _roman(value: str) -> int:
    total = 0
    digits = [_ROMAN[ch] for ch in value.upper()]
    for i, digit in enumerate(digits):
        total += -digit if i + 1 < len(digits) and digits[i + 1] > digit else digit
    return total


def _to_roman(number: int) -> str:
    out = ""
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while number >= value:
            out += letters
            number -= value
    return out


def _expand(unit: str, first: str, last: str) -> list[str]:
    """"5" … "9" → 5, 6, 7, 8, 9; "II" … "IV" → II, III, IV; "a" … "c" → a, b, c (bounded)."""
    if first.isdigit() and last.isdigit():
        lo, hi = int(first), int(last)
        if 0 < hi - lo <= PINPOINT_MAX_RANGE:
            return [str(n) for n in range(lo, hi + 1)]
    elif _is_roman(first) and _is_roman(last) and unit != "diem":
        lo, hi = _roman(first), _roman(last)
        if 0 < hi - lo <= PINPOINT_MAX_RANGE:
            return [_to_roman(n) for n in range(lo, hi + 1)]
    elif len(first) == 1 and len(last) == 1 and first.isalpha() and last.isalpha() and "a" <= first < last <= "z":
        return [chr(c) for c in range(ord(first), ord(last) + 1)]
    return [first, last]  # a range too wide (or odd) to list: its two ends


def _expand_segments(segments: list[list[list]]) -> list[dict]:
    # A path missing its outer levels takes them from the next path that has them:
    # "điểm a khoản 1 và khoản 2 Điều 3" → both under Điều 3.
    segments = [[lv for lv in seg if lv[1]] for seg in segments]
    segments = [seg for seg in segments if seg]
    for i in range(len(segments) - 2, -1, -1):
        outer = _DEPTH[segments[i][-1][0]]
        for level in segments[i + 1]:
            if _DEPTH[level[0]] > outer and all(lv[0] != level[0] for lv in segments[i]):
                segments[i].append(level)
    out: list[dict] = []
    for segment in segments:
        keys = [lv[0] for lv in segment]
        for values in product(*(lv[1] for lv in segment)):
            pairs = sorted(zip(keys, values), key=lambda kv: -_DEPTH[kv[0]])
            unit = dict(pairs)  # outermost first, as anchors are written: {"dieu": "5", "khoan": "2"}
            if unit not in out:
                out.append(unit)
            if len(out) >= PINPOINT_MAX_UNITS:
                return out
    return out


def attach_pinpoints(text: str, found: list) -> None:
    """Set ``pinpoint`` / ``pinpoint_start`` on each citation (``find.Found``) named with units.

    A unit phrase never reaches back over the previous citation.
    """
    previous_end = 0
    for f in found:
        read = pinpoint_before(text, f.start, previous_end) if f.start > previous_end else None
        if read is not None:
            f.pinpoint_start, f.pinpoint = read
        previous_end = max(previous_end, f.end)


def attach_amended_units(text: str, found: list) -> None:
    """The units an amending article changes in the document it names, listed as items.

    "Điều 1. Sửa đổi, bổ sung một số điều của Nghị định số X như sau: 1. Sửa đổi khoản 3
    Điều 7 như sau: “…” 2. Bãi bỏ Điều 12." — the bare "khoản 3 Điều 7" and "Điều 12" are X's:
    they join X's pinpoint. The items run to the citing document's next article (quoted
    text, where the amended document's own "Điều 11. …" headings stand, is skipped) or to
    the next citation.
    """
    for i, f in enumerate(found):
        if f.relation not in CHANGING_RELATIONS or f.self:
            continue
        following = found[i + 1].start if i + 1 < len(found) else len(text)
        heading = AS_FOLLOWS_RE.search(text, f.end, min(following, f.end + AS_FOLLOWS_CHARS))
        if heading is None or "\n" in text[f.end:heading.start()]:
            continue
        units = list(f.pinpoint or [])
        # "Sửa đổi, bổ sung Điều 32 của Bộ luật … như sau: a) … khoản 1": items inside that unit.
        base = units[0] if len(units) == 1 else {}
        for _, rest in _items(text, heading.end(), following):
            stop = ITEM_PHRASE_END_RE.search(rest)
            for unit in parse_units(rest[: stop.start()] if stop else rest):
                inner = min(_DEPTH[k] for k in unit)
                outer = {k: v for k, v in base.items() if _DEPTH[k] > inner and k not in unit}
                if outer and not any(k in unit for k in base):
                    unit = dict(sorted({**outer, **unit}.items(), key=lambda kv: -_DEPTH[kv[0]]))
                if unit not in units and len(units) < PINPOINT_MAX_UNITS:
                    units.append(unit)
        if units:
            f.pinpoint = units


def _items(text: str, start: int, limit: int):
    """(start, text after the verb) of each item line outside quotations, up to the next article."""
    depth = 0  # quotations open at ``pos``
    pos = start
    for item in AMENDMENT_ITEM_RE.finditer(text, start, limit):
        for article in NEXT_ARTICLE_RE.finditer(text, pos, item.start()):
            if depth + _quote_balance(text, pos, article.start()) <= 0:
                return  # the citing document's next article
        depth += _quote_balance(text, pos, item.start())
        pos = item.start()
        if depth <= 0:
            depth = 0
            yield item.start(), item.group("rest")


def _quote_balance(text: str, start: int, end: int) -> int:
    return text.count("“", start, end) - text.count("”", start, end)


_WORDS = {"phan": "Phần", "chuong": "Chương", "muc": "Mục", "tieu_muc": "Tiểu mục", "dieu": "Điều",
          "khoan": "khoản", "diem": "điểm", "phu_luc": "Phụ lục"}


def pinpoint_label(unit: dict) -> str:
    """How officials write a unit: {"dieu": "5", "khoan": "2"} → "khoản 2 Điều 5" (innermost first)."""
    keys = sorted((k for k in unit if k in _DEPTH and unit[k]), key=lambda k: _DEPTH[k])
    return " ".join(f"{_WORDS[k]} {unit[k]}" for k in keys)


def innermost_kind(unit: dict) -> str | None:
    """The kind of the unit a pinpoint object names ({"dieu": "5", "khoan": "2"} → "khoan")."""
    keys = sorted((k for k in unit if k in _DEPTH and unit[k]), key=lambda k: _DEPTH[k])
    return keys[0] if keys else None
