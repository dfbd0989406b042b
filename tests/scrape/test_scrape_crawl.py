"""The crawler against the local server: documents, edges, faults, follow-citations,
and a ``kill -9`` in the middle of a crawl followed by a resume."""
from __future__ import annotations

import hashlib
import html
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from tests.scrape.scrape_server import LocalServer

from kb.scrape.chinhphu import ChinhphuSite
from kb.scrape.crawler import CrawlOptions, Crawler
from kb.scrape.http import PoliteClient
from kb.scrape.sites import registered
from kb.scrape.vbpl import VbplSite
from kb.scrape.vbpl_gateway import VbplGateway

ROOT = Path(__file__).resolve().parents[2]
SEED = "seed/ke-hoach-hoi-nghi-cchc-sngv-quangngai-2023.txt"

pytestmark = pytest.mark.shared


@pytest.fixture
def server(shared):
    with LocalServer() as srv:
        srv.state.portal_text = (shared / SEED).read_text(encoding="utf-8")
        yield srv


def open_store(path):
    from kb.store import open_store as real

    return real(path)


def crawler(store, srv, **options) -> Crawler:
    client = PoliteClient(delay=0, backoff=0.01, retries=2, read_timeout=1, max_bytes=2_000_000,
                          allow_addresses={"127.0.0.1"})
    return Crawler(store, client, CrawlOptions(**options), sites=local_sites(srv))


def local_sites(srv):
    """Every registered site, its base URL on the local server (never the internet)."""
    return registered(vbpl=VbplSite(base=srv.base), vbpl_gateway=VbplGateway(base=srv.base + "/api/qtdc/public"),
                      chinhphu=ChinhphuSite(base=srv.base))


def snapshot(db: Path) -> dict:
    """What a crawl leaves in the store, independent of row ids and timing."""
    import sqlite3

    conn = sqlite3.connect(db)
    docs = sorted(
        (slug, stub, number, title, hashlib.sha256((text or "").encode()).hexdigest()[:12])
        for slug, stub, number, title, text in conn.execute(
            "SELECT slug, is_stub, number, title, text FROM documents"
        )
    )
    edges = Counter(
        conn.execute(
            """SELECT a.slug, coalesce(b.slug, ''), c.relation, c.origin, coalesce(c.surface, ''), c.status
               FROM citations c JOIN documents a ON a.id = c.citing_id
               LEFT JOIN documents b ON b.id = c.target_id"""
        ).fetchall()
    )
    raw = sorted(conn.execute("SELECT url, content_hash FROM raw_pages").fetchall())
    queue = Counter(r[0] for r in conn.execute("SELECT state FROM crawl_queue"))
    conn.close()
    return {"docs": docs, "edges": edges, "raw": raw, "queue": queue}


def test_crawl_vbpl_documents_and_report_faults(server, tmp_path):
    store = open_store(tmp_path)
    seeds = [
        server.url("/TW/Pages/vbpq-toanvan.aspx?ItemID=32801"),
        server.url("/TW/Pages/vbpq-thuoctinh.aspx?ItemID=96172"),  # any tab names the document
        server.url("/tw/Pages/vbpq-van-ban-goc-hopnhat.aspx?ItemID=147301"),
        server.url("/fault/500"),
        server.url("/private/secret.html"),
        server.url("/fault/cut"),
        server.url("/fault/endless"),
        server.url("/loop/a"),
        server.url("/fault/503-then-ok"),
        server.url("/charset/cp1258-no-charset"),
    ]
    summary = crawler(store, server).run(seeds)
    # Everything fetchable is fetched and saved, whatever failed around it.
    assert (summary.new, summary.updated, summary.unchanged) == (5, 0, 0)
    reasons = dict(summary.failed)
    assert "HTTP 500" in reasons[server.url("/fault/500")]
    assert "robots.txt" in reasons[server.url("/private/secret.html")]
    assert "cắt ngắn" in reasons[server.url("/fault/cut")]
    assert "giới hạn" in reasons[server.url("/fault/endless")]
    assert "vòng lặp" in reasons[server.url("/loop/a")]
    assert len(reasons) == 5
    saved = store.conn.execute("SELECT text FROM documents WHERE source_url = ?",
                               (server.url("/charset/cp1258-no-charset"),)).fetchone()
    assert saved is not None and "Ủy ban nhân dân tỉnh Quảng Ngãi" in saved[0]
    assert server.count("/private/secret.html") == 0  # robots obeyed: never requested

    constitution = store.get("hien-phap-nam-2013-2013-11-28")
    assert constitution is not None and not constitution.is_stub
    assert constitution.signer == "Nguyễn Sinh Hùng" and constitution.validity == "Còn hiệu lực"
    incoming = store.incoming(constitution.id)
    assert len(incoming.get("huong_dan", [])) == 88  # from the lược đồ, direction kept
    outgoing = store.outgoing(constitution.id)
    assert len(outgoing.get("dan_chieu", [])) >= 4

    code = store.lookup("101/2015/QH13")
    assert len(code) == 1 and code[0].title == "Tố tụng hình sự" and len(code[0].text) > 400_000

    # Every fetched page is kept raw, with its headers and time.
    raw = store.latest_raw_page(server.url("/TW/Pages/vbpq-luocdo.aspx?ItemID=32801"))
    assert raw is not None and raw.status == 200 and raw.headers.get("etag") and raw.fetched_at
    store.close()


