"""Which document does a citation mean?  Number (or name) + date/year + issuer.

Resolution never guesses: several documents that fit equally well stay
candidates ("ambiguous").  A real document is preferred to a stub that may be
the same document; a stub that contradicts every real one is a different
document with the same number, which makes a vague citation ambiguous.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from kb.store.documents import rows_by_key
from kb.store.matching import Description, compatible, has_year, issuer_implied


@dataclass
class Match:
    status: str  # found | stub | ambiguous | unknown
    target: int | None = None
    candidates: list[int] = field(default_factory=list)


def _fits(desc: Description, row: sqlite3.Row) -> bool:
    return compatible(desc, row["date"], row["year"], row["issuer_key"])


def _same_document_possible(a: sqlite3.Row, b: sqlite3.Row, by_number: bool = True) -> bool:
    if by_number and a["number_key"] and b["number_key"] and a["number_key"] != b["number_key"]:
        return False  # two numbers are two documents
    described = Description(date=a["date"], year=a["year"])
    described.issuer_key = a["issuer_key"]
    described.year_in_number = has_year(a["number_key"])
    described.issuer_in_number = issuer_implied(a["number_key"])
    return compatible(described, b["date"], b["year"], b["issuer_key"])


def _narrow(desc: Description, rows: list[sqlite3.Row]) -> list[sqlite3.Row]:
    """Among fitting documents, those that fit exactly (same date, same issuer) when there are such."""
    if desc.date:
        exact = [r for r in rows if r["date"] == desc.date]
        rows = exact or rows
    if desc.issuer_key:
        exact = [r for r in rows if r["issuer_key"] == desc.issuer_key]
        rows = exact or rows
    return rows


def match(
    conn: sqlite3.Connection, desc: Description, exclude: int | None = None, not_after: str | None = None
) -> Match:
    """Resolve ``desc``; ``not_after`` is the citing document's date: it cannot cite a later one."""
    if not desc.matchable:
        return Match("unknown")
    rows = [
        r
        for r in rows_by_key(conn, desc.number_key, "" if desc.number_key else desc.name_key)
        if r["id"] != exclude and _fits(desc, r)
    ]
    if not rows:
        return Match("unknown")
    real = [r for r in rows if not r["is_stub"]]
    # A stub that could be one of the real documents is not a separate candidate.
    # For a citation by name, a stub dated like a real document of that name is that document
    # under a mistyped number ("72/2025/QH" beside 72/2025/QH15): two laws of one name and one
    # date do not exist.
    by_number = bool(desc.number_key)
    stubs = [r for r in rows if r["is_stub"] and not any(_same_document_possible(r, d, by_number) for d in real)]
    pool = real + stubs if real else [r for r in rows if r["is_stub"]]
    # Stubs only, which could all be one document (a law cited by name here, by number there):
    # they are one candidate, the most specific record; the others empty out and are dropped.
    if len(pool) > 1 and not real and all(_same_document_possible(a, b) for a in pool for b in pool):
        return Match("stub", max(pool, key=_specificity)["id"])
    if len(pool) > 1:
        # A stub that a more specific stub may be ("Luật Đất đai năm 2013" beside 45/2013/QH13)
        # is not a candidate of its own: it empties out and is dropped.
        pool = [
            r for r in pool
            if not (r["is_stub"] and any(
                o["is_stub"] and o["id"] != r["id"] and _specificity(o) > _specificity(r)
                and _same_document_possible(r, o) for o in pool
            ))
        ]
        pool = _narrow(desc, pool)
    if len(pool) > 1 and not_after:
        # Among equals, a document cannot cite one issued after it.  Only a tie-breaker:
        # the citing document's own date may be wrong, so it never rules out the only fit.
        earlier = [r for r in pool if not (r["date"] and r["date"] > not_after)]
        pool = earlier or pool
    if len(pool) == 1:
        only = pool[0]
        return Match("stub" if only["is_stub"] else "found", only["id"])
    return Match("ambiguous", None, [r["id"] for r in pool])


def _specificity(row: sqlite3.Row) -> tuple:
    """Which of several records of one document to keep: a number, a date, a year, an issuer;
    then the data itself (never the insertion order), so the choice does not depend on it."""
    return (bool(row["number_key"]), bool(row["date"]), bool(row["year"]), bool(row["issuer_key"]),
            row["number_key"], row["date"] or "", row["issuer_key"])
