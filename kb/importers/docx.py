"""Word .docx → text: paragraphs and tables in document order."""
from __future__ import annotations

import io
import zipfile

from kb.errors import KbError

__all__ = ["read_docx"]


def read_docx(data: bytes) -> tuple[str, str | None]:
    """(text, title from the document's properties) of a .docx file."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not data.startswith(b"PK"):
        raise KbError("Không phải tệp .docx (Word 2007 trở lên) — nội dung không phải gói ZIP.")
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise KbError(f"Tệp .docx bị hỏng hoặc không phải văn bản Word ({exc}).") from None
    except Exception as exc:  # lxml parse errors inside a damaged package
        raise KbError(f"Tệp .docx bị hỏng ({type(exc).__name__}: {exc}).") from None
    lines: list[str] = []
    _block_items(document.element.body, lines)
    text = "\n".join(lines).strip()
    title = (document.core_properties.title or "").strip() or None
    return (text + "\n" if text else ""), title


def _block_items(parent, lines: list[str]) -> None:
    """Paragraphs and tables of a body or cell, in order; cells one after another."""
    from docx.oxml.ns import qn

    for child in parent.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(_paragraph_text(child))
        elif child.tag == qn("w:tbl"):
            for row in child.iterchildren(qn("w:tr")):
                for cell in row.iterchildren(qn("w:tc")):
                    # A cell holds paragraphs and maybe nested tables; merged cells
                    # appear once in the XML (python-docx's API would repeat them).
                    _block_items(cell, lines)
                lines.append("")
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                _block_items(content, lines)


def _paragraph_text(p) -> str:
    from docx.oxml.ns import qn

    out: list[str] = []
    for node in p.iter():
        if node.tag == qn("w:t"):
            out.append(node.text or "")
        elif node.tag == qn("w:tab"):
            out.append("\t")
        elif node.tag in (qn("w:br"), qn("w:cr")):
            out.append("\n")
    return "".join(out)
