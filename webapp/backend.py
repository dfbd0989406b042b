"""The web site's handle on the domain: the store, the index and a page cache.

Views call these few functions and nothing deeper, so the pages stay thin
and the domain modules (``kb.store``, ``indexer``, ``kb.citations``) stay
unaware of the web.

Threads: waitress serves requests on several threads.  A ``Store`` is opened
per request (SQLite connections are per thread); the index searcher is shared
(it serializes queries itself, which costs nothing measurable because one
Python process runs one thread at a time anyway).  Processes: ``kb serve
--workers N`` forks before any of this is built, so each worker has its own
Backend, Searcher and page cache (see ``webapp/server.py``).
"""
from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from pathlib import Path

from flask import current_app, g

from kb.config import data_dir as resolve_data_dir
from kb.config import index_path


# A query with more quoted phrases than this is "costly" (see Backend.search).
COSTLY_PHRASES = 2


def _phrase_count(query: str) -> int:
    return query.count('"') // 2 + min(query.count("“"), query.count("”"))


class IndexMissing(Exception):
    """No search index in the data directory yet (``kb index`` builds it)."""


class IndexBroken(IndexMissing):
    """The index cannot be read (a damaged file): search answers 503, the rest of the site works."""


class PageCache:
    """A bounded LRU of rendered responses, so popular pages cost one dict lookup.

    Keys carry the index generation: when the index changes the old entries
    simply stop being asked for and age out.  Bounded, so memory stays flat.
    """

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        # Counted for the server's log line when it stops (and the load benchmark).
        self.hits = 0
        self.misses = 0

    def get(self, key):
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
                self.hits += 1
            else:
                self.misses += 1
            return value

    def put(self, key, value) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def reset(self) -> None:
        """Empty, and the counters back to zero."""
        with self._lock:
            self._items.clear()
            self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._items)


class Backend:
    """Per-application state: the data directory, the shared searcher, the cache."""

    def __init__(self, data: Path, cache_size: int, config: dict | None = None):
        self.data = data
        self.config = config or {}
        self._fetch_client = None
        self.cache = PageCache(cache_size)
        self._searcher = None
        self._searcher_lock = threading.RLock()
        self._costly = threading.BoundedSemaphore(1)
        self._generation = None
        self._generation_checked = 0.0

    # --- index ---------------------------------------------------------------
    def index_generation(self) -> str | None:
        """A token that changes whenever the index on disk changes (checked at most once a second).

        The indexer swaps whole generations on a rebuild and rewrites the
        generation's state file after every incremental update.
        """
        now = time.monotonic()
        if now - self._generation_checked > 1.0:
            self._generation_checked = now
            from indexer import storage

            current = storage.current_generation(index_path(self.data))
            try:
                state = (current / storage.STATE).stat() if current else None
            except OSError:
                state = None
            self._generation = f"{current.name}:{state.st_mtime_ns}:{state.st_size}" if state else None
        return self._generation

    def searcher(self):
        with self._searcher_lock:
            if self._searcher is None:
                self._searcher = _open_searcher(self.data)
            return self._searcher

    def search(self, query: str, **options):
        """``indexer`` search; raises :class:`IndexMissing` when there is no index."""
        from indexer.storage import IndexCorrupt

        if _phrase_count(query) > COSTLY_PHRASES:
            # Quoted phrases cost a positional query each: one such search at a time per
            # worker, another is told to retry at once, so ordinary searches never queue
            # behind a crowd of them (issue 12: 8 clients sending 80 phrases each).
            if not self._costly.acquire(blocking=False):
                from flask import abort

                abort(503, description="Máy chủ đang xử lý một câu tìm kiếm phức tạp khác; xin thử lại sau "
                      "giây lát (hoặc bớt các cụm trong ngoặc kép).")
            try:
                return self._search(query, options, IndexCorrupt)
            finally:
                self._costly.release()
        return self._search(query, options, IndexCorrupt)

    def _search(self, query: str, options: dict, IndexCorrupt):
        try:
            return self.searcher().search(query, **options)
        except IndexCorrupt as exc:
            raise IndexBroken(str(exc)) from exc
        except Exception as exc:
            # The indexer's own IndexMissing (a KbError) becomes ours: a 503 page.
            if type(exc).__name__ == "IndexMissing":
                raise IndexMissing(str(exc)) from exc
            if _raised_in_whoosh(exc):  # a damaged segment read lazily, during the query
                raise IndexBroken(str(exc)) from exc
            raise

    def fetch_client(self):
        """One polite client per app, so pacing per host holds across requests."""
        if self._fetch_client is None:
            from webapp.fetch import make_client

            self._fetch_client = make_client(
                timeout=self.config["FETCH_TIMEOUT"],
                max_bytes=self.config["FETCH_MAX_BYTES"],
                allowed=frozenset(self.config["FETCH_ALLOW_ADDRESSES"]),
            )
        return self._fetch_client

    def warm_up(self) -> None:
        """Open the index and load pyvi now rather than on the first query."""
        try:
            self.search("khởi động", page=1, per_page=1)
        except IndexBroken as exc:  # the site still starts: documents, linker, API
            logging.getLogger("webapp").error("Chỉ mục tìm kiếm hỏng, tìm kiếm tạm ngừng: %s", exc)
        except IndexMissing:
            pass
        from kb.importers.sandbox import warm_up

        warm_up()  # the file readers' forkserver, so no user's first upload waits for it

    def close(self) -> None:
        with self._searcher_lock:
            searcher, self._searcher = self._searcher, None
        if searcher is not None:
            searcher.close()


