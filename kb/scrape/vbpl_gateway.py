"""The vbpl JSON gateway (``vbpl-bientap-gateway.moj.gov.vn/api/qtdc/public``).

Since the 2026-04-23 relaunch vbpl.vn is a JavaScript application over this
gateway.  Written against the real captures of 2026-04-28 described in
``../shared/realdata/sources-2026/README.md`` (``POST /doc/all``, three
``GET /doc/{id}``, three ``GET /doc/provision/tree/{id}``); trimmed copies are
the examples in ``tests/scrape/examples/vbpl_gateway/``.

* ``POST /doc/all``: list and search (``keyword`` + ``optionDoc: "number"``);
* ``GET /doc/{id}``: metadata, ``effStatus``, ``effFrom``/``effTo``, the HTML
  body (``documentContent.content``), ``references[]`` (relations), files;
* ``GET /doc/provision/tree/{id}``: the Phần/Chương/Mục/Điều/Khoản/Điểm tree.

Ids are opaque strings (old records numeric, new ones UUIDs).  Every answer
comes in an envelope ``{"success", "statusCode", "message", "data"}``; one
that is not JSON, not a success or carries an ``error`` is refused with a
one-line message (:class:`GatewayError`), never half-read.
"""
from __future__ import annotations

import json
import os
import re
from urllib.parse import quote, unquote, urlencode, urlsplit

from kb.errors import KbError
from kb.model import Document, Relation, Unit
from kb.official_links import vbpl_detail_url
from kb.scrape.base import Link, ParsedPage, Site, squash
from kb.scrape.http import FetchError
from kb.scrape.vbpl import _canonical, document_name

BASE_URL = "https://vbpl-bientap-gateway.moj.gov.vn/api/qtdc/public"
ENV_BASE = "KB_VBPL_GATEWAY"
NAME = "cổng vbpl"

# effStatus codes (cmtri's table, pairs seen on /doc/{id}) → validity codes of DESIGN.md.
EFF_STATUS = {
    "CHL": "con_hieu_luc",
    "HHL": "het_hieu_luc",
    "HHL1P": "het_hieu_luc_mot_phan",
    "CCHL": "chua_co_hieu_luc",
    "TNHL": "ngung_hieu_luc",  # "Ngưng hiệu lực" (29 pairs)
    "TNHL1P": "ngung_hieu_luc_mot_phan",  # inferred from the prefix (README §1)
    "KCPH": "het_hieu_luc",
}
# referenceType codes whose meaning three independent sources agree on (README §1); the
# others become ``dan_chieu`` with the code kept in the evidence.  Direction: in A's
# references, {referenceType, targetDocument: B} says A does it to B.
REFERENCE_TYPES = {1: "bai_bo", 3: "can_cu", 10: "sua_doi", 12: "thay_the"}
REFERENCE_LABELS = {
    1: "Văn bản bị bãi bỏ", 2: "Văn bản được công bố", 3: "Căn cứ ban hành", 4: "Văn bản được dẫn chiếu",
    5: "Văn bản bị đình chỉ thi hành", 6: "Văn bản được đính chính", 7: "Văn bản được hợp nhất",
    8: "Văn bản được hướng dẫn áp dụng", 9: "Văn bản được quy định chi tiết, hướng dẫn thi hành",
    10: "Văn bản được sửa đổi bổ sung", 11: "Văn bản bị tạm ngưng hiệu lực", 12: "Văn bản được thay thế",
    14: "Văn bản được giải thích",
}
# Provision tree levels (ptype 1–7; banhmi's table, ``level`` names in the captures).
PTYPES = {1: "phan", 2: "chuong", 3: "muc", 4: "tieu_muc", 5: "dieu", 6: "khoan", 7: "diem"}
LEVELS = {"part": "phan", "chapter": "chuong", "section": "muc", "article": "dieu", "clause": "khoan",
          "point": "diem"}
_NUMBER_OF = {
    "phan": re.compile(r"^\s*Phần\s+(?:thứ\s+)?([\w]+)", re.I),
    "chuong": re.compile(r"^\s*Chương\s+([IVXLCDM]+|\d+)", re.I),
    "muc": re.compile(r"^\s*Mục\s+(\d+|[IVXLC]+)", re.I),
    "tieu_muc": re.compile(r"^\s*(?:Tiểu mục\s+)?(\d+)", re.I),
    "dieu": re.compile(r"^\s*Điều\s+(\d+[a-zđ]?)", re.I),
    "khoan": re.compile(r"^\s*(\d+[a-zđ]?)\s*[.)]"),
    "diem": re.compile(r"^\s*([a-zđ]\d?)\s*\)"),
}
_BR = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")
_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$")


