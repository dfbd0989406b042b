"""Highlighted snippets without re-tokenizing the text.

The text's first tens of thousands of characters are folded with one
``str.translate`` (accents and case out, one character for one, so offsets
stay those of the stored text) and the query's folded syllables become one
plain regular expression over it (character classes per letter cost ~15 ms to
compile for a long question); the scan stops as soon as a window holds every
term.  No pyvi.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from kb.text import _FOLD_TABLE

# Folding for scanning: _FOLD_TABLE plus ASCII capitals; every value is one character.
_SCAN_TABLE = dict(_FOLD_TABLE)
_SCAN_TABLE.update({ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"})
# The same mapping as a code-point array: str.translate looks each character up in a
# dict (~22 ns a character, a third of an uncached results page); an array lookup over
# the UTF-32 code units is ~6x faster and gives the same string.
_SCAN_LIMIT = max(_SCAN_TABLE) + 1
_SCAN_ARRAY = np.arange(_SCAN_LIMIT, dtype=np.uint32)
for _code, _base in _SCAN_TABLE.items():
    _SCAN_ARRAY[_code] = ord(_base)


def fold_for_scan(text: str) -> str:
    """``text.translate(_SCAN_TABLE)``, faster: accents and case out, one character for one."""
    if text.isascii():
        return text.lower()
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    folded = np.where(codes < _SCAN_LIMIT, _SCAN_ARRAY[np.minimum(codes, _SCAN_LIMIT - 1)], codes)
    return folded.astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass")

WIDTH = 240
MAX_MATCHES = 200
EARLY_STOP = 30_000
FIRST_SCAN = 4_000  # characters folded first (see make_snippet)
MAX_SCAN = 200_000  # characters; past this, the best window found so far is used


@dataclass
class Snippet:
    text: str
    html: str


def _char_classes() -> dict[str, str]:
    members: dict[str, set[str]] = {}
    for code, base in _FOLD_TABLE.items():
        members.setdefault(base, set()).add(chr(code))
    out = {}
    for base, chars in members.items():
        chars = set(chars) | {base, base.upper()}
        out[base] = "[" + "".join(sorted(re.escape(c) for c in chars)) + "]"
    return out


_CLASSES = _char_classes()


def _term_regex(term: str) -> str:
    parts = []
    for c in term:
        cls = _CLASSES.get(c)
        if cls is None:
            cls = "[" + re.escape(c) + re.escape(c.upper()) + "]" if c.isalpha() else re.escape(c)
        parts.append(cls)
    return "".join(parts)


@lru_cache(maxsize=256)
def pattern_for(terms: tuple[str, ...]) -> re.Pattern | None:
    """An accent- and case-insensitive pattern for folded ``terms`` (whole syllables)."""
    terms = tuple(sorted({t for t in terms if t}, key=len, reverse=True))
    if not terms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(_term_regex(t) for t in terms) + r")(?!\w)")


@lru_cache(maxsize=256)
def folded_pattern_for(terms: tuple[str, ...]) -> re.Pattern | None:
    """The pattern of folded ``terms`` (whole syllables) over folded text."""
    terms = tuple(sorted({t for t in terms if t}, key=len, reverse=True))
    if not terms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in terms) + r")(?!\w)")


def _best_window(matches, width):
    """Index of the first match of the window with the most distinct terms, and that count."""
    counts: dict[str, int] = {}
    best_distinct, best_total, best_i = 0, 0, 0
    j = 0
    n = len(matches)
    for i in range(n):
        while j < n and matches[j][1] - matches[i][0] <= width:
            counts[matches[j][2]] = counts.get(matches[j][2], 0) + 1
            j += 1
        distinct, total = len(counts), j - i
        if (distinct, total) > (best_distinct, best_total):
            best_distinct, best_total, best_i = distinct, total, i
        if j > i:
            term = matches[i][2]
            counts[term] -= 1
            if not counts[term]:
                del counts[term]
        else:
            j = i + 1
    return best_i, best_distinct


def _scan(scan: str, pattern, wanted: int, width: int, settled_before: int | None):
    """The matches read from ``scan`` up to the stopping point; with ``settled_before``, None
    unless every term was found in one window ending before it (a prefix that settles it)."""
    matches: list[tuple[int, int, str]] = []
    recent: dict[str, int] = {}  # term → offset of its last match
    for m in pattern.finditer(scan):
        key = m.group().lower()
        matches.append((m.start(), m.end(), key))
        recent[key] = m.start()
        # every term within one window: nothing later can beat it
        if len(recent) >= wanted and m.start() - min(recent.values()) <= width:
            if settled_before is not None and m.end() >= settled_before:
                return None
            return matches
        # enough read: a good window is rarely further than this
        if len(matches) >= MAX_MATCHES or m.start() > EARLY_STOP:
            return None if settled_before is not None else matches
    return None if settled_before is not None else matches


def make_snippet(body: str, folded_terms, width: int = WIDTH) -> Snippet:
    """A window of ``body`` around the densest cluster of ``folded_terms`` (escaped HTML too)."""
    body = body or ""
    terms = tuple(folded_terms)
    pattern = folded_pattern_for(terms)
    wanted = len({t for t in terms if t})
    matches: list[tuple[int, int, str]] = []
    if pattern is not None:
        # Fold a short prefix first: most hits hold every term early, and folding the whole
        # 30,000 characters of each hit was a third of an uncached results page.
        matches = _scan(fold_for_scan(body[:FIRST_SCAN]), pattern, wanted, width, FIRST_SCAN - 64)
        if matches is None:
            scan = fold_for_scan(body[:EARLY_STOP + 2 * width])
            if not pattern.search(scan) and len(body) > len(scan):
                scan = fold_for_scan(body[:MAX_SCAN])
            matches = _scan(scan, pattern, wanted, width, None)
    if not matches:
        return _render(body, 0, min(len(body), width), [])
    first_index, _ = _best_window(matches, width)
    centre = matches[first_index][0]
    start = max(0, centre - width // 4)
    space = body.rfind(" ", max(0, start - 20), start)
    if space != -1 and start > 0:
        start = space + 1
    end = min(len(body), start + width)
    space = body.find(" ", end, min(len(body), end + 20))
    if space != -1:
        end = space
    inside = [(s, e) for s, e, _ in matches if s >= start and e <= end]
    return _render(body, start, end, inside)


_SPACES = re.compile(r"\s+")


def _render(body: str, start: int, end: int, marks: list[tuple[int, int]]) -> Snippet:
    html_parts = []
    pos = start
    for s, e in marks:
        html_parts.append(html.escape(body[pos:s]))
        html_parts.append("<mark>" + html.escape(body[s:e]) + "</mark>")
        pos = e
    html_parts.append(html.escape(body[pos:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(body) else ""
    text = prefix + " ".join(body[start:end].split()) + suffix
    rendered = _SPACES.sub(" ", "".join(html_parts)).strip()
    return Snippet(text=text, html=html.escape(prefix) + rendered + html.escape(suffix))
