"""Turn a text's citations into links, and a plan into its table of cited documents.

``linked_html`` is the one place where document or user text becomes HTML:
everything between the links is escaped, and the links' targets come from
our own URL builder, never from the text.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Callable, Iterable

from markupsafe import Markup, escape

from kb.model import RELATION_LABELS
from webapp import ambiguity
from webapp.filters import attr, label, label_with_date, validity_code, validity_label, vn_date

# The state a row shows, and the summary counts by the same key: a catalogue entry (a
# real record without its text yet) is not counted as full text.
STATUS_LABELS = {
    "found": "Đã có toàn văn",
    "catalogue": "Có trong cơ sở, chưa có toàn văn",
    "stub": "Chưa có toàn văn",
    "ambiguous": "Trùng số hiệu, cần chọn",
    "unknown": "Chưa có trong cơ sở dữ liệu",
}
# Validity states that deserve a warning on a plan that cites the document.
WARN_VALIDITY = {"het_hieu_luc", "bi_thay_the", "het_hieu_luc_mot_phan", "chua_co_hieu_luc", "ngung_hieu_luc",
                 "ngung_hieu_luc_mot_phan"}


@dataclass
class Span:
    start: int
    end: int
    href: str
    title: str = ""
    css: str = ""


def linked_html(text: str, spans: Iterable[Span]) -> Markup:
    """``text`` escaped, with each span wrapped in a link; overlapping spans are skipped."""
    out: list[str] = []
    pos = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.start < pos or span.end <= span.start or span.end > len(text):
            continue
        out.append(str(escape(text[pos:span.start])))
        out.append(
            f'<a href="{escape(span.href)}" class="{escape(span.css)}" title="{escape(span.title)}">'
            f"{escape(text[span.start:span.end])}</a>"
        )
        pos = span.end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


@dataclass
class CitedDocument:
    """One document a plan cites, with every mention of it."""

    citation: object  # the first mention (a kb.model.Citation)
    status: str
    document: object | None = None
    candidates: list = field(default_factory=list)
    validity: object | None = None
    mentions: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    href: str = ""
    units: list["CitedUnit"] = field(default_factory=list)  # units cited, over all mentions
    has_text: bool = False  # the knowledge base holds the document's full text

    @property
    def number(self):
        return attr(self.document, "number") or self.citation.number

    @property
    def display(self) -> str:
        if self.document is not None:
            return label_with_date(self.document)
        return label_with_date(self.citation)

    @property
    def state(self) -> str:
        """The row's state: ``found`` only with full text (a catalogue entry is ``catalogue``)."""
        if self.status == "found" and not self.has_text:
            return "catalogue"
        return self.status

    @property
    def status_label(self) -> str:
        if self.state == "ambiguous" and not ambiguity.by_number(self.citation.number):
            return ambiguity.SAME_NAME + ", cần chọn"  # by name only: no number to share
        return STATUS_LABELS.get(self.state, self.state)

    @property
    def validity_code(self) -> str:
        return validity_code(attr(self.validity, "status"))

    def to_json(self, external: Callable[[str], str]) -> dict:
        doc = self.document
        return {
            "number": self.number,
            "type": attr(doc, "type") or self.citation.type,
            "issuer": attr(doc, "issuer") or self.citation.issuer,
            "date": attr(doc, "date") or self.citation.date,
            "name": attr(doc, "name") or self.citation.name,
            "status": self.state,
            "status_label": self.status_label,
            "slug": attr(doc, "slug"),
            "url": external(self.href),
            "validity": self.validity_code if self.validity is not None else None,
            "validity_label": validity_label(attr(self.validity, "status")) if self.validity is not None else None,
            "validity_explanation": attr(self.validity, "explanation"),
            "in_force": attr(attr(self.validity, "in_force"), "slug"),
            "warnings": self.warnings,
            "units": [u.to_json(external) for u in self.units],
            "mentions": [
                {"start": c.start, "end": c.end, "text": c.text, "relation": c.relation, "pinpoint": c.pinpoint}
                for c in self.mentions
            ],
            "candidates": [
                {"slug": attr(c, "slug"), "number": attr(c, "number"), "issuer": attr(c, "issuer"),
                 "date": attr(c, "date"), "title": attr(c, "title"), "url": external(f"/van-ban/{attr(c, 'slug')}")}
                for c in self.candidates
            ],
        }


