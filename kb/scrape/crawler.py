"""The crawler behind ``kb crawl``: a resumable queue in SQLite.

A *run* is one ``kb crawl``.  Its work items live in ``crawl_queue``
(migration 0050, kept by ``kb.store.crawl_queue``): ``vbpl`` (one vbpl document: its tabs), ``page`` (any
published page), ``file`` (a linked .doc/.docx/.pdf) and ``lookup`` (a
citation to find at vbpl by number).  Each item goes pending → working →
done/failed; children are added before the item is marked done.

Crash safety (``kill -9`` at any instant):

* work not marked done is redone by the next ``kb crawl`` (the run stays
  ``running`` until its queue is empty);
* every fetched URL is recorded in ``crawl_fetches`` right after its raw page
  is stored, so redoing an item reuses the stored page instead of fetching
  again;
* saving a document is one store transaction and idempotent, so redoing an
  item never duplicates documents or edges.

Pages are always parsed from the stored raw bytes, so ``--offline`` can
re-parse everything without the network when a parser improves.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

from kb.errors import KbError
from kb.model import Citation, Document, Source
from kb.scrape.base import ParsedPage
from kb.scrape.http import FetchError, FetchResult, PoliteClient, decode_body, split_url
from kb.scrape.page import FILE_SUFFIXES
from kb.store import crawl_queue as queue  # the queue's persistence: this module holds no SQL
from kb.store.db import transaction  # BEGIN IMMEDIATE … COMMIT; rolls back only a live transaction

MAX_ATTACHMENTS = 10  # files fetched per page; portals link whole archives
MAX_CANDIDATES = 3  # search hits checked against a citation's date and issuer
# An item found "working" this many times at a resume crashed every run that took it: a
# poison item.  It ends failed (with this reason) instead of crashing every later run.
MAX_ATTEMPTS = 3


@dataclass
class CrawlOptions:
    depth: int = 0
    follow_citations: bool = False
    offline: bool = False  # parse stored raw pages only, never touch the network
    max_items: int | None = None  # stop after this many items (tests, dry runs)


@dataclass
class Summary:
    fetched: int = 0  # HTTP fetches that returned a page (304 included)
    not_modified: int = 0
    reused: int = 0  # raw pages reused instead of fetching again (resume, offline)
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    done: int = 0  # items finished
    failed: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # partial problems
    resumed: bool = False
    run_id: int | None = None

    @property
    def all_failed(self) -> bool:
        return self.done == 0 and bool(self.failed)

    def count(self, status: str) -> None:
        if status in ("new", "updated", "unchanged"):
            setattr(self, status, getattr(self, status) + 1)

    def lines(self) -> list[str]:
        out = [
            f"Đã tải: {self.fetched} trang"
            + (f" ({self.not_modified} không đổi theo máy chủ — 304)" if self.not_modified else "")
            + (f"; dùng lại {self.reused} trang đã lưu" if self.reused else ""),
            f"Văn bản: {self.new} mới, {self.updated} cập nhật, {self.unchanged} không đổi",
            f"Lỗi: {len(self.failed)}",
        ]
        out += [f"  - {target}: {reason}" for target, reason in self.failed]
        if self.notes:
            out.append(f"Ghi chú: {len(self.notes)}")
            out += [f"  - {target}: {reason}" for target, reason in self.notes]
        return out

    def to_json(self) -> dict:
        """Every field (a new counter cannot be left out); ``run_id`` as ``run``."""
        out = {"run": self.run_id, **asdict(self)}
        del out["run_id"]
        out.update(failed=[{"target": t, "reason": r} for t, r in self.failed],
                   notes=[{"target": t, "reason": r} for t, r in self.notes])
        return out



class Crawler:
    """Run (or resume) a crawl against a store; see the module docstring."""

    def __init__(self, store, client: PoliteClient | None = None, options: CrawlOptions | None = None,
                 progress=None, vbpl=None, sites=None):
        from kb.scrape.page import WebPage
        from kb.scrape.sites import by_name, registered
        from kb.scrape.vbpl import VbplSite

        self.store = store
        self.conn: sqlite3.Connection = store.conn
        self.client = client or PoliteClient()
        self.options = options or CrawlOptions()
        self.progress = progress
        self.vbpl = vbpl or VbplSite()
        # The registered source modules (kb/scrape/sites.py); a queue item's kind is a site's name.
        self.sites = sites if sites is not None else registered(vbpl=self.vbpl)
        self.site_by_name = {site.name: site for site in self.sites}
        self.lookup_site = by_name("vbpl_gateway", self.sites)  # where cited numbers are looked up
        self.web = WebPage(self.vbpl, sites=self.sites)
        self.summary = Summary()
        self.run_id: int | None = None

    # -- the queue ------------------------------------------------------------

    def start(self, seeds: list[str]) -> int | None:
        """Resume the unfinished run, or begin a new one; add the seeds to it."""
        # An offline re-parse never consumes an unfinished crawl.
        unfinished = None if self.options.offline else queue.running_run(self.conn)
        if unfinished is None and not seeds:
            return None  # nothing to resume, nothing to start
        options = {"depth": self.options.depth, "follow_citations": self.options.follow_citations}
        # One transaction: the run resumed (or begun) and its seeds queued, or nothing.
        with transaction(self.conn):
            if unfinished is not None:
                self.run_id = unfinished
                self.summary.resumed = True
                # Items caught mid-work by a crash are redone, unless they crashed every time.
                reason = f"lần thu thập bị dừng đột ngột {MAX_ATTEMPTS} lần khi đang xử lý mục này: bỏ qua"
                for item in queue.fail_poison(self.conn, self.run_id, MAX_ATTEMPTS, reason):
                    self.summary.failed.append((label(item), reason))
                queue.recover_working(self.conn, self.run_id)
                queue.set_run_options(self.conn, self.run_id, options)
            else:
                self.run_id = queue.start_run(self.conn, options)
            for url in seeds:
                kind, target = self.classify(url)
                self._enqueue(kind, target, 0, None, None)
        self.summary.run_id = self.run_id
        return self.run_id

    def classify(self, url: str) -> tuple[str, str]:
        url = url.strip()
        try:
            split_url(url)
        except ValueError:
            return "page", url  # fetched as a page: refused there with the reason
        for site in self.sites:
            target = site.document_target(url)
            if target:
                return site.name, target
        if urlsplit(url).path.lower().endswith(FILE_SUFFIXES):
            return "file", url
        return "page", url

    def _enqueue(self, kind: str, target: str, depth: int, parent: int | None, payload: dict | None) -> bool:
        return queue.enqueue(self.conn, self.run_id, kind, target, depth, parent, payload)

    def pending(self) -> int:
        return queue.pending_count(self.conn, self.run_id)

    def _next(self):
        return queue.next_pending(self.conn, self.run_id)

    def run(self, seeds: list[str]) -> Summary:
        if self.run_id is None and self.start(seeds) is None:
            return self.summary
        processed = 0
        while True:
            item = self._next()
            if item is None:
                break
            if self.options.max_items is not None and processed >= self.options.max_items:
                return self.summary
            queue.claim(self.conn, item["id"])
            children: list[tuple[str, str, int, dict | None]] = []
            try:
                outcome, slug, note = self._process(item, children)
            except FetchError as exc:
                self._finish(item, "failed", None, None, exc.message, [])
                self.summary.failed.append((exc.url if item["kind"] != "lookup" else label(item), exc.message))
            except KbError as exc:
                self._finish(item, "failed", None, None, str(exc), [])
                self.summary.failed.append((label(item), str(exc)))
            except Exception as exc:  # a parser's bug on a strange page: this item fails, the crawl goes on
                reason = f"lỗi không mong muốn khi xử lý ({type(exc).__name__}: {str(exc)[:200]})"
                self._finish(item, "failed", None, None, reason, [])
                self.summary.failed.append((label(item), reason))
            else:
                self._finish(item, "done", outcome, slug, note, children)
                self.summary.done += 1
                if note:
                    self.summary.notes.append((label(item), note))
            processed += 1
            if self.progress is not None:
                self.progress.total = processed + self.pending()
                self.progress.update(1)
                self.progress.refresh()
        queue.finish_run(self.conn, self.run_id)
        return self.summary

    def _finish(self, item, state, outcome, slug, reason, children) -> None:
        queue.finish_item(self.conn, self.run_id, item["id"], state, outcome, slug, reason, children)

    # -- fetching (or reusing) raw pages --------------------------------------

    def raw(self, url: str, post: tuple[str, bytes, dict] | None = None):
        """The raw page for ``url``: reused if this run already stored it,
        else fetched (conditionally when an older copy is stored).  ``post``
        (URL, body, headers) sends a POST instead, stored under ``url``."""
        fetched = queue.fetched_page(self.conn, self.run_id, url)
        previous = self.store.latest_raw_page(url)
        if previous is not None and (self.options.offline or fetched == previous.id):
            self.summary.reused += 1
            return previous
        if self.options.offline:
            raise FetchError(url, "offline", "chưa có bản lưu của trang này (chế độ --offline)")
        if post is not None:
            result: FetchResult = self.client.fetch(post[0], data=post[1], headers=post[2])
        else:
            result = self.client.fetch(url, previous=previous, headers=self._site_headers(url))
        self.summary.fetched += 1
        if result.not_modified:
            # Same bytes as stored: the store only refreshes the page's time and headers.
            self.summary.not_modified += 1
            status = previous.status or 200
        else:
            status = result.status
        page = self.store.save_raw_page(url, status, result.headers, result.body, result.fetched_at)
        if getattr(page, "body", None) is None:
            page.body = result.body
            page.headers = result.headers
            page.status = status
            page.fetched_at = result.fetched_at
        # Recorded right after the page is stored: a resumed run reuses it instead of fetching again.
        queue.record_fetch(self.conn, self.run_id, url, page.id, result.status, result.fetched_at)
        return page

    @staticmethod
    def _html(page) -> str:
        headers = {k.lower(): v for k, v in (page.headers or {}).items()}
        return decode_body(page.body or b"", headers.get("content-type"))[0]

    @staticmethod
    def _content_type(page) -> str:
        headers = {k.lower(): v for k, v in (page.headers or {}).items()}
        return headers.get("content-type", "").split(";")[0].strip().lower()

    def _source(self, kind: str, url: str, page) -> Source:
        return Source(kind=kind, url=url, fetched_at=page.fetched_at, content_hash=page.content_hash,
                      raw_page_id=page.id)

    def _save(self, doc: Document, source: Source, relations=()) -> tuple[str, str]:
        result = self.store.save_document(doc, source, list(relations))
        self.summary.count(result.status)
        return result.status, result.slug

    # -- the work items -------------------------------------------------------

    def _site_headers(self, url: str) -> dict | None:
        """Headers the URL's site asks for; none for a malformed URL (the client refuses it, with the reason)."""
        try:
            split_url(url)
        except ValueError:
            return None
        return next((s.headers(url) for s in self.sites if s.matches(url)), None) or None

    def _process(self, item, children: list) -> tuple[str | None, str | None, str | None]:
        kind = item["kind"]
        if kind in self.site_by_name:
            return self._process_document(self.site_by_name[kind], item, children)
        if kind == "lookup":
            return self._process_lookup(item, children)
        if kind == "file":
            return self._process_file(item, children)
        return self._process_page(item, children)

    def _can_go_deeper(self, item) -> bool:
        return item["depth"] < self.options.depth

    def _process_document(self, site, item, children):
        """One document of a registered site, from its pages (vbpl tabs, gateway detail + tree)."""
        urls = site.document_urls(item["target"])
        pages: list[ParsedPage] = []
        problems: list[str] = []
        main_raw = None
        for i, url in enumerate(urls):
            try:
                raw = self.raw(url)
            except FetchError as exc:
                if i == 0:
                    raise FetchError(exc.url, exc.reason, site.explain(exc), exc.status) from None
                problems.append(f"thiếu trang {site.part_name(url)}: {site.explain(exc)}")
                continue
            if main_raw is None:
                main_raw = raw
            # A main page the site cannot read (an error envelope, HTML instead of JSON) fails
            # the item with the site's message before anything is saved; another part (the
            # gateway's provision tree) only costs that part, said in a note.
            try:
                pages.append(site.parse(url, self._html(raw)))
            except KbError as exc:
                if i == 0:
                    raise
                problems.append(f"thiếu trang {site.part_name(url)}: {exc}")
        merged = site.merge(pages)
        doc = merged.document
        if doc is None or not (doc.number or doc.name or doc.title):
            raise KbError(f"trang {site.name} không có thông tin văn bản (số, tên) — trang lạ hoặc đã đổi cấu trúc")
        if not doc.text:
            text, problem = self._text_from_attachments(merged)
            if text:
                doc.text = text
            elif problem:
                problems.append(problem)
        source_kind = "vbpl" if site.name.startswith("vbpl") else "web"
        status, slug = self._save(doc, self._source(source_kind, item["target"], main_raw), merged.relations)
        self._follow_links(item, merged, children)
        self._follow_citations(item, doc, children)
        return status, slug, "; ".join(problems) or None

    def _text_from_attachments(self, merged: ParsedPage) -> tuple[str | None, str | None]:
        """Consolidated texts keep their text in an attached .doc/.docx/.pdf."""
        def name(a) -> str:  # the gateway's download URLs end in /download: its file name is the title
            path = urlsplit(a.url).path.lower()
            return path if path.endswith((".docx", ".doc", ".pdf")) else (a.title or "").lower()

        files = sorted(
            (a for a in merged.attachments if name(a).endswith((".docx", ".doc", ".pdf"))),
            key=lambda a: (not name(a).endswith(".docx"), not name(a).endswith(".doc")),
        )
        for attachment in files[:2]:
            try:
                raw = self.raw(attachment.url)
                from kb.scrape.page import parse_file

                parsed = parse_file(attachment.url, raw.body, self._content_type(raw))
            except KbError as exc:
                return None, f"không đọc được tệp đính kèm {attachment.url}: {exc}"
            if parsed.document is not None and parsed.document.text:
                return parsed.document.text, None
        return None, None

    def _process_page(self, item, children):
        raw = self.raw(item["target"])
        url = item["target"]
        ctype = self._content_type(raw)
        if ctype and "html" not in ctype and not ctype.startswith("text/"):
            return self._import_file(item, raw, children)
        html = self._html(raw)
        from kb.scrape.sites import site_for

        site = site_for(url, self.sites)
        page = (site if site.document_target(url) is None else self.web).parse(url, html)
        status = slug = None
        note = None
        if page.document is not None and (page.document.text or page.document.number):
            status, slug = self._save(page.document, self._source("web", url, raw), page.relations)
            self._follow_citations(item, page.document, children)
        elif not page.attachments:
            note = "trang không có nội dung chính để lưu"
        for attachment in page.attachments[:MAX_ATTACHMENTS]:
            children.append(("file", attachment.url, item["depth"], None))
        self._follow_links(item, page, children)
        return status or "no_document", slug, note

    def _follow_links(self, item, page: ParsedPage, children: list) -> None:
        """Documents of registered sites a page points to, one step deeper."""
        if not self._can_go_deeper(item):
            return
        for link in page.links:
            kind, target = self.classify(link.url)
            if kind in self.site_by_name:
                children.append((kind, target, item["depth"] + 1, None))

    def _process_file(self, item, children):
        raw = self.raw(item["target"])
        return self._import_file(item, raw, children)

    def _import_file(self, item, raw, children):
        from kb.scrape.page import parse_file

        parsed = parse_file(item["target"], raw.body, self._content_type(raw))
        if parsed.document is None:
            raise KbError("tệp không có văn bản để lưu")
        status, slug = self._save(parsed.document, self._source("web", item["target"], raw))
        self._follow_citations(item, parsed.document, children)
        return status, slug, None

    # -- following citations ----------------------------------------------------

    def _follow_citations(self, item, doc: Document, children: list) -> None:
        """Documents the page's text cites that the store lacks (or holds without text): one
        gateway lookup each, one step deeper.  Resolution goes through the citation stage
        (:func:`kb.citations.resolve.resolve_citations`, as for the store, ``kb link`` and the
        linker): the store is asked once per distinct description."""
        if not (self.options.follow_citations and self._can_go_deeper(item) and doc.text):
            return
        from kb.citations import get_citations
        from kb.citations.resolve import resolve_citations

        own = {doc.number} if doc.number else set()
        cited = [c for c in get_citations(doc.text) if c.number and c.number not in own]
        seen: set[str] = set()
        for group in resolve_citations(cited, self.store.resolve):
            resolution = group.resolution
            found = resolution.status == "found" and resolution.document is not None
            # already here, with its text (resolve's records come without it: asked apart)
            if found and not resolution.document.is_stub and self.store.has_text(resolution.document.id):
                continue
            citation = group.first
            key = lookup_key(citation)
            if key in seen:
                continue
            seen.add(key)
            payload = {
                "number": citation.number,
                "type": citation.type,
                "date": citation.date,
                "year": citation.year,
                "issuer": citation.issuer,
                "text": citation.text,
            }
            children.append(("lookup", key, item["depth"] + 1, payload))

    def _process_lookup(self, item, children):
        """A cited number looked up at the vbpl gateway: ``POST /doc/all`` by number, then
        each candidate's detail checked against the citation's number, date and issuer."""
        wanted = json.loads(item["payload"] or "{}")
        number = wanted.get("number")
        if not number:
            return "skipped", None, "trích dẫn không có số"
        site = self.lookup_site
        if site is None:
            return "skipped", None, "không có nguồn để tra cứu số văn bản"
        key, post_url, body, headers = site.search_request(number)
        try:
            raw = self.raw(key, post=(post_url, body, headers))
        except FetchError as exc:
            raise FetchError(exc.url, exc.reason, site.explain(exc), exc.status) from None
        result = site.parse_search(key, self._html(raw))
        from kb.identity import number_key

        hits = [h for h in result.hits if h.number and number_key(h.number) == number_key(number)]
        if wanted.get("date"):
            hits = [h for h in hits if not h.date or h.date == wanted["date"]]
        if not hits:
            return "not_found", None, "không tìm thấy trên vbpl"
        matches = []
        for hit in hits[:MAX_CANDIDATES]:
            try:
                page = site.parse(hit.url, self._html(self.raw(hit.url)))
            except FetchError as exc:
                self.summary.notes.append((hit.url, site.explain(exc)))
                continue
            except KbError as exc:
                self.summary.notes.append((hit.url, str(exc)))
                continue
            if page.document is not None and citation_matches(wanted, page.document):
                matches.append(hit)
        if not matches:
            return "not_found", None, "có kết quả cùng số trên vbpl nhưng không khớp ngày/cơ quan ban hành"
        if len(matches) > 1:
            return "ambiguous", None, f"{len(matches)} văn bản trên vbpl cùng khớp, không chọn bừa"
        children.append((site.name, site.document_target(matches[0].url), item["depth"], None))
        return "found", None, None


