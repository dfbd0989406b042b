"""Citations as typed edges: writing them with their resolution, re-resolving, reading.

An edge keeps what the citation says about the cited document (number, date,
issuer …) so that it can be resolved again when new documents arrive: a stub
promoted, a second document with the same number making a vague citation
ambiguous.
"""
from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from kb.citations.resolve import resolve_citations, said_about
from kb.model import RELATIONS, Citation
from kb.sentences import sentence_around
from kb.store import documents, stubs, units as units_module
from kb.store.matching import Description, with_locality
from kb.store.records import DocumentRecord, Edge
from kb.store.resolution import Match, match
from kb.structure.anchors import pinpoint_anchor

# Relations that change what a page says about the cited document's validity.
VALIDITY_RELATIONS = ("thay_the", "bai_bo", "ngung_hieu_luc", "sua_doi")


def description_of(citation: Citation, citing_issuer: str | None) -> Description:
    """What ``citation`` says about the document it cites (the stage's :func:`said_about`), with
    "UBND tỉnh" completed by the citing document's province."""
    said = said_about(citation)
    return Description(**{**said, "issuer": with_locality(said["issuer"], citing_issuer)})


def _settle(conn: sqlite3.Connection, found: Match, desc: Description, pending: Pending | None) -> Match:
    """Status, target and candidates of a match; an unknown document gets a stub.

    A stub created or completed here may change how other edges with the same
    number resolve: its keys go to ``pending`` for the caller to re-resolve.
    """
    if found.status == "found":
        if stubs.complete(conn, found.target, desc) and pending is not None:
            pending.add((desc.number_key, desc.name_key))
        return Match("found", found.target)
    if found.status == "stub":
        if stubs.enrich(conn, found.target, desc) and pending is not None:
            pending.add((desc.number_key, desc.name_key))
        if pending is not None:
            pending.stubs.add(found.target)  # what it says is settled from all its citations at the end
        return Match("stub", found.target)
    if found.status == "ambiguous":
        return Match("ambiguous", None, found.candidates)
    if desc.stub_worthy:
        if pending is not None:
            pending.add((desc.number_key, desc.name_key))
        return Match("stub", stubs.create(conn, desc))
    return Match("unknown")


def settle(
    conn: sqlite3.Connection, desc: Description, fixed_id: int, described: str = "target",
    pending: Pending | None = None,
) -> Match | None:
    """The document ``desc`` means, seen from ``fixed_id`` (the edge's known side): found, a
    stub (created for an unknown document described well enough), ambiguous or unknown.
    None when ``desc`` describes ``fixed_id`` itself."""
    if _is_self(conn, fixed_id, desc):
        return None
    found = match(conn, desc, exclude=fixed_id, not_after=_citing_date(conn, fixed_id, described))
    return _settle(conn, found, desc, pending)


def add_text(
    conn: sqlite3.Connection, doc_id: int, text: str, issuer: str | None, citations: Sequence[Citation],
    pending: Pending,
) -> None:
    """A text's citations as edges, one per mention, through the resolution stage.

    The store is the stage's callback (:func:`kb.citations.resolve.resolve_citations`): it
    is asked once per distinct description, as ``kb link`` and the web linker ask it; each
    mention keeps its own span, sentence, pinpoint (``cited_units``) and unit of this text
    (``citing_units``).
    """
    units = units_module.of_document(conn, doc_id, "text")

    def resolve(citation: Citation) -> Match | None:
        desc = description_of(citation, issuer)
        return settle(conn, desc, doc_id, "target", pending) if desc.matchable else None

    settled = {id(c): group.resolution for group in resolve_citations(citations, resolve) for c in group.citations}
    for c in citations:  # in text order, so that edge ids follow the text
        found = settled.get(id(c))
        if found is None:  # the document itself, a citation too vague to look up
            continue
        insert(
            conn, found, fixed_id=doc_id, desc=description_of(c, issuer), relation=c.relation, origin="text",
            owner_id=doc_id, span=(c.start, c.end), surface=c.text, sentence=sentence_around(text, c.start, c.end),
            cited_units=c.pinpoint, citing_units=units_module.containing(units, c.start),
        )


