"""vanban.chinhphu.vn (Hệ thống văn bản of the Government portal) and its files on
datafiles.chinhphu.vn.

Written on the real list and detail pages saved on 2025-12-10 (makecolour/SongGio,
see ``../shared/realdata/sources-2026/README.md``); trimmed copies are the examples
in ``tests/scrape/examples/chinhphu/``.

* list (``/?pageid=…``): an ASP.NET grid ``table#…_grvDocument`` (Số ký hiệu,
  Ngày ban hành, Trích yếu with the attached file); later pages are postbacks
  ``__doPostBack('<grid>', 'Page$N')`` carrying ``__VIEWSTATE`` and friends
  (:func:`postback`); "1 - 50 | 95775" gives the total;
* detail (``/?pageid=27160&docid=N``): the metadata table (Số ký hiệu, Ngày ban
  hành, Ngày có hiệu lực, Loại văn bản, Cơ quan ban hành, Người ký, Trích yếu,
  Tài liệu đính kèm); the text is in the linked PDF/DOCX, which the crawler
  reads through the importers.
"""
from __future__ import annotations

import html as htmllib
import os
import re
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

from bs4 import BeautifulSoup

from kb.model import Document
from kb.scrape.base import Link, ParsedPage, Site, iso_date, squash

BASE_URL = "https://vanban.chinhphu.vn"
ENV_BASE = "KB_VANBAN_CHINHPHU"
_POSTBACK = re.compile(r"__doPostBack\(\s*'([^']+)'\s*,\s*'(Page\$[^']+)'\s*\)")
_TOTAL = re.compile(r"(\d+)\s*-\s*(\d+)\s*\|\s*(\d+)")
_FILE = re.compile(r"\.(pdf|docx?)(?:$|[?#])", re.I)
FIELDS = {
    "so ky hieu": "number", "ngay ban hanh": "date", "ngay co hieu luc": "effective_date",
    "loai van ban": "type", "co quan ban hanh": "issuer", "nguoi ky": "signer", "trich yeu": "title",
}


def _fold(text: str) -> str:
    from kb.text import fold

    return squash(fold(squash(text))).lower()


def _dmy(text: str) -> str | None:
    """``28-11-2025`` or ``28/11/2025`` → ISO."""
    return iso_date(squash(text).replace("-", "/"))


