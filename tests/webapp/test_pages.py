"""Every page and its JSON twin, through Flask's test client, on the small knowledge base."""
from __future__ import annotations

import csv
import io
from pathlib import Path
import re

import pytest

from tests.webapp.conftest import KH_TEXT


def slug_of(slugs, number, i=0):
    return slugs[number][i]


# --- search ----------------------------------------------------------------------
def test_home_page(client):
    r = client.get("/")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert 'name="q"' in html and "Liên kết kế hoạch" in html
    assert 'lang="vi"' in html and 'rel="search"' in html


def test_search_unaccented_finds_accented_documents(client, slugs):
    r = client.get("/", query_string={"q": "cai cach hanh chinh"})
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert f'/van-ban/{slug_of(slugs, "1256/QĐ-UBND")}' in html
    assert "badge" in html and "<mark>" in html
    assert "Loại văn bản" in html  # facets


def test_search_json_twin(client, slugs):
    r = client.get("/api/search", query_string={"q": "cải cách hành chính"})
    assert r.status_code == 200 and r.is_json
    data = r.get_json()
    assert data["total"] >= 2
    assert {"slug", "number", "type", "issuer", "date", "title", "snippet", "validity", "url"} <= set(data["hits"][0])
    assert slug_of(slugs, "1256/QĐ-UBND") in {h["slug"] for h in data["hits"]}
    assert isinstance(data["facets"], dict)


@pytest.mark.parametrize("query", ["76/NQ-CP", "76/nq-cp", "76 / NQ-CP", "Nghị quyết 76/NQ-CP"])
def test_a_number_in_any_spelling_jumps_to_the_document(client, slugs, query):
    r = client.get("/", query_string={"q": query})
    assert r.status_code == 302, query
    assert r.headers["Location"].endswith(f"/van-ban/{slug_of(slugs, '76/NQ-CP')}")


def test_an_ambiguous_number_lists_the_candidates(client, slugs):
    r = client.get("/", query_string={"q": "15/QĐ-UBND"})
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    for slug in slugs["15/QĐ-UBND"]:
        assert f"/van-ban/{slug}" in html


def test_sort_filters_and_pages(client):
    by_date = client.get("/api/search", query_string={"q": "cải cách", "sort": "date"}).get_json()
    dates = [h["date"] for h in by_date["hits"] if h["date"]]
    assert dates == sorted(dates, reverse=True)
    kinds = client.get("/api/search", query_string={"q": "cải cách", "type": "Quyết định"}).get_json()
    assert kinds["hits"] and all(h["type"] == "Quyết định" for h in kinds["hits"])
    html = client.get("/", query_string={"q": "cải cách", "type": "Quyết định"}).get_data(as_text=True)
    assert "Bỏ lọc" in html
    far = client.get("/api/search", query_string={"q": "cải cách", "page": 40})
    assert far.status_code == 200 and far.get_json()["hits"] == []


def test_search_page_rendering_of_suggestions_and_candidates(app, monkeypatch):
    """did-you-mean, candidates and facets as the indexer returns them (a stand-in result)."""
    from indexer.results import Hit, SearchResult
    from webapp import backend

    hit = Hit(slug="a-1", number="1/QĐ-UBND", type="Quyết định", issuer="UBND tỉnh",
              date="2020-01-02", title="Về việc <thử>", score=1.0,
              snippet_html="cải <b>cách</b> <script>x</script>", validity="bi_thay_the")
    result = SearchResult(total=45, hits=[hit], facets={"type": [("Quyết định", 45)], "year": [("2020", 45)]},
                          did_you_mean="cải cách", direct=None, candidates=[], page=2)
    monkeypatch.setattr(backend.Backend, "search", lambda self, q, **kw: result)
    html = app.test_client().get("/", query_string={"q": "cai cachh", "page": 2}).get_data(as_text=True)
    assert "Có phải bạn muốn tìm" in html and "q=c%E1%BA%A3i+c%C3%A1ch" in html
    assert "Về việc &lt;thử&gt;" in html and "<script>x" not in html and "<mark>cách</mark>" in html
    assert "Bị thay thế" in html and 'rel="prev"' in html and 'rel="next"' in html
    assert "ngày 02/01/2020" in html


