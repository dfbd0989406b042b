"""A web site's footer is cut at the same line by the importer and by the citation engine."""
from __future__ import annotations

from kb.citations import get_citations
from kb.furniture import footer_start
from kb.metadata.tvpl_table import strip_site_chrome

_BODY = (
    "**QUYẾT ĐỊNH**\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương; Căn cứ Nghị định số 30/2020/NĐ-CP của Chính phủ;\n"
    "Sửa đổi các văn bản liên quan đến Quyết định số 12/2021/QĐ-UBND.\n"
    "KT. CHỦ TỊCH\n"
)


def _page(footer: str) -> str:
    return _BODY + footer + "\nThông tư số 99/2019/TT-BTC hướng dẫn\n"


def test_each_footer_phrase_cuts_both_readers_at_the_same_line():
    for footer in ("| **FILE ĐƯỢC ĐÍNH KÈM THEO VĂN BẢN** |", "Văn bản này đã có nội dung Tiếng Anh",
                   "## Văn bản liên quan", "NỘI DUNG SỬA ĐỔI, HƯỚNG DẪN", "Thưa Quý khách, đăng nhập"):
        page = _page(footer)
        assert footer_start(page) == len(_BODY), footer
        assert strip_site_chrome(page) == _BODY
        numbers = {c.number for c in get_citations(page)}
        assert "30/2020/NĐ-CP" in numbers and "99/2019/TT-BTC" not in numbers, footer


def test_a_phrase_inside_the_document_is_not_a_footer():
    page = _BODY + "Các văn bản liên quan: Thông tư số 99/2019/TT-BTC.\n"
    assert footer_start(page) == len(page)
    assert strip_site_chrome(page) == page
    assert "99/2019/TT-BTC" in {c.number for c in get_citations(page)}
