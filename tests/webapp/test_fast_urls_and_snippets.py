"""The results page's cheaper helpers give what the plain ones gave.

``url_with`` and ``document_url`` build the URLs ``url_for`` builds (also under a script
root, with Vietnamese and reserved characters); ``safe_snippet`` keeps a snippet in the
indexer's own shape as it is and sends anything else through the HTML parser.
"""
from __future__ import annotations

import html

import pytest
from flask import url_for
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.snippets import make_snippet
from webapp import filters

ARGS = [
    {},
    {"q": "cải cách hành chính"},
    {"q": "76/NQ-CP", "type": "Nghị quyết", "page": "3"},
    {"q": "a&b=c?d#e+f%g", "issuer": "UBND tỉnh Quảng Ngãi", "year": "2021", "sort": "date", "unit": "article",
     "ignored": "x"},
]
CHANGES = [{}, {"page": 2}, {"page": None}, {"type": "Quyết định"}, {"type": None}, {"sort": "date", "page": 4},
           {"q": "người nghiện ma túy"}, {"unit": ""}]


@pytest.mark.parametrize("root", ["", "/can-cu"])
@pytest.mark.parametrize("args", ARGS)
def test_url_with_is_url_for(app, root, args):
    for changes in CHANGES:
        with app.test_request_context("/", query_string=args, environ_base={"SCRIPT_NAME": root}):
            expected = {k: v for k, v in args.items() if k in filters.SEARCH_PARAMS}
            for key, value in changes.items():
                if value in (None, ""):
                    expected.pop(key, None)
                else:
                    expected[key] = value
            if "page" not in changes:
                expected.pop("page", None)
            assert filters.url_with(**changes) == url_for("search.index", **expected), changes
            # asked twice in one request, from the per-request cache
            assert filters.url_with(**changes) == url_for("search.index", **expected), changes


@pytest.mark.parametrize("root", ["", "/can-cu"])
def test_document_url_is_url_for(app, root):
    for slug in ["76-nq-cp-2021", "quyet-dinh/1256", "điều 5?x=1#y", "a%2Fb"]:
        with app.test_request_context("/", environ_base={"SCRIPT_NAME": root}):
            assert filters.document_url(slug) == url_for("documents.page", slug=slug)
            assert filters.document_url(slug) == url_for("documents.page", slug=slug)
            assert filters.doc_url({"slug": slug}) == url_for("documents.page", slug=slug)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.lists(st.sampled_from(["cai", "cach", "a", "b", "x", "1"]), max_size=4))
def test_the_indexers_snippets_are_kept_as_they_are(text, terms):
    snippet = make_snippet(text, terms).html
    assert not filters._NOT_PLAIN_SNIPPET.search(snippet)
    assert str(filters.safe_snippet(snippet)) == snippet


PIECES = list("ab <>/&;\"'=") + ["<mark>", "</mark>", "<b>", "<script>", "&amp;", "&lt;", "&#x27;", "&#39;",
                                    "&quot;", "<!--", "-->", "&"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_anything_else_keeps_only_text_and_highlights(value):
    out = str(filters.safe_snippet(value))
    stripped = out.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in stripped and ">" not in stripped
    assert out.count("<mark>") == out.count("</mark>")
    # what a reader sees is what the parser alone would have given
    real = filters._NOT_PLAIN_SNIPPET
    filters._NOT_PLAIN_SNIPPET = __import__("re").compile("")  # every snippet through the parser
    try:
        parsed = str(filters.safe_snippet(value))
    finally:
        filters._NOT_PLAIN_SNIPPET = real
    assert html.unescape(out) == html.unescape(parsed)
