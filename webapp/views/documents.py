"""A document: ``/van-ban/<slug>`` (HTML, stubs included) and ``/api/van-ban/<slug>`` (JSON).

The page shows what the store knows — metadata, validity with its evidence,
the full text with every citation a link, cross-references in both
directions, the neighbourhood graph — and decides nothing itself.
"""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, redirect, render_template, url_for

from kb.model import RELATION_LABELS, RELATIONS
from webapp import backend as kb
from webapp import graph
from webapp.filters import attr, label_with_date, validity_code, validity_label
from webapp.linking import Span, linked_html, unit_marks

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


def _edge_groups(edges_by_relation: dict, side: str) -> list[dict]:
    """Edges grouped by relation (in RELATIONS order) and by the other document."""
    groups = []
    codes = list(RELATIONS) + [r for r in edges_by_relation if r not in RELATIONS]
    for relation in codes:
        edges = edges_by_relation.get(relation) or []
        if not edges:
            continue
        others: dict[str, dict] = {}
        for edge in edges:
            other = attr(edge, "target_doc" if side == "out" else "source_doc")
            key = attr(other, "slug") if other is not None else f"?{attr(edge, 'surface')}"
            item = others.setdefault(key, {"doc": other, "edges": [],
                                           "candidates": list(attr(edge, "candidates", []) or [])})
            item["edges"].append(edge)
        labels = RELATION_LABELS.get(relation, (relation, relation))
        items = list(others.values())
        groups.append({
            "relation": relation,
            "label": labels[0] if side == "out" else labels[1],
            "items": items[:MAX_ITEMS],
            "total": len(items),
            "hidden": max(0, len(items) - MAX_ITEMS),
        })
    return groups


def _mentioning(incoming: dict) -> tuple[list[dict], int]:
    """Citing documents with what they say, one entry per document (for stub pages)."""
    by_doc: dict[str, dict] = {}
    for relation in RELATIONS + tuple(r for r in incoming if r not in RELATIONS):
        for edge in incoming.get(relation) or []:
            source = attr(edge, "source_doc")
            key = attr(source, "slug") or "?"
            entry = by_doc.setdefault(key, {"doc": source, "edges": []})
            entry["edges"].append(edge)
    entries = list(by_doc.values())
    return entries[:MAX_MENTIONING], len(entries)


def _text_spans(record, outgoing: dict) -> list[Span]:
    text = record.text or ""
    spans = []
    for relation, edges in outgoing.items():
        for edge in edges or []:
            start, end = attr(edge, "start"), attr(edge, "end")
            if start is None or end is None or attr(edge, "origin", "text") != "text":
                continue
            target = attr(edge, "target_doc")
            if target is not None:
                href = url_for("documents.page", slug=target.slug)
                title = label_with_date(target) + (" (chưa có toàn văn)" if attr(target, "is_stub") else "")
                css = "cite cite-stub" if attr(target, "is_stub") else "cite cite-found"
            else:
                href = url_for("search.index", q=text[start:end][:200])
                title = "Trùng số hiệu — xem các văn bản có thể được dẫn chiếu"
                css = "cite cite-ambiguous"
            labels = RELATION_LABELS.get(relation)
            if labels:
                title = f"{labels[0]}: {title}"
            spans.append(Span(start, end, href, title, css))
    return spans


def _context(record):
    store = kb.store()
    outgoing = store.outgoing(record.id) or {}
    incoming = store.incoming(record.id) or {}
    validity = store.validity(record.id)
    return outgoing, incoming, validity


@bp.route("/van-ban/<path:slug>")
def page(slug: str):
    record, moved = _load(slug)
    if moved:
        return redirect(url_for("documents.page", slug=moved), code=301)
    outgoing, incoming, validity = _context(record)
    layout = graph.layout(record, outgoing, incoming)
    text_html = linked_html(record.text or "", _text_spans(record, outgoing)) if record.text else None
    return render_template(
        "stub.html" if record.is_stub else "document.html",
        doc=record,
        validity=validity,
        outgoing=_edge_groups(outgoing, "out"),
        incoming=_edge_groups(incoming, "in"),
        layout=layout,
        text_html=text_html,
        mentioning=_mentioning(incoming) if record.is_stub else ([], 0),
        unit_marks=unit_marks(kb.store().unit_changes(record.id), lambda s: url_for("documents.page", slug=s)),
    )


def _doc_brief(doc) -> dict | None:
    if doc is None:
        return None
    return {
        "slug": doc.slug,
        "number": doc.number,
        "type": doc.type,
        "issuer": doc.issuer,
        "date": doc.date,
        "title": doc.title,
        "is_stub": bool(doc.is_stub),
        "url": url_for("documents.page", slug=doc.slug, _external=True),
    }


def _edges_json(edges_by_relation: dict, side: str) -> dict:
    out = {}
    for relation, edges in edges_by_relation.items():
        out[relation] = [
            {
                "document": _doc_brief(attr(e, "target_doc" if side == "out" else "source_doc")),
                "surface": attr(e, "surface"),
                "sentence": attr(e, "sentence"),
                "start": attr(e, "start"),
                "end": attr(e, "end"),
                "origin": attr(e, "origin"),
                "candidates": [_doc_brief(c) for c in attr(e, "candidates", []) or []],
            }
            for e in edges or []
        ]
    return out


def _validity_json(validity) -> dict | None:
    if validity is None:
        return None

    def evidence(items):
        return [{"relation": attr(ev, "relation"), "document": _doc_brief(attr(ev, "document")),
                 "sentence": attr(ev, "sentence")} for ev in items or []]

    return {
        "status": validity_code(attr(validity, "status")),
        "label": attr(validity, "label") or validity_label(attr(validity, "status")),
        "stated_by_source": bool(attr(validity, "stated_by_source")),
        "evidence": evidence(attr(validity, "evidence")),
        "amendments": evidence(attr(validity, "amendments")),
        "pending": evidence(attr(validity, "pending")),
        "explanation": attr(validity, "explanation"),
        "effective_date": attr(validity, "effective_date"),
        "expiry_date": attr(validity, "expiry_date"),
        "date_evidence": attr(validity, "date_evidence"),
        "chain": [_doc_brief(d) for d in attr(validity, "chain", []) or []],
        "in_force": _doc_brief(attr(validity, "in_force")) if attr(validity, "in_force") else None,
    }


@bp.route("/api/van-ban/<path:slug>")
def api(slug: str):
    record, moved = _load(slug)
    if moved:
        return redirect(url_for("documents.api", slug=moved), code=301)
    outgoing, incoming, validity = _context(record)
    payload = record.to_json()
    payload.update({
        "url": url_for("documents.page", slug=record.slug, _external=True),
        "validity_status": _validity_json(validity),
        "outgoing": _edges_json(outgoing, "out"),
        "incoming": _edges_json(incoming, "in"),
        "unit_changes": {anchor: [c.to_json() for c in changes]
                         for anchor, changes in kb.store().unit_changes(record.id).items()},
    })
    return jsonify(payload)
