"""The registry of source modules, juriscraper style: one module per site.

The crawler, ``kb.scrape.site_for`` and ``kb sources check`` iterate this
list instead of naming sites.  Each registered site has ``name``,
``matches(url)``, ``parse(url, body)`` and example responses with their
expected JSON in ``tests/scrape/examples/<name>/`` (a test requires them).
Adding a source = one module with a ``Site`` subclass + one line here +
its examples.  The generic web page (``page.py``) is the fallback, not a
registered site.

Sites are built on each call so that a base URL set in the environment
(``KB_VBPL_GATEWAY``, ``KB_VANBAN_CHINHPHU``, ``KB_VBPL_BASE``) is honoured.
"""
from __future__ import annotations

from kb.scrape.base import Site


def registered(**overrides: Site) -> list[Site]:
    """Every source module, most specific first; ``overrides`` replace one by name."""
    from kb.scrape.anle import AnleSite
    from kb.scrape.chinhphu import ChinhphuSite
    from kb.scrape.congbao import CongbaoSite
    from kb.scrape.vbpl import VbplSite
    from kb.scrape.vbpl_gateway import VbplGateway

    sites: list[Site] = [VbplGateway(), VbplSite(), ChinhphuSite(), CongbaoSite(), AnleSite()]
    return [overrides.get(site.name, site) for site in sites]


def site_for(url: str, sites: list[Site] | None = None) -> Site:
    """The registered site that claims ``url``, else the generic web page."""
    from kb.scrape.page import SITE as WEB

    for site in sites if sites is not None else registered():
        if site.matches(url):
            return site
    return WEB


def by_name(name: str, sites: list[Site] | None = None) -> Site | None:
    return next((s for s in (sites if sites is not None else registered()) if s.name == name), None)
