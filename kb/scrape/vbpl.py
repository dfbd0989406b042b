"""vbpl.vn, the national legal database (Bộ Tư pháp): the classic SharePoint site.

One document is spread over tabs that share an ``ItemID``:

* ``vbpq-toanvan.aspx``: the full text (``div#toanvancontent``), the official
  header (issuer, ``Số:``, place and date) and the signature block;
* ``vbpq-thuoctinh.aspx``: the attribute table (``div.vbProperties``): Số ký
  hiệu, Ngày ban hành, Loại văn bản, Ngày có hiệu lực, Cơ quan ban hành /
  Chức danh / Người ký, Tình trạng hiệu lực …;
* ``vbpq-luocdo.aspx``: the relationship diagram, boxes of documents in
  three columns: what this document does to others (left), neutral lists
  (middle), what others do to it (right);
* ``vbpq-vanbanlienquan.aspx``: the same lists as a table;
* consolidated texts (*văn bản hợp nhất*) use ``…-hopnhat.aspx`` pages;
* search results come from ``VBQPPL_UserControls/Publishing_22/TimKiem/
  p_KetQuaTimKiem*.aspx`` fragments.

Since the 2026-04-23 relaunch these pages answer 404: the site is a JavaScript
application over a JSON gateway, read by ``vbpl_gateway.py``.  This module
stays for the saved copies (archives) and any mirror of the classic site.
"""
from __future__ import annotations

import os
import re
from urllib.parse import parse_qs, quote, urlencode, urljoin, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from kb.model import Document, Relation
from kb.scrape.base import Link, ParsedPage, Site, iso_date, squash
from kb.vocabulary import NAMED_TYPES, VBPL_TYPES

BASE_URL = "https://vbpl.vn"

# Document types as vbpl writes them, longest first (kb.vocabulary).
TYPES = VBPL_TYPES
_TYPE_RE = re.compile(r"^\s*(" + "|".join(re.escape(t) for t in TYPES) + r")\s+(Không số|\S+)\s*(.*)$", re.S | re.I)

# The lược đồ boxes (and the related-documents table), by their heading,
# folded: (relation code, direction seen from the current document, partial).
# "out": the current document does it to the listed one; "in": the listed
# one does it to the current document.  "Đình chỉ" (việc thi hành) suspends:
# ``ngung_hieu_luc``.
GROUPS: dict[str, tuple[str, str]] = {
    "van ban duoc hd, qd chi tiet": ("huong_dan", "out"),
    "van ban hd, qd chi tiet": ("huong_dan", "in"),
    "van ban duoc huong dan": ("huong_dan", "out"),
    "van ban huong dan": ("huong_dan", "in"),
    "van ban het hieu luc": ("bai_bo", "out"),
    "van ban quy dinh het hieu luc": ("bai_bo", "in"),
    "van ban bi het hieu luc 1 phan": ("bai_bo", "out"),
    "van ban quy dinh het hieu luc 1 phan": ("bai_bo", "in"),
    "van ban bi bai bo": ("bai_bo", "out"),
    "van ban bai bo": ("bai_bo", "in"),
    "van ban can cu": ("can_cu", "out"),
    "van ban duoc can cu": ("can_cu", "in"),
    "van ban dan chieu": ("dan_chieu", "out"),
    "van ban bi dinh chi": ("ngung_hieu_luc", "out"),
    "van ban dinh chi": ("ngung_hieu_luc", "in"),
    "van ban bi dinh chi 1 phan": ("ngung_hieu_luc", "out"),
    "van ban dinh chi 1 phan": ("ngung_hieu_luc", "in"),
    "van ban duoc bo sung": ("sua_doi", "out"),
    "van ban bo sung": ("sua_doi", "in"),
    "van ban duoc sua doi": ("sua_doi", "out"),
    "van ban sua doi": ("sua_doi", "in"),
    "van ban bi thay the": ("thay_the", "out"),
    "van ban thay the": ("thay_the", "in"),
    "van ban bi thay the 1 phan": ("thay_the", "out"),
    "van ban thay the 1 phan": ("thay_the", "in"),
    "van ban duoc hop nhat": ("hop_nhat", "out"),
}
# Lists without a direction ("liên quan khác", "cùng nội dung"): kept as
# ``related``, never turned into edges we cannot justify.
UNTYPED_GROUPS = ("van ban lien quan khac", "van ban lien quan cung noi dung", "van ban lien quan")

