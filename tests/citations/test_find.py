"""get_citations on the forms real documents contain (table-driven, own small examples)."""
import unicodedata

import pytest

from kb.citations import get_citations

# (text, expected [(surface, number, type, date, issuer, category)])
NUMBERED = [
    # every document type, with and without year
    ("Căn cứ Luật số 80/2015/QH13 của Quốc hội;",
     [("Luật số 80/2015/QH13 của Quốc hội", "80/2015/QH13", "Luật", None, "Quốc hội", "state")]),
    ("theo Bộ luật số 45/2019/QH14 ngày 20/11/2019",
     [("Bộ luật số 45/2019/QH14 ngày 20/11/2019", "45/2019/QH14", "Bộ luật", "2019-11-20", None, "state")]),
    ("Pháp lệnh số 02/2022/UBTVQH15 ngày 15 tháng 12 năm 2022",
     [("Pháp lệnh số 02/2022/UBTVQH15 ngày 15 tháng 12 năm 2022", "02/2022/UBTVQH15", "Pháp lệnh", "2022-12-15", None, "state")]),
    ("Lệnh số 05/2023/L-CTN ngày 14/7/2023",
     [("Lệnh số 05/2023/L-CTN ngày 14/7/2023", "05/2023/L-CTN", "Lệnh", "2023-07-14", None, "state")]),
    ("Nghị quyết liên tịch số 09/2008/NQLT-CP-UBTWMTTQVN hướng dẫn",
     [("Nghị quyết liên tịch số 09/2008/NQLT-CP-UBTWMTTQVN", "09/2008/NQLT-CP-UBTWMTTQVN", "Nghị quyết liên tịch", None, None, "state")]),
    ("Thông tư liên tịch số 05/2012/TTLT-BTC-BNN ngày 10/01/2012",
     [("Thông tư liên tịch số 05/2012/TTLT-BTC-BNN ngày 10/01/2012", "05/2012/TTLT-BTC-BNN", "Thông tư liên tịch", "2012-01-10", None, "state")]),
    ("Công văn số 574/UBND-NC ngày 23/9/2024 của UBND tỉnh về việc",
     [("Công văn số 574/UBND-NC ngày 23/9/2024 của UBND tỉnh", "574/UBND-NC", "Công văn", "2024-09-23", "UBND tỉnh", "state")]),
    ("Thông báo số 157/TB-VPCP ngày 11/4/2024 của Văn phòng Chính phủ;",
     [("Thông báo số 157/TB-VPCP ngày 11/4/2024 của Văn phòng Chính phủ", "157/TB-VPCP", "Thông báo", "2024-04-11", "Văn phòng Chính phủ", "state")]),
    ("Kết luận số 149-KL/TW ngày 10/4/2025 của Bộ Chính trị.",
     [("Kết luận số 149-KL/TW ngày 10/4/2025 của Bộ Chính trị", "149-KL/TW", "Kết luận", "2025-04-10", "Bộ Chính trị", "party")]),
    ("Xét Tờ trình số 97/TTr-STP ngày 10 tháng 11 năm 2025.",
     [("Tờ trình số 97/TTr-STP ngày 10 tháng 11 năm 2025", "97/TTr-STP", "Tờ trình", "2025-11-10", None, "state")]),
    ("Báo cáo số 166/BC-ĐGS ngày 27/5/2022 của Đoàn giám sát;",
     [("Báo cáo số 166/BC-ĐGS ngày 27/5/2022 của Đoàn giám sát", "166/BC-ĐGS", "Báo cáo", "2022-05-27", "Đoàn giám sát", "state")]),
    ("Hướng dẫn số 12-HD/BTGTW ngày 05/3/2021 của Ban Tuyên giáo Trung ương",
     [("Hướng dẫn số 12-HD/BTGTW ngày 05/3/2021 của Ban Tuyên giáo Trung ương", "12-HD/BTGTW", "Hướng dẫn", "2021-03-05", "Ban Tuyên giáo Trung ương", "party")]),
    ("Văn bản hợp nhất số 31/VBHN-VPQH ngày 10/12/2018",
     [("Văn bản hợp nhất số 31/VBHN-VPQH ngày 10/12/2018", "31/VBHN-VPQH", "Văn bản hợp nhất", "2018-12-10", None, "state")]),
    ("Chương trình số 51-CTr/TU ngày 09/02/2018 của Tỉnh ủy;",
     [("Chương trình số 51-CTr/TU ngày 09/02/2018 của Tỉnh ủy", "51-CTr/TU", "Chương trình", "2018-02-09", "Tỉnh ủy", "party")]),
    ("Kế hoạch số 119-KH/TU ngày 18/12/2019 của Ban Thường vụ Tỉnh ủy về",
     [("Kế hoạch số 119-KH/TU ngày 18/12/2019 của Ban Thường vụ Tỉnh ủy", "119-KH/TU", "Kế hoạch", "2019-12-18", "Ban Thường vụ Tỉnh ủy", "party")]),
    # party form and letter suffix
    ("Nghị quyết số 04-NQ/TU ngày 02/8/2021 của Tỉnh ủy Quảng Ngãi",
     [("Nghị quyết số 04-NQ/TU ngày 02/8/2021 của Tỉnh ủy Quảng Ngãi", "04-NQ/TU", "Nghị quyết", "2021-08-02", "Tỉnh ủy Quảng Ngãi", "party")]),
    ("Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ",
     [("Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ", "30c/NQ-CP", "Nghị quyết", "2011-11-08", "Chính phủ", "state")]),
    # "số" omitted, "số:" with a colon, issuer before the date
    ("theo Nghị định 15/2020/NĐ-CP ngày 03-02-2020 của Chính phủ",
     [("Nghị định 15/2020/NĐ-CP ngày 03-02-2020 của Chính phủ", "15/2020/NĐ-CP", "Nghị định", "2020-02-03", "Chính phủ", "state")]),
    ("ban hành kèm theo Quyết định số: 1256/QĐ-UBND ngày 22/12/2021",
     [("Quyết định số: 1256/QĐ-UBND ngày 22/12/2021", "1256/QĐ-UBND", "Quyết định", "2021-12-22", None, "state")]),
    ("Nghị định số 115/2024/NĐ-CP của Chính phủ ngày 16 tháng 9\nnăm 2024 quy định",
     [("Nghị định số 115/2024/NĐ-CP của Chính phủ ngày 16 tháng 9\nnăm 2024", "115/2024/NĐ-CP", "Nghị định", "2024-09-16", "Chính phủ", "state")]),
    # damage: lost hyphens, spaces and line breaks inside numbers and type words
    ("kèm theo Quyết định số 1741/QĐUBND của Chủ tịch Ủy ban nhân dân tỉnh.",
     [("Quyết định số 1741/QĐUBND của Chủ tịch Ủy ban nhân dân tỉnh", "1741/QĐ-UBND", "Quyết định", None, "Chủ tịch Ủy ban nhân dân tỉnh", "state")]),
    ("Nghị quyết số 30c/NQCP về cải cách",
     [("Nghị quyết số 30c/NQCP", "30c/NQ-CP", "Nghị quyết", None, None, "state")]),
    ("Quyết định số 416/QĐ- TTg;", [("Quyết định số 416/QĐ- TTg", "416/QĐ-TTg", "Quyết định", None, None, "state")]),
    ("Tờ trình số 473/TTr -\nNN&PTNT ngày 05/6/2023",
     [("Tờ trình số 473/TTr -\nNN&PTNT ngày 05/6/2023", "473/TTr-NN&PTNT", "Tờ trình", "2023-06-05", None, "state")]),
    ("Tờ trình số 4834 /TTr-SXD ngày 19 tháng 9 năm 2025",
     [("Tờ trình số 4834 /TTr-SXD ngày 19 tháng 9 năm 2025", "4834/TTr-SXD", "Tờ trình", "2025-09-19", None, "state")]),
    ("Căn cứ Nghị\nquyết số 214/NQ-CP ngày 23/7/2025 của\nChính phủ;",
     [("Nghị\nquyết số 214/NQ-CP ngày 23/7/2025 của\nChính phủ", "214/NQ-CP", "Nghị quyết", "2025-07-23", "Chính phủ", "state")]),
    # upper-case headings
    ("TRIỂN KHAI CHỈ THỊ SỐ 27/CT-TTG NGÀY 15 THÁNG 8 NĂM 2024 CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ",
     [("CHỈ THỊ SỐ 27/CT-TTG NGÀY 15 THÁNG 8 NĂM 2024 CỦA THỦ TƯỚNG CHÍNH PHỦ", "27/CT-TTg", "Chỉ thị", "2024-08-15", "THỦ TƯỚNG CHÍNH PHỦ", "state")]),
    # date forms and year only
    ("Quyết định 435/QĐ-UBND năm 2020 về",
     [("Quyết định 435/QĐ-UBND năm 2020", "435/QĐ-UBND", "Quyết định", None, None, "state")]),
    ("Nghị định số 63/2010/NĐ-CP ngày ngày 08\ntháng 6 năm 2010 của Chính phủ",
     [("Nghị định số 63/2010/NĐ-CP ngày ngày 08\ntháng 6 năm 2010 của Chính phủ", "63/2010/NĐ-CP", "Nghị định", "2010-06-08", "Chính phủ", "state")]),
    # issuers with commas, dashes, ordinals
    ("Thông tư số 02/2017/TT-VPCP ngày 31/10/2017 của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ hướng dẫn",
     [("Thông tư số 02/2017/TT-VPCP ngày 31/10/2017 của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ", "02/2017/TT-VPCP", "Thông tư", "2017-10-31", "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ", "state")]),
    ("Quyết định số 650/QĐ-LĐTBXH ngày 21/7/2022 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội về",
     [("Quyết định số 650/QĐ-LĐTBXH ngày 21/7/2022 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội", "650/QĐ-LĐTBXH", "Quyết định", "2022-07-21", "Bộ trưởng Bộ Lao động - Thương binh và Xã hội", "state")]),
    ("Nghị quyết số 13-NQ/TW ngày 16/01/2012 của Hội nghị lần thứ 4 Ban Chấp hành Trung ương Đảng (khóa XI)",
     [("Nghị quyết số 13-NQ/TW ngày 16/01/2012 của Hội nghị lần thứ 4 Ban Chấp hành Trung ương Đảng", "13-NQ/TW", "Nghị quyết", "2012-01-16", "Hội nghị lần thứ 4 Ban Chấp hành Trung ương Đảng", "party")]),
    # a law's name before its number
    ("Căn cứ Luật Đấu thầu số 22/2023/QH15;",
     [("Luật Đấu thầu số 22/2023/QH15", "22/2023/QH15", "Luật", None, None, "state")]),
    ("Luật sửa đổi, bổ sung một số điều của Luật Hải quan số 42/2005/QH11 năm 2005",
     [("Luật sửa đổi, bổ sung một số điều của Luật Hải quan số 42/2005/QH11 năm 2005", "42/2005/QH11", "Luật", None, None, "state")]),
    # not citations
    ("Hỗ trợ: (028) 3930.3279 _ 0906.229966\n- Xin lỗi", []),
    ("ngày 15/7/2021 và 3/2 năm học 2023-2024, tỷ lệ 50/50", []),
]


