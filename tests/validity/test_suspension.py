"""Suspensions (ngưng hiệu lực): the relation, its cue words, its period, the validity it gives."""
from __future__ import annotations

import pytest

from kb.citations import get_citations
from kb.importers.phapdien.notes import parse_note
from kb.model import RELATION_LABELS, RELATIONS, VALIDITY_LABELS, Document, Relation, Source
from kb.store import open_store
from kb.store.validity import status_of_statement
from kb.validity.suspension import period


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "data") as s:
        yield s


def test_the_codes_and_their_labels():
    assert "ngung_hieu_luc" in RELATIONS
    assert RELATION_LABELS["ngung_hieu_luc"] == ("Ngưng hiệu lực", "Bị ngưng hiệu lực bởi")
    assert VALIDITY_LABELS["ngung_hieu_luc"] == "Ngưng hiệu lực"
    assert VALIDITY_LABELS["ngung_hieu_luc_mot_phan"] == "Ngưng hiệu lực một phần"
    assert status_of_statement("Ngưng hiệu lực") == "ngung_hieu_luc"  # was het_hieu_luc
    assert status_of_statement("Tạm ngưng hiệu lực một phần") == "ngung_hieu_luc_mot_phan"


@pytest.mark.parametrize("text, number", [
    ("Điều 1. Tạm ngưng hiệu lực áp dụng đối với Nghị định số 46/2026/NĐ-CP ngày 26 tháng 01 năm 2026"
     " của Chính phủ.", "46/2026/NĐ-CP"),
    ("1. Ngưng hiệu lực thi hành của Thông tư số 08/2022/TT-BKHĐT ngày 31 tháng 5 năm 2022.", "08/2022/TT-BKHĐT"),
    ("Đình chỉ việc thi hành Quyết định số 12/2020/QĐ-UBND ngày 05/3/2020 của UBND tỉnh X.", "12/2020/QĐ-UBND"),
])
def test_cue_words_type_the_citation(text, number):
    [found] = [c for c in get_citations(text) if c.number == number]
    assert found.relation == "ngung_hieu_luc"


def test_repeal_is_not_a_suspension():
    [found] = get_citations("Bãi bỏ Quyết định số 12/2020/QĐ-UBND ngày 05/3/2020 của UBND tỉnh X.")
    assert found.relation == "bai_bo"


def test_the_period_as_written():
    got = period("a) Ngưng hiệu lực thi hành từ ngày 01 tháng 8 năm 2022 đến ngày 15 tháng 9 năm 2022, trừ …")
    assert got.end == "2022-09-16" and got.until is None  # 15/9 is still suspended
    got = period("Tạm ngưng hiệu lực áp dụng cho đến khi Luật An toàn thực phẩm (sửa đổi) có hiệu lực thi hành")
    assert got.end is None and got.until.startswith("cho đến khi Luật An toàn thực phẩm")
    assert period("bị ngưng hiệu lực bởi Điều 1 Thông tư số 27/2022/TT-BGTVT, có hiệu lực thi hành kể từ"
                  " ngày 28/11/2022").end is None  # an effective date is no end
    assert period("Thông tư này có hiệu lực đến ngày 01/01/2030").end is None  # no suspension cue


def test_phapdien_note_gives_a_suspension_of_one_article():
    note = parse_note("(Điều 18 Luật số 87/2015/QH13, có hiệu lực thi hành kể từ ngày 01/07/2016, bị ngưng hiệu lực"
                      " theo quy định tại Điều 20 của Nghị quyết số 96/2023/QH15 có hiệu lực thi hành kể từ"
                      " ngày 01/07/2023)")
    [change] = note.changes
    assert change.relations == ["ngung_hieu_luc"] and change.number == "96/2023/QH15"
    assert change.units == [{"dieu": "20"}] and change.effective_date == "2023-07-01"


def _circular(number, date, text=None):
    return Document(number=number, type="Thông tư", issuer="Bộ Kế hoạch và Đầu tư", date=date, text=text,
                    effective_date="2022-07-01" if number.startswith("08/") else None)


