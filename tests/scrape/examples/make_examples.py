"""Rebuild the trimmed example responses of each site from ../shared (run by hand).

``python -m tests.scrape.examples.make_examples`` writes ``<site>/<name>.<ext>``
and ``examples.json`` (name → URL).  Trimming keeps the structure each parser
reads and drops bulk: inline styles, long bodies, opaque ASP.NET state, all but a
few list rows.  Expected JSON files are then written by the test with
``KB_UPDATE_GOLDEN=1`` and reviewed by hand.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

from kb.config import shared_dir

HERE = Path(__file__).parent
GATEWAY = "https://vbpl-bientap-gateway.moj.gov.vn/api/qtdc/public"
CAPTURES = "realdata/sources-2026/20206205Tech+data-pipeline-vbplnew/_extracted"
CHINHPHU = "realdata/sources-2026/makecolour+SongGio/example/vanban.chinhphu.vn"


def _strip_styles(soup) -> None:
    for tag in soup.find_all(True):
        for attr in ("style", "width", "border", "cellspacing", "cellpadding", "align", "valign", "colspan"):
            tag.attrs.pop(attr, None)
    for tag in soup.find_all(["colgroup", "script", "style", "link", "meta", "img"]):
        tag.decompose()


def _trim_html_body(html: str, keep_blocks: int) -> str:
    """The first ``keep_blocks`` paragraphs/rows of a gateway body plus its last three (signature)."""
    soup = BeautifulSoup(html, "lxml")
    _strip_styles(soup)
    blocks = [p for p in soup.body.find_all(["p", "tr"]) if not p.find_parent(["p", "tr"])]
    for block in blocks[keep_blocks:-3]:
        block.decompose()
    text = str(soup.body)
    return re.sub(r"\n\s*\n+", "\n", text)


def gateway(shared: Path, out: Path, urls: dict) -> None:
    src = shared / CAPTURES
    site = out / "vbpl_gateway"
    site.mkdir(exist_ok=True)

    def dump(name: str, data: dict, url: str) -> None:
        (site / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        urls.setdefault("vbpl_gateway", {})[f"{name}.json"] = url

    listing = json.loads((src / "a1.py--POST_api_qtdc_public_doc_all--pageSize2.response.json").read_text())
    dump("doc_all", listing, f"{GATEWAY}/doc/all")
    for ident, keep in (("19761", 40), ("187649", 24), ("188001", 0)):
        detail = json.loads((src / f"a2.py--GET_api_qtdc_public_doc_{ident}.response.json").read_text())
        content = detail["data"].get("documentContent")
        if content and content.get("content"):
            content["content"] = _trim_html_body(content["content"], keep)
        dump(f"doc_{ident}", detail, f"{GATEWAY}/doc/{ident}")
    for name, ident in (("19761", "19761"), ("187649-inferred", "187649"), ("unidentified-empty", "999999")):
        tree = json.loads((src / f"a3.py--GET_api_qtdc_public_doc_provision_tree_{name}.response.json").read_text())
        dump(f"tree_{ident}", tree, f"{GATEWAY}/doc/provision/tree/{ident}")


def chinhphu(shared: Path, out: Path, urls: dict) -> None:
    src = shared / CHINHPHU
    site = out / "chinhphu"
    site.mkdir(exist_ok=True)
    soup = BeautifulSoup((src / "list.html").read_text(encoding="utf-8"), "lxml")
    form = soup.find("form", id="form1")
    hidden = [i for i in soup.find_all("input", type="hidden") if i.get("name", "").startswith("__")]
    for field in hidden:
        if len(field.get("value", "")) > 64:
            field["value"] = field["value"][:64]  # opaque server state: its length is irrelevant here
    grid = next(t for t in soup.find_all("table") if (t.get("id") or "").endswith("grvDocument"))
    rows = grid.find_all("tr", recursive=False)
    for row in rows[4:-1]:
        row.decompose()
    info = soup.find(id="document_page_info")
    _strip_styles(grid)
    page = ("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Hệ thống văn bản</title></head><body>\n"
            f"<form method=\"post\" action=\"/\" id=\"{form.get('id')}\">\n" + "\n".join(str(i) for i in hidden)
            + "\n<div>\n" + str(grid) + "\n" + str(info) + "\n</div>\n</form>\n</body></html>\n")
    (site / "list.html").write_text(re.sub(r"\n\s*\n+", "\n", page), encoding="utf-8")
    urls.setdefault("chinhphu", {})["list.html"] = "https://vanban.chinhphu.vn/?pageid=27160"
    detail = BeautifulSoup((src / "pageid=27160&docid=216105" / "details.html").read_text(encoding="utf-8"), "lxml")
    title = detail.select_one("h4.title")
    content = detail.find(class_="Content", id=re.compile("_Content$"))
    _strip_styles(content)
    page = ("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"></head><body>\n"
            + str(title) + "\n" + str(content) + "\n</body></html>\n")
    (site / "detail_216105.html").write_text(re.sub(r"\n\s*\n+", "\n", page), encoding="utf-8")
    urls["chinhphu"]["detail_216105.html"] = "https://vanban.chinhphu.vn/?pageid=27160&docid=216105"


def classic(shared: Path, out: Path, urls: dict) -> None:
    """vbpl.vn classic (archives) and anle: the attribute blocks their parsers read."""
    src = shared / "realdata" / "vbpl-html"
    for site_name, file, url, keep in (
        ("vbpl", "vbpl_thuoctinh.html", "https://vbpl.vn/TW/Pages/vbpq-thuoctinh.aspx?ItemID=96172",
         [("div", {"class": "box-map"}), ("div", {"class": "vbProperties"})]),
        ("anle", "anle_thuoctinh.html",
         "https://anle.toaan.gov.vn/webcenter/portal/anle/chitietanle?dDocName=TAND311306",
         [("div", {"id": "thuoctinh"})]),
    ):
        soup = BeautifulSoup((src / file).read_text(encoding="utf-8"), "lxml")
        parts = []
        for name, attrs in keep:
            found = soup.find(name, attrs=attrs)
            _strip_styles(found)
            parts.append(str(found))
        site = out / site_name
        site.mkdir(exist_ok=True)
        page = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n" + "\n".join(parts) + "\n</body></html>\n"
        (site / file).write_text(re.sub(r"\n\s*\n+", "\n", page), encoding="utf-8")
        urls.setdefault(site_name, {})[file] = url


def main() -> None:
    shared = shared_dir()
    if shared is None:
        raise SystemExit("../shared is absent")
    urls: dict = {}
    gateway(shared, HERE, urls)
    chinhphu(shared, HERE, urls)
    classic(shared, HERE, urls)
    (HERE / "examples.json").write_text(json.dumps(urls, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                        encoding="utf-8")


if __name__ == "__main__":
    main()