# --- documents -------------------------------------------------------------------
def test_document_page(client, slugs):
    r = client.get(f"/van-ban/{slug_of(slugs, '76/NQ-CP')}")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert "Nghị quyết số 76/NQ-CP" in html and "Chính phủ" in html and "15/07/2021" in html
    assert "Được căn cứ bởi" in html
    assert f'/van-ban/{slug_of(slugs, "1256/QĐ-UBND")}' in html  # who rests on it
    assert "<svg" in html and f'<a href="/van-ban/{slug_of(slugs, "1256/QĐ-UBND")}">' in html  # clickable node
    assert 'href="https://vanban.chinhphu.vn/?pageid=27160&amp;docid=203832"' in html


def test_document_text_links_every_citation(client, slugs):
    html = client.get(f"/van-ban/{slug_of(slugs, '1256/QĐ-UBND')}").get_data(as_text=True)
    text = html.split('id="toan-van"', 1)[1]
    links = re.findall(r'<a href="(/van-ban/[^"]+)" class="cite', text)
    assert f"/van-ban/{slug_of(slugs, '76/NQ-CP')}" in links
    assert f"/van-ban/{slug_of(slugs, '1000/QĐ-UBND')}" in links
    assert any("93-nq-hdnd" in link for link in links)  # the stub
    assert len(links) >= 3
    assert "Căn cứ ban hành" in html and "Thay thế" in html


def test_replaced_document_shows_its_evidence(client, slugs):
    html = client.get(f"/van-ban/{slug_of(slugs, '1000/QĐ-UBND')}").get_data(as_text=True)
    assert "Bị thay thế" in html
    assert re.search(r"Bị thay thế bởi\s*<a href=\"/van-ban/%s\"[^>]*>Quyết định số 1256/QĐ-UBND ngày 22/12/2021</a>"
                     % re.escape(slug_of(slugs, "1256/QĐ-UBND")), html)


def test_stub_page(client, slugs):
    html = client.get(f"/van-ban/{slug_of(slugs, '1256/QĐ-UBND')}").get_data(as_text=True)
    stub = next(link for link in re.findall(r'href="(/van-ban/[^"]+)"', html) if "93-nq-hdnd" in link)
    r = client.get(stub)
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert "chưa có toàn văn" in page
    assert "93/NQ-HĐND" in page and "08/12/2021" in page
    assert f'/van-ban/{slug_of(slugs, "1256/QĐ-UBND")}' in page  # who cites it
    assert "đẩy mạnh cải cách hành chính" in page  # what the citation says


def test_document_json_twin(client, slugs):
    r = client.get(f"/api/van-ban/{slug_of(slugs, '1000/QĐ-UBND')}")
    assert r.status_code == 200
    data = r.get_json()
    doc = data["document"]
    assert doc["number"] == "1000/QĐ-UBND" and doc["slug"] == slug_of(slugs, "1000/QĐ-UBND")
    assert data["validity"]["status"] == "bi_thay_the"
    assert data["validity"]["evidence"][0]["document"]["number"] == "1256/QĐ-UBND"
    assert data["validity_status"] == data["validity"]  # deprecated alias (docs/api.md)
    assert "thay_the" in data["incoming"]
    out = client.get(f"/api/van-ban/{slug_of(slugs, '1256/QĐ-UBND')}").get_json()
    assert out["outgoing"]["can_cu"][0]["document"]["slug"] == slug_of(slugs, "76/NQ-CP")


@pytest.mark.parametrize("path", ["/van-ban/khong-co-van-ban-nay", "/api/van-ban/khong-co", "/van-ban/" + "x" * 5000,
                                  "/khong-co-trang"])
def test_unknown_pages_are_friendly_404s(client, path):
    r = client.get(path)
    assert r.status_code == 404
    body = r.get_data(as_text=True)
    assert "Traceback" not in body
    assert ("Không" in body) or r.is_json


# --- plan linker -----------------------------------------------------------------
def test_linker_form(client):
    r = client.get("/lien-ket")
    assert r.status_code == 200 and 'enctype="multipart/form-data"' in r.get_data(as_text=True)


def test_linker_on_pasted_text(client, slugs):
    r = client.post("/lien-ket", data={"text": KH_TEXT})
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    linked = html.split('class="fulltext linked"', 1)[1]
    assert f'href="/van-ban/{slug_of(slugs, "1256/QĐ-UBND")}"' in linked
    assert linked.count('class="cite') == 2
    # the ambiguous number lists both candidates
    table = html.split('class="cited"', 1)[1]
    for slug in slugs["15/QĐ-UBND"]:
        assert f"/van-ban/{slug}" in table
    assert "Trùng số hiệu" in table