@pytest.mark.parametrize("text, expected", NUMBERED)
def test_numbered(text, expected):
    got = [(c.text, c.number, c.type, c.date, c.issuer, c.category)
           for c in get_citations(text) if c.number]
    assert got == expected


def test_list_sharing_a_type():
    text = ("được công nhận tại Danh sách ban hành kèm theo các Quyết định số 339/QĐ-UBND "
            "ngày 21/3/2022, số 272/QĐ-UBND ngày 02/3/2023.")
    got = [(c.text, c.number, c.type, c.date) for c in get_citations(text)]
    assert got == [
        ("Quyết định số 339/QĐ-UBND ngày 21/3/2022", "339/QĐ-UBND", "Quyết định", "2022-03-21"),
        ("số 272/QĐ-UBND ngày 02/3/2023", "272/QĐ-UBND", "Quyết định", "2023-03-02"),
    ]


def test_decomposed_unicode_and_eth_keep_offsets():
    nfc = "Căn cứ Nghị định số 15/2020/NĐ-CP ngày 03/02/2020 của Chính phủ; Luật Đất đai 2024."
    text = unicodedata.normalize("NFD", nfc).replace("Đ", "\u00d0")
    cites = get_citations(text)
    assert [c.number or c.name for c in cites] == ["15/2020/NĐ-CP", "Luật Đất đai"]
    for c in cites:
        assert text[c.start:c.end] == c.text
    assert unicodedata.normalize("NFC", cites[0].text).replace("\u00d0", "Đ") == (
        "Nghị định số 15/2020/NĐ-CP ngày 03/02/2020 của Chính phủ")
    assert cites[0].issuer == "Chính phủ" and cites[0].date == "2020-02-03"


