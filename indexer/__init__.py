"""Full-text search over the store: Whoosh + pyvi (see docs/search.md).

Public surface: :func:`update` (bring the index up to date with the store),
:func:`search`, and :class:`Searcher` (keeps the index open; the web server
holds one).  The index is derived data: ``python -m kb index --rebuild``
recreates it from the store at any time.
"""
from __future__ import annotations

__all__ = ["update", "search", "Searcher", "IndexReport", "SearchResult", "Hit"]


def __getattr__(name):
    # Lazy: ``import indexer`` must not load Whoosh or pyvi (kb --help stays fast).
    if name in ("update", "IndexReport"):
        from indexer import build

        return getattr(build, name)
    if name in ("search", "Searcher"):
        from indexer import searching

        return getattr(searching, name)
    if name in ("SearchResult", "Hit"):
        from indexer.results import Hit, SearchResult

        return {"SearchResult": SearchResult, "Hit": Hit}[name]
    raise AttributeError(name)
