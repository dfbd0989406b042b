"""Find citations in cleaned text: numbered ones, anchored on the number, and laws by name.

A numbered citation is found from its number outwards: the number-and-symbol
pattern (cheap, and most text has none) anchors it; a short look back finds
``số``, the type word, a list it continues or the law's name; a short look
forward finds the date and ``của`` + issuer.  Offsets here are into the
cleaned text; :mod:`kb.citations.pipeline` maps them back.
"""
from __future__ import annotations

from dataclasses import dataclass

from kb.citations import parse
from kb.citations.numbers import parse_number, type_from_abbreviation
from kb.citations.regexes import (
    AMENDED_LIST_MAX,
    AMENDED_LIST_NEXT_RE,
    AMENDING_LAW_RE,
    BARE_YEAR_RE,
    CONSTITUTION_TAIL_RE,
    ISSUER_LEAD_RE,
    LIST_GAP_RE,
    NAME_KIND_BY_HEAD,
    NAME_PRECEDING_STOP_WORDS,
    NAME_TRIGGER_RE,
    NAME_TYPE_BY_KIND,
    NOT_DOCUMENT_BEFORE_SO,
    NUMBER_LEAD_CHARS,
    NUMBER_RE,
    OWN_NUMBER_PREFIX_RE,
    PREFIX_REVERSED_RE,
    QH_CONTINUATION_RE,
    QH_TAIL_RE,
    SCHEME_NUMBER_RE,
    TITLE_HEAD_RE,
    TITLE_MAX_CHARS,
    TITLE_DATE_NOT_AFTER,
    TITLE_MAX_DATES,
    TITLE_NOT_RE,
    TITLE_STOP_RE,
    TYPE_BY_ABBREVIATED_WORD,
    TYPE_BY_ABBREVIATION,
    TYPE_BY_FORM,
    TYPE_WORD_RE,
    YEAR_RE,
)

_PREFIX_WINDOW = 48
_NAME_WINDOW = 160


@dataclass
class Found:
    """A citation while it is being built; offsets into the cleaned text."""

    start: int
    end: int
    number: str | None
    type: str | None = None
    date: str | None = None
    issuer: str | None = None
    category: str = "state"
    name: str | None = None
    year: int | None = None
    self: bool = False
    relation: str = "dan_chieu"
    # "header" for the "Số: …" heading the document, "metadata" for a site's "Số hiệu:" table.
    own_header: str | None = None
    has_so: bool = False  # written with "số"
    type_written: bool = False  # the type word is in the text (not inferred from the symbol)
    pinpoint: list[dict] | None = None  # units of the cited document named before it
    pinpoint_start: int | None = None  # where that unit phrase starts ("khoản 2 Điều 5 …")


def find_numbered(text: str) -> list[Found]:
    """Citations with a number-and-symbol, in text order (the document's own number included)."""
    out: list[Found] = []
    for match in NUMBER_RE.finditer(text):
        if match.start() and text[match.start() - 1] in NUMBER_LEAD_CHARS:
            continue
        parsed = parse_number(match)
        if parsed is None:
            continue
        number, category, abbreviation = parsed
        found = _with_prefix(text, match.start(), number, category, abbreviation, out[-1] if out else None)
        if found is None or (match.group("old") and not found.type_written):
            continue  # "67-CP" is a number only after a type word
        found.end = match.end()
        if QH_TAIL_RE.search(number):
            number = found.number = _mend_legislature(text, found, number)
        issuer_before = found.issuer
        _read_suffix(text, found)
        found.issuer = found.issuer or issuer_before
        if found.year is None:
            year = number.split("/")[1] if number.count("/") >= 2 else None
            if year and year.isdigit():
                found.year = int(year)
        out.append(found)
    return out


def _mend_legislature(text: str, found: Found, number: str) -> str:
    """"39/2024/QH**1**5**" → "39/2024/QH15": the term cut off by markup or a line break."""
    digits_needed = 2 - (len(number) - number.rindex("QH") - 2)
    match = QH_CONTINUATION_RE.match(text, found.end)
    if match is None:
        return number
    digits = "".join(d for d in match.groups() if d)
    if len(digits) != digits_needed:
        return number
    found.end = match.end()
    return number + digits