def test_odd_spaces_and_invisible_characters():
    text = "Theo\u00a0Quyết\u00a0định số\u200b 12/QĐ-UBND\u00a0ngày 01/02/2023"
    [c] = get_citations(text)
    assert c.number == "12/QĐ-UBND" and c.date == "2023-02-01"
    assert text[c.start:c.end] == c.text


NAMED = [
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
     [("Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", "Luật Tổ chức chính quyền địa phương", "Luật", "2015-06-19", 2015)]),
    ("Căn cứ Hiến pháp năm 2013;", [("Hiến pháp năm 2013", "Hiến pháp", "Hiến pháp", None, 2013)]),
    ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013;",
     [("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013", "Hiến pháp", "Hiến pháp", None, 2013)]),
    ("theo Bộ luật Lao động 2019 và", [("Bộ luật Lao động 2019", "Bộ luật Lao động", "Bộ luật", None, 2019)]),
    ("Luật hải quan năm 2014 quy định", [("Luật hải quan năm 2014", "Luật Hải quan", "Luật", None, 2014)]),
    ("theo Luật Doanh nghiệp, Luật hợp tác xã.",
     [("Luật Doanh nghiệp", "Luật Doanh nghiệp", "Luật", None, None),
      ("Luật hợp tác xã", "Luật Hợp tác xã", "Luật", None, None)]),
    ("Luật Trật tự, an toàn giao thông đường\nbộ năm 2024;",
     [("Luật Trật tự, an toàn giao thông đường\nbộ năm 2024", "Luật Trật tự, an toàn giao thông đường bộ", "Luật", None, 2024)]),
    ("Luật sửa đổi, bổ sung\nLuật Bảo vệ bí mật nhà nước có hiệu lực",
     [("Luật sửa đổi, bổ sung\nLuật Bảo vệ bí mật nhà nước", "Luật sửa đổi, bổ sung Luật Bảo vệ bí mật nhà nước", "Luật", None, None)]),
    ("triển khai Đề án 06 của Chính phủ", [("Đề án 06", "Đề án 06", "Đề án", None, None)]),
    ("Pháp lệnh Ưu đãi người có công với cách mạng năm 2020",
     [("Pháp lệnh Ưu đãi người có công với cách mạng năm 2020", "Pháp lệnh Ưu đãi người có công với cách mạng", "Pháp lệnh", None, 2020)]),
    # anaphora, lawyers, law in general, brands: no citation
    ("Luật này thay thế Luật Hải quan", [("Luật Hải quan", "Luật Hải quan", "Luật", None, None)]),
    ("Luật có hiệu lực; Luật sư tư vấn; PHÁP LUẬT, KIỂM TRA", []),
    ("Đề án “Xây dựng xã hội học tập”", []),
]


