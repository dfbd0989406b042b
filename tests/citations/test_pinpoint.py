"""Pinpoints: the units a citation points at, in every form officials write them."""
from __future__ import annotations

import pytest

from kb.citations import canonical_number, get_citations
from kb.citations.pinpoint import parse_units


def _one(text: str):
    found = [c for c in get_citations(text) if not c.self]
    assert len(found) == 1, [c.to_json() for c in found]
    return found[0]


@pytest.mark.parametrize("text, number, pinpoint", [
    ("theo quy định tại Điều 5 Nghị định số 30/2020/NĐ-CP", "30/2020/NĐ-CP", [{"dieu": "5"}]),
    ("theo quy định tại khoản 2 Điều 5 Nghị định số 30/2020/NĐ-CP", "30/2020/NĐ-CP", [{"dieu": "5", "khoan": "2"}]),
    ("tại điểm a khoản 1 Điều 3 của Thông tư số 01/2021/TT-BNV", "01/2021/TT-BNV",
     [{"dieu": "3", "khoan": "1", "diem": "a"}]),
    ("tại khoản 1, khoản 2 Điều 3 Nghị định số 30/2020/NĐ-CP", "30/2020/NĐ-CP",
     [{"dieu": "3", "khoan": "1"}, {"dieu": "3", "khoan": "2"}]),
    ("Điều 1, Điều 2 Luật số 48/2014/QH13", "48/2014/QH13", [{"dieu": "1"}, {"dieu": "2"}]),
    ("theo các Điều 4, 5 và 6 của Luật số 48/2014/QH13", "48/2014/QH13",
     [{"dieu": "4"}, {"dieu": "5"}, {"dieu": "6"}]),
    ("từ Điều 5 đến Điều 9 Nghị định số 30/2020/NĐ-CP", "30/2020/NĐ-CP",
     [{"dieu": str(n)} for n in range(5, 10)]),
    ("Phụ lục II ban hành kèm theo Nghị quyết số 12/2021/NQ-HĐND", "12/2021/NQ-HĐND", [{"phu_luc": "II"}]),
    ("tại Mục 2 Chương III của Thông tư số 01/2021/TT-BNV", "01/2021/TT-BNV", [{"chuong": "III", "muc": "2"}]),
    ("điểm a khoản 1 và khoản 2 Điều 3 Nghị định số 30/2020/NĐ-CP", "30/2020/NĐ-CP",
     [{"dieu": "3", "khoan": "1", "diem": "a"}, {"dieu": "3", "khoan": "2"}]),
    ("khoản 2 Điều 5 và Điều 7 Nghị định số 30/2020/NĐ-CP", "30/2020/NĐ-CP",
     [{"dieu": "5", "khoan": "2"}, {"dieu": "7"}]),
    ("các khoản 1, 2 và 3 Điều 5 Nghị định số 30/2020/NĐ-CP", "30/2020/NĐ-CP",
     [{"dieu": "5", "khoan": "1"}, {"dieu": "5", "khoan": "2"}, {"dieu": "5", "khoan": "3"}]),
    ("điểm đ khoản 1 Điều 32a Luật số 48/2014/QH13", "48/2014/QH13", [{"dieu": "32a", "khoan": "1", "diem": "đ"}]),
    ("ĐIỀU 5 NGHỊ ĐỊNH SỐ 30/2020/NĐ-CP", "30/2020/NĐ-CP", [{"dieu": "5"}]),
    ("khoản 2,\nĐiều 5, Nghị định số 30/2020/NĐ-CP", "30/2020/NĐ-CP", [{"dieu": "5", "khoan": "2"}]),
    # parts of an annex: the annex is the outermost unit
    ("tại điểm b khoản 2 mục III Phụ lục I ban hành kèm theo Nghị định số 133/2025/NĐ-CP", "133/2025/NĐ-CP",
     [{"phu_luc": "I", "muc": "III", "khoan": "2", "diem": "b"}]),
    ("tại mục 2.1 Phụ lục I kèm theo Nghị định số 133/2025/NĐ-CP", "133/2025/NĐ-CP",
     [{"phu_luc": "I", "muc": "2.1"}]),
    ("tại Chương III của Luật Khiếu nại", None, [{"chuong": "III"}]),
    ("tại Phụ lục IA ban hành kèm theo Nghị định 70/2025/NĐ-CP", "70/2025/NĐ-CP", [{"phu_luc": "IA"}]),
    # the rules annexed to a document are part of its text
    ("theo Điều 33 Điều lệ ban hành kèm theo Thông tư 32/2020/TT-BGDĐT", "32/2020/TT-BGDĐT", [{"dieu": "33"}]),
])
def test_pinpoint_forms(text, number, pinpoint):
    citation = _one(text)
    assert citation.number == number
    assert citation.pinpoint == pinpoint
    # start/end keep meaning the citation itself, not the unit phrase
    assert text[citation.start:citation.end].split()[0].lower() in ("nghị", "thông", "luật")


