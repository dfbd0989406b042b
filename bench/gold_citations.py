"""Citation quality on the hand-checked gold files: ``python -m bench.gold_citations``.

The figures ``tests/citations/test_gold.py`` asserts (P, R ≥ 0.98; type/date/issuer ≥ 95 %;
names ≥ 85 %), written to bench/results/gold_citations.json so that ``bench.rerun`` can hold
them to the recorded values rather than to the bars.
"""
from __future__ import annotations

import sys

from bench import save_results
from kb.config import shared_dir
from tests.citations.gold import score


def main() -> int:
    shared = shared_dir()
    if shared is None:
        print("bench.gold_citations: ../shared is absent (set KB_SHARED)", file=sys.stderr)
        return 2
    result = score(shared)
    print(result.report())
    type_ok, date_ok, issuer_ok = result.fields()
    save_results("gold_citations", {
        "gold": result.gold, "precision": round(result.precision, 4), "recall": round(result.recall, 4),
        "type": round(type_ok, 4), "date": round(date_ok, 4), "issuer": round(issuer_ok, 4),
        "names": round(result.name_recall, 4), "self_ok": result.self_ok, "self_gold": result.self_gold})
    return 0


if __name__ == "__main__":
    sys.exit(main())
