"""References into the same document: "khoản 2 Điều này", "Điều 5 của Luật này",
"điểm a khoản 1 Điều 3 Quyết định này".

``internal_refs(text)`` finds them with the units they name; the document page turns them
into links to ``#dieu-5-khoan-2`` when the unit exists. "Điều này" alone (the article the
words stand in) names nothing new and is left alone.
"""
from __future__ import annotations

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


def internal_refs(text: str) -> list[InternalRef]:
    out: list[InternalRef] = []
    for m in _REF.finditer(text or ""):
        word = m.group("this").lower()
        pin = {k: m.group(k) for k in ("dieu", "khoan", "diem") if m.group(k)}
        if word == "điều":
            if "dieu" in pin or not pin:
                continue  # "Điều 5 Điều này" is no form; "Điều này" alone names the article itself
        elif "dieu" not in pin:
            continue  # "khoản 2 Luật này" does not say which article
        start = m.start()
        out.append(InternalRef(start, m.end(), pin, word))
    return out
