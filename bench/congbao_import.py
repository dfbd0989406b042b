"""Công báo texts: read, checked against the crawler's facts, and imported into a store.

    python -m bench.congbao_import [FOLDER] [--no-store]

On ``../shared/corpus/congbao`` (412 texts from gazette PDFs + ``meta.jsonl``):

* reading (decode, furniture out, header, preamble) per file: total, median, p95;
* refusals (files that raise), furniture lines left (:func:`kb.importers.gazette.furniture_left`);
* the header against the crawler: number equal to ``meta.jsonl``/``index.json`` (the slug
  when that is all it has); type equal to its ``loai``; a date whose year is the
  number's year (numbers with a year); an issuer equal to the one the number's
  symbol names (``/NĐ-CP`` → Chính phủ, ``-BTC`` → Bộ Tài chính …); a title that is
  there and does not start or end inside a phrase ("CỦA …", "… CỦA");
* consolidated texts (VBHN) whose preamble gave edges, and the edges;
* then ``import_folder`` into a fresh store: time, new/failed, ``hop_nhat`` and
  ``sua_doi`` edges with a date, records given an effective date.
"""
from __future__ import annotations

import platform
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

# The number's issuing symbol → the issuer the header should name (central bodies only).
SYMBOL_ISSUERS = {
    "CP": "Chính phủ", "TTg": "Thủ tướng Chính phủ", "QH": "Quốc hội", "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "BTC": "Bộ Tài chính", "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội", "BKHĐT": "Bộ Kế hoạch và Đầu tư",
    "BNV": "Bộ Nội vụ", "BCT": "Bộ Công Thương", "BYT": "Bộ Y tế", "BQP": "Bộ Quốc phòng", "BCA": "Bộ Công an",
    "BKHCN": "Bộ Khoa học và Công nghệ", "BTP": "Bộ Tư pháp", "BXD": "Bộ Xây dựng", "NHNN": "Ngân hàng Nhà nước Việt Nam",
    "BGDĐT": "Bộ Giáo dục và Đào tạo", "BNNMT": "Bộ Nông nghiệp và Môi trường", "VPQH": "Văn phòng Quốc hội",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch", "BGTVT": "Bộ Giao thông vận tải", "BTTTT": "Bộ Thông tin và Truyền thông",
    "BNG": "Bộ Ngoại giao", "BTNMT": "Bộ Tài nguyên và Môi trường", "BNNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn",
}
_LINK = re.compile(r"(?i)^(?:của|và)\s|\s(?:của|và|thuộc|tại|về)$|^\d")


def _expected_issuer(number: str | None) -> str | None:
    if not number or "/" not in number:
        return None
    symbol = number.split("/")[-1]
    parts = symbol.split("-")
    last = re.sub(r"\d+$", "", parts[-1])
    return SYMBOL_ISSUERS.get(last)


def _check(c: Counter, misses: list[str], what: str, name: str, got, expected, key) -> None:
    """Count ``what`` checked against the crawler's reference (``key`` folds both); note a miss."""
    c[f"{what}_ref"] += 1
    ok = key(got) == key(expected)
    c[f"{what}_ok"] += ok
    if not ok:
        misses.append(f"{what} {name}: {got} ≠ {expected}")