def test_linker_warns_about_replaced_documents(client, slugs):
    text = "Căn cứ Quyết định số 1000/QĐ-UBND ngày 15/01/2019 của UBND tỉnh Quảng Ngãi."
    html = client.post("/lien-ket", data={"text": text}).get_data(as_text=True)
    assert "Cảnh báo" in html and "Bị thay thế bởi Quyết định số 1256/QĐ-UBND ngày 22/12/2021" in html
    data = client.post("/api/link", json={"text": text}).get_json()
    assert data["warnings"] and "1256/QĐ-UBND" in data["warnings"][0]["message"]
    assert data["documents"][0]["validity"] == "bi_thay_the"


def test_linker_csv(client):
    r = client.post("/lien-ket/csv", data={"text": KH_TEXT})
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert "attachment" in r.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(r.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:3] == ["STT", "Văn bản", "Số hiệu"]
    assert {row[2] for row in rows[1:]} == {"1256/QĐ-UBND", "15/QĐ-UBND"}


@pytest.mark.parametrize("kind", ["json", "form", "plain"])
def test_api_link(client, slugs, kind):
    if kind == "json":
        r = client.post("/api/link", json={"text": KH_TEXT})
    elif kind == "form":
        r = client.post("/api/link", data={"text": KH_TEXT})
    else:
        r = client.post("/api/link", data=KH_TEXT.encode(), content_type="text/plain; charset=utf-8")
    assert r.status_code == 200
    data = r.get_json()
    assert data["counts"]["found"] == 1 and data["counts"]["ambiguous"] == 1
    found = next(d for d in data["documents"] if d["status"] == "found")
    assert found["slug"] == slug_of(slugs, "1256/QĐ-UBND") and found["url"].startswith("http")
    ambiguous = next(d for d in data["documents"] if d["status"] == "ambiguous")
    assert len(ambiguous["candidates"]) == 2
    assert data["html"].count("<a ") == 2 and "href=\"http://localhost/van-ban/" in data["html"]


def test_api_cite(client):
    r = client.get("/api/cite", query_string={"text": KH_TEXT})
    assert r.status_code == 200
    cites = r.get_json()["citations"]
    assert [c["number"] for c in cites] == ["1256/QĐ-UBND", "15/QĐ-UBND"]
    assert KH_TEXT[cites[0]["start"]:cites[0]["end"]] == cites[0]["text"]
    assert client.post("/api/cite", json={"text": KH_TEXT}).get_json()["citations"] == cites


@pytest.mark.parametrize(
    "filename, payload, content_type",
    [
        ("ke-hoach.txt", KH_TEXT.encode("utf-8"), "text/plain"),
        ("ke-hoach.html", f"<html><body><p>{KH_TEXT}</p></body></html>".encode(), "text/html"),
    ],
)
def test_linker_upload(client, slugs, filename, payload, content_type):
    r = client.post("/lien-ket", data={"file": (io.BytesIO(payload), filename, content_type)},
                    content_type="multipart/form-data")
    assert r.status_code == 200, r.get_data(as_text=True)[-500:]
    html = r.get_data(as_text=True)
    assert f'/van-ban/{slug_of(slugs, "1256/QĐ-UBND")}' in html and filename in html


