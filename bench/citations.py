"""Citation extraction speed on real Vietnamese text: ``python -m bench.citations``.

Reads ``../shared/corpus/articles.tar.gz`` (4,531 articles, ~49 MB) into memory and
runs :func:`kb.citations.get_citations` over each article on one core, for
slices of 1 MB, 10 MB and 50 MB (the corpus, cycled to reach 50 MB), so that
throughput can be compared across sizes (it should stay flat: linear time).
Prints MB/s (UTF-8 bytes) by wall clock and by process CPU time; on a shared
machine the CPU figure is the steadier one.
"""
from __future__ import annotations

import argparse
import sys
import tarfile
import time
from itertools import cycle

from bench import save_results
from kb.citations import get_citations
from kb.config import shared_dir

MB = 1_000_000


def load_articles() -> list[str]:
    shared = shared_dir()
    if shared is None:
        sys.exit("bench.citations: ../shared is absent (set KB_SHARED)")
    with tarfile.open(shared / "corpus" / "articles.tar.gz") as tar:
        return [tar.extractfile(m).read().decode("utf-8") for m in tar.getmembers() if m.isfile()]


def take(articles: list[str], size: int) -> list[str]:
    out, total = [], 0
    for text in cycle(articles):
        if total >= size:
            break
        out.append(text)
        total += len(text.encode("utf-8"))
    return out


def run(texts: list[str], repeat: int) -> tuple[float, float, float, int]:
    size = sum(len(t.encode("utf-8")) for t in texts) / MB
    best_wall = best_cpu = float("inf")
    count = 0
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        count = sum(len(get_citations(t)) for t in texts)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return size, size / best_wall, size / best_cpu, count


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the best is kept (default 3)")
    args = parser.parse_args(argv)
    articles = load_articles()
    print(f"{len(articles)} articles, {sum(len(a.encode()) for a in articles) / MB:.1f} MB")
    print(f"{'size':>8} {'MB/s wall':>10} {'MB/s CPU':>9} {'citations':>10}")
    slices = {}
    for size in (1 * MB, 10 * MB, 50 * MB):
        mb, wall, cpu, count = run(take(articles, size), args.repeat if size < 50 * MB else 1)
        print(f"{mb:7.1f}M {wall:10.1f} {cpu:9.1f} {count:10d}")
        slices[f"{size // MB}MB"] = {"mb": round(mb, 2), "mb_s_wall": round(wall, 2), "mb_s_cpu": round(cpu, 2),
                                     "citations": count}
    save_results("citations", {"articles": len(articles), "repeat": args.repeat, "slices": slices})
    print("(all articles, one core, one process; best of the runs)")


if __name__ == "__main__":
    main()
