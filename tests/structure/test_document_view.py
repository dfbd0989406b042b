"""The document page, ``kb show --dieu`` and ``/api/van-ban`` over one read model."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kb.model import Document, Source, Unit
from kb.store import open_store
from kb.structure import PARSER_VERSION

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE = "Điều 4. <script>alert(1)</script> & “trích”\nNội dung <b>đậm</b>.\n"


def _kb(data: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "kb", "--data", str(data), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    path = tmp_path_factory.mktemp("structure-kb")
    store = open_store(path)
    text = (FIXTURES / "attached.txt").read_text(encoding="utf-8")
    text = text.replace("Điều 4. Trách nhiệm của huyện\n", HOSTILE)
    store.save_document(Document(number="12/2024/QĐ-UBND", type="Quyết định", issuer="UBND tỉnh Thử",
                                 date="2024-05-01", place="Thử", title="Ban hành Quy định về quản lý thử",
                                 text=text), Source(kind="file", url="attached.txt"))
    articles = [
        Unit(kind="chuong", number="I", anchor="chuong-i", title="QUY ĐỊNH CHUNG", source="phapdien"),
        Unit(kind="dieu", number="1", anchor="dieu-1", title="Phạm vi điều chỉnh", parent="chuong-i",
             text="Luật này quy định về năng lượng nguyên tử.\nXem khoản 1 Điều 2 Luật này.", source="phapdien"),
        Unit(kind="dieu", number="2", anchor="dieu-2", title="Giải thích từ ngữ", parent="chuong-i",
             text="1. Năng lượng nguyên tử là …\n2. Bức xạ theo khoản 1 Điều này là:\na) tia;\nb) hạt.", source="phapdien"),
    ]
    store.save_document(Document(number="18/2008/QH12", type="Luật", issuer="Quốc hội", date="2008-06-03",
                                 units=articles), Source(kind="phapdien", url="demuc/x.html"))
    store.close()
    return path


@pytest.fixture(scope="module")
def client(data):
    from webapp import create_app

    return create_app({"DATA_DIR": str(data), "TESTING": True}).test_client()


def test_show_one_article_and_one_clause(data):
    out = _kb(data, "show", "12/2024/QĐ-UBND", "--dieu", "3").stdout
    assert out.splitlines()[0] == "Điều 3 Quyết định số 12/2024/QĐ-UBND"
    assert "#dieu-3" in out and "Chánh Văn phòng thực hiện" in out
    assert "Nơi nhận" not in out and "QUY ĐỊNH" not in out
    # the page's permalink works too
    out = _kb(data, "show", "http://127.0.0.1:8080/van-ban/12-2024-qd-ubnd-2024-05-01#dieu-3").stdout
    assert out.splitlines()[0] == "Điều 3 Quyết định số 12/2024/QĐ-UBND"
    out = _kb(data, "show", "/van-ban/12-2024-qd-ubnd-2024-05-01#kem-theo-dieu-1").stdout
    assert "#kem-theo-dieu-1" in out and "Phạm vi điều chỉnh" in out
    # an article only the attached regulation has
    out = _kb(data, "show", "12/2024/QĐ-UBND", "--dieu", "5").stdout
    assert "#kem-theo-dieu-5" in out and "Kinh phí" in out
    unit = json.loads(_kb(data, "show", "12/2024/QĐ-UBND", "--dieu", "2", "--khoan", "1", "--json").stdout)
    assert unit["unit"]["anchor"] == "dieu-2-khoan-1" or unit["unit"]["anchor"] == "kem-theo-dieu-2-khoan-1"
    assert unit["unit"]["text"].startswith("1. Cơ quan nhà nước")
    assert unit["document"]["number"] == "12/2024/QĐ-UBND"


def test_show_absent_unit_is_a_clear_error(data):
    proc = _kb(data, "show", "12/2024/QĐ-UBND", "--dieu", "9", check=False)
    assert proc.returncode == 1 and "không có Điều 9" in proc.stderr
    proc = _kb(data, "show", "12/2024/QĐ-UBND", "--dieu", "2", "--khoan", "7", check=False)
    assert proc.returncode == 1 and "không có khoản 7 Điều 2" in proc.stderr
    proc = _kb(data, "show", "12/2024/QĐ-UBND", "--khoan", "7", check=False)
    assert proc.returncode == 1 and "--dieu" in proc.stderr


def test_pháp_điển_article_text(data):
    out = _kb(data, "show", "18/2008/QH12", "--dieu", "1").stdout
    assert "Luật này quy định về năng lượng nguyên tử." in out
    out = _kb(data, "show", "18/2008/QH12", "--dieu", "2", "--khoan", "2", "--diem", "b").stdout
    assert "#dieu-2-khoan-2-diem-b" in out and out.rstrip().endswith("b) hạt.")


def test_show_json_and_api_are_one_contract(data, client):
    shown = json.loads(_kb(data, "show", "12/2024/QĐ-UBND", "--json").stdout)
    slug = shown["document"]["slug"]
    api = client.get(f"/api/van-ban/{slug}").get_json()
    deprecated = set(shown["document"]) | {"text", "validity_status"}  # flat aliases, docs/api.md
    assert set(api) - set(shown) - deprecated == {"url"}
    assert api["number"] == api["document"]["number"] and api["validity_status"] == api["validity"]
    assert set(shown) == {"document", "validity", "outgoing", "incoming", "toc", "topics", "sources", "official_link",
                          "unit_changes"}
    assert api["unit_changes"] == shown["unit_changes"]
    assert set(api["document"]) == set(shown["document"]) | {"text"}
    assert api["toc"] == shown["toc"]
    assert api["validity"] == shown["validity"]


def test_toc_nested_down_to_articles(client, data):
    shown = json.loads(_kb(data, "show", "12/2024/QĐ-UBND", "--json").stdout)
    toc = shown["toc"]
    assert [n["anchor"] for n in toc] == ["dieu-1", "dieu-2", "dieu-3", "kem-theo", "phu-luc-i", "phu-luc-ii"]
    assert set(toc[0]) == {"kind", "number", "title", "anchor", "children"}
    box = toc[3]
    assert box["attached"] is True
    assert [c["anchor"] for c in box["children"]] == ["kem-theo-chuong-i", "kem-theo-chuong-ii"]
    chapter = box["children"][1]
    assert [m["anchor"] for m in chapter["children"]] == ["kem-theo-chuong-ii-muc-1", "kem-theo-chuong-ii-muc-2"]
    assert [d["anchor"] for d in chapter["children"][0]["children"]] == ["kem-theo-dieu-3", "kem-theo-dieu-4"]
    # khoản are not in the table of contents
    assert not any(n["kind"] == "khoan" for n in box["children"][0]["children"][1]["children"])


def test_page_anchors_toc_permalinks_internal_links(client, data):
    shown = json.loads(_kb(data, "show", "12/2024/QĐ-UBND", "--json").stdout)
    html = client.get(f"/van-ban/{shown['document']['slug']}").get_data(as_text=True)
    for anchor in ("dieu-1", "dieu-3", "kem-theo", "kem-theo-chuong-ii", "kem-theo-dieu-2",
                   "kem-theo-dieu-2-khoan-2", "phu-luc-i"):
        assert f'id="{anchor}"' in html, anchor
    assert len(re.findall(r'\bid="([^"]+)"', html)) == len(set(re.findall(r'\bid="([^"]+)"', html)))
    # table of contents: collapsible without JS, links to the anchors
    toc = html.split('class="doc-toc"', 1)[1].split("</nav>", 1)[0]
    assert "<details" in toc and 'href="#kem-theo-dieu-5"' in toc
    # a ¶ permalink per article
    assert 'class="permalink" href="#kem-theo-dieu-5"' in html
    # "khoản 1 Điều này" and "Điều 3 Quy định này" inside the attached regulation's Điều 2
    assert 'href="#kem-theo-dieu-2-khoan-1"' in html and 'href="#kem-theo-dieu-3"' in html
    # the wrapped heading is one paragraph; the letterhead as on the original
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html and "Độc lập - Tự do - Hạnh phúc" in html
    assert "Số: 12/2024/QĐ-UBND" in html and "Thử, ngày 01 tháng 5 năm 2024" in html
    # everything escaped
    assert "<script>alert" not in html and "<b>đậm" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_page_of_a_phap_dien_document(client):
    html = client.get("/van-ban/18-2008-qh12-2008-06-03").get_data(as_text=True)
    assert 'id="dieu-1"' in html and 'id="chuong-i"' in html
    assert "Luật này quy định về năng lượng nguyên tử." in html
    assert 'class="permalink" href="#dieu-2"' in html
    # khoản and điểm of an article's own text are anchored too; "khoản 1 Điều 2 Luật này" links there
    assert 'id="dieu-2-khoan-2"' in html and 'id="dieu-2-khoan-2-diem-b"' in html
    assert html.count('<a href="#dieu-2-khoan-1"') == 2  # "khoản 1 Điều 2 Luật này", "khoản 1 Điều này"


def test_rebuild_when_the_parser_improves(tmp_path):
    data = tmp_path / "kb"
    store = open_store(data)
    text = (FIXTURES / "code.txt").read_text(encoding="utf-8")
    saved = store.save_document(Document(number="1/2020/QH14", type="Bộ luật", issuer="Quốc hội",
                                         date="2020-01-01", text=text), Source(kind="file", url="code.txt"))
    # as an older parser would have left it
    store.conn.execute("DELETE FROM units WHERE document_id = ?", (saved.id,))
    store.conn.execute("UPDATE documents SET structure_version = 1 WHERE id = ?", (saved.id,))
    store.conn.commit()
    store.close()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "other.txt").write_text("CÔNG VĂN\nSố: 5/UBND-VX\nVề việc thử.\n", encoding="utf-8")
    proc = _kb(data, "import", str(folder))
    assert "đã đọc lại 1 văn bản" in proc.stderr
    store = open_store(data)
    row = store.conn.execute("SELECT structure_version FROM documents WHERE id = ?", (saved.id,)).fetchone()
    assert row[0] == PARSER_VERSION
    assert "dieu-2-khoan-2-diem-dd" in [u.anchor for u in store.units(saved.id)]
    store.close()


def test_no_internal_link_inside_quoted_amending_text():
    from webapp.views.document_text import internal_spans
    from kb.structure import parse_units

    text = ("Điều 1. Sửa đổi Điều 3\n1. Khoản 1 Điều 3 được sửa đổi như sau:\n"
            "“1. Hồ sơ theo khoản 2 Điều này.”\n2. Khoản 2 theo khoản 1 Điều này.\n")
    units = parse_units(text)
    spans = internal_spans(text, units)
    assert [(text[s.start:s.end], s.href) for s in spans] == [("khoản 1 Điều này", "#dieu-1-khoan-1")]


def test_text_blocks_tables_headings_and_wraps():
    from kb.structure import parse_units
    from webapp.views.document_text import text_blocks

    text = (FIXTURES / "hard_wrap_markdown.md").read_text(encoding="utf-8")
    blocks = text_blocks(text, parse_units(text), [])
    kinds = [(b["kind"], b["id"]) for b in blocks if b["id"]]
    assert kinds[:3] == [("dieu-inline", "dieu-1"), ("dieu", "dieu-2"), ("clause", "dieu-2-khoan-1")]
    first = next(b for b in blocks if b["id"] == "dieu-1")
    assert str(first["label"]) == "Điều 1." and str(first["html"]).startswith("Công bố kèm theo")  # wrap joined, ** gone
    table = next(b for b in blocks if b["kind"] == "table")
    assert [[str(c).strip() for c in row] for row in table["rows"]] == [
        ["STT", "Tên thủ tục", "Ghi chú"], ["1.", "Cấp giấy phép", "Điều 9. Không phải điều"]]
