"""The crawler never wedges (issue 12): malformed links, attachments and redirects are
refused with a reason; an item left "working" by a crash is redone; a poison item
that crashed every run ends failed with its reason shown."""
from __future__ import annotations

import pytest

from kb.scrape.crawler import MAX_ATTEMPTS, CrawlOptions, Crawler
from kb.scrape.http import PoliteClient
from kb.store import open_store
from tests.hardening.localserver import LocalServer, Routes

PAGE = """<html><head><title>Kế hoạch</title></head><body><article>
<p>ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI</p><p>Số: 15/KH-UBND</p>
<p>KẾ HOẠCH Thực hiện cải cách hành chính năm 2025 trên địa bàn tỉnh, một kế hoạch dài
đủ để trang có nội dung chính; căn cứ Quyết định số 1741/QĐ-UBND ngày 15/8/2024.</p>
<a href="http://[::1">hỏng</a> <a href="http://[::1/x.pdf">tệp hỏng</a>
<a href="http://127.0.0.1:99999/bieu-mau.pdf">cổng sai</a>
<a href="/chuyen.pdf">chuyển hướng</a>
</article></body></html>"""


def _crawler(store, **options):
    client = PoliteClient(delay=0, backoff=0.01, retries=0, read_timeout=2, allow_addresses={"127.0.0.1"})
    return Crawler(store, client, CrawlOptions(**options))


def test_malformed_links_attachments_and_redirects_do_not_crash_the_crawl(tmp_path):
    routes = Routes({"/robots.txt": (404, {}, b""), "/ke-hoach.html": (200, {}, PAGE.encode()),
                     "/chuyen.pdf": (302, {"Location": "http://127.0.0.1:70000/x.pdf"}, b"")})
    with LocalServer(routes) as srv, open_store(tmp_path) as store:
        summary = _crawler(store).run([srv.url("/ke-hoach.html"), "http://[::1", "http://vbpl.vn:65536/x"])
        states = dict(store.conn.execute("SELECT target, state FROM crawl_queue").fetchall())
    failed = dict(summary.failed)
    assert summary.done >= 1 and summary.new == 1  # the page itself is saved
    assert "http://[::1" in failed and "không hợp lệ" in failed["http://[::1"]
    assert any("65536" in target for target in failed)
    assert any("chuyen.pdf" in target and "không hợp lệ" in reason for target, reason in summary.failed)
    assert set(states.values()) <= {"done", "failed"}  # nothing left working or pending


def test_items_left_working_by_a_crash_are_redone_and_poison_items_end_failed(tmp_path):
    routes = Routes({"/robots.txt": (404, {}, b""), "/ke-hoach.html": (200, {}, PAGE.encode())})
    with LocalServer(routes) as srv, open_store(tmp_path) as store:
        crawler = _crawler(store)
        crawler.start([srv.url("/ke-hoach.html"), srv.url("/doc-doc.html")])
        # As a kill -9 leaves them: one item caught once, one that crashed every run.
        store.conn.execute("UPDATE crawl_queue SET state = 'working', attempts = 1 WHERE target LIKE '%ke-hoach%'")
        store.conn.execute("UPDATE crawl_queue SET state = 'working', attempts = ? WHERE target LIKE '%doc-doc%'",
                           (MAX_ATTEMPTS,))
        resumed = _crawler(store)
        summary = resumed.run([])
        rows = {r["target"].rsplit("/", 1)[1]: (r["state"], r["reason"])
                for r in store.conn.execute("SELECT target, state, reason FROM crawl_queue")}
        run_status = store.conn.execute("SELECT status FROM crawl_runs").fetchone()[0]
    assert summary.resumed
    assert rows["ke-hoach.html"][0] == "done"
    assert rows["doc-doc.html"][0] == "failed" and "dừng đột ngột" in rows["doc-doc.html"][1]
    assert any("doc-doc" in target and "dừng đột ngột" in reason for target, reason in summary.failed)
    assert run_status == "finished"


def test_a_parser_bug_fails_the_item_not_the_crawl(tmp_path, monkeypatch):
    from kb.scrape import page as page_module

    def broken(self, url, html):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(page_module.WebPage, "parse", broken)
    routes = Routes({"/robots.txt": (404, {}, b""), "/a.html": (200, {}, PAGE.encode()),
                     "/b.html": (200, {}, PAGE.encode())})
    with LocalServer(routes) as srv, open_store(tmp_path) as store:
        summary = _crawler(store).run([srv.url("/a.html"), srv.url("/b.html")])
    assert len(summary.failed) == 2
    assert all("lỗi không mong muốn" in reason and "parser exploded" in reason for _, reason in summary.failed)