_INSERT = (
    "INSERT INTO citations (citing_id, target_id, owner_id, origin, source_kind, described, relation, status,"
    " span_start, span_end, surface, sentence, number, number_key, name_key, type, issuer, date, year, name,"
    " category, cited_units, citing_units, effective_date) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


def add(
    conn: sqlite3.Connection, *, fixed_id: int, desc: Description, described: str = "target",
    pending: Pending | None = None, **edge,
) -> int | None:
    """Resolve ``desc`` (:func:`settle`) and insert its edge (:func:`insert` takes ``edge``).

    Returns the edge id, or None when the edge would point from a document to itself.
    """
    found = settle(conn, desc, fixed_id, described, pending)
    if found is None:
        return None
    return insert(conn, found, fixed_id=fixed_id, desc=desc, described=described, **edge)


def insert(
    conn: sqlite3.Connection,
    found: Match,
    *,
    fixed_id: int,
    desc: Description,
    relation: str,
    origin: str,
    owner_id: int,
    source_kind: str | None = None,
    described: str = "target",
    span: tuple[int, int] | None = None,
    surface: str | None = None,
    sentence: str | None = None,
    cited_units: list[dict] | None = None,
    citing_units: list[dict] | None = None,
    effective_date: str | None = None,
) -> int | None:
    """Insert one edge: ``fixed_id`` is the known side, ``found`` the other (settled from ``desc``,
    which the edge keeps to be resolved again). None when there is nothing usable to insert."""
    if relation not in RELATIONS:
        relation = "dan_chieu"
    other = found.target
    if described == "citing" and other is None:
        return None  # "Y replaces this" with Y unidentifiable says nothing usable
    citing, target = (fixed_id, other) if described == "target" else (other, fixed_id)
    cur = conn.execute(
        _INSERT,
        (
            citing, target, owner_id, origin, source_kind, described, relation, found.status,
            span[0] if span else None, span[1] if span else None, surface, sentence,
            desc.number, desc.number_key, desc.name_key, desc.type, desc.issuer, desc.date, desc.year,
            desc.name or (desc.title if not desc.number_key else None), desc.category,
            _units_json(cited_units), _units_json(citing_units), effective_date,
        ),
    )
    edge_id = cur.lastrowid
    if found.candidates:
        conn.executemany(
            "INSERT OR IGNORE INTO citation_candidates(citation_id, document_id) VALUES (?, ?)",
            [(edge_id, c) for c in found.candidates],
        )
    if relation in VALIDITY_RELATIONS and target is not None and described == "target":
        documents.bump(conn, target)
    return edge_id


def _units_json(units: list[dict] | None) -> str | None:
    return json.dumps(units, ensure_ascii=False, sort_keys=True) if units else None


def _citing_date(conn: sqlite3.Connection, fixed_id: int, described: str) -> str | None:
    """The date of the citing document when it is the known side (a document cannot cite a later one)."""
    if described != "target":
        return None
    row = conn.execute("SELECT date FROM documents WHERE id = ?", (fixed_id,)).fetchone()
    return row["date"] if row else None


def _is_self(conn: sqlite3.Connection, doc_id: int, desc: Description) -> bool:
    """A mention of the document's own number (the header's "Số: …" when not flagged self)."""
    row = conn.execute("SELECT number_key, name_key, date, year FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        return False
    same_key = (desc.number_key and desc.number_key == row["number_key"]) or (
        not desc.number_key and desc.name_key and desc.name_key == row["name_key"]
    )
    if not same_key:
        return False
    if desc.date and row["date"]:
        return desc.date == row["date"]
    return not (desc.year and row["year"] and desc.year != row["year"])


def remove(conn: sqlite3.Connection, where: str, params: tuple) -> set[int]:
    """Delete edges; returns the documents they touched (to drop orphan stubs, bump validity)."""
    touched: set[int] = set()
    rows = conn.execute(f"SELECT id, citing_id, target_id, relation FROM citations WHERE {where}", params).fetchall()
    if not rows:
        return touched
    ids = [r["id"] for r in rows]
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        touched.update(
            r[0] for r in conn.execute(f"SELECT document_id FROM citation_candidates WHERE citation_id IN ({marks})", chunk)
        )
        conn.execute(f"DELETE FROM citations WHERE id IN ({marks})", chunk)
    for r in rows:
        touched.add(r["citing_id"])
        if r["target_id"] is not None:
            touched.add(r["target_id"])
            if r["relation"] in VALIDITY_RELATIONS:
                documents.bump(conn, r["target_id"])
    return touched


def reresolve(conn: sqlite3.Connection, number_key: str, name_key: str, pending: Pending | None = None) -> set[int]:
    """Resolve again every edge describing a document with these keys; returns documents touched."""
    clauses, params = [], []
    if number_key:
        clauses.append("number_key = ?")
        params.append(number_key)
    if name_key:
        clauses.append("(number_key = '' AND name_key = ?)")
        params.append(name_key)
    if not clauses:
        return set()
    touched: set[int] = set()
    ids = [r[0] for r in conn.execute(f"SELECT id FROM citations WHERE {' OR '.join(clauses)}", params)]
    for edge_id in ids:
        row = conn.execute("SELECT * FROM citations WHERE id = ?", (edge_id,)).fetchone()
        if row is None:  # removed meanwhile
            continue
        desc = Description(
            number=row["number"], type=row["type"], issuer=row["issuer"], date=row["date"],
            year=row["year"], name=row["name"], category=row["category"],
        )
        fixed = row["citing_id"] if row["described"] == "target" else row["target_id"]
        old_other = row["target_id"] if row["described"] == "target" else row["citing_id"]
        old_candidates = [
            r[0] for r in conn.execute("SELECT document_id FROM citation_candidates WHERE citation_id = ?", (row["id"],))
        ]
        found = match(conn, desc, exclude=fixed, not_after=_citing_date(conn, fixed, row["described"]))
        if found.status in ("found", "stub") and found.target == old_other and not old_candidates:
            status = "stub" if found.status == "stub" else "found"
            if status != row["status"]:
                conn.execute("UPDATE citations SET status = ? WHERE id = ?", (status, row["id"]))
            continue
        if found.status == "ambiguous" and sorted(found.candidates) == sorted(old_candidates):
            continue
        settled = _settle(conn, found, desc, pending)
        status, other, candidates = settled.status, settled.target, settled.candidates
        if row["described"] == "citing" and other is None:
            touched.update(remove(conn, "id = ?", (row["id"],)))
            continue
        column = "target_id" if row["described"] == "target" else "citing_id"
        conn.execute(f"UPDATE citations SET {column} = ?, status = ? WHERE id = ?", (other, status, row["id"]))
        conn.execute("DELETE FROM citation_candidates WHERE citation_id = ?", (row["id"],))
        if candidates:
            conn.executemany(
                "INSERT OR IGNORE INTO citation_candidates(citation_id, document_id) VALUES (?, ?)",
                [(row["id"], c) for c in candidates],
            )
        touched.update(i for i in (old_other, other) if i is not None)
        touched.update(old_candidates)
        if row["relation"] in VALIDITY_RELATIONS:
            for doc_id in (old_other, other):
                if doc_id is not None and row["described"] == "target":
                    documents.bump(conn, doc_id)
    return touched


class Pending(set):
    """Work a save leaves for its end: keys (number, name) whose edges must resolve again,
    and stubs whose citations changed (their fields are settled from all their citations)."""

    def __init__(self) -> None:
        super().__init__()
        self.stubs: set[int] = set()


_MAX_ROUNDS = 4  # each key re-resolved at most this often per save: the loop always ends


def settle_pending(conn: sqlite3.Connection, pending: Pending) -> set[int]:
    """Re-resolve edges for every key whose stubs changed, and settle those stubs, until stable.

    Stubs take what most of their citations say, so the result does not depend on the order
    documents were saved in.
    """
    touched: set[int] = set()
    rounds: dict[tuple, int] = {}
    while pending or pending.stubs:
        while pending:
            keys = pending.pop()
            if rounds.get(keys, 0) >= _MAX_ROUNDS:
                continue
            rounds[keys] = rounds.get(keys, 0) + 1
            touched |= reresolve(conn, keys[0], keys[1], pending)
        for stub_id in sorted(pending.stubs | {t for t in touched if t is not None}):
            keys = stubs.rederive(conn, stub_id)
            if keys:
                pending.update(k for k in keys if rounds.get(k, 0) < _MAX_ROUNDS)
        pending.stubs.clear()
    return touched


# --- reading ------------------------------------------------------------------------------
def _edges(conn: sqlite3.Connection, where: str, params: tuple) -> dict[str, list[Edge]]:
    rows = conn.execute(
        f"SELECT * FROM citations WHERE {where} ORDER BY citing_id, span_start IS NULL, span_start, id", params
    ).fetchall()
    candidates: dict[int, list[int]] = defaultdict(list)
    ids = [r["id"] for r in rows if r["status"] == "ambiguous"]
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for c in conn.execute(
            f"SELECT citation_id, document_id FROM citation_candidates WHERE citation_id IN ({marks})", chunk
        ):
            candidates[c[0]].append(c[1])
    wanted = {r["citing_id"] for r in rows} | {r["target_id"] for r in rows if r["target_id"]}
    wanted |= {d for ds in candidates.values() for d in ds}
    records = documents.fetch(conn, wanted)
    grouped: dict[str, list[Edge]] = {}
    for r in rows:
        edge = Edge(
            relation=r["relation"],
            surface=r["surface"],
            sentence=r["sentence"],
            start=r["span_start"],
            end=r["span_end"],
            source_doc=records[r["citing_id"]],
            target_doc=records.get(r["target_id"]) if r["target_id"] else None,
            candidates=documents.ordered(records[c] for c in candidates.get(r["id"], [])),
            origin=r["origin"],
            status=_status(r, records),
            number=r["number"] or r["name"],
            id=r["id"],
            cited_units=json.loads(r["cited_units"]) if r["cited_units"] else [],
            citing_units=json.loads(r["citing_units"]) if r["citing_units"] else [],
            effective_date=r["effective_date"],
        )
        grouped.setdefault(r["relation"], []).append(edge)
    return {rel: grouped[rel] for rel in RELATIONS if rel in grouped}


def _status(row: sqlite3.Row, records: dict[int, DocumentRecord]) -> str:
    if row["target_id"] and row["target_id"] in records:
        return "stub" if records[row["target_id"]].is_stub else "found"
    return row["status"]


def outgoing(conn: sqlite3.Connection, doc_id: int) -> dict[str, list[Edge]]:
    return _edges(conn, "citing_id = ?", (doc_id,))


def incoming(conn: sqlite3.Connection, doc_id: int, relations: tuple[str, ...] = ()) -> dict[str, list[Edge]]:
    if relations:
        marks = ",".join("?" * len(relations))
        return _edges(conn, f"target_id = ? AND relation IN ({marks})", (doc_id, *relations))
    return _edges(conn, "target_id = ?", (doc_id,))


def unique_targets(edges: Iterable[Edge], incoming_side: bool = False) -> list[tuple[Edge, int]]:
    """One line per other document (first mention kept) with the number of mentions."""
    seen: dict[object, list] = {}
    for edge in edges:
        other = edge.source_doc if incoming_side else edge.target_doc
        key = other.id if other is not None else ("?", edge.number, tuple(c.id for c in edge.candidates))
        if key in seen:
            seen[key][1] += 1
        else:
            seen[key] = [edge, 1]
    return [(e, n) for e, n in seen.values()]


# --- changes by unit ------------------------------------------------------------------------
# Relations that change a unit of the cited document, in the order a page names them.
UNIT_CHANGE_RELATIONS = ("sua_doi", "thay_the", "bai_bo", "ngung_hieu_luc")


@dataclass
class UnitChange:
    """One change made to a unit of a document by another document's unit.

    "Khoản 3 Điều 7 (this document) được sửa đổi, bổ sung bởi Điều 1 Nghị định số 24/2022/NĐ-CP,
    có hiệu lực từ 01/06/2022": ``relation`` "sua_doi", ``document`` the amending one,
    ``units`` its units that say so ([{"dieu": "1"}]; ``anchor`` the first one's),
    ``effective_date`` when the change takes effect (the edge's own date, else the amending
    document's effective date), ``sentence`` the words that say it.
    """

    relation: str
    document: DocumentRecord
    units: list[dict]
    anchor: str | None
    effective_date: str | None
    sentence: str | None
    origin: str = "text"

    def to_json(self) -> dict:
        return {
            "relation": self.relation,
            "document": self.document.brief(),
            "units": self.units,
            "anchor": self.anchor,
            "effective_date": self.effective_date,
            "sentence": self.sentence,
            "origin": self.origin,
        }


def unit_changes(conn: sqlite3.Connection, doc_id: int) -> dict[str, list[UnitChange]]:
    """The document's units changed by incoming edges: anchor → changes, oldest first.

    Only edges that name the units (``cited_units``) count; a change to the whole document
    is the validity's business. The same change stated twice (the text and a source)
    is listed once.
    """
    marks = ",".join("?" * len(UNIT_CHANGE_RELATIONS))
    rows = conn.execute(
        f"SELECT citing_id, relation, cited_units, citing_units, effective_date, sentence, origin FROM citations"
        f" WHERE target_id = ? AND relation IN ({marks}) AND cited_units IS NOT NULL AND cited_units != ''",
        (doc_id, *UNIT_CHANGE_RELATIONS),
    ).fetchall()
    if not rows:
        return {}
    records = documents.fetch(conn, {r["citing_id"] for r in rows}, with_text=False)
    out: dict[str, list[UnitChange]] = {}
    seen: set[tuple] = set()
    for r in rows:
        amending = records.get(r["citing_id"])
        if amending is None:
            continue
        citing_units = json.loads(r["citing_units"]) if r["citing_units"] else []
        anchor = pinpoint_anchor(citing_units[0]) if citing_units else None
        effective = r["effective_date"] or amending.effective_date
        for unit in json.loads(r["cited_units"]):
            target_anchor = pinpoint_anchor(unit) if isinstance(unit, dict) else ""
            key = (target_anchor, r["relation"], amending.id, anchor)
            if not target_anchor or key in seen:
                continue
            seen.add(key)
            out.setdefault(target_anchor, []).append(UnitChange(
                relation=r["relation"], document=amending, units=citing_units, anchor=anchor,
                effective_date=effective, sentence=r["sentence"], origin=r["origin"],
            ))
    for changes in out.values():
        changes.sort(key=lambda c: (c.effective_date or c.document.date or "", c.document.id))
    return out