@pytest.mark.parametrize("text, expected", NAMED)
def test_named(text, expected):
    got = [(c.text, c.name, c.type, c.date, c.year) for c in get_citations(text) if c.number is None]
    assert got == expected


def test_own_number_is_self():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 1622/QĐ-UBND\nQuảng Ngãi, ngày 20 tháng 11 năm 2025\n"
            "QUYẾT ĐỊNH\nCăn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ;\n"
            "(Kèm theo Quyết định số 1622/QĐ-UBND ngày 20/11/2025 của Chủ tịch UBND tỉnh)\n")
    cites = get_citations(text)
    assert [(c.number, c.self) for c in cites] == [
        ("1622/QĐ-UBND", True), ("63/2010/NĐ-CP", False), ("1622/QĐ-UBND", True)]
    assert cites[0].text == "Số: 1622/QĐ-UBND"
    assert cites[0].to_json()["self"] is True and "self" not in cites[1].to_json()


def test_law_header_with_type_is_self():
    text = "QUỐC HỘI\nLuật số: 45/2019/QH14\nHà Nội, ngày 20 tháng 11 năm 2019\nBỘ LUẬT LAO ĐỘNG\n"
    cites = get_citations(text)
    assert cites[0].number == "45/2019/QH14" and cites[0].self


MORE = [
    ("Quyết định 67-CP năm 1975 về", [("Quyết định 67-CP năm 1975", "67-CP", "Quyết định")]),
    ("Nghị định số 17-HĐBT ngày 16/01/1990", [("Nghị định số 17-HĐBT ngày 16/01/1990", "17-HĐBT", "Nghị định")]),
    ("Hình 7 - CP trong năm; 12-TTg", []),  # old numbers need their type word
    ("Toàn văn Nghị quyết 66.5/2025/NQ-CP về", [("Nghị quyết 66.5/2025/NQ-CP", "66.5/2025/NQ-CP", "Nghị quyết")]),
    ("Nghị định số 146/2025- NĐ-CP ngày 12/6/2025", [("Nghị định số 146/2025- NĐ-CP ngày 12/6/2025", "146/2025/NĐ-CP", "Nghị định")]),
    ("các Công văn số 8562/VPCP-CN ngày 8/11/2025, 8563/VPCP-CN ngày 9/11/2025",
     [("Công văn số 8562/VPCP-CN ngày 8/11/2025", "8562/VPCP-CN", "Công văn"),
      ("8563/VPCP-CN ngày 9/11/2025", "8563/VPCP-CN", "Công văn")]),
    ("lập theo Mẫu số 02/ĐK ban hành kèm theo Thông tư số 10/2024/TT-BTNMT",
     [("Thông tư số 10/2024/TT-BTNMT", "10/2024/TT-BTNMT", "Thông tư")]),
    ("Sắc lệnh số 127/SL ngày 19/8/1946", [("Sắc lệnh số 127/SL ngày 19/8/1946", "127/SL", "Sắc lệnh")]),
]


