"""The web site's pure helpers: escaping, snippets, CSV cells, dates, graph layout, URL checks."""
from __future__ import annotations

import pytest

from webapp import filters, graph
from webapp.fetch import FetchRefused, check_url
from webapp.linking import Span, _cell, linked_html

XSS = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'


@pytest.mark.parametrize(
    "text, spans, expected",
    [
        ("abc", [], "abc"),
        ("a <b> c", [], "a &lt;b&gt; c"),
        ("xx 76/NQ-CP yy", [Span(3, 11, "/van-ban/76-nq-cp")],
         'xx <a href="/van-ban/76-nq-cp" class="" title="">76/NQ-CP</a> yy'),
        # overlapping spans: the first wins, the other is dropped
        ("0123456789", [Span(0, 5, "/a"), Span(3, 8, "/b")], '<a href="/a" class="" title="">01234</a>56789'),
        # out-of-range spans are ignored, never crash
        ("abc", [Span(2, 10, "/x"), Span(2, 1, "/y")], "abc"),
        ("<i>", [Span(0, 3, '/q?x="1"', title='"t"')],
         '<a href="/q?x=&#34;1&#34;" class="" title="&#34;t&#34;">&lt;i&gt;</a>'),
    ],
)
def test_linked_html_escapes_everything(text, spans, expected):
    assert str(linked_html(text, spans)) == expected


@pytest.mark.parametrize(
    "snippet, expected",
    [
        ("cải <b>cách</b> hành", "cải <mark>cách</mark> hành"),
        ('<b class="match term0">x</b>', "<mark>x</mark>"),
        ("a &lt;script&gt; b", "a &lt;script&gt; b"),
        (XSS, 'alert(1)"&gt;'),
        ("<b>open", "<mark>open</mark>"),
        ("close</b> x", "close x"),
        ("", ""),
        (None, ""),
    ],
)
def test_snippets_keep_only_highlights(snippet, expected):
    out = str(filters.safe_snippet(snippet))
    assert out == expected
    assert "<script" not in out and "<img" not in out


@pytest.mark.parametrize(
    "value, expected",
    [("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("-2", "'-2"), ("@x", "'@x"), ("76/NQ-CP", "76/NQ-CP"),
     (None, ""), (3, "3")],
)
def test_csv_cells_are_not_formulas(value, expected):
    assert _cell(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [("2021-07-15", "15/07/2021"), ("2021", "2021"), (None, ""), ("", "")],
)
def test_vn_date(value, expected):
    assert filters.vn_date(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [("con_hieu_luc", "ok"), ("Còn hiệu lực", "ok"), ("bi_thay_the", "bad"), ("het_hieu_luc_mot_phan", "warn"),
     (None, "unknown"), ("rubbish", "unknown")],
)
def test_validity_badges(value, expected):
    assert filters.validity_class(value) == expected


@pytest.mark.parametrize(
    "url, ok",
    [("https://vbpl.vn/x", "https://vbpl.vn/x"), ("javascript:alert(1)", None), ("  http://a.b/c ", "http://a.b/c"),
     ("ftp://x", None), (None, None), ("http://a b", None)],
)
def test_http_url(url, ok):
    assert filters.http_url(url) == ok


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8080/", "http://localhost/", "http://10.0.0.1/", "http://192.168.1.1/",
     "http://[::1]/", "http://169.254.169.254/latest/meta-data", "http://0.0.0.0/",
     "file:///etc/passwd", "gopher://x", "http://user:pw@example.com/", "http://", "not a url",
     "http://[::ffff:127.0.0.1]/"],
)
def test_private_and_odd_urls_are_refused(url):
    with pytest.raises(FetchRefused):
        check_url(url)


def test_allowed_addresses_are_exempt():
    assert check_url("http://127.0.0.1:9/x", frozenset({"127.0.0.1"})) == "http://127.0.0.1:9/x"


class _Doc:
    def __init__(self, slug, number, is_stub=False, type="Quyết định", date="2021-01-01", title=None):
        self.slug, self.number, self.is_stub, self.type, self.date = slug, number, is_stub, type, date
        self.year, self.title, self.name = int(date[:4]), title, None


class _Edge:
    def __init__(self, relation, source_doc, target_doc):
        self.relation, self.source_doc, self.target_doc = relation, source_doc, target_doc


def test_graph_layout_places_both_sides_and_caps_them():
    me = _Doc("me", "1/QĐ-UBND")
    cited = {"can_cu": [_Edge("can_cu", me, _Doc(f"c{i}", f"{i}/NQ-CP")) for i in range(20)],
             "thay_the": [_Edge("thay_the", me, _Doc("old", "9/QĐ-UBND", is_stub=True))]}
    citing = {"dan_chieu": [_Edge("dan_chieu", _Doc("x", "5/KH-UBND"), me)]}
    layout = graph.layout(me, cited, citing)
    assert [n.slug for n in layout.left] == ["x"]
    # strongest relation first, capped, with a "+N" node
    assert layout.right[0].slug == "old" and layout.right[0].stub and layout.right[0].relation == "thay_the"
    assert len(layout.right) == graph.MAX_PER_SIDE + 1 and layout.right[-1].more
    assert f"+ {21 - graph.MAX_PER_SIDE} văn bản khác" == layout.right[-1].label
    ys = [n.y for n in layout.right]
    assert ys == sorted(ys) and all(b - a >= graph.NODE_H for a, b in zip(ys, ys[1:]))
    assert all(0 <= n.y and n.y + graph.NODE_H <= layout.height for n in layout.right + layout.left + [layout.center])


def test_graph_of_a_lonely_document_is_empty():
    assert graph.layout(_Doc("me", "1/QĐ-UBND"), {}, {}).empty


@pytest.mark.parametrize(
    "doc, expected",
    [
        ({"number": "76/NQ-CP", "type": "Nghị quyết", "date": "2021-07-15"}, "Nghị quyết số 76/NQ-CP ngày 15/07/2021"),
        ({"number": "80/2015/QH13", "type": "Luật", "year": 2015}, "Luật số 80/2015/QH13"),
        ({"number": "1741/QĐ-UBND", "type": None, "year": 2023}, "Văn bản số 1741/QĐ-UBND năm 2023"),
        ({"number": None, "name": "Hiến pháp", "year": 2013}, "Hiến pháp năm 2013"),
        ({"number": None, "name": None}, "Văn bản không rõ số"),
    ],
)
def test_document_labels(doc, expected):
    assert filters.label_with_date(doc) == expected
