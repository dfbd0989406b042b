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
searcher the first time (its postings are read cold from Whoosh's files); the
``_warm`` rows ask the same queries again.

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
from bench.search_queries import index_at, report_timings, speed_options, timed
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
    report_timings(results, RESULTS / "article_speed.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