def test_pinpoint_of_a_citation_by_name():
    citation = _one("Theo khoản 3 Điều 8 Luật Đất đai năm 2024, người sử dụng đất …")
    assert citation.number is None and citation.name == "Luật Đất đai"
    assert citation.pinpoint == [{"dieu": "8", "khoan": "3"}]
    assert citation.to_json()["pinpoint"] == [{"dieu": "8", "khoan": "3"}]


def test_reference_into_the_citing_document_is_no_citation():
    text = "Quy định tại Điều 5 của Quyết định này và khoản 2 Điều 3 Nghị định này."
    assert get_citations(text) == []


def test_no_pinpoint_and_no_pinpoint_across_another_citation():
    a, b = get_citations("Nghị định số 30/2020/NĐ-CP, Điều 5 Thông tư số 01/2021/TT-BNV")
    assert a.pinpoint is None
    assert "pinpoint" not in a.to_json()
    assert b.pinpoint == [{"dieu": "5"}]  # the phrase between the two is the second's
    assert _one("Căn cứ Nghị định số 30/2020/NĐ-CP").pinpoint is None
    assert _one("tại 3 Nghị định số 30/2020/NĐ-CP").pinpoint is None


def test_a_wide_range_keeps_its_ends_and_lists_are_bounded():
    assert parse_units("từ Điều 1 đến Điều 500") == [{"dieu": "1"}, {"dieu": "500"}]
    assert parse_units("Chương II đến Chương IV") == [{"chuong": "II"}, {"chuong": "III"}, {"chuong": "IV"}]
    assert parse_units("điểm a đến điểm c khoản 2 Điều 1") == [
        {"dieu": "1", "khoan": "2", "diem": d} for d in "abc"]
    many = ", ".join(f"Điều {n}" for n in range(1, 400))
    assert len(parse_units(many)) == 200


@pytest.mark.parametrize("text, relation, pinpoint", [
    ("Điều 1. Sửa đổi, bổ sung khoản 3 Điều 7 Nghị định số 15/2020/NĐ-CP ngày 03/02/2020 của Chính phủ như sau:",
     "sua_doi", [{"dieu": "7", "khoan": "3"}]),
    ("Điều 2. Bãi bỏ Điều 12 Thông tư số 24/2018/TT-BGTVT.", "bai_bo", [{"dieu": "12"}]),
    # "kèm theo" inside the unit phrase is no cue of its own
    ("Điều 3. Thay thế Phụ lục II ban hành kèm theo Nghị quyết số 12/2021/NQ-HĐND ngày 5/7/2021 của Hội đồng "
     "nhân dân tỉnh bằng Phụ lục kèm theo Nghị quyết này.", "thay_the", [{"phu_luc": "II"}]),
])
def test_changes_by_unit(text, relation, pinpoint):
    citation = _one(text)
    assert citation.relation == relation
    assert citation.pinpoint == pinpoint


AMENDING = """Điều 1. Sửa đổi, bổ sung một số điều của Nghị định số 15/2020/NĐ-CP ngày 03/02/2020 của Chính phủ quy định xử phạt vi phạm hành chính như sau:
1. Sửa đổi khoản 3 Điều 7 như sau:
“3. Nội dung mới.
Điều 11. Hiệu lực thi hành
1. Bãi bỏ Điều 99.”
2. Bổ sung điểm d vào khoản 2 Điều 5 như sau:
“d) Nội dung bổ sung.”
3. Bãi bỏ Điều 12.
4. Thay thế Phụ lục II bằng Phụ lục kèm theo Nghị định này.
Điều 2. Hiệu lực thi hành
1. Bãi bỏ Điều 44.
"""


