"""Local files and fetched bytes → the document's text, then → a ``Document``.

One small module per format: ``encoding`` (text formats), ``markdown``,
``html``, ``docx``, ``pdf``.  Public verbs:

- :func:`read_file` / :func:`read_bytes` → :class:`ImportedText`
- :func:`document_from_file` / :func:`document_from_bytes` → ``(Document, Source)``
- :func:`document_from_text` (an :class:`ImportedText` → ``Document``)

A file that cannot be read raises :class:`kb.errors.KbError` with the reason in
Vietnamese (broken file, PDF without a text layer, unknown format, too large).
Site furniture (thuvienphapluat's banner and metadata table) is removed from
the text; the table's facts are kept in ``ImportedText.site_metadata``.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from kb.errors import KbError
from kb.importers.sandbox import Limits, ParserBusy, TextTooLong
from kb.model import Document, Source

__all__ = [
    "ImportedText",
    "Limits",
    "ParserBusy",
    "TextTooLong",
    "MAX_TEXT_CHARS",
    "SUPPORTED_SUFFIXES",
    "MAX_BYTES",
    "read_file",
    "read_bytes",
    "document_from_file",
    "document_from_bytes",
    "document_from_text",
    "max_bytes",
]

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")
# Largest file read, in bytes; ``$KB_MAX_IMPORT_MB`` overrides (a legal text is rarely over 5 MB).
MAX_BYTES = 50 * 1024 * 1024
# Longest text kept (the longest code in the corpus is ~1.3 million characters).
MAX_TEXT_CHARS = 5_000_000
# Text formats (txt, md, html) larger than this are read in the bounded child too.
SANDBOX_BYTES = 1024 * 1024

_FORMATS = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
    ".xhtml": "html", ".docx": "docx", ".pdf": "pdf", ".doc": "doc",
}
_CONTENT_TYPES = {
    "text/plain": "txt", "text/markdown": "md", "text/x-markdown": "md", "text/html": "html",
    "application/xhtml+xml": "html", "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/msword": "doc",
}


@dataclass
class ImportedText:
    """The text of a file, ready for the header parser and the citation extractor."""

    text: str
    format: str  # "txt", "md", "html", "docx", "pdf"
    encoding: str | None  # how the bytes were decoded (text formats), None for docx/pdf
    title_hint: str | None = None  # <title>, document properties, first heading
    site_metadata: dict = field(default_factory=dict)  # thuvienphapluat's table, when present


def max_bytes() -> int:
    value = os.environ.get("KB_MAX_IMPORT_MB")
    if value:
        try:
            return int(float(value) * 1024 * 1024)
        except ValueError:
            raise KbError(f"KB_MAX_IMPORT_MB không hợp lệ: {value!r} (cần một số, đơn vị MB).") from None
    return MAX_BYTES


def _too_large(size: int, limit: int) -> KbError:
    return KbError(f"Tệp quá lớn ({size / 1048576:.1f} MB, giới hạn {limit / 1048576:.0f} MB; "
                   "đặt KB_MAX_IMPORT_MB để nâng giới hạn).")


def read_file(path: str | os.PathLike, *, limit: int | None = None) -> ImportedText:
    """Read a local file of a supported format (see :data:`SUPPORTED_SUFFIXES`)."""
    path = Path(path)
    return read_bytes(_read_path(path, limit), str(path), limit=limit)


def _read_path(path: Path, limit: int | None) -> bytes:
    """The file's bytes, refusing folders and files over the size cap before reading them."""
    limit = max_bytes() if limit is None else limit
    try:
        if path.is_dir():
            raise KbError("Là thư mục, không phải tệp.")
        size = path.stat().st_size
        if size > limit:
            raise _too_large(size, limit)
        return path.read_bytes()
    except KbError:
        raise
    except FileNotFoundError:
        raise KbError("Không tìm thấy tệp.") from None
    except PermissionError:
        raise KbError("Không có quyền đọc tệp.") from None
    except OSError as exc:
        raise KbError(f"Không đọc được tệp ({exc.strerror or exc}).") from None


def read_bytes(data: bytes, filename: str, content_type: str | None = None, *,
               limit: int | None = None, max_chars: int | None = None,
               limits: "Limits | None" = None, keep_gazette: bool = False) -> ImportedText:
    """Read an uploaded or fetched file; the format comes from the name, the type or the bytes.

    The one door for every file from outside (uploads, URLs, crawled attachments,
    imports): .docx, .pdf and files over :data:`SANDBOX_BYTES` are read in a child
    process under ``limits`` (time, memory, how many at once: see
    :mod:`kb.importers.sandbox`); a text longer than ``max_chars`` (default
    :data:`MAX_TEXT_CHARS`) is refused while it is being read.

    A Công báo text (the gazette's running heads, page numbers, signature stamps) comes back
    without that furniture (:mod:`kb.importers.gazette`) unless ``keep_gazette`` (the Công báo
    importer, which reads the issue and pages from it).
    """
    result = _read_bytes(data, filename, content_type, limit=limit, max_chars=max_chars, limits=limits)
    if not keep_gazette and result.format in ("txt", "pdf"):
        from kb.importers.gazette import is_gazette_text, strip_gazette

        if is_gazette_text(result.text):
            stripped = strip_gazette(result.text)
            if stripped.text.strip():
                result.text = stripped.text
    return result


