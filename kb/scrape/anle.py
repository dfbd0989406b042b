"""anle.toaan.gov.vn, the Supreme People's Court's site of precedents (án lệ).

Only the attribute tab (``div#thuoctinh``) is parsed: Số án lệ, Tên án lệ,
Ngày thông qua, Ngày công bố, Quyết định công bố, Ngày áp dụng, Nguồn án lệ,
Trạng thái, Lĩnh vực.  The precedent's text itself is a PDF download.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from kb.model import Document, Relation
from kb.scrape.base import Link, ParsedPage, Site, iso_date, squash
from kb.scrape.vbpl import _canonical, _fold, split_title

ISSUER = "Hội đồng Thẩm phán Tòa án nhân dân tối cao"


class AnleSite(Site):
    name = "anle"

    def matches(self, url: str) -> bool:
        return urlsplit(url).netloc.lower() in ("anle.toaan.gov.vn", "www.anle.toaan.gov.vn")

    def parse(self, url: str, html: str) -> ParsedPage:
        soup = BeautifulSoup(html, "lxml")
        page = ParsedPage(url=url, kind="anle")
        panel = soup.find(id="thuoctinh")
        fields: dict[str, tuple[str, object]] = {}
        if panel is not None:
            for tr in panel.find_all("tr"):
                th, td = tr.find("th"), tr.find("td")
                if th is None or td is None:
                    continue
                fields[_fold(th.get_text(" "))] = (squash(td.get_text(" ")), td)
        doc = Document(number=None, type="Án lệ", issuer=ISSUER, source_url=url)
        doc.number = squash(fields.get("so an le", ("", None))[0]) or None
        doc.title = fields.get("ten an le", ("", None))[0] or None
        doc.date = iso_date(fields.get("ngay thong qua", ("", None))[0])
        doc.effective_date = iso_date(fields.get("ngay ap dung", ("", None))[0])
        doc.validity = fields.get("trang thai", ("", None))[0] or None
        doc.category = "state"
        doc.extra = {}
        if doc.date:
            doc.year = int(doc.date[:4])
        published = iso_date(fields.get("ngay cong bo", ("", None))[0])
        if published:
            page.extra["published"] = published
        if fields.get("linh vuc", ("", None))[0]:
            page.extra["field"] = fields["linh vuc"][0]
        source = fields.get("nguon an le", ("", None))[0]
        if source:
            page.extra["source_case"] = source
        decision = fields.get("quyet dinh cong bo")
        if decision and decision[0]:
            kind, number, title = split_title(decision[0])
            anchor = decision[1].find("a", href=True)
            link = Link(
                url=urljoin(url, anchor["href"]) if anchor else url,
                number=_canonical(number),
                type=kind,
                title=title,
                group="Quyết định công bố",
            )
            page.links.append(link)
            # The decision publishes the precedent: it "implements" nothing and
            # amends nothing, so it is recorded as a plain reference to it.
            page.relations.append(
                Relation(
                    "dan_chieu",
                    Document(number=link.number, type=kind, title=title, source_url=link.url,
                             issuer="Chánh án Tòa án nhân dân tối cao"),
                    "in",
                    evidence="anle: Quyết định công bố",
                )
            )
        for table in soup.find_all("table"):
            head = table.find("th")
            if head is None or _fold(head.get_text(" ")) != "so an le" or panel and panel.find("table") is table:
                continue
            for tr in table.find_all("tr")[1:]:
                tds = tr.find_all("td")
                cells = [squash(td.get_text(" ")) for td in tds]
                if len(cells) >= 2 and re.match(r"\d+/\d{4}/AL$", cells[0]):
                    anchor = tds[0].find("a", href=True) or tds[1].find("a", href=True)
                    href = anchor["href"] if anchor and not anchor["href"].startswith(("#", "javascript")) else None
                    page.related.append(Link(url=urljoin(url, href) if href else url, number=cells[0], type="Án lệ",
                                             title=cells[1], group="Văn bản liên quan"))
        page.document = doc
        for anchor in soup.find_all("a", href=True):
            if re.search(r"\.pdf($|\?)", anchor["href"], re.I):
                page.attachments.append(Link(url=urljoin(url, anchor["href"]), title=squash(anchor.get_text(" ")), group="attachment"))
        return page


SITE = AnleSite()
