"""The project's own catalogue: facts about the documents the seed plan cites and what they rest on.

``data/catalogue.json`` is built by ``scripts/build_catalogue.py`` from facts
written there as data; :func:`load_catalogue` puts it into a store (idempotent:
loading it again changes nothing).  Facts only — number, type, issuer, dates,
title, relations, official source — no texts.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from kb.config import PROJECT_ROOT
from kb.errors import KbError
from kb.model import Document, Relation, Source

CATALOGUE_PATH = PROJECT_ROOT / "data" / "catalogue.json"
_DOCUMENT_KEYS = ("number", "type", "issuer", "date", "year", "title", "name", "signer", "signer_title",
                  "place", "effective_date", "validity", "category", "source_url")


def read_catalogue(path: Path = CATALOGUE_PATH) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise KbError(f"không thấy danh mục {path}; chạy scripts/build_catalogue.py để tạo lại.") from exc
    except json.JSONDecodeError as exc:
        raise KbError(f"danh mục {path} hỏng: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise KbError(f"danh mục {path} không đúng dạng (thiếu danh sách documents).")
    return data


def document_of(entry: dict) -> Document:
    values = {k: entry.get(k) for k in _DOCUMENT_KEYS}
    values["category"] = values["category"] or "state"
    extra = {k: entry[k] for k in ("summary", "provenance", "official_portal") if entry.get(k)}
    return Document(**values, extra=extra)


def load_catalogue(store, path: Path = CATALOGUE_PATH) -> dict:
    """Save every catalogue entry with its relations; returns counts by status."""
    data = read_catalogue(path)
    entries = {e["key"]: e for e in data["documents"]}
    counts = {"documents": len(entries), "new": 0, "updated": 0, "unchanged": 0}
    for key, entry in entries.items():
        relations = []
        for rel in entry.get("relations", []):
            other = entries.get(rel["target"])
            if other is None:
                raise KbError(f"danh mục: {key} trỏ tới {rel['target']} không có trong danh mục.")
            relations.append(Relation(rel["relation"], document_of(other), "out", rel.get("evidence")))
        digest = hashlib.sha256(json.dumps(entry, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()
        source = Source("catalogue", f"data/catalogue.json#{key}", content_hash=digest)
        result = store.save_document(document_of(entry), source, relations=relations)
        counts[result.status] += 1
    return counts