class GatewayError(KbError):
    """An answer of the gateway that is not what the module reads."""


def explain_status(status: int | None) -> str | None:
    """What an HTTP status of the gateway means for whoever runs Căn cứ (None: nothing special)."""
    if status == 401:
        return f"{NAME}: HTTP 401 — cổng đòi mã truy cập (token / X-API-KEY); Căn cứ không tự lấy mã"
    if status == 403:
        return f"{NAME}: HTTP 403 — bị từ chối (tường lửa, chặn theo vùng hoặc theo User-Agent)"
    if status == 400:
        return f"{NAME}: HTTP 400 — văn bản không có (đã gỡ) hoặc yêu cầu không hợp lệ"
    if status is not None and status >= 500:
        return f"{NAME}: HTTP {status} — máy chủ của cổng đang lỗi"
    return None


def envelope(text: str, what: str = "") -> object:
    """The ``data`` of a gateway answer; :class:`GatewayError` when the answer is not one."""
    where = f"{NAME} {what}".strip()
    stripped = (text or "").lstrip()
    if not stripped:
        raise GatewayError(f"{where}: trả lời rỗng")
    if stripped.startswith("<"):
        raise GatewayError(f"{where}: trả lời là trang HTML, không phải JSON (cổng đổi hoặc bị chặn)")
    try:
        answer = json.loads(stripped)
    except ValueError:
        raise GatewayError(f"{where}: trả lời không phải JSON hợp lệ") from None
    if not isinstance(answer, dict):
        raise GatewayError(f"{where}: trả lời không có dạng {{success, data}}")
    if answer.get("error") or answer.get("success") is False:
        message = answer.get("error") or answer.get("message") or answer.get("messageCode") or "không rõ"
        if isinstance(message, dict):
            message = message.get("message") or json.dumps(message, ensure_ascii=False)[:120]
        raise GatewayError(f"{where}: cổng báo lỗi ({squash(str(message))[:160]})")
    if "data" not in answer:
        raise GatewayError(f"{where}: thiếu trường data")
    return answer["data"]


def iso(value) -> str | None:
    """``"2026-02-10T00:00:00"`` → ``"2026-02-10"``."""
    if not isinstance(value, str) or not re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return None
    return value[:10]


def html_fragment_text(fragment: str | None) -> str:
    """A tree node's content: ``<br>`` as line breaks, other tags dropped, entities decoded."""
    import html as htmllib

    text = _TAG.sub("", _BR.sub("\n", fragment or ""))
    return "\n".join(squash(line) for line in htmllib.unescape(text).splitlines() if line.strip())


