"""Every page type in a real browser at phone width (390 × 844) and on a desktop.

Nothing may stick out sideways (``scrollWidth <= innerWidth``): an official on a
phone must see every column of the linker's table, read the graph and reach
the search filters before scrolling past all the results.  Debian's chromium is
driven through Playwright as in test_browser.py; screenshots go to
tests/artifacts/.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kb.model import Document

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# A plan citing many documents with long names: the linker's table at its widest.
PLAN = """KẾ HOẠCH
Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030;
Căn cứ Quyết định số 1256/QĐ-UBND ngày 22/12/2021 của UBND tỉnh Quảng Ngãi;
Căn cứ Quyết định số 15/QĐ-UBND của UBND tỉnh;
Căn cứ Nghị quyết số 93/NQ-HĐND ngày 08/12/2021 của Hội đồng nhân dân tỉnh Quảng Ngãi;
Căn cứ Quyết định số 1000/QĐ-UBND ngày 15/01/2019 của Ủy ban nhân dân tỉnh Quảng Ngãi;
Căn cứ Nghị định số 25/2099/NĐ-CP ngày 01/02/2099 của Chính phủ;
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Thông tư số 01/2023/TT-BNVKHCNMTĐTHTQT ngày 01/01/2023;
"""


# A catalogue entry (a record without its text, as a fresh clone holds) and a plan citing it:
# the linker says "Có trong cơ sở, chưa có toàn văn", its widest status, and the graph must
# draw its box dashed.
CATALOGUE_ENTRY = Document(number="25/2099/NĐ-CP", type="Nghị định", issuer="Chính phủ", date="2099-02-01",
                           title="Quy định chi tiết một số điều của Luật Thử nghiệm", text=None)
CITING_IT = Document(number="7/KH-UBND", type="Kế hoạch", issuer="Ủy ban nhân dân tỉnh Quảng Ngãi",
                     date="2099-03-01", title="Triển khai Nghị định số 25/2099/NĐ-CP",
                     text="Thực hiện Nghị định số 25/2099/NĐ-CP ngày 01/02/2099 của Chính phủ, "
                          "UBND tỉnh ban hành kế hoạch triển khai.")


@pytest.fixture(scope="module")
def phone_kb(tmp_path_factory):
    import indexer
    from kb.store import open_store
    from tests.webapp.conftest import build_kb

    path = tmp_path_factory.mktemp("phonekb")
    slugs = build_kb(path)
    with open_store(path) as store:
        for doc in (CATALOGUE_ENTRY, CITING_IT):
            slugs.setdefault(doc.number, []).append(store.save_document(doc).slug)
    indexer.update(path)
    return path, slugs


@pytest.fixture(scope="module")
def kb_data(phone_kb):
    return phone_kb


@pytest.fixture(scope="module")
def slugs(phone_kb):
    return phone_kb[1]


@pytest.fixture(scope="module")
def app(phone_kb):
    from webapp import create_app

    return create_app({"DATA_DIR": str(phone_kb[0]), "TESTING": True})


@pytest.fixture(params=["phone", "desktop"])
def screen(request, browser):
    viewport = PHONE if request.param == "phone" else DESKTOP
    # Not is_mobile: a mobile viewport widens itself to the content, hiding the overflow we test.
    context = browser.new_context(viewport=viewport, java_script_enabled=False, device_scale_factor=1)
    page = context.new_page()
    yield request.param, page
    context.close()


@pytest.fixture(scope="module")
def stub_slug(kb_data):
    from kb.store import open_store

    with open_store(kb_data[0]) as store:
        found = [r for r in store.lookup("93/NQ-HĐND") if r is not None and r.is_stub]
    assert found, "the fixture's 1256/QĐ-UBND cites 93/NQ-HĐND, which has no text: a stub"
    return found[0].slug


def _overflow(page) -> tuple[int, int]:
    # evaluate() runs in the page even with the page's own scripts disabled
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def _check(page, name: str, kind: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{kind}-{name}.png"), full_page=True)
    scroll, inner = _overflow(page)
    assert inner == (PHONE if kind == "phone" else DESKTOP)["width"]
    assert scroll <= inner, f"{name} at {kind} width is {scroll} px wide for a {inner} px screen"


def _link_plan(page, live_url):
    page.goto(live_url + "/lien-ket")
    page.fill("#text", PLAN)
    page.click("form.linker button[type=submit]")
    page.wait_for_selector("#ket-qua table.cited")


def test_home(screen, live_url):
    kind, page = screen
    page.goto(live_url + "/")
    assert page.locator("h1").count() == 1
    _check(page, "home", kind)


def test_search_results_and_facets_come_first_on_a_phone(screen, live_url):
    kind, page = screen
    page.goto(live_url + "/?q=quyết định")
    page.wait_for_selector("ol.hits li")
    _check(page, "search", kind)
    facets = page.locator("aside.facets").bounding_box()
    first_hit = page.locator("ol.hits li").first.bounding_box()
    if kind == "phone":
        # the filters are reachable before the results, not after all twenty of them
        assert facets["y"] < first_hit["y"], (facets, first_hit)
        assert facets["height"] < PHONE["height"] / 2, "the filters must not push the results off the screen"
    else:
        assert facets["x"] < first_hit["x"]  # a column beside the results


def test_document_page_and_a_readable_graph(screen, live_url, slugs):
    kind, page = screen
    page.goto(live_url + f"/van-ban/{slugs['1256/QĐ-UBND'][0]}")
    page.wait_for_selector("svg.graph")
    _check(page, "document", kind)
    # the graph's 13 px labels are not shrunk below ~10 px to fit the screen
    width = page.locator("svg.graph").bounding_box()["width"]
    assert width * 13 / 880 >= 10, f"graph drawn {width:.0f} px wide: labels of {width * 13 / 880:.1f} px"
    # every edge target is still a link
    assert page.locator("svg.graph a").count() >= 2


def test_stub_page(screen, live_url, stub_slug):
    kind, page = screen
    page.goto(live_url + f"/van-ban/{stub_slug}")
    assert "chưa có toàn văn" in page.locator("article").inner_text()
    _check(page, "stub", kind)


def test_linker_result_shows_every_column(screen, live_url):
    kind, page = screen
    _link_plan(page, live_url)
    _check(page, "linker", kind)
    inner = page.evaluate("window.innerWidth")
    # Trạng thái and Hiệu lực are on the screen for every row
    for column in (3, 4):
        cells = page.locator(f"table.cited tbody tr td:nth-child({column})")
        assert cells.count() >= 3
        for i in range(cells.count()):
            box = cells.nth(i).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= inner + 0.5, (column, i, box)
    if kind == "phone":
        # each row's status says what it is, though the table head is not beside it
        assert "Trạng thái" in page.locator("table.cited tbody tr").first.inner_text() or \
            page.locator("table.cited thead").is_visible()


def test_graph_draws_a_record_without_text_dashed(screen, live_url, slugs):
    """The legend says a dashed border means no full text: the catalogue entry's box is dashed."""
    kind, page = screen
    page.goto(live_url + f"/van-ban/{slugs['7/KH-UBND'][0]}")
    entry = page.locator(f"svg.graph a[href='/van-ban/{slugs['25/2099/NĐ-CP'][0]}'] rect")
    assert entry.count() == 1
    assert entry.evaluate("r => getComputedStyle(r).strokeDasharray") not in ("none", "")
    centre = page.locator("svg.graph g.center rect")  # the plan itself has its text
    assert centre.evaluate("r => getComputedStyle(r).strokeDasharray") in ("none", "")
    assert "nét đứt" in page.locator(".legend").inner_text()


def test_error_page(screen, live_url):
    kind, page = screen
    response = page.goto(live_url + "/van-ban/khong-co-van-ban-nay")
    assert response.status == 404
    _check(page, "error", kind)


def test_linker_on_the_real_seed_plan_fits_a_phone(browser, live_url, shared):
    """The plan the issue was found with: its table made the page 733 px wide."""
    seed = next((shared / "seed").glob("*.txt")).read_text(encoding="utf-8")
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_url + "/lien-ket")
        page.fill("#text", seed)
        page.click("form.linker button[type=submit]")
        page.wait_for_selector("#ket-qua table.cited")
        _check(page, "linker-seed", "phone")
    finally:
        context.close()
