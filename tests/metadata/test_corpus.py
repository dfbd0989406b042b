"""The header parser against thuvienphapluat's facts table on ../shared/corpus/legal.

For every page that carries the table, the table is hidden (cut away with the
rest of the site's furniture), the header is parsed, and number, type, issue
date and issuer are compared with the table (rules in kb/metadata/evaluate.py).
Each must be right for at least 95% of those documents.
"""
from __future__ import annotations

import pytest

from kb.metadata.evaluate import FIELDS, evaluate

pytestmark = pytest.mark.shared

THRESHOLD = 0.95


def test_header_fields_match_site_table(shared):
    folder = shared / "corpus" / "legal"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    report = evaluate(folder.glob("*.md"))
    print()
    print("\n".join(report.lines()))
    for miss in report.misses:
        print("  ✗", *miss, sep=" | ")
    assert report.documents >= 200, "the corpus should hold ~240 pages with the site's table"
    low = {name: f"{report.rate(name):.1%}" for name in FIELDS if report.rate(name) < THRESHOLD}
    assert not low, f"below {THRESHOLD:.0%}: {low}"