def test_second_crawl_revisits_with_conditional_get(server, tmp_path):
    url = server.url("/TW/Pages/vbpq-toanvan.aspx?ItemID=32801")
    store = open_store(tmp_path)
    crawler(store, server).run([url])
    second = crawler(store, server).run([url])
    assert second.not_modified == 3 and second.unchanged == 1 and second.new == 0
    store.close()


def test_offline_reparse_needs_no_network(server, tmp_path):
    url = server.url("/TW/Pages/vbpq-toanvan.aspx?ItemID=32801")
    store = open_store(tmp_path)
    crawler(store, server).run([url])
    before = sum(server.state.counts.values())
    summary = crawler(store, server, offline=True).run([url])
    assert sum(server.state.counts.values()) == before
    assert summary.reused == 3 and summary.unchanged == 1 and not summary.failed
    store.close()


def portal_page(server, body: str) -> str:
    path = f"/extra/plan-{hashlib.md5(body.encode()).hexdigest()[:8]}.html"
    page = "<html><head><meta charset='utf-8'><title>Kế hoạch</title></head><body><nav>Trang chủ</nav><article>"
    page += "".join(f"<p>{html.escape(line)}</p>" for line in body.splitlines())
    page += "</article><footer>Cổng thông tin</footer></body></html>"
    server.state.extra[path] = (200, {}, page.encode())
    return server.url(path)


def test_follow_citations_checks_date_and_issuer(server, tmp_path):
    """Looked up at the vbpl gateway: two real 01/2026/NQ-HĐND (Huế 2026-03-31, Đồng Nai
    2026-04-10) share the number; the date and the issuer pick the right one."""
    body = (
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HUẾ\nSố: 12/KH-UBND\nHuế, ngày 05 tháng 5 năm 2026\n"
        "KẾ HOẠCH\nTriển khai Quy chế làm việc năm 2026\n"
        "Căn cứ Nghị quyết số 01/2026/NQ-HĐND ngày 31 tháng 3 năm 2026 của Hội đồng nhân dân thành phố Huế;\n"
        "Căn cứ Nghị quyết số 01/2026/NQ-HĐND ngày 10 tháng 4 năm 2026 của Hội đồng nhân dân tỉnh Lâm Đồng;\n"
        "Căn cứ Quyết định số 99/2026/QĐ-UBND ngày 02 tháng 01 năm 2026 của Ủy ban nhân dân thành phố Huế;\n"
        "Ủy ban nhân dân thành phố ban hành Kế hoạch thực hiện như sau. Nội dung kế hoạch gồm nhiều phần.\n"
    )
    url = portal_page(server, body)
    store = open_store(tmp_path)
    summary = crawler(store, server, depth=1, follow_citations=True).run([url])
    rows = {r["target"]: (r["outcome"], r["reason"]) for r in store.conn.execute(
        "SELECT target, outcome, reason FROM crawl_queue WHERE kind = 'lookup'")}
    outcomes = sorted(o for o, _ in rows.values())
    assert outcomes == ["found", "not_found", "not_found"], rows
    assert any("không khớp ngày/cơ quan" in (reason or "") for _, reason in rows.values()), rows
    searches = [json.loads(b) for p, b in server.state.posts if p.endswith("/doc/all")]
    assert {"keyword": "01/2026/NQ-HĐND", "optionDoc": "number"}.items() <= searches[0].items()
    held = [d for d in store.lookup("01/2026/NQ-HĐND") if not d.is_stub]
    assert [(d.date, d.issuer) for d in held] == [("2026-03-31", "HĐND Thành phố Huế")]
    doc = store.get(held[0].slug)
    assert doc.text and "Quy chế làm việc" in doc.text
    assert doc.effective_date == "2026-04-10" and doc.validity == "Còn hiệu lực"
    assert [u.anchor for u in store.units(doc.id, "vbpl")] == ["dieu-1", "dieu-2", "dieu-3"]
    assert summary.new >= 2
    store.close()


