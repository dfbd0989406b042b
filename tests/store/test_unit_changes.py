"""Changes by unit: an amending document's edges name the units it changes; the amended
document's units list them (``Store.unit_changes``)."""
from kb.model import Document, Relation, Source
from kb.store import open_store
from tests.decrees import AMENDED_HEAD, save_amended_and_amending, save_decree

# The articles of Nghị định 15/2020/NĐ-CP; tests.decrees.AMENDING changes khoản 3 Điều 7, repeals Điều 12.
AMENDED_BODY = """Điều 7. Vi phạm quy định về tần số
1. Phạt tiền.
3. Phạt tiền từ 1.000.000 đồng.
Điều 12. Vi phạm khác
Phạt cảnh cáo.
"""


def test_units_changed_by_another_documents_articles(tmp_path):
    store = open_store(tmp_path)
    amended, amending = save_amended_and_amending(store, AMENDED_BODY)
    changes = store.unit_changes(amended.id)
    assert sorted(changes) == ["dieu-12", "dieu-7-khoan-3"]
    (change,) = changes["dieu-7-khoan-3"]
    assert change.relation == "sua_doi"
    assert change.document.id == amending.id
    assert change.units == [{"dieu": "1"}] and change.anchor == "dieu-1"
    assert change.effective_date == "2022-06-01"
    assert "khoản 3 Điều 7" in change.sentence
    (repeal,) = changes["dieu-12"]
    assert (repeal.relation, repeal.anchor) == ("bai_bo", "dieu-2")
    assert change.to_json()["document"]["number"] == "14/2022/NĐ-CP"
    # the amending document's own units are not changed by anything
    assert store.unit_changes(amending.id) == {}
    store.close()


def test_whole_document_changes_and_mentions_are_not_unit_changes(tmp_path):
    store = open_store(tmp_path)
    amended = save_decree(store, "15/2020/NĐ-CP", "2020-02-03", AMENDED_HEAD + AMENDED_BODY)
    save_decree(store, "20/2022/NĐ-CP", "2022-05-01",
          "Điều 1. Bãi bỏ Nghị định số 15/2020/NĐ-CP.\nĐiều 2. Theo khoản 1 Điều 7 Nghị định số 15/2020/NĐ-CP.\n")
    assert store.unit_changes(amended.id) == {}
    store.close()


def test_a_sources_unit_edges_with_their_date(tmp_path):
    store = open_store(tmp_path)
    doc = Document(number="18/2008/QH12", type="Luật", issuer="Quốc hội", date="2008-06-03")
    amender = Document(number="49/2018/TT-BGTVT", type="Thông tư", issuer="Bộ Giao thông vận tải", date="2018-08-30")
    rel = Relation("sua_doi", amender, direction="in", citing_units=[{"dieu": "1"}],
                   cited_units=[{"dieu": "5"}, {"dieu": "6", "khoan": "2"}], date="2019-01-01")
    saved = store.save_document(doc, Source(kind="phapdien", url="demuc/x.html"), relations=[rel])
    changes = store.unit_changes(saved.id)
    assert sorted(changes) == ["dieu-5", "dieu-6-khoan-2"]
    assert changes["dieu-5"][0].effective_date == "2019-01-01"
    assert changes["dieu-5"][0].origin == "source"
    store.close()
