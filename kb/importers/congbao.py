"""Công báo (government gazette) texts: a crawler's folder of ``<slug>.txt`` + ``meta.jsonl``.

The folder holds the text extracted from each document's gazette PDF and one
JSON line per document from the crawler (``slug``, ``so_hieu``, ``loai``,
``nam``, ``nguon_url`` = the gazette page, ``pdf_url``, ``topic_key``/``topic_name``;
``index.json`` beside it may add ``so_dieu`` and a cleaner ``so_hieu``).

For each text: the gazette furniture is removed (:mod:`kb.importers.gazette`),
the official header is parsed (:func:`kb.metadata.parse_header`) and the
crawler's facts fill what the header does not state.  A văn bản hợp nhất's
preamble (:mod:`kb.importers.consolidation`) becomes edges: ``hop_nhat`` from the
consolidated text to each document it is made from, ``sua_doi`` from each
amender to the original (dated with the amender's effective date), and the
original's and amenders' effective dates on their records.

:func:`import_folder` does the whole folder with a progress bar and the same
report as ``kb import``; :func:`is_congbao_folder` tells ``kb import`` to use it.
"""
from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from kb.errors import KbError
from kb.model import Document, Relation, Source

__all__ = [
    "META_FILE", "SOURCE_KIND", "is_congbao_folder", "load_meta", "read_congbao", "gazette_document",
    "CongbaoDocument", "import_folder", "reference_number",
]

META_FILE = "meta.jsonl"
# Notes beside the texts, not documents.
_COMPANIONS = {"SOURCE.txt", "README.txt"}
SOURCE_KIND = "congbao"
_HOST = "congbao.chinhphu.vn"

# The crawler's "loai" → the document type as the header names it.
_TYPES = {
    "vb hn": "Văn bản hợp nhất", "văn bản hợp nhất": "Văn bản hợp nhất", "nq": "Nghị quyết",
    "nghị quyết": "Nghị quyết", "qđ": "Quyết định", "quyết định": "Quyết định", "tt liên tịch": "Thông tư liên tịch",
    "thông tư liên tịch": "Thông tư liên tịch", "thông tư": "Thông tư", "nghị định": "Nghị định", "luật": "Luật",
    "bộ luật": "Bộ luật", "pháp lệnh": "Pháp lệnh", "chỉ thị": "Chỉ thị", "lệnh": "Lệnh",
}
# "Nghị định số 200/2026/NĐ-CP" → the number after "số".
_SO_HIEU = re.compile(r"(?i)\bsố\s*:?\s*(\S+/\S+)\s*$")
# A slug "nghi-dinh-so-158-2025-nd-cp-45240": the number's parts between "so" and the id.
_SLUG = re.compile(r"-so-(?P<num>[0-9a-z-]+?)-(?P<id>\d{4,})$")
# Symbol parts whose letters lost their "Đ" in the slug (ASCII-only), restored for display.
_D_SYMBOLS = {"nd": "NĐ", "qd": "QĐ", "bldtbxh": "BLĐTBXH", "bkhdt": "BKHĐT", "bgddt": "BGDĐT", "hdnd": "HĐND"}


def is_congbao_folder(path: str | Path) -> bool:
    """A folder of gazette texts: ``meta.jsonl`` whose rows point to congbao.chinhphu.vn
    and name ``<slug>.txt`` files that are there."""
    folder = Path(path)
    meta = folder / META_FILE
    if not folder.is_dir() or not meta.is_file():
        return False
    try:
        with meta.open(encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                row = json.loads(line)
                return (isinstance(row, dict) and _HOST in str(row.get("nguon_url", ""))
                        and (folder / f"{row.get('slug')}.txt").is_file())
    except (OSError, ValueError):
        return False
    return False


def split_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[Path]]:
    """(Công báo folders, everything else) for ``kb import PATH…``.

    A folder holding Công báo folders deeper down (``kb import ../shared/corpus``) is
    opened up: its gazette folders go to the first list, its other files to the second,
    so a gazette text is never imported as a plain file.
    """
    gazettes: list[Path] = []
    others: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if is_congbao_folder(path):
            gazettes.append(path)
            continue
        nested = sorted({m.parent for m in path.rglob(META_FILE) if is_congbao_folder(m.parent)}) if path.is_dir() else []
        if not nested:
            others.append(path)
            continue
        gazettes.extend(nested)
        others.extend(p for p in sorted(path.rglob("*"))
                      if p.is_file() and not any(p.is_relative_to(n) for n in nested))
    return gazettes, others


