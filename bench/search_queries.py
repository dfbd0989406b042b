"""A reproducible mix of queries for the speed benchmarks (words, unaccented, numbers, filters)."""
from __future__ import annotations

import random
import re

from kb.text import fold

_FILTERS = ["loai:quyet-dinh", "loai:nghi-quyet", "loai:cong-van", "nam:2025", "nam:2024-2025",
            "co-quan:ha-noi", "co-quan:\"ho chi minh\""]


def _phrases(docs, rng, n):
    pool = [d for d in docs if d.title and len(d.title.split()) >= 3]
    out = []
    for _ in range(n):
        words = rng.choice(pool).title.lower().split()
        k = rng.randint(1, min(4, len(words)))
        i = rng.randrange(0, len(words) - k + 1)
        out.append(" ".join(words[i:i + k]).strip(",.;:()"))
    return out


def mixed_queries(docs, n: int = 240, seed: int = 5) -> list[tuple[str, dict]]:
    """(query, options) pairs: ¼ accented words, ¼ unaccented, ¼ numbers, ¼ with filters."""
    rng = random.Random(seed)
    quarter = n // 4
    queries: list[tuple[str, dict]] = []
    queries += [(q, {}) for q in _phrases(docs, rng, quarter)]
    queries += [(fold(q), {}) for q in _phrases(docs, rng, quarter)]
    numbered = [d for d in docs if d.number]
    for _ in range(quarter):
        d = rng.choice(numbered)
        head = re.match(r"\d+", d.number)
        spelling = rng.choice([
            d.number,
            " ".join(p for p in re.split(r"[/\-]", d.number) if p),
            f"{fold(d.type or 'so')} {head.group() if head else d.number}",
        ])
        queries.append((spelling, {}))
    for q in _phrases(docs, rng, n - len(queries)):
        if rng.random() < 0.5:
            queries.append((f"{q} {rng.choice(_FILTERS)}", {}))
        else:
            queries.append((q, {"type": rng.choice(["Quyết định", "Công văn", "Nghị quyết"])}))
    rng.shuffle(queries)
    return queries


def timed(searcher, queries, per_page: int = 20, **search_options) -> dict:
    import time

    times = []
    for q, options in queries:
        started = time.perf_counter()
        searcher.search(q, per_page=per_page, **options, **search_options)
        times.append(time.perf_counter() - started)
    times.sort()
    n = len(times)
    return {"queries": n, "p50_ms": 1000 * times[n // 2], "p95_ms": 1000 * times[int(n * 0.95)],
            "max_ms": 1000 * times[-1], "mean_ms": 1000 * sum(times) / n}


def speed_options(description: str, queries: int):
    """The options of a search speed benchmark: ``--queries N`` and ``--rebuild`` (the index)."""
    import argparse

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--queries", type=int, default=queries)
    parser.add_argument("--rebuild", action="store_true")
    return parser


def index_at(root, docs, rebuild: bool):
    """Build the index at ``root`` from ``docs`` when asked or when there is none yet.

    Returns the build's report, or None when the existing index is kept."""
    from indexer import storage
    from indexer.build import build

    if rebuild or storage.current_generation(root) is None:
        return build(root, docs, total=len(docs))
    return None


def report_timings(results: dict, path) -> None:
    """Print one line per timed set (n, p50, p95, max) and the other figures; save them all at ``path`` (JSON)."""
    import json

    for name, r in results.items():
        if isinstance(r, dict):
            print(f"{name:<17} n={r['queries']:<4} p50 {r['p50_ms']:6.1f} ms  p95 {r['p95_ms']:6.1f} ms  "
                  f"max {r['max_ms']:6.1f} ms")
        else:
            print(f"{name}: {r}")
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(results, indent=1))
