"""Validity of every document with its evidence: sources, acts, dates, chains, the cache."""
from __future__ import annotations

import json

import pytest

from kb.model import VALIDITY_LABELS, Document, Relation, Source
from kb.store import open_store
from tests.store.store_helpers import cite, doc

TODAY = "2026-01-15"
IN_FORCE = ("Đang có hiệu lực: có hiệu lực từ 01/07/2025, và trong cơ sở dữ liệu không có văn bản nào"
            " thay thế hay bãi bỏ.")


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "data") as s:
        yield s


def law(number, date, text=None, **kw):
    return Document(number=number, type="Luật", issuer="Quốc hội", date=date, text=text, **kw)


def v(store, number, today=TODAY):
    return store.validity(store.lookup(number)[0].id, today)


def effective_text(day="01 tháng 7 năm 2025"):
    return f"Điều 9. Hiệu lực thi hành\nLuật này có hiệu lực thi hành từ ngày {day}."


def test_in_force_says_exactly_why(store):
    store.save_document(law("10/2025/QH15", "2025-02-01", effective_text()), citations=[])
    record = store.lookup("10/2025/QH15")[0]
    assert record.effective_date == "2025-07-01"  # stored from the text
    got = v(store, "10/2025/QH15")
    assert (got.status, got.label) == ("con_hieu_luc", "Còn hiệu lực")
    assert got.explanation == IN_FORCE
    assert got.date_evidence == "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025."
    extra = store.conn.execute("SELECT text_dates FROM documents WHERE id = ?", (record.id,)).fetchone()[0]
    assert json.loads(extra)["effective"]["kind"] == "explicit"


def test_not_yet_in_force_then_in_force_as_the_clock_moves(store):
    store.save_document(law("10/2025/QH15", "2025-02-01", effective_text()), citations=[])
    assert v(store, "10/2025/QH15", "2025-06-30").status == "chua_co_hieu_luc"
    assert v(store, "10/2025/QH15", "2025-07-01").status == "con_hieu_luc"  # the cache knows its last day
    assert v(store, "10/2025/QH15", "2025-03-01").status == "chua_co_hieu_luc"  # nor is it fooled backwards


def test_expired_by_its_own_term(store):
    text = "Nghị quyết này có hiệu lực từ ngày 01/01/2024 và được thực hiện đến hết ngày 31/12/2025."
    store.save_document(doc("5/2023/NQ-HĐND", "2023-12-10", "HĐND tỉnh X", text, type="Nghị quyết"), citations=[])
    assert v(store, "5/2023/NQ-HĐND", "2025-12-31").status == "con_hieu_luc"
    got = v(store, "5/2023/NQ-HĐND", "2026-01-01")
    assert got.status == "het_hieu_luc" and "01/01/2026" in got.explanation


def test_a_source_date_wins_over_the_text(store):
    store.save_document(law("10/2025/QH15", "2025-02-01", effective_text()), citations=[])
    store.save_document(law("10/2025/QH15", "2025-02-01", effective_date="2025-08-01"),
                        Source("vbpl", "https://vbpl.vn/x"))
    assert store.lookup("10/2025/QH15")[0].effective_date == "2025-08-01"
    got = v(store, "10/2025/QH15")
    assert got.effective_date == "2025-08-01" and got.date_evidence is None


def replacement(store, new, old, date, effective="01 tháng 7 năm 2025"):
    text = f"Luật này thay thế Luật số {old}.\n" + effective_text(effective)
    store.save_document(law(new, date, text), citations=[cite(text, f"Luật số {old}", old, relation="thay_the",
                                                                type="Luật")])


