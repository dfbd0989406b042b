"""Rows of the documents table: reading, slugs, the change counter, merging fields.

Fields are merged by the rank of the source that set them: a hand-checked or
official source (catalogue, vbpl) is not overwritten by a header parsed from a
file, and nothing is overwritten by what a citation says (stubs, rank 0).
A missing value never erases a known one.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Iterable

from kb.identity import document_slug, issuer_key, slugify
from kb.store.db import now_iso
from kb.store.matching import Description, name_key, year_of
from kb.store.records import DOCUMENT_FIELDS, DocumentRecord

# How much a source's word counts when two sources disagree on a field.
SOURCE_RANKS = {"stub": 0, "file": 1, "upload": 1, "web": 2, "tvpl": 2, "vbpl": 3, "catalogue": 3,
                # The Bộ pháp điển gives a document's codified articles only: any full text
                # (a file, the corpus, the Công báo, vbpl) wins over it; it still beats a stub.
                "phapdien": 0.5}
DEFAULT_RANK = 2

BRIEF_COLUMNS = ", ".join(
    ["id", "slug", "is_stub", "seq", "extra", "updated_at"] + [f for f in DOCUMENT_FIELDS if f != "text"]
)
FULL_COLUMNS = BRIEF_COLUMNS + ", text"


def rank_of(kind: str | None) -> int:
    return SOURCE_RANKS.get(kind or "", DEFAULT_RANK)


def next_seq(conn: sqlite3.Connection) -> int:
    return conn.execute("UPDATE counters SET value = value + 1 WHERE name = 'seq' RETURNING value").fetchone()[0]


def current_seq(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT value FROM counters WHERE name = 'seq'").fetchone()[0]


def bump(conn: sqlite3.Connection, doc_id: int) -> None:
    """Mark a document changed for the incremental index (e.g. its validity changed)."""
    conn.execute("UPDATE documents SET seq = ? WHERE id = ?", (next_seq(conn), doc_id))


# --- reading ----------------------------------------------------------------------------
def fetch(conn: sqlite3.Connection, ids: Iterable[int], with_text: bool = False) -> dict[int, DocumentRecord]:
    ids = list(set(ids))
    out: dict[int, DocumentRecord] = {}
    columns = FULL_COLUMNS if with_text else BRIEF_COLUMNS
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(f"SELECT {columns} FROM documents WHERE id IN ({marks})", chunk):
            out[row["id"]] = DocumentRecord.from_row(row)
    return out


def get_by_id(conn: sqlite3.Connection, doc_id: int, with_text: bool = True) -> DocumentRecord | None:
    return fetch(conn, [doc_id], with_text).get(doc_id)


def has_text(conn: sqlite3.Connection, doc_id: int) -> bool:
    """Whether the document's text is held (without reading it)."""
    row = conn.execute("SELECT length(text) > 0 FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return bool(row and row[0])


def id_for_slug(conn: sqlite3.Connection, slug: str) -> int | None:
    row = conn.execute("SELECT id FROM documents WHERE slug = ?", (slug,)).fetchone()
    if row is None:
        row = conn.execute("SELECT document_id FROM slug_aliases WHERE slug = ?", (slug,)).fetchone()
    return row[0] if row else None


def rows_by_key(conn: sqlite3.Connection, number_key: str, name_key: str = "") -> list[sqlite3.Row]:
    """Documents (stubs included) sharing a number key, or a name key for documents without a number."""
    if number_key:
        return conn.execute(
            "SELECT id, is_stub, date, year, issuer_key, number_key, name_key FROM documents"
            " WHERE number_key = ? ORDER BY id",
            (number_key,),
        ).fetchall()
    if name_key:
        return conn.execute(
            "SELECT id, is_stub, date, year, issuer_key, number_key, name_key FROM documents"
            " WHERE name_key = ? ORDER BY id",
            (name_key,),
        ).fetchall()
    return []


def ordered(records: Iterable[DocumentRecord]) -> list[DocumentRecord]:
    """Real documents first, then by date (newest first), then slug: a stable order for lists."""
    return sorted(records, key=lambda r: (r.is_stub, -(int((r.date or "0")[:4]) if r.date else (r.year or 0)), r.date or "", r.slug))


# --- writing ----------------------------------------------------------------------------
def columns_for(values: dict) -> dict:
    """Derived key columns for a set of document fields."""
    year = year_of(values.get("date"), values.get("year"), values.get("number"))
    number = Description(number=values.get("number")).number_key
    nkey = name_key(values.get("name"), values.get("type"), values.get("title"))
    if not number and not nkey:
        nkey = name_key(values.get("title"))  # known by its title only (see saving.identity_of)
    return {"year": year, "number_key": number, "name_key": nkey, "issuer_key": issuer_key(values.get("issuer"))}


def natural_slug(values: dict) -> str:
    year = year_of(values.get("date"), values.get("year"), values.get("number"))
    number = values.get("number")
    name = None
    if not number:
        # A document known by its title only: the first words make a readable, bounded slug.
        name = values.get("name") or " ".join((values.get("title") or "").split()[:10])
    return document_slug(number, values.get("date"), year, name)


def allocate_slug(conn: sqlite3.Connection, values: dict, own_id: int | None = None) -> str:
    """The document's slug, made unique deterministically: issuer words, then a counter."""
    base = natural_slug(values)
    tries = [base]
    issuer = values.get("issuer")
    if issuer:
        tries.append(f"{base}-{slugify(issuer)}")
    for candidate in tries:
        if _slug_free(conn, candidate, own_id):
            return candidate
    n = 2
    while not _slug_free(conn, f"{tries[-1]}-{n}", own_id):
        n += 1
    return f"{tries[-1]}-{n}"


def _slug_free(conn: sqlite3.Connection, slug: str, own_id: int | None) -> bool:
    holder = id_for_slug(conn, slug)
    return holder is None or holder == own_id


def insert(conn: sqlite3.Connection, values: dict, ranks: dict, is_stub: bool, extra: dict | None = None) -> tuple[int, str]:
    values = {k: values.get(k) for k in DOCUMENT_FIELDS if k != "year"} | {"year": values.get("year")}
    values["category"] = values.get("category") or "state"
    slug = allocate_slug(conn, values)
    now = now_iso()
    row = values | columns_for(values) | {
        "slug": slug,
        "is_stub": int(is_stub),
        "seq": next_seq(conn),
        "extra": json.dumps(extra or {}, ensure_ascii=False, sort_keys=True),
        "field_ranks": json.dumps(ranks, sort_keys=True),
        "created_at": now,
        "updated_at": now,
    }
    names = ", ".join(row)
    marks = ", ".join("?" * len(row))
    cur = conn.execute(f"INSERT INTO documents ({names}) VALUES ({marks})", list(row.values()))
    # The slug may have belonged to a stub deleted earlier; it is this document's now.
    conn.execute("DELETE FROM slug_aliases WHERE slug = ?", (slug,))
    return cur.lastrowid, slug


def stored_values(conn: sqlite3.Connection, doc_id: int) -> tuple[dict, dict, dict, sqlite3.Row]:
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
    values = {k: row[k] for k in DOCUMENT_FIELDS}
    return values, json.loads(row["field_ranks"] or "{}"), json.loads(row["extra"] or "{}"), row


def merge(stored: dict, ranks: dict, incoming: dict, rank: int) -> tuple[dict, dict, bool]:
    """Fields after ``incoming`` (from a source of ``rank``) meets ``stored``; and whether values changed."""
    merged, new_ranks, changed = dict(stored), dict(ranks), False
    for name, value in incoming.items():
        if value is None or value == "" or name not in stored:
            continue
        if name == "category" and value == "state" and stored.get(name):
            continue  # the model's default says nothing
        if stored.get(name) is None or rank >= ranks.get(name, 0):
            if stored.get(name) != value:
                merged[name] = value
                changed = True
            new_ranks[name] = max(rank, ranks.get(name, 0)) if stored.get(name) == value else rank
    return merged, new_ranks, changed


def update(
    conn: sqlite3.Connection,
    doc_id: int,
    values: dict,
    ranks: dict,
    extra: dict,
    is_stub: bool,
) -> str:
    """Write merged fields; re-slug when the identity changed (the old slug stays as an alias)."""
    row = conn.execute("SELECT slug FROM documents WHERE id = ?", (doc_id,)).fetchone()
    old_slug = row["slug"]
    # The slug follows the identity (a stub that learnt or lost its date); the same rule as for
    # a new document, so the result does not depend on the document's history.
    slug = allocate_slug(conn, values, own_id=doc_id)
    sets = {k: values.get(k) for k in DOCUMENT_FIELDS} | columns_for(values) | {
        "slug": slug,
        "is_stub": int(is_stub),
        "seq": next_seq(conn),
        "extra": json.dumps(extra, ensure_ascii=False, sort_keys=True),
        "field_ranks": json.dumps(ranks, sort_keys=True),
        "updated_at": now_iso(),
    }
    assignments = ", ".join(f"{k} = ?" for k in sets)
    conn.execute(f"UPDATE documents SET {assignments} WHERE id = ?", [*sets.values(), doc_id])
    if slug != old_slug:
        conn.execute("DELETE FROM slug_aliases WHERE slug = ?", (slug,))
        conn.execute("INSERT OR REPLACE INTO slug_aliases(slug, document_id) VALUES (?, ?)", (old_slug, doc_id))
        conn.execute("INSERT INTO removed_documents(slug, seq) VALUES (?, ?)", (old_slug, current_seq(conn)))
    return slug


def delete(conn: sqlite3.Connection, doc_id: int) -> None:
    """Remove a document (an orphan stub); its slug is reported to the incremental index."""
    row = conn.execute("SELECT slug FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        return
    conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
    conn.execute("INSERT INTO removed_documents(slug, seq) VALUES (?, ?)", (row["slug"], next_seq(conn)))
