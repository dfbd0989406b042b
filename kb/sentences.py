"""Where a clause starts and ends: one rule for typing relations and for quoting them.

The citation engine reads a citation's relation from the words of its clause
(:mod:`kb.citations.relations`); the store keeps that clause as the edge's
sentence, the evidence a page shows and validity reads
(:func:`sentence_around`).  Both cut the text here, so the sentence shown is
the one the relation was read from.

A clause ends at ";", a table cell ("|"), a full stop or a colon closing its
line, a blank line; and a clause of a preamble ("Căn cứ …", "Thực hiện …",
"Triển khai …") opens even without punctuation where it starts a line or is
capitalized (flattened headers run the title into "Căn cứ …").
"""
from __future__ import annotations

import re

__all__ = ["CLAUSE_MARKS", "CLAUSE_OPENERS", "clause_start", "clause_end", "sentence_around", "starts_line"]

# Clause boundaries (found with rfind, from the right; with find, from the left).
CLAUSE_MARKS = (";", "|", ". ", ".\n", ".\r", ":\n", ":\r\n", "\n\n", "\n\r\n")
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
# Words that open a clause of a preamble, as written and in capitals.
_OPENER_WORDS = ("Căn cứ", "Thực hiện", "Triển khai")
CLAUSE_OPENERS = frozenset(_OPENER_WORDS + tuple(w.upper() for w in _OPENER_WORDS))
# (Split by a line break, "Căn\ncứ", an opener counts only at a line's start: "… về Thực\nhiện …"
# is a title's.)
CLAUSE_OPENER_RE = re.compile(
    "|".join(
        r"\s{1,3}".join(f"(?:{re.escape(s)}|{re.escape(s.upper())})" for s in w.split()) for w in _OPENER_WORDS
    )
)
# Marks that belong to the clause they end (kept in a quoted sentence).
_CLOSING = (";", ".")
# Inside a clause, the items a quotation is narrowed to: a list item ("- …", "2. …", "a) …")
# or a line of a preamble ("Xét …", "Theo đề nghị …") starts one; a colon ends a list's head.
# (Relations read the whole clause: a list item alone does not end it.)
_ITEM_START = re.compile(
    r":\s|\n\s*[-–•+]\s|\n\s*\*?\(?(?:\d{1,3}|[a-zđ])[.)]\s|\n[\s*_]*(?=Xét|Theo đề nghị)"
)
_ITEM_END = re.compile(r"\n(?=[\s*_]*(?:[-–•+]\s|\(?\d{1,3}[.)]\s|Xét|Theo đề nghị))")
_MARKUP = re.compile(r"[*_|#]+")
_MAX_SIDE = 300
_MAX_CONTEXT = 160  # characters kept on each side of a citation in a run-on sentence


def starts_line(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip(" \t*_#|>-•")


def _opens(text: str, match: re.Match) -> bool:
    return match.group() in CLAUSE_OPENERS or starts_line(text, match.start())


def clause_start(text: str, window_start: int, pos: int) -> tuple[int, bool]:
    """Where the clause holding ``pos`` starts (not before ``window_start``), and whether a
    ";" ends the one before."""
    best, semicolon = window_start, False
    for mark in CLAUSE_MARKS:
        at = text.rfind(mark, window_start, pos)
        if at != -1 and at + len(mark) > best:
            best, semicolon = at + len(mark), mark == ";"
    for blank in _BLANK_LINE.finditer(text, best, pos):  # (a line of spaces between paragraphs)
        best, semicolon = blank.end(), False
    last = None
    for match in CLAUSE_OPENER_RE.finditer(text, best, pos):
        if _opens(text, match):
            last = match
    if last is not None and last.start() > best:
        best, semicolon = last.start(), False
    return best, semicolon


def clause_end(text: str, pos: int, window_end: int) -> int:
    """Where the clause holding ``pos`` ends (not after ``window_end``), its closing ";" or "." included."""
    best = window_end
    for mark in CLAUSE_MARKS:
        at = text.find(mark, pos, best)
        if at != -1:
            best = at + 1 if mark[0] in _CLOSING else at
    blank = _BLANK_LINE.search(text, pos, best)
    if blank is not None:
        best = blank.start()
    for match in CLAUSE_OPENER_RE.finditer(text, pos, best):
        if _opens(text, match):
            return match.start()
    return best


def sentence_around(text: str, start: int, end: int) -> str:
    """The clause a citation sits in, narrowed to its list item, markup and line breaks folded;
    a run-on one is cut to the words around the citation."""
    lo, hi = max(0, start - _MAX_SIDE), min(len(text), end + _MAX_SIDE)
    begin, _ = clause_start(text, lo, start)
    for item in _ITEM_START.finditer(text, begin, start):
        begin = item.end()
    finish = clause_end(text, end, hi)
    item = _ITEM_END.search(text, end, finish)
    if item is not None:
        finish = item.start()
    head = " ".join(_MARKUP.sub(" ", text[begin:start]).split())
    cited = " ".join(_MARKUP.sub(" ", text[start:finish]).split())
    if len(head) > _MAX_CONTEXT:
        head = "…" + head[-_MAX_CONTEXT:].split(" ", 1)[-1]
    if len(cited) > _MAX_CONTEXT + end - start:
        cited = cited[: _MAX_CONTEXT + end - start].rsplit(" ", 1)[0] + "…"
    return f"{head} {cited}".strip()
