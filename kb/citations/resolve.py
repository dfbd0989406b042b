"""Resolution as a stage of its own: citations → the documents they mean (eyecite's
``resolve_citations``).

The engine finds citations; *what* a citation resolves to is the caller's knowledge (a
store, a catalogue, nothing at all). So the stage takes a ``resolve`` callback and groups
the citations by its answer: ``kb link``, the web linker and anything else that turns
citations into documents share the grouping (one entry per document, first mention
first) and ask the callback once per distinct description, not once per mention.

A resolution is whatever the callback returns; when it has a ``document`` with a
``slug`` the citations group under that document, otherwise under what they say
(number and date or year; name and year).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Generic, Hashable, Iterable, TypeVar

from kb.identity import number_key
from kb.model import Citation
from kb.text import fold_key

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


def description_key(citation: Citation) -> tuple:
    """What a citation says about its document: equal keys resolve alike."""
    return (number_key(citation.number), fold_key(citation.name or "") if not citation.number else "",
            citation.date, citation.year, citation.type, citation.issuer)


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
    """Group ``citations`` (self references left out) by the document ``resolve`` says they mean."""
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
        if group is None:
            group = groups[group_key] = Resolved(resolution)
        group.citations.append(citation)
    return list(groups.values())
