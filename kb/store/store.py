"""The ``Store`` facade: one object over one SQLite connection, delegating to small modules.

Use one Store per thread (or per web request): sqlite3 connections stay in
the thread that opened them.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Sequence

from kb.config import database_path
from kb.model import Citation, Document, Relation, Source, Unit
from kb.store import db, documents, edges, raw_pages, resolution, saving
from kb.store import units as units_module
from kb.store.matching import Description, name_key
from kb.store import stats as stats_module
from kb.store import validity as validity_module
from kb.store.records import DocumentRecord, Edge, RawPage, Resolution, SaveResult, Validity


class Store:
    def __init__(self, path: str | Path, extractor: saving.Extractor | None = None):
        path = Path(path)
        if path.suffix not in (".sqlite3", ".sqlite", ".db"):
            path.mkdir(parents=True, exist_ok=True)
            path = database_path(path)
        self.path = path
        self.conn: sqlite3.Connection = db.connect(path)
        self.extractor = extractor

    # --- lifecycle ------------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- writing --------------------------------------------------------------------------
    def save_document(
        self,
        doc: Document,
        source: Source | None = None,
        relations: Sequence[Relation] = (),
        citations: Sequence[Citation] | None = None,
    ) -> SaveResult:
        return saving.save_document(self.conn, doc, source, relations, citations, self.extractor)

    def save_raw_page(
        self, url: str, status: int, headers: dict, body: bytes, fetched_at: str | None = None
    ) -> RawPage:
        try:
            return raw_pages.save(self.conn, url, status, headers, body, fetched_at)
        except sqlite3.Error as exc:
            raise db.store_error(exc) from exc

    @property
    def read_only(self) -> bool:
        """Opened without write permission: reading works, writes are refused."""
        return db.is_read_only(self.conn)

    # --- reading --------------------------------------------------------------------------
    def get(self, slug: str) -> DocumentRecord | None:
        doc_id = documents.id_for_slug(self.conn, slug)
        return documents.get_by_id(self.conn, doc_id) if doc_id is not None else None

    def get_by_id(self, doc_id: int, with_text: bool = True) -> DocumentRecord | None:
        return documents.get_by_id(self.conn, doc_id, with_text)

    def has_text(self, doc_id: int) -> bool:
        """Whether the document's text is held (records from :meth:`resolve` come without it)."""
        return documents.has_text(self.conn, doc_id)

    def lookup(self, number_or_slug: str) -> list[DocumentRecord]:
        """Documents a user's query names: a slug, else every document with that number (or name)."""
        query = " ".join(number_or_slug.split())
        record = self.get(query) or self.get(query.lower())
        if record is not None:
            return [record]
        rows = documents.rows_by_key(self.conn, Description(number=_repair(query)).number_key)
        if not rows:
            rows = documents.rows_by_key(self.conn, "", name_key(query))
        found = documents.fetch(self.conn, [r["id"] for r in rows], with_text=True)
        return documents.ordered(found.values())

    def resolve(self, citation: Citation) -> Resolution:
        desc = edges.description_of(citation, None)
        found = resolution.match(self.conn, desc)
        ids = ([found.target] if found.target else []) + found.candidates
        records = documents.fetch(self.conn, ids, with_text=False)
        return Resolution(
            found.status,
            records.get(found.target) if found.target else None,
            documents.ordered(records[i] for i in found.candidates),
        )

    def outgoing(self, doc_id: int) -> dict[str, list[Edge]]:
        return edges.outgoing(self.conn, doc_id)

    def incoming(self, doc_id: int) -> dict[str, list[Edge]]:
        return edges.incoming(self.conn, doc_id)

    def unit_changes(self, doc_id: int) -> dict[str, list[edges.UnitChange]]:
        """The document's units changed by other documents: anchor → changes (kb.store.edges)."""
        return edges.unit_changes(self.conn, doc_id)

    def units(self, doc_id: int, source: str | None = None) -> list[Unit]:
        """The document's units in order (of ``source``, else of the preferred source)."""
        return units_module.of_document(self.conn, doc_id, source)

    def topics(self, doc_id: int) -> list[dict]:
        return units_module.topics_of(self.conn, doc_id)

    def rebuild_structure(self, progress=None) -> int:
        """Parse again the units of every document whose units an older parser built."""
        ids = units_module.stale_ids(self.conn)
        for doc_id in ids:
            row = self.conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
            with db.transaction(self.conn):
                if units_module.rebuild_from_text(self.conn, doc_id, row["text"]):
                    documents.bump(self.conn, doc_id)
            if progress:
                progress(1)
        return len(ids)

    def validity(self, doc_id: int, today: str | None = None) -> Validity:
        """Validity with its evidence (``today``: ISO date, for tests; default the clock's)."""
        return validity_module.validity(self.conn, doc_id, today)

    def refresh_validity(self, today: str | None = None) -> int:
        """Dates from text, act decisions and cached statuses of every document brought up to date."""
        return validity_module.refresh_all(self.conn, today)

    def sources(self, doc_id: int) -> list[dict]:
        """The document's history of sources, newest first."""
        rows = self.conn.execute(
            "SELECT kind, url, content_hash, fetched_at, raw_page_id, recorded_at, applied FROM sources"
            " WHERE document_id = ? ORDER BY COALESCE(fetched_at, recorded_at) DESC, id DESC",
            (doc_id,),
        )
        return [dict(r) | {"applied": bool(r["applied"])} for r in rows]

    def changes_since(self, seq: int) -> tuple[list[DocumentRecord], list[str], int]:
        """Documents changed after ``seq`` (with text), slugs removed since, and the current seq."""
        new_seq = documents.current_seq(self.conn)
        ids = [r[0] for r in self.conn.execute("SELECT id FROM documents WHERE seq > ? ORDER BY seq", (seq,))]
        records = documents.fetch(self.conn, ids, with_text=True)
        changed = [records[i] for i in ids if i in records]
        live = {r.slug for r in changed}
        removed = [
            r[0]
            for r in self.conn.execute("SELECT DISTINCT slug FROM removed_documents WHERE seq > ?", (seq,))
            # An old slug kept as an alias is still gone from the index's point of view.
            if r[0] not in live
            and self.conn.execute("SELECT 1 FROM documents WHERE slug = ?", (r[0],)).fetchone() is None
        ]
        return changed, removed, new_seq

    def all_documents(self, stubs: bool = True) -> list[DocumentRecord]:
        """Every document without its text (for listings and checks)."""
        where = "" if stubs else " WHERE is_stub = 0"
        ids = [r[0] for r in self.conn.execute(f"SELECT id FROM documents{where} ORDER BY id")]
        records = documents.fetch(self.conn, ids)
        return [records[i] for i in ids]

    def latest_raw_page(self, url: str) -> RawPage | None:
        return raw_pages.latest(self.conn, url)

    def stats(self) -> dict:
        return stats_module.stats(self.conn)


def _repair(query: str) -> str:
    """A number as typed by a user, repaired like a citation's when the extractor is there."""
    from kb.citations import canonical_number

    return canonical_number(query) or query


def open_store(path: str | Path, extractor: saving.Extractor | None = None) -> Store:
    """A Store over a data directory or a ``.sqlite3`` file (migrations applied, WAL, foreign keys)."""
    return Store(path, extractor)