class ChinhphuSite(Site):
    name = "chinhphu"
    label = "vanban.chinhphu.vn"
    live = True  # checked by ``kb sources check``
    list_path = "/?pageid=27160"  # "Hệ thống văn bản", the list the examples come from

    def checks(self) -> list:
        from kb.errors import KbError
        from kb.scrape.check import Check

        def list_request(context):
            return self.base + self.list_path, None, None

        def list_verify(text, context):
            page = self.parse(self.base + self.list_path, text)
            if page.kind != "search":
                raise KbError("vanban.chinhphu.vn danh sách: không thấy bảng văn bản (…grvDocument)")
            if not page.hits:
                raise KbError("vanban.chinhphu.vn danh sách: bảng không có dòng văn bản nào đọc được")
            if not page.extra.get("pages"):
                raise KbError("vanban.chinhphu.vn danh sách: không thấy phân trang __doPostBack(…, 'Page$N')")
            context["detail"] = page.hits[0].url
            return f"{page.total or '?'} văn bản; dòng đầu {page.hits[0].number}"

        def detail_request(context):
            return context["detail"], None, None

        def detail_verify(text, context):
            page = self.parse(context["detail"], text)
            doc = page.document
            if doc is None:
                raise KbError("vanban.chinhphu.vn chi tiết: không thấy bảng thuộc tính (Số ký hiệu, Trích yếu)")
            absent = [label for label, value in (("Số ký hiệu", doc.number), ("Ngày ban hành", doc.date),
                                                 ("Loại văn bản", doc.type), ("Cơ quan ban hành", doc.issuer))
                      if not value]
            if absent:
                raise KbError(f"vanban.chinhphu.vn chi tiết: thiếu {', '.join(absent)}")
            files = f"{len(page.attachments)} tệp" if page.attachments else "không có tệp đính kèm"
            return f"{doc.number}: {files}"

        return [Check("danh sách", list_request, list_verify), Check("chi tiết", detail_request, detail_verify,
                                                                      needs=("detail",))]

    def __init__(self, base: str | None = None):
        self.base = (base or os.environ.get(ENV_BASE) or BASE_URL).rstrip("/")
        self.hosts = {"vanban.chinhphu.vn", urlsplit(self.base).netloc.lower()}

    def matches(self, url: str) -> bool:
        # The portal's pages are all "/?pageid=…" (lists) or "/?pageid=…&docid=…" (details).
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        return parts.netloc.lower() in self.hosts and parts.path in ("", "/") and ("pageid" in query or "docid" in query)

    @staticmethod
    def doc_id(url: str) -> str | None:
        values = parse_qs(urlsplit(url).query).get("docid") or []
        return values[0] if values and values[0].isdigit() else None

    def document_target(self, url: str) -> str | None:
        ident = self.doc_id(url) if self.matches(url) else None
        if not ident:
            return None
        pageid = (parse_qs(urlsplit(url).query).get("pageid") or ["27160"])[0]
        return f"{self.base}/?{urlencode({'pageid': pageid, 'docid': ident})}"

    def part_name(self, url: str) -> str:
        return "trang chi tiết"

    def parse(self, url: str, html: str) -> ParsedPage:
        soup = BeautifulSoup(html, "lxml")
        table = next((t for t in soup.find_all("table") if (t.get("id") or "").endswith("grvDocument")), None)
        if table is not None and not self.doc_id(url):
            return self._parse_list(url, soup, table, html)
        return self._parse_detail(url, soup)

    # -- list --------------------------------------------------------------

    def _parse_list(self, url: str, soup, table, html: str) -> ParsedPage:
        page = ParsedPage(url=url, kind="search")
        for row in table.find_all("tr", recursive=False) or table.find_all("tr"):
            if "grid-pager" in (row.get("class") or []):
                continue
            cells = row.find_all("td", recursive=False)
            if len(cells) < 3:
                continue
            anchor = cells[0].find("a", href=True)
            if anchor is None:
                continue
            code = anchor.find(class_="code")
            summary = cells[2].find(class_="substract")
            link = Link(
                url=urljoin(self.base + "/", anchor["href"]),
                number=squash(code.get_text(" ")) if code else None,
                title=squash(summary.get_text(" ")) if summary else None,
                date=_dmy(cells[1].get_text(" ")),
                group="list",
            )
            # The row's file is the detail page's attachment too: followed from there, with
            # the document's metadata, rather than read here as an anonymous file.
            page.hits.append(link)
            page.links.append(link)
        info = soup.find(id="document_page_info")
        m = _TOTAL.search(info.get_text(" ")) if info is not None else None
        if m:
            page.total = int(m.group(3))
            page.extra["range"] = [int(m.group(1)), int(m.group(2))]
        pages = []
        for target, argument in _POSTBACK.findall(htmllib.unescape(html)):
            if argument not in pages:
                pages.append(argument)
                page.extra["postback_target"] = target
        page.extra["pages"] = pages
        current = table.select_one("tr.grid-pager span")
        page.extra["page"] = int(current.get_text()) if current and current.get_text().strip().isdigit() else 1
        return page

    # -- detail ------------------------------------------------------------

    def _parse_detail(self, url: str, soup) -> ParsedPage:
        page = ParsedPage(url=url, kind="detail")
        facts: dict[str, str] = {}
        files: list[Link] = []
        for row in soup.find_all("tr"):
            label = row.find("td", class_="col1")
            if label is None:
                continue
            value = label.find_next_sibling("td")
            if value is None:
                continue
            key = _fold(label.get_text(" "))
            if key in FIELDS:
                facts[FIELDS[key]] = squash(value.get_text(" "))
            elif key.startswith("tai lieu dinh kem"):
                for anchor in value.find_all("a", href=True):
                    target = urljoin(url, anchor["href"])
                    if _FILE.search(target) and target not in {f.url for f in files}:
                        files.append(Link(url=target, title=squash(anchor.get_text(" ")) or None, group="attachment"))
        if not facts.get("number") and not facts.get("title"):
            return page  # not a detail page (or the site changed): nothing to say
        number = facts.get("number")
        if number:
            from kb.citations import canonical_number

            number = canonical_number(number) or number
        doc = Document(
            number=number, type=facts.get("type") or None, issuer=facts.get("issuer") or None,
            date=_dmy(facts.get("date", "")), effective_date=_dmy(facts.get("effective_date", "")),
            title=facts.get("title") or None, signer=facts.get("signer") or None, source_url=url,
        )
        doc.year = int(doc.date[:4]) if doc.date else None
        heading = soup.select_one("h4.title")
        if heading is not None:
            page.extra["heading"] = squash(heading.get_text(" "))
        if not doc.number:
            doc.name = doc.title
        doc.extra["chinhphu_docid"] = self.doc_id(url)
        page.document = doc
        page.attachments = files
        return page


def postback(html: str, target: str, argument: str) -> bytes:
    """The form body an ASP.NET ``__doPostBack(target, argument)`` sends: every hidden
    field of the page's form (``__VIEWSTATE``, ``__EVENTVALIDATION`` …) plus the event."""
    soup = BeautifulSoup(html, "lxml")
    form = soup.find("form") or soup
    fields: list[tuple[str, str]] = []
    for field in form.find_all("input"):
        name = field.get("name")
        if not name or (field.get("type") or "text").lower() not in ("hidden",):
            continue
        if name in ("__EVENTTARGET", "__EVENTARGUMENT"):
            continue
        fields.append((name, field.get("value") or ""))
    fields = [("__EVENTTARGET", target), ("__EVENTARGUMENT", argument)] + fields
    return urlencode(fields).encode("ascii")


def next_page_request(page: ParsedPage, html: str) -> tuple[str, bytes] | None:
    """(argument, form body) for the page after ``page`` in a list, or None on the last."""
    wanted = f"Page${page.extra.get('page', 1) + 1}"
    target = page.extra.get("postback_target")
    if not target or wanted not in page.extra.get("pages", []):
        return None
    return wanted, postback(html, target, wanted)


SITE = ChinhphuSite()
