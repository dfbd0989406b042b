"""Records an official should not trust without a look: ``kb check``.

Each check is a small query over the store that names the records and says why, so whoever
runs the site can see and fix them (``kb show``, a better source, an import). Checks never
change anything.
"""
from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import asdict, dataclass

from kb import vocabulary
from kb.identity import legislatures_of, number_key, repair_number
from kb.store.matching import compatible, Description
from kb.text import fold_key

_GENERIC_TYPES = {"van ban", "cong van"}


@dataclass
class Finding:
    check: str  # duplicate, conflict, odd_number
    slugs: list[str]
    message: str  # Vietnamese, for the reader

    def to_json(self) -> dict:
        return asdict(self)


def run(conn: sqlite3.Connection) -> list[Finding]:
    rows = conn.execute(
        "SELECT id, slug, is_stub, number, number_key, name_key, issuer_key, type, date, year, title, name"
        " FROM documents"
    ).fetchall()
    return duplicates(rows) + conflicts(rows) + odd_numbers(rows) + name_stub_dates(rows)


def duplicates(rows) -> list[Finding]:
    """Two records that the identity rules would take for one document."""
    by_key: dict[str, list] = defaultdict(list)
    for r in rows:
        if r["number_key"]:
            # Repaired first: records saved before a repair rule existed still pair up.
            by_key[number_key(repair_number(r["number"], r["type"]))].append(r)
    out = []
    for key, group in by_key.items():
        if len(group) < 2:
            continue
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                desc = Description(number=a["number"], date=a["date"], year=a["year"])
                desc.issuer_key = a["issuer_key"]
                if compatible(desc, b["date"], b["year"], b["issuer_key"]) and (a["is_stub"] or b["is_stub"] or desc.year_in_number):
                    out.append(Finding("duplicate", [a["slug"], b["slug"]],
                                       f"hai bản ghi có thể là cùng một văn bản số {a['number']}"))
    return out


def conflicts(rows) -> list[Finding]:
    """Facts that contradict the number: its type symbol, its year."""
    out = []
    for r in rows:
        number = r["number"] or ""
        parts = number.split("/")
        if len(parts) >= 3 and parts[1].isdigit() and r["date"] and r["date"][:4] != parts[1]:
            out.append(Finding("conflict", [r["slug"]],
                               f"số {number} mang năm {parts[1]} nhưng ngày ban hành là {r['date']}"))
        symbol = parts[-1].split("-")[0] if len(parts) >= 2 else ""
        # Only a number with its year names its type for sure: "5282/CT-CS" is a Cục Thuế
        # letter, not a Chỉ thị.
        expected = vocabulary.type_by_symbol(symbol) if len(parts) >= 3 and parts[1].isdigit() else None
        if expected and r["type"] and fold_key(r["type"]) not in _GENERIC_TYPES and fold_key(r["type"]) != fold_key(expected) and not _compatible_types(r["type"], expected):
            out.append(Finding("conflict", [r["slug"]],
                               f"số {number} là {expected} nhưng bản ghi ghi loại “{r['type']}”"))
    return out


def _compatible_types(written: str, expected: str) -> bool:
    # "Thông tư liên tịch" under TT, "Nghị quyết liên tịch" under NQ: the longer name is fine.
    return fold_key(written).startswith(fold_key(expected))


def odd_numbers(rows) -> list[Finding]:
    """Numbers whose shape the rules for numbers do not allow."""
    out = []
    for r in rows:
        number = r["number"] or ""
        parts = number.split("/")
        if len(parts) >= 3 and parts[1].isdigit():
            year = int(parts[1])
            last = parts[-1].split("-")[-1]
            if last.startswith(("QH", "UBTVQH")):
                term = last.lstrip("UBTVQH")
                fitting = legislatures_of(year)
                if term.isdigit() and fitting and int(term) not in fitting:
                    out.append(Finding("odd_number", [r["slug"]],
                                       f"số {number}: Quốc hội khóa {term} không họp năm {year}"))
        if number and not any(ch.isdigit() for ch in number.split("/")[0]):
            out.append(Finding("odd_number", [r["slug"]], f"số “{number}” không bắt đầu bằng số thứ tự"))
    return out


def name_stub_dates(rows) -> list[Finding]:
    """Documents cited by name under several dates: all but one are usually another document's date."""
    by_name: dict[str, list] = defaultdict(list)
    for r in rows:
        if not r["number_key"] and r["name_key"] and r["is_stub"]:
            by_name[r["name_key"]].append(r)
    out = []
    for group in by_name.values():
        dates = {r["date"] or r["year"] for r in group}
        if len(group) > 1 and len(dates) > 1:
            out.append(Finding("conflict", [r["slug"] for r in group],
                               f"“{group[0]['name'] or group[0]['title']}” được dẫn với {len(dates)} ngày khác nhau"))
    return out
