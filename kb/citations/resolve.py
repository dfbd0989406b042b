"""Resolution as a stage of its own: citations → the documents they mean (eyecite's
``resolve_citations``).

The engine finds citations; *what* a citation resolves to is the caller's knowledge (a
store, a catalogue, nothing at all). So the stage takes a ``resolve`` callback and groups
the citations by its answer. ``kb link``, the web linker and the store (turning a saved
text's citations into edges) share it: one notion of what a citation describes
(:func:`said_about`, keyed by :func:`description_key`), the callback asked once per
distinct description, not once per mention, and one grouping (one entry per document,
first mention first).

A resolution is whatever the callback returns; when it has a ``document`` with a
``slug`` the citations group under that document, otherwise under what they say
(number and date or year; name and year).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Generic, Hashable, Iterable, TypeVar

from kb.identity import number_key, repair_number
from kb.model import Citation
from kb.text import fold_key
from kb.vocabulary import NAMED_TYPES

R = TypeVar("R")


@dataclass
class Resolved(Generic[R]):
    """One document a text cites: the callback's answer and every mention of it, in order."""

    resolution: R
    citations: list[Citation] = field(default_factory=list)

    @property
    def first(self) -> Citation:
        return self.citations[0]

    @property
    def pinpoints(self) -> list[dict]:
        """The units of the document cited, over all mentions, each once, in text order."""
        out: list[dict] = []
        for citation in self.citations:
            for unit in citation.pinpoint or []:
                if unit not in out:
                    out.append(unit)
        return out


_MARKUP = re.compile(r"[*_|#]+")
_NAME_BEFORE_NUMBER = re.compile(r"^(.*?)\s+(?:số|số hiệu)\s*\d", re.IGNORECASE | re.DOTALL)


def name_in_surface(citation: Citation) -> str | None:
    """"Luật Công nghệ thông tin số 67/2006/QH11" → "Luật Công nghệ thông tin": a law's name
    written before its number, so that its stub has a name and citations by name find it."""
    if citation.name or not citation.number or citation.type not in NAMED_TYPES:
        return citation.name
    match = _NAME_BEFORE_NUMBER.match(citation.text or "")
    if not match:
        return None
    name = " ".join(_MARKUP.sub(" ", match.group(1)).split()).rstrip(",;")
    if not name.lower().startswith(citation.type.lower()) or len(name.split()) <= len(citation.type.split()):
        return None
    return name


def said_about(citation: Citation) -> dict:
    """What a citation says about the document it cites: the fields a description of that
    document is made of (the store's ``Description`` takes them as they are)."""
    return {
        "number": citation.number,
        "type": citation.type,
        "issuer": citation.issuer,
        "date": citation.date,
        "year": citation.year,
        "name": name_in_surface(citation),
        "category": citation.category or "state",
    }


def description_key(citation: Citation) -> tuple:
    """What a citation says about its document, as a key: equal keys resolve alike.

    Spellings that cannot resolve differently share a key (``05/2012/TT-BTC`` and
    ``5/2012/tt-btc``); a field given or missing never does.
    """
    said = said_about(citation)
    return (number_key(repair_number(said["number"], said["type"])), fold_key(said["name"] or ""),
            said["date"], said["year"], said["type"], said["issuer"], said["category"])


def document_key(citation: Citation, resolution) -> Hashable:
    """The identity a citation groups under: the resolved document, else what it says."""
    document = getattr(resolution, "document", None)
    slug = getattr(document, "slug", None)
    if slug:
        return ("doc", slug)
    if citation.number:
        return ("number", number_key(citation.number), citation.date or citation.year)
    return ("name", fold_key(citation.name or citation.text), citation.year)


def resolve_citations(citations: Iterable[Citation], resolve: Callable[[Citation], R],
                      key: Callable[[Citation, R], Hashable] = document_key) -> list[Resolved[R]]:
    """Group ``citations`` (self references left out) by the document ``resolve`` says they mean.

    ``resolve`` is called once per distinct :func:`description_key`, in text order; every
    citation of a group got the group's answer.
    """
    answers: dict[tuple, R] = {}
    groups: dict[Hashable, Resolved[R]] = {}
    for citation in citations:
        if citation.self:
            continue
        said = description_key(citation)
        if said not in answers:
            answers[said] = resolve(citation)
        resolution = answers[said]
        group_key = key(citation, resolution)
        group = groups.get(group_key)
        if group is not None and group.resolution is not resolution and group.resolution != resolution:
            # Said alike but answered differently ("Luật X năm 2015" ambiguous, "Luật X ngày
            # 22/6/2015" a stub): every citation of a group has the group's answer.
            group_key = (group_key, said)
            group = groups.get(group_key)
        if group is None:
            group = groups[group_key] = Resolved(resolution)
        group.citations.append(citation)
    return list(groups.values())
