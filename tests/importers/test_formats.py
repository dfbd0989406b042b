"""Each format read from a real file of that format; broken files give clear Vietnamese reasons."""
from __future__ import annotations

import hashlib
import unicodedata

import pytest

from kb.errors import KbError
from kb.importers import SUPPORTED_SUFFIXES, document_from_bytes, document_from_file, read_bytes, read_file

# Lines every good fixture must yield, in this order.
EXPECTED_LINES = [
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
    "Số: 215/KH-SNgV",
    "Quảng Ngãi, ngày 20 tháng 11 năm 2025",
    "KẾ HOẠCH",
    "Căn cứ Quyết định số 1741/QĐ-UBND ngày 15 tháng 8 năm 2024 của Ủy ban nhân dân tỉnh;",
    "Nguyễn Văn Bình",
]


@pytest.mark.parametrize(
    "name, fmt, encoding",
    [
        ("utf8.txt", "txt", "UTF-8"),
        ("utf8-bom.txt", "txt", "UTF-8 (BOM)"),
        ("utf8-crlf-nfd.txt", "txt", "UTF-8"),
        ("utf16-le-bom.txt", "txt", "UTF-16 LE (BOM)"),
        ("utf16-be-bom.txt", "txt", "UTF-16 BE (BOM)"),
        ("utf16-le-nobom.txt", "txt", "UTF-16 LE (không có BOM, nhận theo byte 0)"),
        ("cp1258.txt", "txt", "Windows-1258"),
        ("page.html", "html", "UTF-8"),
        ("page-cp1258.html", "html", "windows-1258 (khai báo trong trang)"),
        ("plan.docx", "docx", None),
        ("plan.pdf", "pdf", None),
    ],
)
def test_reads_text_in_order(fixtures_dir, name, fmt, encoding):
    result = read_file(fixtures_dir / name)
    assert result.format == fmt
    assert result.encoding == encoding
    assert unicodedata.is_normalized("NFC", result.text)
    assert "\r" not in result.text
    positions = [result.text.find(line) for line in EXPECTED_LINES]
    assert -1 not in positions, (name, positions, result.text[:400])
    assert positions == sorted(positions)


def test_html_drops_scripts_styles_hidden_and_furniture(fixtures_dir):
    result = read_file(fixtures_dir / "page.html")
    assert result.title_hint == "Kế hoạch 215/KH-SNgV"
    for gone in ("Không được hiện ra", "font-family", "Đoạn ẩn", "Trang chủ", "Bản quyền", "JavaScript"):
        assert gone not in result.text
    # Cells of the header table stay apart (one per line), so the header parser sees them.
    assert "SỞ NGOẠI VỤ\n" in result.text


def test_docx_keeps_tables_text_in_order(fixtures_dir):
    result = read_file(fixtures_dir / "plan.docx")
    text = result.text
    assert result.title_hint == "Kế hoạch tập huấn cải cách hành chính"
    order = ["Bảng phân công:", "Nội dung", "Đơn vị chủ trì", "Tập huấn nghiệp vụ", "Văn phòng Sở",
             "Tổng hợp báo cáo", "Phòng Lãnh sự", "Sau bảng, văn bản tiếp tục./."]
    positions = [text.find(item) for item in order]
    assert -1 not in positions and positions == sorted(positions)


def test_pdf_text_layer_and_title(fixtures_dir):
    result = read_file(fixtures_dir / "plan.pdf")
    assert "thủy lợi, hòa bình, khỏe mạnh" in result.text
    assert result.title_hint == "Ke hoach 215/KH-SNgV"


def test_markdown_site_page_body_only(fixtures_dir):
    result = read_file(fixtures_dir / "tvpl-page.md")
    assert result.format == "md"
    text = result.text
    assert text.startswith("ỦY BAN NHÂN DÂN")  # banner and facts table gone
    for chrome in ("THƯ VIỆN PHÁP LUẬT", "Số hiệu", "Loại văn bản", "Văn bản liên quan",
                   "chưa cập nhật nội dung Tiếng Anh", "Đang tải"):
        assert chrome not in text
    assert "**" not in text and "|" not in text
    assert "cải cách hành chính (*)./." in text  # a footnote star is not emphasis
    assert text.rstrip().endswith("Nguyễn Văn Bình")
    assert result.site_metadata == {
        "number": "215/KH-SNgV", "type": "Kế hoạch", "issuer": "Tỉnh Quảng Ngãi",
        "signer": "Nguyễn Văn Bình", "date": "20/11/2025",
    }