def test_chain_names_the_text_in_force(store):
    store.save_document(law("77/2015/QH13", "2015-06-19", effective_text("01 tháng 01 năm 2016")), citations=[])
    replacement(store, "65/2025/QH15", "77/2015/QH13", "2025-02-19", "01 tháng 3 năm 2025")
    first = v(store, "77/2015/QH13")
    assert first.status == "bi_thay_the" and first.in_force.number == "65/2025/QH15"
    replacement(store, "72/2025/QH15", "65/2025/QH15", "2025-06-16", "01 tháng 7 năm 2025")
    got = v(store, "77/2015/QH13")  # the cache follows the chain's change
    assert [d.number for d in got.chain] == ["65/2025/QH15", "72/2025/QH15"]
    assert got.in_force.number == "72/2025/QH15"
    assert got.explanation == ("Bị thay thế bởi 65/2025/QH15, văn bản này đã bị thay thế bởi 72/2025/QH15"
                               " — văn bản đang có hiệu lực: 72/2025/QH15.")
    assert got.evidence[0].sentence.startswith("Luật này thay thế Luật số 77/2015/QH13")


def test_a_cycle_of_replacements_ends(store):
    a = law("1/2020/QH14", "2020-01-01")
    b = law("2/2020/QH14", "2020-01-01")
    store.save_document(a, Source("catalogue", "c"), relations=[Relation("thay_the", b, direction="in")])
    store.save_document(b, Source("catalogue", "c"), relations=[Relation("thay_the", a, direction="in")])
    got = v(store, "1/2020/QH14")
    assert got.status == "bi_thay_the" and len(got.chain) <= 9


def test_a_replacement_not_yet_in_force_leaves_the_document_in_force(store):
    store.save_document(law("77/2015/QH13", "2015-06-19", effective_text("01 tháng 01 năm 2016")), citations=[])
    replacement(store, "65/2025/QH15", "77/2015/QH13", "2025-12-01", "01 tháng 3 năm 2026")
    got = v(store, "77/2015/QH13")
    assert got.status == "con_hieu_luc"
    assert [e.document.number for e in got.pending] == ["65/2025/QH15"]
    assert "Sẽ bị thay thế bởi 65/2025/QH15 từ 01/03/2026" in got.explanation
    assert v(store, "77/2015/QH13", "2026-03-01").status == "bi_thay_the"


def test_an_edge_date_counts_before_the_documents(store):
    old = law("1/2010/QH12", "2010-01-01", effective_text("01 tháng 7 năm 2010"))
    store.save_document(old, Source("catalogue", "c"),
                        relations=[Relation("bai_bo", law("9/2025/QH15", "2025-01-01"), direction="in",
                                            date="2026-06-01")])
    assert v(store, "1/2010/QH12").status == "con_hieu_luc"
    assert v(store, "1/2010/QH12", "2026-06-01").status == "het_hieu_luc"


def test_units_repealed_make_it_partly_expired(store):
    old = law("1/2010/QH12", "2010-01-01", effective_text("01 tháng 7 năm 2010"))
    store.save_document(old, Source("catalogue", "c"),
                        relations=[Relation("bai_bo", law("9/2025/QH15", "2025-01-01"), direction="in",
                                            cited_units=[{"dieu": "12"}])])
    got = v(store, "1/2010/QH12")
    assert got.status == "het_hieu_luc_mot_phan"
    assert got.evidence[0].units == [{"dieu": "12"}] and "Điều 12" in got.explanation


def test_stubs_get_what_their_citations_say(store):
    text = "Quyết định này bãi bỏ Quyết định số 100/QĐ-UBND ngày 01/01/2019."
    store.save_document(doc("400/QĐ-UBND", "2021-06-01", "UBND tỉnh X", text),
                        citations=[cite(text, "Quyết định số 100/QĐ-UBND ngày 01/01/2019", "100/QĐ-UBND",
                                        relation="bai_bo", date="2019-01-01")])
    stub = store.lookup("100/QĐ-UBND")[0]
    assert stub.is_stub and store.validity(stub.id, TODAY).status == "het_hieu_luc"


