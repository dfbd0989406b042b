"""The search-result read model: one shape for ``kb search --json``, ``/api/search`` and the page.

A :class:`SearchResult` holds codes (validity ``con_hieu_luc``, topic ``19``),
never labels; :meth:`SearchResult.to_json` renders it, labels included, with
links made by a :class:`Links` (relative paths on the command line, absolute
URLs on the web site).  The shape is written down in ``docs/api.md`` ("Search").
"""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from kb.model import VALIDITY_LABELS, Described
from indexer.display import sentence_case


class Links:
    """Where a document, an article and a search live; the web app passes absolute ones."""

    def __init__(self, base: str = ""):
        self.base = base.rstrip("/")

    def document(self, slug: str, anchor: str | None = None) -> str:
        return f"{self.base}/van-ban/{quote(slug)}" + (f"#{anchor}" if anchor else "")

    def document_api(self, slug: str) -> str:
        return f"{self.base}/api/van-ban/{quote(slug)}"

    def search(self, params: dict) -> str:
        return f"{self.base}/?{urlencode({k: v for k, v in params.items() if v not in (None, '')})}"


@dataclass
class ArticleRef:
    """An article (Điều) of a hit's document."""

    number: str
    title: str | None
    anchor: str

    def to_json(self, slug: str, links: Links) -> dict:
        return {"number": self.number, "title": self.title, "anchor": self.anchor,
                "url": links.document(slug, self.anchor)}


@dataclass(kw_only=True)
class Hit(Described):
    """One search result: the document's described fields (``kb.model.Described``), then the result's own."""

    slug: str
    score: float = 0.0
    snippet_html: str = ""  # escaped HTML, <mark> around the matched words
    validity: str | None = None  # code ("con_hieu_luc")
    snippet: str = ""  # plain text
    year: str | None = None
    stub: bool = False
    topics: list[str] = field(default_factory=list)  # codes
    article: ArticleRef | None = None

    @property
    def validity_code(self) -> str | None:  # templates written for the older shape
        return self.validity

    @property
    def validity_label(self) -> str | None:
        return VALIDITY_LABELS.get(self.validity) if self.validity else None

    @property
    def title_display(self) -> str | None:
        return sentence_case(self.title)

    @classmethod
    def from_record(cls, record) -> "Hit":
        """A store record (a candidate the index did not know) in the same shape."""
        from indexer.sources import validity_code

        described = {**record.described_json(), "title": record.title or record.name}  # as the index does
        return cls(**described, slug=record.slug,
                   validity=validity_code(record.validity), year=str(record.year) if record.year else None,
                   stub=bool(record.is_stub))

    def to_json(self, links: Links) -> dict:
        return {
            "slug": self.slug,
            **self.described_json(),
            "year": self.year,
            "title_display": self.title_display,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "snippet_html": self.snippet_html,
            "validity": self.validity,
            "validity_label": self.validity_label,
            "is_stub": self.stub,
            "topics": list(self.topics),
            "article": self.article.to_json(self.slug, links) if self.article else None,
            "url": links.document(self.slug, self.article.anchor if self.article else None),
            "api": links.document_api(self.slug),
        }


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # codes and counts
    did_you_mean: str | None = None
    corrected: bool = False  # the hits are those of did_you_mean (the query as typed found nothing)
    direct: str | None = None  # slug, when the query names one document
    direct_anchor: str | None = None  # "dieu-5-khoan-2" when it names an article of it
    candidates: list[Hit] = field(default_factory=list)  # when a number names several
    page: int = 1
    per_page: int = 20
    query: str = ""
    filters: dict = field(default_factory=dict)  # what applied, typed in the query or given beside it
    sort: str = "relevance"
    unit: str = "document"  # or "article"
    topic_names: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    notice: str | None = None  # part of a costly query left out to bound its work (indexer.query.bound_work)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def facet_label(self, name: str, value) -> str:
        if name == "validity":
            return VALIDITY_LABELS.get(value, value)
        if name == "topic":
            return self.topic_names.get(value, value)
        return str(value)

    def to_json(self, links: Links | None = None, max_page: int | None = None) -> dict:
        """The one JSON shape of a search (docs/api.md, "Search")."""
        links = links or Links()
        params = {"q": self.query, **{k: v for k, v in self.filters.items()},
                  "sort": None if self.sort == "relevance" else self.sort,
                  "unit": None if self.unit == "document" else self.unit}
        pages = self.pages if max_page is None else min(self.pages, max_page)
        return {
            "query": self.query,
            "filters": dict(self.filters),
            "unit": self.unit,
            "sort": self.sort,
            "page": self.page,
            "per_page": self.per_page,
            "pages": pages,
            "total": self.total,
            "direct": self.direct,
            "direct_url": links.document(self.direct, self.direct_anchor) if self.direct else None,
            "did_you_mean": self.did_you_mean,
            "corrected": self.corrected,
            "notice": self.notice,
            "hits": [h.to_json(links) for h in self.hits],
            "facets": {
                name: [{"value": v, "count": n, "label": self.facet_label(name, v)} for v, n in values]
                for name, values in self.facets.items()
            },
            "candidates": [h.to_json(links) for h in self.candidates],
            "html": links.search(params),
        }
