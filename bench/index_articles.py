"""Index build time on a store's documents and their articles (issue 11 §4).

    python -m bench.index_articles --data /tmp/ix [--limit N] [--workers N]

Reads the first ``--limit`` documents of the store (with their units), builds a
fresh index into a temporary directory with ``indexer.build.build`` and prints
wall time, the writing process's CPU time (the serial part, less sensitive to
other jobs on the machine than wall time), articles and characters.
"""
from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="data directory holding the store")
    parser.add_argument("--limit", type=int, default=None, help="first N documents only")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args(argv)

    from indexer.build import build
    from indexer.sources import store_changes

    docs, _removed, seq = store_changes(Path(args.data), 0)
    docs = docs[:args.limit] if args.limit else docs
    articles = sum(len(d.articles()) for d in docs)
    chars = sum(len(d.text or "") for d in docs)
    with tempfile.TemporaryDirectory() as tmp:
        cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        t0 = time.perf_counter()
        report = build(Path(tmp), docs, total=len(docs), seq=seq, workers=args.workers, progress=False)
        wall = time.perf_counter() - t0
        cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    out = {
        "documents": len(docs), "articles": articles, "characters": chars,
        "wall_s": round(wall, 1),
        "writer_cpu_s": round(cpu1.ru_utime - cpu0.ru_utime + cpu1.ru_stime - cpu0.ru_stime, 1),
        "chars_per_s": round(chars / wall), "indexed_articles": report.extra.get("articles"),
    }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
