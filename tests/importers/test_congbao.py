"""Công báo texts: furniture out, header and crawler facts in, VBHN preambles as edges."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.cli import cli
from kb.importers.congbao import is_congbao_folder, read_congbao, reference_number
from kb.importers.consolidation import parse_preamble
from kb.importers.encoding import decode
from kb.importers.gazette import furniture_left, strip_gazette
from kb.store import open_store

FOLDER = Path(__file__).parent.parent / "fixtures" / "congbao"
DECREE = FOLDER / "nghi-dinh-so-7-2025-nd-cp-40001.txt"
VBHN = FOLDER / "van-ban-hop-nhat-so-21-vbhn-bnv-40002.txt"


def test_furniture_removed_across_page_breaks_and_text_kept():
    raw = DECREE.read_text(encoding="utf-8")
    out = strip_gazette(raw)
    assert furniture_left(raw)  # the check sees what is there before
    assert furniture_left(out.text) == []
    assert "VĂN BẢN QUY PHẠM PHÁP LUẬT" not in out.text
    assert out.text.count("CHÍNH PHỦ") == 2  # the header's and the signature's, not the gazette's section
    # The sentence broken by the page break and the stamp continues on the next line.
    assert "người lao động \nkhông đủ điều kiện" in out.text
    # A lone number that does not continue the pages is a table cell: kept.
    assert "\n2 \n3. Bảng số 2" in out.text
    assert out.pages == [3, 4, 5]
    assert out.issue == "851 + 852" and out.issue_date == "2025-07-01"
    assert out.stamps == ["08.07.2025 14:58:33 +07:00"]
    # Every kept line is a line of the original, in order.
    lines = raw.split("\n")
    pos = 0
    for line in out.text.split("\n"):
        pos = lines.index(line, pos) + 1


def test_gazette_id_and_vbhn_section_removed():
    out = strip_gazette(VBHN.read_text(encoding="utf-8"))
    assert out.gazette_id == "40002"
    assert "40002" not in out.text
    assert not out.text.startswith("VĂN BẢN HỢP NHẤT")
    assert "Ký bởi" not in out.text and "Ngày ký" not in out.text


def test_vbhn_preamble():
    items = parse_preamble(strip_gazette(VBHN.read_text(encoding="utf-8")).text)
    assert [(i.role, i.number, i.effective_date) for i in items] == [
        ("original", "143/2016/NĐ-CP", "2016-10-14"),
        ("amending", "15/2019/NĐ-CP", "2019-03-20"),
        ("amending", "24/2022/NĐ-CP", "2022-06-01"),
    ]
    assert items[1].date == "2019-02-01" and items[1].issuer == "Chính phủ"
    assert parse_preamble(strip_gazette(DECREE.read_text(encoding="utf-8")).text) == []


def test_vbhn_footnote_list_when_the_preamble_lost_its_amenders():
    text = ("NGHỊ ĐỊNH1\nQuy định X\nNghị định số 1/2020/NĐ-CP ngày 02 tháng 01 năm 2020 của Chính phủ quy định X,\n"
            "có hiệu lực kể từ ngày 15 tháng 2 năm 2020, được sửa đổi, bổ sung bởi:\n \n"
            "1 Văn bản này được hợp nhất từ 02 Nghị định sau:\n"
            "- Nghị định số 1/2020/NĐ-CP ngày 02 tháng 01 năm 2020 của Chính phủ quy định X, có hiệu lực kể từ\n"
            "ngày 15 tháng 2 năm 2020.\n"
            "- Nghị định số 9/2023/NĐ-CP ngày 03 tháng 3 năm 2023 của Chính phủ sửa đổi Nghị định số 1/2020/NĐ-CP,\n"
            "có hiệu lực kể từ ngày 01 tháng 5 năm 2023.\nVăn bản hợp nhất này không thay thế 02 Nghị định nêu trên.\n")
    items = parse_preamble(text)
    assert [(i.role, i.number, i.effective_date) for i in items] == [
        ("original", "1/2020/NĐ-CP", "2020-02-15"), ("amending", "9/2023/NĐ-CP", "2023-05-01")]


def test_read_decree_with_crawler_facts():
    read = read_congbao(DECREE)
    doc = read.document
    assert (doc.number, doc.type, doc.date, doc.issuer) == ("7/2025/NĐ-CP", "Nghị định", "2025-06-25", "Chính phủ")
    assert doc.title == "Quy định chi tiết một số điều của Luật Thử nghiệm về hoạt động thử nghiệm của cơ quan nhà nước"
    assert doc.source_url == "https://congbao.chinhphu.vn/van-ban/nghi-dinh-so-7-2025-nd-cp-40001.htm"
    assert doc.extra["congbao"]["pdf_url"].endswith("nd-cp.pdf")
    assert doc.extra["congbao"]["issue"] == "851 + 852"
    assert read.source.kind == "congbao" and read.source.content_hash
    assert read.furniture_left == [] and read.relations == []


def test_read_vbhn_from_its_authentication_block():
    read = read_congbao(VBHN)
    doc = read.document
    assert (doc.number, doc.type, doc.date, doc.issuer) == ("21/VBHN-BNV", "Văn bản hợp nhất", "2026-02-12", "Bộ Nội vụ")
    assert doc.title == "Quy định điều kiện hoạt động thử nghiệm"
    assert [(r.relation, r.other.number) for r in read.relations] == [
        ("hop_nhat", "143/2016/NĐ-CP"), ("hop_nhat", "15/2019/NĐ-CP"), ("hop_nhat", "24/2022/NĐ-CP")]


def test_reference_number_from_slug_or_so_hieu():
    assert reference_number({"slug": "nghi-dinh-so-158-2025-nd-cp-45240", "so_hieu": "nghi-dinh-so-158-2025-nd-cp-45240"}) \
        == "158/2025/NĐ-CP"
    assert reference_number({"slug": "x", "so_hieu": "Nghị định số 200/2026/NĐ-CP"}) == "200/2026/NĐ-CP"
    assert reference_number({"slug": "nghi-quyet-so-113-nq-cp-469448", "so_hieu": ""}) == "113/NQ-CP"


def test_utf8_with_form_check_boxes_is_not_refused():
    text = "Giới tính: \u0085 Nam \u0085 Nữ\n" * 200
    decoded = decode(("Thông tư số 01/2022/TT-BLĐTBXH\n" + text).encode("utf-8"))
    assert decoded.encoding == "UTF-8"
    assert strip_gazette(decoded.text).text.count("☐") == 400


def _cli(data: Path, *args):
    return CliRunner().invoke(cli, ["--data", str(data), *args])


def test_kb_import_congbao_folder(tmp_path):
    data = tmp_path / "data"
    assert is_congbao_folder(FOLDER)
    result = _cli(data, "import", str(FOLDER), "--no-index")
    assert result.exit_code == 0, result.output
    assert "2 mới" in result.output and "bỏ qua" not in result.output
    with open_store(data) as store:
        vbhn = store.lookup("21/VBHN-BNV")[0]
        out = store.outgoing(vbhn.id)
        assert sorted(e.number for e in out["hop_nhat"]) == ["143/2016/NĐ-CP", "15/2019/NĐ-CP", "24/2022/NĐ-CP"]
        original = store.lookup("143/2016/NĐ-CP")[0]
        assert original.effective_date == "2016-10-14"
        amended = store.incoming(original.id)["sua_doi"]
        assert sorted((e.source_doc.number, e.effective_date) for e in amended) == [
            ("15/2019/NĐ-CP", "2019-03-20"), ("24/2022/NĐ-CP", "2022-06-01")]
        assert store.lookup("24/2022/NĐ-CP")[0].effective_date == "2022-06-01"
    again = _cli(data, "import", str(FOLDER), "--no-index", "--json")
    assert json.loads(again.output)["unchanged"] == 2


def test_kb_import_reports_skipped_files_and_updates_the_index(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(DECREE, folder / "nd.txt")
    (folder / "cu.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    (folder / "bang.xyz").write_text("x", encoding="utf-8")
    data = tmp_path / "data"
    result = _cli(data, "import", str(folder))
    assert result.exit_code == 0, result.output
    assert "cu.doc: định dạng Word cũ (.doc) chưa hỗ trợ, hãy lưu thành .docx" in result.output
    assert "bang.xyz: định dạng .xyz không hỗ trợ" in result.output
    assert "Bỏ qua 2 tệp" in result.output
    assert "Chỉ mục:" in result.output  # new documents are searchable at once
    found = _cli(data, "search", "thử nghiệm cơ quan nhà nước", "--json")
    assert "7/2025/NĐ-CP" in found.output
    no_index = _cli(tmp_path / "data2", "import", str(folder), "--no-index", "--json")
    report = json.loads(no_index.output)
    assert report["index"] == "not_updated"
    assert {Path(s["path"]).name for s in report["skipped"]} == {"cu.doc", "bang.xyz"}


@pytest.mark.shared
def test_shared_congbao_all_read_clean(shared):
    from kb.identity import issuer_key, number_key
    from kb.importers.congbao import load_meta

    folder = shared / "corpus" / "congbao"
    if not folder.is_dir():
        pytest.skip("../shared/corpus/congbao is absent")
    meta = load_meta(folder)
    files = sorted(folder.glob("*.txt"))
    assert len(files) == 412 and is_congbao_folder(folder)
    agree = vbhn_with_edges = vbhn = issuer_ok = 0
    for path in files:
        read = read_congbao(path, meta[path.stem])  # raises on a refusal
        assert read.furniture_left == [], path.name
        agree += number_key(read.document.number) == number_key(reference_number(meta[path.stem]))
        doc = read.document
        symbol = (doc.number or "").split("/")[-1].split("-")[-1]
        expected = {"CP": "Chính phủ", "BTC": "Bộ Tài chính", "BKHĐT": "Bộ Kế hoạch và Đầu tư",
                    "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội", "VPQH": "Văn phòng Quốc hội"}.get(symbol)
        if expected:
            issuer_ok += issuer_key(doc.issuer) == issuer_key(expected)
        if read.document.type == "Văn bản hợp nhất":
            vbhn += 1
            vbhn_with_edges += bool(read.relations)
    assert agree >= 405  # the rest: the crawler's number differs from the document's own header
    assert issuer_ok >= 335  # the gazette's section head is never read as (part of) the issuer
    assert vbhn >= 81 and vbhn_with_edges >= 81


def test_issuer_section_twice_wrapped_differently_and_page_number_twice():
    raw = ("2\nCÔNG BÁO/Số 779 + 780/Ngày 25-6-2023 \n2\n \nBỘ LAO ĐỘNG - THƯƠNG BINH  \nVÀ XÃ HỘI \n \n"
           "BỘ LAO ĐỘNG - THƯƠNG \nBINH VÀ XÃ HỘI \n \nSố: 04/2023/TT-BLĐTBXH \n"
           "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \nĐộc lập - Tự do - Hạnh phúc \n")
    text = strip_gazette(raw).text
    assert text.startswith("BỘ LAO ĐỘNG - THƯƠNG \nBINH VÀ XÃ HỘI")
    assert text.count("BỘ LAO ĐỘNG") == 1
    # Two different bodies one above the other (a parent and its unit) are both kept.
    raw2 = "CÔNG BÁO/Số 1/Ngày 02-01-2024 \n3\nBỘ TÀI CHÍNH \nCỤC THUẾ \nSố: 1/CT \nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    assert strip_gazette(raw2).text.startswith("BỘ TÀI CHÍNH \nCỤC THUẾ")


def test_gazette_folder_inside_a_folder_is_still_read_as_gazette(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(FOLDER, root / "congbao")
    shutil.copy(DECREE, root / "plain.txt")
    (root / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    data = tmp_path / "data"
    result = _cli(data, "import", str(root), "--no-index", "--json")
    report = json.loads(result.output)
    assert report["new"] == 2 and report["unchanged"] == 0  # plain.txt is the same decree: one document
    assert [Path(s["path"]).name for s in report["skipped"]] == ["old.doc"]
    with open_store(data) as store:
        record = store.lookup("21/VBHN-BNV")[0]
        assert "Ký bởi" not in record.text and record.source_url.startswith("https://congbao.chinhphu.vn/")


def test_build_data_imports_the_shared_gazette_folder(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shutil.copytree(FOLDER, shared / "corpus" / "congbao")
    monkeypatch.setenv("KB_SHARED", str(shared))
    result = _cli(tmp_path / "data", "build-data", "--no-index")
    assert result.exit_code == 0, result.output
    assert "Công báo: nhập 2 tệp" in result.output
    with open_store(tmp_path / "data") as store:
        assert store.lookup("7/2025/NĐ-CP") and store.lookup("21/VBHN-BNV")


def test_a_single_gazette_text_or_upload_comes_without_furniture(tmp_path):
    from kb.importers import document_from_bytes, document_from_file

    path = tmp_path / "nghi-dinh.txt"
    shutil.copy(DECREE, path)
    doc, _ = document_from_file(path)
    assert furniture_left(doc.text) == [] and doc.number == "7/2025/NĐ-CP" and doc.issuer == "Chính phủ"
    uploaded, _ = document_from_bytes(VBHN.read_bytes(), "vbhn.txt")
    assert "Ký bởi" not in uploaded.text and uploaded.number == "21/VBHN-BNV"


def test_bad_lines_and_files_are_reported_and_the_rest_imported(tmp_path):
    folder = tmp_path / "congbao"
    shutil.copytree(FOLDER, folder)
    with (folder / "meta.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"slug": "broken", \n')
        handle.write('{"slug": "thong-tu-so-1-2026-tt-btc-40003", "nguon_url": "https://congbao.chinhphu.vn/van-ban/'
                     'thong-tu-so-1-2026-tt-btc-40003.htm", "loai": "Thông tư"}\n')
    (folder / "thong-tu-so-1-2026-tt-btc-40003.txt").write_text(
        "CÔNG BÁO/Số 1/Ngày 02-01-2026\n3\n\nKý bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Cơ quan: VĂN PHÒNG CHÍNH PHỦ\nNgày ký: 2026-01-02 10:00:00 +07:00\n", encoding="utf-8")
    result = _cli(tmp_path / "data", "import", str(folder), "--no-index", "--json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["new"] == 2
    reasons = {Path(f["path"].split(":")[0]).name: f["reason"] for f in report["failed"]}
    assert "không phải JSON" in reasons["meta.jsonl"]
    assert "chỉ có phần trình bày của Công báo" in reasons["thong-tu-so-1-2026-tt-btc-40003.txt"]
