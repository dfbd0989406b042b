"""Reading and header parsing speed, and header accuracy, on ../shared/corpus/legal.

    python -m bench.import_parse [FOLDER]

Prints the time to read every file (``kb.importers.document_from_file``: decode,
strip site furniture, Markdown → text, header and signature parse) and the
header-vs-site-table figures of ``kb.metadata.evaluate``.  The store and the
citation extractor are not included (see bench/store* for the whole import).
"""
from __future__ import annotations

import platform
import statistics
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    from kb.config import shared_dir
    from kb.importers import document_from_file
    from kb.metadata.evaluate import evaluate

    args = argv if argv is not None else sys.argv[1:]
    folder = Path(args[0]) if args else (shared_dir() or Path("../shared")) / "corpus" / "legal"
    files = sorted(folder.glob("*.md"))
    if not files:
        print(f"không có tệp .md trong {folder}", file=sys.stderr)
        return 1
    document_from_file(files[0])  # imports and regex compilation out of the timing
    per_file = []
    started, cpu = time.perf_counter(), time.process_time()
    total_bytes = 0
    for path in files:
        t = time.perf_counter()
        document_from_file(path)
        per_file.append(time.perf_counter() - t)
        total_bytes += path.stat().st_size
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    per_file.sort()
    print(f"{len(files)} tệp, {total_bytes / 1e6:.1f} MB, {elapsed:.2f} s "
          f"({len(files) / elapsed:.0f} tệp/s; trung vị {statistics.median(per_file) * 1000:.1f} ms, "
          f"p95 {per_file[int(0.95 * len(per_file)) - 1] * 1000:.1f} ms, max {per_file[-1] * 1000:.1f} ms)")
    print(f"máy: {platform.machine()}, Python {platform.python_version()}, 1 tiến trình")
    report = evaluate(files)
    print("\n".join(report.lines()))
    from bench import save_results

    save_results("import_parse", {
        "files": len(files), "mb": round(total_bytes / 1e6, 2), "seconds": round(elapsed, 2), "cpu_seconds": round(cpu, 2),
        "median_ms": round(statistics.median(per_file) * 1000, 1),
        "header": {"documents": report.documents, **{name: round(report.rate(name), 4) for name in report.right}}})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
