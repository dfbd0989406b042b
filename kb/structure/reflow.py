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
    r"^[“\"‘]?(?:(?:PHẦN|Phần|CHƯƠNG|Chương|MỤC|Mục|TIỂU MỤC|Tiểu mục)\s+\S+"
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
# Gazette furniture between pages: the running head, the page number, the signature stamp.
_FURNITURE = re.compile(
    r"^(?:CÔNG BÁO\s*/\s*Số\b.*|Ký bởi:\s*CÔNG BÁO.*|Cơ quan:\s*VĂN PHÒNG CHÍNH PHỦ\s*|Ngày ký:\s*\d{4}-\d\d-\d\d.*)$"
)
_PAGE_NUMBER = re.compile(r"^[0-9]{1,4}$")


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int      # after the last character of the paragraph's last line
    table: bool = False  # a table row
    # The stretches of text that make the paragraph when a page break (gazette furniture)
    # falls inside it; None when it is the one stretch [start, end).
    pieces: tuple[tuple[int, int], ...] | None = None

    def spans(self) -> tuple[tuple[int, int], ...]:
        return self.pieces or ((self.start, self.end),)


def _clean(line: str) -> str:
    return _NOISE.sub("", line).strip()


def _capitals(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def paragraphs(text: str, start: int = 0, end: int | None = None, breaks: set[int] | frozenset = frozenset()) -> list[Paragraph]:
    """The paragraphs of ``text[start:end]``; ``breaks`` are offsets where one must begin
    (the starts of parsed units). Gazette furniture is left out; a sentence cut by a page
    break ("… từ ngày\n\nCÔNG BÁO/Số 342\n55\n\nký …") is one paragraph again."""
    end = len(text) if end is None else end
    out: list[Paragraph] = []
    pieces: list[list[int]] = []   # the open paragraph's [start, end] stretches
    prev = ""
    blank_before = False   # a blank line since the last content line
    furniture_before = False
    after_furniture = 0    # lines since a gazette running head (its page number follows)

    def close():
        if pieces:
            spans = tuple((a, b) for a, b in pieces)
            out.append(Paragraph(spans[0][0], spans[-1][1], pieces=spans if len(spans) > 1 else None))
            pieces.clear()

    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        raw = text[pos:line_end]
        clean = _clean(raw)
        after_furniture += 1
        if not clean:
            blank_before = True
        elif _FURNITURE.match(clean) or (after_furniture <= 3 and _PAGE_NUMBER.match(clean)):
            if clean.startswith("CÔNG BÁO") or clean.startswith("Ký bởi"):
                after_furniture = 0
            furniture_before = True
        elif raw.lstrip().startswith("|"):
            close()
            out.append(Paragraph(pos, line_end, table=True))
            prev, blank_before, furniture_before = "", False, False
        else:
            forced = pos in breaks or pos + (len(raw) - len(raw.lstrip())) in breaks
            structural = forced or bool(_BREAK.match(clean))
            # A page break (furniture) in mid-sentence: the sentence goes on.
            continues = (furniture_before and pieces and not structural
                         and not _ENDS_SENTENCE.search(prev) and clean[:1].islower())
            new = (
                not pieces
                or structural
                or (blank_before and not continues)
                or _capitals(clean) != _capitals(prev)
                or (_ENDS_SENTENCE.search(prev) is not None and clean[:1].isupper())
            )
            first = pos + (len(raw) - len(raw.lstrip()))
            if new:
                close()
                pieces.append([first, line_end])
            elif blank_before or furniture_before:
                pieces.append([first, line_end])
            else:
                pieces[-1][1] = line_end
            prev, blank_before, furniture_before = clean, False, False
        pos = line_end + 1
    close()
    return out


def text_of(text: str, p: Paragraph) -> str:
    """A paragraph's words on one line."""
    return " ".join(" ".join(text[a:b].split()) for a, b in p.spans())


def reflow(text: str) -> str:
    """The text with hard wraps joined: one paragraph a line, blank lines between."""
    return "\n\n".join(text_of(text, p) for p in paragraphs(text))
