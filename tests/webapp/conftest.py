"""A small knowledge base built once through the real store and the real indexer.

A government resolution and a later one that amends it and repeals another
decision; a provincial decision that rests on the first and replaces an
older decision (saved too, so it shows as replaced); two decisions sharing one
number (an ambiguous citation); a plan; and a document whose every field is
an XSS payload.
"""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from kb.model import Document

# The browser tests (test_browser, test_phone): Debian's chromium through Playwright.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"

XSS = '<script>alert("x")</script>"><img src=x onerror=alert(1)>'

NQ76_TEXT = """CHÍNH PHỦ
Số: 76/NQ-CP
Hà Nội, ngày 15 tháng 7 năm 2021

NGHỊ QUYẾT
BAN HÀNH CHƯƠNG TRÌNH TỔNG THỂ CẢI CÁCH HÀNH CHÍNH NHÀ NƯỚC GIAI ĐOẠN 2021 - 2030

CHÍNH PHỦ

Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;

QUYẾT NGHỊ:

Điều 1. Ban hành kèm theo Nghị quyết này Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030, tập trung vào cải cách thể chế, cải cách thủ tục hành chính, xây dựng chính phủ điện tử, chính phủ số.
"""

QD1256_TEXT = """ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI
Số: 1256/QĐ-UBND
Quảng Ngãi, ngày 22 tháng 12 năm 2021

QUYẾT ĐỊNH
Ban hành Kế hoạch cải cách hành chính tỉnh Quảng Ngãi giai đoạn 2021 - 2025

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH

Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030;

Căn cứ Nghị quyết số 93/NQ-HĐND ngày 08/12/2021 của Hội đồng nhân dân tỉnh về đẩy mạnh cải cách hành chính;

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính tỉnh Quảng Ngãi giai đoạn 2021 - 2025.

Điều 2. Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 1000/QĐ-UBND ngày 15/01/2019 của UBND tỉnh Quảng Ngãi.
"""

QD1000_TEXT = """ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI
Số: 1000/QĐ-UBND

QUYẾT ĐỊNH
Ban hành Kế hoạch cải cách hành chính năm 2019

Điều 1. Ban hành Kế hoạch cải cách hành chính năm 2019 của tỉnh Quảng Ngãi.
"""

KH_TEXT = """Thực hiện Quyết định số 1256/QĐ-UBND ngày 22/12/2021 của UBND tỉnh Quảng Ngãi và Quyết định số 15/QĐ-UBND của UBND tỉnh, Sở Nội vụ xây dựng kế hoạch tuyên truyền cải cách hành chính năm 2022."""

NQ50_TEXT = """NGHỊ QUYẾT
Sửa đổi, bổ sung một số điều của Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030.
Bãi bỏ Quyết định số 15/QĐ-UBND ngày 20/02/2020 của Ủy ban nhân dân tỉnh Bình Định.
"""

DOCUMENTS = [
    Document(number="76/NQ-CP", type="Nghị quyết", issuer="Chính phủ", date="2021-07-15",
             title="Ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030",
             text=NQ76_TEXT, source_url="https://vanban.chinhphu.vn/?pageid=27160&docid=203832",
             signer="Phạm Minh Chính", signer_title="Thủ tướng"),
    Document(number="1000/QĐ-UBND", type="Quyết định", issuer="Ủy ban nhân dân tỉnh Quảng Ngãi",
             date="2019-01-15", title="Ban hành Kế hoạch cải cách hành chính năm 2019", text=QD1000_TEXT),
    Document(number="1256/QĐ-UBND", type="Quyết định", issuer="Ủy ban nhân dân tỉnh Quảng Ngãi",
             date="2021-12-22", title="Ban hành Kế hoạch cải cách hành chính tỉnh Quảng Ngãi giai đoạn 2021 - 2025",
             text=QD1256_TEXT, place="Quảng Ngãi"),
    Document(number="15/QĐ-UBND", type="Quyết định", issuer="Ủy ban nhân dân tỉnh Quảng Ngãi",
             date="2020-01-10", title="Về việc kiện toàn Ban chỉ đạo xây dựng xã hội học tập",
             text="Kiện toàn Ban chỉ đạo xây dựng xã hội học tập tỉnh Quảng Ngãi."),
    Document(number="15/QĐ-UBND", type="Quyết định", issuer="Ủy ban nhân dân tỉnh Bình Định",
             date="2020-02-20", title="Về việc ban hành quy chế làm việc",
             text="Ban hành quy chế làm việc của Ủy ban nhân dân tỉnh Bình Định."),
    Document(number="22/KH-SNV", type="Kế hoạch", issuer="Sở Nội vụ tỉnh Quảng Ngãi", date="2022-01-05",
             title="Tuyên truyền cải cách hành chính năm 2022", text=KH_TEXT),
    Document(number="50/NQ-CP", type="Nghị quyết", issuer="Chính phủ", date="2023-04-20",
             title="Sửa đổi, bổ sung Nghị quyết số 76/NQ-CP", text=NQ50_TEXT),
    Document(number="66/QĐ-UBND", type="Quyết định", issuer=XSS, date="2022-03-03", title=XSS,
             text=XSS + "\nCăn cứ Quyết định số 1256/QĐ-UBND ngày 22/12/2021 của UBND tỉnh Quảng Ngãi;\n" + XSS,
             source_url="javascript:alert(1)", signer=XSS),
]


def build_kb(path):
    """Save DOCUMENTS through the real store and index them with the real indexer."""
    import indexer
    from kb.store import open_store

    slugs = {}
    with open_store(path) as store:
        for doc in DOCUMENTS:
            result = store.save_document(doc)
            slugs.setdefault(doc.number, []).append(result.slug)
    indexer.update(path)
    return slugs


@pytest.fixture(scope="session")
def kb_data(tmp_path_factory):
    path = tmp_path_factory.mktemp("webkb")
    slugs = build_kb(path)
    return path, slugs


@pytest.fixture(scope="session")
def app(kb_data):
    from webapp import create_app

    path, _ = kb_data
    return create_app({"DATA_DIR": str(path), "TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def slugs(kb_data):
    return kb_data[1]


@pytest.fixture(scope="module")
def live_url(app):
    """The module's ``app`` served on 127.0.0.1 for a real browser."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    """A headless chromium; screenshots go to tests/artifacts/ (gitignored)."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("chromium is not installed (make browser installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