def _with_prefix(text: str, start: int, number: str, category: str, abbreviation: str | None,
                 previous: Found | None) -> Found | None:
    window_start = max(0, start - _PREFIX_WINDOW)
    window = text[window_start:start]
    if window_start == 0:
        window = "\n" + window
        window_start -= 1
    found = Found(start, start, number, category=category)
    own = OWN_NUMBER_PREFIX_RE.search(window) if ":" in window else None
    if own is not None:
        found.has_so = True
        found.own_header = "metadata" if "hiệu" in own.group("so").lower() else "header"
        if own.group("type"):
            found.start = window_start + own.start("type")
            found.type = TYPE_BY_FORM[" ".join(own.group("type").lower().split())]
        else:
            found.start = window_start + own.start("so")
            found.type = type_from_abbreviation(abbreviation, number)
        return found
    # Read backwards from the number: "…số", "…Quyết định số", "…Nghị định".
    backwards = PREFIX_REVERSED_RE.match(window[::-1])
    kind = backwards.group("type")
    kind = kind[::-1] if kind else None
    so = backwards.group("so")
    width = len(window)
    if kind and kind.lower() == "luật":
        # "… quy phạm pháp luật số 87/2025/QH15": "luật" ends a law's name ("pháp
        # luật"), it is not the type word; the name before it is read below.
        kind_start = window_start + width - backwards.end("type")
        before = text[max(0, kind_start - 8):kind_start].split()
        if before and before[-1].lower() in NAME_PRECEDING_STOP_WORDS:
            kind = None
    if kind:
        found.type_written = True
        found.start = window_start + width - backwards.end("type")
        found.type = TYPE_BY_ABBREVIATED_WORD.get(kind) or TYPE_BY_FORM[" ".join(kind.lower().split())]
        found.has_so = so is not None
        return found
    if so:
        so_start = window_start + width - backwards.end("so")
        before = text[max(0, so_start - 8):so_start].split()
        if not kind and before and before[-1].lower() in NOT_DOCUMENT_BEFORE_SO:
            return None  # "Mẫu số 01/PLI", "Phụ lục số 02/…": a form, not a document
        found.start = so_start
        found.has_so = True
        law = _law_named_before(text, so_start)
        typed = _type_and_issuer_before(text, so_start) if law is None else None
        if law is not None:
            found.start, found.type, found.name = law
        elif typed is not None:
            # "Quyết định của Thủ tướng Chính phủ số 1373/QĐ-TTg": issuer between type and number.
            found.start, found.type, found.issuer = typed
            found.type_written = True
        elif previous is not None and LIST_GAP_RE.match(text[previous.end:so_start]) and previous.type:
            found.type = previous.type  # "các Quyết định số 339/…, số 272/…"
        else:
            found.type = type_from_abbreviation(abbreviation, number)
        return found
    law = _law_named_before(text, start)
    if law is not None:
        found.start, found.type, found.name = law
        return found
    # A bare number: in a list after another citation ("…, 8563/VPCP-CN"), or
    # when its shape says it is a document's.
    if previous is not None and previous.type and LIST_GAP_RE.match(text[previous.end:start]) \
            and text[previous.end:start].strip():
        found.type = previous.type
        return found
    if category == "party" or number.count("/") >= 2 or abbreviation in TYPE_BY_ABBREVIATION:
        found.type = type_from_abbreviation(abbreviation, number)
        return found
    return None


def _type_and_issuer_before(text: str, at: int) -> tuple[int, str, str] | None:
    """A type word and "của" + issuer ending right before ``số`` at ``at``."""
    window_start = max(0, at - _NAME_WINDOW)
    last = None
    for match in TYPE_WORD_RE.finditer(text, window_start, at):
        last = match
    if last is None or (last.start() and text[last.start() - 1].isalnum()):
        return None
    lead = ISSUER_LEAD_RE.match(text, last.end())
    if lead is None:
        return None
    end = parse.read_issuer(text, lead.end())
    if end is None or text[end:at].strip():
        return None
    kind = TYPE_BY_FORM[" ".join(last.group().lower().split())]
    return last.start(), kind, parse.collapse(text[lead.end():end])


