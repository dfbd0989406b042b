"""Query speed on the corpus index (legal + articles): p50/p95 over mixed queries.

    python -m bench.query_speed [--queries 240] [--per-page 20]

The index is built once into bench/results/corpus-index and reused. Besides the warm
timings: the first misspelled query on a searcher just opened (did-you-mean reads the index's
vocabulary then; median of three fresh searchers).
Writes bench/results/query_speed.json.
"""
from __future__ import annotations

import sys
import time

from bench.index_speed import RESULTS, load_docs
from bench.search_queries import index_at, mixed_queries, report_timings, speed_options, timed


def main(argv=None) -> int:
    parser = speed_options(__doc__.splitlines()[0], queries=240)
    parser.add_argument("--per-page", type=int, default=20)
    args = parser.parse_args(argv)
    from indexer.searching import Searcher

    docs = load_docs()
    root = RESULTS / "corpus-index"
    report = index_at(root, docs, args.rebuild)
    if report is not None:
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
    results["first_typo_ms"] = _first_typo_ms(Searcher, root)
    report_timings(results, RESULTS / "query_speed.json")
    return 0


def _first_typo_ms(searcher_class, root, rounds: int = 3) -> float:
    times = []
    for _ in range(rounds):
        with searcher_class(index_dir=root) as searcher:
            started = time.perf_counter()
            result = searcher.search("thu tucc hanh chinhh")
            times.append((time.perf_counter() - started) * 1000)
            if result.did_you_mean is None:
                raise SystemExit("bench.query_speed: the misspelled query got no suggestion")
    return round(sorted(times)[len(times) // 2], 1)


if __name__ == "__main__":
    sys.exit(main())
