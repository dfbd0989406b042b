"""The document page shows the chủ đề and đề mục a document is codified in."""
from __future__ import annotations

from kb.importers.phapdien import import_package
from kb.model import Document
from kb.store import open_store

from .conftest import PACKAGE


def test_document_page_shows_topics(tmp_path):
    from webapp import create_app

    data = tmp_path / "data"
    with open_store(data) as store:
        import_package(store, PACKAGE)
        law = store.lookup("18/2008/QH12")[0]
        plain = store.save_document(Document(
            number="01/2020/QĐ-UBND", type="Quyết định", issuer="UBND tỉnh Quảng Ngãi", date="2020-01-02",
            text="Điều 1. Một quyết định không có trong Bộ pháp điển."))
    client = create_app({"DATA_DIR": str(data), "TESTING": True}).test_client()
    page = client.get(f"/van-ban/{law.slug}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Chủ đề 19 Khoa học, công nghệ" in html and "Đề mục 19.6 Năng lượng nguyên tử" in html
    assert "Đề mục 45.4 Dược" in html and "topic=19.6" in html
    other = client.get(f"/van-ban/{plain.slug}").get_data(as_text=True)
    assert 'class="topics"' not in other
