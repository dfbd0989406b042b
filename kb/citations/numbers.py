"""Canonical document numbers (Nghị định 30/2020/NĐ-CP, Phụ lục I).

``number/symbol`` with the symbol's groups joined by ``-`` and no spaces;
Party documents put the hyphen first (``04-NQ/TU``).  Typing and extraction
damage is repaired (lost hyphens, spaces and line breaks, ``Ð``, upper-case
headings); everything else is kept as written.
"""
from __future__ import annotations

import re

from kb.citations.regexes import (
    ASCII_GROUP_REPAIRS,
    HYPHEN_REPAIR_PREFIXES,
    KNOWN_ISSUER_GROUPS,
    MIXED_CASE_GROUPS,
    NUMBER_RE,
    TYPE_BY_ABBREVIATION,
)
from kb.text import clean

_SPACES = re.compile(r"\s+")
_GROUP_SPLIT = re.compile(r"\s*-\s*")
_UPPER = re.compile(r"[A-ZĐ]")
_LOWER = re.compile(r"[a-zđ]")


def canonical_number(raw: str) -> str | None:
    """The canonical form of a number-and-symbol, or ``None`` if ``raw`` is not one.

    >>> canonical_number("1741/QĐUBND")
    '1741/QĐ-UBND'
    >>> canonical_number("473/TTr -\\nNN&PTNT")
    '473/TTr-NN&PTNT'
    >>> canonical_number("119- KH/TU")
    '119-KH/TU'
    """
    text = clean(raw).text.strip()
    match = NUMBER_RE.fullmatch(text) or NUMBER_RE.fullmatch(_SPACES.sub(" ", text))
    if match is None:
        # "473/TTr -\nNN&PTNT" and other breaks the pattern allows only once.
        match = NUMBER_RE.fullmatch(re.sub(r"\s*([-/])\s*", r"\1", text))
    if match is None:
        return None
    parsed = parse_number(match)
    return parsed[0] if parsed else None


def parse_number(match: re.Match) -> tuple[str, str, str | None] | None:
    """(canonical number, category, type abbreviation) of a :data:`NUMBER_RE` match.

    ``None`` when the symbol does not look like one (``12/Nguyen``).
    """
    if match.group("old") is not None:
        return f"{match.group('num')}-{match.group('old')}", "state", match.group("old")
    if match.group("lsym") is not None:
        # "85/2017/nđ-cp" → "85/2017/NĐ-CP", "tt-bkhđt" → "TT-BKHĐT", "qđ-ttg" → "QĐ-TTg".
        groups = [_fix_case(g.upper()) for g in match.group("lsym").split("-")]
        if groups[0] not in TYPE_BY_ABBREVIATION:
            return None  # "12/2020/ab-cd": no type symbol, so nothing says it is a number
        return f"{match.group('num')}/{match.group('lyear')}/{'-'.join(groups)}", "state", groups[0]
    if match.group("ptype") is not None:
        kind = _fix_case(_SPACES.sub("", match.group("ptype")))
        org = _groups(match.group("porg"))
        if org is None or not _looks_like_symbol(kind):
            return None
        return f"{match.group('num')}-{kind}/{'-'.join(org)}", "party", kind
    symbol, _, issuers = match.group("sym").partition("/")
    groups = _groups(symbol)
    if groups is None:
        return None
    groups = _repair_hyphen(groups)
    head = match.group("num")
    if match.group("year"):
        head += "/" + match.group("year")
    number = f"{head}/{'-'.join(groups)}"
    if issuers:
        # "64/2006/TTLT/BNN-BNV-BTC": the issuers after a slash, kept as written.
        more = _groups(issuers)
        if more is None:
            return None
        number += "/" + "-".join(more)
    return number, "state", groups[0]


def type_from_abbreviation(abbreviation: str | None, number: str) -> str | None:
    """The document type a symbol names ("QĐ" → "Quyết định"); ``None`` if unsure."""
    if abbreviation is None:
        return None
    kind = TYPE_BY_ABBREVIATION.get(abbreviation)
    if kind:
        return kind
    symbol = number.split("/")[-1]
    if ("-" in symbol and not re.search(r"/(?:19|20)\d\d/", number) and number[0].isdigit()
            and abbreviation in KNOWN_ISSUER_GROUPS):
        # "574/UBND-NC": an issuer then a unit, no type: an official letter.
        return "Công văn"
    return None


def _groups(symbol: str) -> list[str] | None:
    groups = [_fix_case(_SPACES.sub("", g)) for g in _GROUP_SPLIT.split(symbol.strip())]
    if not all(_looks_like_symbol(g) for g in groups):
        return None
    return groups


def _looks_like_symbol(group: str) -> bool:
    # Real symbol groups are mostly capitals ("TTg", "SNgV", "QH13"); words are not ("Nguyen").
    if group.isupper() or group in _MIXED:
        return True
    upper = len(_UPPER.findall(group))
    lower = len(_LOWER.findall(group))
    return upper >= 1 and upper >= lower * 2 and (lower <= 2)


_MIXED = frozenset(MIXED_CASE_GROUPS.values())


def _fix_case(group: str) -> str:
    if group in ASCII_GROUP_REPAIRS:
        return ASCII_GROUP_REPAIRS[group]
    return MIXED_CASE_GROUPS.get(group, group) if group.isupper() else group


def _repair_hyphen(groups: list[str]) -> list[str]:
    """``QĐUBND`` → ``QĐ-UBND``, ``NQCP`` → ``NQ-CP``, ``CTTg`` → ``CT-TTg``."""
    if len(groups) != 1:
        return groups
    group = groups[0]
    for prefix in HYPHEN_REPAIR_PREFIXES:
        if not group.upper().startswith(prefix.upper()) or len(group) <= len(prefix):
            continue
        rest = group[len(prefix):]
        if _issuer_like(rest):
            return [group[: len(prefix)], _fix_case(rest)]
        # A letter typed once for two groups: "CTTg" is "CT-TTg".
        overlap = prefix[-1] + rest
        if overlap in KNOWN_ISSUER_GROUPS or MIXED_CASE_GROUPS.get(overlap.upper()) in KNOWN_ISSUER_GROUPS:
            return [group[: len(prefix)], _fix_case(overlap) if overlap.isupper() else overlap]
    return groups


def _issuer_like(rest: str) -> bool:
    if rest in KNOWN_ISSUER_GROUPS or MIXED_CASE_GROUPS.get(rest.upper()) in KNOWN_ISSUER_GROUPS:
        return True
    return False
