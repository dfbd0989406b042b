"""First stage: the text the patterns read, and the way back to the input.

:func:`clean_text` does what :func:`kb.text.clean` does (NFC, ``Ð``→``Đ``, odd
spaces, invisible characters) but keeps a *sparse* offset map, so that the
common case — a text already in NFC — costs a couple of C-speed scans and no
per-character Python work.  :func:`html_to_text` gives the visible text of an
HTML page with a map back into the HTML.
"""
from __future__ import annotations

import html as html_lib
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

_ODD_SPACES_RE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# A base character with its combining marks, or a character that carries no text.
_WORK_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]|.?[\u0300-\u036f]+", re.DOTALL)
# The same characters as a plain class: a fast test for the common case, nothing to do.
_ANY_WORK_RE = re.compile("[\u00d0\u00a0\u1680\u2000-\u200d\u202f\u205f\u3000\u2060\ufeff\u00ad\u0300-\u036f]")
_NEEDS_WORK_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u0300-\u036f]")


@dataclass
class OffsetMap:
    """A cleaned text and a map from its positions to positions of the original.

    The map is kept as breakpoints: from ``clean_at[k]`` on, position ``p``
    of the clean text came from ``p - clean_at[k] + orig_at[k]``; inside a
    composed cluster every character maps to the cluster's start.  A span's
    end maps to the original position of the character after it, so the
    original span always covers whole clusters.
    """

    text: str
    clean_at: list[int] = field(default_factory=list)
    orig_at: list[int] = field(default_factory=list)
    # Clusters: clean span [cs, ce) came from original [os_, oe).
    clusters: list[tuple[int, int, int, int]] = field(default_factory=list)
    original_length: int | None = None

    def to_original(self, index: int) -> int:
        if not self.clean_at:
            return index
        k = bisect_right(self.clean_at, index) - 1
        if k < 0:
            return index
        start, origin = self.clean_at[k], self.orig_at[k]
        cluster = self._cluster_at(index)
        if cluster is not None:
            return cluster[2]
        return index - start + origin

    def _cluster_at(self, index: int):
        if not self.clusters:
            return None
        k = bisect_right(self.clusters, (index, float("inf"))) - 1
        if k >= 0:
            cs, ce, os_, oe = self.clusters[k]
            if cs <= index < ce:
                return self.clusters[k]
        return None

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        if not self.clean_at:
            return start, end
        first = self.to_original(start)
        if end <= start:
            return first, first
        last = self._cluster_at(end - 1)
        if last is not None:
            return first, last[3]
        return first, self.to_original(end - 1) + 1


def clean_text(text: str) -> OffsetMap:
    """NFC, ``Ð``→``Đ``, odd spaces to spaces, invisible characters dropped; with offsets."""
    if not _ANY_WORK_RE.search(text):
        return OffsetMap(text)  # the common case: one scan, nothing to do
    if "\u00d0" in text:
        text = text.replace("\u00d0", "Đ")
    if _ODD_SPACES_RE.search(text):
        text = _ODD_SPACES_RE.sub(" ", text)
    if not _NEEDS_WORK_RE.search(text):
        return OffsetMap(text)
    out: list[str] = []
    clean_at: list[int] = []
    orig_at: list[int] = []
    clusters: list[tuple[int, int, int, int]] = []
    pos = 0  # in the original
    length = 0  # of the output so far
    for match in _WORK_RE.finditer(text):
        start, end = match.span()
        if start > pos:
            out.append(text[pos:start])
            length += start - pos
        piece = match.group()
        if piece[0] in "\u200b\u200c\u200d\u2060\ufeff\u00ad":
            composed = ""
        else:
            composed = unicodedata.normalize("NFC", piece)
            if composed and composed[0] in "\u200b\u200c\u200d\u2060\ufeff\u00ad":
                composed = composed[1:]
        if composed:
            clusters.append((length, length + len(composed), start, end))
            out.append(composed)
            length += len(composed)
        clean_at.append(length)
        orig_at.append(end)
        pos = end
    out.append(text[pos:])
    # Positions before the first change map to themselves.
    clean_at.insert(0, 0)
    orig_at.insert(0, 0)
    return OffsetMap("".join(out), clean_at, orig_at, clusters, len(text))


# --- HTML ----------------------------------------------------------------------
_HTML_TOKEN_RE = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style|noscript|template|head)\b[^>]*>.*?(?:</\1\s*>|\Z)"
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)|<[!?/]?[A-Za-z][^>]*>?|&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?",
    re.DOTALL | re.IGNORECASE,
)
_BLOCK_TAGS = frozenset(
    "p div br li tr td th h1 h2 h3 h4 h5 h6 table ul ol section article header footer blockquote "
    "pre hr dt dd title tbody thead caption form nav aside main figure figcaption".split()
)
_TAG_NAME_RE = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)")


@dataclass
class HtmlText:
    """Visible text of an HTML document; ``offsets[i]`` is where its character ``i`` starts
    in the HTML, ``ends[i]`` where it ends (entities span several HTML characters)."""

    text: str
    offsets: list[int]
    ends: list[int]

    def to_original(self, index: int) -> int:
        return self.offsets[index] if index < len(self.offsets) else (self.ends[-1] if self.ends else 0)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            pos = self.to_original(start)
            return pos, pos
        return self.offsets[start], self.ends[end - 1]


def html_to_text(document: str) -> HtmlText:
    """The visible text of ``document`` with, for each character, its place in the HTML.

    Tags, comments, scripts and styles are dropped; entities are decoded; block
    elements become line breaks (mapped to the tag), so words of two paragraphs
    never run together.
    """
    chars: list[str] = []
    offsets: list[int] = []
    ends: list[int] = []
    pos = 0
    for match in _HTML_TOKEN_RE.finditer(document):
        start, end = match.span()
        if start > pos:
            _add_run(document, pos, start, chars, offsets, ends)
        token = match.group()
        if token.startswith("&"):
            decoded = html_lib.unescape(token)
            if decoded == token:  # not an entity after all
                _add_run(document, start, end, chars, offsets, ends)
            else:
                for ch in decoded:
                    chars.append(ch)
                    offsets.append(start)
                    ends.append(end)
        else:
            name = _TAG_NAME_RE.match(token)
            if name and name.group(1).lower() in _BLOCK_TAGS and chars and chars[-1] != "\n":
                chars.append("\n")
                offsets.append(start)
                ends.append(start)
        pos = end
    if pos < len(document):
        _add_run(document, pos, len(document), chars, offsets, ends)
    return HtmlText("".join(chars), offsets, ends)


def _add_run(document: str, start: int, end: int, chars: list, offsets: list, ends: list) -> None:
    chars.extend(document[start:end])
    offsets.extend(range(start, end))
    ends.extend(range(start + 1, end + 1))


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML document or fragment rather than plain text."""
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or bool(
        re.search(r"<(?:html|body|p|div|table|br|span|a|h[1-6])\b[^>]*>", text[:20000], re.IGNORECASE)
    )
