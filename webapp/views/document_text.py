"""The document's text as blocks for the page: paragraphs reflowed, headings anchored.

Each block is a dict the ``_document_text.html`` partial renders: ``kind`` ("para",
"heading", "dieu", "clause", "table"), ``id`` (the unit's anchor, when a unit starts
there), ``unit`` (that Unit), ``html`` (escaped text with citation and internal links) or
``rows`` for tables. Units carried by a source with their own text (Pháp điển articles)
are rendered from that text.
"""
from __future__ import annotations

import bisect
import re

from markupsafe import Markup

from kb.structure import parse_units
from kb.structure.anchors import anchor_for
from kb.structure.reflow import Paragraph, paragraphs, text_of
from kb.structure.refs import ATTACHED_WORDS, internal_refs
from webapp.linking import Span, linked_html

HEADING_KINDS = ("phan", "chuong", "muc", "tieu_muc", "phu_luc")
LONG_HEADING = 160  # an Điều "heading" longer than this is the article's first sentence
_MD_NOISE = re.compile(r"\*{2,}|^#+\s*")
_LABEL = re.compile(r"[\s*#>_]*(?:Điều|ĐIỀU)[\s*_]+[0-9]+[a-zđ]?[\s*_]*[.:][\s*_]*")
_SEPARATOR_ROW = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")


def _prefix(anchor: str) -> str:
    """"kem-theo-dieu-5" → "kem-theo-"; "dieu-5" → ""."""
    i = anchor.find("dieu-")
    return anchor[:i] if i > 0 else ""


def internal_spans(text: str, units, href_of=lambda a: "#" + a, article=None) -> list[Span]:
    """Links for "khoản 2 Điều này", "Điều 5 của Luật này" … to units that exist.

    ``article``: the article the whole ``text`` belongs to (a Pháp điển article's own text);
    else the article around each reference is found by offset."""
    anchors = {u.anchor for u in units}
    articles = sorted((u.start, u) for u in units if u.kind == "dieu" and u.start is not None)
    starts = [s for s, _ in articles]
    spans = []
    for ref in internal_refs(text):
        k = bisect.bisect_right(starts, ref.start) - 1
        around = articles[k][1] if k >= 0 and ref.start < (articles[k][1].end or 0) else None
        if article is not None:
            around = article
            before = text[:ref.start]
            if before.count("“") > before.count("”"):
                continue
        elif around is not None:
            before = text[around.start:ref.start]
            if before.count("“") > before.count("”"):
                continue  # inside quoted amending text: "Điều này" is the amended document's
        prefix = _prefix(around.anchor) if around is not None else ""
        pin = dict(ref.pinpoint)
        if ref.relative:
            if around is None:
                continue
            pin["dieu"] = around.number
        if ref.word not in ATTACHED_WORDS:
            prefix = ""  # "Quyết định này" inside an attached regulation is the decision
        path = [(k2, pin[k2]) for k2 in ("dieu", "khoan", "diem") if pin.get(k2)]
        # The unit named, else the nearest one around it that exists (the article).
        while path and prefix + anchor_for(path) not in anchors:
            path.pop()
        if path:
            anchor = prefix + anchor_for(path)
            spans.append(Span(ref.start, ref.end, href_of(anchor), "Đến phần này trong văn bản", "ref-internal"))
    return spans


def _render_paragraph(text: str, p, spans: list[Span], starts: list[int]) -> Markup:
    return Markup(" ").join(_render(text, a, b, spans, starts) for a, b in p.spans())


def _render(text: str, start: int, end: int, spans: list[Span], starts: list[int]) -> Markup:
    """``text[start:end]`` escaped with the spans inside it linked, wraps joined."""
    lo = bisect.bisect_left(starts, start)
    inside = []
    for span in spans[lo:]:
        if span.start >= end:
            break
        if span.end <= end:
            inside.append(Span(span.start - start, span.end - start, span.href, span.title, span.css))
    html = str(linked_html(text[start:end], inside))
    html = _MD_NOISE.sub("", html.replace("\r", ""))
    return Markup(" ".join(html.split("\n")).strip())


def _cells(text: str, start: int, end: int, spans, starts) -> list[Markup] | None:
    row = text[start:end]
    if _SEPARATOR_ROW.match(row):
        return None
    cells = []
    pos = start + row.index("|") + 1 if "|" in row else start
    while pos < end:
        nxt = text.find("|", pos, end)
        stop = end if nxt < 0 else nxt
        if stop > pos or nxt >= 0:
            cells.append(_render(text, pos, stop, spans, starts))
        pos = stop + 1
    while cells and not str(cells[-1]).strip():
        cells.pop()
    return cells


