"""What gets indexed: documents from the store, or straight from files.

The index is derived from the store (``kb.store``): :func:`store_changes`
returns what changed since the last indexed ``seq``, each document with its
units (``Store.units``) and topics (``Store.topics``).  :func:`documents_from_files`
builds the same records from Markdown/text files without a store; benchmarks
and tests use it on ``../shared/corpus``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from kb.importers import document_from_file as import_file
from kb.model import Document, Unit
from kb.store import open_store
from kb.store.validity import validity_code  # noqa: F401  (re-exported for the index)
from kb.structure import parse_units

ARTICLE_KIND = "dieu"


@dataclass
class Article:
    """One Điều as the article index sees it."""

    number: str
    anchor: str
    title: str | None
    text: str
    # offsets of ``text`` in its document's text (None: the unit's own text, e.g. Pháp điển)
    start: int | None = None
    end: int | None = None


@dataclass
class IndexDoc:
    """The fields of one document that the index needs."""

    slug: str
    number: str | None = None
    type: str | None = None
    issuer: str | None = None
    date: str | None = None
    year: int | None = None
    title: str | None = None
    text: str = ""
    validity: str = "khong_ro"
    is_stub: bool = False
    seq: int = 0
    name: str | None = None
    extra: dict = field(default_factory=dict)
    # None: parsed from ``text`` when the articles are needed (files, benchmarks)
    units: list[Unit] | None = None
    topics: list[dict] = field(default_factory=list)  # [{"code": "19.6", "name": …}]

    @classmethod
    def from_record(cls, record, validity: str | None = None, units=None, topics=()) -> "IndexDoc":
        year = record.year or (int(record.date[:4]) if record.date else None)
        return cls(
            slug=record.slug,
            number=record.number,
            type=record.type,
            issuer=record.issuer,
            date=record.date,
            year=year,
            title=record.title or record.name,
            text=record.text or "",
            validity=validity_code(validity or record.validity),
            is_stub=bool(record.is_stub),
            seq=record.seq or 0,
            name=record.name,
            units=list(units) if units is not None else [],
            topics=[dict(t) for t in topics],
        )

    def articles(self) -> list[Article]:
        """Every Điều of the document, with its own text (from its offsets or its ``text``)."""
        units = self.units if self.units is not None else parse_units(self.text)
        out = []
        for u in units:
            if u.kind != ARTICLE_KIND:
                continue
            start = end = None
            if u.text:
                text = u.text
            elif u.start is not None and u.end is not None and self.text:
                text = self.text[u.start:u.end]
                start, end = u.start, u.end
            else:
                text = ""
            out.append(Article(number=u.number, anchor=u.anchor, title=u.title, text=text,
                               start=start, end=end))
        return out


def store_changes(data_dir: Path, since: int) -> tuple[list[IndexDoc], list[str], int]:
    """Documents changed in the store since ``since``, removed slugs, the new seq."""
    with open_store(data_dir) as store:
        records, removed, new_seq = store.changes_since(since)
        docs = []
        for record in records:
            status = None if record.is_stub else store.validity(record.id).status
            docs.append(IndexDoc.from_record(record, status or record.validity,
                                             units=store.units(record.id), topics=store.topics(record.id)))
    return docs, list(removed), new_seq


# --- files -----------------------------------------------------------------------
_TITLE_LINE = re.compile(r"^\s*#\s*(.+)$", re.MULTILINE)


def document_from_file(path: Path) -> IndexDoc:
    """An :class:`IndexDoc` from a file, with the importers' metadata."""
    doc, _source = import_file(path)
    if not isinstance(doc, Document):
        raise TypeError(f"unexpected document type {type(doc)!r}")
    slug = doc.slug
    if doc.number is None and not doc.name:
        # Not a numbered document (an article): the file name keeps it unique.
        slug = f"{path.stem}"
    idoc = IndexDoc(
        slug=slug,
        number=doc.number,
        type=doc.type,
        issuer=doc.issuer,
        date=doc.date,
        year=doc.year or (int(doc.date[:4]) if doc.date else None),
        title=doc.title or doc.name,
        text=doc.text or "",
        validity=validity_code(doc.validity),
        name=doc.name,
    )
    if not idoc.title:
        m = _TITLE_LINE.search(idoc.text[:2000])
        if m:
            idoc.title = m.group(1).strip(" *#")
    return idoc


def documents_from_files(paths: Iterable[Path]) -> Iterator[IndexDoc]:
    for path in paths:
        yield document_from_file(Path(path))


def documents_from_tar(tar_path: Path, limit: int | None = None) -> Iterator[IndexDoc]:
    """Articles from a ``.tar.gz`` of Markdown files (title: the first heading)."""
    import tarfile

    with tarfile.open(tar_path, "r:*") as tar:
        count = 0
        for member in tar:
            if not member.isfile() or not member.name.endswith((".md", ".txt")):
                continue
            fh = tar.extractfile(member)
            if fh is None:
                continue
            text = fh.read().decode("utf-8", errors="replace")
            m = _TITLE_LINE.search(text[:2000])
            yield IndexDoc(
                slug="bai-" + Path(member.name).stem,
                title=m.group(1).strip(" *#") if m else None,
                text=text,
                type="Bài viết",
            )
            count += 1
            if limit and count >= limit:
                return