class VbplGateway(Site):
    """One document = its detail (``doc/{id}``) and its provision tree."""

    name = "vbpl_gateway"
    label = "vbpl (cổng JSON 2026)"
    live = True  # checked by ``kb sources check``

    def __init__(self, base: str | None = None):
        self.base = (base or os.environ.get(ENV_BASE) or BASE_URL).rstrip("/")
        self._prefix = urlsplit(self.base)
        self.public_hosts = {"vbpl.vn", "www.vbpl.vn"}

    # -- URLs ----------------------------------------------------------------

    def matches(self, url: str) -> bool:
        return self.doc_id(url) is not None or self.page_kind(url) == "list"

    def page_kind(self, url: str) -> str | None:
        parts = urlsplit(url)
        if parts.netloc.lower() in self.public_hosts:
            return "detail" if self._public_id(parts.path) else None
        if parts.netloc.lower() != self._prefix.netloc.lower():
            return None
        path = parts.path
        root = self._prefix.path.rstrip("/")
        if not path.startswith(root + "/doc/"):
            return None
        rest = path[len(root) + len("/doc/"):]
        if rest == "all":
            return "list"
        if rest.startswith("provision/tree/"):
            return "tree"
        if "/" not in rest and rest:
            return "detail"
        return None

    def _public_id(self, path: str) -> str | None:
        """``/van-ban/chi-tiet/{slug}--{id}`` or ``/van-ban/chi-tiet/{id}`` on vbpl.vn."""
        m = re.match(r"^/(?:en/)?van-ban/chi-tiet/([^/?#]+)/?$", path)
        if not m:
            return None
        last = unquote(m.group(1)).rsplit("--", 1)[-1]
        return last if _ID.match(last) else None

    def doc_id(self, url: str) -> str | None:
        kind = self.page_kind(url)
        if kind is None or kind == "list":
            return None
        parts = urlsplit(url)
        if parts.netloc.lower() in self.public_hosts:
            return self._public_id(parts.path)
        ident = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
        return ident if _ID.match(ident) else None

    def document_url(self, doc_id: str) -> str:
        return f"{self.base}/doc/{quote(doc_id, safe='')}"

    def tree_url(self, doc_id: str) -> str:
        return f"{self.base}/doc/provision/tree/{quote(doc_id, safe='')}"

    def list_url(self) -> str:
        return f"{self.base}/doc/all"

    def document_target(self, url: str) -> str | None:
        ident = self.doc_id(url)
        return self.document_url(ident) if ident else None

    def document_urls(self, url: str) -> list[str]:
        ident = self.doc_id(url)
        if not ident:
            return [url]
        return [self.document_url(ident), self.tree_url(ident)]

    def part_name(self, url: str) -> str:
        return {"tree": "cây điều khoản", "detail": "thông tin văn bản"}.get(self.page_kind(url) or "", url)

    def headers(self, url: str) -> dict:
        # What the vbpl.vn application itself sends (banhmi); our own User-Agent stays.
        return {"Accept": "application/json", "Origin": "https://vbpl.vn", "Referer": "https://vbpl.vn/"}

    def explain(self, exc: FetchError) -> str:
        return explain_status(exc.status) or exc.message

    def checks(self) -> list:
        return [_check_list(self), _check_detail(self), _check_tree(self)]

    # -- search --------------------------------------------------------------

    def list_request(self, page: int = 1, size: int = 50, **filters) -> tuple[str, bytes]:
        """(key URL the answer is stored under, JSON body of ``POST /doc/all``)."""
        body = {"pageNumber": page, "pageSize": size, **filters}
        key = self.list_url() + "?" + urlencode(sorted((k, str(v)) for k, v in body.items()))
        return key, json.dumps(body, ensure_ascii=False).encode("utf-8")

    def search_request(self, number: str) -> tuple[str, str, bytes, dict]:
        """A search by number: (key URL, URL to POST, body, headers)."""
        key, body = self.list_request(1, 20, keyword=number, optionDoc="number")
        headers = dict(self.headers(self.list_url()), **{"Content-Type": "application/json"})
        return key, self.list_url(), body, headers

    # -- parsing -------------------------------------------------------------

    def parse(self, url: str, body: str) -> ParsedPage:
        kind = self.page_kind(url.split("?", 1)[0]) or "detail"
        if kind == "list":
            return self.parse_search(url, body)
        if kind == "tree":
            return self.parse_tree(url, body)
        return self.parse_detail(url, body)

    def parse_search(self, url: str, body: str) -> ParsedPage:
        data = envelope(body, "doc/all")
        if not isinstance(data, dict) or not isinstance(data.get("items"), list):
            raise GatewayError(f"{NAME} doc/all: thiếu danh sách data.items")
        page = ParsedPage(url=url, kind="search", total=data.get("total") if isinstance(data.get("total"), int) else None)
        for item in data["items"]:
            if not isinstance(item, dict) or not item.get("id"):
                continue
            page.hits.append(self._link(item, group="doc/all"))
        return page

    def _link(self, item: dict, group: str | None = None) -> Link:
        doc_type = item.get("docType")
        type_name = doc_type.get("name") if isinstance(doc_type, dict) else None
        kind, title = doc_title(item.get("title"), type_name, item.get("docNum"))
        return Link(
            url=self.document_url(str(item["id"])),
            number=_canonical(item.get("docNum")),
            type=kind,
            title=title,
            date=iso(item.get("issueDate")),
            effective_date=iso(item.get("effFrom")),
            group=group,
        )

    def parse_detail(self, url: str, body: str) -> ParsedPage:
        data = envelope(body, "doc/{id}")
        if not isinstance(data, dict) or not data.get("id"):
            raise GatewayError(f"{NAME} doc/{{id}}: thiếu data.id")
        ident = str(data["id"])
        page = ParsedPage(url=url, kind="detail")
        doc = Document(number=_canonical(data.get("docNum")))
        doc_type = data.get("docType") if isinstance(data.get("docType"), dict) else {}
        doc.type, doc.title = doc_title(data.get("title"), doc_type.get("name"), data.get("docNum"))
        issues = [i for i in data.get("documentIssues") or [] if isinstance(i, dict)]
        issues.sort(key=lambda i: i.get("orderIndex") or 0)
        agencies = []
        for issue in issues:
            if issue.get("agencyName") and issue["agencyName"] not in agencies:
                agencies.append(issue["agencyName"])
        organization = data.get("organization") if isinstance(data.get("organization"), dict) else {}
        doc.issuer = " - ".join(agencies) or data.get("agencyName") or organization.get("name") or None
        if issues:
            doc.signer = issues[0].get("personName") or None
            doc.signer_title = issues[0].get("jobTitleName") or None
        doc.date = iso(data.get("issueDate"))
        doc.year = int(doc.date[:4]) if doc.date else None
        doc.effective_date = iso(data.get("effFrom"))
        doc.expiry_date = iso(data.get("effTo"))
        status = data.get("effStatus") if isinstance(data.get("effStatus"), dict) else None
        if status:
            doc.validity = status.get("name") or status.get("code")
            code = EFF_STATUS.get(status.get("code") or "", "khong_ro")
            if (status.get("code") or "").startswith("HHL1P"):
                code = "het_hieu_luc_mot_phan"
            doc.extra["validity"] = {
                "code": code, "evidence": f"vbpl: {status.get('name') or status.get('code')}",
                "source_code": status.get("code"),
            }
        content = data.get("documentContent") if isinstance(data.get("documentContent"), dict) else None
        if content and content.get("content"):
            from kb.importers.html import html_to_text

            text, _title_tag = html_to_text(content["content"])
            doc.text = text or None
        doc.name = document_name(doc.type, doc.title) if doc.number else doc.title
        doc.source_url = vbpl_detail_url(ident)
        doc.extra.update({
            "vbpl_id": ident,
            "fields": [f.get("name") for f in data.get("documentFields") or [] if isinstance(f, dict) and f.get("name")],
            "majors": [m.get("name") for m in data.get("documentMajors") or [] if isinstance(m, dict) and m.get("name")],
        })
        if data.get("isConsolidatedDocument") or doc_type.get("code") == "VBHN":
            doc.extra["consolidated"] = True
        page.document = doc
        for ref in data.get("references") or []:
            relation = self._relation(ref)
            if relation is not None:
                page.relations.append(relation)
                page.links.append(Link(url=self.document_url(relation.other.extra["vbpl_id"]),
                                       number=relation.other.number, title=relation.other.title,
                                       date=relation.other.date, group=relation.evidence))
        page.attachments = self._files(ident, data)
        page.extra["has_content"] = bool(doc.text)
        return page

    def _relation(self, ref) -> Relation | None:
        if not isinstance(ref, dict) or not isinstance(ref.get("targetDocument"), dict):
            return None
        target = ref["targetDocument"]
        if not target.get("id"):
            return None
        try:
            code = int(ref.get("referenceType"))
        except (TypeError, ValueError):
            code = None
        kind, title = doc_title(target.get("title"), None, target.get("docNum"))
        other = Document(
            number=_canonical(target.get("docNum")), type=kind, title=title,
            date=iso(target.get("issueDate")), effective_date=iso(target.get("effFrom")),
            expiry_date=iso(target.get("effTo")), source_url=vbpl_detail_url(str(target["id"])),
        )
        other.year = int(other.date[:4]) if other.date else None
        other.name = document_name(other.type, other.title) if other.number else other.title
        other.extra["vbpl_id"] = str(target["id"])
        relation = REFERENCE_TYPES.get(code, "dan_chieu")
        label = REFERENCE_LABELS.get(code, "không rõ")
        return Relation(relation=relation, other=other, direction="out",
                        evidence=f"vbpl: referenceType {code} ({label})")

    def _files(self, ident: str, data: dict) -> list[Link]:
        """Files the detail lists (``documentRelatedList``, ``documentContentFileDocName``).

        The download path is DOCUMENTED by a third party (banhmi), not seen in a capture."""
        names: list[tuple[str, str | None]] = []
        for entry in data.get("documentRelatedList") or []:
            if isinstance(entry, dict) and entry.get("fileName"):
                names.append((entry["fileName"], str(entry.get("relatedType") or "") or None))
        for key in ("documentContentFileDocName", "documentContentFileName"):
            name = data.get(key)
            if isinstance(name, str) and name and name != "Template.pdf" and name not in {n for n, _ in names}:
                names.append((name, key))
        links = []
        for name, group in names:
            if not re.search(r"\.(docx?|pdf)$", name, re.I):
                continue  # the *_content.html twins repeat documentContent
            url = f"{self.base}/doc/minio/buckets/vbpl/{quote(ident, safe='')}/{quote(name, safe='')}/download"
            links.append(Link(url=url, title=name, group=group))
        return links

    def parse_tree(self, url: str, body: str) -> ParsedPage:
        data = envelope(body, "doc/provision/tree")
        if not isinstance(data, list):
            raise GatewayError(f"{NAME} doc/provision/tree: data không phải danh sách")
        page = ParsedPage(url=url, kind="tree")
        page.extra["units"] = [u.to_json() for u in tree_units(data)]
        return page

    def merge(self, pages: list[ParsedPage]) -> ParsedPage:
        detail = next((p for p in pages if p.kind == "detail"), None)
        if detail is None:
            raise GatewayError(f"{NAME}: thiếu thông tin văn bản (doc/{{id}})")
        tree = next((p for p in pages if p.kind == "tree"), None)
        doc = detail.document
        if tree is not None and tree.extra.get("units"):
            units = [Unit(**u) for u in tree.extra["units"]]
            if doc.text:
                place_units(units, doc.text)
            doc.units = units
            detail.extra["units"] = len(units)
        return detail


