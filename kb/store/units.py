"""Units of documents in the store: saved per source, read back in document order."""
from __future__ import annotations

import json
import sqlite3
from typing import Sequence

from kb.model import Unit
from kb.structure import PARSER_VERSION, parse_units

# Which source's units a reader sees first when a document has several.
SOURCE_PREFERENCE = ("vbpl", "text", "phapdien")


def replace(conn: sqlite3.Connection, doc_id: int, source: str, units: Sequence[Unit]) -> bool:
    """Replace ``source``'s units of a document; True when anything changed."""
    new = [_row(u, i) for i, u in enumerate(units)]
    old = [
        tuple(r)
        for r in conn.execute(
            "SELECT ordinal, kind, number, title, anchor, parent, span_start, span_end, text, extra"
            " FROM units WHERE document_id = ? AND source = ? ORDER BY ordinal",
            (doc_id, source),
        )
    ]
    if old == new:
        return False
    conn.execute("DELETE FROM units WHERE document_id = ? AND source = ?", (doc_id, source))
    seen: set[str] = set()
    rows = []
    for row in new:
        if row[4] in seen:  # one anchor once per source; a repeat is the parser's doubt, not a unit
            continue
        seen.add(row[4])
        rows.append((doc_id, source) + row)
    conn.executemany(
        "INSERT INTO units(document_id, source, ordinal, kind, number, title, anchor, parent,"
        " span_start, span_end, text, extra) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    return True


def _row(u: Unit, ordinal: int) -> tuple:
    return (ordinal, u.kind, u.number, u.title, u.anchor, u.parent, u.start, u.end, u.text,
            json.dumps(u.extra or {}, ensure_ascii=False, sort_keys=True))


def rebuild_from_text(conn: sqlite3.Connection, doc_id: int, text: str | None) -> bool:
    """Parse the text's units again and record the parser version."""
    changed = replace(conn, doc_id, "text", parse_units(text))
    conn.execute("UPDATE documents SET structure_version = ? WHERE id = ?", (PARSER_VERSION, doc_id))
    return changed


def stale_ids(conn: sqlite3.Connection) -> list[int]:
    """Documents with text whose units came from an older parser."""
    return [r[0] for r in conn.execute(
        "SELECT id FROM documents WHERE text IS NOT NULL AND structure_version != ?", (PARSER_VERSION,)
    )]


def of_document(conn: sqlite3.Connection, doc_id: int, source: str | None = None) -> list[Unit]:
    """A document's units in order: of ``source``, else of the preferred source that has some."""
    sources = [source] if source else [
        s for s in SOURCE_PREFERENCE
        if conn.execute("SELECT 1 FROM units WHERE document_id = ? AND source = ? LIMIT 1", (doc_id, s)).fetchone()
    ][:1]
    if not sources:
        return []
    rows = conn.execute(
        "SELECT * FROM units WHERE document_id = ? AND source = ? ORDER BY ordinal", (doc_id, sources[0])
    )
    return [_unit(r) for r in rows]


def _unit(r: sqlite3.Row) -> Unit:
    return Unit(kind=r["kind"], number=r["number"], anchor=r["anchor"], title=r["title"],
                start=r["span_start"], end=r["span_end"], parent=r["parent"], text=r["text"],
                source=r["source"], extra=json.loads(r["extra"] or "{}"))


def containing(units: Sequence[Unit], start: int) -> list[dict]:
    """The innermost Điều/khoản/điểm around offset ``start`` as one pinpoint object ([] if none)."""
    best: dict = {}
    for u in units:
        if u.start is not None and u.end is not None and u.start <= start < u.end and u.kind in ("dieu", "khoan", "diem", "phu_luc"):
            if u.kind == "dieu":
                best = {"dieu": u.number}
            elif u.kind == "phu_luc" and "dieu" not in best:
                best = {"phu_luc": u.number}
            elif u.kind in ("khoan", "diem") and best:
                best[u.kind] = u.number
    return [best] if best else []


def save_topics(conn: sqlite3.Connection, doc_id: int, topics) -> bool:
    before = conn.total_changes
    conn.executemany(
        "INSERT OR IGNORE INTO document_topics(document_id, code, name) VALUES (?,?,?)",
        [(doc_id, t.code, t.name) for t in topics],
    )
    return conn.total_changes != before


def topics_of(conn: sqlite3.Connection, doc_id: int) -> list[dict]:
    return [dict(r) for r in conn.execute(
        "SELECT code, name FROM document_topics WHERE document_id = ? ORDER BY code", (doc_id,)
    )]