def main(argv: list[str] | None = None) -> int:
    from kb.config import shared_dir
    from kb.errors import KbError
    from kb.identity import issuer_key, number_key
    from kb.importers.congbao import _TYPES, load_meta, read_congbao, reference_number

    args = argv if argv is not None else sys.argv[1:]
    store = "--no-store" not in args
    args = [a for a in args if not a.startswith("--")]
    folder = Path(args[0]) if args else (shared_dir() or Path("../shared")) / "corpus" / "congbao"
    files = sorted(folder.glob("*.txt"))
    if not files:
        print(f"không có tệp .txt trong {folder}", file=sys.stderr)
        return 1
    meta = load_meta(folder)
    c: Counter = Counter()
    misses: list[str] = []
    per_file = []
    started = time.perf_counter()
    for path in files:
        row = meta.get(path.stem, {})
        t = time.perf_counter()
        try:
            read = read_congbao(path, row)
        except KbError as exc:
            c["refused"] += 1
            misses.append(f"refused {path.name}: {exc}")
            continue
        per_file.append(time.perf_counter() - t)
        doc = read.document
        c["read"] += 1
        c["furniture_left"] += len(read.furniture_left)
        c["furniture_removed"] += doc.extra["congbao"].get("furniture_lines_removed", 0)
        ref = reference_number(row)
        if ref:
            _check(c, misses, "number", path.name, doc.number, ref, number_key)
        kind = _TYPES.get(str(row.get("loai", "")).strip().lower())
        if kind:
            c["type_ref"] += 1
            c["type_ok"] += doc.type == kind
        year = re.search(r"/((?:19|20)\d\d)/", doc.number or "")
        if year:
            c["date_ref"] += 1
            c["date_ok"] += bool(doc.date) and doc.date[:4] == year.group(1)
        expected = _expected_issuer(doc.number)
        if expected:
            _check(c, misses, "issuer", path.name, doc.issuer, expected, issuer_key)
        c["title_ok"] += bool(doc.title) and not _LINK.search(doc.title)
        c["signer"] += bool(doc.signer)
        c["continued"] += bool(doc.extra["congbao"].get("continued_in"))
        if doc.type == "Văn bản hợp nhất":
            c["vbhn"] += 1
            c["vbhn_edges"] += bool(read.relations)
            c["hop_nhat"] += len(read.relations)
            c["sua_doi_stated"] += max(0, len(read.consolidated) - 1)
    elapsed = time.perf_counter() - started
    per_file.sort()

    def pct(a, b):
        return f"{c[a]}/{c[b]} ({100 * c[a] / c[b]:.1f} %)" if c[b] else "—"

    print(f"máy: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"thư mục: {folder} ({len(files)} tệp)")
    print(f"đọc: {elapsed:.1f} s, trung vị {1000 * statistics.median(per_file):.1f} ms, "
          f"p95 {1000 * per_file[int(0.95 * (len(per_file) - 1))]:.1f} ms, lớn nhất {1000 * per_file[-1]:.0f} ms")
    print(f"từ chối: {c['refused']}; dòng trình bày Công báo đã bỏ: {c['furniture_removed']}; còn sót: {c['furniture_left']}")
    print(f"số hiệu đúng như meta: {pct('number_ok', 'number_ref')}")
    print(f"loại đúng như meta: {pct('type_ok', 'type_ref')}")
    print(f"ngày ban hành cùng năm với số hiệu: {pct('date_ok', 'date_ref')}")
    print(f"cơ quan đúng như ký hiệu số: {pct('issuer_ok', 'issuer_ref')}")
    print(f"trích yếu có và không cụt: {c['title_ok']}/{c['read']}")
    print(f"người ký: {c['signer']}/{c['read']} ({c['continued']} văn bản còn tiếp ở số Công báo khác)")
    print(f"VBHN có quan hệ: {pct('vbhn_edges', 'vbhn')}; hop_nhat: {c['hop_nhat']}; sửa đổi nêu: {c['sua_doi_stated']}")
    for line in misses[:40]:
        print("  ✗", line)
    if store:
        _store(folder)
    return 0


def _store(folder: Path) -> None:
    from kb.importers.congbao import import_folder
    from kb.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        with open_store(Path(tmp)) as store:
            t = time.perf_counter()
            report = import_folder(store, folder)
            took = time.perf_counter() - t
            rows = store.conn.execute(
                "SELECT relation, COUNT(*), SUM(effective_date IS NOT NULL) FROM citations "
                "WHERE origin = 'source' AND relation IN ('hop_nhat', 'sua_doi') GROUP BY relation").fetchall()
            effective = store.conn.execute(
                "SELECT COUNT(*) FROM documents WHERE effective_date IS NOT NULL").fetchone()[0]
            t = time.perf_counter()
            again = import_folder(store, folder)
            took_again = time.perf_counter() - t
    print(f"nhập vào kho: {took:.1f} s — {len(report.new)} mới, {len(report.updated)} cập nhật, "
          f"{len(report.failed)} lỗi")
    for relation, count, dated in rows:
        print(f"  cạnh {relation}: {count} ({dated} có ngày hiệu lực)")
    print(f"  văn bản có ngày hiệu lực: {effective}")
    print(f"nhập lại (không đổi): {took_again:.1f} s — {len(again.unchanged)} không đổi")
    for path, reason in report.failed[:10]:
        print("  lỗi:", path, reason)


if __name__ == "__main__":
    raise SystemExit(main())