@dataclass
class LinkedPlan:
    text: str
    html: Markup
    documents: list[CitedDocument]
    citations: list

    @property
    def warnings(self) -> list[tuple[CitedDocument, str]]:
        return [(d, w) for d in self.documents for w in d.warnings]

    def to_json(self, external: Callable[[str], str], source: dict | None = None) -> dict:
        """The linked plan as ``/api/link`` answers it (one shape for every reader)."""
        return {
            "source": source,
            "html": str(self.html),
            "counts": self.counts(),
            "documents": [d.to_json(external) for d in self.documents],
            "warnings": [{"number": d.number, "message": w} for d, w in self.warnings],
        }

    def counts(self) -> dict[str, int]:
        """Documents by the state their rows show (the badges and the table agree)."""
        out = {key: 0 for key in STATUS_LABELS}
        for d in self.documents:
            out[d.state] = out.get(d.state, 0) + 1
        return out


@dataclass
class CitedUnit:
    """A unit of a cited document the plan points at ("khoản 2 Điều 5"), and what changed it."""

    pinpoint: dict
    label: str
    anchor: str
    href: str | None  # the unit on the document's page, when the knowledge base holds that unit
    changes: list[str] = field(default_factory=list)  # "khoản 3 Điều 7 đã được sửa đổi, bổ sung bởi …"

    def to_json(self, external: Callable[[str], str]) -> dict:
        return {"pinpoint": self.pinpoint, "label": self.label, "anchor": self.anchor,
                "url": external(self.href) if self.href else None, "changes": self.changes}


# How a change reads after the unit's name: "Khoản này được sửa đổi, bổ sung bởi …".
CHANGE_VERBS = {"sua_doi": "được sửa đổi, bổ sung bởi", "thay_the": "được thay thế bởi", "bai_bo": "bị bãi bỏ bởi",
                "ngung_hieu_luc": "bị ngưng hiệu lực bởi"}
_THIS_UNIT = {"dieu": "Điều này", "khoan": "Khoản này", "diem": "Điểm này", "phu_luc": "Phụ lục này",
              "chuong": "Chương này", "muc": "Mục này", "tieu_muc": "Tiểu mục này", "phan": "Phần này"}


def change_phrase(change) -> str:
    """"được sửa đổi, bổ sung bởi Điều 1 Nghị định số 24/2022/NĐ-CP, có hiệu lực từ 01/06/2022"."""
    from kb.citations.pinpoint import pinpoint_label

    units = attr(change, "units") or []
    by = label(attr(change, "document"))
    if units:
        by = f"{pinpoint_label(units[0])} {by}"
    text = f"{CHANGE_VERBS.get(attr(change, 'relation'), 'được thay đổi bởi')} {by}"
    if attr(change, "effective_date"):
        text += f", có hiệu lực từ {vn_date(attr(change, 'effective_date'))}"
    return text


@dataclass
class UnitMark:
    """The mark a changed unit carries on its document's page, linked to the changing unit."""

    anchor: str
    unit: str  # the changed unit's name: "khoản 3 Điều 7"
    message: str  # "Khoản này được sửa đổi, bổ sung bởi Điều 1 Nghị định số …, có hiệu lực từ …"
    href: str
    relation: str