def _read_bytes(data: bytes, filename: str, content_type: str | None = None, *,
                limit: int | None = None, max_chars: int | None = None,
                limits: "Limits | None" = None) -> ImportedText:
    from kb.importers.sandbox import read_direct, run

    limit = max_bytes() if limit is None else limit
    max_chars = MAX_TEXT_CHARS if max_chars is None else max_chars
    if len(data) > limit:
        raise _too_large(len(data), limit)
    fmt = _format_of(data, filename, content_type)
    if fmt == "doc":
        raise KbError("Định dạng Word 97–2003 (.doc) chưa được hỗ trợ; "
                      "hãy lưu lại thành .docx hoặc PDF rồi nhập.")
    reader_fmt = fmt if fmt in ("docx", "pdf", "html") else "txt"
    if fmt in ("docx", "pdf") or len(data) > SANDBOX_BYTES:
        text, encoding, title = run(reader_fmt, data, max_chars, limits)
    else:
        text, encoding, title = read_direct(reader_fmt, data, max_chars)
    if fmt in ("docx", "pdf", "html"):
        return _finish(text, fmt, encoding, title)
    if fmt == "md":
        from kb.importers.markdown import markdown_to_text
        from kb.metadata.tvpl_table import parse_tvpl_table, strip_site_chrome

        table = parse_tvpl_table(text)
        body = strip_site_chrome(text)
        result = _finish(markdown_to_text(body), "md", encoding, _first_heading(body), strip=False)
        if table:
            result.site_metadata = dict(table.fields)
        return result
    return _finish(text, "txt", encoding, None)


def _finish(text: str, fmt: str, encoding: str | None, title: str | None,
            strip: bool = True) -> ImportedText:
    from kb.metadata.tvpl_table import parse_tvpl_table, strip_site_chrome
    from kb.text import clean

    site: dict = {}
    if strip:
        table = parse_tvpl_table(text)
        if table:
            site = dict(table.fields)
        text = strip_site_chrome(text)
    text = clean(text).text  # NFC, Ð→Đ, odd spaces: every importer's text is in this form
    if not text.strip():
        raise KbError("Tệp không có nội dung văn bản.")
    return ImportedText(text=text, format=fmt, encoding=encoding, title_hint=title, site_metadata=site)


def _format_of(data: bytes, filename: str, content_type: str | None) -> str:
    suffix = Path(filename.split("?")[0]).suffix.lower()
    if suffix in _FORMATS:
        return _FORMATS[suffix]
    if content_type:
        base = content_type.split(";")[0].strip().lower()
        if base in _CONTENT_TYPES:
            return _CONTENT_TYPES[base]
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    if head.startswith(b"PK") and b"word/" in data[:65536]:
        return "docx"
    if head[:200].lower().startswith((b"<!doctype html", b"<html")) or b"<body" in head.lower():
        return "html"
    if suffix:
        raise KbError(f"Định dạng {suffix} không được hỗ trợ "
                      f"(hỗ trợ: {', '.join(SUPPORTED_SUFFIXES)}).")
    return "txt"


def _first_heading(markdown: str) -> str | None:
    for line in markdown.splitlines()[:50]:
        if line.startswith("# ") and len(line) > 3:
            return line[2:].strip(" #*") or None
    return None


def document_from_bytes(data: bytes, filename: str, content_type: str | None = None, *,
                        kind: str = "web", url: str | None = None,
                        fetched_at: str | None = None) -> tuple[Document, Source]:
    """A Document from uploaded or fetched bytes (see :func:`document_from_file`)."""
    imported = read_bytes(data, filename, content_type)
    doc = document_from_text(imported)
    source = Source(kind=kind, url=url or filename, fetched_at=fetched_at,
                    content_hash=hashlib.sha256(data).hexdigest())
    return doc, source


def document_from_file(path: str | os.PathLike) -> tuple[Document, Source]:
    """Read a file and its metadata: the official header first, the site's table for gaps.

    ``Source(kind="file", url=<absolute path>, content_hash=sha256 of the bytes,
    fetched_at=<file's modification time, UTC ISO>)``.
    """
    path = Path(path)
    data = _read_path(path, None)
    imported = read_bytes(data, str(path))
    doc = document_from_text(imported)
    mtime = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc).isoformat(timespec="seconds")
    source = Source(kind="file", url=str(path.resolve()), fetched_at=mtime,
                    content_hash=hashlib.sha256(data).hexdigest())
    return doc, source


def document_from_text(imported: ImportedText) -> Document:
    """Header metadata for an imported text; gaps filled from the site's table.

    ``extra["format"]``, ``extra["encoding"]`` say how the file was read;
    ``extra["site_metadata"]`` keeps the site's table as given.
    """
    from kb.metadata import parse_header
    from kb.metadata.numbers import canonical_number

    doc = parse_header(imported.text)
    site = imported.site_metadata
    if site:
        doc.extra["site_metadata"] = dict(site)
        if not doc.number and site.get("number"):
            doc.number = canonical_number(site["number"])
        if not doc.type and site.get("type") and site["type"] != "Văn bản khác":
            doc.type = site["type"]
        if not doc.date and site.get("date"):
            from kb.metadata.tvpl_table import _iso

            doc.date = _iso(site["date"])
        if not doc.issuer and site.get("issuer"):
            doc.issuer = site["issuer"]
        if not doc.signer and site.get("signer"):
            doc.signer = site["signer"]
        if site.get("effective_date") and not doc.effective_date:
            from kb.metadata.tvpl_table import _iso

            doc.effective_date = _iso(site["effective_date"])
        if site.get("validity") and not doc.validity:
            doc.validity = site["validity"]
    if not doc.title and imported.title_hint:
        doc.title = imported.title_hint
    if doc.year is None and doc.date:
        doc.year = int(doc.date[:4])
    doc.extra["format"] = imported.format
    if imported.encoding:
        doc.extra["encoding"] = imported.encoding
    return doc
