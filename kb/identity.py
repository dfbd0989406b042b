"""Identity of a document: matching keys for numbers and issuers, and URL slugs.

A number-and-symbol is not unique (``1256/QĐ-UBND`` recurs every year in every
province), so a document is identified by (canonical number, issuer, issue
date); see ``../shared/DESIGN.md``.  These helpers are pure and cheap: the
store, the index and the web site all call them.
"""
from __future__ import annotations

import re

from kb.text import fold, fold_key

_LEADING_ZEROS = re.compile(r"(?<![0-9a-z])0+(?=[0-9])")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def number_key(number: str | None) -> str:
    """Key for comparing canonical numbers: case, accents, spaces and leading zeros ignored.

    >>> number_key("05/2012/TTLT-BTC-BNN") == number_key("5/2012/ttlt-btc-bnn")
    True
    >>> number_key("76/NQ-CP") == number_key("76/nq-cp")
    True
    """
    if not number:
        return ""
    key = fold(number).replace(" ", "")
    return _LEADING_ZEROS.sub("", key)


# Abbreviations officials write for the usual issuing bodies; expanded so that
# "UBND tỉnh Quảng Ngãi" and "Ủy ban nhân dân tỉnh Quảng Ngãi" compare equal.
_ISSUER_ABBREVIATIONS = [
    (re.compile(r"\bubnd\b"), "uy ban nhan dan"),
    (re.compile(r"\bhdnd\b"), "hoi dong nhan dan"),
    (re.compile(r"\bttg\b|\btt cp\b"), "thu tuong chinh phu"),
    (re.compile(r"\bcp\b"), "chinh phu"),
    (re.compile(r"\bqh\b"), "quoc hoi"),
    (re.compile(r"\bubtvqh\b"), "uy ban thuong vu quoc hoi"),
    (re.compile(r"\btp\.?\s*"), "thanh pho "),
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
