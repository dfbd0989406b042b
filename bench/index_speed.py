"""Indexing speed: our indexer vs the plain pyvi + Whoosh pipeline, side by side.

Texts: ../shared/corpus/legal (446 Markdown documents) + corpus/articles.tar.gz
(4,531 articles), about 61 MB.  Each pipeline runs in its own process (so each
gets a clean peak-memory figure), one after the other in the same run.

Three pipelines:

- ``ours``: what ``kb index`` builds, the document index and the article index
  (one entry per Điều, with syllable pairs, accented forms and posting arrays);
- ``docs``: the same code with the documents' units emptied, so only the
  document index is built (the plain pipelines index documents only);
- ``plain``: pyvi + Whoosh's own analyzer and writer (``bench.index_plain``),
  one content field: issue 5's reference;
- ``plain_fields``: the same plain tools building what our document index
  holds (``bench.index_plain.fields_schema``).  Like with like twice over:
  the same documents, the same index content.  The speed-up (target ≥ 2×)
  is ``plain_fields`` / ``docs``; ``plain`` / ``docs`` is reported beside it.

    python -m bench.index_speed [--limit N] [--only ours|docs|plain|plain_fields ...] [--rounds N]

Writes bench/results/index_speed.json.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
PIPELINES = ("ours", "docs", "plain", "plain_fields")


def load_docs(limit: int | None = None):
    from kb.config import shared_dir
    from indexer.sources import documents_from_files, documents_from_tar

    shared = shared_dir()
    if shared is None:
        raise SystemExit("../shared is absent: nothing to measure")
    docs = list(documents_from_files(sorted((shared / "corpus" / "legal").glob("*.md"))))
    docs += list(documents_from_tar(shared / "corpus" / "articles.tar.gz"))
    seen, unique = set(), []
    for d in docs:
        if d.slug not in seen:
            seen.add(d.slug)
            unique.append(d)
    return unique[:limit] if limit else unique


def _dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


class MemorySampler:
    """Peak total PSS (proportional set size) of this process and its children.

    PSS counts shared pages once, split among sharers, so the sum is the
    memory the build really takes; RSS would count shared pages per process.
    """

    def __init__(self, interval: float = 0.25):
        import threading

        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(interval,), daemon=True)

    @staticmethod
    def _tree(pid: int) -> list[int]:
        out = [pid]
        try:
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/children") as fh:
                    for child in fh.read().split():
                        out.extend(MemorySampler._tree(int(child)))
        except OSError:
            pass
        return out

    @staticmethod
    def _pss_kb(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    def _run(self, interval):
        while not self._stop.wait(interval):
            total = sum(self._pss_kb(p) for p in self._tree(os.getpid()))
            self.peak_kb = max(self.peak_kb, total)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def run_one(which: str, limit: int | None) -> dict:
    """In a child process: build one index, report time and memory."""
    docs = load_docs(limit)
    chars = sum(len(d.text or "") for d in docs)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        extra = {}
        with MemorySampler() as memory:
            if which in ("plain", "plain_fields"):
                from bench.index_plain import build_plain

                build_plain(Path(tmp), docs, same_fields=which == "plain_fields")
            else:
                from indexer.build import build

                if which == "docs":  # no units, no articles: the document index alone
                    docs = [dataclasses.replace(d, units=[]) for d in docs]
                report = build(Path(tmp) / "index", docs, total=len(docs), progress=False)
                extra = {"cache_hits": report.cache_hits, "cache_misses": report.cache_misses,
                         "articles": report.extra.get("articles", 0)}
        seconds = time.perf_counter() - started
        extra["peak_pss_total_mb"] = memory.peak_kb / 1024
        size = _dir_size(Path(tmp))
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"pipeline": which, "documents": len(docs), "chars": chars, "seconds": seconds,
            "index_bytes": size, "peak_rss_main_mb": self_kb / 1024,
            "peak_rss_worker_mb": children_kb / 1024, **extra}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--only", choices=PIPELINES, nargs="+", default=None)
    parser.add_argument("--rounds", type=int, default=1,
                        help="alternate the two pipelines this many times (evens out a busy machine)")
    parser.add_argument("--child", choices=PIPELINES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_one(args.child, args.limit)))
        return 0
    runs: list[dict] = []
    order = args.only or list(PIPELINES)
    for round_no in range(args.rounds):
        # alternate which one goes first, so neither always meets the same load
        for which in (order if round_no % 2 == 0 else order[::-1]):
            cmd = [sys.executable, "-m", "bench.index_speed", "--child", which]
            if args.limit:
                cmd += ["--limit", str(args.limit)]
            load = os.getloadavg()[0]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True,
                                 cwd=Path(__file__).resolve().parents[1])
            r = json.loads(out.stdout.strip().splitlines()[-1])
            r["round"] = round_no + 1
            r["load_before"] = load
            runs.append(r)
            print(f"round {round_no + 1} {which:<6} {r['documents']} docs, {r['chars'] / 1e6:.1f} M chars: "
                  f"{r['seconds']:.1f} s, index {r['index_bytes'] / 1e6:.1f} MB, peak RSS main "
                  f"{r['peak_rss_main_mb']:.0f} MB, worker {r['peak_rss_worker_mb']:.0f} MB, all processes "
                  f"(PSS) {r['peak_pss_total_mb']:.0f} MB, load before {load:.1f}", flush=True)
    results: dict = {"runs": runs}
    totals = {w: sum(r["seconds"] for r in runs if r["pipeline"] == w) for w in order}
    for which in order:  # each pipeline's first run, by name (the baseline reads these)
        results[which] = next(r for r in runs if r["pipeline"] == which)
    if "plain_fields" in totals and "docs" in totals:
        results["speedup"] = totals["plain_fields"] / totals["docs"]
        print(f"speed-up, the same document index: {results['speedup']:.2f}× over {args.rounds} round(s) "
              "(target ≥ 2×)")
    if "plain" in totals and "docs" in totals:
        results["speedup_vs_one_field"] = totals["plain"] / totals["docs"]
        print(f"against plain's one field: {results['speedup_vs_one_field']:.2f}×")
    if "plain" in totals and "ours" in totals:
        results["speedup_with_articles"] = totals["plain"] / totals["ours"]
        print(f"ours with the article index too: {results['speedup_with_articles']:.2f}× the plain pipeline's speed")
    results["machine"] = {"cpus": os.cpu_count(), "load_after": os.getloadavg()}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "index_speed.json").write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
