"""Gazette furniture out of a document's text extracted from a Công báo PDF.

Text taken out of a gazette PDF carries what the gazette prints around the
document, page after page:

* the running head "CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025" and the page number
  (on its own line before or after the head, or on the same line);
* since 2026, the document's gazette id under the page number ("469546");
* the digital-signature stamp, a block of labelled lines
  ("Người ký: Cổng Thông tin điện tử Chính phủ / Email: … / Cơ quan: … /
  Thời gian ký: 08.07.2025 14:58:33 +07:00", or "Ký bởi: … / Cơ quan: … /
  Ngày ký: 2026-03-04 15:36:59 +07:00");
* on the first page, the gazette's section heads ("VĂN BẢN QUY PHẠM PHÁP LUẬT"
  and the issuer as a section, "VĂN BẢN HỢP NHẤT - BỘ KẾ HOẠCH VÀ ĐẦU TƯ").

:func:`strip_gazette` removes exactly those lines (a page break in the middle of
a sentence becomes a plain line break) and keeps every other line as it is, so
offsets computed on the result are offsets into the stored text.  What it
removed is counted and the issue's facts (number, date, pages) are returned.
:func:`furniture_left` is the check used by tests and the benchmark.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["GazetteText", "strip_gazette", "furniture_left", "is_gazette_text"]

# "CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025", with the page number on the same line at either end.
_HEAD = re.compile(
    r"^\s*(?:(?P<pre>\d{1,4})\s+)?C?ÔNG\s+BÁO\s*/\s*Số\s*(?P<issue>\d{1,5}(?:\s*\+\s*\d{1,5})*)\s*/\s*"
    r"Ngày\s*(?P<d>\d{1,2})\s*-\s*(?P<m>\d{1,2})\s*-\s*(?P<y>(?:19|20)\d\d)\s*(?:(?P<post>\d{1,4})\s*)?$"
)
_DIGITS = re.compile(r"^\s*(\d{1,7})\s*$")
# The signature stamp: it starts with who signed and ends with when.
_STAMP_START = re.compile(r"^\s*(?:Người\s+ký|Ký\s+bởi)\s*:\s*\S")
_STAMP_LABEL = re.compile(r"^\s*(?:Người\s+ký|Ký\s+bởi|Email|Cơ\s+quan|Chức\s+vụ|Thời\s+gian\s+ký|Ngày\s+ký)\s*:")
_STAMP_TIME = re.compile(
    r"^\s*(?:Thời\s+gian\s+ký|Ngày\s+ký)\s*:\s*\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\s+\d{1,2}:\d{2}(?::\d{2})?"
)
# The gazette's own section heads on a document's first page.
_SECTION = re.compile(
    r"^\s*(?:VĂN\s+BẢN\s+QUY\s+PHẠM\s+PHÁP\s+LUẬT|VĂN\s+BẢN\s+PHÁP\s+LUẬT\s+KHÁC|VĂN\s+BẢN\s+KHÁC"
    r"|VĂN\s+BẢN\s+HỢP\s+NHẤT\s*[-–—]\s*\S.*)\s*$"
)
# "(Xem tiếp Công báo số 331 + 332)" / "(Tiếp theo Công báo số 201 + 202)": the document runs
# over into another issue; the text here is only part of it.
_CONTINUED = re.compile(r"^\s*\(\s*(?P<dir>Xem\s+tiếp(?:\s+theo)?|Tiếp\s+theo)\s+Công\s+báo\s+(?:số\s*)?(?P<issue>\d[\d\s+]*?)\s*\)\s*$")
# A symbol font's check box exported as the control code U+0085 (next line): shown as a box.
_CHECKBOX = "\u0085"


@dataclass
class GazetteText:
    """A gazette text without its furniture, and what the furniture said."""

    text: str
    issue: str | None = None  # "851 + 852"
    issue_date: str | None = None  # ISO date of the gazette issue
    pages: list[int] = field(default_factory=list)  # gazette page numbers seen, in order
    gazette_id: str | None = None  # the id printed under the page number (2026 layout)
    stamps: list[str] = field(default_factory=list)  # signature-stamp times, as written
    continued_in: str | None = None  # "(Xem tiếp Công báo số …)": the rest is in that issue
    continued_from: str | None = None  # "(Tiếp theo Công báo số …)": the start is in that issue
    removed_lines: int = 0

    @property
    def first_page(self) -> int | None:
        return self.pages[0] if self.pages else None

    @property
    def last_page(self) -> int | None:
        return self.pages[-1] if self.pages else None


def is_gazette_text(text: str) -> bool:
    """Does this text carry the gazette's running head (at least once near the top)?"""
    return any(_HEAD.match(line) for line in text[:3000].split("\n"))


