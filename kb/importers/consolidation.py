"""The preamble of a văn bản hợp nhất: which documents it consolidates, and since when.

A consolidated text (Pháp lệnh hợp nhất văn bản quy phạm pháp luật 2012) opens,
under its type heading and title, with one paragraph naming the original and
each amending document, each with its effective date::

    Nghị định số 143/2016/NĐ-CP ngày 14 tháng 10 năm 2016 của Chính phủ quy định …,
    có hiệu lực kể từ ngày 14 tháng 10 năm 2016, được sửa đổi, bổ sung bởi:
    1. Nghị định số 140/2018/NĐ-CP ngày 08 tháng 10 năm 2018 của Chính phủ sửa đổi …,
    có hiệu lực kể từ ngày 08 tháng 10 năm 2018.
    2. …

:func:`parse_preamble` returns the original first, then the amenders in order.
The documents themselves are read by the citation extractor (number, type,
date, issuer of the first mention in each entry); only the layout — "được sửa
đổi, bổ sung bởi:" and "có hiệu lực … từ ngày …" closing each entry — is this
module's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kb.text import fold

__all__ = ["Consolidated", "parse_preamble"]

# How far into the text the preamble may end (long titles, many amenders).
_WINDOW = 12000
# "được sửa đổi, bổ sung bởi:", "được sửa đổi, bổ sung, bãi bỏ bởi", "được bổ sung bởi" — folded.
_AMENDED_BY = re.compile(r"duoc\s+(?:sua\s+doi|bo\s+sung|bai\s+bo|dinh\s+chinh)[\s,]*(?:(?:va\s+)?(?:sua\s+doi|bo\s+sung|bai\s+bo|thay\s+the|dinh\s+chinh)[\s,]*)*boi\s*:?")
# "có hiệu lực (thi hành) (kể) từ ngày 01 tháng 6 năm 2022" — folded.
_EFFECTIVE = re.compile(
    r"co\s+hieu\s+luc(?:\s+thi\s+hanh)?\s+(?:ke\s+)?tu\s+(?:ngay\s+)*(\d{1,2})\s*(?:thang|/|-)\s*(\d{1,2})\s*(?:nam|/|-)\s*((?:19|20)\d\d)"
)
# An entry begins with a document's type (after "1." or "-" when numbered).
_ENTRY_START = re.compile(
    r"^\s*(?:\d{1,2}\s*[.)]\s*|[-–+]\s*)?(?:luat|bo\s+luat|nghi\s+dinh|nghi\s+quyet|thong\s+tu|quyet\s+dinh"
    r"|phap\s+lenh|lenh|chi\s+thi|hien\s+phap)\b"
)
_OFFICE = re.compile(r"^(?:(?:Bộ trưởng|Thống đốc|Tổng Kiểm toán|Chánh án|Viện trưởng|Tổng Thanh tra|Chủ tịch)\s+)+(?=\S)",
                     re.IGNORECASE)


@dataclass
class Consolidated:
    """One document a consolidated text is made from."""

    role: str  # "original" or "amending"
    number: str | None
    type: str | None
    date: str | None  # issue date, ISO
    issuer: str | None
    effective_date: str | None  # as the preamble states it
    surface: str  # the entry as written (whitespace folded)

    def to_json(self) -> dict:
        return dict(self.__dict__)


def parse_preamble(text: str) -> list[Consolidated]:
    """The original and the amending documents named in a consolidated text's preamble.

    The preamble paragraph is read first; when the page lost it (or it names no
    amender), the footnote "Văn bản này được hợp nhất từ 03 Thông tư sau: - … - …"
    gives the same list.  Empty when the text has neither (not a consolidated
    text, or its top was lost).
    """
    head = text[:_WINDOW]
    folded = fold(head)
    note = _FOOTNOTE.search(folded)
    found: list[Consolidated] = []
    marker = _AMENDED_BY.search(folded, 0, note.start() if note else len(folded))
    if marker:
        start = _entry_start_before(folded, marker.start())
        if start is not None:
            entries = [(start, marker.start(), "original")] + _entries(folded, marker.end(), "amending")
            found = [e for e in (_entry(head[a:b], role) for a, b, role in entries) if e is not None]
    if len(found) < 2 and note:
        listed = _entries(folded, note.end(), "original")
        items = [e for e in (_entry(head[a:b], "amending") for a, b, _ in listed) if e is not None]
        if len(items) >= 2:
            items[0].role = "original"
            found = items
    if not found or found[0].role != "original":
        return []
    return found


# "1 Văn bản này được hợp nhất từ 03 Thông tư sau:" — a footnote listing the same documents.
_FOOTNOTE = re.compile(r"van\s+ban\s+nay\s+duoc\s+hop\s+nhat\s+tu\b[^\n:]{0,80}:")


def _entries(folded: str, pos: int, role: str) -> list[tuple[int, int, str]]:
    """Entries from ``pos``: each starts with a document's type and ends with its effective date."""
    out = []
    while True:
        m = _EFFECTIVE.search(folded, pos, min(len(folded), pos + 3000))
        if not m:
            break
        first_line = folded[pos:m.start()].lstrip(" \t\n:;.,")
        if not _ENTRY_START.match(first_line):
            break  # "Căn cứ …": the list is over
        out.append((pos, m.end(), role))
        pos = m.end()
    return out


def _entry_start_before(folded: str, end: int) -> int | None:
    """Where the original's entry begins: the last line before ``end`` that starts with a type."""
    line_start = folded.rfind("\n", 0, end) + 1
    for _ in range(15):
        if _ENTRY_START.match(folded[line_start:end]):
            return line_start
        if line_start == 0:
            return None
        line_start = folded.rfind("\n", 0, line_start - 1) + 1
    return None


def _entry(raw: str, role: str) -> Consolidated | None:
    from kb.citations import get_citations

    surface = " ".join(raw.split()).strip(" :;,.")
    surface = re.sub(r"^(?:\d{1,2}\s*[.)]|[-–+])\s*", "", surface)
    cites = [c for c in get_citations(surface) if c.number]
    if not cites:
        return None
    first = cites[0]
    eff = None
    for m in _EFFECTIVE.finditer(fold(surface)):
        d, mo, y = (int(g) for g in m.groups())
        if 1 <= d <= 31 and 1 <= mo <= 12:
            eff = f"{y:04d}-{mo:02d}-{d:02d}"
    issuer = _OFFICE.sub("", first.issuer).strip() if first.issuer else None
    return Consolidated(role=role, number=first.number, type=first.type, date=first.date,
                        issuer=issuer or None, effective_date=eff, surface=surface)
