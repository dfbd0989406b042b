"""Article search speed at the Pháp điển's scale (≈ 60,000 articles).

Real articles first: the 17 laws of ALQAC 2024 and the 4 codes of ALQAC 2022
(3,626 articles).  The rest are recombined: laws of 50 articles, each article
a real heading and 1–6 real paragraphs drawn from those articles (so that
vocabulary, lengths and repetition are those of real law), until ``--articles``
is reached.  Every document goes through the same build as ``kb index``
(document index + article index).  Queries:

* long: the ALQAC questions of 20–60 words, and 20–60-word passages cut from
  random articles (an official pasting a sentence);
* short: 1–4 syllables from real article headings, with and without diacritics.

Article queries ask ``unit="article"`` (20 hits, snippets); document queries
(the default) also pick each hit's best article.  Each query is new to the
searcher the first time (its postings are not in the searcher's cache yet); the
``_warm`` rows ask the same queries again.  Each row gives wall time and the
process's CPU time per query (on a shared machine the wall time follows the
load; the CPU time much less), with the load average during the queries; the
searcher's memory (resident set, anonymous and file-mapped) is read before
opening and after the queries.

    python -m bench.article_speed [--articles 60000] [--queries 200] [--rebuild]

The index is kept in bench/results/article-index; results in
bench/results/article_speed.json.
"""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from bench.index_speed import RESULTS, _dir_size
from bench.search_queries import index_at, report_timings, speed_options
from kb.text import fold

PER_LAW = 50


def real_laws(shared: Path):
    from bench.legal_qa import load_set

    laws, questions = [], []
    for name in ("alqac2024", "alqac2022"):
        l, q = load_set(shared / "legal-qa" / name)
        laws += l
        questions += [x.text for x in q]
    return laws, questions


def make_docs(laws, target: int, seed: int = 7):
    """IndexDocs: the real laws, then recombined laws of PER_LAW articles, up to ``target`` articles."""
    from bench.legal_qa import Law, law_document
    from indexer.sources import IndexDoc

    rng = random.Random(seed)
    headings, paragraphs = [], []
    for law in laws:
        for _, text in law.articles:
            head, _, body = text.partition("\n")
            headings.append(head.strip())
            paragraphs += [p.strip() for p in body.split("\n") if len(p.strip()) > 40]
    all_laws = list(laws)
    count = sum(len(l.articles) for l in laws)
    k = 0
    while count < target:
        n = min(PER_LAW, target - count)
        arts = [(str(i + 1), rng.choice(headings) + "\n\n" + "\n".join(rng.sample(paragraphs, rng.randint(1, 6))))
                for i in range(n)]
        all_laws.append(Law(f"{k + 1}/{2000 + k % 25}/QH{10 + k % 6}", arts))
        count += n
        k += 1
    docs = []
    for law in all_laws:
        d = law_document(law)
        docs.append(IndexDoc(slug=d.slug, number=d.number, type=d.type, title=d.title or f"Luật số {d.number}",
                             text=d.text, units=d.units, year=_year(d.number)))
    return docs, headings, paragraphs


def _year(number: str | None) -> int | None:
    parts = (number or "").split("/")
    return int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else None


def queries(questions, headings, paragraphs, n: int, seed: int = 11):
    rng = random.Random(seed)
    long_q = [q for q in questions if 20 <= len(q.split()) <= 60]
    rng.shuffle(long_q)
    long_q = long_q[: n // 2]
    while len(long_q) < n:
        words = rng.choice(paragraphs).split()
        size = rng.randint(20, 60)
        if len(words) >= 20:
            start = rng.randint(0, max(0, len(words) - size))
            long_q.append(" ".join(words[start:start + size]))
    short_q = []
    while len(short_q) < n:
        words = rng.choice(headings).split()
        size = rng.randint(1, 4)
        start = rng.randint(0, max(0, len(words) - size))
        q = " ".join(words[start:start + size])
        short_q.append(fold(q) if len(short_q) % 2 else q)
    return long_q, short_q


def timed(searcher, queries, per_page: int = 20) -> dict:
    """Wall and CPU milliseconds per query (p50, p95, max), and the load average meanwhile."""
    import os

    walls, cpus = [], []
    for q, options in queries:
        wall, cpu = time.perf_counter(), time.process_time()
        searcher.search(q, per_page=per_page, **options)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    walls.sort()
    cpus.sort()
    n = len(walls)
    return {"queries": n, "p50_ms": 1000 * walls[n // 2], "p95_ms": 1000 * walls[int(n * 0.95)],
            "max_ms": 1000 * walls[-1], "mean_ms": 1000 * sum(walls) / n,
            "cpu_p50_ms": 1000 * cpus[n // 2], "cpu_p95_ms": 1000 * cpus[int(n * 0.95)],
            "load": round(os.getloadavg()[0], 1)}


def memory_mb() -> dict:
    """Resident set of this process (Linux), in MB: total, anonymous, mapped files."""
    out = {}
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "RssAnon", "RssFile"):
                    out[key] = int(value.split()[0]) // 1024
    except OSError:
        return {}
    return out


def main(argv=None) -> int:
    parser = speed_options(__doc__.splitlines()[0], queries=200)
    parser.add_argument("--articles", type=int, default=60_000)
    args = parser.parse_args(argv)
    from kb.config import shared_dir
    from indexer import storage
    from indexer.searching import Searcher

    shared = shared_dir()
    if shared is None:
        raise SystemExit("../shared is absent: nothing to measure")
    laws, questions = real_laws(shared)
    docs, headings, paragraphs = make_docs(laws, args.articles)
    root = RESULTS / f"article-index-{args.articles}"
    results: dict = {"articles": sum(len(d.units) for d in docs), "documents": len(docs),
                     "characters": sum(len(d.text) for d in docs)}
    report = index_at(root, docs, args.rebuild)
    if report is not None:
        results["build_s"] = round(report.seconds, 1)
        results["indexed_articles"] = report.extra.get("articles")
        print(f"built: {report.documents} documents, {report.extra.get('articles')} articles "
              f"in {report.seconds:.1f} s")
    results["index_mb"] = round(_dir_size(storage.current_generation(root)) / 1e6, 1)
    long_q, short_q = queries(questions, headings, paragraphs, args.queries)
    for key, mb in memory_mb().items():
        results[f"{key}_mb_before_open"] = mb
    with Searcher(index_dir=root) as searcher:
        started = time.perf_counter()
        searcher.search("khởi động", unit="article")
        results["open_s"] = round(time.perf_counter() - started, 2)
        art = {"unit": "article"}
        timed(searcher, [(q, art) for q in long_q[:20]])  # warm
        results["article_long"] = timed(searcher, [(q, art) for q in long_q])
        results["article_short"] = timed(searcher, [(q, art) for q in short_q])
        # the same questions again: their postings are now in the searcher's cache
        results["article_long_warm"] = timed(searcher, [(q, art) for q in long_q])
        results["article_short_warm"] = timed(searcher, [(q, art) for q in short_q])
        results["document_long"] = timed(searcher, [(q, {}) for q in long_q])
        results["document_short"] = timed(searcher, [(q, {}) for q in short_q])
        for key, mb in memory_mb().items():
            results[f"{key}_mb_after_queries"] = mb
    report_timings(results, RESULTS / "article_speed.json")
    for name, r in results.items():
        if isinstance(r, dict):
            print(f"{name:<17} cpu p50 {r['cpu_p50_ms']:5.1f} ms  p95 {r['cpu_p95_ms']:5.1f} ms  load {r['load']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
