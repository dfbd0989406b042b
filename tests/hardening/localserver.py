"""A tiny HTTP server on 127.0.0.1 with a route table, for the hardening tests."""
from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler

from tests.httpserver import ThreadedServer


class Routes(dict):
    """path → (status, headers, body) or a callable(handler) -> same; records every request."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.seen: list[tuple[str, dict]] = []


def _handler(routes: Routes):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            routes.seen.append((self.path, dict(self.headers)))
            answer = routes.get(self.path.split("?")[0])
            if answer is None:
                answer = (404, {}, b"not here")
            if callable(answer):
                answer = answer(self)
            status, headers, body = answer
            self.send_response(status)
            headers = {"Content-Type": "text/html; charset=utf-8", **headers}
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


class LocalServer(ThreadedServer):
    def __init__(self, routes: Routes | dict):
        self.routes = routes if isinstance(routes, Routes) else Routes(routes)
        super().__init__(_handler(self.routes))


def slow(seconds: float, body: bytes = b"<html><body>cham</body></html>"):
    def answer(handler):
        time.sleep(seconds)
        return 200, {}, body

    return answer
