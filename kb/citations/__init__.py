"""Citations of other documents in a Vietnamese text: found, normalized, typed, linked.

The stages, one module each (eyecite's layout): ``clean`` (the text the
patterns read, with offsets back) → ``find`` (numbers, then laws by name,
reading ``parse``'s dates and issuers) → ``context`` (the document's own
number, web-site furniture) → ``relations`` → ``annotate``.  Patterns and
word lists live in ``regexes``; ``numbers`` makes canonical numbers.

The public surface is four verbs::

    get_citations(text) -> list[Citation]
    canonical_number(raw) -> str | None
    html_to_text(html) -> visible text with offsets into the HTML
    annotate(document, citations, href, html) -> the document with links
"""
from kb.citations.annotate import annotate
from kb.citations.clean import html_to_text
from kb.citations.numbers import canonical_number
from kb.citations.pipeline import get_citations

__all__ = ["annotate", "canonical_number", "get_citations", "html_to_text"]
