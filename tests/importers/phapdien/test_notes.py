"""Source notes of Pháp điển articles: the shapes met in the package, and refusals."""
from __future__ import annotations

import pytest

from kb.importers.phapdien.notes import NoteError, parse_note


def test_long_note_names_the_document():
    note = parse_note("(Điều 1 Luật số 18/2008/QH12 Năng lượng nguyên tử ngày 03/06/2008 của Quốc hội,"
                      " có hiệu lực thi hành kể từ ngày 01/01/2009)")
    assert (note.article, note.type, note.number) == ("1", "Luật", "18/2008/QH12")
    assert note.title == "Luật Năng lượng nguyên tử"
    assert (note.date, note.issuer, note.effective_date) == ("2008-06-03", "Quốc hội", "2009-01-01")
    assert note.changes == []


def test_short_note_and_trich_yeu():
    note = parse_note("(Điều 26 Nghị định số 167/2017/NĐ-CP, có hiệu lực thi hành kể từ ngày 01/01/2018)")
    assert (note.article, note.number, note.title, note.date) == ("26", "167/2017/NĐ-CP", None, None)
    note = parse_note("(Điều 1 Nghị định số 76/2018/NĐ-CP Quy định chi tiết và hướng dẫn thi hành một số điều của"
                      " Luật Chuyển giao công nghệ ngày 15/05/2018 của Chính phủ, có hiệu lực thi hành kể từ ngày 01/07/2018)")
    assert note.title.startswith("Quy định chi tiết") and note.title.endswith("Luật Chuyển giao công nghệ")
    assert note.issuer == "Chính phủ"


def test_amendment_with_units_and_date():
    note = parse_note("(Điều 8 Thông tư số 07/2019/TT-BCT, có hiệu lực thi hành kể từ ngày 20/06/2019, có nội dung"
                      " được sửa đổi, có nội dung được bổ sung bởi Điều 24 Thông tư số 38/2025/TT-BCT có hiệu lực"
                      " thi hành kể từ ngày 01/07/2025)")
    assert note.effective_date == "2019-06-20"
    [change] = note.changes
    assert change.relations == ["sua_doi"]
    assert (change.type, change.number, change.units, change.effective_date) == (
        "Thông tư", "38/2025/TT-BCT", [{"dieu": "24"}], "2025-07-01")


@pytest.mark.parametrize("verb, relation", [
    ("bị bãi bỏ", "bai_bo"), ("bị hủy bỏ", "bai_bo"), ("có nội dung bị bãi bỏ", "bai_bo"),
    ("được bổ sung", "sua_doi"), ("bị ngưng hiệu lực", "ngung_hieu_luc"),
])
def test_kinds_of_change(verb, relation):
    note = parse_note(f"(Điều 5 Luật số 01/2010/QH12, có hiệu lực thi hành kể từ ngày 01/01/2011, {verb} bởi"
                      " khoản 2 Điều 35 Luật số 42/2013/QH13 có hiệu lực thi hành kể từ ngày 1/7/2014)")
    [change] = note.changes
    assert change.relations == [relation]
    assert change.units == [{"dieu": "35", "khoan": "2"}]
    assert change.effective_date == "2014-07-01"


def test_several_changes_and_several_units():
    note = parse_note("(Điều 14 Thông tư số 89-TC/TCT, có hiệu lực kể từ ngày 01/01/1994, có nội dung được sửa đổi,"
                      " bổ sung bởi Điều 1, Điều 2 Thông tư số 03/1997/TC-TCT, có hiệu lực từ ngày 01/01/1997 và có nội"
                      " dung bị bãi bỏ bởi Thông tư số 59-TC/TCT, có hiệu lực kể từ ngày 16/9/1997)")
    assert note.number == "89-TC/TCT"
    first, second = note.changes
    assert (first.relations, first.number, first.units) == (["sua_doi"], "03/1997/TC-TCT", [{"dieu": "1"}, {"dieu": "2"}])
    assert (second.relations, second.number, second.units, second.effective_date) == (
        ["bai_bo"], "59-TC/TCT", [], "1997-09-16")


