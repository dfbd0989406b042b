"""Search: ``/`` (HTML), ``/api/search`` (JSON), ``/opensearch.xml``.

Both twins read the same :class:`SearchRequest` and get the same
:class:`indexer.results.SearchResult`: the page renders it with the template,
the API with its ``to_json`` (the one shape ``kb search --json`` prints too).
Rendered pages are cached (LRU, keyed by the query string and the index
generation): an office asks the same few questions all day.
"""
from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field

from flask import Blueprint, Response, abort, current_app, jsonify, redirect, render_template, request, url_for

from indexer.results import Hit, Links, SearchResult
from webapp import backend as kb
from webapp.filters import FACET_NAMES, SEARCH_PARAMS, validity_code

bp = Blueprint("search", __name__)

SORTS = {"relevance": "Liên quan nhất", "date": "Mới nhất"}
UNITS = {"document": "Văn bản", "article": "Điều khoản"}
_LOOKS_LIKE_NUMBER = re.compile(r"\d+\s*/\s*\S")


@dataclass
class SearchRequest:
    q: str = ""
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    unit: str = "document"

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
    for name in ("type", "issuer", "validity", "topic"):
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
    unit = args.get("unit", "document") or "document"
    if unit not in UNITS:
        abort(400, description="Đơn vị tìm kiếm không hợp lệ (document hoặc article).")
    sort = args.get("sort", "relevance")
    if sort not in SORTS:
        abort(400, description="Cách sắp xếp không hợp lệ (relevance hoặc date).")
    try:
        page = int(args.get("page", "1"))
    except ValueError:
        abort(400, description="Số trang không hợp lệ.")
    if not 1 <= page <= config["MAX_PAGE"]:
        abort(400, description=f"Số trang phải từ 1 đến {config['MAX_PAGE']}.")
    return SearchRequest(q=q, filters=filters, sort=sort, page=page, unit=unit)


class WebLinks(Links):
    """Absolute URLs of this site (the API's links work from anywhere)."""

    def document(self, slug: str, anchor: str | None = None) -> str:
        return url_for("documents.page", slug=slug, _external=True) + (f"#{anchor}" if anchor else "")

    def document_api(self, slug: str) -> str:
        return url_for("documents.api", slug=slug, _external=True)

    def search(self, params: dict) -> str:
        return url_for("search.index", _external=True, **{k: v for k, v in params.items() if v not in (None, "")})


def run_search(req: SearchRequest) -> SearchResult:
    per_page = current_app.config["PER_PAGE"]
    if req.empty:
        return SearchResult(total=0, hits=[], per_page=per_page, sort=req.sort, unit=req.unit)
    result = kb.backend().search(
        req.q, sort=req.sort, page=req.page, per_page=per_page, unit=req.unit, **req.filters
    )
    if not result.direct and req.q and _LOOKS_LIKE_NUMBER.search(req.q) and not result.candidates:
        result.direct, result.candidates = _lookup_number(req.q)
    return result


def max_pages(result) -> int:
    return min(max(1, math.ceil(result.total / result.per_page)), current_app.config["MAX_PAGE"])


def _lookup_number(q: str):
    """A number the index did not resolve, looked up in the store (stubs included)."""
    from kb.citations import canonical_number

    number = canonical_number(q)
    if not number:
        return None, []
    records = [r for r in kb.store().lookup(number) if r is not None]
    if len(records) == 1:
        return records[0].slug, []
    return None, [Hit.from_record(r) for r in records]


def _search_args() -> dict:
    return {k: v for k, v in request.args.items() if k in SEARCH_PARAMS}


def _cache_key(kind: str):
    """Query parameters we read, the host (absolute URLs in JSON), the index generation."""
    return (kind, request.host_url, tuple(sorted(_search_args().items())), kb.backend().index_generation())


def _cached(kind: str):
    """The page cache, this request's key in it, and what it holds there (None)."""
    cache = kb.backend().cache
    key = _cache_key(kind)
    return cache, key, cache.get(key)


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
    cache, key, cached = _cached("html")
    if cached is not None:
        body, etag, location = cached
        if location:
            return redirect(location)
        return _page(body, "text/html", etag)
    req = parse_request(request.args)
    page = run_search(req)
    if page.direct and req.page == 1 and not req.filters:
        anchor = getattr(page, "direct_anchor", None)
        location = url_for("documents.page", slug=page.direct) + (f"#{anchor}" if anchor else "")
        cache.put(key, (b"", "", location))
        return redirect(location)
    body = render_template(
        "search.html",
        page=page,
        pages=max_pages(page),
        req=req,
        sorts=SORTS,
        units=UNITS,
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


@bp.route("/api/search")
def api():
    cache, key, cached = _cached("json")
    if cached is not None:
        return _page(cached[0], "application/json", cached[1])
    req = parse_request(request.args)
    result = run_search(req)
    result.query, result.page = req.q, req.page
    payload = result.to_json(WebLinks(), max_page=current_app.config["MAX_PAGE"])
    data = jsonify(payload).get_data()
    etag = _etag(data)
    cache.put(key, (data, etag))
    return _page(data, "application/json", etag)


@bp.route("/opensearch.xml")
def opensearch():
    body = render_template("opensearch.xml")
    return Response(body, mimetype="application/opensearchdescription+xml")
