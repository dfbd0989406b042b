"""Where a reader can open the official copy of a document today: every vbpl / official URL.

vbpl.vn was relaunched on 2026-04-23; the classic ``/TW/Pages/vbpq-*.aspx?ItemID=…`` pages
answer 404 since. Links are built here only from URL shapes the evidence pack
(``../shared/realdata/sources-2026``) shows, each with how sure it is (docs/sources-2026.md,
"Links to the official copy"):

- ``capture``: the shape is in a real capture (vbpl.vn's sitemap of 2026-09-16 lists
  ``/van-ban/trung-uong`` and ``/van-ban/dia-phuong``; vanban.chinhphu.vn's captured list links
  ``/?pageid=27160&docid=N``), or the URL itself was fetched by a crawler (Công báo ``nguon_url``).
- ``documented``: ``/van-ban/chi-tiet/{slug}--{id}`` for a **gateway id**, written by two
  independent crawlers, one of which checked it against the live site (2026-08/09); the id
  itself comes from a real gateway response.

Not linked: the classic ItemID (the Pháp điển's and the old site's). The gateway's numeric ids
share its range (2024 documents: ItemID 164211–174907, gateway 172475–174961) but no document
is known by both, so ItemID → ``chi-tiet/--{ItemID}`` is a guess; such documents get the
listing page where the number can be typed, never the dead page.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from urllib.parse import quote, urlsplit

# Dead since 2026-04-23: kept as provenance (what the Pháp điển package links to), never shown.
CLASSIC_VBPL_PAGE = "http://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID={}"
VBPL_DETAIL = "https://vbpl.vn/van-ban/chi-tiet/van-ban--{id}"  # "x--{id}" works: slug not checked
VBPL_CENTRAL = "https://vbpl.vn/van-ban/trung-uong"
VBPL_LOCAL = "https://vbpl.vn/van-ban/dia-phuong"
CHINHPHU_DETAIL = "https://vanban.chinhphu.vn/?pageid=27160&docid={id}"

VBPL_HOSTS = {"vbpl.vn", "www.vbpl.vn"}
SITE_NAME = "Cơ sở dữ liệu quốc gia về văn bản pháp luật (vbpl.vn)"
_LOCAL = re.compile(r"(?:UBND|HĐND)\b|ủy ban nhân dân|uỷ ban nhân dân|hội đồng nhân dân", re.I)


@dataclass(frozen=True)
class OfficialLink:
    url: str
    label: str  # what the page shows (Vietnamese)
    confidence: str  # "capture" | "documented" (see the module docstring)
    kind: str  # "stored" | "vbpl_detail" | "vbpl_listing" | "chinhphu_detail"

    def to_json(self) -> dict:
        return asdict(self)


def is_classic_vbpl(url: str | None) -> bool:
    """A page of the classic vbpl.vn (``…/Pages/…aspx``), which answers 404 since 2026-04-23."""
    if not url:
        return False
    parts = urlsplit(str(url).strip())
    return parts.netloc.lower() in VBPL_HOSTS and (".aspx" in parts.path.lower() or "/pages/" in parts.path.lower())


def classic_vbpl_url(item_id: str) -> str:
    return CLASSIC_VBPL_PAGE.format(item_id)


def vbpl_detail_url(gateway_id: str) -> str:
    """The vbpl.vn page of a document known by its **gateway** id (digits or a UUID)."""
    return VBPL_DETAIL.format(id=quote(str(gateway_id), safe=""))


def chinhphu_detail_url(docid: str) -> str:
    return CHINHPHU_DETAIL.format(id=quote(str(docid), safe=""))


def is_local(number: str | None, issuer: str | None = None) -> bool:
    """A provincial document (UBND, HĐND): vbpl.vn lists those under "Văn bản địa phương"."""
    return bool(_LOCAL.search(number or "") or _LOCAL.search(issuer or ""))


def vbpl_listing_url(number: str | None = None, issuer: str | None = None) -> str:
    return VBPL_LOCAL if is_local(number, issuer) else VBPL_CENTRAL


def search_elsewhere(query: str, issuer: str | None = None) -> OfficialLink:
    """Where to look for ``query`` on vbpl.vn. The new site's search URL is in no capture, so
    this is its listing page (captured), and the label tells the reader to type the query."""
    where = "Văn bản địa phương" if is_local(query, issuer) else "Văn bản trung ương"
    return OfficialLink(url=vbpl_listing_url(query, issuer), confidence="capture", kind="vbpl_listing",
                        label=f"Tra “{query}” trên {SITE_NAME}, mục {where}")


def _http(url) -> str | None:
    text = str(url or "").strip()
    return text if re.match(r"https?://[^\s]+$", text, re.IGNORECASE) else None


def official_link(doc) -> OfficialLink | None:
    """The best live link to ``doc``'s official copy (any object with ``source_url``, ``number``,
    ``name``, ``issuer``, ``category`` and ``extra``), or None (party documents, nothing known)."""
    extra = getattr(doc, "extra", None) or {}
    stored = _http(getattr(doc, "source_url", None))
    gateway_id = extra.get("vbpl_id")
    if stored and not is_classic_vbpl(stored):
        host = urlsplit(stored).netloc.lower()
        confidence = "documented" if host in VBPL_HOSTS else "capture"
        return OfficialLink(url=stored, label=stored, confidence=confidence, kind="stored")
    if gateway_id:
        url = vbpl_detail_url(gateway_id)
        return OfficialLink(url=url, label=url, confidence="documented", kind="vbpl_detail")
    if extra.get("chinhphu_docid"):
        url = chinhphu_detail_url(extra["chinhphu_docid"])
        return OfficialLink(url=url, label=url, confidence="capture", kind="chinhphu_detail")
    query = getattr(doc, "number", None) or getattr(doc, "name", None)
    if not query or getattr(doc, "category", "state") == "party":
        return None
    return search_elsewhere(query, getattr(doc, "issuer", None))