@pytest.mark.parametrize(
    "name, reason",
    [
        ("broken.docx", r"\.docx bị hỏng"),
        ("not-really.docx", r"Không phải tệp \.docx"),
        ("broken.pdf", r"PDF bị hỏng"),
        ("scan.pdf", r"không có lớp văn bản .*OCR"),
        ("legacy.doc", r"\.doc\) chưa được hỗ trợ"),
        ("binary-garbage.txt", r"bảng mã"),
        ("empty.txt", r"không có nội dung"),
        ("notes.xyz", r"Định dạng \.xyz không được hỗ trợ"),
        ("missing.txt", r"Không tìm thấy tệp"),
    ],
)
def test_broken_files_raise_kberror_with_reason(fixtures_dir, name, reason):
    with pytest.raises(KbError, match=reason) as info:
        read_file(fixtures_dir / name)
    message = str(info.value)
    assert message[0].isupper()  # one sentence with the reason; callers add the file's name
    assert str(fixtures_dir) not in message


def test_size_cap(fixtures_dir, monkeypatch):
    with pytest.raises(KbError, match="Tệp quá lớn"):
        read_file(fixtures_dir / "plan.docx", limit=1000)
    monkeypatch.setenv("KB_MAX_IMPORT_MB", "0.001")
    with pytest.raises(KbError, match="KB_MAX_IMPORT_MB"):
        read_bytes(b"x" * 5000, "a.txt")
    monkeypatch.setenv("KB_MAX_IMPORT_MB", "nhiều")
    with pytest.raises(KbError, match="không hợp lệ"):
        read_bytes(b"x", "a.txt")


@pytest.mark.parametrize(
    "name, filename, content_type, fmt",
    [
        ("plan.pdf", "download", "application/pdf", "pdf"),
        ("plan.pdf", "tai-ve?id=3", None, "pdf"),  # sniffed from %PDF
        ("plan.docx", "van-ban", None, "docx"),  # sniffed: a ZIP holding word/
        ("plan.docx", "x", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
        ("page.html", "trang", "text/html; charset=utf-8", "html"),
        ("utf8.txt", "noi-dung", None, "txt"),
    ],
)
def test_read_bytes_finds_the_format(fixtures_dir, name, filename, content_type, fmt):
    result = read_bytes((fixtures_dir / name).read_bytes(), filename, content_type)
    assert result.format == fmt
    assert "215/KH-SNgV" in result.text


def test_read_bytes_rejects_legacy_doc_by_content():
    with pytest.raises(KbError, match=r"\.doc"):
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "tai-ve", "application/octet-stream")


def test_supported_suffixes():
    assert {".txt", ".md", ".html", ".docx", ".pdf"} <= set(SUPPORTED_SUFFIXES)
    assert ".doc" not in SUPPORTED_SUFFIXES


@pytest.mark.parametrize("name", ["utf8.txt", "cp1258.txt", "page.html", "plan.docx", "plan.pdf", "tvpl-page.md"])
def test_document_from_file(fixtures_dir, name):
    path = fixtures_dir / name
    doc, source = document_from_file(path)
    assert (doc.number, doc.type, doc.date, doc.place) == ("215/KH-SNgV", "Kế hoạch", "2025-11-20", "Quảng Ngãi")
    assert doc.issuer == "Sở Ngoại vụ tỉnh Quảng Ngãi"
    assert doc.extra["issuer_parent"] == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert doc.title.lower() == "tổ chức hội nghị tập huấn công tác cải cách hành chính năm 2025"
    assert (doc.signer, doc.signer_title) == ("Nguyễn Văn Bình", "PHÓ GIÁM ĐỐC")
    assert doc.year == 2025
    assert doc.slug == "215-kh-sngv-2025-11-20"
    assert doc.text.startswith("ỦY BAN NHÂN DÂN")
    assert source.kind == "file"
    assert source.url == str(path.resolve())
    assert source.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert source.fetched_at and source.fetched_at.endswith("+00:00")


def test_document_from_bytes_fills_gaps_from_site_table(fixtures_dir):
    data = (fixtures_dir / "tvpl-page.md").read_bytes()
    # Cut the official header away: only the site's table can tell the facts now.
    data = data.replace("Số:\n215/KH-SNgV".encode(), b"").replace("*Quảng Ngãi, ngày 20\ntháng 11 năm 2025*".encode(), b"")
    doc, source = document_from_bytes(data, "trang.md", kind="web", url="https://example.vn/vb/215")
    assert doc.number == "215/KH-SNgV" and doc.date == "2025-11-20"
    assert doc.extra["site_metadata"]["issuer"] == "Tỉnh Quảng Ngãi"
    assert source.kind == "web" and source.url == "https://example.vn/vb/215"
    assert source.content_hash == hashlib.sha256(data).hexdigest()


def test_html_declared_charset_that_lies_is_ignored_for_valid_utf8():
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Quyết định số 1741/QĐ-UBND</p></body></html>'
    result = read_bytes(page.encode("utf-8"), "trang.html")
    assert result.encoding == "UTF-8"
    assert result.text == "Quyết định số 1741/QĐ-UBND\n"
