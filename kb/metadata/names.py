"""Vocabulary of official headers: document types, issuing bodies, how to write them.

Headers are typed in capitals ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"); the store
keeps names as they read in running text ("Ủy ban nhân dân tỉnh Quảng Ngãi").
"""
from __future__ import annotations

import re

from kb import vocabulary
from kb.text import fold

# Type headings (in capitals in the header), in the order to try them, and the
# symbols in the number ("1622/QĐ-UBND") that name the type for documents whose
# heading is missing from the text: both from kb.vocabulary.
TYPE_HEADINGS = vocabulary.TYPE_HEADINGS
TYPE_SYMBOLS = vocabulary.TYPE_BY_SYMBOL


def type_name(heading: str) -> str:
    """``"QUYẾT ĐỊNH"`` → ``"Quyết định"``."""
    words = heading.split()
    return " ".join([words[0].capitalize()] + [w.lower() for w in words[1:]])


# Words that keep their capital inside a name, in folded form → as written.
_PROPER = {
    "chinh phu": "Chính phủ", "quoc hoi": "Quốc hội", "trung uong": "Trung ương",
    "viet nam": "Việt Nam", "nha nuoc": "Nhà nước", "ho chi minh": "Hồ Chí Minh",
    "to quoc": "Tổ quốc", "dang": "Đảng", "thu tuong": "Thủ tướng", "bo chinh tri": "Bộ Chính trị",
}
# Words after which the rest of a name is a place: every word capitalized.
_PLACE_WORDS = re.compile(
    r"\b(tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường|đặc khu)\s+(?!ủy\b|uỷ\b|hội\b)(?=\S)",
    re.IGNORECASE,
)  # not "Tỉnh ủy", "Thành ủy" (party committees) nor "xã hội"
# Heads of bodies whose next word starts a proper name ("Bộ Tài chính", "Sở Nội vụ").
_BODY_HEADS = re.compile(
    r"^(bộ|sở|cục|tổng cục|vụ|ban|văn phòng|thanh tra|chi cục|kho bạc nhà nước|kho bạc|thuế"
    r"|ngân hàng nhà nước|ngân hàng|bảo hiểm xã hội|tòa án nhân dân|viện kiểm sát nhân dân"
    r"|bộ chỉ huy|công an|trung tâm|đài|báo|học viện|trường|bệnh viện|đại học|phòng|ủy ban(?! nhân dân))\s+",
    re.IGNORECASE,
)


# Abbreviations written in headers, expanded for display ("UBND TỈNH X").
_ABBREVIATIONS = [
    (re.compile(rf"\b{re.escape(body.symbol)}\b"), body.name.upper(), body.name)
    for body in vocabulary.LOCAL_ISSUERS
] + [
    (re.compile(rf"\b{re.escape(short)}\.?\s+(?=\w)"), place.upper() + " ", place + " ")
    for short, place in vocabulary.PLACE_ABBREVIATIONS.items()
]
# Party committees named after a place: every word after them is the place's name.
_PARTY_COMMITTEE = re.compile(r"\b(tỉnh ủy|tỉnh uỷ|thành ủy|thành uỷ|huyện ủy|huyện uỷ|quận ủy|quận uỷ)\s+(?=\S)",
                              re.IGNORECASE)


def expand_abbreviations(name: str) -> str:
    """``"UBND TỈNH QUẢNG NGÃI"`` → ``"ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"``."""
    upper = name.isupper()
    for pattern, capitals, running in _ABBREVIATIONS:
        name = pattern.sub(capitals if upper else running, name)
    return name


def display_name(raw: str) -> str:
    """A body's name as written in running text; names already in mixed case stay.

    >>> display_name("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI")
    'Ủy ban nhân dân tỉnh Quảng Ngãi'
    >>> display_name("BỘ TÀI CHÍNH")
    'Bộ Tài chính'
    """
    name = " ".join(raw.split())
    letters = [c for c in name if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return name
    lower = name.lower()
    party = _PARTY_COMMITTEE.search(lower)
    if party:
        head = display_name(lower[: party.start()].upper()) + " " if party.start() else ""
        committee = party.group(1).capitalize()
        place = " ".join(w.capitalize() for w in lower[party.end():].split())
        return f"{head}{committee} {place}".strip()
    # Place names: capitalize every word after "tỉnh", "thành phố" …
    m = _PLACE_WORDS.search(lower)
    if m:
        body, place = lower[: m.start()].strip(), lower[m.end():]
        place = " ".join(w.capitalize() for w in place.split())
        if not body:
            return m.group(1).capitalize() + " " + place
        return display_name(body.upper()) + " " + m.group(1) + " " + place
    words = lower.split()
    out = [words[0].capitalize()] + words[1:]
    text = " ".join(out)
    bh = _BODY_HEADS.match(text)
    if bh and bh.end() < len(text):
        # "Bộ tài chính" → "Bộ Tài chính"; coordinated parts too ("… và Đào tạo").
        rest = text[bh.end():]
        rest = rest[0].upper() + rest[1:]
        rest = re.sub(r"(,\s+|\svà\s)(\w)", lambda k: k.group(1) + k.group(2).upper(), rest)
        text = text[: bh.end()] + rest
    folded = fold(text)
    for key, proper in _PROPER.items():
        for found in re.finditer(r"\b" + re.escape(key) + r"\b", folded):
            text = text[: found.start()] + proper + text[found.end():]
    return text[0].upper() + text[1:]