def strip_gazette(text: str, gazette_id: str | None = None) -> GazetteText:
    """Remove the gazette furniture from ``text`` (see the module's docstring).

    ``gazette_id``: the document's id on congbao.chinhphu.vn when known (the
    crawler's slug ends with it); a bare line with that number under a page head
    is furniture even when it appears only once.
    """
    lines = text.replace(_CHECKBOX, "☐").split("\n")
    drop = [False] * len(lines)
    out = GazetteText(text="")
    heads = [i for i, line in enumerate(lines) if _HEAD.match(line)]
    _pages(lines, heads, drop, out)
    _gazette_ids(lines, heads, drop, out, gazette_id)
    _stamps(lines, drop, out)
    for i, line in enumerate(lines):
        m = _CONTINUED.match(line)
        if m:
            drop[i] = True
            issue = re.sub(r"\s*\+\s*", " + ", m.group("issue").strip())
            if fold_first(m.group("dir")) == "x":
                out.continued_in = issue
            else:
                out.continued_from = issue
    _sections(lines, drop)
    _blank_edges(lines, drop)
    kept = [line for line, gone in zip(lines, drop) if not gone]
    out.removed_lines = sum(drop)
    out.text = "\n".join(kept).strip("\n")
    return out


def fold_first(word: str) -> str:
    return word.strip()[:1].lower()


def _next_filled(lines: list[str], i: int, step: int) -> int | None:
    j = i + step
    while 0 <= j < len(lines) and not lines[j].strip():
        j += step
    return j if 0 <= j < len(lines) else None


def _pages(lines, heads, drop, out: GazetteText) -> None:
    """Mark each running head and its page number; the page numbers follow each other."""
    candidates = []  # per head: [(line index or None, page)]
    for i in heads:
        m = _HEAD.match(lines[i])
        if out.issue is None:
            out.issue = re.sub(r"\s*\+\s*", " + ", m.group("issue"))
            d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
            if 1 <= d <= 31 and 1 <= mo <= 12:
                out.issue_date = f"{y:04d}-{mo:02d}-{d:02d}"
        own = m.group("pre") or m.group("post")
        if own:
            candidates.append([(None, int(own))])
            continue
        found = []
        for step in (-1, 1):
            j = _next_filled(lines, i, step)
            if j is not None and j not in heads:
                dm = _DIGITS.match(lines[j])
                if dm and len(dm.group(1)) <= 4:
                    found.append((j, int(dm.group(1))))
        candidates.append(found)
    previous = None
    for k, i in enumerate(heads):
        drop[i] = True
        found = candidates[k]
        if not found:
            continue
        choice = None
        if len(found) == 1:
            # A lone number that does not continue the pages is the text's (a table cell).
            if previous is None or found[0][1] in (previous, previous + 1):
                choice = found[0]
            else:
                previous += 1
                continue
        else:
            later = {p for c in candidates[k + 1:k + 2] for _, p in c}
            for cand in found:  # the page that continues the previous one or leads to the next
                if (previous is not None and cand[1] == previous + 1) or cand[1] + 1 in later:
                    choice = cand
                    break
            if choice is None:
                choice = found[-1] if previous is None else min(found, key=lambda c: abs(c[1] - previous - 1))
        if choice[0] is not None:
            drop[choice[0]] = True
        previous = choice[1]
        out.pages.append(choice[1])


def _gazette_ids(lines, heads, drop, out: GazetteText, known: str | None) -> None:
    """The 2026 layout prints the document's gazette id under the page number on every page."""
    seen: dict[str, list[int]] = {}
    for i in heads:
        j = i
        for _ in range(2):  # after the head, and after the page number when it follows the head
            j = _next_filled(lines, j, 1)
            if j is None:
                break
            m = _DIGITS.match(lines[j])
            if not m:
                break
            if len(m.group(1)) >= 5:
                seen.setdefault(m.group(1), []).append(j)
                break
    for value, where in seen.items():
        if value == known or len(where) >= 2:
            out.gazette_id = out.gazette_id or value
            for j in where:
                drop[j] = True