def load_meta(folder: str | Path) -> dict[str, dict]:
    """The crawler's facts by slug: ``meta.jsonl`` rows, completed from ``index.json``."""
    return meta_and_problems(folder)[0]


def meta_and_problems(folder: str | Path) -> tuple[dict[str, dict], list[tuple[str, str]]]:
    """(facts by slug, [(file and line, what is wrong)]): a bad line costs its facts only."""
    path = Path(folder).resolve()
    try:
        stamp = (path / META_FILE).stat().st_mtime_ns
    except OSError as exc:
        raise KbError(f"Không đọc được {META_FILE} ({exc.strerror or exc}).") from None
    rows, problems = _load_meta(str(path), stamp)
    return dict(rows), list(problems)


@lru_cache(maxsize=8)
def _load_meta(folder: str, _stamp: int) -> tuple:
    rows: dict[str, dict] = {}
    problems: list[tuple[str, str]] = []
    path = Path(folder)
    index = path / "index.json"
    if index.is_file():
        try:
            listed = json.loads(index.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            # index.json only completes meta.jsonl: say so and go on without it.
            problems.append((str(index), f"không đọc được, bỏ qua ({type(exc).__name__})"))
            listed = []
        for row in listed if isinstance(listed, list) else []:
            if isinstance(row, dict) and row.get("slug"):
                rows[row["slug"]] = dict(row)
    try:
        lines = (path / META_FILE).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise KbError(f"Không đọc được {META_FILE} ({getattr(exc, 'strerror', None) or exc}).") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            problems.append((f"{path / META_FILE}:{n}", "dòng không phải JSON, bỏ qua (văn bản vẫn được nhập theo tiêu đề)"))
            continue
        if not isinstance(row, dict) or not row.get("slug"):
            problems.append((f"{path / META_FILE}:{n}", "dòng không có slug, bỏ qua"))
            continue
        merged = rows.setdefault(row["slug"], {})
        index_number = merged.get("so_hieu")
        merged.update({k: v for k, v in row.items() if v not in (None, "")})
        if index_number and "/" in index_number and "/" not in str(row.get("so_hieu", "")):
            merged["so_hieu"] = index_number  # meta.jsonl often holds the slug there
    return tuple(rows.items()), tuple(problems)


def reference_number(row: dict) -> str | None:
    """The crawler's number for a document: its ``so_hieu`` when it is one, else from the slug."""
    from kb.metadata.numbers import canonical_number

    raw = str(row.get("so_hieu") or "").strip()
    if "/" in raw:
        m = _SO_HIEU.search(raw)
        return canonical_number(m.group(1) if m else raw)
    m = _SLUG.search(str(row.get("slug") or raw))
    if not m:
        return None
    parts = m.group("num").split("-")
    # "158-2025-nd-cp" → 158/2025/NĐ-CP; "113-nq-cp" → 113/NQ-CP.
    head = [parts[0]] + ([parts[1]] if len(parts) > 2 and re.fullmatch(r"(?:19|20)\d\d", parts[1]) else [])
    symbol = parts[len(head):]
    if not symbol:
        return None
    symbol_text = "-".join(_D_SYMBOLS.get(p, p.upper()) for p in symbol)
    return canonical_number("/".join(head + [symbol_text]))


def gazette_id(slug: str | None) -> str | None:
    m = re.search(r"-(\d{4,})$", slug or "")
    return m.group(1) if m else None


@dataclass
class CongbaoDocument:
    """One gazette text, read: the document, its source, and what its preamble states."""

    document: Document
    source: Source
    relations: list[Relation] = field(default_factory=list)  # hop_nhat, from this document
    consolidated: list = field(default_factory=list)  # kb.importers.consolidation.Consolidated
    furniture_left: list[str] = field(default_factory=list)


def read_congbao(path: str | Path, row: dict | None = None) -> CongbaoDocument:
    """Read one gazette text; ``row`` is its line of ``meta.jsonl`` (looked up when None)."""
    from kb.importers import _read_path, read_bytes

    path = Path(path)
    if row is None:
        row = load_meta(path.parent).get(path.stem, {})
    data = _read_path(path, None)
    imported = read_bytes(data, str(path), keep_gazette=True)
    return gazette_document(imported, row, data, fallback_url=str(path.resolve()), slug=path.stem)


def gazette_document(imported, row: dict, data: bytes, fallback_url: str | None = None,
                     slug: str | None = None) -> CongbaoDocument:
    """A document from a gazette text (``kb.importers.ImportedText``: a .txt, or a gazette PDF
    read by the PDF importer) and the crawler's facts ``row`` (may be empty)."""
    from kb.importers.consolidation import parse_preamble
    from kb.importers.gazette import furniture_left, strip_gazette
    from kb.metadata import parse_header
    from kb.metadata.numbers import canonical_number
    from kb.identity import number_key

    row = row or {}
    stripped = strip_gazette(imported.text, gazette_id(row.get("slug") or slug))
    text = stripped.text
    if not text.strip():
        raise KbError("Tệp không có nội dung văn bản (chỉ có phần trình bày của Công báo).")
    doc = parse_header(text)
    doc.text = text
    doc.extra["format"] = imported.format
    if imported.encoding:
        doc.extra["encoding"] = imported.encoding

    # The crawler's facts: gaps only — the header is the document's own word.
    facts = {}
    ref = reference_number(row) if row else None
    if ref:
        facts["number"] = ref
        if not doc.number:
            doc.number = ref
            doc.extra["number_from"] = "congbao_meta"
        elif number_key(doc.number) != number_key(ref):
            facts["number_differs"] = True
    kind = _TYPES.get(str(row.get("loai", "")).strip().lower())
    if kind:
        facts["type"] = kind
        if kind == "Văn bản hợp nhất" or not doc.type:
            doc.type = kind
        if kind == "Văn bản hợp nhất" and doc.extra.get("issuer_from") == "body":
            # The promulgation sentence of a consolidated text is its original's.
            doc.issuer = None
            doc.extra.pop("issuer_from")
    if isinstance(row.get("nam"), int) and row["nam"] > 1900:  # the crawler writes 0 when unknown
        facts["year"] = row["nam"]
    if doc.year is None and doc.date:
        doc.year = int(doc.date[:4])
    if doc.year is None and not doc.date and stripped.issue_date:
        # No date left in the text (its header or authentication block is in another issue):
        # the gazette's year keeps two same-numbered texts apart ("19/VBHN-VPQH" is reused yearly).
        doc.year = int(stripped.issue_date[:4])
        doc.extra["year_from"] = "congbao_issue"
    if doc.number:
        doc.number = canonical_number(doc.number) or doc.number
    if row.get("nguon_url"):
        doc.source_url = row["nguon_url"]
    gazette = {k: v for k, v in {
        "issue": stripped.issue, "issue_date": stripped.issue_date,
        "first_page": stripped.first_page, "last_page": stripped.last_page,
        "pdf_url": row.get("pdf_url"), "url": row.get("nguon_url"),
        "id": stripped.gazette_id or gazette_id(row.get("slug") or slug),
        "topic": row.get("topic_name"), "topic_key": row.get("topic_key"), "so_dieu": row.get("so_dieu"),
        "furniture_lines_removed": stripped.removed_lines,
        "continued_in": stripped.continued_in, "continued_from": stripped.continued_from,
    }.items() if v not in (None, "")}
    doc.extra["congbao"] = gazette
    if facts:
        doc.extra["congbao_meta"] = facts

    relations: list[Relation] = []
    consolidated = []
    if doc.type == "Văn bản hợp nhất":
        consolidated = parse_preamble(text)
        for item in consolidated:
            other = Document(number=item.number, type=item.type, date=item.date, issuer=item.issuer)
            relations.append(Relation("hop_nhat", other, direction="out", evidence=item.surface[:400]))
        if consolidated:
            doc.extra["consolidates"] = [
                {k: v for k, v in item.to_json().items() if k != "surface" and v} for item in consolidated
            ]
    source = Source(kind=SOURCE_KIND, url=row.get("nguon_url") or fallback_url, fetched_at=_iso(row.get("crawled_at")),
                    content_hash=hashlib.sha256(data).hexdigest())
    return CongbaoDocument(doc, source, relations, consolidated, furniture_left(text))


def _iso(value) -> str | None:
    if not value:
        return None
    text = str(value).strip()
    for fmt in ("%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"):
        try:
            return datetime.strptime(text, fmt).isoformat(timespec="seconds")
        except ValueError:
            continue
    return None


# --- the folder ----------------------------------------------------------------------
def _parse(args: tuple[str, dict]):
    """Worker: (path, CongbaoDocument, citations) or (path, error message)."""
    path, row = args
    try:
        from kb.citations import get_citations

        read = read_congbao(path, row)
        return path, read, get_citations(read.document.text)
    except KbError as exc:
        return path, str(exc)
    except Exception as exc:  # one bad file must not stop the others; the reason is reported
        return path, f"lỗi khi đọc tệp ({type(exc).__name__}: {exc})"


def import_folder(store, folder: str | Path, progress: Callable[[int], object] | None = None,
                  workers: int | None = None, force: bool = False):
    """Import a Công báo folder into ``store``; returns :class:`kb.ingest.ImportReport`.

    Texts whose bytes were imported from the same gazette page before are counted
    unchanged without being read again (unless ``force``).  After the texts, the
    documents the consolidated texts name are saved once each: their effective
    dates, and the amendments of each original as ``sua_doi`` edges.
    """
    from kb.ingest import ImportReport, default_workers, in_pool, save_one, save_parsed

    started = time.perf_counter()
    folder = Path(folder)
    meta, problems = meta_and_problems(folder)
    files = sorted(p for p in folder.glob("*.txt") if not p.name.startswith(".") and p.name not in _COMPANIONS)
    report = ImportReport(files=len(files))
    report.failed.extend(problems)  # said, not fatal: the texts are still imported
    known = set() if force else {
        (r[0], r[1]) for r in store.conn.execute("SELECT url, content_hash FROM sources WHERE kind = ?", (SOURCE_KIND,))
    }
    jobs = []
    for path in files:
        row = meta.get(path.stem, {})
        if known and row.get("nguon_url"):
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                digest = None
            if (row["nguon_url"], digest) in known:
                report.unchanged.append(str(path))
                continue
        jobs.append((str(path), row))
    consolidations: list[tuple[str, list]] = []

    def save(item):
        path, read, citations = item
        saved = save_one(store, report, path, read.document, read.source,
                         relations=read.relations, citations=citations)
        if saved is not None and read.consolidated:
            consolidations.append((read.source.url, read.consolidated))

    save_parsed(in_pool(_parse, jobs, workers or default_workers()), report, save, progress, len(jobs))
    save_consolidated(store, consolidations, report)
    report.seconds = time.perf_counter() - started
    return report


def save_consolidated(store, consolidations: list[tuple[str, list]], report=None) -> int:
    """Save the documents the consolidated texts name: effective dates and ``sua_doi`` edges.

    Each original is saved once with every amendment any consolidated text states
    (``Relation(direction="in")`` from the amender, dated with its effective date), so
    two consolidations of the same act add up instead of replacing each other.
    Returns the number of records saved or updated.
    """
    from kb.identity import number_key

    originals: dict[str, dict] = {}
    amenders: dict[str, object] = {}
    for url, items in consolidations:
        original = items[0]
        key = number_key(original.number)
        entry = originals.setdefault(key, {"item": original, "url": url, "amended": {}})
        if original.effective_date and not entry["item"].effective_date:
            entry["item"] = original
        for amender in items[1:]:
            if number_key(amender.number) == key:
                continue
            entry["amended"][number_key(amender.number)] = amender
            amenders.setdefault(number_key(amender.number), (amender, url))
    saved = 0
    for item, url in amenders.values():
        saved += _save_fact(store, item, url, [], report)
    for entry in originals.values():
        relations = [
            Relation("sua_doi", _doc_of(a), direction="in", evidence=a.surface[:400], date=a.effective_date)
            for a in entry["amended"].values()
        ]
        saved += _save_fact(store, entry["item"], entry["url"], relations, report)
    return saved


def _doc_of(item) -> Document:
    return Document(number=item.number, type=item.type, date=item.date, issuer=item.issuer,
                    effective_date=item.effective_date)


def _save_fact(store, item, url: str, relations: list[Relation], report) -> int:
    doc = _doc_of(item)
    if doc.date:
        doc.year = int(doc.date[:4])
    doc.extra["stated_by"] = "văn bản hợp nhất"
    source = Source(kind=SOURCE_KIND, url=url)
    try:
        result = store.save_document(doc, source, relations=relations)
    except (KbError, sqlite3.Error) as exc:
        if report is not None:
            report.failed.append((f"{url} → {item.number}", str(exc)))
        return 0
    return 0 if result.status == "unchanged" else 1
