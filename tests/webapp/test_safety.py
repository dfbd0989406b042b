"""Bad input, hostile content and the serving rules: headers, size caps, errors, admin token."""
from __future__ import annotations

import io
import re

import pytest

from tests.webapp.conftest import XSS

PAYLOADS = [XSS, "<svg/onload=alert(1)>", "javascript:alert(1)", "\"'><iframe src=//evil>"]


def assert_no_active_content(html: str) -> None:
    lowered = html.lower()
    assert "<script" not in lowered
    assert "<img src=x" not in lowered and "<iframe" not in lowered and "<svg/onload" not in lowered
    # Event handlers could only run inside a real tag; the payloads' tags are all escaped.
    assert 'href="javascript:' not in lowered


def assert_headers(response) -> None:
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp and "script-src" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", ["/", "/?q=x", "/lien-ket", "/api/search?q=x", "/opensearch.xml",
                                  "/khong-co", "/static/style.css", "/quan-tri/"])
def test_security_headers_everywhere(client, path):
    assert_headers(client.get(path))


def test_no_inline_scripts_or_styles_anywhere(client, slugs):
    for path in ["/", "/?q=c%E1%BA%A3i+c%C3%A1ch", f"/van-ban/{slugs['1256/QĐ-UBND'][0]}", "/lien-ket"]:
        html = client.get(path).get_data(as_text=True)
        assert "<script" not in html and "style=" not in html and "<style" not in html


def test_no_resources_from_other_hosts(client, slugs):
    for path in ["/", f"/van-ban/{slugs['76/NQ-CP'][0]}", "/lien-ket"]:
        html = client.get(path).get_data(as_text=True)
        for tag, url in re.findall(r'<(link|img|script|iframe)[^>]+(?:href|src)="([^"]+)"', html):
            assert url.startswith("/"), (tag, url)


@pytest.mark.parametrize("path", ["/", "/api/search"])
def test_100kb_query_is_a_400_not_a_crash(client, path):
    r = client.get(path, query_string={"q": "cải cách " * 10_000})
    assert r.status_code == 400
    body = r.get_data(as_text=True)
    assert "quá dài" in body and "Traceback" not in body
    assert_headers(r)


@pytest.mark.parametrize("query", ['"cải cách', "cải cách\"", "(((", "AND OR NOT", "*", "?", "~", "cải^2",
                                   "a:b", "\\", "'", "%", "\x00", "   ", "/", "//", "76/", "Đ"])
def test_odd_queries_are_answered(client, query):
    for path in ("/", "/api/search"):
        r = client.get(path, query_string={"q": query})
        assert r.status_code in (200, 302), (query, r.status_code)


@pytest.mark.parametrize("args", [{"q": "x", "page": "abc"}, {"q": "x", "page": "0"}, {"q": "x", "page": "99999"},
                                  {"q": "x", "year": "20x1"}, {"q": "x", "sort": "evil"},
                                  {"q": "x", "type": "y" * 1000}])
def test_bad_parameters_are_400(client, args):
    r = client.get("/", query_string=args)
    assert r.status_code == 400 and "Yêu cầu không hợp lệ" in r.get_data(as_text=True)
    assert client.get("/api/search", query_string=args).get_json()["error"]["status"] == 400


@pytest.mark.parametrize("payload", PAYLOADS)
def test_xss_in_queries_is_escaped(client, payload):
    html = client.get("/", query_string={"q": payload}).get_data(as_text=True)
    assert_no_active_content(html)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_xss_in_pasted_plans_is_escaped(client, payload):
    text = f"{payload}\nCăn cứ Quyết định số 1256/QĐ-UBND ngày 22/12/2021 của UBND tỉnh Quảng Ngãi {payload}"
    r = client.post("/lien-ket", data={"text": text})
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert_no_active_content(html)
    assert "&lt;" in html or "<" not in payload
    assert "<a " in client.post("/api/link", json={"text": text}).get_json()["html"]
    assert_no_active_content(client.post("/api/link", json={"text": text}).get_json()["html"])


