"""Hard-wrapped lines back into paragraphs, for reading.

Gazette and PDF text breaks lines at the page's width ("Điều 1. Công\nbố kèm theo …"). A
line joins the previous one unless something real starts there: a blank line before it, a
heading (Phần, Chương, Mục, Điều, Phụ lục), a khoản ("2."), an điểm ("b)"), a list item
("-", "+", "•", "1.1."), a table row ("|"), a line in capitals after one that is not, or
a new sentence after a line that ended one ("… thi hành.\nĐiều …"). Offsets are kept, so
citation links found on the source text still fit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_NOISE = re.compile(r"[*_\\`#>]+")
_BREAK = re.compile(
    r"^(?:(?:PHẦN|Phần|CHƯƠNG|Chương|MỤC|Mục|TIỂU MỤC|Tiểu mục)\s+\S+"
    r"|(?:ĐIỀU|Điều)\s+[0-9]+[a-zđ]?\s*(?:[.:]|$)"
    r"|(?:PHỤ LỤC|Phụ lục)\b"
    r"|[0-9]{1,3}(?:\.[0-9]{1,3})*\s*[.)]\s"
    r"|[a-zđ]\)\s?"
    r"|[-+•–—·▪●◦]\s"
    r"|\(?[0-9]{1,3}\)\s"
    r"|(?:Nơi nhận|NƠI NHẬN)\s*:"
    r"|(?:TM\.|KT\.|Q\.|TL\.|TUQ\.)\s"
    r")"
)
_ENDS_SENTENCE = re.compile(r"[.;:!?…”\"]\s*$")


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int      # after the last character of the paragraph's last line
    table: bool = False  # a table row


def _clean(line: str) -> str:
    return _NOISE.sub("", line).strip()


def _capitals(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def paragraphs(text: str, start: int = 0, end: int | None = None, breaks: set[int] | frozenset = frozenset()) -> list[Paragraph]:
    """The paragraphs of ``text[start:end]``; ``breaks`` are offsets where one must begin
    (the starts of parsed units)."""
    end = len(text) if end is None else end
    out: list[Paragraph] = []
    cur_start = cur_end = None
    prev = ""
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        raw = text[pos:line_end]
        clean = _clean(raw)
        if not clean:
            if cur_start is not None:
                out.append(Paragraph(cur_start, cur_end))
                cur_start = None
            prev = ""
        elif raw.lstrip().startswith("|"):
            if cur_start is not None:
                out.append(Paragraph(cur_start, cur_end))
                cur_start = None
            out.append(Paragraph(pos, line_end, table=True))
            prev = ""
        else:
            new = (
                cur_start is None
                or pos in breaks
                or bool(_BREAK.match(clean))
                or _capitals(clean) != _capitals(prev)
                or (_ENDS_SENTENCE.search(prev) is not None and clean[:1].isupper())
            )
            if new:
                if cur_start is not None:
                    out.append(Paragraph(cur_start, cur_end))
                cur_start = pos + (len(raw) - len(raw.lstrip()))
            cur_end = line_end
            prev = clean
        pos = line_end + 1
    if cur_start is not None:
        out.append(Paragraph(cur_start, cur_end))
    return out


def reflow(text: str) -> str:
    """The text with hard wraps joined: one paragraph a line, blank lines between."""
    return "\n\n".join(" ".join(text[p.start:p.end].split()) for p in paragraphs(text))
