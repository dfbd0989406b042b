"""The source note of a Pháp điển article → which article of which document, and its changes.

Shapes met in the package (2026):

- long, the first time a document appears in a đề mục: "(Điều 1 Luật số 18/2008/QH12 Năng
  lượng nguyên tử ngày 03/06/2008 của Quốc hội, có hiệu lực thi hành kể từ ngày 01/01/2009)";
- short: "(Điều 2 Luật số 18/2008/QH12, có hiệu lực thi hành kể từ ngày 01/01/2009)";
- with changes: "…, có nội dung được sửa đổi, có nội dung được bổ sung bởi Điều 1 Thông tư
  số 112/2017/TT-BTC có hiệu lực thi hành kể từ ngày 11/12/2017", "… bị bãi bỏ bởi Điều 35
  Luật số 42/2013/QH13 …", "bị hủy bỏ", "bị ngưng hiệu lực", several joined by "và";
- a document without a number ("Điều 2 Pháp lệnh Về Quyền ưu đãi, miễn trừ …"), "Thông tư
  liên tịch 13/2014/TTLT-…" without "số", doubled brackets, dates as 1/5/2014.

A note of another shape raises :class:`NoteError` (the article is reported, not guessed).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.text import clean

TYPES = (
    "Văn bản hợp nhất", "Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh", "Nghị quyết liên tịch", "Nghị quyết",
    "Nghị định", "Thông tư liên tịch", "Thông tư", "Quyết định", "Chỉ thị", "Sắc lệnh", "Lệnh",
)
# Types whose name is how people cite them ("Luật Đất đai"): the title is also the name.
NAMED_TYPES = ("Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh")

_TYPE = "|".join(re.escape(t) for t in TYPES)
_NUMBER = r"\d[\w./\-Đđ&]*[\wĐđ](?:\([A-Z0-9]+\))?"
_DATE = r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
# "Điều 5", "Điều 5a", "khoản 2 Điều 5", "điểm a khoản 2 Điều 5" (unit of the source or amender)
_UNITS = r"(?:(?:điểm\s+(?P<diem>[a-zđ]\d?)\s+)?(?:khoản\s+(?P<khoan>\d+[a-zđ]?)\s+))?Điều\s+(?P<dieu>\d+[a-zđ]?)\.?"
_HEAD = re.compile(
    rf"^[\s(]*(?:[^()]{{0,80}}?\b)?(?:{_UNITS}|(?P<bare>\d+[a-zđ]?))\s+(?P<type>{_TYPE})\b\s*(?P<rest>.*)$",
    re.S | re.I,
)
_NUMBER_AT = re.compile(
    rf"^(?:số\s+(?:liên\s+tịch\s+|TT\s+)?|số:\s*)?(?:(?:{_TYPE})\s+(?:số\s+)?)?['\"“]?(?P<number>{_NUMBER})['\"”]?"
    r"(?=[\s,;)]|\.(?=[\s,;)]|$)|$)",
    re.I,
)
_EFFECT = re.compile(rf"có\s+hiệu\s+lực(?:\s+thi\s+hành)?(?:\s+kể)?\s+từ\s+ngày\s+{_DATE}", re.I)
_ISSUE = re.compile(rf"\bngày\s+{_DATE}", re.I)
# "05/2020/TT- BGTVT", "11/2014/TTLT-BQP-BNV -BLĐTBXH-BTC": a symbol broken by a space.
_BROKEN_SYMBOL = re.compile(
    r"(\d+/[\w/\-Đđ]*[A-Za-zĐđ\d])(?:\s+-\s*|\s*-\s+)(?=[A-ZĐ])|(\d+/(?:\d{4}/)?)\s+(?=[A-ZĐ]{2})"
)
# "17 /2018/TT-BTNMT", "71/2015 /TT-BTC", "21 - TC/TCT": a number broken before its symbol.
_BROKEN_NUMBER = re.compile(r"(?<=\d)\s+/\s*(?=\d{4}/|[A-ZĐ])|(?<=\d)/\s+(?=\d{4}/)|(?<=\d)\s+-\s*(?=[A-ZĐ]+/)")
# "Pháp lệnh Số Không số Về Hàm, cấp ngoại giao": no number, said in words.
_NO_NUMBER = re.compile(r"^\s*số\s+không\s+số\s+", re.I)
_BY = re.compile(r"\s+(?:bởi|theo\s+quy\s+định\s+tại(?:\s+tại)?)\s+", re.I)
_CHANGE_START = re.compile(r",?\s*(?:và\s+)?(?:có\s+nội\s+dung|đã)?\s*(?:được|bị)\s+", re.I)
_AMENDER = re.compile(rf"^(?P<pre>.{{0,120}}?)\b(?P<type>{_TYPE})\b\s*(?P<rest>.*)$", re.S | re.I)
_UNIT_IN = re.compile(_UNITS, re.I)


class NoteError(ValueError):
    """A note of a shape this parser does not know: the article is skipped and reported."""


@dataclass
class Change:
    """One change stated by a note: relations (sua_doi, bai_bo …), by which unit of which document."""

    relations: list[str]
    verbs: str  # as written: "có nội dung được sửa đổi, có nội dung được bổ sung"
    type: str
    number: str | None
    name: str | None  # when the amender has no number
    units: list[dict]  # pinpoint of the amending unit ([] when the note names none)
    effective_date: str | None


@dataclass
class Note:
    text: str
    article: str  # the article's number in its source document: "1", "5a"
    type: str
    number: str | None
    title: str | None = None  # the document's name as the long note gives it
    date: str | None = None
    issuer: str | None = None
    effective_date: str | None = None
    changes: list[Change] = field(default_factory=list)


def _iso(day: str, month: str, year: str) -> str | None:
    d, m, y = int(day), int(month), int(year)
    if not (1 <= d <= 31 and 1 <= m <= 12 and 1900 <= y <= 2100):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def canonical_type(raw: str) -> str:
    for t in TYPES:
        if raw.lower() == t.lower():
            return t
    return raw


def canonical(number: str) -> str:
    """The canonical number (kb.citations), or the number as written when it does not parse."""
    from kb.citations.numbers import canonical_number

    number = clean(number).text.strip().rstrip(".,;:")
    return canonical_number(number) or number


def _relations_of(verbs: str) -> list[str]:
    low = verbs.lower()
    out = []
    if "sửa đổi" in low or "bổ sung" in low:
        out.append("sua_doi")
    if "thay thế" in low:
        out.append("thay_the")
    if "bãi bỏ" in low or "hủy bỏ" in low or "huỷ bỏ" in low or "hết hiệu lực" in low:
        out.append("bai_bo")
    if "ngưng hiệu lực" in low or "đình chỉ" in low:
        out.append("ngung_hieu_luc")
    return out


def parse_note(raw: str) -> Note:
    """Parse a source note (see the module's docstring)."""
    text = " ".join(clean(raw or "").text.split())
    for _ in range(3):
        text = _BROKEN_SYMBOL.sub(lambda m: m.group(1) + "-" if m.group(1) else m.group(2), text)
    text = _BROKEN_NUMBER.sub(lambda m: "-" if "-" in m.group() else "/", text)
    if not text:
        raise NoteError("ghi chú nguồn trống")
    head = _HEAD.match(text)
    if head is None:
        raise NoteError(f"ghi chú nguồn không đúng dạng “(Điều N <loại văn bản> số …)”: {text[:120]}")
    article = head.group("dieu") or head.group("bare")
    doc_type = canonical_type(head.group("type"))
    rest = _NO_NUMBER.sub("", head.group("rest"))
    number_match = _NUMBER_AT.match(rest)
    number = canonical(number_match.group("number")) if number_match else None
    after = rest[number_match.end():].lstrip(".") if number_match else rest

    effect = _EFFECT.search(after)
    own = after[: effect.start()] if effect else after
    own = re.sub(r"^\s*\(\d{1,2}\)?(?=[\s,]|$)", "", own).rstrip(" ,;()")  # a footnote mark "(1)"
    note = Note(text=text, article=article, type=doc_type, number=number)
    if effect:
        note.effective_date = _iso(*effect.groups())
    issue = None
    for issue in _ISSUE.finditer(own):
        pass
    if issue is not None:
        note.date = _iso(*issue.group(1, 2, 3))
        by = re.match(r"\s*của\s+(.+)$", own[issue.end():], re.S)
        if by:
            note.issuer = by.group(1).strip(" ,.")
        title = own[: issue.start()].strip(" ,")
    else:
        title = own.strip(" ,")
    if title:
        note.title = _title(doc_type, title)
    elif number is None:
        raise NoteError(f"ghi chú nguồn không có số hiệu và tên văn bản: {text[:120]}")
    if effect:
        note.changes = _changes(after[effect.end():], text)
    elif _BY.search(after):
        note.changes = _changes(after, text)
    return note


def _title(doc_type: str, title: str) -> str:
    """"Năng lượng nguyên tử" of a Luật → "Luật Năng lượng nguyên tử"; a trích yếu stays as written."""
    title = re.sub(r"^\(\d+\)\s*", "", title.strip(" ,.;"))
    if title.lower().startswith(doc_type.lower()):
        return doc_type + title[len(doc_type):]
    if doc_type in NAMED_TYPES:
        return f"{doc_type} {title[0].upper()}{title[1:]}" if title else doc_type
    return title[0].upper() + title[1:] if title else title


_NEXT_CHANGE = re.compile(
    r"(?:,\s*|;\s*|\s+và\s+)(?:có\s+nội\s+dung\s+)?(?:được|bị)\s+[^,]*?\s+(?:bởi|theo\s+quy\s+định\s+tại)\s+", re.I
)
# "…; Điều 1 Nghị định số 85/2021/NĐ-CP có hiệu lực …": one more amender for the same verbs.
_ANOTHER_AMENDER = re.compile(rf"^\s*[;,]?\s*(?:và\s+)?(?=(?:(?:các\s+)?điểm|khoản|Điều|{_TYPE})\b)", re.I)


def _changes(tail: str, whole: str) -> list[Change]:
    """"…, có nội dung được sửa đổi bởi Điều 1 Thông tư số … có hiệu lực … ngày …" → changes."""
    out: list[Change] = []
    tail = tail.strip(" )")
    verbs: str | None = None
    relations: list[str] = []
    while tail:
        more = _ANOTHER_AMENDER.match(tail) if verbs is not None else None
        if more:
            rest = tail[more.end():]
        else:
            by = _BY.search(tail)
            if by is None:
                if re.search(r"\b(?:được|bị)\b", tail):
                    raise NoteError(f"ghi chú nêu thay đổi mà không nêu văn bản thay đổi: {whole[:160]}")
                break
            verbs = tail[: by.start()].strip(" ,;")
            # ", bởi Điều 1 …" with the verb left out: a change of unknown kind, kept as a reference.
            relations = _relations_of(verbs) if verbs else ["dan_chieu"]
            if not relations:
                raise NoteError(f"không hiểu loại thay đổi “{verbs[:60]}”: {whole[:160]}")
            rest = tail[by.end():]
        # The amender's part runs to its effective date, or to the next change, or to the end.
        effect = _EFFECT.search(rest)
        nxt = _NEXT_CHANGE.search(rest)
        if effect and (nxt is None or effect.start() < nxt.start()):
            part, eff, tail = rest[: effect.start()], _iso(*effect.groups()), rest[effect.end():]
        elif nxt is not None:
            part, eff, tail = rest[: nxt.start()], None, rest[nxt.start():]
        else:
            part, eff, tail = rest, None, ""
        tail = tail.strip(" .)")
        if tail.startswith("và "):
            tail = tail[3:]
        out.append(_amender(part.strip(" ,.;()"), relations, verbs, eff, whole))
    return out


def _amender(part: str, relations: list[str], verbs: str, eff: str | None, whole: str) -> Change:
    match = _AMENDER.match(part)
    if match is None:
        raise NoteError(f"không xác định được văn bản thay đổi “{part[:80]}”: {whole[:160]}")
    units: list[dict] = []
    for found in _UNIT_IN.finditer(match.group("pre")):
        unit = {"dieu": found.group("dieu")}
        if found.group("khoan"):
            unit["khoan"] = found.group("khoan")
            if found.group("diem"):
                unit["diem"] = found.group("diem")
        units.append(unit)
    doc_type = canonical_type(match.group("type"))
    rest = match.group("rest")
    number_match = _NUMBER_AT.match(rest)
    if number_match:
        return Change(relations, verbs, doc_type, canonical(number_match.group("number")), None, units, eff)
    later = re.search(rf"\bsố\s+(?P<number>{_NUMBER})", rest, re.I)  # "Luật Phí và lệ phí số 97/2015/QH13"
    if later:
        return Change(relations, verbs, doc_type, canonical(later.group("number")), None, units, eff)
    name = rest.strip(" ,.;")
    if not name:
        raise NoteError(f"văn bản thay đổi không có số hiệu và tên: {whole[:160]}")
    return Change(relations, verbs, doc_type, None, _title(doc_type, name), units, eff)
