"""Wording of ambiguous citations, the graph's dashed boxes, paged cross-references."""
from __future__ import annotations

import re

import pytest

from kb.model import Document
from webapp import ambiguity, graph

LAW_A = Document(number="10/2015/QH13", type="Luật", issuer="Quốc hội", date="2015-06-19",
                 title="Luật Thử nghiệm", text="LUẬT\nTHỬ NGHIỆM\nĐiều 1. Phạm vi.")
LAW_B = Document(number="20/2025/QH15", type="Luật", issuer="Quốc hội", date="2025-02-19",
                 title="Luật Thử nghiệm", text=None)  # a catalogue entry: no text
PLAN = Document(number="3/KH-BNV", type="Kế hoạch", issuer="Bộ Nội vụ", date="2026-01-05",
                title="Triển khai",
                text="Căn cứ Luật Thử nghiệm; Căn cứ Quyết định số 15/QĐ-UBND; "
                     "Căn cứ Luật số 20/2025/QH15 ngày 19/02/2025.")
SAME_NUMBER = [Document(number="15/QĐ-UBND", type="Quyết định", issuer=f"Ủy ban nhân dân tỉnh {p}",
                        date=d, title=f"Quyết định ở {p}", text=f"Quyết định ở {p}.")
               for p, d in (("Quảng Ngãi", "2020-01-10"), ("Bình Định", "2020-02-20"))]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    import indexer
    from kb.store import open_store
    from webapp import create_app

    path = tmp_path_factory.mktemp("ambig")
    with open_store(path) as store:
        slugs = {d.number + d.date: store.save_document(d).slug for d in [LAW_A, LAW_B, *SAME_NUMBER, PLAN]}
    indexer.update(path)
    return create_app({"DATA_DIR": str(path), "TESTING": True}).test_client(), slugs


def test_labels():
    assert ambiguity.label("15/QĐ-UBND") == "Trùng số hiệu"
    assert ambiguity.label("Luật Tổ chức chính quyền địa phương") == "Nhiều văn bản cùng tên"
    assert ambiguity.label(None) == "Nhiều văn bản cùng tên"


def test_a_citation_by_name_is_not_called_a_shared_number(small):
    client, slugs = small
    html = client.get(f"/van-ban/{slugs['3/KH-BNV2026-01-05']}").get_data(as_text=True)
    start = html.index('id="lien-ket"')
    lists = html[start:html.index("</section>", start)]
    items = re.findall(r"<li>.*?</li>", lists, re.S)
    by_name = [i for i in items if "Luật Thử nghiệm" in i and "tag-warn" in i]
    by_number = [i for i in items if "15/QĐ-UBND" in i and "tag-warn" in i]
    assert by_name and "nhiều văn bản cùng tên" in by_name[0] and "trùng số hiệu" not in by_name[0]
    assert by_number and "trùng số hiệu" in by_number[0]
    # the links in the text say the same
    assert 'title="Căn cứ ban hành: Nhiều văn bản cùng tên' in html


def test_the_linker_says_the_same(small):
    client, _ = small
    data = client.post("/api/link", json={"text": "Căn cứ Luật Thử nghiệm; Quyết định số 15/QĐ-UBND;"}).get_json()
    labels = {d["number"] or d["name"]: d["status_label"] for d in data["documents"]}
    assert labels["15/QĐ-UBND"].startswith("Trùng số hiệu")
    assert any(v.startswith("Nhiều văn bản cùng tên") for k, v in labels.items() if "Thử nghiệm" in (k or ""))


def test_graph_dashes_records_without_text(small):
    client, slugs = small
    html = client.get(f"/van-ban/{slugs['3/KH-BNV2026-01-05']}").get_data(as_text=True)
    svg = html[html.index("<svg"):html.index("</svg>")]
    node = re.search(r'<a href="/van-ban/%s">.*?</a>' % re.escape(slugs["20/2025/QH152025-02-19"]), svg, re.S)
    assert node and 'class="node stub"' in node.group(0) and 'stroke-dasharray' in node.group(0)
    centre = svg[svg.index('class="node center'):]
    assert "stroke-dasharray" not in centre.split("</g>")[0]


class _Doc:
    def __init__(self, slug, is_stub=False, text=None):
        self.slug, self.is_stub, self.text, self.id = slug, is_stub, text, None
        self.number, self.type, self.date, self.year, self.title, self.name = slug, "Luật", "2020-01-01", 2020, None, None


class _Edge:
    def __init__(self, target):
        self.source_doc, self.target_doc = None, target


def test_layout_marks_stubs_and_textless_records():
    me = _Doc("me", text="Điều 1.")
    out = {"can_cu": [_Edge(_Doc("stub", is_stub=True)), _Edge(_Doc("entry")), _Edge(_Doc("full"))]}
    layout = graph.layout(me, out, {}, textless=frozenset({"entry"}))
    dashed = {n.slug: n.stub for n in layout.right}
    assert dashed == {"stub": True, "entry": True, "full": False}
    assert not layout.center.stub
    assert graph.layout(_Doc("me", text=""), out, {}).center.stub  # judged by its own text


def test_long_lists_are_paged_on_the_page(app, client, monkeypatch, slugs):
    from webapp import xref_pages

    monkeypatch.setattr(xref_pages, "PER_PAGE", 1)
    slug = slugs["1256/QĐ-UBND"][0]  # cited by 66/QĐ-UBND and 22/KH-SNV
    html = client.get(f"/van-ban/{slug}").get_data(as_text=True)
    assert "(xem bản JSON)" not in html
    nxt = re.search(r'<a href="([^"]*trang-[a-z-]+=2[^"]*)" rel="next">Sau ›</a>', html)
    assert nxt, "a next-page link for a list longer than a page"
    page2 = client.get(nxt.group(1).replace("&amp;", "&").split("#")[0])
    assert page2.status_code == 200
    text = page2.get_data(as_text=True)
    assert "Trang đầu" in text and "trang 2/" in text
    # a bad page number shows the first page, not an error
    assert client.get(f"/van-ban/{slug}?trang-can-cu=abc").status_code == 200


def test_a_stub_quoted_by_many_pages_its_quotes(tmp_path, monkeypatch):
    import indexer
    from kb.store import open_store
    from webapp import create_app
    from webapp.views import documents as view

    with open_store(tmp_path) as store:
        for i in range(3):
            store.save_document(Document(
                number=f"{i + 1}/KH-UBND", type="Kế hoạch", issuer="Ủy ban nhân dân tỉnh Quảng Ngãi",
                date=f"2030-0{i + 1}-01", title=f"Kế hoạch {i}",
                text=f"Thực hiện Nghị định số 99/2030/NĐ-CP của Chính phủ, kế hoạch {i}."))
        stub = next(r for r in store.lookup("99/2030/NĐ-CP") if r is not None and r.is_stub)
    indexer.update(tmp_path)
    client = create_app({"DATA_DIR": str(tmp_path), "TESTING": True}).test_client()
    monkeypatch.setattr(view, "MAX_MENTIONING", 2)
    first = client.get(f"/van-ban/{stub.slug}").get_data(as_text=True)
    assert first.count("<blockquote>") == 2 and "bản JSON" not in first
    nxt = re.search(r'<a href="([^"]*trang-trich-dan=2[^"]*)" rel="next">', first)
    assert nxt
    second = client.get(nxt.group(1).replace("&amp;", "&").split("#")[0]).get_data(as_text=True)
    assert second.count("<blockquote>") == 1 and "Trang đầu" in second
