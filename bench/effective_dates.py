"""Effective dates read from a document's text against the official ones: ``python -m bench.effective_dates``.

References: the Bộ pháp điển notes ("(Điều 1 Luật số 18/2008/QH12 … , có hiệu lực thi hành kể
từ ngày 01/01/2009)") in ``../shared/corpus/phapdien/BoPhapDienDienTu.zip``, matched by number;
for ``corpus/legal`` also thuvienphapluat's own "Ngày hiệu lực" when the page shows it.
Texts: ``corpus/congbao`` (gazette text) and ``corpus/legal``. Only the text is read
(``kb.validity.effective.read_dates`` with the issue date parsed from the header).

Prints, per corpus: documents, coverage (a date read), agreement with the reference where both
exist, and the disagreements (``--show``). Target: agreement ≥ 0.9.

A date tied to another document ("… kể từ ngày Nghị định số X có hiệu lực", kind ``dependent``)
is followed as the store follows it (:mod:`kb.validity.dependent`), the store being what a full
build holds: the Pháp điển's documents (their notes' dates) and both corpora (their own dates).
``dependent_undated`` counts those whose other document is not held or has no date.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

from kb.config import shared_dir
from kb.identity import number_key
from kb.metadata.header import parse_header
from kb.validity.dependent import resolve
from kb.validity.effective import read_dates

_NOTE = re.compile(
    r"\((?:[^()]{0,80}?)\b(?:số|Số)\s+(?P<number>[0-9A-Za-zĐđƯư/\-.]+)[^()]{0,600}?,\s*có hiệu lực thi hành kể từ ngày"
    r"\s+(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\)"
)


def official_dates(shared: Path) -> dict[str, str]:
    """number key → the effective date most notes state for it."""
    votes: dict[str, Counter] = defaultdict(Counter)
    package = shared / "corpus" / "phapdien" / "BoPhapDienDienTu.zip"
    with zipfile.ZipFile(package) as z:
        for name in z.namelist():
            if not name.endswith(".html"):
                continue
            html = z.read(name).decode("utf-8", "replace")
            for m in _NOTE.finditer(re.sub(r"<[^>]+>", " ", html)):
                key = number_key(m.group("number").rstrip(".,"))
                if key:
                    votes[key][f"{m.group('y')}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"] += 1
    return {k: c.most_common(1)[0][0] for k, c in votes.items()}


_VBHN_ITEM = re.compile(
    r"(?:Luật|Bộ luật|Pháp lệnh|Nghị định|Nghị quyết|Thông tư(?: liên tịch)?|Quyết định)\s+số\s+"
    r"(?P<number>\d+/\d{4}/[0-9A-Za-zĐđƯư\-]+)[^;]{0,700}?,\s*có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+kể\s+từ\s+ngày\s+"
    r"(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
)


def consolidation_dates(folder: Path) -> dict[str, str]:
    """number key → effective date, from the preambles of consolidated texts (văn bản hợp nhất):
    "Thông tư số 57/2021/TT-BTC ngày … , có hiệu lực thi hành kể từ ngày 20 tháng 07 năm 2021"."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for path in sorted(folder.glob("van-ban-hop-nhat-*.txt")):
        head = " ".join(path.read_text(encoding="utf-8", errors="replace")[:20000].split())
        for m in _VBHN_ITEM.finditer(head):
            votes[number_key(m.group("number"))][f"{m.group('y')}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"] += 1
    return {k: c.most_common(1)[0][0] for k, c in votes.items() if k}


def gazette_numbers(folder: Path) -> dict[str, str]:
    """File stem → number, from the crawler's ``meta.jsonl`` (the header parser misreads a few)."""
    out = {}
    meta = folder / "meta.jsonl"
    if meta.is_file():
        for line in meta.read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            number = row.get("so_hieu") or ""
            if "/" in number:
                out[row.get("slug")] = re.sub(r"^.*?số\s+", "", number)
            else:  # "thong-tu-so-41-2026-tt-btc-469351" → 41/2026/TT-BTC
                m = re.match(r"^[a-z-]+?-so-(\d+)-(\d{4})-([a-z]+(?:-[a-z]+)*?)-\d+$", row.get("slug") or "")
                if m:
                    out[row.get("slug")] = f"{m.group(1)}/{m.group(2)}/{m.group(3).upper()}"
    return out


def held_dates(corpora: list[list[Path]], official: dict[str, str], numbers: dict[str, str]) -> dict[str, str]:
    """number key → effective date of every document a full build holds (notes first, then texts)."""
    held = dict(official)
    for paths in corpora:
        for path in paths:
            text = path.read_text(encoding="utf-8", errors="replace")
            header = parse_header(text)
            number = numbers.get(path.stem) or header.number
            found = read_dates(text, header.date, header.type, number).effective
            if number and found is not None and found.date:
                held.setdefault(number_key(number), found.date)
    return held


def measure(paths: list[Path], official: dict[str, str], show: bool,
            numbers: dict[str, str] | None = None, held: dict[str, str] | None = None) -> dict:
    n = covered = compared = agreed = 0
    kinds: Counter = Counter()
    misses = []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        header = parse_header(text)
        number = (numbers or {}).get(path.stem) or header.number
        found = read_dates(text, header.date, header.type, number)
        if held is not None:
            found.effective = resolve(found.effective, lambda other, issued: held.get(number_key(other)))
        n += 1
        date = found.effective.date if found.effective else None
        if found.effective is not None and found.effective.kind == "dependent" and not date:
            kinds["dependent_undated"] += 1
        if date:
            kinds[found.effective.kind] += 1
            covered += found.effective.kind != "administrative"
        reference = official.get(number_key(number)) if number else None
        if reference is None:
            continue
        compared += 1
        if date == reference:
            agreed += 1
        elif show:
            misses.append((path.name, number, reference, date,
                           found.effective.sentence[:200] if found.effective else None))
    for miss in misses:
        print("  ≠", *miss, sep=" | ")
    return {
        "documents": n,
        "coverage": round(covered / n, 3) if n else 0.0,  # dates the text states (not the administrative rule)
        "coverage_with_rule": round((sum(kinds.values()) - kinds["dependent_undated"]) / n, 3) if n else 0.0,
        "compared": compared,
        "agreement": round(agreed / compared, 3) if compared else None,
        "kinds": dict(kinds),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the disagreements")
    args = parser.parse_args(argv)
    shared = shared_dir()
    if shared is None:
        sys.exit("bench.effective_dates: ../shared is absent (set KB_SHARED)")
    official = official_dates(shared)
    print(f"Pháp điển notes: effective dates of {len(official)} documents")
    corpora = {
        "congbao": sorted((shared / "corpus" / "congbao").glob("*.txt")),
        "legal": sorted((shared / "corpus" / "legal").glob("*.md")),
    }
    numbers = gazette_numbers(shared / "corpus" / "congbao")
    held = held_dates(list(corpora.values()), official, numbers)
    consolidated = consolidation_dates(shared / "corpus" / "congbao")
    print(f"Consolidated texts' preambles: effective dates of {len(consolidated)} documents")
    ok = True
    for name, paths in corpora.items():
        result = measure(paths, official, args.show, numbers, held)
        print(f"{name} vs Pháp điển: {result}")
        if result["agreement"] is not None and result["agreement"] < 0.9:
            ok = False
        paths = [p for p in paths if not p.name.startswith("van-ban-hop-nhat")]
        result = measure(paths, consolidated, args.show, numbers, held)
        print(f"{name} (consolidated texts left out) vs consolidation preambles: {result}")
        if result["agreement"] is not None and result["agreement"] < 0.9:
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
