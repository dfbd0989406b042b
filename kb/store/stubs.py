"""Stubs: records of cited documents whose text the store does not have yet.

A stub holds what citations say about the document (number, type, issuer,
date, year, name); further citations fill in what it lacks.  When the real
document arrives the stub becomes it (same id, so every edge follows), and a
stub nothing points at any more is deleted.
"""
from __future__ import annotations

import sqlite3
from typing import Iterable

from kb.store import documents
from kb.store.matching import Description

_STUB_FIELDS = ("number", "type", "issuer", "date", "year", "name", "title", "category")


def create(conn: sqlite3.Connection, desc: Description) -> int:
    values = {name: getattr(desc, name) for name in _STUB_FIELDS}
    ranks = {name: 0 for name, value in values.items() if value is not None}
    doc_id, _ = documents.insert(conn, values, ranks, is_stub=True)
    return doc_id


def enrich(conn: sqlite3.Connection, stub_id: int, desc: Description) -> None:
    """Fill what the stub does not know yet from one more description of it."""
    stored, ranks, extra, row = documents.stored_values(conn, stub_id)
    if not row["is_stub"]:
        return
    changed = False
    for name in _STUB_FIELDS:
        value = getattr(desc, name)
        if value is not None and stored.get(name) is None and not (name == "category" and stored.get(name)):
            stored[name] = value
            ranks[name] = 0
            changed = True
    if changed:
        documents.update(conn, stub_id, stored, ranks, extra, is_stub=True)


def drop_orphans(conn: sqlite3.Connection, ids: Iterable[int]) -> int:
    """Delete the stubs among ``ids`` that no edge or candidate list mentions any more."""
    dropped = 0
    for doc_id in set(i for i in ids if i is not None):
        row = conn.execute(
            "SELECT is_stub FROM documents WHERE id = ?"
            " AND NOT EXISTS (SELECT 1 FROM citations WHERE target_id = ?)"
            " AND NOT EXISTS (SELECT 1 FROM citations WHERE citing_id = ?)"
            " AND NOT EXISTS (SELECT 1 FROM citation_candidates WHERE document_id = ?)",
            (doc_id, doc_id, doc_id, doc_id),
        ).fetchone()
        if row is not None and row["is_stub"]:
            documents.delete(conn, doc_id)
            dropped += 1
    return dropped

