"""When do a citation and a document (or two descriptions) mean the same document?

A description is what a citation, a source relation or a document says about a
document: number, issuer, date or year, name.  Matching is by the canonical
number key (or the name key for documents cited by name), then by compatible
dates and issuers: a missing field never contradicts, a different one does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kb import vocabulary
from kb.identity import issuer_key, number_key, repair_number
from kb.model import Described
from kb.text import fold_key

# Types whose documents are cited by name ("Luật Tổ chức Chính phủ").
_NAMED_TYPES = tuple(fold_key(t) for t in vocabulary.NAMED_TYPES)
_YEAR_IN_NUMBER = re.compile(r"/((?:19|20)\d\d)/")
_YEAR_SUFFIX = re.compile(r"\s+(?:nam\s+)?(?:19|20)\d\d$")
_SIGNER_PREFIX = re.compile(
    r"^(?:pho )?(?:chu tich|giam doc|truong ban|bo truong|thu truong|chanh an|vien truong|tong cuc truong|cuc truong)\s+"
)
# "tỉnh Quảng Ngãi", "thành phố Hồ Chí Minh" at the end of an issuer's name.
_LOCALITY = re.compile(r"\b(tỉnh|thành phố|TP\.?)\s+(\S.*)$", re.IGNORECASE)
_BARE_LOCALITY = re.compile(r"\b(tỉnh|thành phố|TP\.?)\s*$", re.IGNORECASE)


def year_of(date: str | None, year: int | None, number: str | None) -> int | None:
    """The year a description states: from the date, the year, or the number (``30/2020/NĐ-CP``)."""
    if date and date[:4].isdigit():
        return int(date[:4])
    if year:
        return int(year)
    if number:
        match = _YEAR_IN_NUMBER.search(number + "/")
        if match:
            return int(match.group(1))
    return None


def name_key(name: str | None, type_: str | None = None, title: str | None = None) -> str:
    """Key for matching documents cited by name: "Luật Tổ chức Chính phủ (năm 2015)" → "luat to chuc chinh phu".

    A document with a number gets a name key only when its type is one cited by
    name (Luật, Bộ luật, Hiến pháp, Pháp lệnh): type + title.
    """
    if name:
        key = fold_key(name)
    elif type_ and title:
        type_key = fold_key(type_)
        if type_key not in _NAMED_TYPES:
            return ""
        title_key = fold_key(title)
        key = title_key if title_key.startswith(type_key + " ") else f"{type_key} {title_key}"
    else:
        return ""
    key = re.sub(r"[^0-9a-z ]+", " ", key)
    key = " ".join(key.split())
    return _YEAR_SUFFIX.sub("", key)


# Ministries' abbreviations as officials write them ("Bộ NN&PTNT"), spelt out for comparison.
_ISSUER_WORDS = {fold_key(short): fold_key(words) for short, words in vocabulary.ISSUER_WORDS.items()}


def _issuer_tokens(key: str) -> frozenset[str]:
    words = []
    for word in _SIGNER_PREFIX.sub("", key).split():
        words.extend(_ISSUER_WORDS.get(word, word).split())
    return frozenset(words)


def issuers_compatible(a: str, b: str) -> bool:
    """Issuer keys that may name the same body ("Chủ tịch UBND tỉnh" ~ "UBND tỉnh Quảng Ngãi")."""
    if not a or not b or a == b:
        return True
    ta, tb = _issuer_tokens(a), _issuer_tokens(b)
    return ta <= tb or tb <= ta


def with_locality(cited_issuer: str | None, citing_issuer: str | None) -> str | None:
    """Complete "HĐND tỉnh" with the province of the citing document's issuer.

    In a document of "Sở Ngoại vụ tỉnh Quảng Ngãi", "UBND tỉnh" is the province's own.
    """
    if not cited_issuer or not citing_issuer:
        return cited_issuer
    bare = _BARE_LOCALITY.search(cited_issuer)
    if not bare:
        return cited_issuer
    home = _LOCALITY.search(" ".join(citing_issuer.split()))
    if not home or fold_key(home.group(1)).rstrip(".") != fold_key(bare.group(1)).rstrip("."):
        return cited_issuer
    cited = cited_issuer.rstrip()
    if cited.isupper():  # "ỦY BAN NHÂN DÂN TỈNH" from a heading: no proper noun to keep
        cited = cited[0] + cited[1:].lower()
    return f"{cited} {home.group(2).strip()}"


@dataclass
class Description(Described):
    """What is said about a document (``kb.model.Described`` and more), with its matching keys."""

    year: int | None = None
    name: str | None = None
    category: str = "state"
    number_key: str = ""
    name_key: str = ""
    issuer_key: str = ""
    year_in_number: bool = False
    issuer_in_number: bool = False
    title_only: bool = False  # known by its title alone (no number, no name): see saving.identity_of

    def __post_init__(self) -> None:
        self.number = repair_number(self.number, self.type)
        self.number_key = number_key(self.number)
        self.year_in_number = has_year(self.number_key)
        self.issuer_in_number = issuer_implied(self.number_key)
        self.name_key = name_key(self.name, self.type, self.title)
        self.issuer_key = issuer_key(self.issuer)
        self.year = year_of(self.date, self.year, self.number)

    @property
    def matchable(self) -> bool:
        """Enough to look documents up: a number, or a name."""
        return bool(self.number_key or self.name_key)

    @property
    def stub_worthy(self) -> bool:
        """Enough to stand as a stub: a number, or a name with a date or year."""
        return bool(self.number_key or (self.name_key and (self.date or self.year)))


# Symbols that name one body of the whole country (Chính phủ, Thủ tướng, Quốc hội, a ministry …):
# the number itself says who issued it, so an issuer written in a citation cannot contradict it.
_NATIONAL = "|".join(
    fold_key(symbol) + (r"\d*" if symbol in ("QH", "UBTVQH") else "") for symbol in vocabulary.NATIONAL_SYMBOLS
)
_NATIONAL_SYMBOL = re.compile(rf"-(?:{_NATIONAL})(?:-(?:{_NATIONAL}))*$")


def issuer_implied(key: str) -> bool:
    """``131/2025/NĐ-CP``, ``4347/QĐ-BVHTTDL``: the symbol names the issuer (not ``…/QĐ-UBND``)."""
    return bool(key) and bool(_NATIONAL_SYMBOL.search(key.replace("/", "-")))


def has_year(key: str) -> bool:
    """Numbers like ``30/2020/NĐ-CP`` carry their year: with the issuer they name one document."""
    return bool(_YEAR_IN_NUMBER.search(key + "/")) if key else False


def compatible(a: Description, b_date: str | None, b_year: int | None, b_issuer_key: str) -> bool:
    """Dates and issuers that do not contradict each other.

    Two dates contradict, except under a number that carries its year: one issuer
    gives a number-with-year once, so a different day is a typing slip in a citation.
    """
    if a.date and b_date and a.date != b_date and not a.year_in_number:
        return False
    if a.year and b_year and a.year != b_year:
        return False
    return a.issuer_in_number or issuers_compatible(a.issuer_key, b_issuer_key)
