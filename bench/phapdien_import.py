"""Benchmark: import the Bộ pháp điển package (../shared) into a fresh store, then again.

    python -m bench.phapdien_import [--package PATH] [--keep DIR]

The first pass reads every đề mục, collects the source documents and saves each in its own
transaction; the second pass (the same package) must stop at once, every document unchanged;
the third reads the package again and compares every document (the package stamp ignored)
and must find every one unchanged. Counts: đề mục, articles,
source documents, article-level changes, unit edges (edges naming the units they point at),
related-article edges. The issue's bar: the first pass in at most 300 s on 2 cores.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import resource
import tempfile
import time
from pathlib import Path

from bench import process_cpu
from kb.config import shared_dir
from kb.importers import phapdien
from kb.importers.phapdien import import_package
from kb.store import open_store

LIMIT_SECONDS = 300



def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, help="the package (.zip or folder); default: ../shared's")
    parser.add_argument("--keep", type=Path, help="import into this data directory (kept) instead of a temporary one")
    args = parser.parse_args(argv)
    package = args.package
    if package is None:
        shared = shared_dir()
        package = shared / "corpus" / "phapdien" / "BoPhapDienDienTu.zip" if shared else None
        if package is None or not package.is_file():
            print("skipped: ../shared/corpus/phapdien/BoPhapDienDienTu.zip is absent (set KB_SHARED)", file=sys.stderr)
            return 0
    with tempfile.TemporaryDirectory() as tmp:
        data = args.keep or Path(tmp) / "data"
        with open_store(data) as store:
            wall, cpu = time.monotonic(), process_cpu()
            first = import_package(store, package)
            first_wall, first_cpu = time.monotonic() - wall, process_cpu() - cpu
            wall, cpu = time.monotonic(), process_cpu()
            second = import_package(store, package)
            second_wall, second_cpu = time.monotonic() - wall, process_cpu() - cpu
            wall, cpu = time.monotonic(), process_cpu()
            real_check = phapdien.already_imported
            phapdien.already_imported = lambda store, stamp: None  # compare document by document
            try:
                third = import_package(store, package)
            finally:
                phapdien.already_imported = real_check
            third_wall, third_cpu = time.monotonic() - wall, process_cpu() - cpu
            stats = store.stats()
            by_relation = dict(store.conn.execute(
                "SELECT relation, COUNT(*) FROM citations WHERE source_kind = 'phapdien' GROUP BY relation"
            ).fetchall())
    result = {
        "benchmark": "phapdien_import",
        "package": str(package),
        "demuc": first.demuc,
        "articles": first.articles,
        "source_documents": first.documents,
        "article_changes": first.changes,
        "related_edges": first.related,
        "skipped": len(first.problems),
        "first_seconds": round(first_wall, 1),
        "first_cpu_seconds": round(first_cpu, 1),
        "first": {"new": len(first.new), "updated": len(first.updated), "unchanged": len(first.unchanged),
                  "failed": len(first.failed)},
        "second_seconds": round(second_wall, 1),
        "second_cpu_seconds": round(second_cpu, 1),
        "second": {"new": len(second.new), "updated": len(second.updated), "unchanged": len(second.unchanged),
                   "failed": len(second.failed)},
        "third_seconds": round(third_wall, 1),
        "third_cpu_seconds": round(third_cpu, 1),
        "third": {"new": len(third.new), "updated": len(third.updated), "unchanged": len(third.unchanged),
                  "failed": len(third.failed)},
        "store": {"documents": stats["documents"], "stubs": stats["stubs"], "edges": stats["edges"],
                  "articles": stats["articles"], "unit_edges": stats["unit_edges"], "by_relation": by_relation},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
    }
    print(json.dumps(result, ensure_ascii=False))
    ok = (first_wall <= LIMIT_SECONDS and not first.failed and second.same_package
          and not (second.new or second.updated or third.new or third.updated))
    if not ok:
        print(f"FAIL: first pass {first_wall:.1f}s (limit {LIMIT_SECONDS}s), {len(first.failed)} failures,"
              " or the second pass changed something", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
