"""Collecting documents from the web: polite fetching, one parser module per source, the crawler.

* ``fetch(url) -> FetchResult`` — the polite HTTP client (``http.py``);
* ``read_url(url) -> ReadResult`` — a page's or file's text (``page.py``);
* ``site_for(url)`` — the source module that parses a URL, from the registry
  in ``sites.py`` (vbpl gateway, classic vbpl.vn, vanban.chinhphu.vn,
  anle.toaan.gov.vn), else ``page.py`` (any other page);
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
    """The parser for ``url``: a registered source module, or the generic web page."""
    from kb.scrape.sites import site_for as _site_for

    return _site_for(url)
