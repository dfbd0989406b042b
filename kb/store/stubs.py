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


def enrich(conn: sqlite3.Connection, stub_id: int, desc: Description) -> bool:
    """Fill what the stub does not know yet from one more description of it; True when it learnt something."""
    return _fill(conn, stub_id, desc, _STUB_FIELDS, stub_only=True)


# What a citation may teach a real document whose header did not give it.
_COMPLETABLE = ("date", "year", "issuer", "type")


def complete(conn: sqlite3.Connection, doc_id: int, desc: Description) -> bool:
    """Fill a real document's missing date, issuer or type from a citation (rank 0: any source overrides)."""
    return _fill(conn, doc_id, desc, _COMPLETABLE, stub_only=False)


def _fill(conn, doc_id, desc, names, stub_only) -> bool:
    row = conn.execute(f"SELECT is_stub, {', '.join(names)} FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None or (stub_only and not row["is_stub"]):
        return False
    if not any(getattr(desc, n) is not None and row[n] is None for n in names):
        return False  # the common case: nothing to learn, no write
    stored, ranks, extra, full = documents.stored_values(conn, doc_id)
    for name in names:
        value = getattr(desc, name)
        if value is not None and stored.get(name) is None:
            stored[name] = value
            ranks[name] = 0
    documents.update(conn, doc_id, stored, ranks, extra, is_stub=bool(full["is_stub"]))
    return True


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



def date_of(conn: sqlite3.Connection, doc_id: int) -> str | None:
    row = conn.execute("SELECT date FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return row["date"] if row else None


def settle_date(conn: sqlite3.Connection, stub_id: int) -> tuple[str, str] | None:
    """Give a stub the date most of its citations state (ties: the earliest), whatever the order
    they came in; returns the stub's keys when the date changed."""
    row = conn.execute("SELECT is_stub, date, number_key, name_key FROM documents WHERE id = ?", (stub_id,)).fetchone()
    if row is None or not row["is_stub"]:
        return None
    best = conn.execute(
        "SELECT date FROM citations WHERE target_id = ? AND described = 'target' AND date IS NOT NULL"
        " GROUP BY date ORDER BY COUNT(*) DESC, date LIMIT 1",
        (stub_id,),
    ).fetchone()
    if best is None or best["date"] == row["date"]:
        return None
    stored, ranks, extra, _ = documents.stored_values(conn, stub_id)
    stored["date"] = best["date"]
    stored["year"] = int(best["date"][:4])
    documents.update(conn, stub_id, stored, ranks, extra, is_stub=True)
    return row["number_key"], row["name_key"]
