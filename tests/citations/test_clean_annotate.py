"""First and last stages: visible text with offsets back, and links put in without harm."""
import unicodedata

import pytest

from kb.citations import annotate, get_citations, html_to_text
from kb.citations.clean import clean_text


@pytest.mark.parametrize("text", [
    "Nghị định số 15/2020/NĐ-CP",
    unicodedata.normalize("NFD", "Quyết định số 12/QĐ-UBND của Ủy ban nhân dân tỉnh"),
    "a\u200bb\ufeffc\u00adđ",
    "Ð\u00a0x\u2009y",
])
def test_clean_text_maps_every_span_back(text):
    mapped = clean_text(text)
    assert mapped.text == unicodedata.normalize("NFC", mapped.text)
    for start in range(len(mapped.text) + 1):
        for end in range(start, len(mapped.text) + 1):
            s, e = mapped.span_to_original(start, end)
            assert 0 <= s <= e <= len(text)
            assert unicodedata.normalize("NFC", text[s:e]).replace("Ð", "Đ").translate(
                {0x200B: None, 0xFEFF: None, 0xAD: None, 0xA0: " ", 0x2009: " "}) == mapped.text[start:end]


def test_html_to_text_visible_text_and_offsets():
    html = ("<html><head><title>x</title><style>p{}</style></head><body>"
            "<p>Căn cứ <b>Nghị định</b> số 15/2020/NĐ&#8209;CP &amp; khác</p><script>var a='1/QĐ-X'</script>"
            "<!-- 2/QĐ-UBND --><p>Dòng hai</p></body></html>")
    visible = html_to_text(html)
    assert "Căn cứ Nghị định số 15/2020/NĐ‑CP & khác" in visible.text
    assert "1/QĐ-X" not in visible.text and "2/QĐ-UBND" not in visible.text
    assert "khác\nDòng hai" in visible.text
    i = visible.text.index("&")
    assert html[visible.offsets[i]:visible.ends[i]] == "&amp;"
    j = visible.text.index("Nghị")
    assert html[visible.offsets[j]:visible.offsets[j] + 4] == "Nghị"


def test_annotate_plain_text_escapes_and_links():
    text = "Căn cứ Nghị định số 15/2020/NĐ-CP <tạm> & Luật Đất đai 2024."
    out = annotate(text, get_citations(text), lambda c: f"/van-ban/{c.slug}", html=False)
    assert '<a class="citation" href="/van-ban/15-2020-nd-cp"' in out
    assert ">Nghị định số 15/2020/NĐ-CP</a>" in out
    assert "&lt;tạm&gt; &amp; " in out
    assert '<a class="citation" href="/van-ban/luat-dat-dai-2024"' in out


def test_annotate_html_keeps_markup_and_changes_nothing_else():
    html = ('<div class="x"><p>Căn cứ <b>Nghị định số 15/2020/NĐ-CP</b> ngày 03/02/2020 '
            'của Chính phủ;</p><p>Theo <i>Luật</i> Đất đai 2024 &amp; số liệu</p></div>')
    cites = get_citations(html_to_text(html).text)
    out = annotate(html, cites, lambda c: "/van-ban/" + c.slug, html=True)
    # Removing the inserted links gives back the input, byte for byte.
    import re
    assert re.sub(r"<a class=\"citation\"[^>]*>|</a>", "", out) == html
    assert out.count('<a class="citation"') >= 3  # the decree is linked in two pieces around </b>
    # Elements still nest: each link is closed before the element it opened in.
    assert "<b><a " in out and "</a></b>" in out


def test_annotate_skips_citations_without_href():
    text = "Nghị định 15/2020/NĐ-CP và Nghị định 100/2019/NĐ-CP"
    cites = get_citations(text)
    out = annotate(text, cites, lambda c: None if c.number.startswith("100") else "/x", html=False)
    assert out.count("<a ") == 1


def test_annotate_html_does_not_nest_links():
    html = '<p><a href="/x">Nghị định 15/2020/NĐ-CP</a> và Nghị định 100/2019/NĐ-CP</p>'
    out = annotate(html, get_citations(html_to_text(html).text), lambda c: "/van-ban/" + c.slug, html=True)
    assert out == ('<p><a href="/x">Nghị định 15/2020/NĐ-CP</a> và <a class="citation" '
                   'href="/van-ban/100-2019-nd-cp" data-relation="dan_chieu" title="100/2019/NĐ-CP">'
                   'Nghị định 100/2019/NĐ-CP</a></p>')
