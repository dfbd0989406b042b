"""Counts for ``kb stats`` and the site's footer."""
from __future__ import annotations

import sqlite3

from kb.model import RELATIONS
from kb.store import validity
from kb.store.db import schema_version


def stats(conn: sqlite3.Connection) -> dict:
    one = lambda sql, *p: conn.execute(sql, p).fetchone()[0]  # noqa: E731
    by_relation = {r: 0 for r in RELATIONS}
    for row in conn.execute("SELECT relation, COUNT(*) FROM citations GROUP BY relation"):
        by_relation[row[0]] = row[1]
    by_status = {s: 0 for s in ("found", "stub", "ambiguous", "unknown")}
    for row in conn.execute(
        "SELECT CASE WHEN c.target_id IS NULL THEN c.status WHEN d.is_stub THEN 'stub' ELSE 'found' END, COUNT(*)"
        " FROM citations c LEFT JOIN documents d ON d.id = c.target_id GROUP BY 1"
    ):
        by_status[row[0]] = row[1]
    by_type = {
        (row[0] or "(chưa rõ loại)"): row[1]
        for row in conn.execute(
            "SELECT type, COUNT(*) FROM documents WHERE is_stub = 0 GROUP BY type ORDER BY COUNT(*) DESC, type"
        )
    }
    return {
        "documents": one("SELECT COUNT(*) FROM documents WHERE is_stub = 0"),
        "with_text": one("SELECT COUNT(*) FROM documents WHERE is_stub = 0 AND text IS NOT NULL AND text != ''"),
        "stubs": one("SELECT COUNT(*) FROM documents WHERE is_stub = 1"),
        "edges": one("SELECT COUNT(*) FROM citations"),
        "edges_by_relation": by_relation,
        "edges_by_status": by_status,
        "unresolved": by_status["ambiguous"] + by_status["unknown"],
        "documents_by_type": by_type,
        "sources": one("SELECT COUNT(*) FROM sources"),
        "raw_pages": one("SELECT COUNT(*) FROM raw_pages"),
        "seq": one("SELECT value FROM counters WHERE name = 'seq'"),
        "schema_version": schema_version(conn),
    } | validity_stats(conn)


def validity_stats(conn: sqlite3.Connection) -> dict:
    """Documents by validity code (stale statuses computed first) and how many have a known effective date."""
    validity.refresh_all(conn)
    return {
        "validity": validity.counts(conn),
        "effective_dates": conn.execute(
            "SELECT COUNT(*) FROM documents WHERE is_stub = 0 AND effective_date IS NOT NULL"
        ).fetchone()[0],
    }