def _stamps(lines, drop, out: GazetteText) -> None:
    """Signature stamps: labelled lines from "Người ký:"/"Ký bởi:" to the signing time."""
    i = 0
    n = len(lines)
    while i < n:
        if not _STAMP_START.match(lines[i]):
            i += 1
            continue
        j = i + 1
        end = None
        while j < n and j <= i + 8:
            line = lines[j]
            if _STAMP_TIME.match(line):
                end = j
                break
            if _STAMP_LABEL.match(line):
                j += 1
                continue
            # "Người ký: Cổng Thông tin điện tử Chính" / "phủ": the name wrapped once.
            if j == i + 1 and 0 < len(line.split()) <= 3 and not line.rstrip().endswith((".", ";", ":")):
                j += 1
                continue
            break
        if end is None:
            i += 1
            continue
        for k in range(i, end + 1):
            drop[k] = True
        out.stamps.append(lines[end].split(":", 1)[1].strip())
        i = end + 1


def _sections(lines, drop) -> None:
    """The gazette's section heads before the document's own header on the first page.

    "VĂN BẢN QUY PHẠM PHÁP LUẬT", "VĂN BẢN HỢP NHẤT - BỘ …" (wrapped or not), and the
    issuer as the gazette's section: "BỘ KẾ HOẠCH VÀ ĐẦU TƯ / BỘ KẾ HOẠCH VÀ ĐẦU TƯ" — the
    first copy is the gazette's, the second (perhaps wrapped over two lines) the header's.
    """
    filled = [i for i in range(len(lines)) if not drop[i] and lines[i].strip()][:10]
    for pos, i in enumerate(filled):
        line = lines[i]
        if re.search(r"(?i)cộng\s+hòa|cộng\s+hoà|^\s*(?:luật\s+)?số\s*:", line):
            return  # the document's own header has begun
        if _SECTION.match(line) or re.match(r"^\s*VĂN\s+BẢN\s+HỢP\s+NHẤT\s*[-–—]\s*$", line):
            drop[i] = True
            if re.match(r"^\s*VĂN\s+BẢN\s+HỢP\s+NHẤT", line):
                # A consolidated text has no issuer on top: capitals before the motto
                # are the section's name wrapped ("… THƯƠNG BINH / VÀ XÃ HỘI").
                for j in filled[pos + 1: pos + 3]:
                    if not _is_caps(lines[j]) or re.search(r"CỘNG\s+HÒA|CỘNG\s+HOÀ", lines[j]):
                        break
                    drop[j] = True
                return
            continue
        if (_DIGITS.match(line) and len(line.strip()) <= 4) or len(line.strip()) == 1:
            drop[i] = True  # the page number printed twice, or a stray glyph, above the header
            continue
        if not _is_caps(line):
            return
        # The issuer twice, each copy wrapped its own way: drop the lines of the first copy.
        block = []
        for j in filled[pos:]:
            if not _is_caps(lines[j]) or re.search(r"CỘNG\s+H(?:ÒA|OÀ)|^\s*SỐ\s*:", lines[j]):
                break
            block.append(j)
        words = [w for j in block for w in lines[j].split()]
        half = len(words) // 2
        if half and len(words) % 2 == 0 and words[:half] == words[half:]:
            count = 0
            for j in block:
                if count >= half:
                    break
                count += len(lines[j].split())
                drop[j] = True
            if count != half:  # the copies do not split on a line: keep everything
                for j in block:
                    drop[j] = False
        return


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _blank_edges(lines, drop) -> None:
    """Blank lines around removed furniture go too: a page break is one line break."""
    n = len(lines)
    i = 0
    while i < n:
        if not drop[i]:
            i += 1
            continue
        j = i
        while j < n and (drop[j] or not lines[j].strip()):
            j += 1
        k = i - 1
        while k >= 0 and not drop[k] and not lines[k].strip():
            k -= 1
        for x in range(k + 1, j):
            drop[x] = True
        i = j


# --- the check --------------------------------------------------------------------------
_LEFT = re.compile(
    r"C?ÔNG\s+BÁO\s*/\s*Số\s*\d+[\d\s+]*/\s*Ngày\s*\d"  # a running head, anywhere in a line
    r"|^\s*(?:Người\s+ký|Ký\s+bởi)\s*:\s*(?:Cổng|CỔNG|CÔNG\s+BÁO)"  # the stamp's signer
    r"|^\s*(?:Thời\s+gian\s+ký|Ngày\s+ký)\s*:\s*\d"  # the stamp's time
    r"|thongtinchinhphu@chinhphu\.vn"
    r"|^\s*\(\s*(?:Xem\s+tiếp|Tiếp\s+theo)(?:\s+theo)?\s+Công\s+báo",
    re.MULTILINE,
)


def furniture_left(text: str) -> list[str]:
    """Lines of ``text`` that still look like gazette furniture (empty when clean)."""
    found = []
    for m in _LEFT.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        found.append(text[start: end if end >= 0 else len(text)].strip())
    return found