@pytest.mark.parametrize("text, expected", MORE)
def test_more_forms(text, expected):
    assert [(c.text, c.number, c.type) for c in get_citations(text) if c.number] == expected


def test_issuer_between_type_and_number():
    text = "theo Quyết định của Thủ tướng Chính phủ số 1373/QĐ-TTg ngày 30/7/2021 về"
    [c] = get_citations(text)
    assert (c.text, c.type, c.issuer, c.date) == (
        "Quyết định của Thủ tướng Chính phủ số 1373/QĐ-TTg ngày 30/7/2021", "Quyết định",
        "Thủ tướng Chính phủ", "2021-07-30")


@pytest.mark.parametrize("text, surface, kind", [
    ("theo QĐ số 12/QĐ-UBND ngày 01/02/2023", "QĐ số 12/QĐ-UBND ngày 01/02/2023", "Quyết định"),
    ("Thông báo kết luận số 157/TB-VPCP của Văn phòng Chính phủ", "Thông báo kết luận số 157/TB-VPCP của Văn phòng Chính phủ", "Thông báo"),
    ("Chương trình hành động số 51-CTr/TU", "Chương trình hành động số 51-CTr/TU", "Chương trình"),
])
def test_compound_and_abbreviated_type_words(text, surface, kind):
    [c] = get_citations(text)
    assert (c.text, c.type) == (surface, kind)