def test_follow_citations_resolves_through_the_stage(server, tmp_path):
    """The cited documents go through the citation stage: each description is asked of the store
    once, the mentions of one document make one lookup, a document held with its text none."""
    from kb.model import Document

    text = (
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;\n"
        "Căn cứ Thông tư số 01/2011/TT-BNV ngày 19 tháng 01 năm 2011 của Bộ Nội vụ;\n"
        "Theo khoản 2 Điều 5 Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ "
        "và Điều 6 Nghị định số 30/2020/nđ-cp ngày 05 tháng 3 năm 2020 của Chính phủ.\n"
    )
    store = open_store(tmp_path)
    store.save_document(Document(number="01/2011/TT-BNV", type="Thông tư", issuer="Bộ Nội vụ",
                                 date="2011-01-19", title="Hướng dẫn thể thức văn bản",
                                 text="Điều 1. Phạm vi điều chỉnh\nThông tư này hướng dẫn thể thức văn bản."))
    asked = []
    real = store.resolve
    store.resolve = lambda citation: asked.append(citation.number) or real(citation)
    children: list = []
    crawl = crawler(store, server, depth=1, follow_citations=True)
    crawl._follow_citations({"depth": 0}, Document(number="12/KH-UBND", text=text), children)
    assert sorted(asked) == ["01/2011/TT-BNV", "30/2020/NĐ-CP"]
    assert [(kind, payload["number"]) for kind, _, _, payload in children] == [("lookup", "30/2020/NĐ-CP")]
    assert children[0][2] == 1  # one step deeper
    store.close()


def test_depth_zero_does_not_follow(server, tmp_path):
    store = open_store(tmp_path)
    crawler(store, server, depth=0, follow_citations=True).run([server.url("/TW/Pages/vbpq-toanvan.aspx?ItemID=96172")])
    kinds = Counter(r[0] for r in store.conn.execute("SELECT kind FROM crawl_queue"))
    assert kinds == {"vbpl": 1}
    store.close()


def run_cli(data: Path, server, *args, wait=True):
    env = dict(os.environ, KB_DATA=str(data), KB_ALLOW_ADDRESSES="127.0.0.1", KB_VBPL_BASE=server.base,
               KB_VBPL_GATEWAY=server.base + "/api/qtdc/public", KB_VANBAN_CHINHPHU=server.base,
               KB_CRAWL_DELAY="0", KB_CRAWL_BACKOFF="0.01", PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "kb", "crawl", *args]
    if wait:
        return subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    return subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def seeds(server) -> list[str]:
    return [
        server.url("/TW/Pages/vbpq-toanvan.aspx?ItemID=32801"),
        server.url("/TW/Pages/vbpq-toanvan.aspx?ItemID=96172"),
        server.url("/tw/Pages/vbpq-thuoctinh-hopnhat.aspx?ItemID=147301"),
        server.url("/portal/ke-hoach-hoi-nghi.html"),
        server.url("/fault/500"),
    ]


