"""References into the same document: "khoản 2 Điều này", "Điều 5 của Luật này",
"điểm a khoản 1 Điều 3 Quyết định này".

``internal_refs(text)`` finds them with the units they name; the document page turns them
into links to ``#dieu-5-khoan-2`` when the unit exists. "Điều này" alone (the article the
words stand in) names nothing new and is left alone.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# What "… này" can stand for: the document itself, an attached text, or the article.
SELF_WORDS = (
    "Bộ luật", "Luật", "Pháp lệnh", "Nghị định", "Nghị quyết", "Quyết định", "Thông tư liên tịch",
    "Thông tư", "Chỉ thị", "Kế hoạch", "Hướng dẫn", "Quy định", "Quy chế", "Điều lệ", "Quy trình",
    "Văn bản", "Chương trình", "Đề án", "Công văn", "Thông báo", "Điều",
)
# Words naming a text attached to a decision: inside one, "… này" means that text.
ATTACHED_WORDS = {"quy định", "quy chế", "điều lệ", "quy trình", "hướng dẫn", "chương trình", "đề án", "điều"}

_WORDS = "|".join(re.escape(w) for w in sorted(SELF_WORDS, key=len, reverse=True))
_REF = re.compile(
    r"(?<![\wÀ-ỹ])"
    r"(?:(?:điểm|Điểm)\s+(?P<diem>[a-zđ])\s+(?:của\s+)?)?"
    r"(?:(?:khoản|Khoản)\s+(?P<khoan>[0-9]{1,3})\s+(?:của\s+)?)?"
    r"(?:(?:Điều|điều)\s+(?P<dieu>[0-9]{1,4}[a-zđ]?)\s+(?:của\s+)?)?"
    rf"(?P<this>(?:{_WORDS}))\s+này(?![\wÀ-ỹ])"
)


@dataclass
class InternalRef:
    start: int
    end: int
    pinpoint: dict = field(default_factory=dict)  # {"dieu": "5", "khoan": "2"}; no "dieu" → the article around it
    word: str = ""  # what "… này" stands for, lower case ("luật", "điều", "quy định")

    @property
    def relative(self) -> bool:
        """Names a khoản/điểm of the article the reference stands in ("khoản 2 Điều này")."""
        return "dieu" not in self.pinpoint


_NUM = r"[0-9]{1,4}[a-zđ]?"
_SEP = r"\s*(?:,|và|hoặc)\s*"
# Lists: "khoản 1, 2 và 3 Điều này", "khoản 1 và khoản 4 Điều 5 Luật này", "các Điều 4, 5 và 6 của Luật này".
_KHOAN_LIST = re.compile(
    rf"(?<![\wÀ-ỹ])(?:các\s+)?(?:khoản|Khoản)\s+(?P<items>{_NUM}(?:{_SEP}(?:khoản\s+)?{_NUM})+)\s+(?:của\s+)?"
    rf"(?:(?:Điều|điều)\s+(?P<dieu>{_NUM})\s+(?:của\s+)?(?P<this>(?:{_WORDS}))|(?P<self>Điều|điều))\s+này(?![\wÀ-ỹ])"
)
_DIEU_LIST = re.compile(
    rf"(?<![\wÀ-ỹ])(?:các\s+)?(?:Điều|điều)\s+(?P<items>{_NUM}(?:{_SEP}(?:Điều\s+)?{_NUM})+)\s+(?:của\s+)?"
    rf"(?P<this>(?:{_WORDS}))\s+này(?![\wÀ-ỹ])"
)
_ITEM = re.compile(rf"(?:(?:khoản|Khoản|Điều|điều)\s+)?{_NUM}")


def _list_refs(text: str) -> list[InternalRef]:
    """One reference per item of a list, each over its own words ("khoản 1", "2")."""
    out: list[InternalRef] = []
    for m in _KHOAN_LIST.finditer(text):
        dieu = m.group("dieu")
        word = "điều" if m.group("self") else m.group("this").lower()
        if dieu and word == "điều":
            continue  # "khoản 1, 2 Điều 5 Điều này" is no form
        for item in _ITEM.finditer(text, m.start("items"), m.end("items")):
            number = re.search(_NUM + "$", item.group()).group()
            pin = {"khoan": number, **({"dieu": dieu} if dieu else {})}
            start = m.start() if item.start() == m.start("items") else item.start()
            out.append(InternalRef(start, item.end(), pin, word))
    for m in _DIEU_LIST.finditer(text):
        word = m.group("this").lower()
        if word == "điều":
            continue
        for item in _ITEM.finditer(text, m.start("items"), m.end("items")):
            number = re.search(_NUM + "$", item.group()).group()
            start = m.start() if item.start() == m.start("items") else item.start()
            out.append(InternalRef(start, item.end(), {"dieu": number}, word))
    return out


def internal_refs(text: str) -> list[InternalRef]:
    out: list[InternalRef] = _list_refs(text or "")
    taken = sorted((r.start, r.end) for r in out)
    starts = [a for a, _ in taken]
    for m in _REF.finditer(text or ""):
        word = m.group("this").lower()
        pin = {k: m.group(k) for k in ("dieu", "khoan", "diem") if m.group(k)}
        if word == "điều":
            if "dieu" in pin or not pin:
                continue  # "Điều 5 Điều này" is no form; "Điều này" alone names the article itself
        elif "dieu" not in pin:
            continue  # "khoản 2 Luật này" does not say which article
        start = m.start()
        k = bisect.bisect_left(starts, m.end())  # list items starting before this match ends
        if k and taken[k - 1][1] > start:
            continue  # the last item of a list, already read with the list
        out.append(InternalRef(start, m.end(), pin, word))
    return sorted(out, key=lambda r: r.start)