def label(item) -> str:
    """How the summary names a work item: its URL, or the citation looked up."""
    if item["kind"] != "lookup":
        return item["target"]
    wanted = json.loads(item["payload"] or "{}")
    when = wanted.get("date") or wanted.get("year")
    return f"trích dẫn {wanted.get('number')}" + (f" ({when})" if when else "")


def lookup_key(citation: Citation) -> str:
    from kb.identity import issuer_key, number_key

    when = citation.date or (str(citation.year) if citation.year else "")
    return f"{number_key(citation.number)}|{when}|{issuer_key(citation.issuer)}"


def citation_matches(wanted: dict, doc: Document) -> bool:
    """Does a fetched vbpl document fit what the citation says about it?"""
    from kb.identity import issuer_key, number_key

    if wanted.get("number") and doc.number and number_key(wanted["number"]) != number_key(doc.number):
        return False
    if wanted.get("date") and doc.date and wanted["date"] != doc.date:
        return False
    year = wanted.get("year")
    if year and doc.date and int(doc.date[:4]) != int(year):
        return False
    if wanted.get("issuer") and doc.issuer:
        a, b = set(issuer_key(wanted["issuer"]).split()), set(issuer_key(doc.issuer).split())
        if a and b and not (a <= b or b <= a):
            return False
    return True