@pytest.fixture(scope="module")
def kill_server():
    from kb.config import shared_dir

    root = shared_dir()
    if root is None:
        pytest.skip("../shared is absent")
    with LocalServer(latency=0.01) as srv:
        srv.state.portal_text = (root / SEED).read_text(encoding="utf-8")
        yield srv


@pytest.fixture(scope="module")
def reference(kill_server, tmp_path_factory):
    """The crawl never interrupted: what every killed-and-resumed crawl must end as."""
    data = tmp_path_factory.mktemp("clean")
    kill_server.state.counts.clear()
    clean = run_cli(data, kill_server, *seeds(kill_server), "--depth", "1", "--follow-citations", "--retries", "1")
    assert clean.returncode == 0, clean.stderr
    snap = snapshot(data / "kb.sqlite3")
    assert snap["queue"]["pending"] == 0 and snap["queue"]["done"] > 10
    return Counter(kill_server.state.counts), snap


@pytest.mark.parametrize("fraction", [0.25, 0.6])
def test_kill_9_then_resume_equals_an_uninterrupted_crawl(kill_server, reference, tmp_path, fraction):
    server = kill_server
    reference_counts, reference_snap = reference
    server.state.counts.clear()
    args = [*seeds(server), "--depth", "1", "--follow-citations", "--retries", "1"]
    proc = run_cli(tmp_path, server, *args, wait=False)
    total = sum(reference_counts.values())
    deadline = time.monotonic() + 60
    while sum(server.state.counts.values()) < total * fraction and time.monotonic() < deadline:
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    interrupted = snapshot(tmp_path / "kb.sqlite3")
    assert interrupted["queue"]["pending"] + interrupted["queue"]["working"] > 0  # really mid-crawl

    resumed = run_cli(tmp_path, server, "--retries", "1")  # no URLs: continue the unfinished run
    assert resumed.returncode == 0, resumed.stderr
    assert "Tiếp tục lần thu thập" in resumed.stderr
    final = snapshot(tmp_path / "kb.sqlite3")

    # Nothing lost, nothing duplicated: the store ends exactly as after the clean crawl.
    assert final["docs"] == reference_snap["docs"]
    assert final["edges"] == reference_snap["edges"]
    assert final["raw"] == reference_snap["raw"]
    assert final["queue"] == reference_snap["queue"]

    # Nothing fetched twice that did not need to be: only what the killed process
    # had in flight may be requested again (robots.txt is read once per process).
    pages = {p: n for p, n in server.state.counts.items() if p != "/robots.txt"}
    assert set(pages) == {p for p in reference_counts if p != "/robots.txt"}
    extra = sum(pages.values()) - sum(n for p, n in reference_counts.items() if p != "/robots.txt")
    assert 0 <= extra <= 3, {p: (n, reference_counts[p]) for p, n in pages.items() if n != reference_counts[p]}


def test_cli_summary_and_exit_status(server, tmp_path):
    ok = run_cli(tmp_path / "a", server, server.url("/TW/Pages/vbpq-toanvan.aspx?ItemID=32801"), "--json")
    assert ok.returncode == 0, ok.stderr
    summary = json.loads(ok.stdout.strip().splitlines()[-1])
    assert summary["new"] == 1 and summary["fetched"] == 3 and summary["failed"] == []

    bad = run_cli(tmp_path / "b", server, server.url("/fault/500"), server.url("/loop/a"))
    assert bad.returncode == 1
    assert "HTTP 500" in bad.stdout and "vòng lặp" in bad.stdout
    assert bad.stderr.strip().splitlines()[-1].startswith("kb: lỗi:")
    assert "Traceback" not in bad.stderr

    refused = run_cli(tmp_path / "c", server, "https://thuvienphapluat.vn/van-ban/x.aspx")
    assert refused.returncode == 1 and "thuvienphapluat.vn" in refused.stdout

    nothing = run_cli(tmp_path / "d", server)
    assert nothing.returncode == 2


