"""Known-item search quality over ../shared/corpus/legal (issue 5).

For every document with a title: the title typed without diacritics, the
title with half its words dropped, and (when it has a number) the number in
three spellings (``76/NQ-CP``, ``76 NQ CP``, ``nghi quyet so 76``) must find
it.  Prints top-1/top-3 success and MRR@10 per kind and overall.

    python -m bench.search_quality [--json]

tests/indexer/test_quality.py runs the same evaluation and fails below the
targets (top-3 ≥ 95 %, MRR@10 ≥ 0.90).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from kb.text import fold

TARGET_TOP3 = 0.95
TARGET_MRR = 0.90


@dataclass
class Case:
    kind: str
    query: str
    slug: str


def unaccented(text: str) -> str:
    return " ".join(fold(text).split())


def half_title(title: str, seed: str) -> str:
    words = title.split()
    if len(words) < 2:
        return title
    rng = random.Random(seed)
    keep = sorted(rng.sample(range(len(words)), k=max(1, len(words) - len(words) // 2)))
    return " ".join(words[i] for i in keep)


def number_spellings(number: str, doc_type: str | None) -> list[str]:
    spaced = " ".join(p for p in re.split(r"[/\-\s]+", number) if p)
    head = re.match(r"\d+[A-Za-z]*", number)
    head_text = head.group() if head else number
    if doc_type:
        typed = f"{unaccented(doc_type)} so {head_text}"
    else:
        typed = f"so {head_text}"
    return [number, spaced, typed]


def make_cases(docs) -> list[Case]:
    cases = []
    seen_titles: dict[str, int] = {}
    for d in docs:
        if d.title:
            seen_titles[unaccented(d.title)] = seen_titles.get(unaccented(d.title), 0) + 1
    for d in docs:
        if d.title and len(d.title.split()) >= 2:
            cases.append(Case("title_unaccented", unaccented(d.title), d.slug))
            cases.append(Case("title_half", half_title(d.title, d.slug), d.slug))
        if d.number:
            for i, q in enumerate(number_spellings(d.number, d.type)):
                cases.append(Case(f"number_{i + 1}", q, d.slug))
    return cases


def rank_of(result, slug: str) -> int | None:
    """1-based rank of ``slug`` in a result (a direct answer is rank 1)."""
    if result.direct == slug:
        return 1
    for i, hit in enumerate(result.hits, start=1):
        if hit.slug == slug:
            return i
    return None


def evaluate(searcher, cases: list[Case], duplicates: dict[str, set[str]] | None = None) -> dict:
    """Metrics per kind and overall; ``duplicates`` maps a slug to slugs with the same text."""
    per_kind: dict[str, dict] = {}
    failures = []
    times = []
    for case in cases:
        t = time.perf_counter()
        result = searcher.search(case.query, per_page=10, snippets=False)
        times.append(time.perf_counter() - t)
        ranks = [rank_of(result, s) for s in ({case.slug} | (duplicates or {}).get(case.slug, set()))]
        ranks = [r for r in ranks if r]
        rank = min(ranks) if ranks else None
        k = per_kind.setdefault(case.kind, {"n": 0, "top1": 0, "top3": 0, "rr": 0.0})
        k["n"] += 1
        k["top1"] += rank == 1
        k["top3"] += bool(rank and rank <= 3)
        k["rr"] += 1.0 / rank if rank and rank <= 10 else 0.0
        if not rank or rank > 3:
            failures.append((case.kind, case.query[:90], case.slug, rank))
    total = {"n": 0, "top1": 0, "top3": 0, "rr": 0.0}
    for k in per_kind.values():
        for key in total:
            total[key] += k[key]
    def summarize(k):
        n = max(1, k["n"])
        return {"n": k["n"], "top1": k["top1"] / n, "top3": k["top3"] / n, "mrr10": k["rr"] / n}
    times.sort()
    return {
        "overall": summarize(total),
        "kinds": {name: summarize(k) for name, k in sorted(per_kind.items())},
        "failures": failures,
        "p50_ms": 1000 * times[len(times) // 2] if times else 0.0,
        "p95_ms": 1000 * times[int(len(times) * 0.95)] if times else 0.0,
    }


def format_report(metrics: dict) -> str:
    lines = ["kind                 n     top1    top3    MRR@10"]
    for name, k in list(metrics["kinds"].items()) + [("ALL", metrics["overall"])]:
        lines.append(f"{name:<18} {k['n']:>5}  {k['top1']:6.1%}  {k['top3']:6.1%}  {k['mrr10']:.3f}")
    lines.append(f"query time p50 {metrics['p50_ms']:.1f} ms, p95 {metrics['p95_ms']:.1f} ms (no snippets)")
    return "\n".join(lines)


def duplicate_groups(docs) -> dict[str, set[str]]:
    """Slugs whose documents have the same text (the corpus holds a few copies)."""
    by_text: dict[int, set[str]] = {}
    for d in docs:
        by_text.setdefault(hash(" ".join((d.text or "").split())), set()).add(d.slug)
    out = {}
    for group in by_text.values():
        if len(group) > 1:
            for slug in group:
                out[slug] = group - {slug}
    return out


def corpus_documents(shared: Path):
    from indexer.sources import documents_from_files

    docs = list(documents_from_files(sorted((shared / "corpus" / "legal").glob("*.md"))))
    # one record per slug, as the store would keep it
    unique = {}
    for d in docs:
        unique.setdefault(d.slug, d)
    return list(unique.values())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--failures", type=int, default=15, help="show this many failures")
    args = parser.parse_args(argv)
    from kb.config import shared_dir
    from indexer.build import build
    from indexer.searching import Searcher

    shared = shared_dir()
    if shared is None:
        print("../shared is absent: nothing to measure", file=sys.stderr)
        return 2
    docs = corpus_documents(shared)
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp), docs, total=len(docs), progress=False)
        with Searcher(index_dir=Path(tmp)) as searcher:
            metrics = evaluate(searcher, make_cases(docs), duplicate_groups(docs))
    from bench import save_results

    save_results("search_quality", {"documents": len(docs), **{k: v for k, v in metrics.items() if k != "failures"},
                                    "failures": len(metrics["failures"])})
    if args.json:
        print(json.dumps(metrics, ensure_ascii=False, indent=1))
    else:
        print(f"{len(docs)} documents")
        print(format_report(metrics))
        for f in metrics["failures"][: args.failures]:
            print("  miss:", f)
    ok = metrics["overall"]["top3"] >= TARGET_TOP3 and metrics["overall"]["mrr10"] >= TARGET_MRR
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
