"""The canonical form of a document number read from a header.

One home for the rules: ``kb.citations.canonical_number`` (DESIGN.md "Canonical number");
this name stays so that header readers import it from the metadata package.
"""
from kb.citations import canonical_number

__all__ = ["canonical_number"]
