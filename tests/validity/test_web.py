"""The document page, its JSON twin and the linker show validity with evidence and the chain's end."""
from __future__ import annotations

import pytest

from kb.model import Document
from kb.store import open_store
from tests.store.store_helpers import cite

LAWS = [
    ("77/2015/QH13", "2015-06-19", None),
    ("65/2025/QH15", "2025-02-19", "77/2015/QH13"),
    ("72/2025/QH15", "2025-06-16", "65/2025/QH15"),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    import indexer
    from webapp import create_app

    path = tmp_path_factory.mktemp("chain")
    slugs = {}
    with open_store(path) as store:
        for number, date, replaces in LAWS:
            text = "Điều 2. Hiệu lực thi hành\nLuật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2016."
            citations = []
            if replaces:
                text = f"Luật này thay thế Luật số {replaces}.\n" + text
                citations = [cite(text, f"Luật số {replaces}", replaces, relation="thay_the", type="Luật")]
            slugs[number] = store.save_document(Document(number=number, type="Luật", issuer="Quốc hội", date=date, text=text,
                                         title="Luật Tổ chức chính quyền địa phương"), citations=citations).slug
        store.refresh_validity()
    indexer.update(path)
    return create_app({"DATA_DIR": str(path), "TESTING": True}).test_client(), slugs


def test_page_names_the_text_in_force(client):
    client, slugs = client
    html = client.get(f"/van-ban/{slugs['77/2015/QH13']}").get_data(as_text=True)
    block = html.split('class="validity', 1)[1].split("</div>", 1)[0]
    assert "Bị thay thế" in block
    assert "văn bản này đã bị thay thế bởi" in block and "văn bản đang có hiệu lực" in block
    assert f'href="/van-ban/{slugs["72/2025/QH15"]}"' in block.split("văn bản đang có hiệu lực", 1)[1]


def test_in_force_page_says_why(client):
    client, slugs = client
    html = client.get(f"/van-ban/{slugs['72/2025/QH15']}").get_data(as_text=True)
    assert "trong cơ sở dữ liệu không có văn bản nào thay thế hay bãi bỏ" in html
    assert "Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2016." in html


def test_json_twin_carries_chain_and_explanation(client):
    client, slugs = client
    data = client.get(f"/api/van-ban/{slugs['77/2015/QH13']}").get_json()["validity_status"]
    assert [d["number"] for d in data["chain"]] == ["65/2025/QH15", "72/2025/QH15"]
    assert data["in_force"]["number"] == "72/2025/QH15" and data["explanation"]


def test_linker_warns_with_the_chain_end(client):
    client, slugs = client
    r = client.post("/api/link", data={"text": "Căn cứ Luật Tổ chức chính quyền địa phương số 77/2015/QH13;"})
    assert r.status_code == 200
    data = r.get_json()
    doc = next(d for d in data["documents"] if d["number"] == "77/2015/QH13")
    assert doc["validity"] == "bi_thay_the" and doc["in_force"] == slugs["72/2025/QH15"]
    assert any("văn bản đang có hiệu lực: Luật" in w and "72/2025/QH15" in w for w in doc["warnings"])


def test_evidence_pending_and_amendments_render_with_their_sentences(client):
    """The three lists of _validity.html: what each row says, and the sentence behind it."""
    from types import SimpleNamespace as NS

    from flask import render_template

    app = client[0].application
    doc = {"slug": "x", "number": "65/2025/QH15", "type": "Luật", "date": "2025-02-19"}
    validity = NS(status="bi_thay_the", stated_by_source=False, explanation=None, chain=[], in_force=None,
                  date_evidence=None,
                  evidence=[NS(relation="thay_the", document=doc, date="2025-03-01", sentence="Câu thay thế.")],
                  pending=[NS(relation="bai_bo", document=doc, date="2026-01-01", sentence=None)],
                  amendments=[NS(relation=None, document=doc, date=None, sentence="Câu sửa đổi.")])
    with app.test_request_context("/"):
        html = render_template("_validity.html", validity=validity)
        empty = render_template("_validity.html", validity=None)
    assert html.count('<ul class="evidence">') == 3 and '<ul class="evidence">' not in empty
    assert "Bị thay thế bởi" in html and "có hiệu lực từ 01/03/2025<blockquote>Câu thay thế.</blockquote>" in html
    assert "Sẽ bị bãi bỏ bởi" in html and "từ 01/01/2026</li>" in html
    assert "Bị sửa đổi, bổ sung bởi" in html and "<blockquote>Câu sửa đổi.</blockquote>" in html
