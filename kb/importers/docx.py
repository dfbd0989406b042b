"""Word .docx → text: paragraphs and tables in document order, read as a stream.

The package is untrusted: a 600 KB file can inflate to hundreds of megabytes of
XML.  So ``word/document.xml`` is read through a byte cap (:data:`MAX_XML_BYTES`)
and parsed incrementally (lxml ``iterparse``, entities off, no huge text nodes),
each paragraph freed once read, and reading stops as soon as the text passes
``max_chars``.  Memory stays near the size of the text kept, not of the XML.
"""
from __future__ import annotations

import io
import zipfile

from kb.errors import KbError
from kb.importers.sandbox import TextTooLong

__all__ = ["read_docx", "MAX_XML_BYTES"]

# Uncompressed XML read at most (a 1,000-page law is ~30 MB of document.xml).
MAX_XML_BYTES = 64 * 1024 * 1024
_CORE_BYTES = 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _T, _TAB, _BR, _CR, _TR = (_W + n for n in ("p", "t", "tab", "br", "cr", "tr"))


class _Capped(io.RawIOBase):
    """A read-only stream that fails past ``limit`` bytes (the decompression bomb guard)."""

    def __init__(self, raw, limit: int):
        self.raw, self.limit, self.read_so_far = raw, limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.raw.read(len(buffer))
        self.read_so_far += len(data)
        if self.read_so_far > self.limit:
            raise KbError(f"Tệp .docx giải nén ra quá lớn (hơn {self.limit // 1048576} MB nội dung XML).")
        buffer[: len(data)] = data
        return len(data)


def read_docx(data: bytes, max_chars: int | None = None) -> tuple[str, str | None]:
    """(text, title from the document's properties) of a .docx file."""
    if not data.startswith(b"PK"):
        raise KbError("Không phải tệp .docx (Word 2007 trở lên) — nội dung không phải gói ZIP.")
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        names = set(package.namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise KbError(f"Tệp .docx bị hỏng hoặc không phải văn bản Word ({exc}).") from None
    if "word/document.xml" not in names:
        raise KbError("Tệp .docx bị hỏng hoặc không phải văn bản Word (thiếu word/document.xml).")
    try:
        with package.open("word/document.xml") as raw:
            lines = _paragraphs(_Capped(raw, MAX_XML_BYTES), max_chars)
        title = _title(package) if "docProps/core.xml" in names else None
    except (KbError, MemoryError):
        raise
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise KbError(f"Tệp .docx bị hỏng hoặc không phải văn bản Word ({exc}).") from None
    except Exception as exc:  # lxml parse errors inside a damaged package
        if "limit" in str(exc).lower():  # lxml's guard: one text node over 10 MB
            raise KbError("Tệp .docx bất thường: một đoạn chữ dài hơn 10 MB; không đọc.") from None
        raise KbError(f"Tệp .docx bị hỏng ({type(exc).__name__}: {exc}).") from None
    text = "\n".join(lines).strip()
    return (text + "\n" if text else ""), title


def _paragraphs(stream, max_chars: int | None) -> list[str]:
    """One line per paragraph, an empty line after each table row, in document order.

    A paragraph inside another (a text box) is read as part of the outer one,
    as Word shows it; cells come one after another.
    """
    from lxml import etree

    lines: list[str] = []
    size = 0
    events = etree.iterparse(io.BufferedReader(stream, 256 * 1024), events=("end",), tag=(_P, _TR),
                             resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    for _, element in events:
        if _inside_paragraph(element):
            continue  # the enclosing paragraph reads it
        if element.tag == _TR:
            lines.append("")
        else:
            line = _paragraph_text(element)
            lines.append(line)
            size += len(line) + 1
            if max_chars is not None and size > max_chars:
                raise TextTooLong(f"Văn bản quá dài (hơn {max_chars:,} ký tự); không nhập.")
        # Free what is read: the element and the siblings before it.
        element.clear(keep_tail=False)
        parent = element.getparent()
        while element.getprevious() is not None and parent is not None:
            del parent[0]
    return lines


def _inside_paragraph(element) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag == _P:
            return True
        parent = parent.getparent()
    return False


def _paragraph_text(p) -> str:
    out: list[str] = []
    for node in p.iter(_T, _TAB, _BR, _CR):
        if node.tag == _T:
            out.append(node.text or "")
        elif node.tag == _TAB:
            out.append("\t")
        else:
            out.append("\n")
    return "".join(out)


def _title(package: zipfile.ZipFile) -> str | None:
    from lxml import etree

    with package.open("docProps/core.xml") as raw:
        data = raw.read(_CORE_BYTES + 1)
    if len(data) > _CORE_BYTES:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None  # broken properties must not lose the text
    node = root.find("{http://purl.org/dc/elements/1.1/}title")
    title = (node.text or "").strip() if node is not None else ""
    return title or None
