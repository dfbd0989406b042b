"""Pinpoints through the web: the linker links units, lists them, warns when they changed;
the changed document's page marks its units; the badges count what the rows say."""
from __future__ import annotations

import pytest

from kb.model import Document, Source
from kb.store import open_store
from tests.decrees import save_amended_and_amending

# The articles of Nghị định 15/2020/NĐ-CP; tests.decrees.AMENDING changes khoản 3 Điều 7, repeals Điều 12.
AMENDED_BODY = """Điều 5. Phạm vi
Nội dung.
Điều 7. Vi phạm quy định về tần số
Nội dung.
Điều 12. Vi phạm khác
Phạt cảnh cáo.
"""

PLAN = ("Căn cứ Điều 5 Nghị định số 15/2020/NĐ-CP ngày 03/02/2020 của Chính phủ; "
        "theo khoản 3 Điều 7 Nghị định số 15/2020/NĐ-CP và Điều 20 Nghị định số 15/2020/NĐ-CP; "
        "thực hiện Quyết định số 99/QĐ-UBND ngày 01/02/2023 của UBND tỉnh.")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from webapp import create_app

    path = tmp_path_factory.mktemp("pinpoints")
    with open_store(path) as store:
        save_amended_and_amending(store, AMENDED_BODY)
        # a catalogue entry: a real record without its text
        store.save_document(Document(number="99/QĐ-UBND", type="Quyết định", issuer="UBND tỉnh Quảng Ngãi",
                                     date="2023-02-01", title="Danh mục"), Source(kind="catalogue", url="c.csv"))
        slug = store.lookup("15/2020/NĐ-CP")[0].slug
        amending_slug = store.lookup("14/2022/NĐ-CP")[0].slug
    app = create_app({"DATA_DIR": str(path), "TESTING": True})
    client = app.test_client()
    client.slug, client.amending_slug = slug, amending_slug
    return client


def test_api_link_units_links_and_warnings(client):
    data = client.post("/api/link", json={"text": PLAN}).get_json()
    nd15 = next(d for d in data["documents"] if d["number"] == "15/2020/NĐ-CP")
    assert [u["label"] for u in nd15["units"]] == ["Điều 5", "khoản 3 Điều 7", "Điều 20"]
    urls = [u["url"] for u in nd15["units"]]
    assert urls[0].endswith(f"/van-ban/{client.slug}#dieu-5")
    assert urls[2] is None  # the knowledge base does not hold an Điều 20: no anchor to go to
    assert nd15["units"][1]["changes"] == [
        "khoản 3 Điều 7 đã được sửa đổi, bổ sung bởi Điều 1 Nghị định số 14/2022/NĐ-CP, có hiệu lực từ 01/06/2022"]
    assert nd15["units"][0]["changes"] == []
    assert [m["pinpoint"] for m in nd15["mentions"]] == [[{"dieu": "5"}], [{"dieu": "7", "khoan": "3"}],
                                                         [{"dieu": "20"}]]
    messages = [w["message"] for w in data["warnings"]]
    assert any(m.startswith("khoản 3 Điều 7 đã được sửa đổi, bổ sung bởi Điều 1") for m in messages)
    html = data["html"]
    assert f'/van-ban/{client.slug}#dieu-5"' in html
    # khoản 3 is not a unit the simple parser stores: the link goes to the document
    assert html.count(f'/van-ban/{client.slug}"') == 2


def test_badges_count_what_the_rows_say(client):
    data = client.post("/api/link", json={"text": PLAN}).get_json()
    qd = next(d for d in data["documents"] if d["number"] == "99/QĐ-UBND")
    assert qd["status"] == "catalogue" and "chưa có toàn văn" in qd["status_label"]
    assert data["counts"]["found"] == 1 and data["counts"]["catalogue"] == 1
    assert sum(data["counts"].values()) == len(data["documents"])
    for key, n in data["counts"].items():
        assert n == sum(1 for d in data["documents"] if d["status"] == key)


def test_linker_page_lists_units(client):
    page = client.post("/lien-ket", data={"text": PLAN}).get_data(as_text=True)
    assert "Điều, khoản được dẫn chiếu:" in page
    assert f'<a href="/van-ban/{client.slug}#dieu-5">Điều 5</a>' in page
    assert "1 có trong cơ sở, chưa có toàn văn" in page and "1 đã có toàn văn" in page
    assert "⚠ khoản 3 Điều 7 đã được sửa đổi, bổ sung bởi" in page


def test_api_cite_carries_pinpoint(client):
    cites = client.get("/api/cite", query_string={"text": PLAN}).get_json()["citations"]
    assert cites[0]["pinpoint"] == [{"dieu": "5"}]
    assert "pinpoint" not in cites[-1]


def test_changed_units_marked_on_the_document_page(client):
    page = client.get(f"/van-ban/{client.slug}").get_data(as_text=True)
    assert 'id="dieu-khoan-thay-doi"' in page
    assert ("Khoản này được sửa đổi, bổ sung bởi Điều 1 Nghị định số 14/2022/NĐ-CP, có hiệu lực từ 01/06/2022"
            in page)
    assert f'href="/van-ban/{client.amending_slug}#dieu-1"' in page
    assert "Điều này bị bãi bỏ bởi Điều 2 Nghị định số 14/2022/NĐ-CP" in page
    assert page.index('href="#dieu-7-khoan-3"') < page.index('href="#dieu-12"')
    data = client.get(f"/api/van-ban/{client.slug}").get_json()
    assert data["unit_changes"]["dieu-12"][0]["relation"] == "bai_bo"
    # the amending document's page has no such marks
    assert 'id="dieu-khoan-thay-doi"' not in client.get(f"/van-ban/{client.amending_slug}").get_data(as_text=True)
