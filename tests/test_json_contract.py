"""One JSON contract: every ``kb … --json`` and its ``/api/…`` twin carry the same keys.

docs/api.md writes the shapes down; this test holds the command line and the web to them
on one small knowledge base, so a key added (or renamed) on one side only fails here.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kb.model import Document, Source

ROOT = Path(__file__).resolve().parents[1]
PLAN = ("Căn cứ khoản 2 Điều 2 Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;\n"
        "Thực hiện Kế hoạch số 22/KH-UBND ngày 05/01/2022 của UBND tỉnh Quảng Ngãi.\n")
DECREE = ("NGHỊ ĐỊNH\nVề công tác văn thư\nChương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\n"
          "Nghị định này quy định về công tác văn thư.\nĐiều 2. Giá trị pháp lý của văn bản điện tử\n"
          "1. Văn bản điện tử được ký số.\n2. Văn bản điện tử có giá trị pháp lý như bản gốc.\n"
          "Điều 3. Hiệu lực thi hành\nNghị định này có hiệu lực kể từ ngày ký.\n")


def kb(data: Path, *args: str, stdin: str | None = None) -> str:
    proc = subprocess.run([sys.executable, "-m", "kb", "--data", str(data), *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    from kb.store import open_store

    path = tmp_path_factory.mktemp("contract")
    with open_store(path) as store:
        store.save_document(Document(number="30/2020/NĐ-CP", type="Nghị định", issuer="Chính phủ", date="2020-03-05",
                                     title="Về công tác văn thư", text=DECREE), Source(kind="file", url="nd30.txt"))
        store.save_document(Document(number="15/KH-SNV", type="Kế hoạch", issuer="Sở Nội vụ tỉnh Quảng Ngãi",
                                     date="2023-02-01", title="Tuyên truyền công tác văn thư", text=PLAN),
                            Source(kind="file", url="kh15.txt"))
    kb(path, "index", "--rebuild")
    return path


@pytest.fixture(scope="module")
def client(data):
    from webapp import create_app

    return create_app({"DATA_DIR": str(data), "TESTING": True}).test_client()


def test_document(data, client):
    shown = json.loads(kb(data, "show", "30/2020/NĐ-CP", "--json"))
    api = client.get(f"/api/van-ban/{shown['document']['slug']}").get_json()
    assert set(shown) <= set(api)
    for key in ("validity", "toc", "topics", "outgoing", "incoming", "unit_changes"):
        assert api[key] == shown[key], key
    assert [n["anchor"] for n in api["toc"]] == ["chuong-i"]
    assert [c["anchor"] for c in api["toc"][0]["children"]] == ["dieu-1", "dieu-2", "dieu-3"]


def test_cite(data, client):
    lines = [json.loads(line) for line in kb(data, "cite", "-", "--json", stdin=PLAN).splitlines()]
    api = client.post("/api/cite", json={"text": PLAN}).get_json()["citations"]
    assert [set(c) for c in lines] == [set(c) for c in api]
    assert lines == api
    assert lines[0]["pinpoint"] == [{"dieu": "2", "khoan": "2"}]


def test_search(data, client):
    for args, query in ((["công tác văn thư"], "q=công+tác+văn+thư"),
                        (["công tác văn thư", "--articles"], "q=công+tác+văn+thư&unit=article")):
        shown = json.loads(kb(data, "search", *args, "--json"))
        api = client.get(f"/api/search?{query}").get_json()
        assert set(shown) == set(api), args
        assert shown["total"] == api["total"] >= 1
        assert [set(h) for h in shown["hits"]] == [set(h) for h in api["hits"]]
        assert [h["slug"] for h in shown["hits"]] == [h["slug"] for h in api["hits"]]
        assert json.dumps(shown["facets"], sort_keys=True) == json.dumps(api["facets"], sort_keys=True)
