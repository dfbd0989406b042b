"""Last stage: the document with every citation wrapped in a link.

Plain text comes back escaped as HTML with ``<a>`` elements around the
citations.  HTML comes back unchanged except for the inserted ``<a>`` tags:
citation offsets refer to :func:`html_to_text`'s visible text and are mapped
back into the markup; a citation that crosses a tag ("số <b>15/2020/NĐ-CP</b>")
is linked piece by piece so that the elements still nest.
"""
from __future__ import annotations

import html as html_lib
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable

from kb.citations.clean import html_to_text
from kb.model import Citation


def _open_tag(citation: Citation, url: str) -> str:
    title = citation.number or citation.name or ""
    return (
        f'<a class="citation" href="{html_lib.escape(url, quote=True)}" '
        f'data-relation="{citation.relation}" title="{html_lib.escape(title, quote=True)}">'
    )


def annotate(
    document: str,
    citations: Iterable[Citation],
    href: Callable[[Citation], str | None],
    html: bool = False,
) -> str:
    """``document`` with each citation linked to ``href(citation)`` (skipped when ``None``).

    ``html=False``: ``document`` is plain text and citation offsets index it;
    the result is HTML-escaped text.  ``html=True``: ``document`` is HTML and
    offsets index ``html_to_text(document).text``.
    """
    chosen = []
    last_end = -1
    for c in sorted(citations, key=lambda c: (c.start, -c.end)):
        if c.start < last_end or c.end <= c.start:
            continue  # overlapping spans cannot both be links
        url = href(c)
        if url:
            chosen.append((c, url))
            last_end = c.end
    if not html:
        return _annotate_text(document, chosen)
    return _annotate_html(document, chosen)


def _annotate_text(document: str, chosen) -> str:
    out, pos = [], 0
    for c, url in chosen:
        out.append(html_lib.escape(document[pos:c.start], quote=False))
        out.append(_open_tag(c, url))
        out.append(html_lib.escape(document[c.start:c.end], quote=False))
        out.append("</a>")
        pos = c.end
    out.append(html_lib.escape(document[pos:], quote=False))
    return "".join(out)


def _annotate_html(document: str, chosen) -> str:
    if not chosen:
        return document
    visible = html_to_text(document)
    # Text already inside a link stays as it is: links must not nest.
    links = [m.span() for m in _EXISTING_LINK_RE.finditer(document)]
    inserts: list[tuple[int, int, str]] = []  # (html position, order, text)
    for c, url in chosen:
        tag = _open_tag(c, url)
        runs = _runs(document, visible, c.start, c.end)
        if any(s <= start < e for start, _ in runs for s, e in _overlapping(links, start)):
            continue
        for start, end in runs:
            inserts.append((start, 1, tag))
            inserts.append((end, 0, "</a>"))
    inserts.sort(key=lambda item: (item[0], item[1]))
    out, pos = [], 0
    for at, _, piece in inserts:
        out.append(document[pos:at])
        out.append(piece)
        pos = at
    out.append(document[pos:])
    return "".join(out)


_EXISTING_LINK_RE = re.compile(r"<a\b[^>]*>.*?(?:</a\s*>|\Z)", re.IGNORECASE | re.DOTALL)


def _overlapping(spans: list[tuple[int, int]], pos: int) -> list[tuple[int, int]]:
    k = bisect_right(spans, (pos, float("inf"))) - 1
    return [spans[k]] if k >= 0 else []


def _runs(document: str, visible, start: int, end: int) -> list[tuple[int, int]]:
    """HTML spans covering visible characters ``start:end`` without crossing a tag."""
    runs: list[tuple[int, int]] = []
    run_start = run_end = None
    for i in range(start, end):
        s, e = visible.offsets[i], visible.ends[i]
        if s == e:  # a line break standing for a tag: not text of its own
            if run_start is not None:
                runs.append((run_start, run_end))
                run_start = None
            continue
        if run_start is not None and s == run_end:
            run_end = e
            continue
        if run_start is not None:
            runs.append((run_start, run_end))
        run_start, run_end = s, e
    if run_start is not None:
        runs.append((run_start, run_end))
    return runs