def unit_marks(changes: dict, doc_href: Callable[[str], str]) -> dict[str, list[UnitMark]]:
    """``Store.unit_changes`` as page marks: anchor of the changed unit → its marks."""
    from kb.citations.pinpoint import innermost_kind, pinpoint_label

    out: dict[str, list[UnitMark]] = {}
    for anchor in sorted(changes, key=_natural):
        items = changes[anchor]
        pinpoint = _anchor_pinpoint(anchor)
        kind = innermost_kind(pinpoint)
        subject = _THIS_UNIT.get(kind or "", "Phần này")
        for change in items:
            href = doc_href(attr(attr(change, "document"), "slug"))
            if attr(change, "anchor"):
                href += "#" + attr(change, "anchor")
            out.setdefault(anchor, []).append(
                UnitMark(anchor, pinpoint_label(pinpoint), f"{subject} {change_phrase(change)}", href,
                         attr(change, "relation")))
    return out


def _natural(anchor: str) -> list:
    """"dieu-7-khoan-3" before "dieu-12": numbers compared as numbers."""
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in anchor.split("-")]


def _anchor_pinpoint(anchor: str) -> dict:
    """"dieu-7-khoan-3" → {"dieu": "7", "khoan": "3"} (kinds as anchors write them)."""
    parts = anchor.replace("phu-luc", "phu_luc").replace("tieu-muc", "tieu_muc").split("-")
    return dict(zip(parts[0::2], parts[1::2]))


def _related(cited: str, changed: str) -> bool:
    """A change to the unit, to a unit around it, or to a unit inside it concerns the citation."""
    return cited == changed or cited.startswith(changed + "-") or changed.startswith(cited + "-")


def warnings_for(validity) -> list[str]:
    """Vietnamese warnings with their evidence: "Bị thay thế bởi Quyết định số … ngày …"."""
    if validity is None:
        return []
    out: list[str] = []
    status = validity_code(attr(validity, "status"))
    evidence = list(attr(validity, "evidence", []) or [])
    chain = list(attr(validity, "chain", []) or [])
    if status == "bi_thay_the" and chain:
        # Replaced, perhaps again: name every step and the text in force at the end.
        words = f"Bị thay thế bởi {label_with_date(chain[0])}"
        for doc in chain[1:]:
            words += f", văn bản này đã bị thay thế bởi {label_with_date(doc)}"
        in_force = attr(validity, "in_force")
        if in_force is not None:
            words += f" — văn bản đang có hiệu lực: {label_with_date(in_force)}"
        out.append(words)
    elif status in WARN_VALIDITY:
        if evidence:
            for ev in evidence:
                out.append(f"{_reverse_label(attr(ev, 'relation'))} {label_with_date(attr(ev, 'document'))}")
        else:
            source = " (theo nguồn)" if attr(validity, "stated_by_source") else ""
            out.append(f"{attr(validity, 'label') or validity_label(status)}{source}")
    for ev in attr(validity, "amendments", []) or []:
        out.append(f"{_reverse_label(attr(ev, 'relation') or 'sua_doi')} {label_with_date(attr(ev, 'document'))}")
    return out


def _reverse_label(relation: str | None) -> str:
    return RELATION_LABELS.get(relation or "", ("", "Liên quan đến"))[1]


def link_plan(text: str, store, doc_href: Callable[[str], str], search_href: Callable[[str], str]) -> LinkedPlan:
    """Find, resolve and link every citation of ``text``; group them by document.

    A citation with a pinpoint links to the unit ("…/van-ban/<slug>#dieu-5-khoan-2") when
    the document's page holds that unit, else to the document.
    """
    from kb.citations import get_citations
    from kb.citations.resolve import resolve_citations

    citations = [c for c in get_citations(text) if not c.self]
    documents: list[CitedDocument] = []
    spans: list[Span] = []
    for group in resolve_citations(citations, store.resolve):
        cited = _new_cited(group, store, doc_href, search_href)
        documents.append(cited)
        for citation in group.citations:
            spans.append(Span(citation.start, citation.end, _mention_href(cited, citation),
                              title="; ".join([f"{cited.display} — {cited.status_label}", *cited.warnings]),
                              css=f"cite cite-{cited.state}" + (" cite-warn" if cited.warnings else "")))
    return LinkedPlan(text=text, html=linked_html(text, spans), documents=documents, citations=citations)