def test_items_of_an_amending_article_belong_to_the_amended_document():
    citation = _one(AMENDING)
    assert citation.relation == "sua_doi"
    # quoted text (the amended document's own articles) and the next article are not items
    assert citation.pinpoint == [
        {"dieu": "7", "khoan": "3"}, {"dieu": "5", "khoan": "2", "diem": "d"}, {"dieu": "12"}, {"phu_luc": "II"},
    ]


@pytest.mark.parametrize("raw, canonical", [
    ("64/2006/TTLT/BNN-BNV-BTC", "64/2006/TTLT/BNN-BNV-BTC"),
    ("01/2014/NQLT/CP-UBTƯMTTQVN", "01/2014/NQLT/CP-UBTƯMTTQVN"),
    ("02/2018/TTLT-VKSTC-TATC-BCA-BQP-BTC-BNN&PTNT", "02/2018/TTLT-VKSTC-TATC-BCA-BQP-BTC-BNN&PTNT"),
])
def test_issuer_groups_after_a_slash(raw, canonical):
    assert canonical_number(raw) == canonical
    citation = _one(f"Căn cứ Thông tư liên tịch số {raw} ngày 25/9/2006 của Bộ Tài chính;")
    assert citation.number == canonical
    assert citation.date == "2006-09-25"


@pytest.mark.parametrize("text, number, date, issuer", [
    ("(Điều 1 Luật số 57/2020/QH14 Luật Thanh niên ngày 16/06/2020 của Quốc hội, có hiệu lực thi hành kể từ "
     "ngày 01/01/2021)", "57/2020/QH14", "2020-06-16", "Quốc hội"),
    ("(Điều 1 Thông tư số 50/2014/TT-BGTVT Quy định về quản lý cảng, bến thủy nội địa ngày 17/10/2014 của Bộ "
     "Giao thông vận tải, có hiệu lực thi hành kể từ ngày 01/01/2015)", "50/2014/TT-BGTVT", "2014-10-17",
     "Bộ Giao thông vận tải"),
    ("(Điều 1 Thông tư số 02/2018/TT-BCT Quy định chi tiết Danh mục hàng hóa mua bán, trao đổi của cư dân biên "
     "giới ngày 27/02/2018 của Bộ công thương, có hiệu lực thi hành kể từ ngày 27/02/2018)", "02/2018/TT-BCT",
     "2018-02-27", "Bộ công thương"),
])
def test_date_and_issuer_after_a_title(text, number, date, issuer):
    citation = _one(text)
    assert (citation.number, citation.date, citation.issuer) == (number, date, issuer)
    assert citation.pinpoint == [{"dieu": "1"}]


def test_a_date_after_a_title_needs_its_issuer_and_no_other_number():
    # a later date with no "của" is not the document's
    citation = _one("Nghị định số 30/2020/NĐ-CP Về công tác văn thư ngày 05/3/2020 đã hướng dẫn")
    assert citation.date is None
    # a title holding another number: that date is the inner document's
    a, b = get_citations("Nghị định số 54/2022/NĐ-CP Sửa đổi Nghị định số 78/2016/NĐ-CP ngày 01/7/2016 của Chính phủ")
    assert a.date is None and b.date == "2016-07-01"


def test_items_inside_the_amended_unit_take_its_article():
    text = ("2. Sửa đổi, bổ sung Điều 32 của Bộ luật Tố tụng dân sự số 92/2015/QH13 như sau:\n"
            "a) Sửa đổi, bổ sung tên điều, khoản 1; bổ sung khoản 1a vào sau khoản 1 như sau:\n"
            "“Điều 32. Nội dung”\n"
            "b) Sửa đổi khoản 2 như sau:\n")
    citation = _one(text)
    assert citation.pinpoint == [{"dieu": "32"}, {"dieu": "32", "khoan": "1"}, {"dieu": "32", "khoan": "2"}]
