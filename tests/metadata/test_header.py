"""The official header (Nghị định 30/2020/NĐ-CP layout) in the shapes it arrives in."""
from __future__ import annotations

import pytest

from kb.metadata import parse_header
from kb.metadata.names import display_name

# (header text, expected fields); texts are written for the tests in the layouts met on
# real pages: one cell per line, lines broken inside cells, all on one line, no header.
CASES = [
    pytest.param(
        """UBND TỈNH QUẢNG NGÃI
SỞ NGOẠI VỤ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 198/KH-SNgV
Quảng Ngãi, ngày 03 tháng 3 năm 2023
KẾ HOẠCH
Đào tạo, bồi dưỡng chuyên môn nghiệp vụ năm 2023
Thực hiện Quyết định số 1741/QĐUBND ngày 15/8/2022 của UBND tỉnh;
""",
        dict(number="198/KH-SNgV", type="Kế hoạch", issuer="Sở Ngoại vụ tỉnh Quảng Ngãi",
             date="2023-03-03", place="Quảng Ngãi", title="Đào tạo, bồi dưỡng chuyên môn nghiệp vụ năm 2023"),
        id="two-line issuer, department of a province",
    ),
    pytest.param(
        """ỦY BAN NHÂN
DÂN
TỈNH BẮC NINH
--------

CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số:
471/QĐ-UBND

Bắc Ninh, ngày 28 tháng 11 năm 2025

QUYẾT
ĐỊNH
VỀ VIỆC PHÊ DUYỆT DANH MỤC ĐỊA ĐIỂM TỔ CHỨC HỘI CHỢ
NĂM 2026
ỦY BAN NHÂN DÂN TỈNH BẮC NINH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;
""",
        dict(number="471/QĐ-UBND", type="Quyết định", issuer="Ủy ban nhân dân tỉnh Bắc Ninh",
             date="2025-11-28", place="Bắc Ninh",
             title="VỀ VIỆC PHÊ DUYỆT DANH MỤC ĐỊA ĐIỂM TỔ CHỨC HỘI CHỢ NĂM 2026"),
        id="cells broken over lines, authority line after the title",
    ),
    pytest.param(
        """BỘ TÀI CHÍNH
CỤC THUẾ
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 5348/CT-CS
V/v hướng dẫn góp vốn
điều lệ
Hà Nội, ngày 20 tháng 11 năm 2025
Kính gửi: Thuế tỉnh Quảng Trị.
Cục Thuế nhận được công văn số 324/QTR-KTr2 ngày 22/7/2025 của Thuế tỉnh Quảng Trị.
""",
        dict(number="5348/CT-CS", type="Công văn", issuer="Cục Thuế", date="2025-11-20", place="Hà Nội",
             title="V/v hướng dẫn góp vốn điều lệ"),
        id="công văn: no heading, V/v summary",
    ),
    pytest.param(
        "Quyết định 435/QĐ-UBND năm 2020 ỦY BAN NHÂN DÂN TỈNH KON TUM -------\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
        "Số: 435/QĐ-UBND Kon Tum, ngày 04 tháng 5 năm 2020 QUYẾT ĐỊNH V/V BAN HÀNH CHƯƠNG TRÌNH HÀNH ĐỘNG "
        "ỦY BAN NHÂN DÂN TỈNH KON TUM\nCăn cứ Luật tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
        "Nơi nhận:\n- Lưu VT.\nTM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Hữu Tháp CHƯƠNG TRÌNH HÀNH ĐỘNG\n",
        dict(number="435/QĐ-UBND", type="Quyết định", issuer="Ủy ban nhân dân tỉnh Kon Tum", date="2020-05-04",
             place="Kon Tum", title="V/V BAN HÀNH CHƯƠNG TRÌNH HÀNH ĐỘNG", signer="Nguyễn Hữu Tháp",
             signer_title="PHÓ CHỦ TỊCH"),
        id="flat text: the whole header on a few lines",
    ),
    pytest.param(
        """QUỐC HỘI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Luật số: 80/2015/QH13
LUẬT
BAN HÀNH VĂN BẢN QUY PHẠM PHÁP LUẬT
Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIII, kỳ họp thứ 9
thông qua ngày 22 tháng 6 năm 2015.
CHỦ TỊCH QUỐC HỘI
Nguyễn Sinh Hùng
""",
        dict(number="80/2015/QH13", type="Luật", issuer="Quốc hội", date="2015-06-22", year=2015,
             title="BAN HÀNH VĂN BẢN QUY PHẠM PHÁP LUẬT", signer="Nguyễn Sinh Hùng",
             signer_title="CHỦ TỊCH QUỐC HỘI"),
        id="law of the National Assembly: date from the adoption sentence",
    ),
    pytest.param(
        """BAN CHẤP HÀNH TRUNG ƯƠNG
VĂN PHÒNG
*
ĐẢNG CỘNG SẢN VIỆT NAM
Số 432-TB/VPTW
Hà Nội, ngày 26 tháng 11 năm 2025
THÔNG BÁO KẾT LUẬN
CỦA ĐỒNG CHÍ TỔNG BÍ THƯ
Ngày 24/11/2025, đồng chí Tổng Bí thư đã làm việc với Đảng ủy Bộ Y tế.
""",
        dict(number="432-TB/VPTW", type="Thông báo", issuer="Văn phòng Ban Chấp hành Trung ương",
             date="2025-11-26", place="Hà Nội"),
        id="party document: party motto, office of the Central Committee",
    ),
    pytest.param(
        """Số: 1669/NQ-UBTVQH15 |

NGHỊ QUYẾT

Về việc sắp xếp các đơn vị hành chính cấp xã của thành phố Hải Phòng năm 2025

ỦY BAN THƯỜNG VỤ QUỐC HỘI

Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Căn cứ Nghị quyết số 202/2025/QH15 ngày 12 tháng 6 năm 2025 của Quốc hội;
Nghị quyết này được Ủy ban Thường vụ Quốc hội thông qua ngày 16 tháng 6 năm 2025.
""",
        dict(number="1669/NQ-UBTVQH15", type="Nghị quyết", issuer="Ủy ban Thường vụ Quốc hội", date="2025-06-16",
             place=None, title="Về việc sắp xếp các đơn vị hành chính cấp xã của thành phố Hải Phòng năm 2025"),
        id="no issuer cell and no date line: never a cited document's date",
    ),
    pytest.param(
        """BỘ TÀI CHÍNH
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 05/2012/TTLT - BTC-BNN
Hà Nội, ngày 05 tháng 01 năm 2012
THÔNG TƯ LIÊN TỊCH
Hướng dẫn thực hiện chính sách
Căn cứ Nghị định số 118/2008/NĐ-CP;
""",
        dict(number="05/2012/TTLT-BTC-BNN", type="Thông tư liên tịch", issuer="Bộ Tài chính", date="2012-01-05",
             title="Hướng dẫn thực hiện chính sách"),
        id="number with spaces repaired, longest type heading wins",
    ),
    pytest.param(
        """BỘ NỘI VỤ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 10989/BNV-TCBC
V/v đề xuất biên chế
Hà Nội, ngày 21 tháng 11 năm 2025
Kính gửi: Các bộ, ngành.
""",
        dict(number="10989/BNV-TCBC", type="Công văn", issuer="Bộ Nội vụ"),
        id="'vụ' ending a ministry's name is not a child department",
    ),
    pytest.param(
        "UỶ BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH QUẢNG NGÃI Độc lập - Tự do - Hạnh phúc\n"
        "Số: 1622/QĐ-UBND Quảng Ngãi, ngày 20 tháng 11 năm 2025\n"
        "QUYẾT ĐỊNH\nVề việc công bố danh mục thủ tục hành chính\nCăn cứ Luật Tổ chức chính quyền địa phương;\n",
        dict(number="1622/QĐ-UBND", type="Quyết định", issuer="Uỷ ban nhân dân tỉnh Quảng Ngãi",  # spelling kept
             date="2025-11-20", place="Quảng Ngãi", title="Về việc công bố danh mục thủ tục hành chính"),
        id="two columns read across (PDF text): issuer lines around the motto",
    ),
    pytest.param(
        """Truy cập nội dung luôn
SỞ NGOẠI VỤ
Hội nghị tuyên truyền năm 2023
Thực hiện Kế hoạch số 198/KH-SNgV ngày 03 tháng 3 năm 2023 của Sở Ngoại vụ, Sở tổ chức hội nghị.
""",
        dict(number=None, type=None, issuer=None, date=None),
        id="news post, no header: a cited number is not the document's",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_parse_header(text, expected):
    doc = parse_header(text)
    got = {field: getattr(doc, field) for field in expected}
    assert got == expected
    assert doc.text == text  # the body is kept as given


def test_signature_block_with_name_broken_over_lines():
    text = "…thi hành Nghị quyết này./.\nNơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN\nDÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nPhùng\nThị Hồng Hà\n"
    doc = parse_header(text)
    assert doc.signer == "Phùng Thị Hồng Hà"
    assert doc.signer_title == "PHÓ CHỦ TỊCH"
    assert doc.extra["signature"].startswith("TM. ỦY BAN NHÂN")


def test_signature_in_two_columns_read_across():
    text = ("Quyết định này có hiệu lực kể từ ngày ký./.\nNơi nhận: TM. ỦY BAN NHÂN DÂN\n- Như Điều 3; KT. CHỦ TỊCH\n"
            "- Lưu: VT. PHÓ CHỦ TỊCH\nNguyễn Văn An\n")
    doc = parse_header(text)
    assert (doc.signer, doc.signer_title) == ("Nguyễn Văn An", "PHÓ CHỦ TỊCH")


def test_signature_rank_is_not_part_of_the_name():
    doc = parse_header("Thông tư này./.\nNơi nhận:\n- Lưu: VT.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nThượng tướng Vũ Hải Sản\n")
    assert (doc.signer, doc.signer_title) == ("Vũ Hải Sản", "THỨ TRƯỞNG")


def test_annex_names_the_document_when_the_header_is_missing():
    text = ("Kính gửi: Các cơ quan.\nNội dung công văn./.\n"
            "DANH SÁCH\n(Kèm theo Công văn số 6225/BVHTTDL-VP ngày 18/11/2025 của Bộ Văn hóa, Thể thao và Du lịch)\n")
    doc = parse_header(text)
    assert (doc.number, doc.type, doc.date, doc.issuer) == (
        "6225/BVHTTDL-VP", "Công văn", "2025-11-18", "Bộ Văn hóa, Thể thao và Du lịch")


def test_sentence_wrapped_before_so_is_not_the_number():
    text = ("NGHỊ ĐỊNH\nVỀ VIỆN TRỢ\nCăn cứ Luật Xử lý vi phạm hành chính\nsố 56/2024/QH15;\n"
            "Điều 1. Phạm vi./.\n(Kèm theo Nghị định số 305/2025/NĐ-CP ngày 25 tháng 11 năm 2025 "
            "của Bộ trưởng Bộ Tài chính)\n")
    doc = parse_header(text)
    assert (doc.number, doc.type, doc.date, doc.issuer) == ("305/2025/NĐ-CP", "Nghị định", "2025-11-25", "Bộ Tài chính")
    assert doc.extra["metadata_from"] == "annex"


def test_quoted_motto_in_body_is_not_the_header():
    text = "Số: 12/NQ-UBTVQH15\nNGHỊ QUYẾT\nVề việc thành lập\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
    doc = parse_header(text)
    assert doc.type == "Nghị quyết" and doc.title == "Về việc thành lập"


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "Ủy ban nhân dân tỉnh Quảng Ngãi"),
        ("HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "Hội đồng nhân dân thành phố Hồ Chí Minh"),
        ("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Bộ Văn hóa, Thể thao và Du lịch"),
        ("VĂN PHÒNG CHÍNH PHỦ", "Văn phòng Chính phủ"),
        ("THUẾ TỈNH QUẢNG TRỊ", "Thuế tỉnh Quảng Trị"),
        ("Sở Nội vụ", "Sở Nội vụ"),  # mixed case is kept as written
    ],
)
def test_display_name(raw, shown):
    assert display_name(raw) == shown


