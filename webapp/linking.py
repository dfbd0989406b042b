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

from kb.identity import number_key
from kb.model import RELATION_LABELS
from kb.text import fold_key
from webapp.filters import attr, label_with_date, validity_code, validity_label, vn_date
from webapp import ambiguity

STATUS_LABELS = {
    "found": "Đã có toàn văn",
    "stub": "Chưa có toàn văn",
    "ambiguous": "Trùng số hiệu, cần chọn",
    "unknown": "Chưa có trong cơ sở dữ liệu",
}
# Validity states that deserve a warning on a plan that cites the document.
WARN_VALIDITY = {"het_hieu_luc", "bi_thay_the", "het_hieu_luc_mot_phan", "chua_co_hieu_luc"}


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

    @property
    def number(self):
        return attr(self.document, "number") or self.citation.number

    @property
    def display(self) -> str:
        if self.document is not None:
            return label_with_date(self.document)
        return label_with_date(self.citation)

    @property
    def status_label(self) -> str:
        # A catalogue entry is a real record without its full text yet: say so.
        if self.status == "found" and self.document is not None and not attr(self.document, "text"):
            return "Có trong cơ sở, chưa có toàn văn"
        if self.status == "ambiguous" and not ambiguity.by_number(self.citation.number):
            return ambiguity.SAME_NAME + ", cần chọn"  # by name only: no number to share
        return STATUS_LABELS.get(self.status, self.status)

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
            "status": self.status,
            "status_label": self.status_label,
            "slug": attr(doc, "slug"),
            "url": external(self.href),
            "validity": self.validity_code if self.validity is not None else None,
            "validity_label": validity_label(attr(self.validity, "status")) if self.validity is not None else None,
            "warnings": self.warnings,
            "mentions": [
                {"start": c.start, "end": c.end, "text": c.text, "relation": c.relation}
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

    def counts(self) -> dict[str, int]:
        out = {key: 0 for key in STATUS_LABELS}
        for d in self.documents:
            out[d.status] = out.get(d.status, 0) + 1
        return out


def _group_key(citation, resolution) -> tuple:
    doc = attr(resolution, "document")
    if doc is not None:
        return ("doc", attr(doc, "slug"))
    if citation.number:
        return ("number", number_key(citation.number), citation.date or citation.year)
    return ("name", fold_key(citation.name or citation.text), citation.year)


def warnings_for(validity) -> list[str]:
    """Vietnamese warnings with their evidence: "Bị thay thế bởi Quyết định số … ngày …"."""
    if validity is None:
        return []
    out: list[str] = []
    status = validity_code(attr(validity, "status"))
    evidence = list(attr(validity, "evidence", []) or [])
    if status in WARN_VALIDITY:
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
    """Find, resolve and link every citation of ``text``; group them by document."""
    from kb.citations import get_citations

    citations = [c for c in get_citations(text) if not c.self]
    groups: dict[tuple, CitedDocument] = {}
    spans: list[Span] = []
    for citation in citations:
        resolution = store.resolve(citation)
        key = _group_key(citation, resolution)
        cited = groups.get(key)
        if cited is None:
            cited = _new_cited(citation, resolution, store, doc_href, search_href)
            groups[key] = cited
        cited.mentions.append(citation)
        spans.append(Span(citation.start, citation.end, cited.href,
                          title="; ".join([f"{cited.display} — {cited.status_label}", *cited.warnings]),
                          css=f"cite cite-{cited.status}" + (" cite-warn" if cited.warnings else "")))
    return LinkedPlan(text=text, html=linked_html(text, spans), documents=list(groups.values()),
                      citations=citations)


def _new_cited(citation, resolution, store, doc_href, search_href) -> CitedDocument:
    status = attr(resolution, "status", "unknown")
    doc = attr(resolution, "document")
    candidates = list(attr(resolution, "candidates", []) or [])
    validity = None
    if doc is not None:
        validity = store.validity(attr(doc, "id"))
    if doc is not None:
        href = doc_href(attr(doc, "slug"))
    else:
        href = search_href(citation.number or citation.name or citation.text)
    return CitedDocument(citation=citation, status=status, document=doc, candidates=candidates,
                         validity=validity, warnings=warnings_for(validity), href=href)


CSV_COLUMNS = ["STT", "Văn bản", "Số hiệu", "Loại", "Ngày ban hành", "Cơ quan ban hành",
               "Trạng thái", "Hiệu lực", "Cảnh báo", "Số lần dẫn chiếu", "Đường dẫn", "Trích dẫn"]


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
            "; ".join(d.warnings),
            len(d.mentions),
            external(d.href),
            " ".join(d.citation.text.split()),
        )])
    return "\ufeff" + buffer.getvalue()  # BOM: Excel then reads the Vietnamese right
