"""A local HTTP server on 127.0.0.1 that plays vbpl.vn and a misbehaving web.

It serves the real saved vbpl pages (read from ``../shared``, never copied)
at their real paths, the vbpl gateway (``/api/qtdc/public/…``) and
vanban.chinhphu.vn from the trimmed examples in ``examples/``, a small
provincial-portal page, and routes that inject faults.  Every request is counted per path so tests can prove what was (not)
fetched.  Run it standalone with ``python tests/scrape/scrape_server.py PORT``.
"""
from __future__ import annotations

import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kb.config import shared_dir
from tests.fixtures.importers.make_fixtures import encode_cp1258
from tests.httpserver import ThreadedServer

# (page name, ItemID) → saved file in ../shared/realdata/vbpl-html/
VBPL_PAGES = {
    ("vbpq-toanvan.aspx", "32801"): "vbpl_v1.html",
    ("vbpq-thuoctinh.aspx", "32801"): "vbpl_thuoctinh_2.html",
    ("vbpq-luocdo.aspx", "32801"): "vbpl_luocdo_phaply.html",
    ("vbpq-vanbanlienquan.aspx", "32801"): "vbpl_related_doc.html",
    ("vbpq-toanvan.aspx", "96172"): "vbpl_v3.html",
    ("vbpq-thuoctinh.aspx", "96172"): "vbpl_thuoctinh.html",
    ("vbpq-thuoctinh-hopnhat.aspx", "147301"): "vbpl_v2.html",
    ("vbpq-luocdo-hopnhat.aspx", "147301"): "vbpl_luocdo_hopnhat.html",
}
SEARCH_PAGE = "vbpl_search.html"

ROBOTS = b"User-agent: *\nDisallow: /private/\n"

EXAMPLES = Path(__file__).parent / "examples"
GATEWAY = "/api/qtdc/public"
NOT_FOUND = {"success": False, "statusCode": 400, "message": "Không tìm thấy văn bản",
             "messageCode": "invalid.document.entity.not.found", "data": None}


def gateway_catalogue() -> list[dict]:
    """List items (the shape of ``POST /doc/all``) derived from the detail examples, so
    that a search by number finds the documents whose details the server holds."""
    keys = ("id", "title", "docNum", "docType", "issueDate", "effFrom", "effTo", "effStatus")
    items = []
    for path in sorted((EXAMPLES / "vbpl_gateway").glob("doc_[0-9]*.json")):
        if path.name.endswith(".expected.json"):
            continue
        data = json.loads(path.read_text(encoding="utf-8"))["data"]
        items.append({k: data.get(k) for k in keys})
    return items


def gateway_list(items: list[dict], total: int | None = None) -> bytes:
    body = {"success": True, "statusCode": 200, "message": "OK", "messageCode": "ok", "debugMessage": "",
            "data": {"current": 1, "total": len(items) if total is None else total, "pageNumber": 0,
                     "pageSize": 20, "items": items}, "total": 1}
    return json.dumps(body, ensure_ascii=False).encode()

# Vietnamese sample for the charset routes (NFC).
VIET = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Ủy ban nhân dân tỉnh Quảng Ngãi"


# Windows-1258 as Vietnamese Windows writes it: the importer fixtures' encoder.
cp1258_encode = encode_cp1258


