"""Benchmark: import ../shared/corpus/legal (446 documents) into a fresh store, then again.

    python -m bench.store_import [--workers N] [--keep DIR]

The first pass parses (headers, citations) in worker processes and saves from
one writer; a forced second pass parses and saves everything again and must
find every document unchanged; a plain third pass skips files whose bytes were
imported before.  The issue's bar:
under a minute for the first pass on a 2-core machine.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from pathlib import Path

from bench import process_cpu
from kb.config import shared_dir
from kb.store import open_store
from kb.ingest import default_workers, import_paths

LIMIT_SECONDS = 60



def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--keep", type=Path, help="import into this data directory (kept) instead of a temporary one")
    args = parser.parse_args(argv)
    shared = shared_dir()
    if shared is None:
        print("skipped: ../shared is absent (set KB_SHARED)", file=sys.stderr)
        return 0
    corpus = shared / "corpus" / "legal"
    files = sorted(corpus.glob("*.md"))
    with tempfile.TemporaryDirectory() as tmp:
        data = args.keep or Path(tmp) / "data"
        with open_store(data) as store:
            cpu = process_cpu()
            first = import_paths(store, files, workers=args.workers)
            first_cpu, cpu = process_cpu() - cpu, process_cpu()
            forced = import_paths(store, files, workers=args.workers, force=True)
            forced_cpu = process_cpu() - cpu
            second = import_paths(store, files, workers=args.workers)
            stats = store.stats()
    result = {
        "benchmark": "store_import",
        "files": len(files),
        "workers": args.workers,
        "first_seconds": round(first.seconds, 2),
        "first_docs_per_second": round(len(files) / first.seconds, 1),
        "first_cpu_seconds": round(first_cpu, 2),
        "first": {"new": len(first.new), "updated": len(first.updated), "unchanged": len(first.unchanged),
                  "failed": len(first.failed)},
        "forced_seconds": round(forced.seconds, 2),
        "forced_cpu_seconds": round(forced_cpu, 2),
        "forced": {"new": len(forced.new), "updated": len(forced.updated), "unchanged": len(forced.unchanged),
                   "failed": len(forced.failed)},
        "second_seconds": round(second.seconds, 2),
        "second": {"new": len(second.new), "updated": len(second.updated), "unchanged": len(second.unchanged),
                   "failed": len(second.failed)},
        "documents": stats["documents"],
        "stubs": stats["stubs"],
        "edges": stats["edges"],
        "unresolved": stats["unresolved"],
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
    }
    print(json.dumps(result, ensure_ascii=False))
    ok = (first.seconds < LIMIT_SECONDS and not first.failed
          and not (second.new or second.updated or forced.new or forced.updated))
    if not ok:
        print(f"FAIL: first pass {first.seconds:.1f}s (limit {LIMIT_SECONDS}s), later passes not all unchanged,"
              f" or {len(first.failed)} failures", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