def test_damaged_numbers_and_marks():
    note = parse_note("(Điều 1 Thông tư số 68/2015/TT- BTNMT Quy định kỹ thuật đo đạc ngày 22/12/2015 của Bộ Tài"
                      " nguyên và Môi trường, có hiệu lực thi hành kể từ ngày 15/02/2016)")
    assert note.number == "68/2015/TT-BTNMT"
    note = parse_note("(Điều 2 Quyết định số 18/2021/QĐ-TTg (1), có hiệu lực thi hành kể từ ngày 01/07/2021)")
    assert (note.number, note.title) == ("18/2021/QĐ-TTg", None)
    note = parse_note("(Điều 2 Thông tư số 29/2017/TT-BCT., có hiệu lực thi hành kể từ ngày 01/01/2019)")
    assert note.number == "29/2017/TT-BCT"
    note = parse_note("(Điều 1 Thông tư liên tịch số 11/2014/TTLT-BQP-BNV -BLĐTBXH-BTC Hướng dẫn chế độ ngày"
                      " 05/03/2014 của Bộ Quốc phòng, Bộ Nội vụ, Bộ Lao động - Thương binh và Xã hội và Bộ Tài chính,"
                      " có hiệu lực thi hành kể từ ngày 19/04/2014)")
    assert note.number == "11/2014/TTLT-BQP-BNV-BLĐTBXH-BTC"
    assert note.issuer.startswith("Bộ Quốc phòng, Bộ Nội vụ")


def test_document_without_number_is_known_by_name():
    note = parse_note("(Điều 3 Pháp lệnh Về Quyền ưu đãi, miễn trừ dành cho cơ quan đại diện ngoại giao, có hiệu lực"
                      " thi hành kể từ ngày 07/09/1993)")
    assert note.number is None
    assert note.title.startswith("Pháp lệnh Về Quyền ưu đãi")


@pytest.mark.parametrize("raw", [
    "",
    "(Thông tư này có hiệu lực thi hành kể từ ngày 28 tháng 6 năm 2017. Bãi bỏ các văn bản sau: 1. Thông tư số 15/2010)",
    "(Điều Thông tư số 135/2017/TT-BTC, có hiệu lực thi hành kể từ ngày 05/02/2018)",
    "(Điều 3 Luật số 01/2010/QH12, có hiệu lực thi hành kể từ ngày 01/01/2011, có nội dung được sửa đổi bởi)",
    "(Điều 3 Luật số 01/2010/QH12, có hiệu lực thi hành kể từ ngày 01/01/2011, được xem xét bởi Điều 1 Luật số 02/2011/QH13)",
])
def test_unexpected_shapes_are_refused(raw):
    with pytest.raises(NoteError):
        parse_note(raw)


def test_amenders_listed_for_the_same_verbs():
    note = parse_note("(Điều 62 Nghị định số 52/2013/NĐ-CP, có hiệu lực thi hành kể từ ngày 01/07/2013, có nội dung được"
                      " sửa đổi, có nội dung bị bãi bỏ bởi Điều 10, Điều 11 Nghị định số 08/2018/NĐ-CP có hiệu lực thi"
                      " hành kể từ ngày 15/01/2018; Điều 2 Nghị định số 85/2021/NĐ-CP có hiệu lực thi hành kể từ ngày"
                      " 01/01/2022)")
    assert [(c.relations, c.number, c.units, c.effective_date) for c in note.changes] == [
        (["sua_doi", "bai_bo"], "08/2018/NĐ-CP", [{"dieu": "10"}, {"dieu": "11"}], "2018-01-15"),
        (["sua_doi", "bai_bo"], "85/2021/NĐ-CP", [{"dieu": "2"}], "2022-01-01"),
    ]


def test_amender_named_before_its_number_and_theo_quy_dinh_tai():
    note = parse_note("(Điều 25 Luật số 67/2011/QH12, có hiệu lực thi hành kể từ ngày 01/01/2012, được bãi bỏ theo quy"
                      " định tại điểm đ khoản 2 Điều 23 Luật Phí và lệ phí số 97/2015/QH13)")
    [change] = note.changes
    assert (change.relations, change.number, change.units) == (
        ["bai_bo"], "97/2015/QH13", [{"dieu": "23", "khoan": "2", "diem": "đ"}])


@pytest.mark.parametrize("written, number", [
    ("17 /2018/TT-BTNMT", "17/2018/TT-BTNMT"), ("71/2015 /TT-BTC", "71/2015/TT-BTC"),
    ("21 - TC/TCT", "21-TC/TCT"), ("TT 07/2023/TT-BNNPTNT", "07/2023/TT-BNNPTNT"),
])
def test_numbers_broken_before_the_symbol(written, number):
    note = parse_note(f"(Điều 1 Thông tư số {written} Quy định kỹ thuật ngày 22/12/2018 của Bộ X,"
                      " có hiệu lực thi hành kể từ ngày 15/02/2019)")
    assert note.number == number and note.title == "Quy định kỹ thuật"


def test_no_number_said_in_words():
    a = parse_note("(Điều 1 Pháp lệnh Số Không số Về Hàm, cấp ngoại giao, có hiệu lực thi hành kể từ ngày 01/01/1996)")
    b = parse_note("(Điều 2 Pháp lệnh Về Hàm, cấp ngoại giao, có hiệu lực thi hành kể từ ngày 01/01/1996)")
    assert a.number is b.number is None and a.title == b.title == "Pháp lệnh Về Hàm, cấp ngoại giao"