def _law_named_before(text: str, at: int) -> tuple[int, str, str] | None:
    """"Luật Đấu thầu số 22/2023/QH15": the law's name right before ``số`` / the number."""
    window_start = max(0, at - _NAME_WINDOW)
    best = None
    for trigger in NAME_TRIGGER_RE.finditer(text, window_start, at):
        if trigger.start() and text[trigger.start() - 1].isalnum():
            continue
        group = NAME_KIND_BY_HEAD[trigger.group()[:2].upper()]
        if group not in ("law", "code", "ordinance"):
            continue
        if trigger.group()[0].islower() and not parse.is_known_name(text, trigger.end()):
            continue
        end = parse.read_law_name(text, trigger.end())
        if end is None:
            continue
        lead = ISSUER_LEAD_RE.match(text, end)  # "Luật Hoạt động giám sát của Quốc hội … số 87/2015/QH13"
        if lead is not None and text[end:at].strip():
            issuer_end = parse.read_issuer(text, lead.end())
            if issuer_end is not None and not text[issuer_end:at].strip():
                end = at
        if not text[end:at].strip():
            best = trigger
            break
    if best is None:
        return None
    start = best.start()
    head = best.group()[:2]
    amending = AMENDING_LAW_RE.search(text, max(0, start - 60), start)
    if amending is not None and amending.end() == start:
        start = amending.start()
        head = text[start:start + 2]  # "Luật sửa đổi … của Bộ luật Lao động" is a Luật
    name = parse.collapse(text[start:at])
    return start, NAME_TYPE_BY_KIND[NAME_KIND_BY_HEAD[head.upper()]], _tidy_name(name)


def _read_suffix(text: str, found: Found) -> None:
    pos = found.end
    date = parse.read_date(text, pos)
    if date is not None:
        pos, found.date = date
        again = parse.read_date(text, pos)  # "ngày 31/12/2014 ngày 31/12/2014" (typed twice)
        if again is not None and again[1] == found.date:
            pos = again[0]
    else:
        year = YEAR_RE.match(text, pos)
        if year is not None:
            pos, found.year = year.end(), int(year.group("y"))
    lead = ISSUER_LEAD_RE.match(text, pos)
    if lead is None and found.date is None and found.year is None:
        titled = _title_then_date(text, pos)
        if titled is not None:
            pos, found.date, lead = titled
    if lead is not None:
        end = parse.read_issuer(text, lead.end())
        if end is not None:
            found.issuer = parse.collapse(text[lead.end():end])
            pos = end
            if found.date is None:
                date = parse.read_date(text, pos)  # "của Chính phủ ngày 16 tháng 9 năm 2024"
                if date is not None:
                    pos, found.date = date
    if found.date:
        found.year = int(found.date[:4])
    found.end = pos


def _title_then_date(text: str, pos: int) -> tuple[int, str | None, object] | None:
    """"Luật số 57/2020/QH14 Luật Thanh niên| ngày 16/06/2020 của| Quốc hội": a title written
    between the number and its date, as the official notes write it.

    Only a title with no other number in it, ended by a date that "của" + an issuer follows (end of the date, the date, the "của" match) — a date alone after some
    words may be anything's.
    """
    head = TITLE_HEAD_RE.match(text, pos)
    if head is None:
        return None
    limit = min(len(text), pos + TITLE_MAX_CHARS)
    stop = TITLE_STOP_RE.search(text, head.end(), limit)
    if stop is not None:
        limit = stop.start()
    at = head.end()
    for _ in range(TITLE_MAX_DATES):  # "… Ngày Pháp luật … ngày 10/05/2012 của …"
        at = text.find("ngày", at + 1, limit)
        if at == -1 or TITLE_NOT_RE.search(text, head.end(), at):
            return None
        before = text[max(0, at - 8):at].split()
        if before and before[-1].lower() in TITLE_DATE_NOT_AFTER:
            return None
        date = parse.read_date(text, at)
        if date is not None:
            break
    else:
        return None
    lead = ISSUER_LEAD_RE.match(text, date[0])
    if lead is None or parse.read_issuer(text, lead.end()) is None:
        return None
    return date[0], date[1], lead


