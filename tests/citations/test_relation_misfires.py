"""Regressions from running the engine over corpus/legal (446 documents): relation misfires
and extraction damage. Own small examples, modelled on the real cases (no real file is read)."""
import pytest

from kb.citations import get_citations

# (text, expected [(number or name, relation)] for every citation, in text order)
RELATIONS = [
    # 1. a heading with "BÃI BỎ" above: the "Căn cứ" clause wins, a cue must be in the
    #    citation's own clause
    ("QUYẾT ĐỊNH\nCÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG, BÃI BỎ TRONG LĨNH VỰC "
     "HỘ TỊCH\n*Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16/6/2025;*",
     [("72/2025/QH15", "can_cu")]),
    ("VỀ VIỆC BÃI BỎ QUYẾT ĐỊNH SỐ 12/2019/QĐ-UBND\n*Căn\ncứ Nghị định số 78/2025/NĐ-CP ngày 01/4/2025;*",
     [("12/2019/QĐ-UBND", "bai_bo"), ("78/2025/NĐ-CP", "can_cu")]),
    ("*Căn cứ Quyết định số 21/2023/QĐ-TTg của Thủ tướng Chính phủ sửa đổi, bổ sung và bãi bỏ một số "
     "điều của Quyết định số 40/2021/QĐ-TTg ngày 30 tháng 12 năm 2021;*",
     [("21/2023/QĐ-TTg", "can_cu"), ("40/2021/QĐ-TTg", "dan_chieu")]),
    ("Căn cứ khoản 2 Điều 3 Luật số 56/2024/QH15 sửa đổi, bổ sung, bãi bỏ một số khoản của Điều 47 "
     "Luật Quản lý thuế;", [("56/2024/QH15", "can_cu"), ("Luật Quản lý thuế", "dan_chieu")]),
    # "Căn cứ Luật sửa đổi, bổ sung …": the cue is the cited law's title, also after ";"
    ("*Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật số "
     "87/2025/QH15 ngày 25 tháng 6 năm 2025;*", [("87/2025/QH15", "can_cu")]),
    ("*Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15; Luật Sửa đổi, bổ sung một số "
     "điều của Luật Ban hành văn bản quy phạm pháp luật số 87/2025/QH15;*",
     [("64/2025/QH15", "can_cu"), ("87/2025/QH15", "can_cu")]),
    ("*Căn cứ Luật Đê điều ngày 29 tháng 11 năm 2006; Luật sửa đổi, bổ sung một số điều của Luật Đê điều "
     "ngày 17 tháng 6 năm 2020;*",
     [("Luật Đê điều", "can_cu"), ("Luật sửa đổi, bổ sung một số điều của Luật Đê điều", "can_cu")]),
    ("*Căn cứ Luật Thủy lợi ngày 19 tháng 6 năm 2017; Luật sửa **đổi, bổ sung một số điều của Luật Thủy "
     "lợi và Luật Đê điều ngày 17** tháng 6 năm 2020;*",
     [("Luật Thủy lợi", "can_cu"), ("Luật Thủy lợi", "can_cu"), ("Luật Đê điều", "can_cu")]),
    # the citing document names itself: still its own act
    ("*Bộ trưởng Bộ Xây dựng ban hành Thông tư sửa đổi, bổ sung một số điều của Thông tư số "
     "12/2021/TT-BXD ngày 31 tháng 8 năm 2021.*", [("12/2021/TT-BXD", "sua_doi")]),
    ("QUYẾT ĐỊNH BÃI BỎ QUYẾT ĐỊNH SỐ 05/2020/QĐ-UBND NGÀY 02/3/2020 CỦA ỦY BAN NHÂN DÂN TỈNH",
     [("05/2020/QĐ-UBND", "bai_bo")]),
    # 2. tasks, proposals, conditions, future acts: not done by the citing document
    ("Sở Nội vụ tham mưu Ủy ban nhân dân tỉnh sửa đổi, bổ sung hoặc thay thế Quyết định số "
     "17/2022/QĐ-UBND ngày 10/5/2022 của UBND tỉnh.", [("17/2022/QĐ-UBND", "dan_chieu")]),
    ("Đề xuất thay thế Nghị định số 45/2019/NĐ-CP ngày 21/5/2019 của Chính phủ cho phù hợp.",
     [("45/2019/NĐ-CP", "dan_chieu")]),
    ("Đề nghị Bộ Tài chính tham mưu Chính phủ sửa đổi Nghị định số 60/2021/NĐ-CP ngày 21/6/2021.",
     [("60/2021/NĐ-CP", "dan_chieu")]),
    ("| 2 | Triển khai khi có văn bản thay thế Quyết định số 99/2010/QĐ-TTg ngày 12/8/2010 | Sở Tài chính |",
     [("99/2010/QĐ-TTg", "dan_chieu")]),
    ("Trường hợp các văn bản dẫn chiếu được sửa đổi, bổ sung hoặc thay thế bằng Thông tư số "
     "05/2024/TT-BTC thì áp dụng theo văn bản mới.", [("05/2024/TT-BTC", "dan_chieu")]),
    ("**2.2. Kiến nghị thực thi**\n\nSửa đổi Điều 7 và Điều 8 của\nNghị định số 88/2019/NĐ-CP ngày "
     "14 tháng 11 năm 2019 của Chính phủ.", [("88/2019/NĐ-CP", "dan_chieu")]),
    ("**3.2. Kiến nghị thực thi**\n\nSửa đổi khoản 2 Điều 9 Nghị định\nsố 70/2018/NĐ-CP ngày 15/5/2018 của "
     "Chính phủ; sửa đổi, bổ sung Phụ lục 2 Thông tư số\n15/2023/TT-BKHCN ngày 30 tháng 6 năm 2023.",
     [("70/2018/NĐ-CP", "dan_chieu"), ("15/2023/TT-BKHCN", "dan_chieu")]),
    ("Tiếp tục rà soát, sửa đổi, bổ sung các quy định, bảo đảm thống nhất với Luật Phòng, chống ma túy.",
     [("Luật Phòng, chống ma túy", "dan_chieu")]),
    ("| 3 | Đối tượng quy định tại khoản 4 Điều 4 Nghị định số 67/2007/NĐ-CP, sửa đổi, bổ sung tại khoản 1 "
     "Điều 1 Nghị định số 13/2010/NĐ-CP |", [("67/2007/NĐ-CP", "dan_chieu"), ("13/2010/NĐ-CP", "dan_chieu")]),
    # a list item far down a table does not continue a list of grounds further up
    ("Quyết định này thay thế Danh mục TTHC tại Quyết định số 1740/QĐ-UBND ngày 30/6/2025.\n\n"
     "| TT | Tên thủ tục | Căn cứ pháp lý |\n| 1 | Bổ nhiệm giám định viên | - Luật Giám định tư pháp năm "
     "2012;\n- Nghị định số 85/2013/NĐ-CP ngày 29/7/2013 của Chính phủ;\n- Nghị định số 157/2020/NĐ-CP |",
     [("1740/QĐ-UBND", "thay_the"), ("85/2013/NĐ-CP", "dan_chieu"),
      ("157/2020/NĐ-CP", "dan_chieu")]),
    # quoted from another document: that document's act
    ("Tại khoản 9 Điều 71 Luật số 93/2025/QH15 quy định: “9. Bãi bỏ các điều 3, 4 và 5 của Nghị quyết "
     "số 193/2025/QH15 về thí điểm một số cơ chế”.", [("93/2025/QH15", "dan_chieu"), ("193/2025/QH15", "dan_chieu")]),
    # another document's act, described in an official letter
    ("Số: 1234/BTC-TCHQ\nHà Nội, ngày 20 tháng 12 năm 2014\n\nLuật Hải quan có hiệu lực từ ngày 01/01/2015. "
     "Luật này thay thế Luật Hải quan số 29/2001/QH10.",
     [("Luật Hải quan", "dan_chieu"), ("29/2001/QH10", "dan_chieu")]),
    ("Số: 12/2025/QĐ-UBND\nHà Tĩnh, ngày 20 tháng 11 năm 2025\n\n2. Quyết định này thay thế Quyết định số "
     "30/2018/QĐ-UBND.", [("30/2018/QĐ-UBND", "thay_the")]),
    # but the document's own acts still count
    ("2. Quyết định này thay thế Quyết định số 30/2018/QĐ-UBND ngày 12 tháng 9 năm 2018 của Ủy ban "
     "nhân dân tỉnh.", [("30/2018/QĐ-UBND", "thay_the")]),
    ("Nghị quyết này có hiệu lực từ ngày 01/01/2026 và bãi bỏ Nghị quyết số 11/2021/NQ-HĐND ngày "
     "09/7/2021 của Hội đồng nhân dân tỉnh.", [("11/2021/NQ-HĐND", "bai_bo")]),
    ("2. Bãi bỏ khoản 3 Điều 5 Nghị quyết số 28/2023/NQ-HĐND ngày 08 tháng 12 năm 2023 của Hội đồng "
     "nhân dân thành phố.", [("28/2023/NQ-HĐND", "bai_bo")]),
    ("Bãi bỏ các quy định về đào tạo công chức quy định tại Nghị định số 41/2019/NĐ-CP ngày "
     "01/9/2019 của Chính phủ.", [("41/2019/NĐ-CP", "bai_bo")]),
    # 3. a decision publishing a list of administrative procedures: the laws in its table are
    #    the procedures' legal basis; what it changes is the earlier published list
    ("QUYẾT ĐỊNH VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG, BÃI BỎ\n"
     "| STT | Tên thủ tục | Căn cứ pháp lý |\n"
     "| 1 | Cấp lại chứng chỉ hành nghề | - Luật Dược số 105/2016/QH13 được sửa đổi, bổ sung tại Luật "
     "số 44/2024/QH15; - Nghị định số 54/2017/NĐ-CP ngày 08/5/2017 của Chính phủ. |",
     [("105/2016/QH13", "dan_chieu"), ("44/2024/QH15", "dan_chieu"), ("54/2017/NĐ-CP", "dan_chieu")]),
    ("Bổ sung máy móc, thiết bị khác ngoài các máy móc đã quy định tại khoản 1 Điều 4 Quyết định số "
     "16/2025/QĐ-TTg để phục vụ công tác.", [("16/2025/QĐ-TTg", "dan_chieu")]),
    ("Bãi bỏ TTHC: “Đăng ký sửa đổi chế độ kế toán theo Thông tư số 201/2014/TT-BTC”.",
     [("201/2014/TT-BTC", "dan_chieu")]),
    ("Sửa đổi, bổ sung danh mục thủ tục hành chính đã được công bố tại Quyết định số 1306/QĐ-UBND "
     "ngày 29/10/2025 của Chủ tịch UBND tỉnh.", [("1306/QĐ-UBND", "sua_doi")]),
    ("Điều chỉnh danh mục thủ tục hành chính được sửa đổi, bổ sung, thay thế công bố tại Quyết định số "
     "914/QĐ-UBND ngày 18/9/2025.", [("914/QĐ-UBND", "dan_chieu")]),
]


