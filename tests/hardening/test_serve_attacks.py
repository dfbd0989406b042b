"""``kb serve`` under attack (issue 12), on loopback, bounded in count and time:
slow clients (slowloris), hostile files uploaded at once, slow URL fetches; searches by
other users keep answering.  Also waitress's own error answers carry our headers."""
from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
import uuid

import pytest

from tests.hardening import hostile
from tests.hardening.localserver import LocalServer, slow
from tests.webapp.test_serve import get, start, stop, wait_for

SLOW_CLIENTS = 450


@pytest.fixture(scope="module")
def served(built_kb, tmp_path_factory):
    data, _ = built_kb
    tmp = tmp_path_factory.mktemp("serve-attacks")
    import os

    os.environ["KB_ALLOW_ADDRESSES"] = "127.0.0.1"  # the slow site of the fetch test
    try:
        proc, port, log = start(tmp, data, "--workers", "2")
    finally:
        del os.environ["KB_ALLOW_ADDRESSES"]

    def ready():
        try:
            return get(port, timeout=2)
        except OSError:
            return None

    wait_for(ready, 60, "kb serve", proc, log)
    wait_for(lambda: log.read_text().count("sẵn sàng") >= 2, 60, "both workers", proc, log)
    yield port
    stop(proc)


def timed_search(port: int, timeout: float = 10) -> float:
    """One search nobody asked before (no page cache): its time in seconds."""
    started = time.monotonic()
    word = uuid.uuid4().hex[:6]
    status, _, _ = get(port, f"/api/search?q=c%E1%BA%A3i+c%C3%A1ch+{word}", timeout=timeout)
    assert status == 200
    return time.monotonic() - started


def test_slowloris_does_not_keep_other_clients_out(served):
    port = served
    sockets = []
    try:
        for i in range(SLOW_CLIENTS):
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(b"GET /?q=x HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # headers never finished
            sockets.append(s)
        for s in sockets[::10]:
            s.sendall(b"X-Drip: 1\r\n")  # some keep dripping, as slowloris does
        times = [timed_search(port, timeout=10) for _ in range(5)]
        status, _, _ = get(port, "/", timeout=10)
    finally:
        for s in sockets:
            s.close()
    assert status == 200
    assert max(times) < 3.0, times


def _raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(request)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = s.recv(4096)
            if not chunk:
                break
            answer += chunk
    return answer


@pytest.mark.parametrize("request_bytes, status", [
    (b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", b"400"),
    (b"POST /api/link HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n", b"413"),
])
def test_waitress_own_errors_carry_the_security_headers(served, request_bytes, status):
    answer = _raw(served, request_bytes)
    head = answer.split(b"\r\n\r\n")[0].lower()
    assert head.split(b"\r\n")[0].split()[1] == status
    assert b"content-security-policy: default-src 'none'" in head
    assert b"x-content-type-options: nosniff" in head


def _post_file(port: int, name: str, data: bytes, results: list, timeout: float = 30):
    boundary = "kbhardening"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/link", data=body, method="POST",
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            results.append((r.status, time.monotonic() - started, r.read().decode()))
    except urllib.error.HTTPError as exc:
        results.append((exc.code, time.monotonic() - started, exc.read().decode()))


def _under_load(port: int, attack) -> tuple[list[float], list]:
    """Run ``attack(results)`` threads, time searches meanwhile."""
    results: list = []
    threads = attack(results)
    for t in threads:
        t.start()
    time.sleep(0.3)
    times = []
    deadline = time.monotonic() + 6
    while any(t.is_alive() for t in threads) and time.monotonic() < deadline:
        times.append(timed_search(port))
        time.sleep(0.2)
    for t in threads:
        t.join(40)
    return times, results


def test_four_hostile_files_at_once_are_refused_and_searches_keep_answering(served):
    files = [("bom.pdf", hostile.pdf_content_bomb(10)), ("cham.pdf", hostile.pdf_slow_pages(30)),
             ("bom.docx", hostile.docx_paragraph_bomb(200)), ("cham2.pdf", hostile.pdf_slow_pages(30))]

    def attack(results):
        return [threading.Thread(target=_post_file, args=(served, name, data, results)) for name, data in files]

    times, results = _under_load(served, attack)
    assert len(results) == 4
    for status, seconds, body in results:
        assert status in (400, 503), body
        assert seconds < 8.0  # refused within the 5 s budget (+ a wait for a slot, + the upload)
        assert "Traceback" not in body
    assert times and max(times) < 2.0, times


def test_slow_url_fetches_cannot_starve_searches(served):
    with LocalServer({"/robots.txt": (404, {}, b""), "/ke-hoach": slow(8)}) as site:
        def post(results):
            request = urllib.request.Request(
                f"http://127.0.0.1:{served}/api/link", method="POST",
                data=json.dumps({"url": site.url("/ke-hoach")}).encode(),
                headers={"Content-Type": "application/json"})
            started = time.monotonic()
            try:
                with urllib.request.urlopen(request, timeout=30) as r:
                    results.append((r.status, time.monotonic() - started))
            except urllib.error.HTTPError as exc:
                results.append((exc.code, time.monotonic() - started, exc.read().decode()))

        def attack(results):
            return [threading.Thread(target=post, args=(results,)) for _ in range(6)]

        times, results = _under_load(served, attack)
    busy = [r for r in results if r[0] == 503]
    assert busy and all(r[1] < 2.0 and "thử lại" in r[2] for r in busy)  # fail fast, in Vietnamese
    assert times and max(times) < 2.0, times


def test_a_request_whose_headers_drip_past_the_deadline_is_closed():
    """Slowloris sends a header line every few seconds: never idle, never finished."""
    from types import SimpleNamespace

    from webapp.server import HEADER_TIMEOUT, _waitress_classes

    server_class = _waitress_classes()
    server = server_class.__new__(server_class)  # only its maintenance pass is exercised
    server.adj = SimpleNamespace(channel_timeout=60)
    now = time.monotonic()

    def channel(started, finished=False):
        return SimpleNamespace(request=SimpleNamespace(headers_finished=finished), request_started=started,
                               requests=[], last_activity=time.time(), will_close=False)

    dripping = channel(now - HEADER_TIMEOUT - 1)
    fresh = channel(now - 1)
    uploading = channel(now - HEADER_TIMEOUT - 1, finished=True)  # headers done: a long body is fine
    server.active_channels = {1: dripping, 2: fresh, 3: uploading}
    server.maintenance(time.time())
    assert dripping.will_close and not fresh.will_close and not uploading.will_close
