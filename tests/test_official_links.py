"""Links to the official copy: never a classic vbpl.vn page (404 since 2026-04-23), and only
URL shapes the 2026 evidence pack shows (kb/official_links.py, docs/sources-2026.md)."""
import json
import re
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest

from kb.official_links import (
    VBPL_CENTRAL, VBPL_LOCAL, chinhphu_detail_url, classic_vbpl_url, is_classic_vbpl, official_link,
    search_elsewhere, vbpl_detail_url,
)

PACK = "realdata/sources-2026"


def doc(**kw):
    base = dict(source_url=None, number=None, name=None, issuer=None, category="state", extra={})
    return SimpleNamespace(**{**base, **kw})


@pytest.mark.parametrize("url", [
    "http://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=12804",
    "https://vbpl.vn/tw/pages/vbpq-timkiem.aspx?type=0&s=1&Keyword=1/QĐ-UBND",
    "https://www.vbpl.vn/quangngai/Pages/vbpq-thuoctinh.aspx?ItemID=5",
    classic_vbpl_url("96172"),
])
def test_classic_pages_are_never_linked(url):
    assert is_classic_vbpl(url)
    link = official_link(doc(source_url=url, number="18/2008/QH12"))
    assert link is not None and not is_classic_vbpl(link.url)
    assert link.url == VBPL_CENTRAL and "18/2008/QH12" in link.label and link.kind == "vbpl_listing"


def test_gateway_id_gives_the_new_detail_page_and_a_pakage_itemid_does_not():
    assert official_link(doc(number="107/2003/QĐ-BTC", extra={"vbpl_id": "19761"})).url == \
        "https://vbpl.vn/van-ban/chi-tiet/van-ban--19761"
    uuid = "af28f900-429e-11f1-ac02-3babf827b65c"
    link = official_link(doc(extra={"vbpl_id": uuid}))
    assert link.url.endswith("--" + uuid) and link.confidence == "documented"
    # An ItemID alone (Pháp điển, classic site) maps to nothing verified: the listing page.
    link = official_link(doc(number="18/2008/QH12", extra={"vbpl_item_id": "12804"}))
    assert "12804" not in link.url and link.url == VBPL_CENTRAL and link.confidence == "capture"


def test_local_documents_go_to_the_local_listing_and_party_ones_nowhere():
    assert official_link(doc(number="1256/QĐ-UBND")).url == VBPL_LOCAL
    assert official_link(doc(number="01/2026/NQ-HĐND")).url == VBPL_LOCAL
    assert official_link(doc(number="12/KH", issuer="Ủy ban nhân dân tỉnh Quảng Ngãi")).url == VBPL_LOCAL
    assert official_link(doc(number="30/2020/NĐ-CP")).url == VBPL_CENTRAL
    assert official_link(doc(number="01-NQ/TW", category="party")) is None
    assert official_link(doc()) is None
    assert search_elsewhere("luật đất đai").url == VBPL_CENTRAL


def test_stored_live_urls_are_kept():
    congbao = "https://congbao.chinhphu.vn/van-ban/nghi-quyet-so-113-nq-cp-469448.htm"
    link = official_link(doc(source_url=congbao, number="113/NQ-CP"))
    assert link.url == congbao and link.kind == "stored" and link.confidence == "capture"
    assert official_link(doc(source_url="javascript:alert(1)", number="5/QĐ-Y")).url == VBPL_CENTRAL
    assert official_link(doc(extra={"chinhphu_docid": "216105"})).url == \
        "https://vanban.chinhphu.vn/?pageid=27160&docid=216105"


def test_shapes_match_the_real_captures(shared):
    """The listing pages are in vbpl.vn's captured sitemap; the chinhphu detail link is the one the
    captured list page uses; the gateway ids come from captured gateway responses."""
    root = shared / PACK
    sitemap = root / "Ryannurtanio+regcompass-final/tests/fixtures/portals/vn/sitemap_0_2026-09-16.xml"
    locs = {e.text for e in ElementTree.parse(sitemap).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert {VBPL_CENTRAL, VBPL_LOCAL} <= locs
    robots = (root / "Ryannurtanio+regcompass-final/tests/fixtures/portals/vn/robots_2026-09-16.txt").read_text()
    assert "Disallow: /Pages/" in robots  # the classic pages are gone from the new site
    listing = (root / "makecolour+SongGio/example/vanban.chinhphu.vn/list.html").read_text(encoding="utf-8")
    docid = re.search(r"href='/\?pageid=27160&docid=(\d+)'", listing).group(1)
    assert chinhphu_detail_url(docid) == f"https://vanban.chinhphu.vn/?pageid=27160&docid={docid}"
    for path in (root / "20206205Tech+data-pipeline-vbplnew/_extracted").glob("a2.py--*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))["data"]
        url = vbpl_detail_url(data["id"])
        assert re.fullmatch(r"https://vbpl\.vn/van-ban/chi-tiet/[^/]+--[0-9a-f-]+", url)
        assert url.rsplit("--", 1)[1] == data["id"]
