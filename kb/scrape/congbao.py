"""congbao.chinhphu.vn, the Official Gazette (Công báo): feed, search API, detail page, PDF.

What is known about the site, and how surely (``../shared/realdata/sources-2026/README.md`` §4;
no raw capture of any of its answers exists):

* URL patterns — well corroborated (hundreds of real URLs crawled in 2026): detail
  ``/van-ban/{slug}-{docId}.htm`` and ``/van-ban/{slug}-{docId}/{issueInstanceId}.htm``,
  canonical on ``docId``; files on ``congbaocdn.chinhphu.vn`` and ``g7.cdnchinhphu.vn``.
* RSS ``/cac-van-ban-moi-ban-hanh.rss`` — DOCUMENTED (another project, "verified 2026-05"),
  tested here on that project's fixture: ``<link>`` = the detail URL, ``<title>`` empty,
  ``<description>`` = the trích yếu (HTML), ``<pubDate>`` RFC 1123.
* Search API ``POST https://api-searchcongbao.chinhphu.vn/search/van-ban`` — DOCUMENTED by
  several projects, tested on a fixture: a fuzzy ranker, so a hit counts only when its
  ``so_ky_hieu`` is the number asked for.
* Detail page markup — UNVERIFIED: two descriptions disagree and none was captured.
  :func:`parse_detail` reads the rows one project parses (``span.name`` / ``span.child-value``)
  and falls back to ``og:title`` and "Ban hành: dd/mm/yyyy"; the test page is written
  from that description, not saved from the site.
* The document's text is its signed PDF (with a text layer since ~2010):
  :func:`document_from_pdf` reads it with the PDF importer and then as a gazette text
  (:func:`kb.importers.congbao.gazette_document`: furniture out, header, VBHN preamble).

Registered in ``kb.scrape.sites`` (detail pages; its example is
``tests/scrape/examples/congbao/``, written from the description, not captured). Not
``live`` for ``kb sources check``: no answer of the site has been seen to compare a shape
with. Fetching is the polite client's job (``kb.scrape.http``); the CDN wants
``Referer: https://congbao.chinhphu.vn/`` (:data:`HEADERS`, :meth:`CongbaoSite.headers`).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

from kb.model import Document
from kb.scrape.base import Link, ParsedPage, Site, iso_date, squash

__all__ = [
    "SITE", "CongbaoSite", "RSS_URL", "SEARCH_URL", "HEADERS", "FeedItem", "SearchHit",
    "doc_id", "canonical_url", "parse_rss", "search_request", "parse_search", "parse_detail",
    "document_from_pdf",
]

BASE = "https://congbao.chinhphu.vn"
RSS_URL = f"{BASE}/cac-van-ban-moi-ban-hanh.rss"
SEARCH_URL = "https://api-searchcongbao.chinhphu.vn/search/van-ban"
HEADERS = {"Referer": f"{BASE}/", "Origin": BASE}
HOSTS = ("congbao.chinhphu.vn", "www.congbao.chinhphu.vn")
FILE_HOSTS = ("congbaocdn.chinhphu.vn", "g7.cdnchinhphu.vn")
# "/van-ban/nghi-quyet-so-113-nq-cp-469448.htm", "/van-ban/nghi-dinh-so-200-2026-nd-cp-469728/65748.htm"
_DETAIL = re.compile(r"^/van-ban/(?P<slug>[a-z0-9-]*?-?(?P<id>\d{3,}))(?:/(?P<issue>\d+))?\.htm$")


def doc_id(url: str) -> str | None:
    """The gazette's id of a detail URL (the number ending the slug), else None."""
    parts = urlsplit(url)
    if parts.netloc and parts.netloc.lower() not in HOSTS:
        return None
    m = _DETAIL.match(parts.path)
    return m.group("id") if m else None


def canonical_url(url: str) -> str | None:
    """One URL per document: the per-issue form and query strings dropped."""
    parts = urlsplit(urljoin(BASE + "/", url.strip()))
    m = _DETAIL.match(parts.path)
    if parts.netloc.lower() not in HOSTS or not m:
        return None
    return urlunsplit(("https", "congbao.chinhphu.vn", f"/van-ban/{m.group('slug')}.htm", "", ""))


# --- RSS ---------------------------------------------------------------------------------
@dataclass
class FeedItem:
    url: str  # canonical detail URL
    doc_id: str
    summary: str | None  # the trích yếu, as plain text
    published: str | None  # ISO date-time (UTC)
    title: str | None = None  # usually empty in this feed


