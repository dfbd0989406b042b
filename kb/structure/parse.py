"""Finding the units of a text.

A first, simple parser: Chương and Điều headings at the start of a line. The structure work
(issue 10) replaces it with the full one (Phần … Điểm, Phụ lục, quoted amending text, hard
wraps); bump ``PARSER_VERSION`` whenever the output changes so stored units are rebuilt.
"""
from __future__ import annotations

import re

from kb.model import Unit
from kb.structure.anchors import anchor_for

PARSER_VERSION = 1

_HEADING = re.compile(
    r"^[ \t*#]*(?P<kind>Chương|CHƯƠNG|Điều|ĐIỀU)[ \t*]+(?P<number>[0-9]+[a-zđ]?|[IVXLC]+)\b[ \t*.:]*(?P<title>[^\n]*)",
    re.M,
)


def parse_units(text: str | None) -> list[Unit]:
    """Chương and Điều units of ``text`` in document order, each spanning to the next heading."""
    if not text:
        return []
    found: list[tuple[str, str, str, int]] = []
    seen: set[str] = set()
    for m in _HEADING.finditer(text):
        kind = "chuong" if m.group("kind").lower() == "chương" else "dieu"
        number = m.group("number")
        anchor = anchor_for([(kind, number)])
        if anchor in seen:  # a quoted or attached text repeating a number: keep the first
            continue
        seen.add(anchor)
        found.append((kind, number, m.group("title").strip(" *") or None, m.start()))
    units: list[Unit] = []
    chapter: Unit | None = None
    for i, (kind, number, title, start) in enumerate(found):
        end = len(text)
        for later in found[i + 1:]:
            if kind == "dieu" or later[0] == "chuong":
                end = later[3]
                break
        unit = Unit(kind=kind, number=number, anchor=anchor_for([(kind, number)]), title=title,
                    start=start, end=end, parent=chapter.anchor if chapter and kind == "dieu" else None)
        if kind == "chuong":
            chapter = unit
        units.append(unit)
    return units
