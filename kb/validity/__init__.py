"""Effective dates and validity (DESIGN.md "Effective dates and validity").

``effective`` reads a document's own effective and expiry dates from its text;
``acts`` decides once whether a sentence states a done act (replacing, repealing,
amending), so that validity never re-reads sentences on a page view.
The store's side (edges, chains, the cached status) is ``kb.store.validity``.
"""
