"""Quality on the hand-checked gold files and the seed plan (../shared; skipped when absent)."""
import json
import re
import unicodedata

import pytest
from click.testing import CliRunner

from kb.cli import cli

from .gold import score

pytestmark = pytest.mark.shared

SEED_NUMBERS = [
    "198/KH-SNgV", "210/KH-SNgV", "76/NQ-CP", "93/NQ-HĐND", "1256/QĐ-UBND", "1782/QĐ-UBND",
    "673/QĐ-UBND", "1283/QĐ-UBND", "1373/QĐ-TTg", "1741/QĐ-UBND", "339/QĐ-UBND", "272/QĐ-UBND",
]


def test_gold_precision_recall_and_fields(shared):
    result = score(shared)
    print("\n" + result.report())
    for label, rows in (("miss", result.misses), ("false positive", result.false_positives),
                        ("wrong fields", result.wrong_fields), ("name missed", result.missed_names)):
        for row in rows:
            print(f"  {label}: {row}")
    assert result.gold == 178
    assert result.precision >= 0.98
    assert result.recall >= 0.98
    type_ok, date_ok, issuer_ok = result.fields()
    assert type_ok >= 0.95 and date_ok >= 0.95 and issuer_ok >= 0.95
    assert result.name_recall >= 0.85
    assert result.self_ok == result.self_gold  # own numbers and site text never pass for citations


def _seed(shared):
    [path] = (shared / "seed").glob("*.txt")
    return path


def test_seed_plan_cites_exactly_its_twelve_documents(shared, data_dir):
    result = CliRunner().invoke(cli, ["cite", "--json", str(_seed(shared))])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    text = _seed(shared).read_text(encoding="utf-8")
    assert [r["number"] for r in rows] == SEED_NUMBERS
    for r in rows:
        assert text[r["start"]:r["end"]] == r["text"]
    typo = rows[SEED_NUMBERS.index("1741/QĐ-UBND")]
    assert "1741/QĐUBND" in typo["text"]
    assert rows[-1]["text"].startswith("số 272/QĐ-UBND") and rows[-1]["type"] == "Quyết định"


def test_seed_plan_linked(shared, data_dir, tmp_path, monkeypatch):
    # A saved file opens from disk: its links are absolute, to the configured site address.
    monkeypatch.delenv("KB_SITE_URL", raising=False)
    out = tmp_path / "plan.html"
    result = CliRunner().invoke(cli, ["link", str(_seed(shared)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    links = re.findall(r'<a class="citation" href="(http://127\.0\.0\.1:8080/van-ban/[^"]+)"[^>]*>(.*?)</a>', page, re.S)
    assert len(links) == 12
    assert links[9][0].endswith("/van-ban/1741-qd-ubnd") and "1741/QĐUBND" in links[9][1]
    assert links[0][0] == "http://127.0.0.1:8080/van-ban/198-kh-sngv-2023-03-03"
    monkeypatch.setenv("KB_SITE_URL", "https://cancu.quangngai.gov.vn/")
    result = CliRunner().invoke(cli, ["link", str(_seed(shared)), "-o", str(out)])
    assert 'href="https://cancu.quangngai.gov.vn/van-ban/198-kh-sngv-2023-03-03"' in out.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["link", str(_seed(shared)), "-o", str(out), "--base-url", "https://x.vn"])
    assert out.read_text(encoding="utf-8").count('href="https://x.vn/van-ban/') == 12
    # written to standard output (to be pasted into a page of the site), links stay relative
    result = CliRunner().invoke(cli, ["link", str(_seed(shared))])
    assert result.output.count('href="/van-ban/') == 12
    result = CliRunner().invoke(cli, ["link", str(_seed(shared)), "--base-url", "ftp://x"])
    assert result.exit_code != 0 and "--base-url" in str(result.exception)


def test_real_documents_have_valid_spans(shared):
    for path in sorted((shared / "realdata").glob("tvpl-*/*.*")):
        if path.suffix not in (".txt", ".md"):
            continue
        text = path.read_text(encoding="utf-8")
        for c in _citations(text):
            assert text[c.start:c.end] == c.text


def _citations(text):
    from kb.citations import get_citations

    return get_citations(text)


@pytest.mark.parametrize("damage", [
    lambda t: unicodedata.normalize("NFD", t),  # decomposed Unicode
    lambda t: t.replace("Đ", "\u00d0"),  # Icelandic eth for Đ
    lambda t: t.replace(" ", "\u00a0"),  # no-break spaces
    lambda t: t.replace("\n", "\r\n"),  # Windows line ends
], ids=["nfd", "eth", "nbsp", "crlf"])
def test_gold_documents_survive_encoding_damage(shared, damage):
    from kb.citations import get_citations

    def key(c):
        fix = lambda s: s and unicodedata.normalize("NFC", s).replace("\u00d0", "Đ").replace("\u00a0", " ")  # noqa: E731
        return (c.number, fix(c.name), c.type, c.date, fix(c.issuer), c.self, c.relation)

    for path in sorted((shared / "realdata" / "gold").glob("*.json")):
        text = (shared / "realdata" / json.loads(path.read_text())["document"]).read_text(encoding="utf-8")
        damaged = damage(text)
        cites = get_citations(damaged)
        assert [key(c) for c in cites] == [key(c) for c in get_citations(text)], path.name
        assert all(damaged[c.start:c.end] == c.text for c in cites)
