"""The structure parser on its damage cases (fixtures beside this file) and on the real data."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.structure import PARSER_VERSION, parse_units
from kb.structure.anchors import number_slug, pinpoint_anchor

FIXTURES = Path(__file__).parent / "fixtures"


def _parse(name: str):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return text, parse_units(text)


def _by_anchor(units):
    return {u.anchor: u for u in units}


def test_parser_version_bumped():
    assert PARSER_VERSION >= 2


def test_hard_wraps_and_markdown_noise():
    text, units = _parse("hard_wrap_markdown.md")
    a = _by_anchor(units)
    assert [u.anchor for u in units if u.kind == "dieu"] == ["dieu-1", "dieu-2", "dieu-3"]
    # "**Điều ****1****.** Công\nbố kèm theo …": the wrap is joined in the heading
    assert a["dieu-1"].title.startswith("Công bố kèm theo Quyết định này")
    # "# Điều 2." and "**Điều\n3**." (the number on the next line)
    assert a["dieu-2"].title == "Trách nhiệm thi hành"
    assert a["dieu-3"].title == "Quyết định này có hiệu lực kể từ ngày ký"
    # khoản and điểm inside, lists and table rows are not units
    assert [u.anchor for u in units if u.parent == "dieu-2"] == ["dieu-2-khoan-1", "dieu-2-khoan-2"]
    assert [u.number for u in units if u.parent == "dieu-2-khoan-1"] == ["a", "b"]
    assert "dieu-9" not in a and "dieu-3-khoan-1" not in a
    # the last article stops before the signature block
    assert "Nơi nhận" not in text[a["dieu-3"].start:a["dieu-3"].end]
    # a khoản runs to the next khoản, its list included
    assert "báo cáo định kỳ" in text[a["dieu-2-khoan-2"].start:a["dieu-2-khoan-2"].end]


def test_quoted_amending_text_belongs_to_the_amended_document():
    text, units = _parse("amending.txt")
    anchors = [u.anchor for u in units]
    assert [u.anchor for u in units if u.kind == "dieu"] == ["dieu-1", "dieu-2"]
    assert "dieu-11" not in anchors and "dieu-12a" not in anchors and "dieu-12b" not in anchors
    # the amending article's own khoản 1..3, not the quoted "1.", "2.", "a)" of the amended text
    assert [u.anchor for u in units if u.parent == "dieu-1"] == ["dieu-1-khoan-1", "dieu-1-khoan-2", "dieu-1-khoan-3"]
    assert not [u for u in units if u.kind == "diem"]
    # a quote left open (a lost closing mark) does not hide the next article
    assert _by_anchor(units)["dieu-2"].title == "Hiệu lực thi hành"


def test_attached_regulation_gets_its_own_prefix():
    text, units = _parse("attached.txt")
    a = _by_anchor(units)
    assert [u.anchor for u in units if u.kind == "dieu" and u.parent is None] == ["dieu-1", "dieu-2", "dieu-3"]
    box = a["kem-theo"]
    assert box.kind == "phu_luc" and box.extra.get("attached") and box.title.startswith("QUY ĐỊNH Về quản lý thử")
    assert a["kem-theo-chuong-i"].parent == "kem-theo"
    assert a["kem-theo-dieu-2"].parent == "kem-theo-chuong-i"
    assert a["kem-theo-dieu-2-khoan-2"].parent == "kem-theo-dieu-2"
    assert a["kem-theo-chuong-ii-muc-2"].title == "KINH PHÍ"
    assert a["kem-theo-dieu-5"].parent == "kem-theo-chuong-ii-muc-2"
    assert a["phu-luc-i"].title == "DANH MỤC" and a["phu-luc-i"].parent is None
    # a form inside an appendix ("MẪU QUYẾT ĐỊNH … KẾ HOẠCH (Kèm theo …)") is no attached text
    assert "kem-theo-2" not in a and a["phu-luc-ii"].title == "MẪU QUYẾT ĐỊNH"
    # the decision's articles end before the attached text; anchors are unique
    assert a["dieu-3"].end <= box.start
    assert len(a) == len(units)


def test_parts_chapters_sections_and_points():
    text, units = _parse("code.txt")
    a = _by_anchor(units)
    assert a["phan-thu-nhat"].title == "QUY ĐỊNH CHUNG"
    assert a["chuong-i"].title == "NHỮNG QUY ĐỊNH CHUNG" and a["chuong-i"].parent == "phan-thu-nhat"
    assert a["chuong-i-muc-1"].parent == "chuong-i"
    assert a["chuong-i-muc-1-tieu-muc-1"].parent == "chuong-i-muc-1"
    assert a["dieu-1"].parent == "chuong-i-muc-1-tieu-muc-1"
    assert a["chuong-ii"].parent == "phan-thu-hai"
    # điểm d and điểm đ are two units with two anchors
    assert [u.number for u in units if u.parent == "dieu-2-khoan-2"] == ["a", "b", "c", "d", "đ", "e"]
    assert a["dieu-2-khoan-2-diem-dd"].number == "đ"
    assert text[a["dieu-2-khoan-2-diem-d"].start:a["dieu-2-khoan-2-diem-d"].end].strip() == "d) điểm d;"


def test_anchor_numbers():
    assert number_slug("32đ") == "32dd" and number_slug("II") == "ii" and number_slug("thứ nhất") == "thu-nhat"
    assert pinpoint_anchor({"dieu": "5", "khoan": "2", "diem": "đ"}) == "dieu-5-khoan-2-diem-dd"


def test_units_nested_in_order_and_within_their_parents():
    for name in ("hard_wrap_markdown.md", "amending.txt", "attached.txt", "code.txt"):
        text, units = _parse(name)
        seen = {}
        for u in units:
            assert 0 <= u.start <= u.end <= len(text)
            if u.parent:
                parent = seen[u.parent]  # parents come before their children
                assert parent.start <= u.start and u.end <= parent.end
            seen[u.anchor] = u


def test_empty_and_plain_texts():
    assert parse_units("") == [] and parse_units(None) == [] and parse_units("   \n") == []
    assert parse_units("Công văn gửi các sở.\n1. Việc một.\n2. Việc hai.") == []


@pytest.mark.shared
def test_congbao_article_counts(shared):
    """The gazette crawler's own article count (``so_dieu``, where it gave one) against ours.

    ``so_dieu`` counts every "Điều N." line, quoted amending text and forms in appendices
    included, so it is not the truth: we hold the agreement at its measured level and check
    the cases where we know it is wrong."""
    root = shared / "corpus" / "congbao"
    index = json.loads((root / "index.json").read_text(encoding="utf-8"))
    agree = total = 0
    for entry in index:
        path = root / f"{entry['slug']}.txt"
        if not entry.get("so_dieu") or not path.exists():
            continue
        units = parse_units(path.read_text(encoding="utf-8"))
        total += 1
        agree += sum(1 for u in units if u.kind == "dieu") == entry["so_dieu"]
    assert total >= 20
    assert agree / total >= 0.65
    # a VBHN whose appendices hold decision forms ("Điều 1. Cho phép …"): 20 articles, not 35
    units = parse_units((root / "van-ban-hop-nhat-so-37-vbhn-bct-469648.txt").read_text(encoding="utf-8"))
    assert [u.number for u in units if u.kind == "dieu"] == [str(n) for n in range(1, 21)]


@pytest.mark.shared
def test_real_texts_articles_numbered_in_order(shared):
    """On the Markdown corpus, articles found are numbered 1..N nearly always."""
    import re

    docs = with_articles = in_order = 0
    for path in sorted((shared / "corpus" / "legal").glob("*.md"))[:200]:
        units = parse_units(path.read_text(encoding="utf-8", errors="replace"))
        docs += 1
        main = [u for u in units if u.kind == "dieu" and not u.anchor.startswith("kem-theo")]
        if main:
            with_articles += 1
            numbers = [int(re.match(r"[0-9]+", u.number).group()) for u in main]
            in_order += numbers == list(range(1, len(numbers) + 1))
    assert with_articles >= 120
    assert in_order / with_articles >= 0.97


def test_consolidated_text_skips_repealed_articles_and_inserts_5a():
    text = ("Điều 1. Một\nNội dung.\nĐiều 2. Hai\nĐiều 2a. Hai a\nĐiều 5. Năm (Điều 3, 4 bị bãi bỏ)\n"
            "Điều 6. Sáu\n1. Khoản 3 Điều 7 được sửa đổi như sau:\nĐiều 15. Không phải điều của văn bản này\n"
            "Điều 7. Bảy\n")
    assert [u.number for u in parse_units(text) if u.kind == "dieu"] == ["1", "2", "2a", "5", "6", "7"]
