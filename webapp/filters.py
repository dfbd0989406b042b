"""Formatting helpers for the templates (dates, document labels, validity badges).

They keep the templates free of logic: a template says ``{{ doc|label }}``,
this module decides what a document is called.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlencode

from flask import g, request, url_for
from markupsafe import Markup, escape

from kb.model import VALIDITY_LABELS
from kb.store.validity import validity_code

# Labels live in kb.model.VALIDITY_LABELS (codes in data, labels only at rendering);
# here only the badge's css modifier per code.
VALIDITY_CLASS = {
    "con_hieu_luc": "ok",
    "het_hieu_luc": "bad",
    "bi_thay_the": "bad",
    "het_hieu_luc_mot_phan": "warn",
    "chua_co_hieu_luc": "warn",
    "ngung_hieu_luc": "bad",
    "ngung_hieu_luc_mot_phan": "warn",
    "khong_ro": "unknown",
}

SEARCH_PARAMS = ("q", "type", "issuer", "year", "validity", "topic", "unit", "sort", "page")

FACET_NAMES = {
    "type": "Loại văn bản",
    "issuer": "Cơ quan ban hành",
    "year": "Năm ban hành",
    "validity": "Hiệu lực",
    "topic": "Lĩnh vực",
}


def vn_date(value) -> str:
    """``2021-07-15`` → ``15/07/2021``; anything else as it is."""
    if not value:
        return ""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(value)[:10])
    if not match:
        return str(value)
    year, month, day = match.groups()
    return f"{day}/{month}/{year}"


def vn_int(value) -> str:
    """``2181`` → ``2.181`` (Vietnamese thousands separator)."""
    try:
        return f"{int(value or 0):,}".replace(",", ".")
    except (TypeError, ValueError):
        return str(value)


def validity_label(value) -> str:
    return VALIDITY_LABELS[validity_code(value)]


def validity_class(value) -> str:
    return VALIDITY_CLASS[validity_code(value)]


def attr(obj, name, default=None):
    """Field of a record, dataclass or dict alike."""
    if obj is None:
        return default
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def label(doc) -> str:
    """How a document is named in a sentence: ``Quyết định số 1256/QĐ-UBND``."""
    number = attr(doc, "number")
    kind = attr(doc, "type")
    if number:
        return f"{kind} số {number}" if kind else f"Văn bản số {number}"
    name = attr(doc, "name") or attr(doc, "title")
    return name or "Văn bản không rõ số"


def label_with_date(doc) -> str:
    """``Quyết định số 1256/QĐ-UBND ngày 22/12/2021`` (date when known)."""
    text = label(doc)
    if attr(doc, "date"):
        text += f" ngày {vn_date(attr(doc, 'date'))}"
    elif attr(doc, "year") and str(attr(doc, "year")) not in text:
        text += f" năm {attr(doc, 'year')}"
    return text


def short(doc, limit: int = 28) -> str:
    """A node label for the graph: the number, else the name, shortened."""
    text = attr(doc, "number") or attr(doc, "name") or attr(doc, "title") or "?"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def relation_out(code) -> str:
    from kb.model import RELATION_LABELS

    return RELATION_LABELS.get(code or "", (code or "Liên quan", ""))[0]


def relation_in(code) -> str:
    from kb.model import RELATION_LABELS

    return RELATION_LABELS.get(code or "", ("", code or "Liên quan"))[1]


def http_url(value) -> str | None:
    """The URL if it is http(s), else None: stored data must not smuggle ``javascript:``."""
    text = str(value or "").strip()
    return text if re.match(r"https?://[^\s]+$", text, re.IGNORECASE) else None


def official_link(doc):
    """The live link to ``doc``'s official copy, or None (one home: kb.official_links)."""
    from kb.official_links import official_link as build

    return build(doc)


def search_elsewhere(query):
    """Where to look for ``query`` on vbpl.vn (its listing page: no capture shows a search URL)."""
    from kb.official_links import search_elsewhere as build

    return build(str(query))


def doc_url(doc) -> str:
    return document_url(attr(doc, "slug"))


def document_url(slug: str) -> str:
    """``url_for("documents.page", slug=slug)``, built once per slug and request: a results
    page links each hit twice or more, and Werkzeug's builder costs ~30 µs a call."""
    built = g.setdefault("_document_urls", {})
    url = built.get(slug)
    if url is None:
        url = built[slug] = url_for("documents.page", slug=slug)
    return url


class _SnippetCleaner(HTMLParser):
    """Keep the text of a snippet and only the highlight tags; drop the rest."""

    KEEP = {"b": "mark", "strong": "mark", "mark": "mark", "em": "mark"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.KEEP:
            self.out.append("<mark>")

    def handle_endtag(self, tag):
        if tag in self.KEEP:
            self.out.append("</mark>")

    def handle_data(self, data):
        self.out.append(html.escape(data, quote=False))


# What the indexer writes: text escaped by html.escape and <mark> pairs; nothing else.
_NOT_PLAIN_SNIPPET = re.compile(r"<(?!/?mark>)|(?<!<mark)(?<!</mark)>|&(?!(?:amp|lt|gt|quot|#x27);)")


def safe_snippet(value) -> Markup:
    """The indexer's highlighted snippet, reduced to escaped text and ``<mark>``.

    The indexer is meant to escape document text itself; this is the second
    lock on the door, since snippets are the one piece of HTML a page takes
    from elsewhere.  A snippet already in the indexer's shape (escaped text,
    ``<mark>`` and nothing else) is kept as it is; anything else goes through
    an HTML parser that keeps only the text and the highlight tags.
    """
    if not value:
        return Markup("")
    text = str(value)
    if _NOT_PLAIN_SNIPPET.search(text):
        cleaner = _SnippetCleaner()
        cleaner.feed(text)
        cleaner.close()
        text = "".join(cleaner.out)
    # Balance the highlight tags so a cut snippet cannot leave one open.
    opened = text.count("<mark>") - text.count("</mark>")
    if opened > 0:
        text += "</mark>" * opened
    elif opened < 0:
        text = text.replace("</mark>", "", -opened)
    return Markup(text)


def url_with(**changes) -> str:
    """The current page's URL with some query parameters changed (None removes).

    The same URL as ``url_for(request.endpoint, **args)`` (Werkzeug's encoding), with the
    path and the current arguments read once per request: a results page has ~30 of these.
    """
    base = g.get("_url_with_base")
    if base is None:
        base = g._url_with_base = (url_for(request.endpoint),
                                   {k: v for k, v in request.args.items() if k in SEARCH_PARAMS})
    path, current = base
    args = dict(current)
    for key, value in changes.items():
        if value is None or value == "":
            args.pop(key, None)
        else:
            args[key] = value
    if "page" not in changes:
        args.pop("page", None)  # any change of filter or sort starts at page 1
    if not args:
        return path
    return path + "?" + urlencode([(k, str(v)) for k, v in args.items()], safe="!$'()*,/:;?@")


def init_app(app) -> None:
    env = app.jinja_env
    env.trim_blocks = True
    env.lstrip_blocks = True
    env.filters.update(
        vn_date=vn_date,
        vn_int=vn_int,
        validity_label=validity_label,
        validity_class=validity_class,
        label=label,
        label_with_date=label_with_date,
        short=short,
        doc_url=doc_url,
        http_url=http_url,
        official_link=official_link,
        search_elsewhere=search_elsewhere,
        relation_out=relation_out,
        relation_in=relation_in,
        snippet=safe_snippet,
    )
    env.globals.update(url_with=url_with, document_url=document_url, FACET_NAMES=FACET_NAMES, escape=escape)
