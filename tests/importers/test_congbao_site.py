"""congbao.chinhphu.vn: feed, search API, detail page, PDF (fixtures in ``congbao_site/``)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from kb.errors import KbError
from kb.scrape import congbao

HERE = Path(__file__).parent / "congbao_site"
# The detail page is the registry's example for this site (tests/scrape/examples/congbao/).
DETAIL = Path(__file__).parent.parent / "scrape" / "examples" / "congbao" / "detail_45240.html"


def _text_pdf():
    spec = importlib.util.spec_from_file_location(
        "make_fixtures", Path(__file__).parent.parent / "fixtures" / "importers" / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.text_pdf


@pytest.mark.parametrize("url, expected", [
    # Real URLs of both forms (DERIVED list in ../shared/realdata/sources-2026).
    ("https://congbao.chinhphu.vn/van-ban/nghi-dinh-so-200-2026-nd-cp-469728/65748.htm", "469728"),
    ("https://congbao.chinhphu.vn/van-ban/nghi-quyet-so-113-nq-cp-469448.htm", "469448"),
    ("https://congbao.chinhphu.vn/van-ban/luat-so-58-2014-qh13-15355.htm?utm=1", "15355"),
    ("https://congbao.chinhphu.vn/van-ban/no-id.htm", None),
    ("https://vbpl.vn/van-ban/nghi-quyet-so-113-nq-cp-469448.htm", None),
])
def test_doc_id(url, expected):
    assert congbao.doc_id(url) == expected


def test_canonical_url_drops_issue_and_query():
    assert congbao.canonical_url("/van-ban/nghi-dinh-so-200-2026-nd-cp-469728/65748.htm?x=1") == \
        "https://congbao.chinhphu.vn/van-ban/nghi-dinh-so-200-2026-nd-cp-469728.htm"


def test_rss_feed():
    items, skipped = congbao.parse_rss((HERE / "feed.rss.xml").read_bytes())
    assert skipped == 1  # "/van-ban/no-id.htm" names no document
    assert [i.doc_id for i in items] == ["144532", "222"]
    first = items[0]
    assert first.url == "https://congbao.chinhphu.vn/van-ban/thong-tu-so-09-2020-tt-nhnn-144532.htm"
    assert first.summary == "An toàn hệ thống & ngân hàng" and first.title is None
    assert first.published == "2026-05-25T10:00:00+00:00"
    assert items[1].url.endswith("/van-ban/nghi-dinh-so-148-2026-nd-cp-222.htm")  # a relative guid


def test_rss_broken_feed_is_a_clear_error():
    with pytest.raises(KbError, match="RSS"):
        congbao.parse_rss(b"<rss><channel><item>")


def test_rss_refuses_external_entities():
    evil = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item>' \
           b'<link>https://congbao.chinhphu.vn/van-ban/a-12345.htm</link><description>&x;</description></item></channel></rss>'
    items, _ = congbao.parse_rss(evil)
    assert "root:" not in (items[0].summary or "")


def test_search_keeps_only_the_number_asked_for():
    data = (HERE / "search-response.json").read_bytes()
    hits = congbao.parse_search(data, "14/2022/NĐ-CP")
    assert [h.number for h in hits] == ["14/2022/NĐ-CP"]
    hit = hits[0]
    assert (hit.id, hit.date, hit.effective_date, hit.issuers) == ("36772", "2022-01-27", None, ["CHÍNH PHỦ"])
    assert hit.gazette == [{"issue": "223 + 224", "date": "2022-01-27"}]
    assert [f.url for f in hit.files] == ["https://congbaocdn.chinhphu.vn/doc.pdf", "https://congbaocdn.chinhphu.vn/doc.doc"]
    assert len(congbao.parse_search(data)) == 2
    url, body, headers = congbao.search_request("14/2022/NĐ-CP")
    assert url == congbao.SEARCH_URL and json.loads(body)["query"] == "14/2022/NĐ-CP"
    assert headers["Referer"] == "https://congbao.chinhphu.vn/"


@pytest.mark.parametrize("answer", [b"<html>", b'{"success": false}', b'{"data": "x"}'])
def test_search_bad_answers(answer):
    with pytest.raises(KbError):
        congbao.parse_search(answer, "14/2022/NĐ-CP")


def test_detail_page_unverified_markup():
    url = "https://congbao.chinhphu.vn/van-ban/nghi-dinh-so-158-2025-nd-cp-45240/123.htm"
    assert congbao.SITE.matches(url)
    page = congbao.SITE.parse(url, DETAIL.read_text(encoding="utf-8"))
    doc = page.document
    assert (doc.number, doc.type, doc.issuer, doc.date, doc.effective_date) == (
        "158/2025/NĐ-CP", "Nghị định", "Chính phủ", "2025-06-25", "2025-07-01")
    assert doc.title.startswith("Quy định chi tiết và hướng dẫn thi hành")
    assert page.url == "https://congbao.chinhphu.vn/van-ban/nghi-dinh-so-158-2025-nd-cp-45240.htm"
    assert doc.extra["markup"] == "unverified" and doc.extra["congbao"]["id"] == "45240"
    assert [a.url for a in page.attachments] == [
        "https://g7.cdnchinhphu.vn/api/download/stream?Url=abc&file_name=2025_851%2b852-158_2025_ND-CP.pdf"]


def test_gazette_pdf_becomes_a_clean_document():
    lines = ["CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025", "3", "CHÍNH PHỦ", "Số: 7/2025/NĐ-CP",
             "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
             "Hà Nội, ngày 25 tháng 6 năm 2025", "NGHỊ ĐỊNH", "Quy định thử nghiệm đọc Công báo",
             "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;",
             "Điều 1. Phạm vi điều chỉnh", "Nghị định này quy định việc thử",
             "Người ký: Cổng Thông tin điện tử Chính phủ", "Email: thongtinchinhphu@chinhphu.vn",
             "Cơ quan: Văn phòng Chính phủ", "Thời gian ký: 08.07.2025 14:58:33 +07:00",
             "CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025", "4", "nghiệm./."]
    read = congbao.document_from_pdf(_text_pdf()(lines), "https://congbaocdn.chinhphu.vn/x/7-2025-nd-cp.pdf",
                                     {"nguon_url": "https://congbao.chinhphu.vn/van-ban/nghi-dinh-so-7-2025-nd-cp-40001.htm"})
    doc = read.document
    assert (doc.number, doc.type, doc.date, doc.issuer) == ("7/2025/NĐ-CP", "Nghị định", "2025-06-25", "Chính phủ")
    assert read.furniture_left == [] and "Người ký" not in doc.text
    assert doc.extra["congbao"]["pdf_url"].endswith(".pdf") and doc.extra["format"] == "pdf"
    assert read.source.url.endswith("nghi-dinh-so-7-2025-nd-cp-40001.htm")