@pytest.mark.parametrize("text, expected", RELATIONS)
def test_relation_misfires(text, expected):
    got = [(c.number or c.name, c.relation) for c in get_citations(text) if not c.self]
    assert got == expected


# 4. a legislature number cut by markup or a line break is mended; a text that really
#    says "QH" keeps it. (text, surface, number)
LEGISLATURE = [
    ("*Căn cứ Luật Thủ đô số 39/2024/QH**1**5**;*", "Luật Thủ đô số 39/2024/QH**1**5", "39/2024/QH15"),
    ("Căn cứ Luật Đất đai số 31/2024/QH1\n5 ngày 18/01/2024;", "Luật Đất đai số 31/2024/QH1\n5 ngày 18/01/2024",
     "31/2024/QH15"),
    ("theo Luật số 47/2019/QH\n14 ngày 22/11/2019", "Luật số 47/2019/QH\n14 ngày 22/11/2019", "47/2019/QH14"),
    ("Luật Tổ chức chính quyền địa phương số 72/2025/QH ngày 16 tháng 6 năm 2025 của Quốc hội;",
     "Luật Tổ chức chính quyền địa phương số 72/2025/QH ngày 16 tháng 6 năm 2025 của Quốc hội", "72/2025/QH"),
    ("Nghị quyết số 202/2025/QH ngày 12/6/2025", "Nghị quyết số 202/2025/QH ngày 12/6/2025", "202/2025/QH"),
    # a list item after the line break is not a term number
    ("Luật số 80/2015/QH13\n2. Nghị định số 34/2016/NĐ-CP", "Luật số 80/2015/QH13", "80/2015/QH13"),
]


