"""What gets indexed: documents from the store, or straight from files.

The index is derived from the store (``kb.store``): :func:`store_changes`
returns what changed since the last indexed ``seq``.  :func:`documents_from_files`
builds the same records from Markdown/text files without a store; benchmarks
and tests use it on ``../shared/corpus``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from kb.model import VALIDITY_LABELS
from kb.store.validity import validity_code  # noqa: F401  (re-exported for the index)

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

    @classmethod
    def from_record(cls, record, validity: str | None = None) -> "IndexDoc":
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
            validity=validity_code(validity or getattr(record, "validity", None)),
            is_stub=bool(getattr(record, "is_stub", False)),
            seq=getattr(record, "seq", 0) or 0,
            name=getattr(record, "name", None),
        )


def store_changes(data_dir: Path, since: int) -> tuple[list[IndexDoc], list[str], int]:
    """Documents changed in the store since ``since``, removed slugs, the new seq."""
    from kb.errors import KbError

    try:
        from kb.store import open_store
    except ImportError as exc:  # the store is another part of the project
        raise KbError(f"kho dữ liệu chưa sẵn sàng ({exc})") from exc
    with open_store(data_dir) as store:
        records, removed, new_seq = store.changes_since(since)
        docs = []
        for record in records:
            status = None
            if hasattr(store, "validity") and not record.is_stub:
                try:
                    status = store.validity(record.id).status
                except (AttributeError, LookupError):
                    status = None
            docs.append(IndexDoc.from_record(record, status or record.validity))
    return docs, list(removed), new_seq


# --- files -----------------------------------------------------------------------
_TITLE_LINE = re.compile(r"^\s*#\s*(.+)$", re.MULTILINE)


def document_from_file(path: Path) -> IndexDoc:
    """An :class:`IndexDoc` from a file, with the importers' metadata when available."""
    doc = None
    try:
        from kb.importers import document_from_file as import_file  # type: ignore[attr-defined]
    except ImportError:
        import_file = None
    if import_file is not None:
        doc, _source = import_file(path)
    else:
        raw = path.read_text(encoding="utf-8", errors="replace")
        doc = _parse_with_metadata(raw)
    from kb.model import Document

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


def _parse_with_metadata(raw: str):
    """kb.metadata's header parser, plus thuvienphapluat's table when present."""
    from kb.model import Document

    text = raw
    try:
        from kb.importers.markdown import markdown_to_text

        text = markdown_to_text(raw)
    except ImportError:
        pass
    try:
        from kb.metadata import parse_header
    except ImportError:
        return Document(number=None, text=text)
    doc = parse_header(text)
    try:
        from kb.metadata import parse_tvpl_table

        table = parse_tvpl_table(raw)
    except ImportError:
        table = None
    if table is not None:
        for name in ("number", "type", "issuer", "date", "validity", "signer"):
            value = getattr(table, name, None)
            if value and not getattr(doc, name, None):
                setattr(doc, name, value)
    if not doc.text:
        doc.text = text
    return doc


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