def test_an_offline_reparse_leaves_an_unfinished_crawl_to_resume(server, tmp_path):
    store = open_store(tmp_path)
    first = server.url("/TW/Pages/vbpq-toanvan.aspx?ItemID=32801")
    second = server.url("/TW/Pages/vbpq-toanvan.aspx?ItemID=96172")
    crawler(store, server, max_items=1).run([first, second])  # stops half-way, like a crash
    offline = crawler(store, server, offline=True).run([first])
    assert offline.unchanged == 1 and not offline.resumed
    resumed = crawler(store, server).run([])
    assert resumed.resumed and resumed.new == 1 and store.lookup("101/2015/QH13")
    assert crawler(store, server).run([]).done == 0  # nothing left, nothing started
    store.close()


def test_ctrl_c_stops_cleanly_and_the_crawl_resumes(kill_server, reference, tmp_path):
    server = kill_server
    server.state.counts.clear()
    # The 21st request waits until the signal is sent: the crawl is certainly under way
    # (a crawl that ended before the signal came exited 0 once, under load).
    server.state.released.clear()
    server.state.hold_after = 20
    try:
        proc = run_cli(tmp_path, server, *seeds(server), "--depth", "1", "--follow-citations", "--retries", "1",
                       wait=False)
        deadline = time.monotonic() + 60
        while sum(server.state.counts.values()) <= 20 and time.monotonic() < deadline:
            time.sleep(0.005)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        server.state.hold_after = None
        server.state.released.set()
    assert proc.returncode == 130
    assert "chạy lại `kb crawl`" in err and "Traceback" not in err
    resumed = run_cli(tmp_path, server, "--retries", "1")
    assert resumed.returncode == 0, resumed.stderr
    assert snapshot(tmp_path / "kb.sqlite3")["docs"] == reference[1]["docs"]


@pytest.mark.parametrize(
    "wanted, ok",
    [
        ({"number": "31/VBHN-VPQH", "date": "2020-12-07", "issuer": "Văn phòng Quốc hội"}, True),
        ({"number": "31/VBHN-VPQH", "year": 2020}, True),
        ({"number": "31/vbhn-vpqh"}, True),  # case and accents of the key do not matter
        ({"number": "31/VBHN-VPQH", "date": "2019-01-01"}, False),
        ({"number": "31/VBHN-VPQH", "year": 2019}, False),
        ({"number": "31/VBHN-VPQH", "issuer": "Ủy ban nhân dân tỉnh Quảng Ngãi"}, False),
        ({"number": "32/VBHN-VPQH"}, False),
    ],
)
def test_citation_matches_checks_number_date_year_issuer(wanted, ok):
    from kb.model import Document
    from kb.scrape.crawler import citation_matches

    doc = Document(number="31/VBHN-VPQH", date="2020-12-07", issuer="Văn phòng Quốc hội")
    assert citation_matches(wanted, doc) is ok


def test_linked_files_are_fetched_and_imported(server, tmp_path):
    docx = pytest.importorskip("docx")
    import io

    document = docx.Document()
    for line in ("ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI", "Số: 1741/QĐ-UBND",
                 "Quảng Ngãi, ngày 15 tháng 11 năm 2022", "QUYẾT ĐỊNH",
                 "Về việc ban hành Kế hoạch cải cách hành chính",
                 "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    ctype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    server.state.extra["/files/qd-1741.docx"] = (200, {"Content-Type": ctype}, buffer.getvalue())
    page = portal_page(server, "Thông báo\nQuyết định kèm theo tại tệp đính kèm.")
    server.state.extra[page.replace(server.base, "")] = (
        200, {}, (b"<html><body><article><h1>Th\xc3\xb4ng b\xc3\xa1o</h1><p>Xem t\xe1\xbb\x87p.</p>"
                  b"<a href='/files/qd-1741.docx'>T\xe1\xba\xa3i v\xe1\xbb\x81</a></article></body></html>"))
    store = open_store(tmp_path)
    summary = crawler(store, server).run([page])
    assert not summary.failed, summary.failed
    found = [d for d in store.lookup("1741/QĐ-UBND") if not d.is_stub]
    assert len(found) == 1 and found[0].date == "2022-11-15"
    assert found[0].source_url == server.url("/files/qd-1741.docx")
    store.close()
