"""Collecting documents from the web: polite fetching, one parser module per source, the crawler.

* ``fetch(url) -> FetchResult`` — the polite HTTP client (``http.py``);
* ``read_url(url) -> ReadResult`` — a page's or file's text (``page.py``);
* ``site_for(url)`` — the source module that parses a URL: ``vbpl.py``
  (vbpl.vn), ``anle.py`` (anle.toaan.gov.vn), ``page.py`` (any other page);
* ``Crawler`` — the resumable queue behind ``kb crawl`` (``crawler.py``).
"""
from __future__ import annotations

from kb.scrape.http import FetchError, FetchResult, PoliteClient, fetch

__all__ = ["FetchError", "FetchResult", "PoliteClient", "fetch", "read_url", "site_for"]


def read_url(url: str, **options):
    """See :func:`kb.scrape.page.read_url`."""
    from kb.scrape.page import read_url as _read_url

    return _read_url(url, **options)


def site_for(url: str):
    """The parser for ``url``: vbpl, anle, or the generic web page."""
    from kb.scrape.anle import SITE as ANLE
    from kb.scrape.page import SITE as WEB
    from kb.scrape.vbpl import SITE as VBPL

    for site in (VBPL, ANLE):
        if site.matches(url):
            return site
    return WEB