def _raised_in_whoosh(exc: BaseException) -> bool:
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    return last is not None and "/whoosh/" in last.tb_frame.f_code.co_filename.replace("\\", "/")


def _open_searcher(data: Path):
    """The indexer's Searcher: it keeps the index open and follows its updates."""
    import indexer

    return indexer.Searcher(data, preload=True)


# --- per-application and per-request access ------------------------------------
def init_app(app) -> Backend:
    data = resolve_data_dir(app.config.get("DATA_DIR"))
    app.config["DATA_DIR"] = str(data)
    backend = Backend(data, app.config["PAGE_CACHE_SIZE"], app.config)
    app.extensions["kb"] = backend
    app.teardown_appcontext(_close_store)
    return backend


def backend() -> Backend:
    return current_app.extensions["kb"]


def store():
    """The store for this request (opened on first use, closed at teardown)."""
    if "kb_store" not in g:
        from kb.store import open_store

        g.kb_store = open_store(backend().data)
    return g.kb_store


def _close_store(exc=None) -> None:
    opened = g.pop("kb_store", None)
    if opened is not None:
        opened.close()


# --- the data-changing actions (admin pages) --------------------------------------
def import_upload(data: bytes, filename: str, content_type: str | None):
    """Read an uploaded file (bounded, in the readers' child process), save it, re-index.

    Raises KbError with the reason (unreadable file, read-only data directory, disk full…).
    """
    import hashlib

    from kb.importers import document_from_text, read_bytes
    from kb.model import Source

    imported = read_bytes(data, filename, content_type, limits=parse_limits())
    document = document_from_text(imported)
    source = Source(kind="file", url=filename, content_hash=hashlib.sha256(data).hexdigest())
    result = store().save_document(document, source)
    reindex()
    return result


def crawl_page(url: str):
    """Crawl one page (no following: a web request must stay short), then re-index."""
    from kb.scrape.crawler import CrawlOptions, Crawler

    crawler = Crawler(store(), backend().fetch_client(), CrawlOptions(depth=0, max_items=5))
    crawler.start([url])
    summary = crawler.run([url])
    reindex()
    return summary


def reindex() -> None:
    import indexer

    indexer.update(backend().data)
    backend().cache.clear()


def parse_limits():
    """The file readers' limits for the web: the environment's, with this site's slot count."""
    import dataclasses

    from kb.importers.sandbox import limits_from_env

    return dataclasses.replace(limits_from_env(), concurrency=current_app.config["PARSE_CONCURRENCY"])
