"""Scale: an index of N documents recombined from real sentences (default 100,000).

Sentences come from ../shared/corpus (legal + articles); each synthetic
document gets a title (a real sentence, cut), a number, type, issuer and date
drawn from the real ones, and 6–24 random sentences of text (about 2.5 KB).
Measures build time, index size, peak memory and query p50/p95; writes
bench/results/index_scale.json.  Recombined sentences repeat far more than
real documents do, so the sentence cache flatters the build time: the report
gives the cache hit rate next to it.

    python -m bench.index_scale [--docs 100000] [--seconds 3600]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import time
from pathlib import Path

from bench.index_speed import RESULTS, _dir_size, load_docs
from bench.search_queries import mixed_queries, timed
from indexer.sources import IndexDoc

_SPLIT = re.compile(r"(?<=[.;!?])\s+|\n\s*\n")


def sentence_pool(docs, limit: int = 400_000) -> list[str]:
    pool = []
    for d in docs:
        for s in _SPLIT.split(d.text or ""):
            s = " ".join(s.split())
            if 20 <= len(s) <= 600:
                pool.append(s)
    random.Random(1).shuffle(pool)
    return pool[:limit]


def synthetic_docs(real, n: int, seed: int = 7):
    rng = random.Random(seed)
    pool = sentence_pool(real)
    types = [(d.type, re.sub(r"^\d+", "", d.number)) for d in real if d.number and d.type]
    issuers = [d.issuer for d in real if d.issuer] or ["Ủy ban nhân dân tỉnh"]
    for i in range(n):
        doc_type, suffix = rng.choice(types)
        year = rng.randint(2005, 2025)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        number = f"{rng.randint(1, 9999)}{suffix}"
        title = " ".join(rng.choice(pool).split()[:18])
        text = " ".join(rng.choice(pool) for _ in range(rng.randint(6, 24)))
        yield IndexDoc(slug=f"s{i}", number=number, type=doc_type, issuer=rng.choice(issuers),
                       date=date, year=year, title=title, text=text)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=240)
    parser.add_argument("--keep", action="store_true", help="keep the index in bench/results")
    args = parser.parse_args(argv)
    from indexer.build import build
    from indexer.searching import Searcher

    real = load_docs()
    root = RESULTS / f"scale-{args.docs}"
    import shutil

    shutil.rmtree(root, ignore_errors=True)
    sample = list(synthetic_docs(real, min(args.docs, 2000), seed=99))
    chars_per_doc = sum(len(d.text) for d in sample) / len(sample)
    started = time.perf_counter()
    report = build(root, synthetic_docs(real, args.docs), total=args.docs)
    build_s = time.perf_counter() - started
    size = _dir_size(root)
    result = {
        "documents": report.documents, "chars_per_doc": chars_per_doc,
        "build_seconds": build_s, "docs_per_second": report.documents / build_s,
        "index_bytes": size, "bytes_per_doc": size / max(1, report.documents),
        "cache_hit_rate": report.cache_hits / max(1, report.cache_hits + report.cache_misses),
        "peak_rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "peak_rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }
    print(json.dumps(result, indent=1), flush=True)
    open_started = time.perf_counter()
    with Searcher(index_dir=root) as searcher:
        result["open_seconds"] = time.perf_counter() - open_started
        queries = mixed_queries(sample, args.queries)
        timed(searcher, queries[:20])
        result["queries"] = timed(searcher, queries)
    print(json.dumps(result, indent=1))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"index_scale_{args.docs}.json").write_text(json.dumps(result, indent=1))
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