# What the module reads, per endpoint (``kb sources check`` compares live answers with it).
LIST_KEYS = ("id", "docNum", "title", "issueDate", "docType", "effStatus")
DETAIL_KEYS = ("id", "docNum", "title", "docType", "issueDate", "effFrom", "effTo", "effStatus", "agencyName",
               "documentIssues", "documentContent", "documentRelatedList", "references")
TREE_KEYS = ("id", "title", "content")


def _check_list(site: "VbplGateway"):
    from kb.scrape.check import Check, missing

    def request(context):
        _key, body = site.list_request(1, 1)
        return site.list_url(), body, dict(site.headers(site.list_url()), **{"Content-Type": "application/json"})

    def verify(text, context):
        data = envelope(text, "doc/all")
        if not isinstance(data, dict) or not isinstance(data.get("items"), list):
            raise GatewayError(f"{NAME} doc/all: thiếu danh sách data.items")
        if not data["items"]:
            raise GatewayError(f"{NAME} doc/all: danh sách rỗng")
        absent = missing(data["items"][0], LIST_KEYS)
        if absent:
            raise GatewayError(f"{NAME} doc/all: thiếu trường {', '.join(absent)}")
        context["id"] = str(data["items"][0]["id"])
        return f"{data.get('total', '?')} văn bản; mục đầu {data['items'][0].get('docNum')}"

    return Check("doc/all", request, verify)


