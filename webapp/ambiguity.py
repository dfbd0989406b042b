"""How to name a citation that matches several records.

A citation by number that several records share is "trùng số hiệu"; a
citation by name only ("Luật Tổ chức chính quyền địa phương") has no number to
share: several documents bear that name.
"""
from __future__ import annotations

from kb.citations import canonical_number

SAME_NUMBER = "Trùng số hiệu"
SAME_NAME = "Nhiều văn bản cùng tên"


def by_number(said: str | None) -> bool:
    """True when what the citation says is a document number."""
    return bool(said) and canonical_number(said) is not None


def label(said: str | None) -> str:
    """The tag for an ambiguous citation that says ``said`` (its number, else its name)."""
    return SAME_NUMBER if by_number(said) else SAME_NAME