def parse_rss(data: bytes | str) -> tuple[list[FeedItem], int]:
    """Items of the "new documents" feed, and how many items were skipped (no document id)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        from kb.errors import KbError

        raise KbError(f"Nguồn tin RSS của Công báo không đọc được ({exc.msg}).") from None
    items: list[FeedItem] = []
    skipped = 0
    for item in root.iter("item"):
        link = (item.findtext("link") or item.findtext("guid") or "").strip()
        url = canonical_url(link) if link else None
        if url is None:
            skipped += 1
            continue
        summary = _html_text(item.findtext("description") or "")
        title = squash(item.findtext("title") or "") or None
        published = None
        if item.findtext("pubDate"):
            try:
                published = parsedate_to_datetime(item.findtext("pubDate").strip()).isoformat()
            except (TypeError, ValueError):
                published = None
        items.append(FeedItem(url=url, doc_id=doc_id(url), summary=summary or None, published=published, title=title))
    return items, skipped


def _html_text(fragment: str) -> str:
    if "<" not in fragment and "&" not in fragment:
        return squash(fragment)
    from bs4 import BeautifulSoup

    return squash(BeautifulSoup(fragment, "lxml").get_text(" "))


# --- search API ----------------------------------------------------------------------------
@dataclass
class SearchHit:
    id: str
    number: str
    type: str | None = None
    title: str | None = None  # trích yếu
    date: str | None = None
    effective_date: str | None = None
    issuers: list[str] = field(default_factory=list)
    signer: str | None = None
    gazette: list[dict] = field(default_factory=list)  # [{"issue": "223 + 224", "date": "2022-01-27"}]
    files: list[Link] = field(default_factory=list)  # PDF first, then the Word twins


def search_request(number: str, page_size: int = 10) -> tuple[str, bytes, dict]:
    """(URL, JSON body, headers) of a search for ``number`` (POST)."""
    body = {"filters": {}, "page": 1, "page_size": page_size, "query": number}
    headers = {**HEADERS, "Content-Type": "application/json"}
    return SEARCH_URL, json.dumps(body, ensure_ascii=False).encode("utf-8"), headers


def parse_search(data: bytes | str, number: str | None = None) -> list[SearchHit]:
    """Hits of a search answer; with ``number``, only those whose ``so_ky_hieu`` is that number.

    The API ranks loosely ("14/2022/NĐ-CP" also returns 13/2022/NĐ-CP): a hit is
    the document asked for only when its number matches under ``kb.identity.number_key``.
    """
    from kb.errors import KbError
    from kb.identity import number_key
    from kb.metadata.numbers import canonical_number

    try:
        answer = json.loads(data)
    except ValueError:
        raise KbError("Trả lời tìm kiếm của Công báo không phải JSON.") from None
    if not isinstance(answer, dict) or answer.get("success") is False or not isinstance(answer.get("data"), list):
        raise KbError("Trả lời tìm kiếm của Công báo không đúng dạng (thiếu 'data').")
    want = number_key(number) if number else None
    hits = []
    for row in answer["data"]:
        if not isinstance(row, dict) or not row.get("so_ky_hieu"):
            continue
        found = canonical_number(str(row["so_ky_hieu"])) or str(row["so_ky_hieu"])
        if want and number_key(found) != want:
            continue
        files = sorted((f for f in row.get("danh_sach_tep_van_ban") or [] if isinstance(f, dict) and f.get("duong_dan")),
                       key=lambda f: (_extension(f) != "pdf", f.get("thu_tu") or 0))
        hits.append(SearchHit(
            id=str(row.get("id_van_ban")), number=found, type=row.get("loai_van_ban"),
            title=squash(row.get("trich_yeu")) or None, date=_api_date(row.get("ngay_ban_hanh")),
            effective_date=_api_date(row.get("ngay_co_hieu_luc") or row.get("ngay_hieu_luc")),
            issuers=[squash(x) for x in row.get("ten_co_quan") or [] if x],
            signer=squash(row.get("nguoi_ky")) or None,
            gazette=[{"issue": g.get("ten"), "date": _api_date(g.get("ngay_ban_hanh"))}
                     for g in row.get("danh_sach_ky_cong_bao") or [] if isinstance(g, dict)],
            files=[Link(url=f["duong_dan"], title=f"{f.get('ten_file') or 'tệp'}.{_extension(f)}") for f in files],
        ))
    return hits


def _extension(item: dict) -> str:
    """``file_extension`` may hold a path's tail ("…/abc.pdf") or the bare format."""
    value = str(item.get("file_extension") or "")
    value = value.rsplit(".", 1)[-1] if "." in value else value.rsplit("/", 1)[-1]
    if not value:
        m = re.search(r"(pdf|docx?|doc)$", str(item.get("duong_dan", "")).lower())
        value = m.group(1) if m else ""
    return value.lower()