def _get_by_id(site: "VbplGateway", url_of):
    """A check's GET of ``url_of(id)``, for the id the list check found."""

    def request(context):
        url = url_of(context["id"])
        return url, None, site.headers(url)

    return request


def _check_detail(site: "VbplGateway"):
    from kb.scrape.check import Check, missing

    def verify(text, context):
        data = envelope(text, "doc/{id}")
        absent = missing(data, DETAIL_KEYS)
        if absent:
            raise GatewayError(f"{NAME} doc/{{id}}: thiếu trường {', '.join(absent)}")
        content = data.get("documentContent")
        if content is not None and missing(content, ("content",)):
            raise GatewayError(f"{NAME} doc/{{id}}: documentContent thiếu trường content")
        for ref in data.get("references") or []:
            if missing(ref, ("referenceType", "targetDocument")):
                raise GatewayError(f"{NAME} doc/{{id}}: references[] thiếu referenceType/targetDocument")
        body = "có toàn văn" if content and content.get("content") else "không có toàn văn (chỉ tệp)"
        return f"{data.get('docNum')}: {body}, {len(data.get('references') or [])} quan hệ"

    return Check("doc/{id}", _get_by_id(site, site.document_url), verify, needs=("id",))


def _check_tree(site: "VbplGateway"):
    from kb.scrape.check import Check, missing

    def verify(text, context):
        data = envelope(text, "doc/provision/tree")
        if not isinstance(data, list):
            raise GatewayError(f"{NAME} doc/provision/tree: data không phải danh sách")
        if data:
            absent = missing(data[0], TREE_KEYS)
            if absent or ("ptype" not in data[0] and "level" not in data[0]):
                raise GatewayError(f"{NAME} doc/provision/tree: nút thiếu trường {', '.join(absent or ['ptype/level'])}")
        return f"{len(data)} nút gốc"

    return Check("doc/provision/tree/{id}", _get_by_id(site, site.tree_url), verify, needs=("id",))


