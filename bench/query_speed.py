"""Query speed on the corpus index (legal + articles): p50/p95 over mixed queries.

    python -m bench.query_speed [--queries 240] [--per-page 20]

The index is built once into bench/results/corpus-index and reused.
Writes bench/results/query_speed.json.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.index_speed import RESULTS, load_docs
from bench.search_queries import mixed_queries, timed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=240)
    parser.add_argument("--per-page", type=int, default=20)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    from indexer import storage
    from indexer.build import build
    from indexer.searching import Searcher

    docs = load_docs()
    root = RESULTS / "corpus-index"
    if args.rebuild or storage.current_generation(root) is None:
        report = build(root, docs, total=len(docs))
        print(f"built: {report.documents} documents in {report.seconds:.1f} s")
    queries = mixed_queries(docs, args.queries)
    with Searcher(index_dir=root) as searcher:
        timed(searcher, queries[:20], args.per_page)  # warm the OS cache and Python
        results = {"documents": searcher.doc_count, "per_page": args.per_page,
                   "all": timed(searcher, queries, args.per_page)}
        kinds = {
            "numbers": [q for q in queries if any(c.isdigit() for c in q[0]) and ":" not in q[0]],
            "filters": [q for q in queries if ":" in q[0] or q[1]],
        }
        for name, subset in kinds.items():
            results[name] = timed(searcher, subset, args.per_page)
        results["without_snippets"] = timed(searcher, queries, args.per_page, snippets=False)
    for name, r in results.items():
        if isinstance(r, dict):
            print(f"{name:<17} n={r['queries']:<4} p50 {r['p50_ms']:6.1f} ms  p95 {r['p95_ms']:6.1f} ms  "
                  f"max {r['max_ms']:6.1f} ms")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "query_speed.json").write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