def test_text_suspension_for_a_period_then_in_force_again(store):
    store.save_document(_circular("08/2022/TT-BKHĐT", "2022-05-31"), Source("vbpl", "https://example.org/8"))
    text = ("Điều 1. Ngưng hiệu lực thi hành\n1. Ngưng hiệu lực thi hành Thông tư số 08/2022/TT-BKHĐT ngày 31"
            " tháng 5 năm 2022 từ ngày 01 tháng 8 năm 2022 đến ngày 15 tháng 9 năm 2022.\n"
            "Điều 2. Thông tư này có hiệu lực thi hành từ ngày 01 tháng 8 năm 2022.")
    store.save_document(_circular("12/2022/TT-BKHĐT", "2022-07-29", text), Source("vbpl", "https://example.org/12"))
    target = store.lookup("08/2022/TT-BKHĐT")[0].id
    assert store.validity(target, "2022-07-20").status == "con_hieu_luc"  # not yet suspended
    got = store.validity(target, "2022-08-10")
    assert got.status == "ngung_hieu_luc" and got.label == "Ngưng hiệu lực"
    assert got.explanation == "Bị ngưng hiệu lực bởi 12/2022/TT-BKHĐT từ 01/08/2022 đến hết 15/09/2022."
    assert got.evidence[0].until == "2022-09-16"
    assert store.validity(target, "2022-09-16").status == "con_hieu_luc"  # the period is over
    incoming = store.incoming(target)
    assert "ngung_hieu_luc" in incoming


def test_phapdien_suspension_of_articles_is_partial(store):
    law = Document(number="87/2015/QH13", type="Luật", issuer="Quốc hội", date="2015-11-20",
                   effective_date="2016-07-01", text="Điều 18. A\nB\n\nĐiều 19. C\nD")
    note = ("(Điều 18 Luật số 87/2015/QH13, có hiệu lực thi hành kể từ ngày 01/07/2016, bị ngưng hiệu lực theo quy"
            " định tại Điều 20 của Nghị quyết số 96/2023/QH15 có hiệu lực thi hành kể từ ngày 01/07/2023)")
    resolution = Document(number="96/2023/QH15", type="Nghị quyết", issuer="Quốc hội", date="2023-06-24")
    store.save_document(resolution, Source("phapdien", "pkg#1"))
    store.save_document(law, Source("phapdien", "pkg#2"), relations=[Relation(
        relation="ngung_hieu_luc", other=resolution, direction="in", evidence=note,
        citing_units=[{"dieu": "20"}], cited_units=[{"dieu": "18"}], date="2023-07-01")])
    got = store.validity(store.lookup("87/2015/QH13")[0].id, "2026-01-15")
    assert got.status == "ngung_hieu_luc_mot_phan"
    assert got.explanation == "Ngưng hiệu lực một phần: 96/2023/QH15 ngưng hiệu lực Điều 18 từ 01/07/2023."
    from webapp.linking import change_phrase

    [change] = store.unit_changes(store.lookup("87/2015/QH13")[0].id)["dieu-18"]  # the page marks Điều 18
    assert change_phrase(change) == "bị ngưng hiệu lực bởi Điều 20 Nghị quyết số 96/2023/QH15, có hiệu lực từ 01/07/2023"


def test_page_and_api_show_the_suspension(tmp_path):
    import indexer
    from webapp import create_app

    decree = Document(number="46/2026/NĐ-CP", type="Nghị định", issuer="Chính phủ", date="2026-01-26",
                      effective_date="2026-01-26", title="Quy định chi tiết Luật An toàn thực phẩm")
    text = ("Điều 1. Tạm ngưng hiệu lực áp dụng văn bản\nTạm ngưng hiệu lực áp dụng Nghị định số 46/2026/NĐ-CP"
            " ngày 26 tháng 01 năm 2026 của Chính phủ cho đến khi Luật An toàn thực phẩm (sửa đổi) có hiệu lực"
            " thi hành.\nĐiều 2. Nghị quyết này có hiệu lực thi hành từ ngày 06 tháng 4 năm 2026.")
    resolution = Document(number="15/2026/NQ-CP", type="Nghị quyết", issuer="Chính phủ", date="2026-04-06", text=text)
    with open_store(tmp_path) as store:
        slug = store.save_document(decree, Source("vbpl", "https://example.org/46")).slug
        store.save_document(resolution, Source("vbpl", "https://example.org/15"))
        store.refresh_validity()
    indexer.update(tmp_path)
    client = create_app({"DATA_DIR": str(tmp_path), "TESTING": True}).test_client()
    html = client.get(f"/van-ban/{slug}").get_data(as_text=True)
    block = html.split('class="validity', 1)[1].split("</div>", 1)[0]
    assert "badge-bad" in block and "Ngưng hiệu lực" in block
    assert "Bị ngưng hiệu lực bởi 15/2026/NQ-CP từ 06/04/2026, cho đến khi Luật An toàn thực phẩm (sửa đổi)" in block
    assert "Bị ngưng hiệu lực bởi" in html.split('id="lien-ket"', 1)[1]  # the incoming edge, labelled
    api = client.get(f"/api/van-ban/{slug}").get_json()
    assert api["validity"]["status"] == "ngung_hieu_luc"
    assert api["validity"]["evidence"][0]["until_event"].startswith("cho đến khi Luật An toàn thực phẩm")
    assert "ngung_hieu_luc" in api["incoming"]
