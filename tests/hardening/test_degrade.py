"""Degrade, don't die (issue 12): a damaged index, a read-only data directory, a full disk."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kb.errors import KbError
from kb.model import Document
from kb.store import open_store

ROOT = Path(__file__).resolve().parents[2]


def _truncate_a_segment(data: Path) -> Path:
    segment = max((data / "index").glob("*/*.trm"), key=lambda p: p.stat().st_size)
    with open(segment, "r+b") as fh:
        fh.truncate(segment.stat().st_size // 3)
    return segment


def _kb(data: Path, *args, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "KB_DATA": str(data)}
    return subprocess.run([sys.executable, "-m", "kb", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=60)


def test_damaged_index_site_starts_and_serves_everything_but_search(kb_copy):
    from webapp import create_app

    data, slugs = kb_copy
    _truncate_a_segment(data)
    app = create_app({"DATA_DIR": str(data), "TESTING": True, "WARM_UP": True})  # must not raise
    client = app.test_client()
    page = client.get("/?q=c%E1%BA%A3i+c%C3%A1ch")
    assert page.status_code == 503
    body = page.get_data(as_text=True)
    assert "kb index --rebuild" in body and "hỏng" in body and "Traceback" not in body
    api = client.get("/api/search?q=cai+cach")
    assert api.status_code == 503 and "--rebuild" in api.get_json()["error"]["message"]
    slug = slugs["1256/QĐ-UBND"][0]
    assert client.get(f"/van-ban/{slug}").status_code == 200
    assert client.get(f"/api/van-ban/{slug}").status_code == 200
    linked = client.post("/api/link", json={"text": "Căn cứ Quyết định số 1256/QĐ-UBND ngày 22/12/2021."})
    assert linked.status_code == 200 and linked.get_json()["counts"]["found"] == 1


def test_damaged_index_incremental_update_fails_clearly_and_rebuild_repairs(kb_copy):
    import indexer
    from indexer.storage import IndexCorrupt

    data, _ = kb_copy
    _truncate_a_segment(data)
    with open_store(data) as store:
        store.save_document(Document(number="77/QĐ-UBND", type="Quyết định", date="2024-01-02",
                                     text="Số: 77/QĐ-UBND\nQUYẾT ĐỊNH\nVề thi đua khen thưởng\nĐiều 1. Nội dung."))
    with pytest.raises(IndexCorrupt, match="--rebuild"):
        indexer.update(data)
    result = _kb(data, "search", "thi đua")
    assert result.returncode == 1 and "--rebuild" in result.stderr and "Traceback" not in result.stderr
    indexer.update(data, rebuild=True)
    assert _kb(data, "search", "thi đua").returncode == 0


def _freeze(path: Path) -> bool:
    """Make ``path`` read-only even for root (chattr +i), or by permissions for a user."""
    if os.geteuid() == 0:
        if shutil.which("chattr") is None:
            return False
        done = subprocess.run(["chattr", "-R", "+i", str(path)], capture_output=True)
        return done.returncode == 0
    for p in [path, *path.rglob("*")]:
        p.chmod(p.stat().st_mode & ~0o222)
    return True


def _thaw(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-R", "-i", str(path)], capture_output=True)
    else:
        for p in [path, *path.rglob("*")]:
            p.chmod(p.stat().st_mode | 0o200)


@pytest.fixture
def frozen_kb(kb_copy):
    data, slugs = kb_copy
    if not _freeze(data):
        pytest.skip("cannot make a directory read-only here (root without chattr)")
    try:
        yield data, slugs
    finally:
        _thaw(data)


def test_read_only_data_directory_reads_work_and_writes_are_refused(frozen_kb, tmp_path):
    data, slugs = frozen_kb
    stats = _kb(data, "stats")
    assert stats.returncode == 0, stats.stderr
    shown = _kb(data, "show", "1256/QĐ-UBND")
    assert shown.returncode == 0 and "1256/QĐ-UBND" in shown.stdout, shown.stderr
    linked = _kb(data, "link", "-", stdin="Căn cứ Quyết định số 1256/QĐ-UBND ngày 22/12/2021.")
    assert linked.returncode == 0, linked.stderr
    found = _kb(data, "search", "cải cách")
    assert found.returncode == 0, found.stderr
    plan = tmp_path / "plan.txt"
    plan.write_text("Số: 88/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc khác\nĐiều 1. Nội dung.\n", encoding="utf-8")
    imported = _kb(data, "import", str(plan))
    assert imported.returncode != 0 or "1 lỗi" in imported.stdout
    assert "chỉ đọc" in imported.stderr + imported.stdout and "Traceback" not in imported.stderr

    from webapp import create_app

    client = create_app({"DATA_DIR": str(data), "TESTING": True}).test_client()
    assert client.get(f"/van-ban/{slugs['1256/QĐ-UBND'][0]}").status_code == 200
    assert client.get("/?q=c%E1%BA%A3i+c%C3%A1ch").status_code == 200


def test_disk_full_says_so_and_keeps_what_was_stored(tmp_path):
    with open_store(tmp_path) as store:
        store.save_document(Document(number="1/QĐ-UBND", type="Quyết định", text="Số: 1/QĐ-UBND\nĐiều 1. Một."))
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # the disk fills up now
        big = "Điều 2. " + "nội dung rất dài " * 200_000
        with pytest.raises(KbError) as info:
            store.save_document(Document(number="2/QĐ-UBND", type="Quyết định", text="Số: 2/QĐ-UBND\n" + big))
        assert "hết dung lượng đĩa" in str(info.value)
        assert "no transaction" not in str(info.value)
        assert not store.conn.in_transaction
        assert [r[0] for r in store.conn.execute("SELECT number FROM documents WHERE is_stub = 0")] == ["1/QĐ-UBND"]
