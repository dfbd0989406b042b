"""Document numbers for search: index keys, and numbers as officials type them.

``76/NQ-CP``, ``76 NQ CP``, ``nq 76``, ``nghị quyết 76``, ``nghi quyet so 76``
all mean the same document.  A document is indexed with

* ``numkey``  the exact key (``kb.identity.number_key``): ``76/nq-cp``;
* ``numhead`` its leading number: ``76`` (``30c`` for ``30c/NQ-CP``);
* ``numsym``  the other groups (``nq``, ``cp``, the year ``2020``), its year and
  the code of its type (``Công văn`` → ``cv``) so that ``công văn 5387`` finds
  ``5387/CT-CS``.

A query is read as a number when, besides numbers, it holds only type words,
symbol groups and filler (``số``, ``năm``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.identity import number_key
from kb.text import fold_key
from kb.vocabulary import SEARCH_CODES

# Folded type names → the code used in numbers (Nghị định 30/2020/NĐ-CP, Phụ lục III).
TYPE_CODES = SEARCH_CODES  # one vocabulary of types (kb/vocabulary.py)
_TYPE_PHRASES = sorted(TYPE_CODES, key=lambda p: -len(p.split()))
_FILLER = {"so", "ngay", "nam", "ky", "hieu", "van", "ban", "cua", "ve", "thang"}
_VOWELS = set("aeiouy")
# Short symbols that contain vowels but are not Vietnamese words.
_KNOWN_SYMBOLS = {
    "ubnd", "hdnd", "ub", "tu", "tw", "ubtvqh", "ttlt", "vpqh", "qh", "bqp", "bca", "bnv",
    "bgddt", "byt", "btp", "ubmttq", "vpcp", "nhnn", "tand", "vksnd", "bdt", "bttttt",
    "tandtc", "vksndtc", "kttw", "btgtw", "dcs", "tlđ", "tld", "hu", "qu", "dkt", "vbhn",
}
_CANONICAL = re.compile(r"(?<![0-9a-z])(\d+[a-z]{0,3})((?:\s*[/-]\s*[a-z0-9]+)+)")
_TOKEN = re.compile(r"[a-z0-9]+")
_NUMERAL = re.compile(r"\d+[a-z]{0,2}$")


def head_and_symbols(number: str | None) -> tuple[str, list[str]]:
    """``30/2020/NĐ-CP`` → (``30``, [``2020``, ``nd``, ``cp``])."""
    key = number_key(number)
    if not key:
        return "", []
    parts = [p for p in re.split(r"[^0-9a-z]+", key) if p]
    if not parts:
        return "", []
    return parts[0], parts[1:]


def type_code(doc_type: str | None) -> str | None:
    if not doc_type:
        return None
    return TYPE_CODES.get(fold_key(doc_type))


def index_terms(number: str | None, doc_type: str | None, year: int | None) -> dict:
    """Values of ``numkey``, ``numhead``, ``numsym`` for a document."""
    head, syms = head_and_symbols(number)
    symset = set(syms)
    code = type_code(doc_type)
    if code:
        symset.add(code)
    if year:
        symset.add(str(year))
    return {
        "numkey": number_key(number) or None,
        "numhead": head or None,
        "numsym": sorted(symset) or None,
    }


@dataclass
class NumberQuery:
    """A number as typed: an exact key when fully written, else its pieces."""

    key: str | None = None
    head: str | None = None
    symbols: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    pure: bool = True  # nothing else in the query


def _is_symbol(token: str, uppercase: set[str]) -> bool:
    if token in _KNOWN_SYMBOLS or token in uppercase:
        return True
    if any(c.isdigit() for c in token):  # qh13, bnn2
        return bool(re.fullmatch(r"[a-z]+\d+", token))
    return len(token) <= 6 and not (set(token) & _VOWELS)


def _is_year(token: str) -> bool:
    return token.isdigit() and len(token) == 4 and 1945 <= int(token) <= 2100


def parse_number_query(query: str) -> NumberQuery | None:
    """Read ``query`` as a document number, or return None.

    ``pure`` is False when the query also holds other words (the number is
    then one clue among others).
    """
    folded = fold_key(query)
    if not any(c.isdigit() for c in folded):
        return None
    uppercase = {fold_key(w) for w in re.findall(r"\b[A-ZĐ]{2,}\b", query)}
    result = NumberQuery()
    m = _CANONICAL.search(folded)
    if m and re.search(r"[a-z]", m.group(2)):
        result.key = number_key(m.group(1) + re.sub(r"\s+", "", m.group(2)))
    tokens = _TOKEN.findall(folded)
    # type phrases, longest first
    text = " " + " ".join(tokens) + " "
    for phrase in _TYPE_PHRASES:
        needle = " " + phrase + " "
        if needle in text:
            result.symbols.append(TYPE_CODES[phrase])
            text = text.replace(needle, " ", 1)
    numerals: list[str] = []
    for tok in text.split():
        if tok in _FILLER:
            continue
        if _NUMERAL.match(tok):
            numerals.append(tok)
        elif _is_symbol(tok, uppercase):
            result.symbols.append(tok)
        else:
            result.pure = False
    if not numerals:
        return None
    head = numerals[0]
    if _is_year(head) and len(numerals) > 1 and not _is_year(numerals[1]):
        # "năm 2021 số 76": the year came first
        head, numerals = numerals[1], [numerals[1], numerals[0]]
    result.head = head.lstrip("0") or "0"
    for extra in numerals[1:]:
        if _is_year(extra):
            result.years.append(extra)
        else:
            result.pure = False
    if result.key is None and not result.symbols and not result.pure:
        return None
    if not result.pure and result.key is None:
        return None
    return result
