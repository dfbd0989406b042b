"""Parsers on every real saved page of ../shared/realdata/vbpl-html, against golden JSON.

The golden files in ``golden/`` were produced by the parsers and then checked
by hand against the pages (numbers, dates, signers, lược đồ groups and their
directions).  Regenerate after a deliberate parser change with
``KB_UPDATE_GOLDEN=1 pytest tests/scrape/test_scrape_parsers.py`` and review
the diff.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kb.scrape.anle import AnleSite
from kb.scrape.vbpl import GROUPS, VbplSite, block_text, split_title

GOLDEN = Path(__file__).parent / "golden"
VBPL = "https://vbpl.vn"

# saved page → the URL it was saved from (its real vbpl path)
PAGES = [
    ("vbpl_v1.html", f"{VBPL}/TW/Pages/vbpq-toanvan.aspx?ItemID=32801"),
    ("vbpl_v3.html", f"{VBPL}/TW/Pages/vbpq-toanvan.aspx?ItemID=96172"),
    ("vbpl_thuoctinh.html", f"{VBPL}/TW/Pages/vbpq-thuoctinh.aspx?ItemID=96172"),
    ("vbpl_thuoctinh_2.html", f"{VBPL}/TW/Pages/vbpq-thuoctinh.aspx?ItemID=32801"),
    ("vbpl_v2.html", f"{VBPL}/TW/Pages/vbpq-thuoctinh-hopnhat.aspx?ItemID=147301"),
    ("vbpl_luocdo_phaply.html", f"{VBPL}/TW/Pages/vbpq-luocdo.aspx?ItemID=32801"),
    ("vbpl_luocdo_hopnhat.html", f"{VBPL}/TW/Pages/vbpq-luocdo-hopnhat.aspx?ItemID=147301"),
    ("vbpl_related_doc.html", f"{VBPL}/TW/Pages/vbpq-vanbanlienquan.aspx?ItemID=32801"),
    ("vbpl_search.html", f"{VBPL}/VBQPPL_UserControls/Publishing_22/TimKiem/p_KetQuaTimKiemHopNhat.aspx?IsVietNamese=True&RowPerPage=10&Page=1"),
    ("anle_thuoctinh.html", "https://anle.toaan.gov.vn/webcenter/portal/anle/chitietanle?dDocName=TAND311306"),
]


def read(shared: Path, name: str) -> str:
    return (shared / "realdata" / "vbpl-html" / name).read_text(encoding="utf-8")


def parse(shared: Path, name: str, url: str):
    site = AnleSite() if name.startswith("anle") else VbplSite(base=VBPL)
    return site.parse(url, read(shared, name))


@pytest.mark.shared
@pytest.mark.parametrize("name, url", PAGES, ids=[p[0] for p in PAGES])
def test_page_matches_golden(shared, name, url):
    got = parse(shared, name, url).to_json()
    path = GOLDEN / (Path(name).stem + ".json")
    if os.environ.get("KB_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert got == expected


def test_every_saved_page_has_a_golden_file(shared):
    saved = {p.name for p in (shared / "realdata" / "vbpl-html").glob("*.html")}
    assert saved == {name for name, _ in PAGES}
    assert {Path(n).stem + ".json" for n in saved} <= {p.name for p in GOLDEN.glob("*.json")}


# Hand-checked facts, asserted directly so a golden regenerated carelessly still fails.
HAND_CHECKED = {
    "vbpl_thuoctinh.html": {
        "number": "101/2015/QH13", "type": "Bộ luật", "date": "2015-11-27", "effective_date": "2018-01-01",
        "issuer": "Quốc hội", "signer": "Nguyễn Sinh Hùng", "signer_title": "Chủ tịch Quốc hội",
        "validity": "Còn hiệu lực", "name": "Bộ luật Tố tụng hình sự",
    },
    "vbpl_thuoctinh_2.html": {"number": None, "name": "Hiến pháp năm 2013", "date": "2013-11-28"},
    "vbpl_v1.html": {"place": "Hà Nội", "date": "2013-11-28"},
    "vbpl_v3.html": {"number": "101/2015/QH13"},
    "vbpl_v2.html": {"number": "31/VBHN-VPQH", "issuer": "Văn phòng Quốc hội", "signer": "Nguyễn Hạnh Phúc",
                     "signer_title": "Chủ nhiệm", "date": "2020-12-07"},
    "anle_thuoctinh.html": {"number": "63/2023/AL", "effective_date": "2023-03-27"},
}


@pytest.mark.shared
@pytest.mark.parametrize(
    "name, field, value",
    [(name, field, value) for name, facts in HAND_CHECKED.items() for field, value in facts.items()],
)
def test_hand_checked_fields(shared, name, field, value):
    url = dict(PAGES)[name]
    assert getattr(parse(shared, name, url).document, field) == value


@pytest.mark.shared
def test_full_text_keeps_articles_and_drops_markup(shared):
    doc = parse(shared, "vbpl_v3.html", dict(PAGES)["vbpl_v3.html"]).document
    assert doc.text.startswith("BỘ LUẬT\nTỐ TỤNG HÌNH SỰ")
    assert "\nĐiều 509. Hiệu lực thi hành\n" in doc.text
    assert "Bộ luật tố tụng hình sự số 19/2003/QH11 hết hiệu lực" in doc.text
    assert "<" not in doc.text and "\t" not in doc.text


@pytest.mark.shared
def test_luocdo_groups_become_typed_edges_with_direction(shared):
    page = parse(shared, "vbpl_luocdo_phaply.html", dict(PAGES)["vbpl_luocdo_phaply.html"])
    by_group: dict[tuple, int] = {}
    for rel in page.relations:
        key = (rel.relation, rel.direction)
        by_group[key] = by_group.get(key, 0) + 1
    # 88 documents guide or detail the Constitution; it refers to the four earlier ones.
    assert by_group == {("huong_dan", "in"): 88, ("dan_chieu", "out"): 4}
    older = sorted(r.other.name for r in page.relations if r.relation == "dan_chieu")
    assert older == ["Hiến pháp năm 1946", "Hiến pháp năm 1959", "Hiến pháp năm 1980", "Hiến pháp năm 1992"]
    # "Văn bản liên quan khác" states no direction: kept apart, not turned into edges.
    assert [link.number for link in page.related] == ["64/2013/QH13", "18/2013/L-CTN"]
    assert page.document.name == "Hiến pháp năm 2013"


def test_group_table_uses_only_design_relation_codes():
    from kb.model import RELATIONS

    assert {code for code, _ in GROUPS.values()} <= set(RELATIONS)
    assert {direction for _, direction in GROUPS.values()} == {"in", "out"}


@pytest.mark.shared
def test_search_results_give_numbers_and_dates(shared):
    page = parse(shared, "vbpl_search.html", dict(PAGES)["vbpl_search.html"])
    assert page.total == 1202
    assert len(page.hits) == 10
    first = page.hits[0]
    assert (first.number, first.date) == ("31/VBHN-VPQH", "2020-12-07")
    assert VbplSite.item_id(first.url) == "147301"


@pytest.mark.shared
def test_merging_the_tabs_of_one_document(shared):
    site = VbplSite(base=VBPL)
    pages = [parse(shared, n, dict(PAGES)[n]) for n in ("vbpl_v1.html", "vbpl_thuoctinh_2.html", "vbpl_luocdo_phaply.html")]
    merged = site.merge(pages)
    doc = merged.document
    assert doc.name == "Hiến pháp năm 2013" and doc.number is None
    assert doc.signer == "Nguyễn Sinh Hùng" and doc.place == "Hà Nội"
    assert doc.text.startswith("HIẾN PHÁP") and len(doc.text) > 50000
    assert doc.source_url.endswith("vbpq-toanvan.aspx?ItemID=32801")
    assert len(merged.relations) == 92
    assert doc.slug == "hien-phap-nam-2013-2013-11-28"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Luật 50/2014/QH13 Xây dựng", ("Luật", "50/2014/QH13", "Xây dựng")),
        ("Nghị quyết liên tịch 01/2016/NQLT-CP Về x", ("Nghị quyết liên tịch", "01/2016/NQLT-CP", "Về x")),
        ("Hiến pháp\n\t\tKhông số\n\t\tHiến pháp năm 1946", ("Hiến pháp", "Không số", "Hiến pháp năm 1946")),
        ("Bài báo bất kỳ", (None, None, "Bài báo bất kỳ")),
    ],
)
def test_split_title(text, expected):
    assert split_title(text) == expected


def test_block_text_one_line_per_block():
    from bs4 import BeautifulSoup

    soup = BeautifulSoup("<div><p>Điều <a name='x'></a>1.\n\t Phạm vi</p><p> </p><p>a<br>b</p></div>", "lxml")
    assert block_text(soup.div) == "Điều 1. Phạm vi\na\nb"


@pytest.mark.parametrize(
    "url, kind, urls",
    [
        (f"{VBPL}/TW/Pages/vbpq-thuoctinh.aspx?ItemID=96172", "thuoctinh", 3),
        (f"{VBPL}/tw/Pages/vbpq-van-ban-goc-hopnhat.aspx?ItemID=147301", "hopnhat", 2),
        (f"{VBPL}/quangngai/Pages/vbpq-toanvan.aspx?ItemID=5&Keyword=", "toanvan", 3),
    ],
)
def test_vbpl_urls(url, kind, urls):
    site = VbplSite(base=VBPL)
    assert site.matches(url) and site.page_kind(url) == kind
    tabs = site.document_urls(url)
    assert len(tabs) == urls and all(site.item_id(t) == site.item_id(url) for t in tabs)
    assert not site.matches("https://example.org/TW/Pages/vbpq-toanvan.aspx?ItemID=1")
    if "quangngai" in url:
        assert tabs[0].startswith(f"{VBPL}/quangngai/Pages/")


def test_search_url_quotes_the_number():
    url = VbplSite(base=VBPL).search_url("1741/QĐ-UBND")
    assert url.startswith(f"{VBPL}/VBQPPL_UserControls/Publishing_22/TimKiem/p_KetQuaTimKiemVanBan.aspx?")
    assert "Keyword=1741%2FQ%C4%90-UBND" in url


@pytest.mark.shared
@pytest.mark.parametrize("name, url", [p for p in PAGES if "hopnhat" in p[1]], ids=["thuoctinh", "luocdo"])
def test_a_consolidated_text_points_at_what_it_consolidates_with_hop_nhat(shared, name, url):
    # 31/VBHN-VPQH consolidates Luật Thủy sản 15/2012 and its amenders: "Văn bản được hợp
    # nhất" is hop_nhat from the VBHN to each of them, not a mere reference.
    page = parse(shared, name, url)
    numbers = {r.other.number: (r.relation, r.direction) for r in page.relations}
    assert numbers["15/2012/QH13"] == ("hop_nhat", "out")
    assert numbers["54/2014/QH13"] == ("hop_nhat", "out")
    assert all(r.relation == "hop_nhat" for r in page.relations)


def test_the_consolidated_group_maps_to_hop_nhat():
    assert GROUPS["van ban duoc hop nhat"] == ("hop_nhat", "out")
