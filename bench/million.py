"""Articles at a million: build, size and query time of Whoosh (ours) and Tantivy (issue 11 §4).

The corpus is :mod:`bench.million_corpus`: real headings and paragraphs of the Bộ pháp điển
and the ALQAC laws, recombined into laws of 50 articles (seeded, streamed: memory does not
grow with ``--articles``; the first N articles of a larger run are those of a smaller one).

* ``--engine whoosh``: the product's index, built by ``indexer.build.build`` (the code path of
  ``kb index``: pyvi worker processes, Whoosh writer), searched by ``indexer.Searcher``
  (``unit="article"``, 20 hits with snippets).
* ``--engine tantivy``: the same articles with the same analysis handed to Tantivy as
  pre-tokenized fields (:mod:`bench.million_tantivy`), searched with our query features as
  per-field boosts (20 hits, their stored text read).
* ``--parity``: ALQAC (bench.legal_qa's sets) through Tantivy with those features: P@1, R@10,
  MRR@10 beside plain BM25 (bench.bm25) in the same run.

Queries as in bench.article_speed: long = ALQAC questions of 20–60 words and 20–60-word
passages of pool paragraphs; short = 1–4 syllables of headings, every other one folded.
Each is asked once (first time in this process) and again (warm).

    python -m bench.million --engine tantivy --articles 1000000 [--threads 2] [--heap-mb 512]
    python -m bench.million --engine whoosh --articles 120000
    python -m bench.million --parity

Indexes go to ``--dir`` (default /tmp/million-ENGINE-N, kept for re-querying with
``--query-only``); results to bench/results/million-ENGINE-N.json.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.million_corpus import Pool, laws, law_title, load_pool

RESULTS = Path(__file__).resolve().parent / "results"


def _rss_mb() -> dict:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mb": round(me), "peak_rss_children_mb": round(kids)}


def _load() -> float:
    return round(os.getloadavg()[0], 1)


def _dir_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6, 1)


def _stats(times: list[float], cpu: list[float] | None = None) -> dict:
    times = sorted(times)
    n = len(times)
    out = {"queries": n, "p50_ms": round(1000 * times[n // 2], 1), "p95_ms": round(1000 * times[int(n * 0.95)], 1),
           "max_ms": round(1000 * times[-1], 1), "mean_ms": round(1000 * sum(times) / n, 1)}
    if cpu:
        # the process's CPU time per query: what the query costs, whatever else runs on the machine
        cpu = sorted(cpu)
        out.update(cpu_p50_ms=round(1000 * cpu[n // 2], 1), cpu_p95_ms=round(1000 * cpu[int(n * 0.95)], 1))
    return out


def _timed(search, queries: list[str]) -> dict:
    times, cpu = [], []
    for q in queries:
        started, c0 = time.perf_counter(), time.process_time()
        search(q)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - c0)
    return _stats(times, cpu)


def query_sets(shared: Path, pool: Pool, n: int) -> tuple[list[str], list[str]]:
    from bench.article_speed import queries, real_laws

    _, questions = real_laws(shared)
    return queries(questions, [pool.text[i] for i in pool.headings], [pool.text[i] for i in pool.paragraphs], n)


# --- Whoosh (the product's index) -------------------------------------------------------
def whoosh_docs(pool: Pool, articles: int, seed: int = 7):
    """IndexDocs of the recombined laws, as bench.article_speed makes them (one law at a time)."""
    from bench.article_speed import _year
    from bench.legal_qa import Law, law_document
    from indexer.sources import IndexDoc

    for number, arts in laws(pool, articles, seed):
        d = law_document(Law(number, [(a.number, a.text(pool)) for a in arts]))
        yield IndexDoc(slug=d.slug, number=d.number, type=d.type, title=law_title(number),
                       text=d.text, units=d.units, year=_year(number))


def _log_progress(every: int = 100):
    """A build callback printing documents done, elapsed time and load (a partial run still has a rate)."""
    started = time.perf_counter()

    def report(done: int, total) -> None:
        if done % every == 0:
            print(f"  {done}/{total} documents ({done * 50} articles) {time.perf_counter() - started:.0f} s "
                  f"load {_load()}", flush=True)
    return report


def whoosh_build(root: Path, pool: Pool, articles: int, workers: int | None = None, progress=None) -> dict:
    from indexer.build import build

    report = build(root, whoosh_docs(pool, articles), total=-(-articles // 50), workers=workers, progress=progress)
    return {"build_s": round(report.seconds, 1), "indexed_articles": report.extra.get("articles"),
            "documents": report.documents}


def whoosh_index_mb(root: Path) -> float:
    from indexer import storage

    return _dir_mb(storage.current_generation(root))


def whoosh_searcher(root: Path):
    from indexer.searching import Searcher

    searcher = Searcher(index_dir=root)
    return searcher, lambda q: searcher.search(q, unit="article", per_page=20)


# --- Tantivy ------------------------------------------------------------------------------
def tantivy_docs(pool: Pool, articles: int, seed: int = 7):
    from bench.million_tantivy import document
    from indexer.build import _folded
    from indexer.segment import syllables

    for number, arts in laws(pool, articles, seed):
        dtitle = " ".join(_folded(syllables(law_title(number))))
        for a in arts:
            yield document(f"{number}#dieu-{a.number}", number, a.terms(pool), dtitle, a.text(pool))


def tantivy_build(root: Path, pool: Pool, articles: int, threads: int, heap_mb: int) -> dict:
    from bench.million_tantivy import build

    out = build(root, tantivy_docs(pool, articles), heap_mb=heap_mb, threads=threads)
    out.update(threads=threads, heap_mb=heap_mb, segments=len(list(root.glob("*.idx"))))
    return out


def tantivy_searcher(root: Path):
    from bench.million_tantivy import TantivyArticles

    t = TantivyArticles(root)
    return t, lambda q: t.search(q, 20)


# --- runs ---------------------------------------------------------------------------------
def run_scale(args, shared: Path) -> dict:
    t0 = time.perf_counter()
    pool = load_pool(shared, phapdien=not args.alqac_only, progress=True)
    res: dict = {"engine": args.engine, "articles": args.articles, "pool": pool.sources,
                 "pool_load_s": round(time.perf_counter() - t0, 1), "load_start": _load(),
                 "rss_after_pool": _rss_mb()["peak_rss_mb"], "cpus": os.cpu_count()}
    root = args.dir or Path(tempfile.gettempdir()) / f"million-{args.engine}-{args.articles}"
    if not args.query_only:
        if root.exists():
            shutil.rmtree(root)
        print(f"building {args.engine}, {args.articles} articles → {root}", flush=True)
        if args.engine == "whoosh":
            res.update(whoosh_build(root, pool, args.articles, args.workers, progress=_log_progress()))
        else:
            res.update(tantivy_build(root, pool, args.articles, args.threads, args.heap_mb))
        res["articles_per_s"] = round(args.articles / res["build_s"])
        res["load_after_build"] = _load()
        res.update(_rss_mb())
        print(json.dumps(res, ensure_ascii=False), flush=True)
    res["index_mb"] = whoosh_index_mb(root) if args.engine == "whoosh" else _dir_mb(root)
    long_q, short_q = query_sets(shared, pool, args.queries)
    del pool
    started = time.perf_counter()
    searcher, search = whoosh_searcher(root) if args.engine == "whoosh" else tantivy_searcher(root)
    search("khởi động")
    res["open_s"] = round(time.perf_counter() - started, 2)
    res["long"] = _timed(search, long_q)
    res["short"] = _timed(search, short_q)
    res["long_warm"] = _timed(search, long_q)
    res["short_warm"] = _timed(search, short_q)
    res["load_after_queries"] = _load()
    res["rss_after_queries"] = _rss_mb()["peak_rss_mb"]
    if args.engine == "whoosh":
        searcher.close()
    return res


def run_parity(shared: Path, sets: list[str]) -> list[dict]:
    """ALQAC through Tantivy with our features, and plain BM25 over the same articles."""
    from bench.bm25 import BM25
    from bench.legal_qa import K, Scores, load_set
    from bench.million_corpus import analyze_piece
    from bench.million_tantivy import TantivyArticles, build, document

    out = []
    for name in sets:
        laws_, questions = load_set(shared / "legal-qa" / name)
        with tempfile.TemporaryDirectory(prefix="million-parity-") as tmp:
            def docs():
                for law in laws_:
                    numbered = any(c.isdigit() for c in law.id) and "/" in law.id
                    dtitle = analyze_piece(law_title(law.id) if numbered else law.id)[1]
                    for number, text in law.articles:
                        heading, _, body = text.partition("\n")
                        unit = f"Điều {number}. {heading.strip()}\n{body.strip()}"
                        acc, fol, pairs = analyze_piece(unit)
                        terms = {"fsyl": fol, "asyl": acc, "fbi": pairs, "head_f": analyze_piece(heading)[1]}
                        yield document(f"{law.id}#{number}", law.id, terms, dtitle, unit)
            built = build(Path(tmp), docs(), heap_mb=128, threads=1)
            t = TantivyArticles(Path(tmp))
            ours, times = Scores(), []
            for q in questions:
                started = time.perf_counter()
                hits = t.search(q.text[:500], K)
                times.append(time.perf_counter() - started)
                ours.add([tuple(uid.rsplit("#", 1)) for uid, _ in hits], q.relevant)
            del t
        index = [(law.id, number) for law in laws_ for number, _ in law.articles]
        bm25 = BM25([text for law in laws_ for _, text in law.articles])
        plain = Scores()
        for q in questions:
            plain.add([index[i] for i in bm25.top(q.text, K)], q.relevant)
        out.append({"set": name, "articles": len(index), "questions": len(questions), "tantivy": ours.json(),
                    "bm25": plain.json(), "build_s": built["build_s"], "query": _stats(times)})
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("whoosh", "tantivy"), default="tantivy")
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200, help="long and short queries, each")
    parser.add_argument("--threads", type=int, default=2, help="Tantivy indexing threads")
    parser.add_argument("--heap-mb", type=int, default=512, help="Tantivy writer heap, all threads")
    parser.add_argument("--workers", type=int, default=None, help="Whoosh build: analysis workers")
    parser.add_argument("--dir", type=Path, help="index directory (replaced)")
    parser.add_argument("--query-only", action="store_true", help="query the index already in --dir")
    parser.add_argument("--alqac-only", action="store_true", help="pool from the ALQAC laws only (fast)")
    parser.add_argument("--parity", action="store_true", help="ALQAC MRR@10 through Tantivy")
    args = parser.parse_args(argv)
    from kb.config import shared_dir

    shared = shared_dir()
    if shared is None:
        print("../shared is absent: nothing to measure", file=sys.stderr)
        return 2
    RESULTS.mkdir(exist_ok=True)
    if args.parity:
        res = run_parity(shared, ["alqac2024", "alqac2022"])
        for r in res:
            print(f"{r['set']}: {r['questions']} questions, {r['articles']} articles; "
                  f"Tantivy {r['tantivy']}  BM25 {r['bm25']}  query {r['query']}")
        (RESULTS / "million-parity.json").write_text(json.dumps(res, indent=1))
        return 0
    if args.articles < 1:
        print("--articles must be at least 1", file=sys.stderr)
        return 2
    res = run_scale(args, shared)
    for key in ("long", "short", "long_warm", "short_warm"):
        r = res[key]
        print(f"{key:<11} n={r['queries']:<4} p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms  max {r['max_ms']:7.1f} ms"
              f"  (CPU p50 {r['cpu_p50_ms']:.1f}, p95 {r['cpu_p95_ms']:.1f} ms)")
    print(json.dumps({k: v for k, v in res.items() if not isinstance(v, dict)}, ensure_ascii=False))
    (RESULTS / f"million-{args.engine}-{args.articles}.json").write_text(json.dumps(res, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
