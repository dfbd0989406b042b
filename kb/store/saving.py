"""Saving a document: identity, merge, source history, edges, stubs — in one transaction.

The steps, in order:
1. find the document this one is (same number key, same date, compatible
   issuer), else a stub it fulfils (the stub becomes it: same id, edges follow),
   else insert it;
2. merge fields by source rank and record the source in the history;
3. when the text (or the citations given) changed, replace its text edges;
   when a source states relations, replace that source's edges;
4. resolve again every edge that describes a document with this number or
   name, and delete the stubs nothing points at any more.
Saving the same thing twice finds nothing to change and writes nothing.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Callable, Sequence

from kb.errors import KbError
from kb.model import Citation, Document, Relation, Source
from kb.store import db, documents, edges, stubs, units as units_module, validity
from kb.store.db import now_iso
from kb.store.matching import Description, compatible, name_key
from kb.store.records import DOCUMENT_FIELDS, SaveResult
from kb.validity import acts

Extractor = Callable[[str], list[Citation]]


def default_extractor(text: str) -> list[Citation]:
    from kb.citations import get_citations

    return get_citations(text)


def identity_of(doc: Document | dict) -> Description:
    get = doc.get if isinstance(doc, dict) else (lambda k: getattr(doc, k))
    desc = Description(
        number=get("number"), type=get("type"), issuer=get("issuer"), date=get("date"),
        year=get("year"), name=get("name"), title=get("title"), category=get("category") or "state",
    )
    if not desc.number_key and not desc.name_key and get("title"):
        # A document with neither number nor name (a news-style plan) is known by its title,
        # and only within its own source: two posts may well share a heading.
        desc.name_key = name_key(get("title"))
        desc.title_only = True
    return desc


def _same_real(desc: Description, row: sqlite3.Row) -> bool:
    # A missing date does not contradict (a stub's date learnt from citations may fill it).
    return compatible(desc, row["date"], row["year"], row["issuer_key"])


def find_existing(conn: sqlite3.Connection, desc: Description, source: Source | None = None) -> int | None:
    """The stored document this description is, or the stub it fulfils."""
    if desc.title_only:
        if source is None or not source.url:
            return None
        row = conn.execute(
            "SELECT d.id FROM documents d JOIN sources s ON s.document_id = d.id"
            " WHERE d.number_key = '' AND d.name_key = ? AND s.kind = ? AND s.url = ? LIMIT 1",
            (desc.name_key, source.kind, source.url),
        ).fetchone()
        return row[0] if row else None
    rows = documents.rows_by_key(conn, desc.number_key, "" if desc.number_key else desc.name_key)
    real = [r for r in rows if not r["is_stub"] and _same_real(desc, r)]
    if real:
        exact = [r for r in real if r["issuer_key"] == desc.issuer_key]
        return (exact or real)[0]["id"]
    fitting = [r for r in rows if r["is_stub"] and compatible(desc, r["date"], r["year"], r["issuer_key"])]
    if not fitting:
        return None
    best = max(
        fitting,
        key=lambda r: (r["date"] == desc.date and bool(desc.date), bool(r["date"]), bool(r["year"]),
                       r["issuer_key"] == desc.issuer_key, -r["id"]),
    )
    return best["id"]


def _hash(text: str | None) -> str | None:
    return hashlib.sha256(text.encode("utf-8")).hexdigest() if text else None


def _citations_hash(citations: Sequence[Citation]) -> str:
    rows = [
        (c.start, c.end, c.number, c.type, c.date, c.issuer, c.relation, c.name, c.year, c.self, c.category,
         c.pinpoint)
        for c in citations
    ]
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()


def _relation_signature(relations: Sequence[Relation]) -> set[tuple]:
    out = set()
    for rel in relations:
        d = identity_of(rel.other)
        out.add((rel.relation, "target" if rel.direction == "out" else "citing",
                 d.number_key or d.name_key, d.date, d.year, d.issuer_key,
                 edges._units_json(rel.cited_units), edges._units_json(rel.citing_units), rel.date))
    return out


def _stored_relation_signature(conn: sqlite3.Connection, doc_id: int, kind: str) -> set[tuple]:
    rows = conn.execute(
        "SELECT relation, described, number, name, type, issuer, date, year, cited_units, citing_units,"
        " effective_date FROM citations"
        " WHERE owner_id = ? AND origin = 'source' AND source_kind IS ?",
        (doc_id, kind),
    )
    out = set()
    for r in rows:
        d = Description(number=r["number"], name=r["name"], type=r["type"], issuer=r["issuer"], date=r["date"], year=r["year"])
        out.add((r["relation"], r["described"], d.number_key or d.name_key, d.date, d.year, d.issuer_key,
                 r["cited_units"], r["citing_units"], r["effective_date"]))
    return out


def _record_source(conn: sqlite3.Connection, doc_id: int, source: Source, fallback_hash: str | None, applied: bool) -> bool:
    cur = conn.execute(
        "INSERT OR IGNORE INTO sources(document_id, kind, url, content_hash, fetched_at, raw_page_id, recorded_at, applied)"
        " VALUES (?,?,?,?,?,?,?,?)",
        (doc_id, source.kind, source.url, source.content_hash or fallback_hash or "", source.fetched_at,
         source.raw_page_id, now_iso(), int(applied)),
    )
    return cur.rowcount > 0


def _seen(conn: sqlite3.Connection, doc_id: int, source: Source | None, fallback_hash: str | None) -> bool:
    if source is None:
        return False
    return conn.execute(
        "SELECT 1 FROM sources WHERE document_id = ? AND kind = ? AND url IS ? AND content_hash = ?",
        (doc_id, source.kind, source.url, source.content_hash or fallback_hash or ""),
    ).fetchone() is not None


def _is_stale(conn: sqlite3.Connection, doc_id: int, source: Source | None, text: str | None, stored: str | None) -> bool:
    """A version fetched before the one already applied from the same kind of source.

    Two versions with the same time (two copies of one document in a folder) keep the longer
    text, so the result does not depend on which file came first.
    """
    if source is None or not source.fetched_at:
        return False
    row = conn.execute(
        "SELECT MAX(fetched_at) FROM sources WHERE document_id = ? AND kind = ? AND applied = 1",
        (doc_id, source.kind),
    ).fetchone()
    if not row[0]:
        return False
    if row[0] == source.fetched_at and text and stored:
        return len(text) < len(stored)
    return row[0] > source.fetched_at


def save_document(
    conn: sqlite3.Connection,
    doc: Document,
    source: Source | None = None,
    relations: Sequence[Relation] = (),
    citations: Sequence[Citation] | None = None,
    extractor: Extractor | None = None,
) -> SaveResult:
    """Upsert ``doc`` in one transaction (see the module's docstring)."""
    desc = identity_of(doc)
    if not desc.number_key and not desc.name_key:
        raise KbError("văn bản không có số hiệu, tên hay trích yếu: không xác định được văn bản")
    with db.transaction(conn):  # rolls back only a live transaction; SQLite errors as one line
        result = _save(conn, doc, desc, source, relations, citations, extractor or default_extractor)
    return result


def _save(conn, doc, desc, source, relations, citations, extractor) -> SaveResult:
    kind = source.kind if source else None
    rank = documents.rank_of(kind)
    if not doc.text:
        citations = None  # citations belong to a text; this version brings none
    incoming = {name: getattr(doc, name) for name in DOCUMENT_FIELDS}
    incoming["number"] = desc.number  # repaired where the number proves its own damage
    incoming["category"] = doc.category or "state"
    text_hash = _hash(doc.text)
    touched: set[int] = set()
    pending = edges.Pending()  # keys whose stubs were created or completed: their edges resolve again
    old_keys: tuple[str, str] | None = None

    doc_id = find_existing(conn, desc, source)
    if doc_id is None:
        ranks = {name: rank for name, value in incoming.items() if value is not None}
        doc_id, slug = documents.insert(conn, incoming, ranks, is_stub=False, extra=doc.extra)
        status, was_stub, text_changed = "new", False, bool(doc.text)
        stored_citations_hash = None
    else:
        stored, ranks, extra, row = documents.stored_values(conn, doc_id)
        was_stub = bool(row["is_stub"])
        stored_citations_hash = row["citations_hash"]
        if not was_stub and _seen(conn, doc_id, source, text_hash):
            # This very version was saved before: saving it again changes nothing, even when
            # another version (a second file of the same document) was saved in between.
            return SaveResult("unchanged", row["slug"], doc_id)
        if not was_stub and _is_stale(conn, doc_id, source, doc.text, stored.get("text")):
            _record_source(conn, doc_id, source, text_hash, applied=False)
            return SaveResult("unchanged", row["slug"], doc_id)
        merged, new_ranks, changed = documents.merge(stored, ranks, incoming, rank)
        merged_extra = {**extra, **(doc.extra or {})}
        text_changed = merged.get("text") != stored.get("text")
        if changed or was_stub or new_ranks != ranks or merged_extra != extra:
            old_keys = (row["number_key"], row["name_key"])
            slug = documents.update(conn, doc_id, merged, new_ranks, merged_extra, is_stub=False)
        else:
            slug = row["slug"]
        status = "new" if was_stub else ("updated" if changed or merged_extra != extra else "unchanged")

    # Units: a source's own structure replaces that source's units; the text's are parsed
    # again when the text changed or the parser improved.
    current = conn.execute("SELECT text, issuer, structure_version FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if doc.units is not None:
        by_source: dict[str, list] = {}
        for unit in doc.units:
            by_source.setdefault(unit.source, []).append(unit)
        for unit_source, units in by_source.items():
            if units_module.replace(conn, doc_id, unit_source, units) and status == "unchanged":
                status = "updated"
                documents.bump(conn, doc_id)
    if current["text"] and (text_changed or current["structure_version"] != units_module.PARSER_VERSION):
        units_module.rebuild_from_text(conn, doc_id, current["text"])
    elif not current["text"] and text_changed:
        units_module.replace(conn, doc_id, "text", [])
    if doc.topics and units_module.save_topics(conn, doc_id, doc.topics) and status == "unchanged":
        status = "updated"
        documents.bump(conn, doc_id)

    # Text edges: replaced when the text or the citations found in it changed.
    if citations is not None and doc.text != current["text"]:
        citations = None  # a better-ranked source's text was kept: these offsets are not into it
    if current["text"] and (text_changed or citations is not None):
        if citations is None:
            citations = extractor(current["text"])
        cit_hash = _citations_hash(citations)
        if text_changed or cit_hash != stored_citations_hash:
            touched |= edges.remove(conn, "owner_id = ? AND origin = 'text'", (doc_id,))
            edges.add_text(conn, doc_id, current["text"], current["issuer"], citations, pending)
            acts.decide(conn, doc_id)  # whether each sentence states a done act: decided once, here
            conn.execute(
                "UPDATE documents SET text_hash = ?, citations_hash = ? WHERE id = ?",
                (_hash(current["text"]), cit_hash, doc_id),
            )
            if status == "unchanged":
                status = "updated"

    # Effective date and expiry from the text, where no source stated them.
    if text_changed or status != "unchanged":
        validity.apply_text_dates(conn, doc_id)

    # Relations stated by the source: replace what this kind of source said before.
    if relations:
        source_kind = kind or "source"
        if _relation_signature(relations) != _stored_relation_signature(conn, doc_id, source_kind):
            touched |= edges.remove(
                conn, "owner_id = ? AND origin = 'source' AND source_kind IS ?", (doc_id, source_kind)
            )
            for rel in relations:
                edges.add(
                    conn,
                    fixed_id=doc_id,
                    desc=identity_of(rel.other),
                    relation=rel.relation,
                    origin="source",
                    owner_id=doc_id,
                    source_kind=source_kind,
                    described="target" if rel.direction == "out" else "citing",
                    sentence=rel.evidence,
                    pending=pending,
                    cited_units=rel.cited_units,
                    citing_units=rel.citing_units,
                    effective_date=rel.date,
                )
            if status == "unchanged":
                status = "updated"
                documents.bump(conn, doc_id)

    if source is not None:
        _record_source(conn, doc_id, source, text_hash, applied=True)

    # Edges describing this document (or what it was) may now resolve differently.
    if status != "unchanged":
        new = identity_of(dict(conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()))
        keys = {(new.number_key, new.name_key)}
        if old_keys:
            keys.add(old_keys)
        pending |= keys
        if was_stub:
            conn.execute("UPDATE citations SET status = 'found' WHERE target_id = ? AND status = 'stub'", (doc_id,))
    pending.stubs |= touched  # stubs that lost citations: what they say may change
    touched |= edges.settle_pending(conn, pending)
    touched.discard(doc_id)
    stubs.drop_orphans(conn, touched)
    slug = conn.execute("SELECT slug FROM documents WHERE id = ?", (doc_id,)).fetchone()["slug"]
    return SaveResult(status, slug, doc_id)
