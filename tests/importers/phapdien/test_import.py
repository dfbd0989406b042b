"""The fixture package into a store: documents, units, topics, edges; idempotent; bad input."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kb.errors import KbError
from kb.importers.phapdien import import_package, is_package
from kb.model import Document, Source
from kb.store import open_store

from .conftest import PACKAGE, zip_folder

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "data") as s:
        yield s


def _doc(store, number):
    [record] = store.lookup(number)
    return record


def _edges(store, where="1=1", params=()):
    return [dict(r) for r in store.conn.execute(
        "SELECT c.*, a.number AS citing_number, b.number AS target_number FROM citations c"
        " LEFT JOIN documents a ON a.id = c.citing_id LEFT JOIN documents b ON b.id = c.target_id"
        f" WHERE {where} ORDER BY c.id", params)]


def test_package_is_recognised(package_zip, tmp_path):
    assert is_package(PACKAGE) and is_package(package_zip)
    assert is_package(zip_folder(PACKAGE, tmp_path / "nested.zip", prefix="BoPhapDienDienTu/"))
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.txt").write_text("x")
    assert not is_package(other)


def test_documents_articles_and_topics(store):
    report = import_package(store, PACKAGE)
    assert (report.demuc, report.articles, report.documents) == (2, 5, 3)
    assert len(report.new) == 3 and not report.failed
    # the article whose note has an unexpected shape is reported, the rest imported
    assert [w for w, _ in report.problems] == ["Điều 19.6.TT.3.6"]

    law = _doc(store, "18/2008/QH12")
    assert (law.type, law.title, law.name, law.issuer) == ("Luật", "Luật Năng lượng nguyên tử",
                                                           "Luật Năng lượng nguyên tử", "Quốc hội")
    assert (law.date, law.effective_date) == ("2008-06-03", "2009-01-01")
    assert law.extra["vbpl_item_id"] == "12804"
    # its articles come from two đề mục, in the order of the law
    assert law.text.startswith("Điều 1. Phạm vi điều chỉnh\nLuật này quy định")
    assert [line for line in law.text.splitlines() if line.startswith("Điều ")] == [
        "Điều 1. Phạm vi điều chỉnh", "Điều 2. Thuốc phóng xạ trong y tế",
        "Điều 9. Quy hoạch phát triển ứng dụng năng lượng nguyên tử"]
    units = store.units(law.id, "phapdien")
    assert [(u.kind, u.number, u.anchor) for u in units] == [("dieu", "1", "dieu-1"), ("dieu", "2", "dieu-2"),
                                                             ("dieu", "9", "dieu-9")]
    assert units[0].title == "Phạm vi điều chỉnh" and units[0].text.startswith("Luật này quy định")
    assert units[0].extra["phapdien_id"] == "19.6.LQ.1" and units[0].extra["demuc"] == "19.6"
    assert units[1].extra == {**units[1].extra, "phapdien_id": "45.4.LQ.2", "demuc": "45.4"}
    assert store.topics(law.id) == [
        {"code": "19", "name": "Khoa học, công nghệ"}, {"code": "19.6", "name": "Năng lượng nguyên tử"},
        {"code": "45", "name": "Y tế, dược"}, {"code": "45.4", "name": "Dược"}]
    sources = store.sources(law.id)
    assert [(s["kind"], s["url"]) for s in sources] == [
        ("phapdien", "http://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=12804")]

    decree = _doc(store, "07/2010/NĐ-CP")
    assert decree.title.startswith("Quy định chi tiết và hướng dẫn thi hành") and decree.name is None


def test_changes_by_article_are_edges_naming_units(store):
    import_package(store, PACKAGE)
    law = _doc(store, "18/2008/QH12")
    [amend] = _edges(store, "c.target_id = ? AND c.relation = 'sua_doi'", (law.id,))
    assert amend["citing_number"] == "35/2018/QH14"
    assert json.loads(amend["citing_units"]) == [{"dieu": "15"}]
    assert json.loads(amend["cited_units"]) == [{"dieu": "9"}]
    assert amend["effective_date"] == "2019-01-01"
    assert amend["sentence"].startswith("(Điều 9 Luật số 18/2008/QH12")

    decree = _doc(store, "07/2010/NĐ-CP")
    rows = {(r["relation"], r["citing_number"]): r for r in _edges(store, "c.target_id = ?", (decree.id,))}
    assert set(rows) >= {("sua_doi", "142/2020/NĐ-CP"), ("bai_bo", "49/2018/TT-BGTVT")}
    repeal = rows[("bai_bo", "49/2018/TT-BGTVT")]
    assert json.loads(repeal["citing_units"]) == [{"dieu": "20", "khoan": "2"}]
    assert json.loads(repeal["cited_units"]) == [{"dieu": "5"}]
    annulled = _edges(store, "c.relation = 'bai_bo' AND b.number = '54/2017/NĐ-CP'")
    assert [(r["citing_number"], r["effective_date"]) for r in annulled] == [("155/2018/NĐ-CP", "2018-11-12")]


def test_related_articles_are_edges_between_units(store):
    import_package(store, PACKAGE)
    related = {(r["citing_number"], r["target_number"], r["citing_units"], r["cited_units"])
               for r in _edges(store, "c.relation = 'dan_chieu'")}
    assert ("18/2008/QH12", "54/2017/NĐ-CP", '[{"dieu": "1"}]', '[{"dieu": "2"}]') in related  # by MAPC
    assert ("54/2017/NĐ-CP", "18/2008/QH12", '[{"dieu": "2"}]', '[{"dieu": "9"}]') in related  # by Pháp điển id
    assert ("18/2008/QH12", "18-L/CTN", '[{"dieu": "1"}]', '[{"dieu": "4"}]') in related  # a vbpl article
    s = store.stats()
    assert s["articles"] == 5
    assert s["unit_edges"] == len([r for r in _edges(store) if r["cited_units"]]) >= 7


def test_second_import_changes_nothing(store, package_zip):
    first = import_package(store, package_zip)
    before = store.stats()
    again = import_package(store, package_zip)
    assert len(first.new) == 3
    assert (len(again.new), len(again.updated), len(again.unchanged)) == (0, 0, 3)
    assert store.stats() == before
    # the folder is the same package as the zip
    assert len(import_package(store, PACKAGE).unchanged) == 3


def test_a_full_text_wins_and_the_articles_stay(store):
    import_package(store, PACKAGE)
    law = _doc(store, "18/2008/QH12")
    full = ("QUỐC HỘI\nLuật số: 18/2008/QH12\n\nLUẬT\nNĂNG LƯỢNG NGUYÊN TỬ\n\nChương I\nNHỮNG QUY ĐỊNH CHUNG\n\n"
            "Điều 1. Phạm vi điều chỉnh\nLuật này quy định về các hoạt động trong lĩnh vực năng lượng nguyên tử.\n\n"
            "Điều 2. Đối tượng áp dụng\nLuật này áp dụng đối với tổ chức, cá nhân.\n")
    doc = Document(number="18/2008/QH12", type="Luật", issuer="Quốc hội", date="2008-06-03", text=full,
                   title="Luật Năng lượng nguyên tử")
    result = store.save_document(doc, Source(kind="file", url="/tmp/luat.txt", content_hash="abc"))
    assert result.id == law.id
    assert store.get_by_id(law.id).text == full
    assert [u.number for u in store.units(law.id, "phapdien")] == ["1", "2", "9"]
    assert [u.number for u in store.units(law.id, "text") if u.kind == "dieu"] == ["1", "2"]
    # and the Pháp điển again does not take the text back
    import_package(store, PACKAGE)
    assert store.get_by_id(law.id).text == full


def test_broken_demuc_and_unreadable_files_are_reported(store, package_dir):
    (package_dir / "demuc" / "cccc3333.html").write_text("<html><p class='pDieu'>Điều 1.1.LQ.1. X</p>", encoding="utf-8")
    (package_dir / "demuc" / "dddd4444.html").write_bytes(b"\xff\xfe\x00\x01 not text")
    report = import_package(store, package_dir)
    reasons = dict(report.problems)
    assert "Tiêu đề" not in reasons
    assert any("cccc3333" in w and "Đề mục" in r for w, r in report.problems)
    assert any("dddd4444" in w for w, _ in report.problems)
    assert report.documents == 3 and len(report.new) == 3


def test_truncated_zip_imports_what_is_whole(store, tmp_path, package_zip):
    data = package_zip.read_bytes()
    cut = tmp_path / "cut.zip"
    # Cut inside the second đề mục: the central directory and that member's end are lost.
    second = data.index(b"demuc/bbbb2222")
    cut.write_bytes(data[: second + 200])
    report = import_package(store, cut)
    assert any("không đầy đủ" in w for w in report.warnings)
    assert any("bbbb2222" in w and "cắt cụt" in r for w, r in report.problems)
    assert report.demuc == 1 and len(report.new) == 2  # the first đề mục: the law and the decree
    assert store.stats()["documents"] == 2


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04garbage", b"not a zip at all"])
def test_not_a_package(tmp_path, content, store):
    path = tmp_path / "broken.zip"
    path.write_bytes(content)
    with pytest.raises(KbError):
        import_package(store, path)
    assert store.stats()["documents"] == 0


def kb(data: Path, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "kb", "--data", str(data), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_cli_imports_the_package(tmp_path, package_zip):
    data = tmp_path / "data"
    proc = kb(data, "import", str(package_zip))
    assert proc.returncode == 0, proc.stderr
    assert "Bộ pháp điển: 2 đề mục, 5 điều, 3 văn bản nguồn (3 mới" in proc.stdout
    assert "bỏ qua: Điều 19.6.TT.3.6" in proc.stderr
    stats = json.loads(kb(data, "stats", "--json").stdout)
    assert stats["articles"] == 5 and stats["unit_edges"] >= 7
    again = kb(data, "import", "--json", str(PACKAGE))
    assert json.loads(again.stdout.splitlines()[0])["unchanged"] == 3


def test_cli_refuses_a_broken_zip(tmp_path):
    path = tmp_path / "BoPhapDienDienTu.zip"
    path.write_bytes(b"PK\x03\x04 this is not what it seems")
    proc = kb(tmp_path / "data", "import", str(path))
    assert proc.returncode == 1
    assert "Bộ pháp điển:" in proc.stderr and "zip" in proc.stderr


def test_worker_processes_give_the_same_collection(package_dir):
    import shutil

    from kb.importers.phapdien import collect_package

    first = package_dir / "demuc" / "aaaa1111-0000-0000-0000-000000000001.html"
    for i in range(7):  # enough đề mục for the pool; copies add nothing new
        shutil.copy(first, package_dir / "demuc" / f"eeee{i}.html")
    (package_dir / "demuc" / "ffff.html").write_text("<p>hỏng</p>", encoding="utf-8")
    one, _ = collect_package(package_dir, workers=1)
    two, _ = collect_package(package_dir, workers=2)
    assert one.demuc_count == two.demuc_count == 9
    assert sorted(one.docs) == sorted(two.docs) and len(one.docs) == 3
    assert [(p.where, p.reason) for p in one.problems] == [(p.where, p.reason) for p in two.problems]
    assert any("ffff" in p.where for p in two.problems)
    assert one.duplicates == two.duplicates == 7 * 3


def test_build_data_includes_the_package(tmp_path, package_zip):
    import os

    shared = tmp_path / "shared"
    (shared / "corpus" / "phapdien").mkdir(parents=True)
    package_zip.rename(shared / "corpus" / "phapdien" / "BoPhapDienDienTu.zip")
    env = {**os.environ, "KB_SHARED": str(shared)}
    proc = subprocess.run([sys.executable, "-m", "kb", "--data", str(tmp_path / "data"), "build-data", "--no-index"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Bộ pháp điển: 2 đề mục, 5 điều, 3 văn bản nguồn" in proc.stdout
    with open_store(tmp_path / "data") as store:
        assert store.lookup("18/2008/QH12")[0].extra["vbpl_item_id"] == "12804"


def test_tree_file_names_the_chu_de_when_present(store, package_dir):
    (package_dir / "jsonData.js").write_text(
        'var jdChuDe = [{"Value":"3f0ce861","Text":"Khoa học và công nghệ (tên trong gói)","STT":"19"}];\n'
        'var jdDeMuc = [];\nvar jdAllTree = [];\n', encoding="utf-8-sig")
    report = import_package(store, package_dir)
    assert not report.warnings
    law = _doc(store, "18/2008/QH12")
    topics = {t["code"]: t["name"] for t in store.topics(law.id)}
    assert topics["19"] == "Khoa học và công nghệ (tên trong gói)" and topics["45"] == "Y tế, dược"


def test_unreadable_tree_file_falls_back_to_shipped_names(store, package_dir):
    (package_dir / "jsonData.js").write_text("var jdChuDe = [{broken;", encoding="utf-8")
    report = import_package(store, package_dir)
    assert any("jsonData.js" in w for w in report.warnings)
    law = _doc(store, "18/2008/QH12")
    assert {"code": "19", "name": "Khoa học, công nghệ"} in store.topics(law.id)


def test_same_package_again_stops_at_once_unless_cut_short(store, package_zip):
    first = import_package(store, package_zip)
    again = import_package(store, package_zip)
    assert again.same_package and sorted(again.unchanged) == sorted(first.new)
    # An import cut short (a document's source missing) is done again, document by document.
    law = _doc(store, "18/2008/QH12")
    store.conn.execute("DELETE FROM sources WHERE document_id = ?", (law.id,))
    redo = import_package(store, package_zip)
    assert not redo.same_package and redo.documents == 3 and not redo.new
    assert import_package(store, package_zip).same_package


def test_cli_says_when_the_package_was_imported(tmp_path, package_zip):
    data = tmp_path / "data"
    assert kb(data, "import", str(package_zip)).returncode == 0
    proc = kb(data, "import", str(package_zip))
    assert proc.returncode == 0 and "gói này đã được nhập" in proc.stdout


def test_a_full_text_saved_first_keeps_its_text_and_fields(store):
    full = "Điều 1. Phạm vi điều chỉnh\nLuật này quy định về năng lượng nguyên tử.\n"
    doc = Document(number="18/2008/QH12", type="Luật", issuer="Quốc hội", date="2008-06-03", text=full,
                   title="Luật Năng lượng nguyên tử (bản từ tệp)")
    saved = store.save_document(doc, Source(kind="file", url="/tmp/luat.txt", content_hash="abc"))
    import_package(store, PACKAGE)
    record = store.get_by_id(saved.id)
    assert record.text == full and record.title == "Luật Năng lượng nguyên tử (bản từ tệp)"
    assert record.effective_date == "2009-01-01"  # a gap the package fills
    assert [u.number for u in store.units(saved.id, "phapdien")] == ["1", "2", "9"]
    assert {t["code"] for t in store.topics(saved.id)} == {"19", "19.6", "45", "45.4"}
    assert {s["kind"] for s in store.sources(saved.id)} == {"file", "phapdien"}
    assert len(store.lookup("18/2008/QH12")) == 1
