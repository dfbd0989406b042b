"""A real browser (Debian's chromium through Playwright) on a live server.

Screenshots go to tests/artifacts/ (gitignored); look at them after a change
to the templates or the stylesheet.
"""
from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
SEED_NUMBERS = ["198/KH-SNgV", "210/KH-SNgV", "76/NQ-CP", "93/NQ-HĐND", "1256/QĐ-UBND", "1782/QĐ-UBND",
                "1373/QĐ-TTg", "1741/QĐ-UBND", "339/QĐ-UBND", "272/QĐ-UBND", "673/QĐ-UBND", "1283/QĐ-UBND"]


@pytest.fixture(scope="module")
def page(browser, live_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    # Nothing may come from another host.
    foreign = []
    context.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(live_url) else None)
    page = context.new_page()
    # A blocked style or resource (CSP) shows up as a console error.
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "404" not in m.text else None)
    yield page
    context.close()
    assert not foreign, foreign
    assert not errors, errors


def test_search_open_result_and_follow_a_citation(page, live_url, slugs):
    page.goto(live_url + "/")
    page.fill("#q", "cai cach hanh chinh")
    page.press("#q", "Enter")
    page.wait_for_selector("ol.hits li")
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)
    assert page.locator("ol.hits li").count() >= 2
    assert page.locator("ol.hits mark").count() >= 1

    page.click(f"ol.hits a[href='/van-ban/{slugs['1256/QĐ-UBND'][0]}']")
    page.wait_for_selector("#toan-van")
    assert "1256/QĐ-UBND" in page.locator("h1").inner_text()
    assert page.locator("svg.graph a").count() >= 2
    page.screenshot(path=str(ARTIFACTS / "document.png"), full_page=True)
    page.locator("svg.graph").screenshot(path=str(ARTIFACTS / "document-graph.png"))

    page.click(f"#toan-van a.cite[href='/van-ban/{slugs['76/NQ-CP'][0]}']")
    page.wait_for_selector("h1")
    assert "76/NQ-CP" in page.locator("h1").inner_text()
    assert page.url.endswith(f"/van-ban/{slugs['76/NQ-CP'][0]}")
    page.screenshot(path=str(ARTIFACTS / "document-cited.png"), full_page=True)

    # a node of the graph is a link too
    page.click(f"svg.graph a[href='/van-ban/{slugs['1256/QĐ-UBND'][0]}']")
    page.wait_for_selector("#toan-van")
    assert "1256/QĐ-UBND" in page.locator("h1").inner_text()


def test_replaced_document_page(page, live_url, slugs):
    page.goto(live_url + f"/van-ban/{slugs['1000/QĐ-UBND'][0]}")
    assert "Bị thay thế bởi" in page.locator(".validity").inner_text()
    page.screenshot(path=str(ARTIFACTS / "document-replaced.png"), full_page=True)


def test_linker_on_the_seed_plan(page, live_url, shared):
    seed = next((shared / "seed").glob("*.txt")).read_text(encoding="utf-8")
    page.goto(live_url + "/lien-ket")
    page.fill("#text", seed)
    page.click("form.linker button[type=submit]")
    page.wait_for_selector("#ket-qua")
    page.screenshot(path=str(ARTIFACTS / "linker.png"), full_page=True)
    page.locator("#ket-qua table.cited").screenshot(path=str(ARTIFACTS / "linker-table.png"))
    rows = page.locator("table.cited tbody tr td:nth-child(2) > a").all_inner_texts()
    for number in SEED_NUMBERS:
        assert any(number in row for row in rows), (number, rows)
    links = page.locator(".fulltext.linked a.cite")
    hrefs = [
        links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(hrefs) >= 12 and all(h.startswith(("/van-ban/", "/?q=")) for h in hrefs)
    texts = " ".join(links.all_inner_texts())
    for number in SEED_NUMBERS:
        assert number.split("/")[0] in texts, number
    # the whole page renders without a single error status
    page.goto(live_url + "/lien-ket")


def test_error_page_in_the_browser(page, live_url):
    response = page.goto(live_url + "/van-ban/khong-co-van-ban-nay")
    assert response.status == 404
    assert "Không tìm thấy" in page.locator("h1").inner_text()
    page.screenshot(path=str(ARTIFACTS / "error-404.png"))


def test_document_page_on_a_phone(page, live_url, slugs):
    """390 px wide (a phone): no sideways scrolling, the contents and the articles usable."""
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        page.goto(live_url + f"/van-ban/{slugs['1256/QĐ-UBND'][0]}#dieu-2")
        width, client = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width <= client, (width, client)
        assert page.locator("#dieu-2 a.permalink").count() == 1
        assert page.locator(".doc-toc details a[href='#dieu-1']").count() == 1
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page.locator(".doc-letterhead").inner_text()
        page.screenshot(path=str(ARTIFACTS / "document-phone.png"))
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
