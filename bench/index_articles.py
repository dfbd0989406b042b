"""Index build time on a store's documents and their articles (issue 11 §4).

    python -m bench.index_articles --data /tmp/ix [--limit N] [--workers N]

Reads the first ``--limit`` documents of the store (with their units), builds a
fresh index into a temporary directory with ``indexer.build.build`` and prints
wall time, the writing process's CPU time (the serial part, less sensitive to
other jobs on the machine than wall time), the workers' CPU time, peak RSS,
articles and characters, and the index size (documents, articles, and the
``body`` columns: the text kept for snippets).
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
        sizes = _sizes(Path(tmp))
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = {
        "documents": len(docs), "articles": articles, "characters": chars,
        "wall_s": round(wall, 1),
        "writer_cpu_s": round(cpu1.ru_utime - cpu0.ru_utime + cpu1.ru_stime - cpu0.ru_stime, 1),
        "workers_cpu_s": round(children.ru_utime + children.ru_stime, 1),
        "peak_rss_mb": {"writer": round(cpu1.ru_maxrss / 1024), "worker": round(children.ru_maxrss / 1024)},
        "chars_per_s": round(chars / wall), "indexed_articles": report.extra.get("articles"),
        "index_mb": sizes,
    }
    print(json.dumps(out, ensure_ascii=False))


def _sizes(root: Path) -> dict:
    """MB of the generation's files: documents, articles, and their ``body`` columns."""
    out = {"documents": 0, "articles": 0, "documents_body": 0, "articles_body": 0}
    for f in root.rglob("*"):
        if not f.is_file():
            continue
        part = "articles" if f.name.startswith(("articles_", "_articles_")) else "documents"
        out[part] += f.stat().st_size
        if f.name.endswith(".body.col"):
            out[part + "_body"] += f.stat().st_size
    out = {k: round(v / 1e6, 1) for k, v in out.items()}
    out["total"] = round(out["documents"] + out["articles"], 1)
    return out


if __name__ == "__main__":
    main()
