"""Small builders for store tests: documents and citations written by hand."""
from __future__ import annotations

from kb.model import Citation, Document


def cite(text: str, surface: str, number: str | None, *, relation: str = "dan_chieu", date=None, issuer=None,
         type=None, year=None, name=None, self=False) -> Citation:
    start = text.index(surface)
    return Citation(
        start=start, end=start + len(surface), text=surface, number=number, type=type, date=date,
        issuer=issuer, relation=relation, year=year, name=name, self=self,
    )


def doc(number, date, issuer, text=None, **kw) -> Document:
    return Document(number=number, date=date, issuer=issuer, text=text, **kw)