@pytest.mark.parametrize("text, issuer", [
    ("Quyết định số 12/QĐ-UBND ngày 01/02/2023 của UBND tỉnh Bình Phước Cho phép thành lập", "UBND tỉnh Bình Phước"),
    ("Nghị quyết số 12/NQ-CP ngày 01/02/2023 của Chính phủ Ứng dụng công nghệ", "Chính phủ"),
    ("NGHỊ QUYẾT SỐ 12/2023/QH15 NGÀY 01/02/2023 CỦA QUỐC HỘI THÍ ĐIỂM MỘT SỐ", "QUỐC HỘI"),
    ("Nghị quyết số 12/2023/QH13 của Quốc hội khóa XIII về", "Quốc hội khóa XIII"),
    ("Quyết định số 12/QĐ-UBND ngày 01/02/2023 của Chủ tịch UBND Thành phố Hồ Chí Minh ban hành", "Chủ tịch UBND Thành phố Hồ Chí Minh"),
    ("Quyết định số 403/QĐ-BYT ngày 20/01/2021 của Bộ Trưởng Bộ\nY tế về", "Bộ Trưởng Bộ\nY tế"),
    ("Thông tư số 1/2024/TT-BKHĐT ngày 1/3/2024 của Bộ Kế hoạch và Đầu tư;", "Bộ Kế hoạch và Đầu tư"),
    ("Công văn số 5/UBND-KT ngày 1/3/2024 của UBND tỉnh Kon Tum và Quyết định số 6/QĐ-UBND", "UBND tỉnh Kon Tum"),
    ("Quyết định số 5/QĐ-UBND ngày 1/3/2024 của Ủy ban nhân dân tỉnh Tải về", "Ủy ban nhân dân tỉnh"),
    # "và" belongs to the issuer only when a body follows it: a pinpoint of the next citation does not
    ("Nghị định số 30/2020/NĐ-CP ngày 5/3/2020 của Chính phủ và Điều 6 Nghị định số 31/2020/NĐ-CP", "Chính phủ"),
    ("Thông tư số 1/2011/TT-BNV của Bộ Nội vụ và khoản 2 Điều 3", "Bộ Nội vụ"),
    ("Quyết định số 5/QĐ-UBND của UBND tỉnh Kon Tum và Sở Tư pháp;", "UBND tỉnh Kon Tum và Sở Tư pháp"),
    ("Thông tư số 1/2011/TT-BNV của Bộ Nội vụ và Bộ Tài chính;", "Bộ Nội vụ và Bộ Tài chính"),
])
def test_issuer_ends_where_the_title_begins(text, issuer):
    first = get_citations(text)[0]
    assert first.issuer == " ".join(issuer.split())


@pytest.mark.parametrize("text, issuer", [
    ("Quyết định số 3123/QĐ-BVHTTDL ngày 08/9/2025 của Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch về",
     "Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch"),
    ("Thông tư số 32/2014/TT-BNNPTNT ngày 10/9/2014 của Bộ Nông nghiệp và Phát\ntriển nông thôn quy định",
     "Bộ Nông nghiệp và Phát\ntriển nông thôn"),
    ("Nghị định số 1/2020/NĐ-CP ngày 1/1/2020 của Chính phủ, Thông tư số 2/2020/TT-BTC", "Chính phủ"),
])
def test_issuers_with_commas_and_compounds(text, issuer):
    assert get_citations(text)[0].issuer == " ".join(issuer.split())


def test_issuer_with_title_case_words_that_are_also_title_starts():
    [c] = get_citations("Báo cáo số 565-BC/BTCTW ngày 27/11/2025 của Ban Tổ chức Trung ương về")
    assert c.issuer == "Ban Tổ chức Trung ương"


def test_same_number_of_another_year_is_not_self():
    text = ("UỶ BAN NHÂN DÂN TỈNH\nSố: 12/KH-UBND\nQuảng Ngãi, ngày 05 tháng 01 năm 2025\nKẾ HOẠCH\n"
            "Tiếp theo Kế hoạch số 12/KH-UBND ngày 04/01/2024 của UBND tỉnh; Kế hoạch này (12/KH-UBND) …")
    assert [(c.number, c.year, c.self) for c in get_citations(text)] == [
        ("12/KH-UBND", None, True), ("12/KH-UBND", 2024, False), ("12/KH-UBND", None, True)]


@pytest.mark.parametrize("text, expected", [
    ("theo quy định của luật Đất đai năm 2024 và pháp luật về đất đai", [("luật Đất đai năm 2024", "Luật Đất đai", 2024)]),
    ("bộ luật Dân sự 2015", [("bộ luật Dân sự 2015", "Bộ luật Dân sự", 2015)]),
    ("các luật Thuế; luật này; luật sư; Đại học Luật Hà Nội", []),
])
def test_lower_case_law_word_needs_a_known_name(text, expected):
    assert [(c.text, c.name, c.year) for c in get_citations(text)] == expected


def test_markdown_emphasis_between_number_and_date():
    [c] = get_citations("Theo **Quyết định số 12/QĐ-UBND** ngày 01/02/2023 của UBND tỉnh.")
    assert (c.date, c.issuer, c.text) == ("2023-02-01", "UBND tỉnh", "Quyết định số 12/QĐ-UBND** ngày 01/02/2023 của UBND tỉnh")
