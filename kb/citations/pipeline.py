"""``get_citations``: the stages in order, with offsets mapped back to the input.

clean (NFC, offsets kept) → find numbered citations (anchored on the number)
→ find laws by name → the units each points at (pinpoints) → mark the document's own number → drop web-site
furniture → type relations → map offsets back to the text exactly as given.
"""
from __future__ import annotations

from kb.citations.clean import clean_text
from kb.citations.context import drop_site_text, mark_self, site_regions
from kb.citations.find import Found, find_named, find_numbered
from kb.citations.pinpoint import attach_amended_units, attach_pinpoints
from kb.citations.regexes import AS_FOLLOWS_RE, CHANGING_RELATIONS, NAME_TRIGGER_RE
from kb.citations.relations import assign_relations
from kb.model import Citation


def get_citations(text: str) -> list[Citation]:
    """Every citation in ``text``, in text order, with offsets into ``text`` as given.

    The document's own number ("Số: 1622/QĐ-UBND") and its mentions come back
    with ``self=True``; citations a web site adds around a document do not.
    """
    if not text:
        return []
    mapped = clean_text(text)
    clean = mapped.text
    found = find_numbered(clean)
    if NAME_TRIGGER_RE.search(clean):
        found = sorted(found + find_named(clean, found), key=lambda f: f.start)
    if not found:
        return []
    mark_self(found, clean)
    found = drop_site_text(found, site_regions(clean, found))
    attach_pinpoints(clean, found)
    assign_relations(clean, found)
    if any(f.relation in CHANGING_RELATIONS for f in found) and AS_FOLLOWS_RE.search(clean):
        attach_amended_units(clean, found)
    return [_to_citation(text, mapped, f) for f in found]


def _to_citation(text: str, mapped, f: Found) -> Citation:
    start, end = mapped.span_to_original(f.start, f.end)
    return Citation(
        start=start,
        end=end,
        text=text[start:end],
        number=f.number,
        type=f.type,
        date=f.date,
        issuer=f.issuer,
        category=f.category,
        relation=f.relation,
        name=f.name if f.number is None else None,
        year=f.year,
        self=f.self,
        pinpoint=f.pinpoint,
    )
