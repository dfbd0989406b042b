"""Highlighted snippets without re-tokenizing: accent folding keeps offsets.

``kb.text.fold`` maps each character of NFC text to exactly one character, so
a match found in the folded copy of the stored text sits at the same offsets
in the text itself.  Finding the query's syllables there is one regular
expression over a prefix of the text — no pyvi per hit.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from kb.text import fold

WIDTH = 240
_SCAN_STEPS = (20_000, 200_000, None)  # look further only when nothing matched yet


@dataclass
class Snippet:
    text: str
    html: str


def _pattern(terms: list[str]) -> re.Pattern | None:
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, terms)) + r")(?!\w)")


def make_snippet(body: str, folded_terms: list[str], width: int = WIDTH) -> Snippet:
    """A window of ``body`` around the densest cluster of ``folded_terms``."""
    body = body or ""
    pattern = _pattern(folded_terms)
    matches: list[tuple[int, int, str]] = []
    if pattern is not None:
        for limit in _SCAN_STEPS:
            part = body if limit is None else body[:limit]
            folded = fold(part)
            if len(folded) != len(part):  # never expected on NFC text; stay safe
                break
            matches = []
            for m in pattern.finditer(folded):
                matches.append((m.start(), m.end(), m.group()))
                if len(matches) >= 400:
                    break
            if matches or limit is None or limit >= len(body):
                break
    if not matches:
        start = 0
        end = min(len(body), width)
        return _render(body, start, end, [])
    # Window with the most distinct terms (then the most matches), earliest first.
    best = (0, 0, 0)
    j = 0
    for i in range(len(matches)):
        while j < len(matches) and matches[j][1] - matches[i][0] <= width:
            j += 1
        window = matches[i:j]
        score = (len({m[2] for m in window}), len(window))
        if score > best[:2]:
            best = (score[0], score[1], i)
    first = matches[best[2]]
    centre = first[0]
    start = max(0, centre - width // 4)
    # start at a word boundary
    space = body.rfind(" ", max(0, start - 20), start)
    if space != -1 and start > 0:
        start = space + 1
    end = min(len(body), start + width)
    space = body.find(" ", end, min(len(body), end + 20))
    if space != -1:
        end = space
    inside = [(s, e) for s, e, _ in matches if s >= start and e <= end]
    return _render(body, start, end, inside)


def _render(body: str, start: int, end: int, marks: list[tuple[int, int]]) -> Snippet:
    plain_parts = []
    html_parts = []
    pos = start
    for s, e in marks:
        html_parts.append(html.escape(body[pos:s]))
        html_parts.append("<mark>" + html.escape(body[s:e]) + "</mark>")
        pos = e
    html_parts.append(html.escape(body[pos:end]))
    plain = body[start:end]
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(body) else ""
    squash = " ".join
    text = prefix + squash(plain.split()) + suffix
    rendered = "".join(html_parts)
    rendered = re.sub(r"\s+", " ", rendered).strip()
    return Snippet(text=text, html=(html.escape(prefix) + rendered + html.escape(suffix)))