def text_blocks(text: str, units, spans: list[Span]) -> list[dict]:
    """The blocks of a document whose units have offsets into ``text``."""
    spans = sorted(spans, key=lambda s: (s.start, -s.end))
    starts = [s.start for s in spans]
    at: dict[int, list] = {}
    for u in units:
        if u.start is not None:
            at.setdefault(u.start, []).append(u)
    blocks: list[dict] = []
    previous_heading = False
    for p in paragraphs(text, breaks=frozenset(at)):
        if p.table:
            cells = _cells(text, p.start, p.end, spans, starts)
            if cells is None:
                continue
            if blocks and blocks[-1]["kind"] == "table":
                blocks[-1]["rows"].append(cells)
            else:
                blocks.append({"kind": "table", "rows": [cells], "id": None, "unit": None, "also": []})
            previous_heading = False
            continue
        here = at.get(p.start) or []
        # A unit may begin after the line's indentation: match the line start too.
        if not here:
            line_start = text.rfind("\n", 0, p.start) + 1
            here = at.get(line_start) or []
        unit = here[0] if here else None
        html = _render_paragraph(text, p, spans, starts)
        block = {"kind": "para", "id": unit.anchor if unit else None, "unit": unit, "html": html,
                 "also": [u.anchor for u in here[1:]]}
        if unit is None:
            raw = text_of(text, p)
            if previous_heading and raw.upper() == raw and len(raw) < 400:
                block["kind"] = "heading-title"
            previous_heading = False
        elif unit.kind in HEADING_KINDS:
            block["kind"] = "heading"
            previous_heading = True
        elif unit.kind == "dieu":
            words = text_of(text, p)
            # A decision's "Điều 2. Quyết định này có hiệu lực …" is a sentence, not a title:
            # the label stands out, the sentence reads as text.
            sentence = len(words) > LONG_HEADING or words.rstrip(" *").endswith((".", ";", ":"))
            label = _LABEL.match(text, p.start, p.spans()[0][1]) if sentence else None
            if label:
                block["kind"] = "dieu-inline"
                block["label"] = _render(text, p.start, label.end(), spans, starts)
                rest = Paragraph(label.end(), p.end, pieces=((label.end(), p.spans()[0][1]),) + p.spans()[1:])
                block["html"] = _render_paragraph(text, rest, spans, starts)
            else:
                block["kind"] = "dieu"
            previous_heading = False
        else:
            block["kind"] = "clause"
            previous_heading = False
        blocks.append(block)
    return blocks


def own_text_blocks(units, href_spans=lambda text, units, article: []) -> list[dict]:
    """Blocks for units carrying their own text (Pháp điển articles, no offsets)."""
    blocks: list[dict] = []
    clauses_by_article = {u.anchor: _clauses_of(u, u.text) for u in units if u.kind == "dieu" and u.text}
    every_unit = list(units) + [c for cs in clauses_by_article.values() for c in cs.values()]
    for u in units:
        if u.kind in HEADING_KINDS:
            head = {"phan": "Phần", "chuong": "Chương", "muc": "Mục", "tieu_muc": "Tiểu mục", "phu_luc": "Phụ lục"}[u.kind]
            blocks.append({"kind": "heading", "id": u.anchor, "unit": u, "also": [],
                           "html": Markup.escape(f"{head} {u.number}".strip())})
            if u.title:
                blocks.append({"kind": "heading-title", "id": None, "unit": None, "also": [], "html": Markup.escape(u.title)})
            continue
        if u.kind != "dieu" and not u.text:
            continue
        if u.kind == "dieu":
            heading = f"Điều {u.number}." + (f" {u.title}" if u.title else "")
            blocks.append({"kind": "dieu", "id": u.anchor, "unit": u, "also": [], "html": Markup.escape(heading)})
        body = u.text or ""
        spans = sorted(href_spans(body, every_unit, u if u.kind == "dieu" else None), key=lambda s: (s.start, -s.end))
        starts = [s.start for s in spans]
        clauses = clauses_by_article.get(u.anchor, {}) if u.kind == "dieu" else {}
        for p in paragraphs(body, breaks=frozenset(clauses)):
            clause = clauses.get(p.start)
            blocks.append({"kind": "clause" if clause else "para", "id": clause.anchor if clause else None,
                           "unit": clause, "also": [], "html": _render_paragraph(body, p, spans, starts)})
    return blocks


def _clauses_of(article, body: str) -> dict:
    """khoản and điểm of an article known by its own text (Pháp điển), by offset in that text,
    anchored under the article ("dieu-5-khoan-2")."""
    head = f"Điều {article.number}.\n"
    prefix = _prefix(article.anchor)
    out = {}
    for unit in parse_units(head + body):
        if unit.kind in ("khoan", "diem") and unit.start >= len(head):
            unit.anchor = prefix + unit.anchor
            unit.start -= len(head)
            unit.end -= len(head)
            out[unit.start] = unit
    return out
