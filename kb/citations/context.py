"""The document around the citations: its own number, and text that is not the document's.

* The number under "Số:" / "Số hiệu:" at the head of a document is its own;
  every mention of it is marked ``self`` (not a citation of another document).
* Legal web sites wrap a document in furniture: a title line restating the
  document ("Quyết định 81/2025/QĐ-UBND bãi bỏ …"), banners, related-document
  lists, notices that cite laws of their own.  Citations there are the site's,
  so they are dropped.  The rules are about the page's shape, not about a file.
"""
from __future__ import annotations

import re

from kb.citations.find import Found
from kb.citations.regexes import OWN_NUMBER_SCAN_CHARS
from kb.furniture import SITE_NAME_LITERALS, SITE_NAME_RE, footer_start
from kb.identity import number_key

_HEADER_DATE_RE = re.compile(
    r"(?i)ngày\s{0,3}\d{1,2}\s{1,3}tháng\s{1,3}\d{1,2}\s{1,3}năm\s{1,3}((?:19|20)\d\d)"
    r"|ngày\s{0,3}\d{1,2}\s{0,2}[/.-]\s{0,2}\d{1,2}\s{0,2}[/.-]\s{0,2}((?:19|20)\d\d)"
)
_LINE_START_MARKUP = re.compile(r"[\s#*|>_\-]*\Z")


def mark_self(found: list[Found], text: str = "") -> set[str]:
    """Mark mentions of the document's own number; return the own numbers' keys.

    A number without a year recurs every year ("12/KH-UBND"): a mention dated
    in another year than the document's own date is another document.
    """
    heads = [f for f in found if f.own_header and f.start < OWN_NUMBER_SCAN_CHARS]
    own = {number_key(f.number) for f in heads}
    if not own:
        return own
    own_year = _own_year(text, heads)
    for f in found:
        if f.number and number_key(f.number) in own:
            if f.own_header or own_year is None or f.year is None or f.year == own_year:
                f.self = True
    return own


def _own_year(text: str, heads: list[Found]) -> int | None:
    """The year of the place-and-date line under the document's "Số:" ("Hà Nội, ngày … năm 2025")."""
    for head in heads:
        if head.own_header != "header":
            continue
        match = _HEADER_DATE_RE.search(text, head.end, head.end + 300)
        if match:
            return int(match.group(1) or match.group(2))
    return None


def site_regions(text: str, found: list[Found]) -> list[tuple[int, int]]:
    """Spans of ``text`` that are a web site's furniture, in order."""
    regions: list[tuple[int, int]] = []
    tail_start = footer_start(text)
    head = [f for f in found if f.own_header and f.start < OWN_NUMBER_SCAN_CHARS]
    official = [f for f in head if f.own_header == "header"]
    metadata = [f for f in head if f.own_header == "metadata"]
    header = official[-1].start if official else (metadata[0].start if metadata else None)
    if metadata and official and metadata[0].end < official[-1].start:
        # Between the site's metadata table and the document's own header: the site's summary.
        regions.append((metadata[0].end, _line_start(text, official[-1].start)))
    for f in found:
        # A line that opens with the document's own number without "số" is a
        # site's page title restating the document, not the document's text;
        # after the document's header it ends the document: what follows
        # (translation, related documents, notices) is the site's too.
        if f.self and not f.has_so and f.start < tail_start:
            line_start = _line_start(text, f.start)
            if _LINE_START_MARKUP.match(text, line_start, f.start):
                if header is not None and line_start > header:
                    tail_start = line_start
                    break
                regions.append(_line_span(text, f.start))
    if header is not None and any(literal in text for literal in SITE_NAME_LITERALS):
        # Banner lines naming the site, on a page that holds a document.
        for match in SITE_NAME_RE.finditer(text, 0, tail_start):
            regions.append(_line_span(text, match.start()))
    if tail_start < len(text):
        regions.append((tail_start, len(text)))
    regions.sort()
    return regions


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _line_span(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end == -1 else end


def drop_site_text(found: list[Found], regions: list[tuple[int, int]]) -> list[Found]:
    """Citations outside the site's furniture (the document's own number is kept, marked)."""
    if not regions:
        return found
    merged: list[list[int]] = []
    for start, end in sorted(regions):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out = []
    k = 0
    for f in found:
        while k < len(merged) and merged[k][1] <= f.start:
            k += 1
        inside = k < len(merged) and merged[k][0] <= f.start
        if inside and not f.self:
            continue
        out.append(f)
    return out
