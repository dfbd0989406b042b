"""What every source module fills in, juriscraper style.

A source module (``vbpl_gateway.py``, ``vbpl.py``, ``chinhphu.py``,
``anle.py``; ``page.py`` for any other page) exposes a ``Site`` subclass with
the same few methods, and is listed in the registry (``sites.py``):

* ``matches(url)``: is this URL ours?
* ``document_urls(url)``: the pages that together make one document (vbpl
  spreads a document over its *toàn văn*, *thuộc tính* and *lược đồ* tabs);
* ``parse(url, html) -> ParsedPage``: everything one saved page says;
* ``merge(pages) -> ParsedPage``: one document from its pages;
* optionally ``search_url(number)`` / ``parse_search(url, html)`` to find a
  cited document by its number.

Parsing is pure (bytes or text in, data out) so it can re-run offline on the
raw pages the store keeps.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date

from kb.model import Described, Document, Relation


@dataclass(kw_only=True)
class Link(Described):
    """A document a page points to (related list, lược đồ box, search hit, attachment)."""

    url: str
    effective_date: str | None = None
    group: str | None = None  # the page's own heading for the list it sits in

    def to_json(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass
class ParsedPage:
    """What one page (or the merged pages of one document) says."""

    url: str
    kind: str  # "toanvan", "thuoctinh", "luocdo", "lienquan", "search", "anle", "web", "file"
    document: Document | None = None
    relations: list[Relation] = field(default_factory=list)
    related: list[Link] = field(default_factory=list)  # untyped "liên quan khác"
    attachments: list[Link] = field(default_factory=list)  # .doc/.docx/.pdf files
    links: list[Link] = field(default_factory=list)  # other documents worth following
    hits: list[Link] = field(default_factory=list)  # search results
    total: int | None = None  # search: number of results the site reports
    extra: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        """A stable JSON form, used by the golden files of the tests."""
        doc = None
        if self.document is not None:
            doc = {k: v for k, v in asdict(self.document).items() if k != "text"}
            text = self.document.text or ""
            doc["text_length"] = len(text)
            doc["text_start"] = text[:200]
            doc["text_end"] = text[-200:]
        return {
            "url": self.url,
            "kind": self.kind,
            "document": doc,
            "relations": [
                {
                    "relation": r.relation,
                    "direction": r.direction,
                    "evidence": r.evidence,
                    "other": {k: v for k, v in asdict(r.other).items() if v not in (None, {}, "state")},
                }
                for r in self.relations
            ],
            "related": [link.to_json() for link in self.related],
            "attachments": [link.to_json() for link in self.attachments],
            "links": [link.to_json() for link in self.links],
            "hits": [link.to_json() for link in self.hits],
            "total": self.total,
            "extra": self.extra,
        }


class Site:
    """Base of the source modules; see the module docstring."""

    name = "site"

    def matches(self, url: str) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError

    def document_urls(self, url: str) -> list[str]:
        return [url]

    def parse(self, url: str, html: str) -> ParsedPage:  # pragma: no cover - abstract
        raise NotImplementedError

    def merge(self, pages: list[ParsedPage]) -> ParsedPage:
        return pages[0]

    def search_url(self, number: str) -> str | None:
        return None

    # -- what the crawler asks every registered site --------------------------

    def document_target(self, url: str) -> str | None:
        """The canonical URL of the document ``url`` belongs to, when this site
        assembles documents from its own pages (queued under ``self.name``);
        None: the URL is read as a plain page (through ``parse``)."""
        return None

    def part_name(self, url: str) -> str:
        """How a summary names one of the pages of a document."""
        return url

    def headers(self, url: str) -> dict:
        """Extra request headers the site expects."""
        return {}

    def explain(self, exc) -> str:
        """A FetchError's message, said the site's way (e.g. what a 401 means there)."""
        return exc.message

    def parse_search(self, url: str, html: str) -> ParsedPage:  # pragma: no cover
        raise NotImplementedError


# ------------------------------------------------------------ small helpers

_SPACES = re.compile(r"\s+")
_DMY = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")
_NGAY = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)


def squash(text: str | None) -> str:
    """Collapse runs of whitespace (HTML source indentation) to one space."""
    return _SPACES.sub(" ", text or "").strip()


def iso_date(text: str | None) -> str | None:
    """``27/11/2015`` or ``ngày 27 tháng 11 năm 2015`` → ``2015-11-27`` (None if invalid)."""
    if not text:
        return None
    m = _DMY.search(text) or _NGAY.search(squash(text))
    if not m:
        return None
    day, month, year = (int(g) for g in m.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
