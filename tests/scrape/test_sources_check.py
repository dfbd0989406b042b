"""``kb sources check`` against the local server: the captures as served, then altered
the ways a real source changes (token required, field gone, HTML instead of JSON)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.scrape.scrape_server import EXAMPLES, GATEWAY, LocalServer, gateway_catalogue, gateway_list

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def server():
    with LocalServer() as srv:
        # The list's first row must open on this server: serve the example detail for it.
        detail = (EXAMPLES / "chinhphu" / "detail_216105.html").read_bytes()
        srv.state.extra["/?pageid=27160&docid=216138"] = (200, {}, detail)
        # doc/all's first item: a document whose detail the server holds.
        srv.state.extra[GATEWAY + "/doc/all"] = (200, {"Content-Type": "application/json"},
                                                gateway_list(gateway_catalogue(), total=166921))
        yield srv


def run(server, *args):
    env = dict(os.environ, KB_ALLOW_ADDRESSES="127.0.0.1", KB_CRAWL_DELAY="0", KB_CRAWL_BACKOFF="0.01",
               KB_VBPL_GATEWAY=server.base + GATEWAY, KB_VANBAN_CHINHPHU=server.base, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "kb", "sources", "check", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def results(proc) -> dict:
    return {(r["source"], r["check"]): r for r in json.loads(proc.stdout)}


def test_every_live_source_answers_as_its_module_expects(server):
    proc = run(server)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "✓ doc/all: 166921 văn bản" in proc.stdout
    assert "✓ doc/{id}: 01/2026/NQ-HĐND: có toàn văn" in proc.stdout
    assert "✓ chi tiết: 37/2025/TT-BKHCN: 1 tệp" in proc.stdout
    # One request per endpoint, no more (robots.txt aside).
    asked = {p: n for p, n in server.state.counts.items() if p != "/robots.txt"}
    assert asked == {GATEWAY + "/doc/all": 1, GATEWAY + "/doc/187649": 1, GATEWAY + "/doc/provision/tree/187649": 1,
                     "/?pageid=27160": 1, "/?pageid=27160&docid=216138": 1}


def test_token_required_is_said_plainly(server):
    server.state.extra[GATEWAY + "/doc/all"] = (
        401, {"Content-Type": "application/json"}, b'{"message":"Missing Authorization header or X-API-KEY"}')
    proc = run(server, "--json")
    assert proc.returncode == 1 and "không đạt" in proc.stderr
    got = results(proc)
    assert "HTTP 401 — cổng đòi mã truy cập" in got[("vbpl_gateway", "doc/all")]["message"]
    assert got[("vbpl_gateway", "doc/{id}")]["message"].startswith("bỏ qua")
    assert got[("chinhphu", "chi tiết")]["ok"]  # the other source is still checked


def test_a_missing_field_is_named(server):
    detail = json.loads((EXAMPLES / "vbpl_gateway" / "doc_187649.json").read_text(encoding="utf-8"))
    del detail["data"]["documentContent"]
    server.state.extra[GATEWAY + "/doc/187649"] = (200, {"Content-Type": "application/json"},
                                                  json.dumps(detail, ensure_ascii=False).encode())
    proc = run(server, "--source", "vbpl_gateway")
    assert proc.returncode == 1
    assert "✗ doc/{id}: cổng vbpl doc/{id}: thiếu trường documentContent" in proc.stdout
    assert "vanban.chinhphu.vn" not in proc.stdout


@pytest.mark.parametrize("answer, message", [
    ((200, {}, b"<!DOCTYPE html><html><body>captcha</body></html>"), "trang HTML, không phải JSON"),
    ((200, {"Content-Type": "application/json"}, b'{"success": true, "error": "invalid token", "data": null}'),
     "cổng báo lỗi (invalid token)"),
    ((403, {}, b"denied"), "HTTP 403"),
    ((500, {}, b"boom"), "HTTP 500"),
])
def test_gateway_changes_are_reported(server, answer, message):
    server.state.extra[GATEWAY + "/doc/provision/tree/187649"] = answer
    got = results(run(server, "--json", "--source", "vbpl_gateway"))
    assert got[("vbpl_gateway", "doc/{id}")]["ok"]
    tree = got[("vbpl_gateway", "doc/provision/tree/{id}")]
    assert not tree["ok"] and message in tree["message"], tree


def test_chinhphu_list_without_its_grid_is_reported(server):
    server.state.extra["/?pageid=27160"] = (200, {}, "<html><body><p>Bảo trì hệ thống</p></body></html>".encode())
    got = results(run(server, "--json", "--source", "chinhphu"))
    assert "không thấy bảng văn bản" in got[("chinhphu", "danh sách")]["message"]
    assert got[("chinhphu", "chi tiết")]["message"].startswith("bỏ qua")


def test_unknown_source_is_a_usage_error(server):
    proc = run(server, "--source", "thuvienphapluat")
    assert proc.returncode == 2 and "không có nguồn thuvienphapluat" in proc.stderr
