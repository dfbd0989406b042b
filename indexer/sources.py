"""What gets indexed: documents from the store, or straight from files.

The index is derived from the store (``kb.store``): :func:`store_changes`
returns what changed since the last indexed ``seq``, each document with its
units (``Store.units``) and topics (``Store.topics``).  :func:`documents_from_files`
builds the same records from Markdown/text files without a store; benchmarks
and tests use it on ``../shared/corpus``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
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


@dataclass(kw_only=True)
class IndexDoc(Document):
    """One document as the index takes it: the model's fields, with the index's own meanings.

    Differences from :class:`Document`, on purpose: ``title`` falls back to the name
    (:meth:`from_document`); ``validity`` is a code (``validity_code``), ``"khong_ro"`` when
    unknown, not the source's statement; ``text`` is never None; ``topics`` are dicts
    (``{"code", "name"}``) as the build passes them to its workers.
    """

    # A field shadowing Document.slug's computed property (as DocumentRecord does): the store's
    # slug, or the file's name for unnumbered files.
    slug: str = ""
    text: str = ""
    validity: str = "khong_ro"
    is_stub: bool = False
    seq: int = 0
    # None: parsed from ``text`` when the articles are needed (files, benchmarks)
    units: list[Unit] | None = None
    topics: list[dict] = field(default_factory=list)  # [{"code": "19.6", "name": …}]

    @classmethod
    def from_document(cls, doc: Document, **given) -> "IndexDoc":
        """``doc`` (a Document or a store record) with the index's meanings, then ``given``."""
        # ``extra`` stays behind: the index reads nothing of it and it would travel to every worker.
        values = {f.name: getattr(doc, f.name) for f in fields(Document) if f.name != "extra"}
        values.update(
            slug=doc.slug,
            year=doc.year or (int(doc.date[:4]) if doc.date else None),
            title=doc.title or doc.name,
            text=doc.text or "",
            validity=validity_code(doc.validity),
            topics=[{"code": t.code, "name": t.name} for t in doc.topics],
        )
        values.update(given)
        return cls(**values)

    @classmethod
    def from_record(cls, record, validity: str | None = None, units=None, topics=()) -> "IndexDoc":
        return cls.from_document(
            record,
            validity=validity_code(validity or record.validity),
            is_stub=bool(record.is_stub),
            seq=record.seq or 0,
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
    idoc = IndexDoc.from_document(doc, slug=slug, units=None)
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
