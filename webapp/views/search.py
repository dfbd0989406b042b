"""Search: ``/`` (HTML), ``/api/search`` (JSON), ``/opensearch.xml``.

Both twins read the same :class:`SearchRequest` and the same indexer result.
Rendered pages are cached (LRU, keyed by the query string and the index
generation): an office asks the same few questions all day.
"""
from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field

from flask import Blueprint, Response, abort, current_app, jsonify, redirect, render_template, request, url_for

from webapp import backend as kb
from webapp.filters import FACET_NAMES, SEARCH_PARAMS, attr, safe_snippet, validity_code, validity_label

bp = Blueprint("search", __name__)

SORTS = {"relevance": "Liên quan nhất", "date": "Mới nhất"}
_LOOKS_LIKE_NUMBER = re.compile(r"\d+\s*/\s*\S")


@dataclass
class SearchRequest:
    q: str = ""
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1

    @property
    def empty(self) -> bool:
        return not self.q and not self.filters


def parse_request(args) -> SearchRequest:
    """Validate the query string; bad input is a 400 with a reason, not a crash."""
    config = current_app.config
    q = " ".join(args.get("q", "").split())
    if len(q) > config["MAX_QUERY_CHARS"]:
        abort(400, description=f"Câu tìm kiếm quá dài (tối đa {config['MAX_QUERY_CHARS']} ký tự).")
    filters = {}
    for name in ("type", "issuer", "validity"):
        value = " ".join(args.get(name, "").split())
        if len(value) > 200:
            abort(400, description="Giá trị bộ lọc quá dài.")
        if value:
            filters[name] = validity_code(value) if name == "validity" else value
    year = args.get("year", "").strip()
    if year:
        if not re.fullmatch(r"[0-9]{4}", year):  # ASCII digits only (not ١٢٣٤)
            abort(400, description="Năm phải là số có 4 chữ số.")
        filters["year"] = int(year)
    sort = args.get("sort", "relevance")
    if sort not in SORTS:
        abort(400, description="Cách sắp xếp không hợp lệ (relevance hoặc date).")
    try:
        page = int(args.get("page", "1"))
    except ValueError:
        abort(400, description="Số trang không hợp lệ.")
    if not 1 <= page <= config["MAX_PAGE"]:
        abort(400, description=f"Số trang phải từ 1 đến {config['MAX_PAGE']}.")
    return SearchRequest(q=q, filters=filters, sort=sort, page=page)


@dataclass
class SearchPage:
    """What both twins show: the request, the result, the paging."""

    request: SearchRequest
    total: int = 0
    hits: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    did_you_mean: str | None = None
    direct: str | None = None
    candidates: list = field(default_factory=list)
    per_page: int = 20
    notice: str | None = None  # the indexer left part of a costly query out

    @property
    def pages(self) -> int:
        return min(max(1, math.ceil(self.total / self.per_page)), current_app.config["MAX_PAGE"])


def run_search(req: SearchRequest) -> SearchPage:
    per_page = current_app.config["PER_PAGE"]
    page = SearchPage(request=req, per_page=per_page)
    if req.empty:
        return page
    result = kb.backend().search(
        req.q, sort=req.sort, page=req.page, per_page=per_page, **req.filters
    )
    page.total = attr(result, "total", 0) or 0
    page.hits = list(attr(result, "hits", []) or [])
    page.facets = {k: list(v) for k, v in (attr(result, "facets", {}) or {}).items()}
    if "validity" in page.facets:  # codes from the index; an older index stored labels
        page.facets["validity"] = [(validity_code(v), n) for v, n in page.facets["validity"]]
    page.did_you_mean = attr(result, "did_you_mean")
    page.notice = attr(result, "notice")
    page.direct = attr(result, "direct")
    page.candidates = list(attr(result, "candidates", []) or [])
    if not page.direct and req.q and _LOOKS_LIKE_NUMBER.search(req.q) and not page.candidates:
        page.direct, page.candidates = _lookup_number(req.q)
    return page


def _lookup_number(q: str):
    """A number the index did not resolve, looked up in the store (stubs included)."""
    from kb.citations import canonical_number

    number = canonical_number(q)
    if not number:
        return None, []
    records = [r for r in kb.store().lookup(number) if r is not None]
    if len(records) == 1:
        return records[0].slug, []
    return None, records


