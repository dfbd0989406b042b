"""The smaller web items of issue 12: no 500s on odd input, ASCII years, the admin token."""
from __future__ import annotations

import io
import time

import pytest

from kb.errors import KbError
from tests.hardening.localserver import LocalServer

TOKEN = "mot-ma-quan-tri-du-dai-24"


@pytest.fixture
def app(built_kb, monkeypatch):
    from webapp import create_app

    data, _ = built_kb
    monkeypatch.setenv("KB_ADMIN_TOKEN", TOKEN)
    return create_app({"DATA_DIR": str(data), "TESTING": True, "FETCH_ALLOW_ADDRESSES": ("127.0.0.1",)})


def test_deeply_nested_json_to_the_linker_is_a_400(app):
    body = "[" * 100_000 + "]" * 100_000
    r = app.test_client().post("/api/link", data=body, content_type="application/json")
    assert r.status_code == 400 and r.get_json()["error"]["message"]


def test_a_redirect_to_a_port_above_65535_is_not_a_500(app):
    with LocalServer({"/robots.txt": (404, {}, b""),
                      "/ke-hoach": (302, {"Location": "http://127.0.0.1:70000/ke-hoach"}, b"")}) as site:
        r = app.test_client().post("/api/link", json={"url": site.url("/ke-hoach")})
    assert r.status_code == 400 and "không hợp lệ" in r.get_json()["error"]["message"]


@pytest.mark.parametrize("year", ["١٢٣٤", "２０２１", "۲۰۲۱"])
def test_only_ascii_digits_make_a_year(app, year):
    r = app.test_client().get("/api/search", query_string={"q": "cải cách", "year": year})
    assert r.status_code == 400


def test_a_short_admin_token_is_refused_at_start(built_kb, monkeypatch):
    from webapp import create_app

    monkeypatch.setenv("KB_ADMIN_TOKEN", "123456")
    with pytest.raises(KbError, match="quá ngắn"):
        create_app({"DATA_DIR": str(built_kb[0]), "TESTING": True})


def test_kb_serve_refuses_a_short_token_in_one_line(tmp_path):
    import os
    import subprocess
    import sys

    from tests.webapp.test_serve import ROOT

    r = subprocess.run([sys.executable, "-m", "kb", "serve", "--port", "1", "--workers", "1"], cwd=ROOT,
                       env=dict(os.environ, KB_DATA=str(tmp_path), KB_ADMIN_TOKEN="abc"),
                       capture_output=True, text=True, timeout=30)
    assert r.returncode != 0
    assert "quá ngắn" in r.stderr and "Traceback" not in r.stderr


def test_wrong_admin_guesses_lock_the_guesser_out(app):
    client = app.test_client()
    upload = lambda token: client.post(  # noqa: E731
        "/quan-tri/nhap", data={"file": (io.BytesIO(b"x"), "a.txt"), "token": token},
        content_type="multipart/form-data", environ_base={"REMOTE_ADDR": "203.0.113.9"})
    started = time.monotonic()
    assert [upload(f"sai-{i}").status_code for i in range(5)] == [401] * 5
    locked = upload(TOKEN)  # even the right token, from the guesser's address
    assert locked.status_code == 429 and "quá nhiều lần" in locked.get_data(as_text=True)
    assert time.monotonic() - started < 2.0  # refused at once: no thread held asleep
    other = client.post("/quan-tri/nhap", data={"file": (io.BytesIO(b"x"), "a.txt"), "token": TOKEN},
                        content_type="multipart/form-data", environ_base={"REMOTE_ADDR": "198.51.100.7"})
    assert other.status_code != 429  # another address is not locked out


def test_costly_query_is_bounded_and_says_so(app):
    phrases = " ".join(f'"cải cách {i}"' for i in range(80))[:500]
    started = time.monotonic()
    r = app.test_client().get("/api/search", query_string={"q": phrases})
    assert r.status_code == 200
    assert r.get_json()["notice"] and "cụm trong ngoặc kép" in r.get_json()["notice"]
    assert time.monotonic() - started < 2.0
    page = app.test_client().get("/", query_string={"q": phrases})
    assert "quá phức tạp" in page.get_data(as_text=True)


def test_one_costly_search_at_a_time_per_worker_others_told_to_retry(app):

    backend = app.extensions["kb"]
    phrases = " ".join(f'"cải cách {i}"' for i in range(10))
    assert backend._costly.acquire(blocking=False)  # as if another costly search were running
    try:
        started = time.monotonic()
        r = app.test_client().get("/api/search", query_string={"q": phrases})
        assert r.status_code == 503 and "thử lại" in r.get_json()["error"]["message"]
        assert time.monotonic() - started < 1.0  # at once, no thread held waiting
        plain = app.test_client().get("/api/search", query_string={"q": "cải cách hành chính"})
        assert plain.status_code == 200  # ordinary searches are not affected
    finally:
        backend._costly.release()
    assert app.test_client().get("/api/search", query_string={"q": phrases}).status_code == 200