def test_is_act_is_decided_once_on_the_edge(store):
    text = ("Giao Sở Tư pháp tham mưu thay thế Quyết định số 100/QĐ-UBND ngày 01/01/2019.\n"
            "Quyết định này thay thế Quyết định số 200/QĐ-UBND ngày 01/01/2019.")
    store.save_document(doc("400/QĐ-UBND", "2021-06-01", "UBND tỉnh X", text), citations=[
        cite(text, "Quyết định số 100/QĐ-UBND ngày 01/01/2019", "100/QĐ-UBND", relation="thay_the"),
        cite(text, "Quyết định số 200/QĐ-UBND ngày 01/01/2019", "200/QĐ-UBND", relation="thay_the"),
    ])
    rows = dict(store.conn.execute("SELECT number, is_act FROM citations ORDER BY number").fetchall())
    assert rows == {"100/QĐ-UBND": 0, "200/QĐ-UBND": 1}
    # Page views read the decision: a sentence edited in the database is not read again.
    store.conn.execute("UPDATE citations SET sentence = 'Căn cứ Quyết định số 200/QĐ-UBND' WHERE number = '200/QĐ-UBND'")
    store.conn.execute("UPDATE documents SET validity_json = NULL")
    assert v(store, "200/QĐ-UBND").status == "bi_thay_the"
    assert v(store, "100/QĐ-UBND").status == "khong_ro"


def test_unknown_says_what_is_missing_and_labels_come_from_one_place(store):
    store.save_document(doc("3/2020/NĐ-CP", "2020-01-01", "Chính phủ", "Điều 1. Phạm vi."), citations=[])
    got = v(store, "3/2020/NĐ-CP")
    assert got.status == "khong_ro" and got.label == VALIDITY_LABELS["khong_ro"] == "Chưa rõ hiệu lực"
    assert "không nêu ngày có hiệu lực" in got.explanation


def test_the_status_is_cached_and_refreshed_when_an_edge_arrives(store):
    store.save_document(law("77/2015/QH13", "2015-06-19", effective_text("01 tháng 01 năm 2016")), citations=[])
    doc_id = store.lookup("77/2015/QH13")[0].id
    assert v(store, "77/2015/QH13").status == "con_hieu_luc"
    cached = store.conn.execute("SELECT validity_code FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
    assert cached == "con_hieu_luc"
    replacement(store, "65/2025/QH15", "77/2015/QH13", "2025-02-19", "01 tháng 3 năm 2025")
    assert store.refresh_validity(TODAY) >= 1
    cached = store.conn.execute("SELECT validity_code FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
    assert cached == "bi_thay_the"
    assert store.refresh_validity(TODAY) == 0  # nothing changed: nothing computed again


def test_stats_count_validity_and_effective_dates(store):
    store.save_document(law("10/2025/QH15", "2025-02-01", effective_text()), citations=[])
    store.save_document(doc("3/2020/NĐ-CP", "2020-01-01", "Chính phủ", "Điều 1. Phạm vi."), citations=[])
    s = store.stats()
    assert s["effective_dates"] == 1
    assert s["validity"]["khong_ro"] == 1 and sum(s["validity"].values()) == 2
    assert set(s["validity"]) == set(VALIDITY_LABELS)


def test_to_json_carries_the_evidence(store):
    store.save_document(law("77/2015/QH13", "2015-06-19", effective_text("01 tháng 01 năm 2016")), citations=[])
    replacement(store, "65/2025/QH15", "77/2015/QH13", "2025-02-19", "01 tháng 3 năm 2025")
    data = v(store, "77/2015/QH13").to_json()
    assert data["in_force"]["number"] == "65/2025/QH15"
    assert data["evidence"][0]["document"]["number"] == "65/2025/QH15" and data["explanation"]


def test_a_status_changed_by_the_clock_is_announced_to_the_index(store):
    store.save_document(law("10/2025/QH15", "2025-02-01", effective_text()), citations=[])
    doc_id = store.lookup("10/2025/QH15")[0].id
    assert v(store, "10/2025/QH15", "2025-06-30").status == "chua_co_hieu_luc"
    seq = store.get_by_id(doc_id).seq
    store.refresh_validity("2025-07-02")
    assert store.get_by_id(doc_id).seq > seq
    changed, _, _ = store.changes_since(seq)
    assert [r.id for r in changed] == [doc_id]
    assert store.refresh_validity("2025-07-02") == 0