def _api_date(value) -> str | None:
    m = re.match(r"((?:19|20)\d\d)-(\d\d)-(\d\d)", str(value or ""))
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


# --- detail page (UNVERIFIED markup) --------------------------------------------------------
_LABELS = {
    "loai van ban": "type", "so ky hieu": "number", "so hieu": "number", "co quan ban hanh": "issuer",
    "trich yeu": "title", "nguoi ky": "signer", "ngay ban hanh": "date", "ngay hieu luc": "effective_date",
    "cong bao": "gazette",
}


def parse_detail(url: str, html: str) -> ParsedPage:
    """A detail page → its metadata and file links (markup UNVERIFIED, see the module docstring)."""
    from bs4 import BeautifulSoup

    from kb.metadata.numbers import canonical_number
    from kb.text import fold

    soup = BeautifulSoup(html, "lxml")
    fields: dict[str, str] = {}
    for row in soup.select("div.row"):
        name, value = row.select_one("span.name"), row.select_one("div.value")
        if name is None or value is None:
            continue
        key = _LABELS.get(fold(squash(name.get_text(" "))).strip(" :"))
        if key:
            fields[key] = squash(value.get_text(" "))
    text = squash(soup.get_text(" "))
    if "date" not in fields:
        m = re.search(r"Ban hành:\s*(\d{1,2}/\d{1,2}/\d{4})", text)
        if m:
            fields["date"] = m.group(1)
    if "effective_date" not in fields:
        m = re.search(r"Hiệu lực:\s*(\d{1,2}/\d{1,2}/\d{4})", text)
        if m:
            fields["effective_date"] = m.group(1)
    og = soup.find("meta", attrs={"property": "og:title"})
    page = ParsedPage(url=canonical_url(url) or url, kind="congbao")
    number = canonical_number(fields["number"]) if fields.get("number") else None
    doc = Document(number=number, type=fields.get("type"), issuer=fields.get("issuer"),
                   title=fields.get("title") or (squash(og.get("content")) if og and og.get("content") else None),
                   date=iso_date(fields.get("date")), effective_date=iso_date(fields.get("effective_date")),
                   signer=fields.get("signer"), source_url=page.url)
    if doc.date:
        doc.year = int(doc.date[:4])
    doc.extra = {"congbao": {k: v for k, v in {"id": doc_id(url), "gazette": fields.get("gazette")}.items() if v},
                 "markup": "unverified"}
    page.document = doc if (doc.number or doc.title) else None
    for a in soup.find_all("a", href=True):
        href = a["href"].replace("&amp;", "&").replace("&#x2B;", "+")
        host = urlsplit(urljoin(BASE + "/", href)).netloc.lower()
        if host in FILE_HOSTS or "tai-ve-van-ban" in href:
            label = squash(a.get("data-file") or a.get_text(" ")) or None
            page.attachments.append(Link(url=urljoin(BASE + "/", href), title=label))
    return page


class CongbaoSite(Site):
    """Detail pages of congbao.chinhphu.vn (markup unverified; see the module docstring)."""

    name = "congbao"
    label = "congbao.chinhphu.vn"
    live = False  # nothing captured to compare an answer's shape with (see the module docstring)

    def matches(self, url: str) -> bool:
        return doc_id(url) is not None

    def headers(self, url: str) -> dict:
        host = urlsplit(url).netloc.lower()
        return dict(HEADERS) if host in FILE_HOSTS or host in HOSTS else {}

    def parse(self, url: str, html: str) -> ParsedPage:
        return parse_detail(url, html)


SITE = CongbaoSite()


def document_from_pdf(data: bytes, url: str, row: dict | None = None):
    """A gazette PDF (its text layer) → :class:`kb.importers.congbao.CongbaoDocument`.

    ``row`` holds what is known beside the file (``nguon_url`` = the detail page,
    ``pdf_url``, ``loai``, ``so_hieu``…), as in a crawler's ``meta.jsonl``.
    """
    from kb.importers import read_bytes
    from kb.importers.congbao import gazette_document

    imported = read_bytes(data, url.split("?")[0] if url.lower().split("?")[0].endswith(".pdf") else "van-ban.pdf",
                          keep_gazette=True)
    facts = dict(row or {})
    facts.setdefault("pdf_url", url)
    return gazette_document(imported, facts, data, fallback_url=url)
