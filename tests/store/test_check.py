"""``kb check`` names the records an official should look at, and why."""
import json

from click.testing import CliRunner

from kb.cli import cli
from kb.model import Document
from kb.store import open_store


def _run(data, *args):
    return CliRunner().invoke(cli, ["--data", str(data), "check", *args])


def test_check_lists_conflicts_odd_numbers_and_name_dates(tmp_path):
    with open_store(tmp_path) as store:
        # A Nghị định number on a record typed "Quy định" and dated five years before its number.
        store.save_document(Document(number="16/2025/NĐ-CP", type="Quy định", issuer="Chính phủ",
                                     date="2020-06-30", title="Quy định x", text="Nội dung."))
        # Cited under two dates: one of them is another document's.
        store.save_document(Document(number="5/KH-UBND", type="Kế hoạch", issuer="UBND tỉnh Quảng Ngãi",
                                     date="2024-01-02", title="Kế hoạch",
                                     text="Căn cứ Luật Đường bộ ngày 27 tháng 6 năm 2024;\n"
                                          "Thực hiện Luật Đường bộ ngày 27/6/2023;"))
    result = _run(tmp_path, "--json")
    assert result.exit_code == 0, result.output
    findings = [json.loads(line) for line in result.output.splitlines()]
    messages = " | ".join(f["message"] for f in findings)
    assert "là Nghị định nhưng bản ghi ghi loại “Quy định”" in messages
    assert "mang năm 2025 nhưng ngày ban hành là 2020-06-30" in messages
    assert any(f["check"] == "conflict" and len(f["slugs"]) == 2 and "Luật Đường bộ" in f["message"] for f in findings)


def test_check_on_a_clean_store_says_so(tmp_path):
    with open_store(tmp_path) as store:
        store.save_document(Document(number="30/2020/NĐ-CP", type="Nghị định", issuer="Chính phủ",
                                     date="2020-03-05", title="Về công tác văn thư", text="Điều 1."))
    result = _run(tmp_path)
    assert result.exit_code == 0
    assert "Không thấy bản ghi đáng ngờ." in result.output
