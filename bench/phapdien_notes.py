"""Citations in the official Pháp điển notes: ``python -m bench.phapdien_notes``.

Every article of the Bộ pháp điển carries a note (``p.pGhiChu``) naming its source:
"(Điều 1 Luật số 18/2008/QH12 Năng lượng nguyên tử ngày 03/06/2008 của Quốc hội, có hiệu
lực thi hành kể từ ngày 01/01/2009)", later ones short "(Điều 2 Luật số 18/2008/QH12, có
hiệu lực …)", some with "có nội dung được sửa đổi bởi Điều 1 Thông tư số … có hiệu lực …".
The note's own layout gives the truth, read by strict patterns independent of the engine:
the leading article, type and number; for long notes the date and issuer written between
the title and ", có hiệu lực"; the article of the amending or repealing document after
"bởi". The engine (:func:`kb.citations.get_citations`) reads each note as free text; we
count how often its first citation has that number, pinpoint, date and issuer.

Reads ``../shared/corpus/phapdien/BoPhapDienDienTu.zip`` (zipfile + lxml). ``--misses N``
prints N misses of each figure.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
import zipfile
from collections import defaultdict

from lxml import html as lxml_html

from bench import save_results
from kb.citations import get_citations
from kb.config import shared_dir
from kb.identity import number_key
from kb.text import fold

_TYPES = r"(?:Bộ luật|Bộ Luật|Luật|Pháp lệnh|Nghị định|Nghị quyết liên tịch|Nghị quyết|Thông tư liên tịch|Thông tư" \
         r"|Quyết định|Chỉ thị|Sắc lệnh|Lệnh)"
# A number as the note writes it, spaces around "-" and "/" included ("34 /2019/TT-BGTVT").
_NUMBER = r"\d[\w.]*(?:[ ]{0,2}[-/][ ]{0,2}[\w&]+)+"
# "(Điều 12 Thông tư số 64/2006/TTLT/BNN-BNV-BTC …": the note's own source article.
LEAD_RE = re.compile(r"^\(+\s*Điều\s+(?P<dieu>\d+[a-zđ]?)\s+" + _TYPES + r"\s+số\s+(?P<number>" + _NUMBER + r")")
# "… Năng lượng nguyên tử ngày 03/06/2008 của Quốc hội, có hiệu lực thi hành …".
LONG_RE = re.compile(r"\sngày\s+(?P<d>\d\d)/(?P<m>\d\d)/(?P<y>\d{4})\s+của\s+(?P<issuer>[^,()]+?)\s*,\s*có hiệu lực")
# "… bởi Điều 2 Thông tư số 11/2019/TT-BGTVT có hiệu lực …": the changing article.
BY_RE = re.compile(r"bởi\s+Điều\s+(?P<dieu>\d+[a-zđ]?)\s+" + _TYPES + r"\s+số\s+(?P<number>" + _NUMBER + r")")


def load_notes(path) -> list[str]:
    notes = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.startswith("demuc/"):
                continue
            tree = lxml_html.fromstring(archive.read(name))
            for p in tree.xpath('//p[contains(concat(" ", normalize-space(@class), " "), " pGhiChu ")]'):
                notes.append(" ".join(p.text_content().split()))
    return notes


def _truth(number: str) -> str:
    # As written, but for spaces around separators and "Ð" (U+00D0) for "Đ".
    return number.replace(" ", "").replace("\u00d0", "Đ")


def _same_issuer(a: str | None, b: str) -> bool:
    return a is not None and fold(" ".join(a.split())).lower() == fold(" ".join(b.split())).lower()


def measure(notes: list[str]) -> tuple[dict, dict]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # figure → [right, total]
    misses: dict[str, list[str]] = defaultdict(list)

    def score(figure: str, ok: bool, note: str, got) -> None:
        counts[figure][1] += 1
        if ok:
            counts[figure][0] += 1
        else:
            misses[figure].append(f"{note[:220]}\n    → {got}")

    for note in notes:
        lead = LEAD_RE.match(note)
        if lead is None:
            continue
        citations = [c for c in get_citations(note) if not c.self]
        first = next((c for c in citations if c.start <= lead.end("number") and c.end >= lead.start("number")), None)
        got = first.to_json() if first else None
        score("number", first is not None and number_key(first.number) == number_key(_truth(lead.group("number"))), note, got)
        score("pinpoint", first is not None and first.pinpoint == [{"dieu": lead.group("dieu")}], note, got)
        long = LONG_RE.search(note, lead.end())
        if long is not None and ", có hiệu lực" not in note[lead.end():long.start()]:
            date = f"{long['y']}-{long['m']}-{long['d']}"
            score("date (long notes)", first is not None and first.date == date, note, got)
            score("issuer (long notes)", first is not None and _same_issuer(first.issuer, long["issuer"]), note, got)
        for by in BY_RE.finditer(note):
            other = next((c for c in citations if c.start <= by.end("number") and c.end >= by.start("number")), None)
            score("changing article: number", other is not None and number_key(other.number) == number_key(_truth(by["number"])),
                  note, other.to_json() if other else None)
            score("changing article: pinpoint", other is not None and other.pinpoint == [{"dieu": by["dieu"]}],
                  note, other.to_json() if other else None)
    return counts, misses


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", type=int, default=0, help="print this many misses of each figure")
    parser.add_argument("--limit", type=int, default=0, help="only the first N notes")
    args = parser.parse_args(argv)
    shared = shared_dir()
    if shared is None:
        sys.exit("bench.phapdien_notes: ../shared is absent (set KB_SHARED)")
    started = time.perf_counter()
    notes = load_notes(shared / "corpus" / "phapdien" / "BoPhapDienDienTu.zip")
    if args.limit:
        notes = notes[: args.limit]
    counts, misses = measure(notes)
    seconds = time.perf_counter() - started
    print(f"{len(notes)} notes, {seconds:.1f} s")
    print(f"{'figure':<30} {'right':>7} {'total':>7} {'recall':>7}")
    for figure, (right, total) in counts.items():
        print(f"{figure:<30} {right:>7} {total:>7} {right / total if total else 0:>7.4f}")
    save_results("phapdien_notes", {
        "notes": len(notes), "seconds": round(seconds, 1),
        "recall": {figure: round(right / total, 5) if total else None for figure, (right, total) in counts.items()},
        "counts": {figure: {"right": right, "total": total} for figure, (right, total) in counts.items()}})
    for figure, lines in misses.items():
        for line in lines[: args.misses]:
            print(f"[{figure}] {line}")


if __name__ == "__main__":
    main()
