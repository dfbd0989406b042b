"""Identity of a document: matching keys for numbers and issuers, and URL slugs.

A number-and-symbol is not unique (``1256/QĐ-UBND`` recurs every year in every
province), so a document is identified by (canonical number, issuer, issue
date); see ``../shared/DESIGN.md``.  These helpers are pure and cheap: the
store, the index and the web site all call them.
"""
from __future__ import annotations

import re

from kb import vocabulary
from kb.text import fold, fold_key

_LEADING_ZEROS = re.compile(r"(?<![0-9a-z])0+(?=[0-9])")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# A state number with its year whose symbol holds a slash (folded key); party numbers
# ("04-nq/tu") and numbers without a year are not of this shape.
_SLASHED_SYMBOL = re.compile(r"(?P<head>[0-9][0-9a-z.]*/(?:19|20)[0-9][0-9]/)(?P<symbol>[^/]+/.+)\Z")


def number_key(number: str | None) -> str:
    """Key for comparing canonical numbers: case, accents, spaces and leading zeros ignored.

    >>> number_key("05/2012/TTLT-BTC-BNN") == number_key("5/2012/ttlt-btc-bnn")
    True
    >>> number_key("76/NQ-CP") == number_key("76/nq-cp")
    True
    >>> number_key("64/2006/TTLT/BNN-BNV-BTC") == number_key("64/2006/TTLT-BNN-BNV-BTC")
    True
    """
    if not number:
        return ""
    key = fold(number).replace(" ", "")
    slashed = _SLASHED_SYMBOL.match(key)
    if slashed:
        # "64/2006/TTLT/BNN-BNV-BTC" is kept as written but is "64/2006/TTLT-BNN-BNV-BTC":
        # after the number and year, a slash only separates symbol groups.
        key = slashed.group("head") + slashed.group("symbol").replace("/", "-")
    return _LEADING_ZEROS.sub("", key)


# Abbreviations officials write for the usual issuing bodies; expanded so that
# "UBND tỉnh Quảng Ngãi" and "Ủy ban nhân dân tỉnh Quảng Ngãi" compare equal.
_ISSUER_ABBREVIATIONS = [
    (re.compile("|".join(rf"\b{re.escape(short)}\b" for short in shorts)), expansion)
    for shorts, expansion in vocabulary.ISSUER_KEY_EXPANSIONS
] + [
    (re.compile(rf"\b{fold(short)}\.?\s*"), fold(place) + " ")
    for short, place in vocabulary.PLACE_ABBREVIATIONS.items()
]


def issuer_key(issuer: str | None) -> str:
    """Key for comparing issuers as officials write them (abbreviations expanded)."""
    if not issuer:
        return ""
    key = fold_key(issuer)
    for pattern, expansion in _ISSUER_ABBREVIATIONS:
        key = pattern.sub(expansion, key)
    return " ".join(_NON_ALNUM.sub(" ", key).split())


def slugify(text: str) -> str:
    """ASCII, lowercase, hyphen-separated: ``76/NQ-CP`` → ``76-nq-cp``."""
    return _NON_ALNUM.sub("-", fold(text)).strip("-")


def document_slug(
    number: str | None,
    date: str | None = None,
    year: int | None = None,
    name: str | None = None,
) -> str:
    """The URL slug of a document, e.g. ``76-nq-cp-2021-07-15``.

    Documents known by name only (``Hiến pháp năm 2013``) get a slug from the
    name and the year.
    """
    head = slugify(number) if number else slugify(name or "van-ban")
    if date:
        return f"{head}-{slugify(date)}"
    if year and not re.search(rf"(^|-){year}(-|$)", head):
        # "80/2015/QH13" already carries its year; "Hiến pháp" does not.
        return f"{head}-{year}"
    return head or "van-ban"


# Quốc hội legislatures (khóa) and the years their sessions sat; a boundary year belongs to two.
_LEGISLATURES = {11: (2002, 2007), 12: (2007, 2011), 13: (2011, 2016), 14: (2016, 2021), 15: (2021, 2026), 16: (2026, 2031)}
_QH_GROUP = re.compile(r"^(?P<body>QH|UBTVQH)(?P<term>\d+)$")
_NUMBER_PARTS = re.compile(r"^(?P<head>[0-9]+[a-zđ]?/(?P<year>(?:19|20)\d\d)/)(?P<symbol>[^/]+)$", re.IGNORECASE)
# Type words whose documents put their type symbol before a national issuer's symbol
# ("Nghị quyết số 76/2025/NQ-UBTVQH15"); a Luật or Pháp lệnh has none ("02/2022/UBTVQH15").
_TYPE_SYMBOLS = {
    fold_key(t.name): t.symbol for t in vocabulary.TYPES if t.name in vocabulary.SYMBOL_BEFORE_NATIONAL_ISSUER
}
_BARE_NATIONAL_ISSUER = re.compile(r"^(?:CP|TTg|UBTVQH\d+)$")


def legislatures_of(year: int) -> list[int]:
    return [term for term, (first, last) in _LEGISLATURES.items() if first <= year <= last]


def repair_number(number: str | None, type_: str | None = None) -> str | None:
    """Repair damage the number itself proves, keep everything else as written.

    - A Quốc hội legislature impossible for the number's own year ("13/2008/QH112",
      "83/2015/QH14"): the one legislature of that year, when the written digits contain
      it or only one fits. Boundary years (2016: khóa XIII then XIV) are left alone.
    - A type symbol left out before a national issuer's symbol, when the type is stated:
      "Nghị quyết số 76/2025/UBTVQH15" → "76/2025/NQ-UBTVQH15".
    """
    if not number:
        return number
    m = _NUMBER_PARTS.match(number)
    if not m:
        return number
    head, year, symbol = m.group("head"), int(m.group("year")), m.group("symbol")
    groups = symbol.split("-")
    last = _QH_GROUP.match(groups[-1])
    if last:
        fitting = legislatures_of(year)
        term = int(last.group("term"))
        if fitting and term not in fitting and len(fitting) == 1:
            groups[-1] = f"{last.group('body')}{fitting[0]}"
    if type_ and len(groups) == 1 and _BARE_NATIONAL_ISSUER.match(groups[0]):
        wanted = _TYPE_SYMBOLS.get(fold_key(type_))
        if wanted:
            groups.insert(0, wanted)
    return head + "-".join(groups)
