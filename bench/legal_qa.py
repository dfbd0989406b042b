"""Article search on real legal questions (ALQAC), against plain BM25 on the same articles.

Each law of a question set becomes a document in a fresh store, its articles
its Điều (units with offsets into the text); the index is built with
``kb index``'s code; every question is asked through ``/api/search?unit=article``
(Flask test client) and scored by P@1, R@10 and MRR@10 against the articles
the set names.  In the same run, :mod:`bench.bm25` ranks the same articles
(heading + text) for the same questions.

    python -m bench.legal_qa [--set alqac2024] [--json] [--limit N]

Sets: ``../shared/legal-qa/alqac2024`` (law.json + unverified_train.json) and
``alqac2022`` (law.json + question.json); any folder with a ``law.json`` and
one question file in the same format is read the same way (``--dir``).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.bm25 import BM25

K = 10


@dataclass
class Law:
    id: str
    articles: list[tuple[str, str]]  # (article id, text: heading line, blank line, body)


@dataclass
class Question:
    id: str
    text: str
    relevant: set[tuple[str, str]]  # (law id, article id)


@dataclass
class Scores:
    n: int = 0
    p1: float = 0.0
    r10: float = 0.0
    mrr: float = 0.0
    ranks: list = field(default_factory=list)

    def add(self, ranked: list[tuple[str, str]], relevant: set) -> None:
        self.n += 1
        top = ranked[:K]
        self.p1 += 1.0 if top and top[0] in relevant else 0.0
        self.r10 += len(relevant & set(top)) / len(relevant)
        rank = next((i + 1 for i, r in enumerate(top) if r in relevant), None)
        self.mrr += 1.0 / rank if rank else 0.0
        self.ranks.append(rank)

    def json(self) -> dict:
        n = self.n or 1
        return {"n": self.n, "P@1": round(self.p1 / n, 4), "R@10": round(self.r10 / n, 4),
                "MRR@10": round(self.mrr / n, 4)}


def load_set(folder: Path) -> tuple[list[Law], list[Question]]:
    laws = [Law(str(l["id"]), [(str(a["id"]), a["text"]) for a in l["articles"]])
            for l in json.loads((folder / "law.json").read_text(encoding="utf-8"))]
    qfile = next(p for p in sorted(folder.glob("*.json")) if p.name != "law.json")
    questions = []
    for q in json.loads(qfile.read_text(encoding="utf-8")):
        rel = {(str(r["law_id"]), str(r["article_id"])) for r in q.get("relevant_articles", [])}
        if rel:
            questions.append(Question(str(q.get("question_id") or q.get("id")), q["text"], rel))
    return laws, questions


def law_document(law: Law):
    """A Document whose text is the law's articles, with one ``dieu`` unit per article."""
    from kb.model import Document, Unit
    from kb.structure.anchors import anchor_for

    parts, units, pos = [], [], 0
    numbered = any(c.isdigit() for c in law.id) and "/" in law.id
    for number, text in law.articles:
        heading, _, body = text.partition("\n")
        block = f"Điều {number}. {heading.strip()}\n{body.strip()}\n\n"
        units.append(Unit(kind="dieu", number=number, anchor=anchor_for([("dieu", number)]),
                          title=heading.strip() or None, start=pos, end=pos + len(block) - 2, source="text"))
        parts.append(block)
        pos += len(block)
    doc = Document(number=law.id if numbered else None, name=None if numbered else law.id,
                   title=None if numbered else law.id, type="Luật", text="".join(parts))
    doc.units = units
    return doc


def build_store(laws: list[Law], data: Path) -> dict[str, str]:
    """Import the laws; slug → law id."""
    from kb.store import open_store

    slugs = {}
    with open_store(data) as store:
        for law in laws:
            saved = store.save_document(law_document(law))
            slugs[saved.slug] = law.id
    return slugs


def run_set(folder: Path, limit: int | None = None) -> dict:
    import indexer
    from webapp import create_app

    laws, questions = load_set(folder)
    if limit:
        questions = questions[:limit]
    with tempfile.TemporaryDirectory(prefix="kb-legalqa-") as tmp:
        data = Path(tmp) / "data"
        slugs = build_store(laws, data)
        started = time.perf_counter()
        report = indexer.update(data, rebuild=True, progress=False)
        build_s = time.perf_counter() - started
        app = create_app({"DATA_DIR": str(data), "TESTING": True, "PAGE_CACHE_SIZE": 0})
        client = app.test_client()
        ours, times = Scores(), []
        for q in questions:
            t = time.perf_counter()
            r = client.get("/api/search", query_string={"q": q.text[:500], "unit": "article"})
            times.append(time.perf_counter() - t)
            if r.status_code != 200:
                raise SystemExit(f"{q.id}: HTTP {r.status_code} {r.get_data(as_text=True)[:200]}")
            hits = r.get_json()["hits"]
            ranked = [(slugs.get(h["slug"], h["slug"]), h["article"]["number"]) for h in hits if h.get("article")]
            ours.add(ranked, q.relevant)
    # the reference: the same articles, the same questions
    index = [(law.id, number) for law in laws for number, _ in law.articles]
    bm25 = BM25([text for law in laws for _, text in law.articles])
    plain = Scores()
    for q in questions:
        plain.add([index[i] for i in bm25.top(q.text, K)], q.relevant)
    times.sort()
    return {
        "set": folder.name, "laws": len(laws), "articles": len(index), "questions": len(questions),
        "ours": ours.json(), "bm25": plain.json(),
        "delta_mrr": round(ours.json()["MRR@10"] - plain.json()["MRR@10"], 4),
        "index_s": round(build_s, 1), "indexed_articles": report.extra.get("articles"),
        "query_ms": {"p50": round(1000 * times[len(times) // 2], 1),
                     "p95": round(1000 * times[int(len(times) * 0.95) - 1], 1)},
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", help="alqac2024, alqac2022 (default: both)")
    parser.add_argument("--dir", action="append", type=Path, help="another set folder")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    shared = Path(os.environ.get("KB_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared"))
    folders = [shared / "legal-qa" / s for s in (args.set or ["alqac2024", "alqac2022"])] + (args.dir or [])
    results = []
    for folder in folders:
        if not (folder / "law.json").exists():
            print(f"không có bộ câu hỏi: {folder}", file=sys.stderr)
            return 2
        res = run_set(folder, args.limit)
        results.append(res)
        if not args.json:
            o, b = res["ours"], res["bm25"]
            print(f"{res['set']}: {res['questions']} câu hỏi, {res['articles']} điều "
                  f"(index {res['index_s']} s; p50 {res['query_ms']['p50']} ms, p95 {res['query_ms']['p95']} ms)")
            print(f"  ours  P@1 {o['P@1']:.3f}  R@10 {o['R@10']:.3f}  MRR@10 {o['MRR@10']:.3f}")
            print(f"  BM25  P@1 {b['P@1']:.3f}  R@10 {b['R@10']:.3f}  MRR@10 {b['MRR@10']:.3f}"
                  f"   Δ MRR {res['delta_mrr']:+.3f}")
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
