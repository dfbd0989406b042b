"""An amending law's name runs over the list of laws it amends (sentences from corpus/legal).

"Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền
địa phương ngày 22 tháng 11 năm 2019" is one law (47/2019/QH14): the date after the last
name is the amending law's, and the laws in the list are not cited on their own.
"""
import pytest

from kb.citations import get_citations


def _rows(text):
    return [(text[c.start:c.end], c.number, c.type, c.name, c.date, c.year) for c in get_citations(text)]


CASES = [
    # 4ea650b6faa46d71.md
    ("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật "
     "Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;",
     [("Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015", None, "Luật", "Luật Tổ chức Chính phủ", "2015-06-19", 2015),
      ("Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương "
       "ngày 22 tháng 11 năm 2019", None, "Luật",
       "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
       "2019-11-22", 2019)]),
    # 21c5e5f284e66d03.md (Markdown emphasis before the date)
    ("*Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương** "
     "ngày 22 tháng 11 năm 2019;*",
     [("Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương** "
       "ngày 22 tháng 11 năm 2019", None, "Luật",
       "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
       "2019-11-22", 2019)]),
    # 919fbc8391baa810.md (a line break inside the name)
    ("Căn cứ Luật sửa đổi, bổ sung một\nsố điều của Luật Phòng, chống thiên tai và Luật Đê điều ngày 17/6/2020;",
     [("Luật sửa đổi, bổ sung một\nsố điều của Luật Phòng, chống thiên tai và Luật Đê điều ngày 17/6/2020", None,
       "Luật", "Luật sửa đổi, bổ sung một số điều của Luật Phòng, chống thiên tai và Luật Đê điều", "2020-06-17",
       2020)]),
    # e4ddc120fc14463c.md (a year, not a date)
    ("theo Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức năm 2019 thì",
     [("Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức năm 2019", None, "Luật",
       "Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức", None, 2019)]),
    # 448306af3d3a91f7.md (a list joined by commas, a known name that holds "theo")
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch, Luật Đầu tư, Luật Đầu tư theo phương thức "
     "đối tác công tư và Luật Đấu thầu ngày 29/11/2024;",
     [("Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch, Luật Đầu tư, Luật Đầu tư theo phương thức đối tác "
       "công tư và Luật Đấu thầu ngày 29/11/2024", None, "Luật",
       "Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch, Luật Đầu tư, Luật Đầu tư theo phương thức đối tác "
       "công tư và Luật Đấu thầu", "2024-11-29", 2024)]),
    # A pháp lệnh amending two others; the type is the amending one's.
    ("Căn cứ Pháp lệnh sửa đổi, bổ sung một số điều của Pháp lệnh Chi phí tố tụng và Pháp lệnh Quản lý thị "
     "trường ngày 12/7/2020;",
     [("Pháp lệnh sửa đổi, bổ sung một số điều của Pháp lệnh Chi phí tố tụng và Pháp lệnh Quản lý thị trường "
       "ngày 12/7/2020", None, "Pháp lệnh",
       "Pháp lệnh sửa đổi, bổ sung một số điều của Pháp lệnh Chi phí tố tụng và Pháp lệnh Quản lý thị trường",
       "2020-07-12", 2020)]),
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Bộ luật Lao động ngày 5/5/2021;",
     [("Luật sửa đổi, bổ sung một số điều của Bộ luật Lao động ngày 5/5/2021", None, "Luật",
       "Luật sửa đổi, bổ sung một số điều của Bộ luật Lao động", "2021-05-05", 2021)]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:50] for c in CASES])
def test_an_amending_name_runs_over_its_list(text, expected):
    assert _rows(text) == expected


def test_the_list_runs_into_the_amending_laws_number():
    # eefcae096f723296.md: 57/2024/QH15 is the amending law, not the Luật Đấu thầu.
    text = ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch, Luật Đầu tư, Luật Đầu tư theo "
            "phương thức đối tác công tư và Luật Đấu thầu số 57/2024/QH15;")
    (only,) = get_citations(text)
    assert only.number == "57/2024/QH15"
    assert text[only.start:only.end] == text[len("Căn cứ "):-1]
    assert only.type == "Luật"


def test_laws_in_a_plain_list_stay_apart():
    text = "Căn cứ Luật Đất đai ngày 18/01/2024 và Luật Nhà ở ngày 27/11/2023; Luật Đầu tư công và Luật Ngân sách nhà nước;"
    assert [c.name for c in get_citations(text)] == [
        "Luật Đất đai", "Luật Nhà ở", "Luật Đầu tư công", "Luật Ngân sách nhà nước"]


def test_and_inside_a_known_name_still_belongs_to_it():
    (only,) = get_citations("Căn cứ Luật Phòng cháy và chữa cháy ngày 29/6/2001;")
    assert only.name == "Luật Phòng cháy và chữa cháy"
