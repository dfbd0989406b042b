"""Benchmark: of the documents that real plans cite, how many does the knowledge base hold with text?

    python -m bench.coverage --data DIR     (a data directory built by `kb build-data`)

Reads every text under ../shared/realdata/tvpl-text, ../shared/realdata/tvpl-md and the seed
plan, finds their citations (the texts' own numbers left out), resolves each distinct cited
document against the store and counts: held with text, held without text (catalogue or
stub), ambiguous, not held. This is issue 9's "what the shared data now lets an official
open", measured on material the importers never read (the plans are not imported here).
"""
from __future__ import annotations

import argparse
import json
import platform
import sys
from collections import Counter
from pathlib import Path

from kb.citations import get_citations
from kb.config import data_dir, shared_dir
from kb.store import open_store


def texts(shared: Path) -> list[Path]:
    real = shared / "realdata"
    files = sorted((real / "tvpl-text").glob("*.txt")) + sorted((real / "tvpl-md").glob("*.md"))
    return files + sorted((shared / "seed").glob("*.txt"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="data directory (default: $KB_DATA or data/)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    shared = shared_dir()
    if shared is None:
        print("skipped: ../shared is absent (set KB_SHARED)", file=sys.stderr)
        return 0
    counts: Counter = Counter()
    by_kind: dict[str, Counter] = {"numbered": Counter(), "by_name": Counter()}
    missing: Counter = Counter()
    with open_store(data_dir(str(args.data) if args.data else None)) as store:
        for path in texts(shared):
            seen: set[str] = set()
            for c in get_citations(path.read_text(encoding="utf-8")):
                if c.self:
                    continue
                key = c.number or f"{c.name}|{c.date or c.year}"
                if key in seen:
                    continue
                seen.add(key)
                found = store.resolve(c)
                if found.document is not None:
                    record = store.get_by_id(found.document.id)
                    outcome = "with_text" if record.text else ("stub" if record.is_stub else "catalogue")
                else:
                    outcome = found.status if found.status == "ambiguous" else "not_held"
                counts[outcome] += 1
                by_kind["numbered" if c.number else "by_name"][outcome] += 1
                if outcome != "with_text" and c.number:
                    missing[c.number] += 1
    total = sum(counts.values())
    report = {
        "texts": len(texts(shared)),
        "cited_documents": total,
        "outcomes": dict(counts),
        "with_text_share": round(counts["with_text"] / total, 3) if total else 0.0,
        "by_kind": {k: dict(v) for k, v in by_kind.items()},
        "most_cited_missing": missing.most_common(15),
        "machine": f"{platform.machine()}, {platform.python_version()}",
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(f"{report['texts']} texts cite {total} distinct documents (per text):")
        for outcome in ("with_text", "catalogue", "stub", "ambiguous", "not_held"):
            print(f"  {outcome:10} {counts[outcome]:5}  ({counts[outcome] / total:.1%})" if total else "")
        print("  numbered:", dict(by_kind["numbered"]), " by name:", dict(by_kind["by_name"]))
        print("  most cited without text:", ", ".join(n for n, _ in report["most_cited_missing"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
