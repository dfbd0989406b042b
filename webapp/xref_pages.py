"""Long lists of cross-references paged on the document page itself (no script).

"Được căn cứ bởi 254" shows 40 at a time; ``?trang-can-cu=2`` shows the next
40.  Each list has its own parameter, so paging one keeps the others where
they are.  The parameter names are Vietnamese like the rest of the site's URLs:
lists of documents citing this one use ``trang-<quan-he>``, lists of documents
it cites ``trang-di-<quan-he>``.
"""
from __future__ import annotations

import math

from flask import request, url_for

PER_PAGE = 40


def param(relation: str, side: str) -> str:
    code = relation.replace("_", "-")
    return f"trang-{code}" if side == "in" else f"trang-di-{code}"


def requested_page(name: str, pages: int) -> int:
    """The page asked for, kept within 1..pages (a bad value shows page 1, not an error)."""
    raw = request.args.get(name, "1")
    try:
        page = int(raw) if len(raw) <= 6 else 1
    except ValueError:
        page = 1
    return min(max(page, 1), max(pages, 1))


def _url(slug: str, name: str, page: int) -> str:
    args = {k: v for k, v in request.args.items() if k.startswith("trang-") and len(v) <= 6}
    if page <= 1:
        args.pop(name, None)
    else:
        args[name] = page
    return url_for("documents.page", slug=slug, **args) + "#" + name


def page_group(items: list, relation: str, side: str, slug: str | None, per_page: int | None = None) -> dict:
    """The slice of ``items`` to show and the links to the other slices."""
    per_page = per_page or PER_PAGE
    name = param(relation, side)
    pages = max(1, math.ceil(len(items) / per_page))
    page = requested_page(name, pages) if slug else 1
    start = (page - 1) * per_page
    links = []
    if pages > 1 and slug:
        if page > 1:
            links.append(("Trang đầu", _url(slug, name, 1), "first"))
            links.append(("‹ Trước", _url(slug, name, page - 1), "prev"))
        if page < pages:
            links.append(("Sau ›", _url(slug, name, page + 1), "next"))
            links.append(("Trang cuối", _url(slug, name, pages), "last"))
    return {
        "items": items[start: start + per_page],
        "total": len(items),
        "page": page,
        "pages": pages,
        "first_index": start + 1,
        "param": name,
        "links": links,
        "hidden": 0 if slug else max(0, len(items) - per_page),
    }
