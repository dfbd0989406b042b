"""Raw pages: the bytes a fetch returned, kept so that parsing can be redone offline.

One row per distinct content of a URL: fetching an unchanged page again
records nothing new (``changed`` is False), a changed page adds a version.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3

from kb.store.db import now_iso
from kb.store.records import RawPage


def save(
    conn: sqlite3.Connection, url: str, status: int, headers: dict, body: bytes, fetched_at: str | None = None
) -> RawPage:
    content_hash = hashlib.sha256(body).hexdigest()
    fetched_at = fetched_at or now_iso()
    latest = conn.execute(
        "SELECT id, content_hash FROM raw_pages WHERE url = ? ORDER BY fetched_at DESC, id DESC LIMIT 1", (url,)
    ).fetchone()
    if latest is not None and latest["content_hash"] == content_hash:
        return RawPage(latest["id"], url, content_hash, changed=False)
    existing = conn.execute(
        "SELECT id FROM raw_pages WHERE url = ? AND content_hash = ?", (url, content_hash)
    ).fetchone()
    header_text = json.dumps({str(k): str(v) for k, v in (headers or {}).items()}, ensure_ascii=False, sort_keys=True)
    # One statement each: atomic on its own, and safe inside a caller's transaction.
    if existing is not None:
        # The page went back to an earlier content: that version is the latest again.
        conn.execute(
            "UPDATE raw_pages SET fetched_at = ?, status = ?, headers = ? WHERE id = ?",
            (fetched_at, status, header_text, existing["id"]),
        )
        return RawPage(existing["id"], url, content_hash, changed=True)
    cur = conn.execute(
        "INSERT INTO raw_pages(url, status, headers, body, content_hash, fetched_at) VALUES (?,?,?,?,?,?)",
        (url, status, header_text, body, content_hash, fetched_at),
    )
    return RawPage(cur.lastrowid, url, content_hash, changed=True)


def _record(row: sqlite3.Row) -> RawPage:
    return RawPage(
        id=row["id"],
        url=row["url"],
        content_hash=row["content_hash"],
        changed=False,
        status=row["status"],
        headers=json.loads(row["headers"] or "{}"),
        body=bytes(row["body"]),
        fetched_at=row["fetched_at"],
    )


def latest(conn: sqlite3.Connection, url: str) -> RawPage | None:
    row = conn.execute(
        "SELECT * FROM raw_pages WHERE url = ? ORDER BY fetched_at DESC, id DESC LIMIT 1", (url,)
    ).fetchone()
    return _record(row) if row else None
