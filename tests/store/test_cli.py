"""``kb import``, ``kb show``, ``kb stats``, ``kb build-data`` as a user runs them."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

DECISION = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI
Số: 1622/QĐ-UBND
Quảng Ngãi, ngày 05 tháng 10 năm 2023

QUYẾT ĐỊNH
Về việc ban hành Kế hoạch cải cách hành chính

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH

Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030;

QUYẾT ĐỊNH:
Điều 1. Quyết định này thay thế Quyết định số 1500/QĐ-UBND ngày 01/9/2022 của Chủ tịch UBND tỉnh.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

CHỦ TỊCH
Nguyễn Văn A
"""


def kb(data: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "kb", "--data", str(data), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "1622.txt").write_text(DECISION, encoding="utf-8")
    (d / "broken.docx").write_bytes(b"PK\x03\x04 not really a docx")
    (d / "notes.xyz").write_text("ignored in folders", encoding="utf-8")
    return d


def test_import_reports_broken_files_and_imports_the_rest(tmp_path, folder):
    data = tmp_path / "data"
    first = kb(data, "import", str(folder), check=False)
    assert first.returncode == 1
    assert "1 mới" in first.stdout and "1 lỗi" in first.stdout
    assert "broken.docx" in first.stderr and "\n" == first.stderr[-1]
    again = kb(data, "import", str(folder / "1622.txt"), "--json")
    summary = json.loads(again.stdout)
    assert (summary["new"], summary["updated"], summary["unchanged"], summary["failed"]) == (0, 0, 1, [])


def test_unsupported_and_missing_paths_are_failures(tmp_path, folder):
    proc = kb(tmp_path / "data", "import", str(folder / "notes.xyz"), str(tmp_path / "nowhere"), check=False)
    assert proc.returncode == 1
    assert "không hỗ trợ" in proc.stderr and "không tìm thấy" in proc.stderr


def test_show_and_stats(tmp_path, folder):
    data = tmp_path / "data"
    kb(data, "import", str(folder / "1622.txt"))
    shown = kb(data, "show", "1622/QĐ-UBND").stdout
    assert "Quyết định số 1622/QĐ-UBND" in shown and "Căn cứ ban hành (1)" in shown
    assert "Nghị quyết số 76/NQ-CP" in shown and "[chưa có toàn văn]" in shown
    assert "Nguồn chính thức: https://vbpl.vn/van-ban/dia-phuong (Tra “1622/QĐ-UBND” trên" in shown  # never a dead page

    replaced = json.loads(kb(data, "show", "1500/QĐ-UBND", "--json").stdout)
    assert replaced["document"]["is_stub"] is True
    assert replaced["validity"]["status"] == "bi_thay_the"
    assert replaced["validity"]["evidence"][0]["document"]["number"] == "1622/QĐ-UBND"
    assert "thay thế Quyết định số 1500/QĐ-UBND" in replaced["validity"]["evidence"][0]["sentence"]
    assert list(replaced["incoming"]) == ["thay_the"]
    assert "text" not in replaced["document"]

    stats = json.loads(kb(data, "stats", "--json").stdout)
    assert stats["documents"] == 1 and stats["stubs"] == 2
    assert stats["edges_by_relation"]["can_cu"] == 1 and stats["edges_by_relation"]["thay_the"] == 1
    assert "Văn bản:" in kb(data, "stats").stdout


def test_show_unknown_is_a_clear_error(tmp_path):
    proc = kb(tmp_path / "data", "show", "9999/XYZ", check=False)
    assert proc.returncode == 1
    assert proc.stderr.startswith("kb: lỗi:") and "9999/XYZ" in proc.stderr and proc.stderr.count("\n") == 1


def test_show_ambiguous_number_lists_candidates(tmp_path):
    from kb.model import Document
    from kb.store import open_store

    data = tmp_path / "data"
    with open_store(data) as store:
        store.save_document(Document("1256/QĐ-UBND", issuer="UBND tỉnh Quảng Ngãi", date="2021-12-22"))
        store.save_document(Document("1256/QĐ-UBND", issuer="UBND thành phố Hà Nội", date="2019-05-02"))
    out = kb(data, "show", "1256/QĐ-UBND").stdout
    assert "ứng với 2 văn bản" in out
    assert "1256-qd-ubnd-2021-12-22" in out and "1256-qd-ubnd-2019-05-02" in out
    listed = json.loads(kb(data, "show", "1256/QĐ-UBND", "--json").stdout)
    assert len(listed["candidates"]) == 2


def test_build_data_without_shared_loads_the_catalogue(tmp_path, monkeypatch):
    data = tmp_path / "data"
    env_free = kb(data, "build-data", "--no-corpus", "--no-index")
    assert "Danh mục: " in env_free.stdout
    again = kb(data, "build-data", "--no-corpus", "--no-index").stdout
    assert "0 mới, 0 cập nhật" in again
    shown = kb(data, "show", "76/2015/QH13").stdout
    assert "Bị thay thế" in shown and "63/2025/QH15" in shown


def test_catalogue_is_up_to_date_with_its_script():
    proc = subprocess.run([sys.executable, "scripts/build_catalogue.py", "--check"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    catalogue = json.loads((ROOT / "data" / "catalogue.json").read_text(encoding="utf-8"))
    numbers = {d["number"] for d in catalogue["documents"]}
    assert {"76/NQ-CP", "1741/QĐ-UBND", "272/QĐ-UBND", "76/2015/QH13"} <= numbers