_BLOCK_TAGS = {
    "p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "section", "article", "pre", "hr", "td", "th", "dd", "dt",
}
_DOWNLOAD = re.compile(r"downloadfile\(\s*'([^']*)'\s*,\s*'([^']*)'\s*\)")
_ITEM_ID = re.compile(r"ItemID=(\d+)", re.I)


def _fold(text: str) -> str:
    from kb.text import fold

    return squash(fold(squash(text)))


def _canonical(number: str | None) -> str | None:
    if not number or _fold(number) == "khong so":
        return None
    number = squash(number).rstrip(".;,")
    from kb.citations import canonical_number

    return canonical_number(number) or number


def block_text(element: Tag | None) -> str:
    """Visible text of an element, one line per block, source indentation dropped."""
    if element is None:
        return ""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = squash("".join(current))
        if line:
            lines.append(line)
        current.clear()

    def walk(node) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child).__name__ in ("Comment", "Doctype", "ProcessingInstruction", "Declaration"):
                    continue
                current.append(str(child))
            elif isinstance(child, Tag):
                if child.name in ("script", "style", "noscript", "template"):
                    continue
                block = child.name in _BLOCK_TAGS
                if block:
                    flush()
                walk(child)
                if block:
                    flush()

    walk(element)
    flush()
    return "\n".join(lines)


def split_title(text: str) -> tuple[str | None, str | None, str | None]:
    """``"Luật 50/2014/QH13 Xây dựng"`` → ``("Luật", "50/2014/QH13", "Xây dựng")``."""
    text = squash(text)
    m = _TYPE_RE.match(text)
    if not m:
        return None, None, text or None
    kind = next(t for t in TYPES if t.lower() == m.group(1).lower())
    number = m.group(2)
    title = squash(m.group(3)) or None
    return kind, number, title


def document_name(kind: str | None, title: str | None) -> str | None:
    """A name for laws and codes ("Bộ luật Tố tụng hình sự"), used by name-only citations."""
    if not kind or not title or kind not in NAMED_TYPES:
        return None
    if _fold(title).startswith(_fold(kind)):
        return title
    return f"{kind} {title}"


def _sentence_case(text: str) -> str:
    text = squash(text)
    if text and text.isupper():
        return text[:1] + text[1:].lower()
    return text