def test_xss_in_stored_documents_is_escaped(client, slugs):
    slug = slugs["66/QĐ-UBND"][0]
    html = client.get(f"/van-ban/{slug}").get_data(as_text=True)
    assert_no_active_content(html)
    assert "&lt;script&gt;" in html
    assert "javascript:" not in html  # the source_url is not shown as a link
    # the citation inside the hostile text is still a link
    assert f'href="/van-ban/{slugs["1256/QĐ-UBND"][0]}"' in html.split('id="toan-van"', 1)[1]
    # and where it is cited or listed
    html = client.get(f"/van-ban/{slugs['1256/QĐ-UBND'][0]}").get_data(as_text=True)
    assert_no_active_content(html)
    html = client.get("/", query_string={"q": "alert"}).get_data(as_text=True)
    assert_no_active_content(html)
    data = client.get(f"/api/van-ban/{slug}").get_json()
    assert data["document"]["title"] == XSS  # JSON carries the data as it is; JSON is not HTML


def test_oversize_upload_is_413(app):
    client = app.test_client()
    big = io.BytesIO(b"a" * (app.config["MAX_CONTENT_LENGTH"] + 10))
    r = client.post("/lien-ket", data={"file": (big, "big.txt")}, content_type="multipart/form-data")
    assert r.status_code == 413 and "quá lớn" in r.get_data(as_text=True)
    assert_headers(r)


def test_oversize_pasted_text_is_413(client, app):
    text = "x" * (app.config["MAX_FORM_MEMORY_SIZE"] + 10)
    r = client.post("/lien-ket", data={"text": text})
    assert r.status_code == 413


@pytest.mark.parametrize("name", ["virus.exe", "plan.zip", "noext"])
def test_unsupported_upload_is_415(client, name):
    r = client.post("/lien-ket", data={"file": (io.BytesIO(b"MZ..."), name)}, content_type="multipart/form-data")
    assert r.status_code == 415


def test_broken_docx_is_a_400(client):
    r = client.post("/lien-ket", data={"file": (io.BytesIO(b"not a zip"), "plan.docx")},
                    content_type="multipart/form-data")
    assert r.status_code == 400 and "Không đọc được tệp" in r.get_data(as_text=True)


@pytest.mark.parametrize("url", ["http://127.0.0.1:1/ke-hoach", "http://localhost/", "http://[::1]/", "file:///etc/passwd",
                                 "http://169.254.169.254/"])
def test_urls_to_private_addresses_are_refused(client, url):
    r = client.post("/lien-ket", data={"url": url})
    assert r.status_code == 400
    assert "địa chỉ" in r.get_data(as_text=True).lower()
    assert client.post("/api/link", json={"url": url}).status_code == 400


@pytest.fixture
def local_site():
    """A tiny web server on 127.0.0.1 serving ``pages`` (path → (content type, bytes))."""
    import http.server
    import threading

    pages: dict[str, tuple[str, bytes]] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path not in pages:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            kind, body = pages[self.path]
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", pages
    server.shutdown()


def test_url_fetch_through_the_polite_client(kb_data, local_site):
    """With 127.0.0.1 explicitly allowed (tests only), a plan is fetched and linked."""
    from tests.webapp.conftest import KH_TEXT
    from webapp import create_app

    base, pages = local_site
    pages["/ke-hoach.html"] = ("text/html; charset=utf-8",
                               f"<html><body><p>{KH_TEXT}</p></body></html>".encode())
    app = create_app({"DATA_DIR": str(kb_data[0]), "TESTING": True,
                      "FETCH_ALLOW_ADDRESSES": ("127.0.0.1",), "FETCH_TIMEOUT": 10})
    client = app.test_client()
    r = client.post("/api/link", json={"url": f"{base}/ke-hoach.html"})
    assert r.status_code == 200, r.get_data(as_text=True)
    assert r.get_json()["counts"]["found"] == 1
    pages["/van-ban"] = ("text/plain; charset=utf-8", KH_TEXT.encode())  # no suffix: by content type
    assert client.post("/api/link", json={"url": f"{base}/van-ban"}).get_json()["counts"]["found"] == 1
    r = client.post("/lien-ket", data={"url": f"{base}/khong-co.html"})
    assert r.status_code == 502 and "Traceback" not in r.get_data(as_text=True)


@pytest.mark.parametrize("data", [{}, {"text": "   "}, {"url": ""}])
def test_empty_linker_submissions_are_400(client, data):
    r = client.post("/lien-ket", data=data)
    assert r.status_code == 400 and "Hãy dán nội dung" in r.get_data(as_text=True)


@pytest.mark.parametrize("body", ['{"text": 5}', "[1, 2]", "{not json"])
def test_bad_json_is_400(client, body):
    r = client.post("/api/link", data=body, content_type="application/json")
    assert r.status_code == 400 and r.get_json()["error"]["status"] == 400


def test_wrong_method_is_405(client):
    r = client.post("/")
    assert r.status_code == 405 and "Phương thức" in r.get_data(as_text=True)
    assert client.get("/api/link").status_code == 405


