"""Effective dates tied to another document: "Quyết định này có hiệu lực thi hành kể từ ngày
Nghị định số 268/2025/NĐ-CP … có hiệu lực", "… cùng thời điểm với Phụ lục IV … Luật Đầu tư năm
2025", "… có hiệu lực thi hành theo Quyết định số 4831/QĐ-BNNMT ngày 17/11/2025 …".

:mod:`kb.validity.effective` reads such a sentence as a finding of kind ``dependent`` with the
other document as written (``depends_on``) and no date. :func:`resolve` gives it the other
document's effective date when the caller knows that document (one document with that number,
and that issue date when the sentence states one) and knows its date; otherwise the finding stays
dependent and undated, its sentence kept as evidence. Nothing is guessed: a reference without a
number ("văn bản quy phạm pháp luật có quy định về thủ tục hành chính …") stays undated.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from kb.validity.effective import DateFinding

# (canonical number, issue date or None) → the other document's effective date, or None
Lookup = Callable[[str, str | None], str | None]


def reference(depends_on: str | None) -> tuple[str | None, str | None]:
    """(canonical number, issue date) of the document a dependent sentence names, when numbered."""
    if not depends_on:
        return None, None
    from kb.citations import get_citations

    for citation in get_citations(depends_on):
        if citation.number:
            return citation.number, citation.date
    return None, None


def resolve(finding: DateFinding | None, lookup: Lookup) -> DateFinding | None:
    """The finding with the other document's effective date when ``lookup`` knows it."""
    if finding is None or finding.kind != "dependent":
        return finding
    number, issued = reference(finding.depends_on)
    when = lookup(number, issued) if number else None
    return replace(finding, date=when)
