"""One đề mục file → code, name, headings, articles (note, vbpl link, text, related)."""
from __future__ import annotations

import pytest

from kb.errors import KbError
from kb.importers.phapdien.demuc import parse_demuc

from .conftest import PACKAGE

FIRST = PACKAGE / "demuc" / "aaaa1111-0000-0000-0000-000000000001.html"
SECOND = PACKAGE / "demuc" / "bbbb2222-0000-0000-0000-000000000002.html"


def test_demuc_heading_and_articles():
    demuc = parse_demuc(FIRST.read_bytes(), "aaaa1111")
    assert (demuc.code, demuc.name, demuc.chu_de, demuc.removed) == ("19.6", "Năng lượng nguyên tử", "19", False)
    assert demuc.headings[:2] == ["Chương I", "NHỮNG QUY ĐỊNH CHUNG"]
    assert [a.pd_id for a in demuc.articles] == ["19.6.LQ.1", "19.6.LQ.9", "19.6.NĐ.2.5", "19.6.TT.3.6"]
    first = demuc.articles[0]
    assert first.heading == "Phạm vi điều chỉnh"
    assert first.mapc == "1900600000000000100000100000000000000000"
    assert first.item_id == "12804" and first.vbpl_url.endswith("ItemID=12804#Chuong_I_Dieu_1")
    assert first.note.startswith("(Điều 1 Luật số 18/2008/QH12")
    assert first.text == "Luật này quy định về các hoạt động trong lĩnh vực năng lượng nguyên tử và bảo đảm an toàn."
    assert first.chapter == "Chương I NHỮNG QUY ĐỊNH CHUNG"
    # The chương's own chỉ dẫn is not the article's; the article's two links are.
    assert [(l.mapc, l.pd_id, l.item_id) for l in first.related] == [
        ("4500400000000000200000200000000000000000", "45.4.NĐ.1.2", None), (None, None, "10809")]


def test_text_keeps_paragraphs_and_table_rows():
    demuc = parse_demuc(FIRST.read_bytes(), "aaaa1111")
    assert demuc.articles[1].text.splitlines() == [
        "1. Quy hoạch phát triển ứng dụng năng lượng nguyên tử được lập cho từng ngành.",
        "2. Bộ Khoa học và Công nghệ chủ trì lập quy hoạch.",
        "Cột 1 | Cột 2",
    ]
    assert demuc.articles[2].chapter == "Chương II AN TOÀN BỨC XẠ"
    # the chỉ dẫn of Chương II (after the heading) is not the article's before it
    assert demuc.articles[1].related == []


def test_broken_html_does_not_swallow_articles():
    data = SECOND.read_text(encoding="utf-8-sig")
    # an unclosed <b> in the last article; a stray </span> and a lost </p> in the first
    data = data.replace("phải đáp ứng điều kiện", "phải</span> đáp ứng <i>điều kiện").replace("bức xạ.</p></p>", "bức xạ.")
    demuc = parse_demuc(data.encode(), "bbbb2222")
    assert [a.pd_id for a in demuc.articles] == ["45.4.NĐ.1.2", "45.4.LQ.2"]
    assert demuc.articles[0].text == "Cơ sở kinh doanh thuốc phóng xạ phải đáp ứng điều kiện về an toàn bức xạ."
    assert demuc.articles[1].text.endswith("trong y tế.")
    assert demuc.articles[0].related[0].pd_id == "19.6.LQ.9"


def test_decomposed_unicode_is_composed():
    import unicodedata

    data = unicodedata.normalize("NFD", SECOND.read_text(encoding="utf-8-sig")).encode()
    demuc = parse_demuc(data, "bbbb2222")
    assert demuc.name == "Dược" and demuc.articles[0].heading == "Điều kiện kinh doanh thuốc phóng xạ"


@pytest.mark.parametrize("data", [b"", b"<html><body>Not found</body></html>", b"\xff\xfe\x00garbage"])
def test_not_a_demuc_file(data):
    with pytest.raises(KbError):
        parse_demuc(data, "x")


def test_removed_demuc_is_marked():
    data = FIRST.read_text(encoding="utf-8-sig").replace("Năng lượng nguyên tử\n</h3>", "Năng lượng nguyên tử (loại bỏ)\n</h3>")
    demuc = parse_demuc(data, "x")
    assert demuc.removed and demuc.name == "Năng lượng nguyên tử"
