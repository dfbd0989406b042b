"""What a new user meets first: the home page, errors that keep what was typed, paging,
filters echoed in JSON, the graph's legend, long lists on the document page."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from kb.model import Document


def test_home_says_what_the_base_holds_and_how_to_add(client):
    html = client.get("/").get_data(as_text=True)
    text = re.sub(r"<[^>]+>", "", html)
    assert re.search(r"có toàn văn", text) and "điều" in text
    assert "được dẫn chiếu nhưng chưa có trong cơ sở" in text  # the stubs
    assert "Duyệt theo loại văn bản" in text and "Nghị quyết" in text
    for command in ("kb import THƯ_MỤC", "kb import BoPhapDienDienTu.zip", "kb crawl", "kb build-data", "kb index"):
        assert command in text, command


def test_home_of_a_catalogue_only_base_says_there_is_no_text_yet(tmp_path):
    import indexer
    from kb.store import open_store
    from webapp import create_app

    with open_store(tmp_path) as store:
        store.save_document(Document(number="76/NQ-CP", type="Nghị quyết", issuer="Chính phủ",
                                     date="2021-07-15", title="Ban hành Chương trình", text=None))
    indexer.update(tmp_path)
    client = create_app({"DATA_DIR": str(tmp_path), "TESTING": True}).test_client()
    text = re.sub(r"<[^>]+>", "", client.get("/").get_data(as_text=True))
    assert "chưa có toàn văn nào" in text
    assert re.search(r"\b0\s+có toàn văn", text)


def test_stats_count_articles(kb_data):
    from kb.store import open_store

    with open_store(kb_data[0]) as store:
        stats = store.stats()
    # 76/NQ-CP and 1256/QĐ-UBND have an Điều 1, 1256 an Điều 2, 1000/QĐ-UBND an Điều 1
    assert stats["articles"] >= 4


def test_dns_failure_in_the_linker_is_502_and_keeps_the_url(client):
    url = "http://khong-ton-tai.invalid/ke-hoach.html"  # .invalid never resolves (RFC 2606)
    response = client.post("/lien-ket", data={"url": url, "text": ""})
    assert response.status_code == 502
    html = response.get_data(as_text=True)
    assert "Không tìm thấy máy chủ khong-ton-tai.invalid" in html
    assert f'value="{url}"' in html  # the form again, with the address typed
    api = client.post("/api/link", json={"url": url})
    assert api.status_code == 502 and "khong-ton-tai.invalid" in api.get_json()["error"]["message"]


def test_a_refused_address_stays_400(client):
    response = client.post("/lien-ket", data={"url": "ftp://example.org/x"})
    assert response.status_code == 400


def test_linker_error_keeps_the_pasted_text(client):
    text = "Căn cứ Nghị quyết số 76/NQ-CP; " + "x" * 50
    response = client.post("/lien-ket", data={"text": text, "url": "file:///etc/passwd"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Không liên kết được" in html and "Nghị quyết số 76/NQ-CP; xxx" in html
    assert '<textarea id="text"' in html


def test_search_error_keeps_the_query(client):
    response = client.get("/?q=c%E1%BA%A3i+c%C3%A1ch&year=20x")
    assert response.status_code == 400
    assert 'value="cải cách"' in response.get_data(as_text=True)


def test_pager_links_back_to_the_first_page(client, monkeypatch, app):
    monkeypatch.setitem(app.config, "PER_PAGE", 1)
    html = client.get("/?q=quyết+định&page=3").get_data(as_text=True)
    first = re.search(r'<a class="first" href="([^"]+)">Trang đầu</a>', html)
    assert first and "page=" not in first.group(1) and "q=" in first.group(1)
    assert "Trang đầu" not in client.get("/?q=quyết+định").get_data(as_text=True)


def test_filters_typed_in_the_query_are_echoed(client):
    data = client.get("/api/search", query_string={"q": '"cải cách hành chính" loai:quyet-dinh nam:2021-2023'}).get_json()
    assert data["filters"] == {"type": "quyet dinh", "year": "2021-2023"}
    assert data["total"] >= 1 and all(h["type"] == "Quyết định" for h in data["hits"])
    # an option beside the query wins, as in the search
    data = client.get("/api/search", query_string={"q": "cải cách loai:quyet-dinh", "type": "Nghị quyết"}).get_json()
    assert data["filters"] == {"type": "Nghị quyết"}


def test_cli_search_json_echoes_typed_filters(kb_data):
    from kb.cli import cli

    result = CliRunner().invoke(cli, ["--data", str(kb_data[0]), "search", "--json",
                                      'cải cách loai:nghi-quyet nam:2021 co-quan:"chinh phu"'])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["filters"] == {"type": "nghi quyet", "year": "2021", "issuer": "chinh phu"}
    assert [h["number"] for h in data["hits"]] == ["76/NQ-CP"]


def test_readme_filter_example_finds_documents_on_the_shipped_data(tmp_path):
    """The README's example works on what `make run` builds from the project alone."""
    import indexer
    from kb.catalogue import CATALOGUE_PATH, load_catalogue
    from kb.config import PROJECT_ROOT
    from kb.store import open_store
    from indexer.searching import Searcher

    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"python -m kb search '([^']*loai:[^']*)'", readme).group(1)
    with open_store(tmp_path) as store:
        load_catalogue(store, CATALOGUE_PATH)
    indexer.update(tmp_path)
    with Searcher(tmp_path, preload=False) as searcher:
        assert searcher.search(example).total >= 1, example