@pytest.mark.parametrize(
    "block, issuer, parent",
    [
        ("UBND TỈNH QUẢNG NGÃI\nVĂN PHÒNG", "Văn phòng Ủy ban nhân dân tỉnh Quảng Ngãi", "Ủy ban nhân dân tỉnh Quảng Ngãi"),
        ("TỔNG CỤC THUẾ\nCỤC THUẾ TỈNH BÌNH DƯƠNG", "Cục Thuế tỉnh Bình Dương", "Tổng cục Thuế"),
        ("CỤC THUẾ\nTHUẾ TỈNH TÂY NINH", "Thuế tỉnh Tây Ninh", "Cục Thuế"),
        ("UBND TP. HỒ CHÍ MINH\nSỞ NỘI VỤ", "Sở Nội vụ thành phố Hồ Chí Minh", "Ủy ban nhân dân thành phố Hồ Chí Minh"),
        ("UBND HUYỆN SƠN TỊNH\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "Phòng Giáo dục và Đào tạo huyện Sơn Tịnh",
         "Ủy ban nhân dân huyện Sơn Tịnh"),
        ("TỈNH ỦY QUẢNG NGÃI\nBAN TUYÊN GIÁO", "Ban Tuyên giáo Tỉnh ủy Quảng Ngãi", "Tỉnh ủy Quảng Ngãi"),
        ("BỘ NÔNG NGHIỆP\nVÀ\nMÔI TRƯỜNG", "Bộ Nông nghiệp và Môi trường", None),
        ("BẢO HIỂM XÃ HỘI VIỆT NAM", "Bảo hiểm xã hội Việt Nam", None),
        ("HĐND TỈNH QUẢNG NGÃI", "Hội đồng nhân dân tỉnh Quảng Ngãi", None),
        ("VĂN PHÒNG CHÍNH\nPHỦ", "Văn phòng Chính phủ", None),
    ],
)
def test_issuer_and_parent(block, issuer, parent):
    doc = parse_header(f"{block}\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                       "Số: 12/QĐ-X\nHà Nội, ngày 01 tháng 12 năm 2025\n")
    assert doc.issuer == issuer
    assert doc.extra.get("issuer_parent") == parent


def test_title_lines_starting_like_an_authority_stay_in_the_title():
    text = ("CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 388/NQ-CP\n"
            "Hà Nội, ngày 01 tháng 12 năm 2025\nNGHỊ QUYẾT\nVỀ VIỆC TIẾP THU Ý KIẾN CỦA ĐẠI BIỂU\n"
            "QUỐC HỘI TẠI TỔ VÀ HỘI TRƯỜNG\nCHÍNH PHỦ\nCăn cứ Luật Tổ chức Chính phủ;\n")
    doc = parse_header(text)
    assert doc.title == "VỀ VIỆC TIẾP THU Ý KIẾN CỦA ĐẠI BIỂU QUỐC HỘI TẠI TỔ VÀ HỘI TRƯỜNG"
    assert doc.issuer == "Chính phủ"


def test_a_date_in_the_title_under_the_heading_is_not_the_documents():
    """No date line: the first date is the amended decree's, in the title (16/2025/NĐ-CP)."""
    text = (
        "CHÍNH PHỦ          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 16/2025/NĐ-CP\n\nNGHỊ ĐỊNH\n\n"
        "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA NGHỊ ĐỊNH SỐ 72/2020/NĐ-CP NGÀY 30 THÁNG 6 NĂM 2020 CỦA CHÍNH PHỦ"
        " QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA LUẬT DÂN QUÂN TỰ VỆ\n\n"
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n\nNGHỊ ĐỊNH:\n\nĐiều 1. Sửa đổi.\n"
    )
    doc = parse_header(text)
    assert (doc.number, doc.type, doc.issuer) == ("16/2025/NĐ-CP", "Nghị định", "Chính phủ")
    assert doc.date is None
    assert doc.title.startswith("SỬA ĐỔI, BỔ SUNG") or doc.title.lower().startswith("sửa đổi, bổ sung")


def test_a_date_line_before_the_heading_is_kept():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 5/QĐ-UBND\nQuảng Ngãi, ngày 02 tháng 01 năm 2024\n\nQUYẾT ĐỊNH\n"
            "Sửa đổi Quyết định số 1/QĐ-UBND ngày 05 tháng 01 năm 2023\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n")
    doc = parse_header(text)
    assert (doc.type, doc.date) == ("Quyết định", "2024-01-02")