def _search_args() -> dict:
    return {k: v for k, v in request.args.items() if k in SEARCH_PARAMS}


def _cache_key(kind: str):
    """Query parameters we read, the host (absolute URLs in JSON), the index generation."""
    return (kind, request.host_url, tuple(sorted(_search_args().items())), kb.backend().index_generation())


def _page(body: bytes, mimetype: str, etag: str) -> Response:
    """A search page that browsers may keep and revalidate (304 when unchanged)."""
    response = Response(body, mimetype=mimetype)
    response.set_etag(etag)
    response.headers["Cache-Control"] = "no-cache"
    return response.make_conditional(request)


def _etag(body: bytes) -> str:
    return hashlib.blake2b(body, digest_size=12).hexdigest()


@bp.route("/")
def index():
    cache = kb.backend().cache
    key = _cache_key("html")
    cached = cache.get(key)
    if cached is not None:
        body, etag, location = cached
        if location:
            return redirect(location)
        return _page(body, "text/html", etag)
    req = parse_request(request.args)
    page = run_search(req)
    if page.direct and req.page == 1 and not req.filters:
        location = url_for("documents.page", slug=page.direct)
        cache.put(key, (b"", "", location))
        return redirect(location)
    body = render_template(
        "search.html",
        page=page,
        req=req,
        sorts=SORTS,
        facet_names=FACET_NAMES,
        stats=None if not req.empty else _stats(),
        json_url=url_for("search.api", **_search_args()),
    )
    data = body.encode()
    etag = _etag(data)
    cache.put(key, (data, etag, None))
    return _page(data, "text/html", etag)


def _stats() -> dict:
    try:
        return kb.store().stats() or {}
    except Exception:  # the home page must not fail because of a count
        current_app.logger.exception("stats() failed")
        return {}


def hit_validity(hit) -> str:
    return validity_code(attr(hit, "validity_code") or attr(hit, "validity"))


def hit_json(hit) -> dict:
    slug = attr(hit, "slug")
    return {
        **record_brief(hit),
        "score": round(attr(hit, "score") or 0.0, 3),
        "snippet": str(safe_snippet(attr(hit, "snippet_html"))),  # HTML: escaped text and <mark>
        "snippet_text": attr(hit, "snippet") or None,
        "validity": hit_validity(hit),
        "validity_label": validity_label(hit_validity(hit)),
        "api": url_for("documents.api", slug=slug, _external=True),
    }


def record_brief(doc) -> dict:
    slug = attr(doc, "slug")
    return {
        "slug": slug,
        "number": attr(doc, "number"),
        "type": attr(doc, "type"),
        "issuer": attr(doc, "issuer"),
        "date": attr(doc, "date"),
        "title": attr(doc, "title"),
        "is_stub": bool(attr(doc, "is_stub", attr(doc, "stub", False))),  # records / index hits
        "url": url_for("documents.page", slug=slug, _external=True) if slug else None,
    }


@bp.route("/api/search")
def api():
    cache = kb.backend().cache
    key = _cache_key("json")
    cached = cache.get(key)
    if cached is not None:
        return _page(cached[0], "application/json", cached[1])
    req = parse_request(request.args)
    page = run_search(req)
    payload = {
        "query": req.q,
        "filters": req.filters,
        "sort": req.sort,
        "page": req.page,
        "per_page": page.per_page,
        "pages": page.pages,
        "total": page.total,
        "direct": page.direct,
        "direct_url": url_for("documents.page", slug=page.direct, _external=True) if page.direct else None,
        "did_you_mean": page.did_you_mean,
        "notice": page.notice,
        "hits": [hit_json(h) for h in page.hits],
        "facets": {
            name: [{"value": value, "count": count} for value, count in values]
            for name, values in page.facets.items()
        },
        "candidates": [record_brief(c) for c in page.candidates],
        "html": url_for("search.index", _external=True, **_search_args()),
    }
    data = jsonify(payload).get_data()
    etag = _etag(data)
    cache.put(key, (data, etag))
    return _page(data, "application/json", etag)


@bp.route("/opensearch.xml")
def opensearch():
    body = render_template("opensearch.xml")
    return Response(body, mimetype="application/opensearchdescription+xml")
