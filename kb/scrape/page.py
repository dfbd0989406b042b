"""Any published page: a provincial portal article (like the seed plan), a news page.

The main text comes from trafilatura (a maintained main-content extractor,
not hand-written rules per portal); the metadata then comes from the text's
official header exactly as for an imported file (``kb.metadata.parse_header``),
never from the site's chrome.  Linked ``.doc``/``.docx``/``.pdf`` files and
links to vbpl.vn documents are collected for the crawler to follow; linked
files are read with ``kb.importers.read_bytes``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

from kb.model import Document
from kb.scrape.base import Link, ParsedPage, Site, squash

FILE_SUFFIXES = (".doc", ".docx", ".pdf", ".odt", ".rtf", ".txt")
_FILE_RE = re.compile(r"\.(docx?|pdf|odt|rtf)(?:$|[?#])", re.I)


def extract_main_text(html: str, url: str | None = None) -> tuple[str, dict]:
    """(main text, {"title": …} when the page names itself).

    trafilatura's own metadata extraction is not used: its date search loads
    dateparser's 200 locales (seconds per page), and the date that matters is
    the one in the document's official header anyway.
    """
    import trafilatura

    _quiet_trafilatura()
    text = trafilatura.extract(
        html,
        url=url,
        include_tables=True,
        include_comments=False,
        include_links=False,
        favor_recall=True,
        deduplicate=False,
    ) or ""
    meta: dict = {}
    title = page_title(html)
    if title:
        meta["title"] = title
    return text, meta


def page_title(html: str) -> str | None:
    """The page's own title: og:title, else the first <h1>, else <title>."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    og = soup.find("meta", attrs={"property": "og:title"})
    if og and og.get("content"):
        return squash(og["content"])
    for tag in (soup.find("h1"), soup.title):
        if tag is not None and squash(tag.get_text(" ")):
            return squash(tag.get_text(" "))
    return None


def _quiet_trafilatura() -> None:
    """trafilatura logs "empty HTML tree" and the like at ERROR; with no logging
    configured Python would print them on the user's terminal."""
    import logging

    logger = logging.getLogger("trafilatura")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
        logger.propagate = False


def visible_text(html: str) -> str:
    """All visible text, one line per block, without navigation and scripts
    (the fallback when a page is too small for main-content extraction)."""
    from bs4 import BeautifulSoup

    from kb.scrape.vbpl import block_text

    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form"]):
        tag.decompose()
    return block_text(soup.body or soup)


def document_from_text(text: str, url: str, title_hint: str | None = None) -> Document:
    """Metadata from the official header of ``text``."""
    from kb.metadata import parse_header

    doc = parse_header(text)
    if doc.text is None:
        doc.text = text
    doc.source_url = url
    if not doc.title and title_hint:
        doc.title = squash(title_hint)
    if not doc.title and not doc.number:
        # The store needs something to name a document by: the page's first line.
        first = next((squash(line) for line in text.splitlines() if line.strip()), "")
        doc.title = first[:200] or url
    if not doc.number and not doc.name:
        doc.name = doc.title
    return doc


class WebPage(Site):
    """Fallback source for any page no specific module claims."""

    name = "web"

    def __init__(self, vbpl=None, sites=None):
        from kb.scrape.vbpl import SITE as VBPL

        self.vbpl = vbpl or VBPL
        self._sites = sites  # the registry's sites whose documents a page may link to

    @property
    def sites(self):
        if self._sites is None:
            from kb.scrape.sites import registered

            self._sites = registered(vbpl=self.vbpl)
        return self._sites

    def matches(self, url: str) -> bool:
        return urlsplit(url).scheme in ("http", "https")

    def parse(self, url: str, html: str) -> ParsedPage:
        from bs4 import BeautifulSoup

        text, meta = extract_main_text(html, url)
        if not text.strip():
            text = visible_text(html)
        page = ParsedPage(url=url, kind="web")
        page.extra.update(meta)
        if text.strip():
            page.document = document_from_text(text, url, meta.get("title"))
        soup = BeautifulSoup(html, "lxml")
        seen: set[str] = set()
        for anchor in soup.find_all("a", href=True):
            href = anchor["href"].strip()
            if href.startswith(("javascript:", "mailto:", "tel:", "#")):
                continue
            try:
                target = urljoin(url, href).split("#", 1)[0]
                if target in seen or urlsplit(target).scheme not in ("http", "https"):
                    continue
            except ValueError:  # a malformed link (http://[::1, …) is not followed
                continue
            label = squash(anchor.get_text(" ")) or None
            if _FILE_RE.search(target):
                seen.add(target)
                page.attachments.append(Link(url=target, title=label, group="attachment"))
            else:
                site = next((s for s in self.sites if s.document_target(target)), None)
                if site is not None:
                    seen.add(target)
                    page.links.append(Link(url=target, title=label, group=site.name))
        return page


def parse_file(url: str, body: bytes, content_type: str | None) -> ParsedPage:
    """A fetched .doc/.docx/.pdf (or text) file, through helper F's importers."""
    from kb.importers import read_bytes

    name = unquote(urlsplit(url).path.rsplit("/", 1)[-1]) or "tep"
    imported = read_bytes(body, name, content_type)
    page = ParsedPage(url=url, kind="file")
    page.extra["format"] = getattr(imported, "format", None)
    if imported.text and imported.text.strip():
        page.document = document_from_text(imported.text, url, getattr(imported, "title_hint", None))
    return page


SITE = WebPage()


@dataclass
class ReadResult:
    """A URL read for its text (``kb link URL``, the web linker)."""

    url: str  # final URL
    kind: str  # "html" or "file"
    text: str  # main text (HTML: trafilatura; files: the importers)
    html: str | None  # the decoded page, for callers that annotate markup
    document: Document | None
    fetch: object  # the FetchResult


def read_url(url: str, *, deadline: float | None = None, client=None, main_text: bool = True) -> ReadResult:
    """Fetch ``url`` politely and return its text; raises ``FetchError``/``KbError``.

    HTML pages give their main text (trafilatura; the whole visible text when
    ``main_text`` is False or extraction finds nothing); .doc/.docx/.pdf files
    go through the importers.  Nothing the page contains is executed.
    """
    from kb.scrape.http import fetch

    result = fetch(url, deadline=deadline, client=client)
    if result.is_html or result.content_type.startswith("text/") or not result.content_type:
        page_html = result.text
        text = extract_main_text(page_html, result.url)[0] if main_text else ""
        if not text.strip():
            text = visible_text(page_html)
        doc = document_from_text(text, result.url) if text.strip() else None
        return ReadResult(result.url, "html", text, page_html, doc, result)
    parsed = parse_file(result.url, result.body, result.content_type)
    doc = parsed.document
    return ReadResult(result.url, "file", doc.text if doc else "", None, doc, result)
