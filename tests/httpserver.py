"""An HTTP server on 127.0.0.1 in a daemon thread, as a context manager.

The tests' local servers (tests/hardening/localserver.py, tests/scrape/scrape_server.py)
differ only in their handler; tests never reach the internet.
"""
from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer


class ThreadedServer:
    def __init__(self, handler, port: int = 0, server_class: type[ThreadingHTTPServer] = ThreadingHTTPServer):
        self.httpd = server_class(("127.0.0.1", port), handler)
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