@pytest.mark.parametrize("text, surface, number", LEGISLATURE)
def test_legislature_number(text, surface, number):
    first = get_citations(text)[0]
    assert (first.text, first.number) == (surface, number)
    assert text[first.start:first.end] == first.text


# "pháp luật số …": "luật" ends the law's name, it is not the type word; the span covers the
# name (and "Luật sửa đổi, bổ sung … của" before it). (text, surface, type)
LAW_ENDING_IN_LUAT = [
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15;",
     "Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15", "Luật"),
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật số "
     "87/2025/QH15 ngày 25/6/2025;",
     "Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật số 87/2025/QH15 "
     "ngày 25/6/2025", "Luật"),
    ("Căn cứ Luật Phổ biến, giáo dục pháp luật số 14/2012/QH13;",
     "Luật Phổ biến, giáo dục pháp luật số 14/2012/QH13", "Luật"),
]


@pytest.mark.parametrize("text, surface, kind", LAW_ENDING_IN_LUAT)
def test_law_name_ending_in_luat(text, surface, kind):
    first = get_citations(text)[0]
    assert (first.text, first.type) == (surface, kind)


# 5. a date belongs to the citation it follows: never taken from a neighbouring mention
#    (a text that writes a wrong year keeps it as written).
DATES = [
    ("*Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 19 tháng 2 năm 2015 và Luật số "
     "87/2025/QH15 ngày 25 tháng 6 năm 2025 sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy "
     "phạm pháp luật số 64/2025/QH15 ngày 19 tháng 2 năm 2025;*",
     [("Luật Ban hành văn bản quy phạm pháp luật", "2015-02-19"), ("87/2025/QH15", "2025-06-25"),
      ("64/2025/QH15", "2025-02-19")]),
    ("*Căn cứ Luật Ban hành văn bản quy phạm pháp luật; Luật sửa đổi, bổ sung một số điều của Luật Ban "
     "hành văn bản quy phạm pháp luật ngày 25 tháng 6 năm 2025;*",
     [("Luật Ban hành văn bản quy phạm pháp luật", None),
      ("Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật", "2025-06-25")]),
]


@pytest.mark.parametrize("text, expected", DATES)
def test_dates_stay_with_their_citation(text, expected):
    assert [(c.number or c.name, c.date) for c in get_citations(text)] == expected
