"""A stub is what most of its citations say, whatever order they come in (issue 13 §2)."""
from __future__ import annotations

import itertools

import pytest

from kb.model import Document
from kb.store import open_store

ODD = "Căn cứ Quy định số 16/2025/NĐ-CP ngày 30/6/2020 của Bộ Quốc phòng;"
USUAL = "Căn cứ Nghị định số 16/2025/NĐ-CP ngày 04/02/2025 của Chính phủ sửa đổi Nghị định số 72/2020/NĐ-CP;"


def _citing(i: int, sentence: str) -> Document:
    return Document(number=f"{100 + i}/QĐ-UBND", type="Quyết định", issuer="Ủy ban nhân dân tỉnh Quảng Ngãi",
                    date="2025-05-0%d" % (i + 1), title=f"Quyết định {i}", text=f"QUYẾT ĐỊNH\n{sentence}\nĐiều 1. Thi hành.")


@pytest.mark.parametrize("odd_at", [0, 1, 3])
def test_one_odd_citation_is_outvoted(tmp_path, odd_at):
    sentences = [USUAL] * 3
    sentences.insert(odd_at, ODD)
    with open_store(tmp_path) as store:
        for i, sentence in enumerate(sentences):
            store.save_document(_citing(i, sentence))
        stubs = [r for r in store.lookup("16/2025/NĐ-CP") if r is not None and r.is_stub]
        settled = [s for s in stubs if s.type == "Nghị định"]
    assert settled, [(s.type, s.date, s.issuer) for s in stubs]
    stub = settled[0]
    assert (stub.type, stub.date, stub.issuer) == ("Nghị định", "2025-02-04", "Chính phủ")
    assert not any(s.type == "Quy định" and s.date == "2025-02-04" for s in stubs)


def test_the_same_citations_in_any_order_give_the_same_stub(tmp_path):
    sentences = [USUAL, USUAL, ODD]
    seen = set()
    for n, order in enumerate(itertools.permutations(range(3))):
        with open_store(tmp_path / str(n)) as store:
            for i in order:
                store.save_document(_citing(i, sentences[i]))
            stubs = sorted((r.type, r.date, r.issuer) for r in store.lookup("16/2025/NĐ-CP")
                           if r is not None and r.is_stub)
        seen.add(tuple(stubs))
    assert len(seen) == 1, seen
    assert ("Nghị định", "2025-02-04", "Chính phủ") in next(iter(seen))