def find_named(text: str, numbered: list[Found]) -> list[Found]:
    """Laws, codes, the Constitution, ordinances and "Đề án 06" cited by name, no number."""
    covered = sorted((f.start, f.end) for f in numbered)
    by_start = {f.start: f for f in numbered if f.name}
    out: list[Found] = []
    k = 0
    last_end = -1
    for trigger in NAME_TRIGGER_RE.finditer(text):
        start = trigger.start()
        if start < last_end or (start and text[start - 1].isalnum()):
            continue
        before = text[max(0, start - 8):start].split()
        if before and before[-1].lower() in NAME_PRECEDING_STOP_WORDS:
            continue  # "PHÁP LUẬT" (law in general), "Đại học Luật", "Dân Luật"
        while k < len(covered) and covered[k][1] <= start:
            k += 1
        if k < len(covered) and covered[k][0] <= start < covered[k][1]:
            continue
        group = NAME_KIND_BY_HEAD[trigger.group()[:2].upper()]
        kind = NAME_TYPE_BY_KIND[group]
        if group == "scheme":
            number = SCHEME_NUMBER_RE.match(text, trigger.end())
            if number is None:
                continue
            end = number.end()
            name = f"Đề án {number.group(1)}"
        elif group == "const":
            tail = CONSTITUTION_TAIL_RE.match(text, trigger.end())
            end = tail.end() if tail else trigger.end()
            name = "Hiến pháp"
        else:
            if trigger.group()[0].islower():
                # Lower case: only a known law's name makes it a citation ("theo luật Đất đai").
                if not parse.is_known_name(text, trigger.end()) or not _next_is_capital(text, trigger.end()):
                    continue
            end = parse.read_law_name(text, trigger.end())
            if end is None:
                continue
            if len(text[trigger.end():end].split()) == 1 and not parse.is_known_name(text, trigger.end()):
                continue  # "Luật Gồm", "Luật Tháng": one unknown word is no law's name
            amending = AMENDING_LAW_RE.search(text, max(0, start - 60), start)
            if amending is not None and amending.end() == start:
                start = amending.start()
                kind = NAME_TYPE_BY_KIND[NAME_KIND_BY_HEAD[text[start:start + 2].upper()]]
                end, numbered_next = _amended_list_end(text, end, by_start)
                if numbered_next is not None:
                    # "… của Luật Đầu tư, … và Luật Đấu thầu số 57/2024/QH15": the number is the
                    # amending law's; that citation takes the whole name.
                    head = parse.collapse(text[start:numbered_next.start])
                    numbered_next.name = _tidy_name(f"{head} {numbered_next.name or ''}".strip())
                    numbered_next.start = start
                    last_end = numbered_next.end
                    continue
            name = _tidy_name(parse.collapse(text[start:end]))
        found = Found(start, end, None, type=kind, name=name)
        if k < len(covered) and end > covered[k][0]:
            continue  # runs into a numbered citation: that one already holds it
        _read_name_suffix(text, found)
        if k < len(covered) and found.end > covered[k][0]:
            found.end = end
        out.append(found)
        last_end = found.end
    return out


def _amended_list_end(text: str, end: int, by_start: dict[int, Found]) -> tuple[int, Found | None]:
    """Where the list of laws an amending law's name runs over ends ("của Luật A, Luật B và
    Luật C"), and the numbered citation the list runs into ("… và Luật Đấu thầu số …"), if any.
    """
    for _ in range(AMENDED_LIST_MAX):
        gap = AMENDED_LIST_NEXT_RE.match(text, end)
        if gap is None:
            break
        if gap.end() in by_start:
            return end, by_start[gap.end()]
        trigger = NAME_TRIGGER_RE.match(text, gap.end())
        if trigger is None:
            break
        next_end = parse.read_law_name(text, trigger.end())
        if next_end is None:
            break
        end = next_end
    return end, None


def _next_is_capital(text: str, pos: int) -> bool:
    rest = text[pos:pos + 6].lstrip()
    return bool(rest) and rest[0].isupper()


def _read_name_suffix(text: str, found: Found) -> None:
    pos = found.end
    date = parse.read_date(text, pos)
    if date is not None:
        found.end, found.date = date
        if found.date:
            found.year = int(found.date[:4])
        return
    year = YEAR_RE.match(text, pos) or BARE_YEAR_RE.match(text, pos)
    if year is not None:
        found.end, found.year = year.end(), int(year.group("y"))


def _tidy_name(name: str) -> str:
    """"LUẬT ĐẤT ĐAI" → "Luật Đất đai"; "Luật hải quan" → "Luật Hải quan"."""
    if name.isupper():
        name = name.capitalize()
    name = name[:1].upper() + name[1:]
    for head in ("Bộ luật ", "Luật ", "Pháp lệnh "):
        position = name.find(head)
        while position != -1:
            after = position + len(head)
            if after < len(name) and not name[after:].startswith("sửa"):
                name = name[:after] + name[after].upper() + name[after + 1:]
            position = name.find(head, after)
    if name.lower().startswith("bộ luật"):
        name = "Bộ luật" + name[7:]
    return name
