"""Whatever the text, the parser and the reflow stay sound and quick."""
from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.structure import parse_units
from kb.structure.reflow import paragraphs

PIECES = ["Điều 1.", "Điều 2. Tên", "**Điều ****3****.**", "Điều\n", "4. ", "Chương I", "CHƯƠNG II",
          "Mục 1", "Tiểu mục 2", "PHẦN THỨ NHẤT", "1. ", "2. ", "a) ", "đ) ", "“", "”", "\"", "|", "| a | b |",
          "PHỤ LỤC II", "Phụ lục", "QUY ĐỊNH", "(Ban hành kèm theo Quyết định số 1)", "Nơi nhận:",
          "như sau:", "CÔNG BÁO/Số 1", "#", "*", "\n", "\n\n", " ", "chữ", "Văn bản."]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=60).map("".join)


def _check(text: str) -> None:
    units = parse_units(text)
    seen = {}
    for u in units:
        assert u.anchor and u.anchor not in seen
        assert 0 <= u.start <= u.end <= len(text)
        if u.parent:
            parent = seen[u.parent]
            assert parent.start <= u.start and u.end <= parent.end
        seen[u.anchor] = u
    last = -1
    for p in paragraphs(text):
        for a, b in p.spans():
            assert last <= a <= b <= len(text)
            last = b


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_never_crashes_units_nested_within_text(text):
    _check(text)


def _timed(text: str) -> float:
    start = time.perf_counter()
    _check(text)
    return time.perf_counter() - start


def test_bounded_time_on_hostile_input():
    # 1 MB of the same heading, of headings that all follow each other, of open quotes
    # and of one-letter points: linear work, a few seconds at most on a slow machine.
    same = "Điều 1.\n" * (1_000_000 // 8)
    rising = "".join(f"Điều {i}. Tên\n1. Khoản\na) điểm\n" for i in range(1, 30_000))
    quotes = "“Điều 1. Trích\n" * 70_000
    points = "a)\nb)\nc)\n" * 110_000
    for text in (same, rising, quotes, points):
        assert len(text) >= 900_000
        took = _timed(text)
        assert took < 20, took
    assert [u.anchor for u in parse_units(same)] == ["dieu-1"]