def _mention_href(cited: CitedDocument, citation) -> str:
    if citation.pinpoint:
        from kb.structure.anchors import pinpoint_anchor

        first = pinpoint_anchor(citation.pinpoint[0])
        unit = next((u for u in cited.units if u.anchor == first), None)
        if unit is not None and unit.href:
            return unit.href
    return cited.href


def cited_units(pinpoints: list[dict], held: set[str], page: str | None, changes: dict) -> list[CitedUnit]:
    """The units a plan cites of one document, each with its link and the changes made to it."""
    from kb.citations.pinpoint import pinpoint_label
    from kb.structure.anchors import pinpoint_anchor

    out = []
    for pinpoint in pinpoints:
        anchor = pinpoint_anchor(pinpoint)
        if not anchor:
            continue
        name = pinpoint_label(pinpoint)
        notes = [f"{name} {changed_unit_note(changed, anchor)}{change_phrase(change)}"
                 for changed, items in changes.items() if _related(anchor, changed) for change in items]
        href = f"{page}#{anchor}" if page and anchor in held else None
        out.append(CitedUnit(pinpoint, name, anchor, href, notes))
    return out


def changed_unit_note(changed: str, cited: str) -> str:
    """"đã …" for the unit itself; "(khoản 3 Điều 7) đã …" when the change is to a unit around or inside it."""
    from kb.citations.pinpoint import pinpoint_label

    if changed == cited:
        return "đã "
    return f"({pinpoint_label(_anchor_pinpoint(changed))}) đã "


def _new_cited(group, store, doc_href, search_href) -> CitedDocument:
    citation, resolution = group.first, group.resolution
    status = attr(resolution, "status", "unknown")
    doc = attr(resolution, "document")
    candidates = list(attr(resolution, "candidates", []) or [])
    validity = None
    held: set[str] = set()
    changes: dict = {}
    has_text = False
    if doc is not None:
        validity = store.validity(attr(doc, "id"))
        href = doc_href(attr(doc, "slug"))
        # (a resolution carries the record without its text: ask whether it has one)
        full = store.get_by_id(attr(doc, "id"), with_text=True) if status == "found" else None
        has_text = bool(attr(full, "text"))
        if group.pinpoints:
            held = {u.anchor for u in store.units(attr(doc, "id"))}
            changes = store.unit_changes(attr(doc, "id"))
    else:
        href = search_href(citation.number or citation.name or citation.text)
    units = cited_units(group.pinpoints, held, href if doc is not None else None, changes)
    warnings = warnings_for(validity) + [note for unit in units for note in unit.changes]
    return CitedDocument(citation=citation, status=status, document=doc, candidates=candidates,
                         validity=validity, warnings=warnings, href=href, units=units,
                         mentions=list(group.citations), has_text=has_text)


CSV_COLUMNS = ["STT", "Văn bản", "Số hiệu", "Loại", "Ngày ban hành", "Cơ quan ban hành",
               "Trạng thái", "Hiệu lực", "Điều, khoản được dẫn chiếu", "Cảnh báo", "Số lần dẫn chiếu", "Đường dẫn",
               "Trích dẫn"]


def _cell(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


def plan_csv(plan: LinkedPlan, external: Callable[[str], str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for i, d in enumerate(plan.documents, 1):
        doc = d.document
        writer.writerow([_cell(v) for v in (
            i,
            d.display,
            d.number,
            attr(doc, "type") or d.citation.type,
            vn_date(attr(doc, "date") or d.citation.date),
            attr(doc, "issuer") or d.citation.issuer,
            d.status_label,
            validity_label(attr(d.validity, "status")) if d.validity is not None else "",
            "; ".join(u.label for u in d.units),
            "; ".join(d.warnings),
            len(d.mentions),
            external(d.href),
            " ".join(d.citation.text.split()),
        )])
    return "\ufeff" + buffer.getvalue()  # BOM: Excel then reads the Vietnamese right
