"""``kb cite`` and ``kb link`` through the command line."""
import json
import subprocess
import sys

from click.testing import CliRunner

from kb.cli import cli

TEXT = "Căn cứ Nghị định số 15/2020/NĐ-CP ngày 03/02/2020 của Chính phủ; Hiến pháp năm 2013.\n"


def test_cite_json_shape(tmp_path, data_dir):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["cite", str(path), "--json"])
    assert result.exit_code == 0
    first, second = [json.loads(line) for line in result.output.splitlines()]
    assert first == {"start": 7, "end": 7 + len("Nghị định số 15/2020/NĐ-CP ngày 03/02/2020 của Chính phủ"), "text": "Nghị định số 15/2020/NĐ-CP ngày 03/02/2020 của Chính phủ",
                     "number": "15/2020/NĐ-CP", "type": "Nghị định", "date": "2020-02-03", "issuer": "Chính phủ",
                     "category": "state", "relation": "can_cu", "year": 2020}
    assert second["number"] is None and second["name"] == "Hiến pháp" and second["year"] == 2013


def test_cite_reads_stdin_and_html(data_dir):
    html = "<p>Theo <b>Quyết định số 12/QĐ-UBND</b> ngày 01/02/2023</p>"
    result = CliRunner().invoke(cli, ["cite", "-", "--json"], input=html.encode())
    row = json.loads(result.output)
    assert row["text"] == "Quyết định số 12/QĐ-UBND ngày 01/02/2023"
    assert row["start"] == len("Theo ")


def test_cite_human_output(tmp_path, data_dir):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["cite", str(path)])
    assert "15/2020/NĐ-CP  [căn cứ]" in result.output
    assert "2 trích dẫn, 2 văn bản khác nhau." in result.output


def test_link_html_keeps_markup(tmp_path, data_dir):
    path = tmp_path / "a.html"
    path.write_text("<html><body><p>Theo Nghị định 15/2020/NĐ-CP.</p></body></html>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["link", str(path)])
    assert result.output == ('<html><body><p>Theo <a class="citation" href="/van-ban/15-2020-nd-cp" '
                             'data-relation="dan_chieu" title="15/2020/NĐ-CP">Nghị định 15/2020/NĐ-CP</a>.'
                             "</p></body></html>")


def test_errors_are_one_line(tmp_path, data_dir):
    run = subprocess.run([sys.executable, "-m", "kb", "cite", str(tmp_path / "missing.txt")],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr.strip().count("\n") == 0 and "không tìm thấy tệp" in run.stderr
    assert "Traceback" not in run.stderr


def test_cite_shows_pinpoints(tmp_path, data_dir):
    path = tmp_path / "a.txt"
    path.write_text("Theo khoản 2 Điều 5 Nghị định số 15/2020/NĐ-CP ngày 03/02/2020 của Chính phủ.\n",
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["cite", str(path)])
    assert "15/2020/NĐ-CP (khoản 2 Điều 5)  [dẫn chiếu]" in result.output
    row = json.loads(CliRunner().invoke(cli, ["cite", str(path), "--json"]).output)
    assert row["pinpoint"] == [{"dieu": "5", "khoan": "2"}]
    assert row["text"] == "Nghị định số 15/2020/NĐ-CP ngày 03/02/2020 của Chính phủ"
