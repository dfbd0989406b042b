"""thuvienphapluat's facts table and page furniture: read apart from the document."""
from __future__ import annotations

import pytest

from kb.metadata import parse_header, parse_tvpl_table, strip_site_chrome

TABLE_PAGE = """|
|
Bản dịch này thuộc quyền sở hữu của **
THƯ VIỆN PHÁP LUẬT**.
Đang tải văn bản...
#
**Số hiệu:**
|
12/2025/QĐ-UBND
|
|
**Loại văn bản:**
|
Quyết định
|
**Nơi ban hành:**
|
Tỉnh Cao Bằng
|
|
**Người ký:**
|
Lê Hải Hòa
|
**Ngày ban hành:**
|
05/03/2025
|
|
**
Ngày hiệu lực:**
|
Đã biết
|
|
**Tình trạng:**
|
Đã biết
|
|
**ỦY BAN NHÂN DÂN
TỈNH CAO BẰNG**
|
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
|
Số: 12/2025/QĐ-UBND
|
*Cao Bằng, ngày 05 tháng 3 năm 2025*
|
**QUYẾT ĐỊNH**
BAN HÀNH QUY CHẾ LÀM VIỆC
Căn cứ Luật Tổ chức chính quyền địa phương;
Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc./.
|
**CHỦ TỊCH**
**Lê Hải Hòa**
|
Quyết định 12/2025/QĐ-UBND ban hành Quy chế làm việc
Văn bản này chưa cập nhật nội dung Tiếng Anh
## Văn bản liên quan
Ban hành:
01/01/2025
"""


def test_parse_table_fields_and_hidden_values():
    table = parse_tvpl_table(TABLE_PAGE)
    assert table.fields == {
        "number": "12/2025/QĐ-UBND", "type": "Quyết định", "issuer": "Tỉnh Cao Bằng",
        "signer": "Lê Hải Hòa", "date": "05/03/2025",
    }  # "Đã biết" (hidden from visitors) is no information
    assert table.date_iso == "2025-03-05"
    assert table.start == 0
    assert TABLE_PAGE[table.end:].startswith("**ỦY BAN NHÂN DÂN")


def test_strip_site_chrome_keeps_only_the_document():
    body = strip_site_chrome(TABLE_PAGE)
    assert body.startswith("**ỦY BAN NHÂN DÂN")
    assert body.rstrip().endswith("|")  # the signature cell's end; the site's title line is gone
    for chrome in ("THƯ VIỆN PHÁP LUẬT", "Số hiệu", "Văn bản liên quan", "Tiếng Anh",
                   "Quyết định 12/2025/QĐ-UBND ban hành"):
        assert chrome not in body


def test_header_parser_never_reads_the_table():
    # With the table still there, the parser still reads the official header: the
    # site's "Nơi ban hành: Tỉnh Cao Bằng" must not become the issuer.
    doc = parse_header(TABLE_PAGE)
    assert doc.text == TABLE_PAGE  # the text is kept as given
    assert doc.issuer == "Ủy ban nhân dân tỉnh Cao Bằng"
    assert (doc.number, doc.date, doc.type) == ("12/2025/QĐ-UBND", "2025-03-05", "Quyết định")
    assert (doc.signer, doc.signer_title) == ("Lê Hải Hòa", "CHỦ TỊCH")


@pytest.mark.parametrize(
    "text",
    [
        "Số: 12/QĐ-UBND\nCao Bằng, ngày 05 tháng 3 năm 2025\n",  # an official header, not a table
        "Mẫu tờ khai\nSố hiệu: ……\nNgày ban hành: ……\n",  # a form inside a document
        "",
    ],
)
def test_no_table(text):
    assert parse_tvpl_table(text) is None
    assert strip_site_chrome(text) == (text.rstrip() + "\n" if text.strip() else "")


def test_site_title_line_of_text_pages():
    page = ("Công văn 2739/VPCP-ĐMDN năm 2019 quy định về quản trị doanh nghiệp do Văn phòng Chính phủ ban hành. "
            "VĂN PHÒNG CHÍNH PHỦ -------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n"
            "Số: 2739/VPCP-ĐMDN\n")
    assert strip_site_chrome(page).startswith("VĂN PHÒNG CHÍNH PHỦ")
    assert parse_header(strip_site_chrome(page)).issuer == "Văn phòng Chính phủ"


def test_table_as_plain_text_lines():
    # The same facts as read from the site's HTML: label and value on their own lines.
    text = ("Đang tải văn bản...\nSố hiệu:\n12/2025/QĐ-UBND\nLoại văn bản:\nQuyết định\nNơi ban hành:\n"
            "Tỉnh Cao Bằng\nNgười ký:\nLê Hải Hòa\nNgày ban hành:\n05/03/2025\nTình trạng: Còn hiệu lực\n"
            "ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\n")
    table = parse_tvpl_table(text)
    assert table.fields["validity"] == "Còn hiệu lực"  # a real statement is kept
    assert table.fields["issuer"] == "Tỉnh Cao Bằng"
    assert strip_site_chrome(text) == "ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\n"