PORTAL_TEMPLATE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Kế hoạch tổ chức Hội nghị - Sở Ngoại vụ tỉnh Quảng Ngãi</title></head>
<body><header><nav><a href="/">Trang chủ</a> | <a href="/tin-tuc">Tin tức</a> | <a href="/lien-he">Liên hệ</a></nav></header>
<aside><ul><li><a href="/tin-1">Tin khác 1</a></li><li><a href="/tin-2">Tin khác 2</a></li></ul></aside>
<main><article><h1>Kế hoạch tổ chức Hội nghị</h1>
{paragraphs}
<p>Tệp đính kèm: <a href="/files/ke-hoach.docx">ke-hoach.docx</a></p>
<p>Xem thêm: <a href="/TW/Pages/vbpq-toanvan.aspx?ItemID=32801">Hiến pháp năm 2013</a></p>
</article></main>
<footer>Bản quyền © Sở Ngoại vụ tỉnh Quảng Ngãi. Địa chỉ: 52 Hùng Vương.</footer>
<script>document.write("never run");</script>
</body></html>"""


class State:
    def __init__(self, shared: Path | None, latency: float = 0.0):
        self.shared = shared
        self.latency = latency
        self.counts: Counter = Counter()
        self.lock = threading.Lock()
        self.flaky: Counter = Counter()
        self.portal_text: str | None = None
        self.extra: dict[str, tuple[int, dict, bytes]] = {}
        self.robots: bytes | None = None  # overrides ROBOTS when set
        self.posts: list[tuple[str, bytes]] = []  # (path, body) of every POST
        self.chinhphu_file: bytes | None = None  # served for datafiles links
        # When set, every request after the first ``hold_after`` waits for ``released``: a
        # test can then interrupt a client that is certainly in the middle of its work.
        self.hold_after: int | None = None
        self.released = threading.Event()


def make_handler(state: State):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, *args):  # keep test output clean
            pass

        def send(self, status: int, body: bytes = b"", headers: dict | None = None, ctype="text/html; charset=utf-8"):
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            if "Content-Length" not in (headers or {}):
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def do_GET(self):
            parts = urlsplit(self.path)
            path = parts.path
            query = parse_qs(parts.query)
            with state.lock:
                state.counts[self.path] += 1
                hits = state.counts[self.path]
                held = state.hold_after is not None and sum(state.counts.values()) > state.hold_after
            if held:
                state.released.wait(30)
            if state.latency and path != "/robots.txt":
                time.sleep(state.latency)
            if path == "/robots.txt":
                return self.send(200, state.robots or ROBOTS, ctype="text/plain")
            if self.path in state.extra:
                status, headers, body = state.extra[self.path]
                headers = dict(headers)
                ctype = headers.pop("Content-Type", "text/html; charset=utf-8")
                return self.send(status, body, headers, ctype=ctype)
            if path.startswith(GATEWAY + "/"):
                return self.gateway_get(path[len(GATEWAY):])
            if path == "/" and "pageid" in query:
                return self.chinhphu(query)
            if path.startswith("/cpp/files/") and state.chinhphu_file is not None:
                return self.send(200, state.chinhphu_file, ctype="application/pdf")
            name = path.rsplit("/", 1)[-1].lower()
            if "/pages/" in path.lower():
                item = (query.get("ItemID") or query.get("itemid") or [""])[0]
                return self.vbpl(name, item)
            if name.startswith("p_ketquatimkiem"):
                return self.file(SEARCH_PAGE)
            return self.fault(path, hits)

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            with state.lock:
                state.counts[self.path] += 1
                state.posts.append((self.path, body))
            if self.path in state.extra:
                status, headers, payload = state.extra[self.path]
                headers = dict(headers)
                ctype = headers.pop("Content-Type", "application/json")
                return self.send(status, payload, headers, ctype=ctype)
            if self.path == GATEWAY + "/doc/all":
                try:
                    request = json.loads(body or b"{}")
                except ValueError:
                    return self.send(400, b'{"success": false}', ctype="application/json")
                keyword = request.get("keyword")
                if keyword:
                    items = [i for i in gateway_catalogue() if i["docNum"] == keyword]
                    return self.send(200, gateway_list(items), ctype="application/json")
                return self.send(200, (EXAMPLES / "vbpl_gateway" / "doc_all.json").read_bytes(),
                                 ctype="application/json")
            if self.path == "/" and b"__EVENTARGUMENT=Page%24" in body:
                page = (EXAMPLES / "chinhphu" / "list.html").read_text(encoding="utf-8")
                number = body.split(b"__EVENTARGUMENT=Page%24", 1)[1].split(b"&", 1)[0].decode()
                page = page.replace("<td><span>1</span></td>", f"<td><span>{number}</span></td>")
                return self.send(200, page.encode())
            return self.send(404, b"not found")

        def gateway_get(self, rest: str):
            folder = EXAMPLES / "vbpl_gateway"
            if rest.startswith("/doc/provision/tree/"):
                ident = rest.rsplit("/", 1)[-1]
                path = folder / f"tree_{ident}.json"
                return self.send(200, (path if path.exists() else folder / "tree_999999.json").read_bytes(),
                                 ctype="application/json")
            if rest.startswith("/doc/") and rest.count("/") == 2:
                path = folder / f"doc_{rest.rsplit('/', 1)[-1]}.json"
                if path.exists():
                    return self.send(200, path.read_bytes(), ctype="application/json")
                return self.send(400, json.dumps(NOT_FOUND).encode(), ctype="application/json")
            return self.send(401, b'{"message":"Missing Authorization header or X-API-KEY"}', ctype="application/json")

        def chinhphu(self, query: dict):
            folder = EXAMPLES / "chinhphu"
            if "docid" in query:
                path = folder / f"detail_{query['docid'][0]}.html"
                if not path.exists():
                    return self.send(404, "Không tìm thấy".encode())
                page = path.read_text(encoding="utf-8")
                base = f"http://{self.headers.get('Host')}"
                return self.send(200, page.replace("https://datafiles.chinhphu.vn", base).encode())
            page = (folder / "list.html").read_text(encoding="utf-8")
            return self.send(200, page.encode())

        def file(self, filename: str):
            if state.shared is None:
                return self.send(404, b"no shared data")
            data = (state.shared / "realdata" / "vbpl-html" / filename).read_bytes()
            etag = f'"{filename}-v1"'
            if self.headers.get("If-None-Match") == etag:
                return self.send(304, b"", {"ETag": etag}, ctype=None)
            return self.send(200, data, {"ETag": etag})

        def vbpl(self, name: str, item: str):
            filename = VBPL_PAGES.get((name, item))
            if filename is None:
                return self.send(404, "Không tìm thấy".encode())
            return self.file(filename)

        def fault(self, path: str, hits: int):
            if path == "/ok":
                return self.send(200, f"<html><body><p>{VIET}</p></body></html>".encode())
            if path.startswith("/private/"):
                return self.send(200, b"<p>secret</p>")
            if path == "/fault/500":
                return self.send(500, b"boom")
            if path == "/fault/503-then-ok":
                if hits <= 2:
                    return self.send(503, b"busy")
                return self.send(200, b"<p>recovered</p>")
            if path == "/fault/429":
                if hits == 1:
                    return self.send(429, b"slow down", {"Retry-After": "2"})
                return self.send(200, b"<p>after 429</p>")
            if path == "/fault/429-long":
                return self.send(429, b"go away", {"Retry-After": "3600"})
            if path == "/fault/slow":
                time.sleep(1.5)
                return self.send(200, b"<p>too late</p>")
            if path == "/fault/cut":
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                self.wfile.write(b"<p>" + b"x" * 5000)
                self.wfile.flush()
                self.close_connection = True
                return None
            if path == "/fault/endless":
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                chunk = b"<p>" + b"y" * 65536 + b"</p>"
                try:
                    for _ in range(100000):
                        self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                return None
            if path == "/charset/cp1258-no-charset":
                body = b"<html><body><p>" + cp1258_encode(VIET) + b"</p></body></html>"
                return self.send(200, body, ctype="text/html")
            if path == "/charset/cp1258-declared-utf8":
                body = b"<html><body><p>" + cp1258_encode(VIET) + b"</p></body></html>"
                return self.send(200, body, ctype="text/html; charset=utf-8")
            if path == "/charset/utf8-declared-cp1258":
                body = f"<html><body><p>{VIET}</p></body></html>".encode()
                return self.send(200, body, ctype="text/html; charset=windows-1258")
            if path == "/charset/cp1258-meta":
                body = b'<html><head><meta charset="windows-1258"></head><body><p>' + cp1258_encode(VIET) + b"</p></body></html>"
                return self.send(200, body, ctype="text/html")
            if path == "/charset/utf8-no-charset":
                return self.send(200, f"<p>{VIET}</p>".encode(), ctype="text/html")
            if path.startswith("/loop/"):
                target = "/loop/b" if path == "/loop/a" else "/loop/a"
                return self.send(302, b"", {"Location": target})
            if path.startswith("/chain/"):
                n = int(path.rsplit("/", 1)[-1])
                return self.send(302, b"", {"Location": f"/chain/{n + 1}"})
            if path == "/redirect-to-private":
                return self.send(302, b"", {"Location": "http://10.11.12.13/secret"})
            if path == "/redirect-ok":
                return self.send(301, b"", {"Location": "/ok"})
            if path == "/etag":
                if self.headers.get("If-None-Match") == '"v1"':
                    return self.send(304, b"", {"ETag": '"v1"'}, ctype=None)
                return self.send(200, b"<p>etag page</p>", {"ETag": '"v1"', "Last-Modified": "Mon, 02 Jan 2023 00:00:00 GMT"})
            if path.startswith("/portal/") and state.portal_text is not None:
                paragraphs = "\n".join(f"<p>{line}</p>" for line in state.portal_text.splitlines() if line.strip())
                return self.send(200, PORTAL_TEMPLATE.format(paragraphs=paragraphs).encode())
            return self.send(404, "Không tìm thấy".encode())

    return Handler


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # clients hanging up on purpose
        pass


class LocalServer(ThreadedServer):
    def __init__(self, latency: float = 0.0, port: int = 0):
        self.state = State(shared_dir(), latency)
        super().__init__(make_handler(self.state), port, QuietServer)

    def count(self, path: str) -> int:
        return self.state.counts[path]


if __name__ == "__main__":  # pragma: no cover - manual use
    import sys

    with LocalServer(port=int(sys.argv[1]) if len(sys.argv) > 1 else 8765) as server:
        print(server.base, flush=True)
        threading.Event().wait()
