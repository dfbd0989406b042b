"""Units in the store: parsed from the text on save, a source's units kept beside them."""
from kb.model import Document, Relation, Source, Topic, Unit
from kb.store import open_store

TEXT = """QUYẾT ĐỊNH
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quyết định này quy định về việc thử.
Điều 2. Đối tượng áp dụng
Áp dụng theo khoản 2 Điều 5 Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ.
Chương II
ĐIỀU KHOẢN THI HÀNH
Điều 3. Hiệu lực thi hành
Quyết định này có hiệu lực kể từ ngày ký.
"""


def test_units_parsed_on_save_and_cited_units_kept(tmp_path):
    store = open_store(tmp_path)
    doc = Document(number="12/2024/QĐ-UBND", type="Quyết định", issuer="UBND tỉnh Quảng Ngãi",
                   date="2024-05-01", title="Quyết định thử", text=TEXT)
    saved = store.save_document(doc, Source(kind="file", url="a.txt"))
    units = store.units(saved.id)
    assert [u.anchor for u in units] == ["chuong-i", "dieu-1", "dieu-2", "chuong-ii", "dieu-3"]
    dieu2 = units[2]
    assert TEXT[dieu2.start:dieu2.end].startswith("Điều 2. Đối tượng áp dụng")
    assert dieu2.parent == "chuong-i"
    edges = [e for es in store.outgoing(saved.id).values() for e in es]
    assert len(edges) == 1
    assert edges[0].citing_units == [{"dieu": "2"}]


def test_source_units_relations_with_units_and_topics(tmp_path):
    store = open_store(tmp_path)
    article = Unit(kind="dieu", number="1", anchor="dieu-1", title="Phạm vi điều chỉnh",
                   text="Luật này quy định …", source="phapdien")
    doc = Document(number="18/2008/QH12", type="Luật", issuer="Quốc hội", date="2008-06-03",
                   units=[article], topics=[Topic("19", "Khoa học, công nghệ"), Topic("19.6", "Năng lượng nguyên tử")])
    amender = Document(number="49/2018/TT-BGTVT", type="Thông tư", issuer="Bộ Giao thông vận tải", date="2018-08-30")
    rel = Relation("sua_doi", amender, direction="in", citing_units=[{"dieu": "1"}],
                   cited_units=[{"dieu": "1"}], date="2019-01-01")
    first = store.save_document(doc, Source(kind="phapdien", url="demuc/x.html"), relations=[rel])
    again = store.save_document(doc, Source(kind="phapdien", url="demuc/x.html"), relations=[rel])
    assert again.status == "unchanged"
    assert [u.anchor for u in store.units(first.id)] == ["dieu-1"]
    assert store.units(first.id)[0].text == "Luật này quy định …"
    assert [t["code"] for t in store.topics(first.id)] == ["19", "19.6"]
    incoming = store.incoming(first.id)["sua_doi"]
    assert incoming[0].cited_units == [{"dieu": "1"}] and incoming[0].effective_date == "2019-01-01"
