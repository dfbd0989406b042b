"""A document: ``/van-ban/<slug>`` (HTML, stubs included) and ``/api/van-ban/<slug>`` (JSON).

Both render one read model, ``kb.views.document.DocumentView`` (the one ``kb show`` prints):
metadata, validity with its evidence, the structure (table of contents, anchored
articles), the text with every citation a link, cross-references in both directions, the
neighbourhood graph. The page decides nothing itself.
"""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, redirect, render_template, url_for

from kb.model import RELATION_LABELS
from kb.views.document import DocumentView
from webapp import backend as kb
from webapp import graph
from webapp.filters import attr, label_with_date
from webapp.linking import Span, unit_marks
from webapp.views.document_text import internal_spans, own_text_blocks, text_blocks

bp = Blueprint("documents", __name__)

MAX_SLUG = 300
MAX_ITEMS = 40  # per relation group on a page; the JSON twin has them all
MAX_MENTIONING = 30  # citing documents quoted on a stub page


def _load(slug: str):
    """The record for ``slug``; another spelling of a number redirects; else 404."""
    if len(slug) > MAX_SLUG:
        abort(404)
    store = kb.store()
    record = store.get(slug)
    if record is not None:
        # An old slug (the store keeps aliases when a stub becomes a document) moves on.
        return (record, None) if record.slug == slug else (None, record.slug)
    matches = [r for r in store.lookup(slug) if r is not None]
    if len(matches) == 1 and matches[0].slug != slug:
        return None, matches[0].slug
    abort(404, description="Không có văn bản nào với địa chỉ này trong cơ sở dữ liệu.")


@bp.app_template_filter("vn_long_date")
def vn_long_date(value) -> str:
    """``2021-07-05`` → ``05 tháng 7 năm 2021`` (as a document's header writes it)."""
    parts = str(value or "")[:10].split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return str(value or "")
    return f"{parts[2]} tháng {int(parts[1])} năm {parts[0]}"


def _shown(groups: dict, limit: int = MAX_ITEMS) -> list[dict]:
    """The view's edge groups cut to what a page lists (the JSON twin has them all)."""
    return [
        {"relation": relation, "items": items[:limit], "total": len(items), "hidden": max(0, len(items) - limit)}
        for relation, items in groups.items()
    ]


def _mentioning(incoming: dict) -> tuple[list[dict], int]:
    """Citing documents with what they say, one entry per document (for stub pages)."""
    by_doc: dict[str, dict] = {}
    for relation, edges in incoming.items():
        for edge in edges or []:
            source = attr(edge, "source_doc")
            key = attr(source, "slug") or "?"
            entry = by_doc.setdefault(key, {"doc": source, "edges": []})
            entry["edges"].append(edge)
    entries = list(by_doc.values())
    return entries[:MAX_MENTIONING], len(entries)


def _citation_spans(text: str, outgoing: dict) -> list[Span]:
    spans = []
    for relation, edges in outgoing.items():
        for edge in edges or []:
            start, end = edge.start, edge.end
            if start is None or end is None or edge.origin != "text":
                continue
            target = edge.target_doc
            if target is not None:
                href = url_for("documents.page", slug=target.slug)
                title = label_with_date(target) + (" (chưa có toàn văn)" if target.is_stub else "")
                css = "cite cite-stub" if target.is_stub else "cite cite-found"
            else:
                href = url_for("search.index", q=text[start:end][:200])
                title = "Trùng số hiệu — xem các văn bản có thể được dẫn chiếu"
                css = "cite cite-ambiguous"
            labels = RELATION_LABELS.get(relation)
            if labels:
                title = f"{labels[0]}: {title}"
            spans.append(Span(start, end, href, title, css))
    return spans


def body_blocks(view: DocumentView) -> list[dict]:
    """The text as blocks: from the document's text when its units point into it, else
    from the units' own text (Pháp điển articles)."""
    text = view.record.text or ""
    units = view.units
    if text:
        spans = _citation_spans(text, view.raw_outgoing) + internal_spans(text, [u for u in units if u.start is not None])
        return text_blocks(text, [u for u in units if u.start is not None], spans)
    if any(u.text for u in units):
        return own_text_blocks(units, lambda body, every_unit, article: internal_spans(body, every_unit, article=article))
    return []


@bp.route("/van-ban/<path:slug>")
def page(slug: str):
    record, moved = _load(slug)
    if moved:
        return redirect(url_for("documents.page", slug=moved), code=301)
    view = DocumentView.build(kb.store(), record)
    layout = graph.layout(record, view.raw_outgoing, view.raw_incoming)
    blocks = [] if record.is_stub else body_blocks(view)
    return render_template(
        "stub.html" if record.is_stub else "document.html",
        doc=record,
        view=view,
        validity=view.validity,
        toc=view.toc(),
        total_articles=sum(1 for u in view.units if u.kind == "dieu"),
        blocks=blocks,
        outgoing=_shown(view.outgoing),
        incoming=_shown(view.incoming),
        layout=layout,
        mentioning=_mentioning(view.raw_incoming) if record.is_stub else ([], 0),
        unit_marks_by_anchor=unit_marks(view.unit_changes, lambda s: url_for("documents.page", slug=s)),
    )


@bp.route("/api/van-ban/<path:slug>")
def api(slug: str):
    record, moved = _load(slug)
    if moved:
        return redirect(url_for("documents.api", slug=moved), code=301)
    payload = DocumentView.build(kb.store(), record).to_json(text=True)
    payload["url"] = url_for("documents.page", slug=record.slug, _external=True)
    # Deprecated aliases for one release (docs/api.md "Document"): the record's fields at the
    # top level as before (all but "validity", which is now the derived status, as in
    # `kb show --json`), and "validity_status", the derived status's old name.
    for key, value in payload["document"].items():
        if key not in payload and key != "path":
            payload[key] = value
    payload["validity_status"] = payload["validity"]
    return jsonify(payload)