class VbplSite(Site):
    """Parser and URL scheme of vbpl.vn (classic site)."""

    name = "vbpl"

    def __init__(self, base: str | None = None, hosts: tuple[str, ...] = ()):
        self.base = (base or os.environ.get("KB_VBPL_BASE") or BASE_URL).rstrip("/")
        self.hosts = {"vbpl.vn", "www.vbpl.vn", urlsplit(self.base).netloc, *hosts}

    # -- URLs ----------------------------------------------------------------

    def matches(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.netloc.lower() not in self.hosts:
            return False
        return bool(self.page_kind(url))

    @staticmethod
    def page_kind(url: str) -> str | None:
        path = urlsplit(url).path.lower()
        name = path.rsplit("/", 1)[-1]
        if name.startswith("p_ketquatimkiem") or name == "vbpq-timkiem.aspx":
            return "search"
        table = {
            "vbpq-toanvan.aspx": "toanvan",
            "vbpq-thuoctinh.aspx": "thuoctinh",
            "vbpq-thuoctinh-hopnhat.aspx": "thuoctinh",
            "vbpq-luocdo.aspx": "luocdo",
            "vbpq-luocdo-hopnhat.aspx": "luocdo",
            "vbpq-vanbanlienquan.aspx": "lienquan",
            "vbpq-van-ban-goc-hopnhat.aspx": "hopnhat",
            "vbpq-van-ban-goc-new-hopnhat.aspx": "hopnhat",
            "vbpq-van-ban-goc.aspx": "goc",
            "vbpq-print.aspx": "toanvan",
        }
        return table.get(name)

    @staticmethod
    def item_id(url: str) -> str | None:
        query = parse_qs(urlsplit(url).query)
        for key, values in query.items():
            if key.lower() == "itemid" and values and values[0].isdigit():
                return values[0]
        return None

    def _prefix(self, url: str) -> str:
        """``https://vbpl.vn/TW`` for ``https://vbpl.vn/TW/Pages/…`` (provinces have their own)."""
        parts = urlsplit(url)
        segments = parts.path.split("/")
        scope = segments[1] if len(segments) > 3 and segments[2].lower() == "pages" else "TW"
        return f"{parts.scheme}://{parts.netloc}/{scope}"

    def document_urls(self, url: str) -> list[str]:
        """The tabs that together describe the document of ``url``, main tab first."""
        item = self.item_id(url)
        if not item:
            return [url]
        prefix = self._prefix(url)
        if "hopnhat" in urlsplit(url).path.lower():
            return [
                f"{prefix}/Pages/vbpq-thuoctinh-hopnhat.aspx?ItemID={item}",
                f"{prefix}/Pages/vbpq-luocdo-hopnhat.aspx?ItemID={item}",
            ]
        return [
            f"{prefix}/Pages/vbpq-toanvan.aspx?ItemID={item}",
            f"{prefix}/Pages/vbpq-thuoctinh.aspx?ItemID={item}",
            f"{prefix}/Pages/vbpq-luocdo.aspx?ItemID={item}",
        ]

    def document_target(self, url: str) -> str | None:
        if self.matches(url) and self.item_id(url) and self.page_kind(url) != "search":
            return self.document_urls(url)[0]
        return None

    def part_name(self, url: str) -> str:
        return {"thuoctinh": "thuộc tính", "luocdo": "lược đồ"}.get(self.page_kind(url) or "", url)

    def attributes_url(self, url: str) -> str | None:
        item = self.item_id(url)
        if not item:
            return None
        page = "vbpq-thuoctinh-hopnhat" if "hopnhat" in urlsplit(url).path.lower() else "vbpq-thuoctinh"
        return f"{self._prefix(url)}/Pages/{page}.aspx?ItemID={item}"

    def search_url(self, number: str, consolidated: bool = False) -> str:
        """The site's own search fragment, by number (title search)."""
        page = "p_KetQuaTimKiemHopNhat" if consolidated else "p_KetQuaTimKiemVanBan"
        query = urlencode({"IsVietNamese": "True", "RowPerPage": "10", "Page": "1", "Keyword": number}, quote_via=quote)
        return f"{self.base}/VBQPPL_UserControls/Publishing_22/TimKiem/{page}.aspx?{query}"

    # -- parsing -------------------------------------------------------------

    def parse(self, url: str, html: str) -> ParsedPage:
        kind = self.page_kind(url) or _sniff_kind(html)
        soup = BeautifulSoup(html, "lxml")
        if kind == "search":
            return self._parse_search(url, soup)
        for junk in soup(["script", "style", "noscript"]):
            junk.decompose()
        page = ParsedPage(url=url, kind=kind or "vbpl")
        page.extra["item_id"] = self.item_id(url)
        if kind == "toanvan":
            self._parse_toanvan(url, soup, page)
        elif kind == "thuoctinh":
            self._parse_thuoctinh(url, soup, page)
        elif kind == "luocdo":
            self._parse_luocdo(url, soup, page)
        elif kind == "lienquan":
            self._parse_lienquan(url, soup, page)
        else:
            self._parse_thuoctinh(url, soup, page)
        return page

    def parse_search(self, url: str, html: str) -> ParsedPage:
        return self._parse_search(url, BeautifulSoup(html, "lxml"))

    def _breadcrumb(self, soup) -> tuple[str | None, str | None, str | None]:
        crumb = soup.find("div", class_="box-map")
        if not crumb:
            return None, None, None
        items = crumb.find_all("li")
        return split_title(items[-1].get_text(" ")) if items else (None, None, None)

    def _info(self, soup) -> dict[str, str]:
        """``div.vbInfo``: "Hiệu lực: …", "Ngày có hiệu lực: …"."""
        out: dict[str, str] = {}
        info = soup.find("div", class_="vbInfo")
        if not info:
            return out
        for li in info.find_all("li"):
            label = li.find("span")
            key = _fold(label.get_text(" ")).rstrip(":") if label else ""
            value = squash(li.get_text(" "))
            if label:
                value = squash(value[len(squash(label.get_text(" "))):])
            out[key] = value
        return out

    def _parse_toanvan(self, url: str, soup, page: ParsedPage) -> None:
        doc = Document(number=None, source_url=url)
        kind, number, _ = self._breadcrumb(soup)
        doc.type = kind
        full = soup.find("div", class_="fulltext")
        content = soup.find(id="toanvancontent")
        if full is not None:
            header = full.find("table")
            if header is not None:
                lines = block_text(header).split("\n")
                if lines:
                    page.extra["issuer_header"] = lines[0]
                    doc.issuer = _sentence_case(lines[0])
                for line in lines:
                    m = re.match(r"Số\s*:?\s*(.+)$", line)
                    if m:
                        number = m.group(1)
            place_date = None
            for tag in full.find_all("i"):
                text = squash(tag.get_text(" "))
                if re.search(r"ngày\s+\d", text):
                    place_date = text
                    break
            if place_date:
                doc.date = iso_date(place_date)
                place = place_date.split(",")[0].strip()
                if place and not place.lower().startswith("ngày"):
                    doc.place = place
            sign = full.find("table", class_="table_cqbh_cd_nk")
            if sign is not None:
                rows = [squash(tr.get_text(" ")) for tr in sign.find_all("tr")]
                rows = [r for r in rows if r and not re.fullmatch(r"\(?\s*Đã ký\s*\)?", r, re.I)]
                if rows:
                    doc.signer = rows[-1]
                if len(rows) >= 2:
                    doc.signer_title = rows[-2]
        doc.number = _canonical(number)
        info = self._info(soup)
        doc.validity = info.get("hieu luc") or None
        doc.effective_date = iso_date(info.get("ngay co hieu luc"))
        doc.text = block_text(content)
        if doc.date:
            doc.year = int(doc.date[:4])
        page.document = doc
        page.attachments = self._attachments(url, soup)

    def _parse_thuoctinh(self, url: str, soup, page: ParsedPage) -> None:
        props = soup.find("div", class_="vbProperties")
        doc = Document(number=None, source_url=url)
        kind, number, _ = self._breadcrumb(soup)
        doc.type = kind
        if props is None:
            page.document = doc
            return
        table = props.find("table")
        rows = table.find_all("tr", recursive=False) or table.find("tbody").find_all("tr", recursive=False)
        fields: dict[str, str] = {}
        titles: list[str] = []
        consolidated: list[Link] = []
        for tr in rows:
            cells = tr.find_all("td", recursive=False)
            if len(cells) == 1 and "title" in (cells[0].get("class") or []):
                titles.append(squash(cells[0].get_text(" ")))
                continue
            i = 0
            while i < len(cells):
                cell = cells[i]
                if "label" in (cell.get("class") or []):
                    label = _fold(cell.get_text(" "))
                    values = []
                    j = i + 1
                    while j < len(cells) and "label" not in (cells[j].get("class") or []):
                        values.append(cells[j])
                        j += 1
                    if label.startswith("co quan ban hanh") or label.startswith("co quan hop nhat"):
                        texts = [squash(v.get_text(" ")) for v in values]
                        fields["_signing"] = "|".join(texts)
                        fields["_signing_label"] = label
                    elif values and values[0].find("ul", class_="listVB"):
                        consolidated.extend(self._list_items(url, values[0], group=label))
                    elif values:
                        fields[label] = squash(values[0].get_text(" "))
                    i = j
                else:
                    i += 1
        if titles:
            doc.title = titles[0] or None
        for t in titles[1:]:
            m = re.match(r"Tình trạng hiệu lực\s*:\s*(.+)$", t, re.I)
            if m:
                doc.validity = squash(m.group(1))
        number = fields.get("so ky hieu", number)
        doc.number = _canonical(number)
        doc.date = iso_date(fields.get("ngay ban hanh") or fields.get("ngay xac thuc"))
        doc.effective_date = iso_date(fields.get("ngay co hieu luc"))
        kind_field = fields.get("loai van ban")
        if kind_field:
            doc.type = kind_field
        if "loai vb duoc sua doi bo sung" in fields:
            page.extra["consolidates_type"] = fields["loai vb duoc sua doi bo sung"]
            doc.type = "Văn bản hợp nhất"
        signing = fields.get("_signing", "").split("|") if fields.get("_signing") else []
        if signing:
            doc.issuer = signing[0] or None
            rest = signing[1:]
            if "nguoi ky/ chuc danh" in fields.get("_signing_label", "").replace("  ", " "):
                rest = list(reversed(rest))  # hợp nhất pages put Người ký before Chức danh
            if len(rest) >= 1:
                doc.signer_title = rest[0] or None
            if len(rest) >= 2:
                doc.signer = rest[1] or None
        if not doc.validity:
            info = self._info(soup)
            doc.validity = info.get("hieu luc") or None
        for key, out in (("nguon thu thap", "gazette"), ("nguon trich", "gazette"), ("ngay dang cong bao", "gazette_date"), ("pham vi", "scope")):
            if fields.get(key):
                page.extra[out] = iso_date(fields[key]) if out == "gazette_date" else fields[key]
        if doc.date:
            doc.year = int(doc.date[:4])
        doc.name = document_name(doc.type, doc.title) if doc.number else (doc.title or None)
        page.document = doc
        for link in consolidated:
            page.relations.append(
                Relation("hop_nhat", _link_document(link), "out", evidence="vbpl: Văn bản được hợp nhất")
            )
            page.links.append(link)
        page.attachments = self._attachments(url, soup)

    def _parse_luocdo(self, url: str, soup, page: ParsedPage) -> None:
        current = None
        boxes = soup.find_all("div", class_="luocdo")
        if boxes:
            for box in boxes:
                head = box.find("div", class_=["title", "titleht"])
                if head is None:
                    continue
                heading = squash(head.get_text(" "))
                heading = re.sub(r"\(\s*\d+\s*\)\s*$", "", heading).strip()
                content = box.find("div", class_="content")
                anchors = content.find_all("a", class_="jTips") if content else []
                if "titleht" in (head.get("class") or []) or _fold(heading) == "van ban hien thoi":
                    if anchors:
                        current = split_title(anchors[0].get_text(" "))
                    continue
                links = [self._link_from_anchor(url, a, heading) for a in anchors]
                self._add_group(page, heading, links)
        else:
            self._parse_luocdo_hopnhat(url, soup, page)
            return
        doc = Document(number=None, source_url=url)
        if current:
            doc.type, number, doc.title = current
            doc.number = _canonical(number)
            if not doc.number:
                doc.name = doc.title
        else:
            doc.type, number, _ = self._breadcrumb(soup)
            doc.number = _canonical(number)
        page.document = doc

    def _parse_luocdo_hopnhat(self, url: str, soup, page: ParsedPage) -> None:
        doc = Document(number=None, source_url=url, type="Văn bản hợp nhất")
        info = soup.find("div", class_="vbInfo")
        if info:
            for li in info.find_all("li"):
                text = squash(li.get_text(" "))
                if "xác thực" in text.lower():
                    doc.date = iso_date(text)
                elif text:
                    kind, number, _ = split_title(text)
                    doc.number = _canonical(number)
                    page.extra["consolidates_type"] = kind
        for box in soup.find_all("div", class_="w"):
            anchor = box.find("a")
            if anchor is None:
                continue
            box_id = box.get("id") or ""
            if box_id.endswith("_hn"):
                continue  # the consolidated text itself
            date = anchor.find("span")
            link_date = iso_date(date.get_text(" ")) if date else None
            if date is not None:
                date.decompose()
            link = self._link_from_anchor(url, anchor, "Văn bản được hợp nhất")
            link.title = re.sub(r"\s*Ngày (ban hành|xác thực)\s*:?\s*$", "", link.title or "") or None
            link.date = link_date
            if box_id.endswith("_bs"):
                link.group = "Văn bản sửa đổi, bổ sung (được hợp nhất)"
            elif box_id == "VBGoc":
                link.group = "Văn bản gốc (được hợp nhất)"
            page.relations.append(Relation("hop_nhat", _link_document(link), "out", evidence=f"vbpl: {link.group}"))
            page.links.append(link)
        if doc.date:
            doc.year = int(doc.date[:4])
        page.document = doc

    def _parse_lienquan(self, url: str, soup, page: ParsedPage) -> None:
        box = soup.find("div", class_="vbLienQuan")
        if box is not None:
            for label in box.find_all("td", class_="label"):
                heading = squash(label.get_text(" "))
                cell = label.find_next_sibling("td")
                links = self._list_items(url, cell, group=heading) if cell else []
                self._add_group(page, heading, links)
        info = soup.find("div", class_="vbInfo")
        doc = Document(number=None, source_url=url)
        if info:
            first = info.find("li")
            if first is not None:
                kind, number, _ = split_title(first.get_text(" "))
                doc.type, doc.number = kind, _canonical(number)
        facts = self._info(soup)
        doc.validity = facts.get("hieu luc") or None
        doc.effective_date = iso_date(facts.get("ngay co hieu luc"))
        page.document = doc

    def _add_group(self, page: ParsedPage, heading: str, links: list[Link]) -> None:
        key = _fold(heading)
        mapped = GROUPS.get(key)
        if mapped is None:
            page.related.extend(links)
            if key not in UNTYPED_GROUPS and links:
                page.extra.setdefault("unknown_groups", []).append(heading)
            return
        relation, direction = mapped
        for link in links:
            page.relations.append(Relation(relation, _link_document(link), direction, evidence=f"vbpl: {heading}"))
            page.links.append(link)

    def _link_from_anchor(self, url: str, anchor: Tag, group: str | None) -> Link:
        kind, number, title = split_title(anchor.get_text(" "))
        href = anchor.get("href") or ""
        target = urljoin(url, href) if href and href != "#" else url
        item = self.item_id(target)
        if item:
            target = f"{self._prefix(target)}/Pages/vbpq-toanvan.aspx?ItemID={item}"
        return Link(url=target, number=_canonical(number), type=kind, title=title, group=group)

    def _list_items(self, url: str, cell: Tag, group: str | None) -> list[Link]:
        """``ul.listVB`` items: title link, then "Số ký hiệu / Ngày ban hành / Ngày có hiệu lực"."""
        out: list[Link] = []
        for item in cell.find_all("div", class_="item"):
            title = item.find("p", class_="title")
            anchor = title.find("a") if title else None
            if anchor is None:
                continue
            link = self._link_from_anchor(url, anchor, group)
            for li in item.select("ul.info li"):
                text = squash(li.get_text(" "))
                folded = _fold(text)
                if folded.startswith("so ky hieu"):
                    link.number = _canonical(text.split(":", 1)[-1]) or link.number
                elif folded.startswith("ngay ban hanh"):
                    link.date = iso_date(text)
                elif folded.startswith("ngay co hieu luc"):
                    link.effective_date = iso_date(text)
            out.append(link)
        return out

    def _attachments(self, url: str, soup) -> list[Link]:
        """The document's own files (lists of other documents carry theirs too)."""
        item = self.item_id(url)
        out: list[Link] = []
        seen: set[str] = set()
        for anchor in soup.find_all("a", href=True):
            href = anchor["href"]
            m = _DOWNLOAD.search(href)
            if m:
                path = m.group(2)
            elif re.search(r"\.(docx?|pdf)$", href, re.I) and "WopiFrame" not in href:
                path = href
            else:
                continue
            target = urljoin(url, quote(path, safe="/:?=&%"))
            if item and re.search(r"/Attachments/\d+/", target) and f"/Attachments/{item}/" not in target:
                continue
            if target in seen:
                continue
            seen.add(target)
            out.append(Link(url=target, title=squash(anchor.get_text(" ")) or path.rsplit("/", 1)[-1], group="attachment"))
        return out

    def _parse_search(self, url: str, soup) -> ParsedPage:
        page = ParsedPage(url=url, kind="search")
        message = soup.find("div", class_="message")
        if message and message.find("strong"):
            digits = re.sub(r"\D", "", message.find("strong").get_text())
            page.total = int(digits) if digits else None
        for item in soup.find_all("div", class_="item"):
            title = item.find("p", class_="title")
            anchor = title.find("a") if title else None
            if anchor is None:
                continue
            kind, number, _ = split_title(anchor.get_text(" "))
            href = urljoin(url, anchor.get("href", ""))
            des = item.find("div", class_="des")
            link = Link(url=href, number=_canonical(number), type=kind, title=squash(des.get_text(" ")) if des else None)
            for p in item.select("div.right p"):
                text = _fold(p.get_text(" "))
                if "hieu luc" in text:
                    link.effective_date = iso_date(p.get_text(" "))
                elif "ban hanh" in text or "xac thuc" in text:
                    link.date = iso_date(p.get_text(" "))
            page.hits.append(link)
        return page

    # -- one document from its tabs -------------------------------------------

    def merge(self, pages: list[ParsedPage]) -> ParsedPage:
        """Attributes from *thuộc tính*, text and signature from *toàn văn*, edges from *lược đồ*."""
        by_kind = {p.kind: p for p in pages if p.document is not None}
        order = ["thuoctinh", "toanvan", "luocdo", "lienquan"]
        main = next((by_kind[k] for k in order if k in by_kind), pages[0])
        doc = Document(number=None)
        for kind in order:
            part = by_kind.get(kind)
            if part is None:
                continue
            for name, value in vars(part.document).items():
                if name in ("extra",) or value in (None, "", "state"):
                    continue
                if getattr(doc, name) in (None, "") or (name == "text" and kind == "toanvan"):
                    setattr(doc, name, value)
        text_page = by_kind.get("toanvan")
        if text_page is not None:
            doc.source_url = text_page.url
        if doc.date and not doc.year:
            doc.year = int(doc.date[:4])
        if not doc.name:
            doc.name = document_name(doc.type, doc.title) if doc.number else doc.title
        merged = ParsedPage(url=main.url, kind="document", document=doc)
        seen_edges: set[tuple] = set()
        for page in pages:
            for rel in page.relations:
                key = (rel.relation, rel.direction, rel.other.number, rel.other.title, rel.other.date)
                if key not in seen_edges:
                    seen_edges.add(key)
                    merged.relations.append(rel)
            merged.related.extend(page.related)
            merged.links.extend(page.links)
            for att in page.attachments:
                if att.url not in {a.url for a in merged.attachments}:
                    merged.attachments.append(att)
            merged.extra.update({k: v for k, v in page.extra.items() if v is not None})
        return merged


def _link_document(link: Link) -> Document:
    doc = Document(number=link.number, type=link.type, title=link.title, date=link.date, source_url=link.url)
    if link.date:
        doc.year = int(link.date[:4])
    if not link.number:
        doc.name = link.title
        m = re.search(r"năm\s+(\d{4})", link.title or "")
        if m and not doc.year:
            doc.year = int(m.group(1))
    else:
        doc.name = document_name(link.type, link.title)
    return doc


def _sniff_kind(html: str) -> str | None:
    if 'id="toanvancontent"' in html:
        return "toanvan"
    if 'class="vbLuocDo"' in html or 'class="luocdo' in html:
        return "luocdo"
    if 'class="vbProperties"' in html:
        return "thuoctinh"
    if 'class="listLaw"' in html:
        return "search"
    return None


SITE = VbplSite()
