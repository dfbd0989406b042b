"""The index's and the search's shapes of a document derive from kb.model, with their own meanings kept."""
from dataclasses import fields

from indexer.results import Hit, Links
from indexer.sources import IndexDoc
from kb.model import Described, Document, Topic
from kb.store.records import DocumentRecord

DESCRIBED = [f.name for f in fields(Described)]


def test_shapes_take_the_described_fields_from_the_model():
    assert issubclass(IndexDoc, Document) and issubclass(Hit, Described)
    assert [f.name for f in fields(IndexDoc)][:len(DESCRIBED)] == DESCRIBED
    assert [f.name for f in fields(Hit)][:len(DESCRIBED)] == DESCRIBED


def test_index_doc_title_falls_back_to_the_name_and_validity_is_a_code():
    doc = Document(number=None, type="Luật", name="Luật Đất đai", date="2024-01-18", validity="Còn hiệu lực",
                   topics=[Topic("19", "Khoa học, công nghệ")])
    idoc = IndexDoc.from_document(doc)
    assert (idoc.title, idoc.validity, idoc.year, idoc.text, idoc.slug) == (
        "Luật Đất đai", "con_hieu_luc", 2024, "", doc.slug)
    assert idoc.topics == [{"code": "19", "name": "Khoa học, công nghệ"}]
    assert IndexDoc.from_document(Document(number="1/QĐ-UBND", title="Trích yếu")).validity == "khong_ro"
    assert IndexDoc(slug="bai-1").validity == "khong_ro" and IndexDoc(slug="bai-1").units is None


def test_index_doc_from_a_store_record_keeps_its_slug_and_given_validity():
    record = DocumentRecord(id=7, slug="luat-dat-dai-2024-b", is_stub=True, seq=12, number=None, type="Luật",
                            name="Luật Đất đai", date="2024-01-18", validity="Còn hiệu lực", extra={"big": "x" * 10})
    idoc = IndexDoc.from_record(record, "het_hieu_luc", units=(), topics=[{"code": "19", "name": "KHCN"}])
    assert (idoc.slug, idoc.is_stub, idoc.seq, idoc.validity, idoc.title) == (
        "luat-dat-dai-2024-b", True, 12, "het_hieu_luc", "Luật Đất đai")
    assert idoc.units == [] and idoc.topics == [{"code": "19", "name": "KHCN"}]
    assert idoc.extra == {}  # the index reads nothing of it: it does not travel to the workers


def test_hit_from_a_record_and_its_json():
    record = DocumentRecord(id=1, slug="luat-dat-dai", is_stub=False, seq=1, number="31/2024/QH15", type="Luật",
                            issuer="Quốc hội", date="2024-01-18", name="Luật Đất đai", year=2024)
    hit = Hit.from_record(record)
    assert (hit.title, hit.year, hit.validity) == ("Luật Đất đai", "2024", "khong_ro")
    out = hit.to_json(Links())
    assert {k: out[k] for k in ["slug", *DESCRIBED, "year"]} == {
        "slug": "luat-dat-dai", "number": "31/2024/QH15", "type": "Luật", "issuer": "Quốc hội",
        "date": "2024-01-18", "title": "Luật Đất đai", "year": "2024"}
