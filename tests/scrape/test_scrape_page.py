"""Any published page: main text by trafilatura, metadata and citations as for a file."""
from __future__ import annotations

import html
import io

import pytest
from tests.scrape.scrape_server import PORTAL_TEMPLATE, LocalServer

from kb.errors import KbError
from kb.scrape import read_url, site_for
from kb.scrape.http import FetchError, PoliteClient
from kb.scrape.page import WebPage
from kb.scrape.vbpl import VbplSite

SEED = "seed/ke-hoach-hoi-nghi-cchc-sngv-quangngai-2023.txt"


def portal_html(text: str) -> str:
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return PORTAL_TEMPLATE.format(paragraphs=paragraphs)


@pytest.fixture(scope="module")
def server():
    with LocalServer() as srv:
        yield srv


@pytest.mark.shared
def test_portal_page_main_text_without_site_chrome(shared):
    text = (shared / SEED).read_text(encoding="utf-8")
    site = WebPage(VbplSite(base="http://127.0.0.1"))
    page = site.parse("http://127.0.0.1/portal/ke-hoach.html", portal_html(text))
    body = page.document.text
    assert "Thực hiện Kế hoạch số 198/KH-SNgV ngày 03 tháng 3 năm 2023" in body
    assert "Tin khác 1" not in body  # sidebar
    assert "52 Hùng Vương" not in body  # the template's footer
    assert "never run" not in body  # scripts are dropped, never executed
    assert [a.url for a in page.attachments] == ["http://127.0.0.1/files/ke-hoach.docx"]
    assert [VbplSite.item_id(link.url) for link in page.links] == ["32801"]
    assert page.document.source_url == "http://127.0.0.1/portal/ke-hoach.html"


@pytest.mark.shared
def test_citations_of_a_portal_page_as_for_an_imported_file(shared):
    from kb.citations import get_citations

    text = (shared / SEED).read_text(encoding="utf-8")
    page = WebPage().parse("https://sngv.quangngai.gov.vn/ke-hoach", portal_html(text))
    numbers = {c.number for c in get_citations(page.document.text) if c.number}
    for number in ("198/KH-SNgV", "210/KH-SNgV", "1741/QĐ-UBND", "339/QĐ-UBND", "272/QĐ-UBND"):
        assert number in numbers


def test_site_for_each_source():
    assert site_for("https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=1").name == "vbpl"
    assert site_for("https://anle.toaan.gov.vn/webcenter/portal/anle/chitietanle?dDocName=X").name == "anle"
    assert site_for("https://quangngai.gov.vn/tin-tuc/abc.html").name == "web"


def client() -> PoliteClient:
    return PoliteClient(delay=0, backoff=0.01, retries=0, allow_addresses={"127.0.0.1"})


def test_read_url_html(server):
    result = read_url(server.url("/charset/cp1258-no-charset"), client=client(), main_text=False)
    assert result.kind == "html" and "Ủy ban nhân dân tỉnh Quảng Ngãi" in result.text


def test_read_url_linked_docx_goes_through_the_importers(server):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI")
    document.add_paragraph("Số: 1741/QĐ-UBND")
    document.add_paragraph("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    buffer = io.BytesIO()
    document.save(buffer)
    ctype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    server.state.extra["/files/qd.docx"] = (200, {"Content-Type": ctype}, buffer.getvalue())
    result = read_url(server.url("/files/qd.docx"), client=client())
    assert result.kind == "file"
    assert "Căn cứ Luật Tổ chức chính quyền địa phương" in result.text
    assert result.document is not None


def test_read_url_broken_pdf_is_a_clear_error(server):
    server.state.extra["/files/broken.pdf"] = (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4 broken")
    with pytest.raises(KbError) as info:
        read_url(server.url("/files/broken.pdf"), client=client())
    assert not isinstance(info.value, FetchError)
    assert str(info.value)


def test_read_url_refuses_thuvienphapluat():
    with pytest.raises(FetchError) as info:
        read_url("https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/abc.aspx")
    assert info.value.reason == "forbidden_site"
