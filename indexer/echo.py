"""The filters a search applies, as the JSON answers echo them.

Filters come from the options (``--type``, ``?type=``) and from the query
itself (``loai:nghi-quyet nam:2021-2023 co-quan:"quang ngai"``); both are
echoed, options winning as they do in the search.  Values are given as typed,
a year range as "2021-2023".
"""
from __future__ import annotations

from indexer.query import _FILTER, _FILTER_KEYS, parse_years
from kb.text import clean, fold


def typed_filters(query: str) -> dict:
    """Filters written in ``query`` (the same reading as :func:`indexer.query.parse`)."""
    text = clean(query or "").text
    folded = fold(text)  # same offsets as ``text``
    found: dict = {}
    for m in _FILTER.finditer(folded):
        key = _FILTER_KEYS[m.group(1)]
        value = text[m.start(2):m.end(2)].strip("\"“”").strip()
        if not value:
            continue
        if key == "year":
            low, high = parse_years(value)
            if low is None:
                continue  # "Việt Nam: …" is not a year filter
            found[key] = low if low == high else f"{low}-{high}"
        else:
            found[key] = value
    return found


def applied_filters(query: str, **given) -> dict:
    """Typed filters overridden by the options given beside the query (None: not given)."""
    out = typed_filters(query)
    out.update({k: v for k, v in given.items() if v not in (None, "")})
    return out
