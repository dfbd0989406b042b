"""A local HTTP server on 127.0.0.1 that plays vbpl.vn and a misbehaving web.

It serves the real saved vbpl pages (read from ``../shared``, never copied)
at their real paths, a small provincial-portal page, and routes that inject
faults.  Every request is counted per path so tests can prove what was (not)
fetched.  Run it standalone with ``python tests/scrape/scrape_server.py PORT``.
"""
from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kb.config import shared_dir

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

# Vietnamese sample for the charset routes (NFC).
VIET = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Ủy ban nhân dân tỉnh Quảng Ngãi"


def cp1258_encode(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: letters it has (ă â ê ô ơ ư đ)
    precomposed, tone marks as separate combining characters."""
    import unicodedata

    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("windows-1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out += base.encode("windows-1258")
        out += "".join(c for c in parts if c in tones).encode("windows-1258")
    return bytes(out)


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
            if state.latency and path != "/robots.txt":
                time.sleep(state.latency)
            if path == "/robots.txt":
                return self.send(200, state.robots or ROBOTS, ctype="text/plain")
            if self.path in state.extra:
                status, headers, body = state.extra[self.path]
                headers = dict(headers)
                ctype = headers.pop("Content-Type", "text/html; charset=utf-8")
                return self.send(status, body, headers, ctype=ctype)
            name = path.rsplit("/", 1)[-1].lower()
            if "/pages/" in path.lower():
                item = (query.get("ItemID") or query.get("itemid") or [""])[0]
                return self.vbpl(name, item)
            if name.startswith("p_ketquatimkiem"):
                return self.file(SEARCH_PAGE)
            return self.fault(path, hits)

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


class LocalServer:
    def __init__(self, latency: float = 0.0, port: int = 0):
        self.state = State(shared_dir(), latency)
        self.httpd = QuietServer(("127.0.0.1", port), make_handler(self.state))
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def count(self, path: str) -> int:
        return self.state.counts[path]


if __name__ == "__main__":  # pragma: no cover - manual use
    import sys

    with LocalServer(port=int(sys.argv[1]) if len(sys.argv) > 1 else 8765) as server:
        print(server.base, flush=True)
        threading.Event().wait()
