"""Stubs: records of cited documents whose text the store does not have yet.

A stub holds what citations say about the document (number, type, issuer,
date, year, name): at the end of every save its fields are settled to what most
of its citations say (:func:`rederive`), so the result does not depend on the
order documents arrive in.  When the real document arrives the stub becomes it
(same id, so every edge follows), and a stub nothing points at any more is
deleted.
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



_DERIVED = ("number", "type", "issuer", "date", "name", "category")


def _most_common(values: list) -> object:
    """The value most citations give; ties go to the smallest, never to the first seen."""
    if not values:
        return None
    counts: dict = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return min(counts, key=lambda v: (-counts[v], str(v)))


def rederive(conn: sqlite3.Connection, stub_id: int) -> list[tuple[str, str]] | None:
    """Set a stub's fields to what most of its citations say, whatever order they came in.

    Returns the stub's keys (before and after) when something changed, so that the edges
    describing them are resolved again.
    """
    row = conn.execute("SELECT is_stub, number_key, name_key FROM documents WHERE id = ?", (stub_id,)).fetchone()
    if row is None or not row["is_stub"]:
        return None
    every = conn.execute(
        "SELECT number, number_key, type, issuer, date, year, name, category FROM citations"
        " WHERE (target_id = ? AND described = 'target') OR (citing_id = ? AND described = 'citing')",
        (stub_id, stub_id),
    ).fetchall()
    if not every:
        return None  # nothing points at it: dropped as an orphan
    # A numbered stub is described by the citations that give its number; citations by name
    # only lend it a name.  (Their dates would choose between same-named stubs and then
    # confirm the choice: the first one saved would win.)
    said = [r for r in every if row["number_key"] and r["number_key"] == row["number_key"]] or every
    stored, ranks, extra, _ = documents.stored_values(conn, stub_id)
    merged = dict(stored)
    for name in _DERIVED:
        merged[name] = _most_common([r[name] for r in said if r[name] is not None])
    merged["name"] = merged["name"] or _most_common([r["name"] for r in every if r["name"]])
    merged["category"] = merged["category"] or "state"
    merged["title"] = stored.get("title")  # said by a source's relation, not by citations
    dated_years = [int(r["date"][:4]) for r in said if r["date"]]
    merged["year"] = (
        int(merged["date"][:4]) if merged["date"]
        else _most_common([r["year"] for r in said if r["year"]] or dated_years)
    )
    if all(merged.get(k) == stored.get(k) for k in merged):
        return None
    ranks = {k: 0 for k, v in merged.items() if v is not None}
    documents.update(conn, stub_id, merged, ranks, extra, is_stub=True)
    new = conn.execute("SELECT number_key, name_key FROM documents WHERE id = ?", (stub_id,)).fetchone()
    return [(row["number_key"], row["name_key"]), (new["number_key"], new["name_key"])]
