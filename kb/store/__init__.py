"""The store of record (SQLite): documents, sources, citations as typed edges, raw pages.

``open_store(path)`` gives a :class:`Store`; see ``store.py`` for the API and
the modules for each job: ``db`` (connection, migrations), ``documents``,
``edges``, ``resolution``, ``stubs``, ``validity``, ``raw_pages``, ``stats``,
``saving`` (the one-transaction upsert that ties them together), ``matching``
(when two descriptions mean one document) and ``importing`` (files → store,
parsing in worker processes, one writer).
"""
from kb.store.records import (
    DocumentRecord,
    Edge,
    Evidence,
    RawPage,
    Resolution,
    SaveResult,
    Validity,
)
from kb.store.store import Store, open_store

__all__ = [
    "DocumentRecord",
    "Edge",
    "Evidence",
    "RawPage",
    "Resolution",
    "SaveResult",
    "Store",
    "Validity",
    "open_store",
]