def test_linker_upload_docx(client, slugs, tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in KH_TEXT.split("\n"):
        document.add_paragraph(line)
    path = tmp_path / "ke-hoach.docx"
    document.save(path)
    r = client.post("/api/link", data={"file": (path.open("rb"), "ke-hoach.docx")},
                    content_type="multipart/form-data")
    assert r.status_code == 200
    assert r.get_json()["counts"]["found"] == 1


def test_linker_upload_text_pdf_and_refuse_a_scan(client):
    """A text PDF is read and its citations linked; a scan gets a clear Vietnamese refusal."""
    fixtures = Path(__file__).resolve().parent.parent / "fixtures" / "importers"
    with (fixtures / "plan.pdf").open("rb") as pdf:
        r = client.post("/api/link", data={"file": (pdf, "ke-hoach.pdf")}, content_type="multipart/form-data")
    assert r.status_code == 200, r.get_data(as_text=True)[-300:]
    numbers = [d["number"] for d in r.get_json()["documents"]]
    assert "1741/QĐ-UBND" in numbers and "198/KH-SNgV" in numbers
    with (fixtures / "scan.pdf").open("rb") as pdf:
        r = client.post("/lien-ket", data={"file": (pdf, "scan.pdf")}, content_type="multipart/form-data")
    assert 400 <= r.status_code < 500
    assert "OCR" in r.get_data(as_text=True)


def test_opensearch(client):
    r = client.get("/opensearch.xml")
    assert r.status_code == 200 and r.mimetype == "application/opensearchdescription+xml"
    assert "{searchTerms}" in r.get_data(as_text=True)


def test_static_css(client):
    r = client.get("/static/style.css")
    assert r.status_code == 200 and r.mimetype == "text/css"


def test_did_you_mean_from_the_index(client):
    html = client.get("/", query_string={"q": "cai cachh hanh chinh"}).get_data(as_text=True)
    assert "Có phải bạn muốn tìm" in html and "cai cach hanh chinh" in html.split("Có phải bạn muốn tìm", 1)[1]
    assert client.get("/api/search", query_string={"q": "cai cachh hanh chinh"}).get_json()["did_you_mean"]


def test_official_source_link(client, slugs):
    html = client.get(f"/van-ban/{slugs['1256/QĐ-UBND'][0]}").get_data(as_text=True)
    # The classic search page answers 404 since 2026-04-23: the new site's local listing instead.
    assert "vbpq-" not in html and "aspx" not in html
    assert 'href="https://vbpl.vn/van-ban/dia-phuong"' in html and "Tra “1256/QĐ-UBND” trên" in html
    api = client.get(f"/api/van-ban/{slugs['1256/QĐ-UBND'][0]}").get_json()
    assert api["official_link"]["url"] == "https://vbpl.vn/van-ban/dia-phuong"


def test_empty_search_points_at_a_live_vbpl_page(client):
    html = client.get("/", query_string={"q": "zzqx khongco"}).get_data(as_text=True)
    assert 'href="https://vbpl.vn/van-ban/trung-uong"' in html and "aspx" not in html


def test_linker_warns_about_amended_and_repealed_documents(client):
    text = ("Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ; "
            "Quyết định số 15/QĐ-UBND ngày 20/02/2020 của Ủy ban nhân dân tỉnh Bình Định.")
    data = client.post("/api/link", json={"text": text}).get_json()
    messages = [w["message"] for w in data["warnings"]]
    assert "Bị sửa đổi, bổ sung bởi Nghị quyết số 50/NQ-CP ngày 20/04/2023" in messages
    assert "Bị bãi bỏ bởi Nghị quyết số 50/NQ-CP ngày 20/04/2023" in messages
    html = client.post("/lien-ket", data={"text": text}).get_data(as_text=True)
    assert html.count("⚠") == 2 and "Hết hiệu lực" in html


def test_amendments_show_on_the_document_page(client, slugs):
    html = client.get(f"/van-ban/{slugs['76/NQ-CP'][0]}").get_data(as_text=True)
    head = html.split('class="doc-head"', 1)[1].split("</header>", 1)[0]
    assert "Bị sửa đổi, bổ sung bởi" in head and f'/van-ban/{slugs["50/NQ-CP"][0]}' in head


def test_search_pages_revalidate_with_etags(client):
    for path in ("/", "/api/search"):
        first = client.get(path, query_string={"q": "xã hội học tập"})
        assert first.status_code == 200 and first.headers["ETag"]
        again = client.get(path, query_string={"q": "xã hội học tập"},
                           headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304 and not again.data


def test_page_cache_follows_the_index(tmp_path):
    """A cached search page is not served once the index has changed."""
    import indexer

    from kb.model import Document
    from kb.store import open_store
    from tests.webapp.conftest import DOCUMENTS
    from webapp import create_app

    with open_store(tmp_path) as store:
        store.save_document(DOCUMENTS[0])
    indexer.update(tmp_path)
    app = create_app({"DATA_DIR": str(tmp_path), "TESTING": True})
    client = app.test_client()
    query = {"q": "thủy sản"}
    assert "Không tìm thấy" in client.get("/", query_string=query).get_data(as_text=True)
    with open_store(tmp_path) as store:
        store.save_document(Document(number="9/QĐ-UBND", type="Quyết định", issuer="UBND tỉnh Quảng Ngãi",
                                     date="2024-01-02", title="Phát triển thủy sản", text="Phát triển thủy sản bền vững."))
    indexer.update(tmp_path)
    app.extensions["kb"]._generation_checked = 0.0  # skip the once-a-second check
    html = client.get("/", query_string=query).get_data(as_text=True)
    assert "9/QĐ-UBND" in html
