"""The vbpl gateway and vanban.chinhphu.vn modules over HTTP, against the local server
(127.0.0.1) serving the trimmed real captures and altered ones.  No ../shared needed."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from tests.scrape.scrape_server import GATEWAY, LocalServer

from kb.scrape.chinhphu import ChinhphuSite, next_page_request
from kb.scrape.crawler import CrawlOptions, Crawler
from kb.scrape.http import PoliteClient
from kb.scrape.sites import registered
from kb.scrape.vbpl import VbplSite
from kb.scrape.vbpl_gateway import GatewayError, VbplGateway, envelope

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "importers"


@pytest.fixture
def server():
    with LocalServer() as srv:
        yield srv


def client() -> PoliteClient:
    return PoliteClient(delay=0, backoff=0.01, retries=1, read_timeout=2, max_bytes=2_000_000,
                        allow_addresses={"127.0.0.1"})


def sites(srv):
    return registered(vbpl=VbplSite(base=srv.base), vbpl_gateway=VbplGateway(base=srv.base + GATEWAY),
                      chinhphu=ChinhphuSite(base=srv.base))


def crawl(store, srv, seeds, **options):
    crawler = Crawler(store, client(), CrawlOptions(**options), sites=sites(srv))
    return crawler.run(seeds)


def open_store(path):
    from kb.store import open_store as real

    return real(path)


def queue_states(store) -> Counter:
    return Counter(r[0] for r in store.conn.execute("SELECT state FROM crawl_queue"))


# -- URLs and envelopes ---------------------------------------------------------

def test_ids_are_opaque_strings_from_gateway_and_public_urls():
    site = VbplGateway()
    uuid = "af28f900-429e-11f1-ac02-3babf827b65c"
    assert site.doc_id(f"{site.base}/doc/{uuid}") == uuid
    assert site.doc_id(f"{site.base}/doc/provision/tree/19761") == "19761"
    assert site.doc_id(f"https://vbpl.vn/van-ban/chi-tiet/quyet-dinh-107--{uuid}") == uuid
    assert site.doc_id("https://vbpl.vn/van-ban/chi-tiet/19761") == "19761"
    assert site.document_target("https://vbpl.vn/van-ban/chi-tiet/x--19761") == f"{site.base}/doc/19761"
    assert site.doc_id("https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=32801") is None
    assert site.doc_id(f"{site.base}/doc/all") is None and site.page_kind(f"{site.base}/doc/all") == "list"


@pytest.mark.parametrize("body, message", [
    ("", "trả lời rỗng"),
    ("<!DOCTYPE html><html><body>Đăng nhập</body></html>", "trang HTML"),
    ('{"success": true, "data": {"id": "1"', "không phải JSON hợp lệ"),
    ('{"success": false, "message": "Unauthorized"}', "cổng báo lỗi (Unauthorized)"),
    ('{"success": true, "error": "rate limited", "data": null}', "cổng báo lỗi (rate limited)"),
    ('{"success": true, "statusCode": 200}', "thiếu trường data"),
    ("[1, 2]", "không có dạng"),
])
def test_envelope_refuses_what_it_cannot_read(body, message):
    with pytest.raises(GatewayError) as err:
        envelope(body, "doc/{id}")
    assert message in str(err.value) and str(err.value).startswith("cổng vbpl doc/{id}")


# -- crawling the gateway -------------------------------------------------------

def test_crawl_gateway_document_with_tree_relations_and_validity(server, tmp_path):
    store = open_store(tmp_path)
    summary = crawl(store, server, [server.url(GATEWAY + "/doc/19761")])
    assert summary.new == 1 and not summary.failed, summary.lines()
    doc = next(d for d in store.lookup("107/2003/QĐ-BTC") if not d.is_stub)
    assert (doc.type, doc.issuer, doc.date, doc.effective_date, doc.signer) == (
        "Quyết định", "Bộ Tài chính", "2003-07-23", "2003-09-06", "Nguyễn Ngọc Tuấn")
    assert doc.validity == "Còn hiệu lực" and doc.title.startswith("Về giá thiết bị dạy và học lớp 2")
    assert "Điều 4. Quyết định này có hiệu lực" in doc.text
    units = store.units(doc.id, "vbpl")
    assert [u.anchor for u in units] == ["dieu-1", "dieu-2", "dieu-3", "dieu-4"]
    assert all(doc.text[u.start:u.end].startswith(f"Điều {u.number}.") for u in units)
    edges = store.conn.execute(
        "SELECT c.relation, b.number FROM citations c JOIN documents b ON b.id = c.target_id"
        " WHERE c.citing_id = ? AND c.origin != 'text'", (doc.id,)).fetchall()
    assert sorted(tuple(e) for e in edges) == [("can_cu", "23/2003/QĐ-BGDĐT"), ("can_cu", "77/2003/NĐ-CP")]
    assert queue_states(store) == {"done": 1}
    store.close()


def test_depth_follows_referenced_documents_on_the_gateway(server, tmp_path):
    store = open_store(tmp_path)
    summary = crawl(store, server, [server.url(GATEWAY + "/doc/188001")], depth=1)
    targets = {r[0]: r[1] for r in store.conn.execute("SELECT target, reason FROM crawl_queue WHERE depth = 1")}
    assert len(targets) == 5 and all("/doc/" in t for t in targets)  # the five references (Luật, Nghị quyết)
    # The server has no detail for them: a clear message each, the document itself is kept.
    assert all("HTTP 400" in reason for reason in targets.values()), targets
    assert summary.new == 1 and "working" not in queue_states(store)
    store.close()


def test_document_without_body_is_saved_from_its_metadata(server, tmp_path):
    store = open_store(tmp_path)
    summary = crawl(store, server, [server.url(GATEWAY + "/doc/188001")])
    doc = next(d for d in store.lookup("01/2026/NQ-HĐND") if not d.is_stub)
    assert doc.issuer == "HĐND Tỉnh Đồng Nai" and not doc.text
    # Its only file (a scanned original) is refused by the server: said, not hidden.
    assert any("tệp đính kèm" in note for _, note in summary.notes), summary.notes
    store.close()


ALTERED = [
    ((401, {"Content-Type": "application/json"}, b'{"message":"Missing Authorization header or X-API-KEY"}'),
     "HTTP 401 — cổng đòi mã truy cập"),
    ((403, {}, b"<html>Forbidden</html>"), "HTTP 403 — bị từ chối"),
    ((500, {}, b"boom"), "HTTP 500 — máy chủ của cổng đang lỗi"),
    ((200, {}, b"<!DOCTYPE html><html><body><div id='__next'></div></body></html>"), "trang HTML"),
    ((200, {"Content-Type": "application/json"}, b'{"success": true, "error": "quota exceeded", "data": null}'),
     "cổng báo lỗi (quota exceeded)"),
    ((200, {"Content-Type": "application/json"}, b'{"success": true, "statusCode": 200, "data": {"id": "187649", "docN'),
     "không phải JSON hợp lệ"),
]


@pytest.mark.parametrize("answer, message", ALTERED, ids=["401", "403", "500", "html", "error-field", "truncated"])
def test_bad_gateway_answer_fails_its_item_clearly_and_the_rest_is_imported(server, tmp_path, answer, message):
    server.state.extra[GATEWAY + "/doc/187649"] = answer
    store = open_store(tmp_path)
    summary = crawl(store, server, [server.url(GATEWAY + "/doc/187649"), server.url(GATEWAY + "/doc/19761")])
    assert [(t.rsplit("/", 1)[-1], message in r) for t, r in summary.failed] == [("187649", True)], summary.failed
    assert [d.number for d in store.lookup("01/2026/NQ-HĐND")] == []  # nothing half-written
    assert any(not d.is_stub for d in store.lookup("107/2003/QĐ-BTC"))  # the rest imported
    assert queue_states(store) == {"done": 1, "failed": 1}  # no item left "working"
    store.close()


@pytest.mark.parametrize("answer, message", [
    ((200, {}, '{"success": false, "message": "lỗi cây"}'.encode()), "cổng báo lỗi (lỗi cây)"),
    ((503, {}, b"busy"), "HTTP 503"),
], ids=["error-envelope", "503"])
def test_a_broken_tree_keeps_the_document_with_a_note(server, tmp_path, answer, message):
    server.state.extra[GATEWAY + "/doc/provision/tree/19761"] = answer
    store = open_store(tmp_path)
    summary = crawl(store, server, [server.url(GATEWAY + "/doc/19761")])
    assert summary.new == 1 and not summary.failed
    notes = [n for _, n in summary.notes if n.startswith("thiếu trang cây điều khoản")]
    assert len(notes) == 1 and message in notes[0], summary.notes
    doc = next(d for d in store.lookup("107/2003/QĐ-BTC") if not d.is_stub)
    assert store.units(doc.id, "vbpl") == [] and doc.text  # no tree units, the text is there
    assert queue_states(store) == {"done": 1}
    store.close()


# -- vanban.chinhphu.vn -----------------------------------------------------------

def test_chinhphu_detail_is_saved_with_the_text_of_its_file(server, tmp_path):
    server.state.chinhphu_file = (FIXTURES / "plan.pdf").read_bytes()
    store = open_store(tmp_path)
    summary = crawl(store, server, [server.url("/?pageid=27160&docid=216105")])
    assert summary.new == 1 and not summary.failed, summary.lines()
    doc = next(d for d in store.lookup("37/2025/TT-BKHCN") if not d.is_stub)
    assert (doc.type, doc.issuer, doc.date, doc.signer) == ("Thông tư", "Bộ Khoa học và Công nghệ", "2025-11-28",
                                                           "Nguyễn Mạnh Hùng")
    assert doc.text and len(doc.text) > 200
    assert server.count("/cpp/files/vbpq/2025/12/37-bkhcn.pdf") == 1
    store.close()


def test_chinhphu_list_pages_by_postback(server):
    site = ChinhphuSite(base=server.base)
    http = client()
    first = http.fetch(server.url("/?pageid=27160"))
    page = site.parse(first.url, first.text)
    assert page.total == 95775 and [h.number for h in page.hits][:2] == ["678/TB-VPCP", "66.9/2025/NQ-CP"]
    argument, body = next_page_request(page, first.text)
    assert argument == "Page$2"
    second = http.fetch(server.url("/"), data=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert site.parse(server.url("/?pageid=27160"), second.text).extra["page"] == 2
    path, sent = server.state.posts[-1]
    fields = dict(pair.split("=", 1) for pair in sent.decode().split("&"))
    assert fields["__EVENTTARGET"] == "ctrl_191017_163%24grvDocument" and fields["__EVENTARGUMENT"] == "Page%242"
    assert fields["__VIEWSTATE"] and "__EVENTVALIDATION" in fields


def test_chinhphu_list_queues_its_documents(server, tmp_path):
    store = open_store(tmp_path)
    crawl(store, server, [server.url("/?pageid=27160")], depth=1)
    kinds = Counter(r[0] for r in store.conn.execute("SELECT kind FROM crawl_queue WHERE depth = 1"))
    assert kinds == {"chinhphu": 3}
    assert "working" not in queue_states(store)
    store.close()


# -- the untrimmed captures in ../shared ------------------------------------------

CAPTURES = "realdata/sources-2026/20206205Tech+data-pipeline-vbplnew/_extracted"


@pytest.mark.shared
@pytest.mark.parametrize("ident, tree, articles", [("19761", "19761", 4), ("187649", "187649-inferred", 3)])
def test_full_captures_give_text_and_placed_units(shared, ident, tree, articles):
    site = VbplGateway()
    folder = shared / CAPTURES
    detail = site.parse(site.document_url(ident),
                        (folder / f"a2.py--GET_api_qtdc_public_doc_{ident}.response.json").read_text(encoding="utf-8"))
    nodes = site.parse(site.tree_url(ident),
                       (folder / f"a3.py--GET_api_qtdc_public_doc_provision_tree_{tree}.response.json").read_text(
                           encoding="utf-8"))
    doc = site.merge([detail, nodes]).document
    assert [u.kind for u in doc.units] == ["dieu"] * articles
    # Every article of the tree is found in the body, in order, and its span starts with its heading.
    starts = [u.start for u in doc.units]
    assert None not in starts and starts == sorted(starts)
    assert all(doc.text[u.start:u.end].startswith(f"Điều {u.number}.") for u in doc.units)


@pytest.mark.shared
def test_new_format_body_tags_provisions_with_tree_ids(shared):
    """README: new-format bodies carry the tree's node ids (checked on 187649)."""
    folder = shared / CAPTURES
    body = json.loads((folder / "a2.py--GET_api_qtdc_public_doc_187649.response.json").read_text(encoding="utf-8"))
    tree = json.loads((folder / "a3.py--GET_api_qtdc_public_doc_provision_tree_187649-inferred.response.json")
                      .read_text(encoding="utf-8"))
    content = body["data"]["documentContent"]["content"]
    assert all(node["id"] in content for node in tree["data"])
