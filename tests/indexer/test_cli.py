"""``kb index`` and ``kb search`` over a store (kb.store)."""
from __future__ import annotations

import json

import pytest

from kb.cli import main
from kb.model import Document
from kb.store import open_store


def run(capsys, *args):
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out = capsys.readouterr()
    return exc.value.code, out.out, out.err


@pytest.fixture
def store_dir(data_dir):
    with open_store(data_dir) as s:
        s.save_document(Document(number="76/NQ-CP", type="Nghị quyết", issuer="Chính phủ",
                                 date="2021-07-15",
                                 title="Ban hành Chương trình tổng thể cải cách hành chính nhà nước",
                                 text="Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030."))
    return data_dir


def test_index_then_search(store_dir, capsys):
    code, out, err = run(capsys, "--data", str(store_dir), "index")
    assert code == 0 and "1 văn bản" in out, err
    code, out, _ = run(capsys, "--data", str(store_dir), "search", "--json", "cai cach hanh chinh")
    data = json.loads(out)
    assert code == 0 and data["total"] == 1
    assert data["hits"][0]["number"] == "76/NQ-CP"
    code, out, _ = run(capsys, "--data", str(store_dir), "search", "nghi", "quyet", "so", "76")
    assert code == 0 and "76-nq-cp-2021-07-15" in out

    # incremental: only the new document is written
    from kb.store import open_store

    with open_store(store_dir) as s:
        s.save_document(Document(number="30/2020/NĐ-CP", type="Nghị định", issuer="Chính phủ",
                                 date="2020-03-05", title="Về công tác văn thư", text="Công tác văn thư."))
    code, out, _ = run(capsys, "--data", str(store_dir), "index")
    assert code == 0 and "1 văn bản thêm" in out and "2 văn bản trong chỉ mục" in out
    code, out, _ = run(capsys, "--data", str(store_dir), "search", "--json", "--type", "nghị định", "văn thư")
    assert json.loads(out)["hits"][0]["number"] == "30/2020/NĐ-CP"
    code, out, _ = run(capsys, "--data", str(store_dir), "index", "--rebuild")
    assert code == 0 and "lập lại" in out


def test_search_without_index_is_one_clear_line(data_dir, capsys):
    code, out, err = run(capsys, "--data", str(data_dir), "search", "thuế")
    assert code == 1 and err.startswith("kb: lỗi:") and "kb index" in err and "Traceback" not in err