def doc_title(title: str | None, type_name: str | None, number: str | None) -> tuple[str | None, str | None]:
    """(type, trích yếu) from a gateway title: "Quyết định số 107/2003/QĐ-BTC của Bộ trưởng Bộ Tài
    chính về giá …" → ("Quyết định", "về giá …"); "Luật Ban hành văn bản quy phạm pháp luật số
    64/2025/QH15" → ("Luật", "Ban hành văn bản quy phạm pháp luật")."""
    from kb.scrape.vbpl import TYPES

    text = squash(title)
    if not text:
        return type_name, None
    kind = type_name
    for candidate in ([type_name] if type_name else []) + TYPES:
        if candidate and text.lower().startswith(candidate.lower() + " "):
            kind = kind or candidate
            text = text[len(candidate):].strip()
            break
    if number:
        escaped = re.escape(number)
        text = re.sub(rf"^(?:số\s+)?{escaped}\s*[:,.-]?\s*", "", text, flags=re.I)
        text = re.sub(rf"\s*(?:số\s+)?{escaped}\s*$", "", text, flags=re.I)
    text = re.sub(r"^số\s+\S*\d\S*\s+", "", text, flags=re.I)  # the number as the title writes it
    m = re.match(r"^của\s+.+?\s+((?:về|v/v|quy định|ban hành|hướng dẫn)\b.*)$", text, re.I)
    if m:
        text = m.group(1)
    text = text.strip(" :-")
    return kind, (text[:1].upper() + text[1:]) if text else None


def tree_units(nodes: list, parent: dict | None = None, parent_anchor: str | None = None) -> list[Unit]:
    """Provision tree nodes (nested through ``children``) → units with the source "vbpl"."""
    from kb.structure.anchors import pinpoint_anchor

    units: list[Unit] = []
    path = dict(parent or {})
    for node in nodes:
        if not isinstance(node, dict):
            continue
        kind = PTYPES.get(node.get("ptype")) or LEVELS.get(str(node.get("level") or "").lower())
        content = node.get("content") if isinstance(node.get("content"), dict) else {}
        heading = squash(content.get("title") or "") or squash(node.get("title") or "")
        text = html_fragment_text(content.get("content")) or squash(node.get("title") or "")
        number = None
        if kind:
            m = _NUMBER_OF[kind].match(heading) or _NUMBER_OF[kind].match(squash(node.get("title") or ""))
            number = m.group(1) if m else None
        own = dict(path)
        anchor = None
        if kind and number:
            own[kind] = number.lower() if kind in ("diem",) else number
            anchor = pinpoint_anchor(own)
        if anchor:
            title = squash(node.get("title") or "")
            title = re.sub(r"^(Điều\s+\S+?)\.\s*", "", title) if kind == "dieu" else title
            units.append(Unit(kind=kind, number=number, anchor=anchor, title=title or None, parent=parent_anchor,
                              text=text or None, source="vbpl",
                              extra={"vbpl_node": str(node.get("id") or node.get("key") or ""),
                                     "level": node.get("level")}))
        children = node.get("children")
        if isinstance(children, list) and children:
            units.extend(tree_units(children, own if anchor else path, anchor or parent_anchor))
    return units


def place_units(units: list[Unit], text: str) -> None:
    """Offsets of the units in the document's text, where their first line is found in order."""
    position = 0
    for unit in units:
        first = (unit.text or "").split("\n", 1)[0][:80]
        if not first:
            continue
        where = text.find(first, position)
        if where < 0:
            continue
        unit.start = where
        position = where + 1
    for unit in units:
        if unit.start is not None:
            unit.end = _end_of(unit, units, len(text))


def _end_of(unit: Unit, units: list[Unit], length: int) -> int:
    """A unit ends where the next unit of the same or an outer level begins."""
    order = {k: i for i, k in enumerate(("phan", "chuong", "muc", "tieu_muc", "dieu", "khoan", "diem"))}
    rank = order.get(unit.kind, 9)
    after = [u.start for u in units if u.start is not None and u.start > unit.start and order.get(u.kind, 9) <= rank]
    return min(after) if after else length


SITE = VbplGateway()
