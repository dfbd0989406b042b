"""A date tied to another document is followed when that document is stored, never guessed."""
from __future__ import annotations

import json

import pytest

from kb.model import Document, Source
from kb.store import open_store

TEXT = ("Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính.\nĐiều 3. Quyết định này có hiệu"
        " lực thi hành kể từ ngày Nghị định số 268/2025/NĐ-CP ngày 14 tháng 10 năm 2025 của Chính phủ có hiệu"
        " lực.\nĐiều 4. Chánh Văn phòng …")


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "data") as s:
        yield s


def _decision(store):
    store.save_document(Document(number="2817/QĐ-UBND", type="Quyết định", issuer="UBND Thành phố Hà Nội",
                                 date="2025-11-20", text=TEXT), Source("text", "file:///qd.md"))
    return store.lookup("2817/QĐ-UBND")[0]


def test_unknown_other_document_leaves_the_date_unknown_with_its_sentence(store):
    record = _decision(store)
    assert record.effective_date is None  # not the signing date: the administrative rule does not apply
    dates = json.loads(store.conn.execute("SELECT text_dates FROM documents WHERE id = ?", (record.id,)).fetchone()[0])
    assert dates["effective"]["kind"] == "dependent" and dates["effective"]["date"] is None
    assert dates["effective"]["depends_on"].startswith("Nghị định số 268/2025/NĐ-CP")
    got = store.validity(record.id, "2026-01-15")
    assert got.status == "khong_ro"
    assert got.explanation.startswith("Chưa rõ hiệu lực: văn bản có hiệu lực theo Nghị định số 268/2025/NĐ-CP")
    assert got.date_evidence.startswith("Quyết định này có hiệu lực thi hành kể từ ngày Nghị định số 268/2025")


def test_the_other_documents_date_is_taken_when_it_arrives(store):
    record = _decision(store)
    store.save_document(Document(number="268/2025/NĐ-CP", type="Nghị định", issuer="Chính phủ", date="2025-10-14",
                                 effective_date="2025-12-01"), Source("vbpl", "https://example.org/268"))
    store.refresh_validity("2026-01-15")
    record = store.lookup("2817/QĐ-UBND")[0]
    assert record.effective_date == "2025-12-01"
    got = store.validity(record.id, "2026-01-15")
    assert got.status == "con_hieu_luc" and "01/12/2025" in got.explanation
    assert got.date_evidence.startswith("Quyết định này có hiệu lực thi hành kể từ ngày Nghị định số 268/2025")
    assert store.validity(record.id, "2025-11-25").status == "chua_co_hieu_luc"


def test_a_number_shared_by_two_documents_gives_no_date(store):
    text = "Điều 2. Quyết định này có hiệu lực kể từ ngày Quyết định số 12/2025/QĐ-UBND có hiệu lực."
    store.save_document(Document(number="88/QĐ-UBND", type="Quyết định", issuer="UBND tỉnh C", date="2025-11-20",
                                 text=text), Source("text", "file:///88.md"))
    for issuer, day in (("UBND tỉnh A", "2025-03-01"), ("UBND tỉnh B", "2025-06-01")):
        store.save_document(Document(number="12/2025/QĐ-UBND", type="Quyết định", issuer=issuer, date=day,
                                     effective_date=day), Source("vbpl", f"https://example.org/{day}"))
    assert len(store.lookup("12/2025/QĐ-UBND")) == 2
    store.refresh_validity("2026-01-15")
    assert store.lookup("88/QĐ-UBND")[0].effective_date is None


def test_the_other_document_stored_first(store):
    store.save_document(Document(number="268/2025/NĐ-CP", type="Nghị định", issuer="Chính phủ", date="2025-10-14",
                                 effective_date="2025-12-01"), Source("vbpl", "https://example.org/268"))
    assert _decision(store).effective_date == "2025-12-01"