def test_unexpected_errors_are_a_friendly_500(kb_data):
    from webapp import create_app

    app = create_app({"DATA_DIR": str(kb_data[0])})

    @app.route("/hong")
    def broken():
        raise RuntimeError("secret internals")

    @app.route("/api/hong")
    def broken_api():
        raise RuntimeError("secret internals")

    client = app.test_client()
    r = client.get("/hong")
    body = r.get_data(as_text=True)
    assert r.status_code == 500 and "Lỗi máy chủ" in body
    assert "secret internals" not in body and "Traceback" not in body
    assert_headers(r)
    r = client.get("/api/hong")
    assert r.status_code == 500 and r.get_json()["error"]["status"] == 500


def test_missing_index_is_a_503(tmp_path):
    from webapp import create_app

    client = create_app({"DATA_DIR": str(tmp_path)}).test_client()
    r = client.get("/", query_string={"q": "x"})
    assert r.status_code == 503 and "kb index" in r.get_data(as_text=True)
    assert client.get("/").status_code == 200  # the home page still works


# --- admin actions -----------------------------------------------------------------
def test_admin_actions_are_off_without_a_token(client):
    assert "đang <strong>tắt</strong>" in client.get("/quan-tri/").get_data(as_text=True)
    r = client.post("/quan-tri/nhap", data={"file": (io.BytesIO(b"x"), "a.txt")}, content_type="multipart/form-data")
    assert r.status_code == 403
    assert client.post("/quan-tri/thu-thap", data={"url": "https://vbpl.vn/"}).status_code == 403


def test_admin_token_is_checked_and_import_works(tmp_path, monkeypatch):
    from webapp import create_app

    monkeypatch.setenv("KB_ADMIN_TOKEN", "bi-mat-123-du-dai-16")
    app = create_app({"DATA_DIR": str(tmp_path), "TESTING": True})
    client = app.test_client()
    text = ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\nSố: 77/QĐ-UBND\nQuảng Ngãi, ngày 3 tháng 4 năm 2023\n\n"
            "QUYẾT ĐỊNH\nVề việc thử nghiệm nhập văn bản\n\nCăn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n")
    upload = {"file": (io.BytesIO(text.encode()), "qd.txt")}
    assert client.post("/quan-tri/nhap", data=dict(upload), content_type="multipart/form-data").status_code == 401
    r = client.post("/quan-tri/nhap", data={"file": (io.BytesIO(text.encode()), "qd.txt"), "token": "sai"},
                    content_type="multipart/form-data")
    assert r.status_code == 401
    r = client.post("/quan-tri/nhap", data={"file": (io.BytesIO(text.encode()), "qd.txt")},
                    headers={"Authorization": "Bearer bi-mat-123-du-dai-16"}, content_type="multipart/form-data")
    assert r.status_code == 200, r.get_data(as_text=True)
    slug = r.get_json()["slug"]
    assert client.get(f"/van-ban/{slug}").status_code == 200
    assert client.post("/quan-tri/thu-thap", data={"url": "http://127.0.0.1/", "token": "bi-mat-123-du-dai-16"}).status_code == 400


def test_admin_crawl(tmp_path, monkeypatch, local_site):
    from webapp import create_app

    base, pages = local_site
    text = ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\nSố: 78/QĐ-UBND\nQuảng Ngãi, ngày 5 tháng 4 năm 2023\n\n"
            "QUYẾT ĐỊNH\nVề việc thử nghiệm thu thập\n\nCăn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n")
    pages["/robots.txt"] = ("text/plain", b"User-agent: *\nAllow: /\n")
    pages["/qd-78.txt"] = ("text/plain; charset=utf-8", text.encode())
    monkeypatch.setenv("KB_ADMIN_TOKEN", "bi-mat-123-du-dai-16")
    app = create_app({"DATA_DIR": str(tmp_path), "TESTING": True, "FETCH_ALLOW_ADDRESSES": ("127.0.0.1",)})
    client = app.test_client()
    assert client.post("/quan-tri/thu-thap", data={"url": f"{base}/qd-78.txt"}).status_code == 401
    r = client.post("/quan-tri/thu-thap", data={"url": f"{base}/qd-78.txt", "token": "bi-mat-123-du-dai-16"})
    assert r.status_code == 200, r.get_data(as_text=True)
    assert "Đã xong" in r.get_data(as_text=True)
    assert client.get("/", query_string={"q": "78/QĐ-UBND"}).status_code == 302
