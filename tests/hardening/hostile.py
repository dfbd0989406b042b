"""Hostile files, made on the spot (nothing big is committed): decompression bombs
in .docx and .pdf, a PDF page tree nested thousands deep.  Used by the tests in
this folder and by ``bench/hostile.py``.
"""
from __future__ import annotations

import io
import zipfile
import zlib

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w='
         '"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
_TAIL = "</w:body></w:document>"


def _docx(write_body) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        with package.open("word/document.xml", "w", force_zip64=True) as body:
            body.write(_HEAD.encode())
            write_body(body)
            body.write(_TAIL.encode())
    return out.getvalue()


def docx_paragraph_bomb(megabytes: int = 200) -> bytes:
    """Paragraphs of text that expand to ``megabytes`` MB of XML (~0.3% of that zipped)."""
    paragraph = ("<w:p><w:r><w:t>" + "Điều khoản lặp lại " * 50 + "</w:t></w:r></w:p>").encode()
    chunk = paragraph * 1000

    def body(stream):
        for _ in range(megabytes * 1024 * 1024 // len(chunk)):
            stream.write(chunk)

    return _docx(body)


def docx_whitespace(megabytes: int = 1000) -> bytes:
    """One text run of ``megabytes`` MB of spaces (a docx of about a thousandth of that)."""
    block = b" " * (4 * 1024 * 1024)

    def body(stream):
        stream.write(b'<w:p><w:r><w:t xml:space="preserve">')
        for _ in range(megabytes // 4):
            stream.write(block)
        stream.write(b"</w:t></w:r></w:p>")

    return _docx(body)


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF from its numbered objects (1-based; object 1 the catalog), with a right xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _page_objects(content: bytes, compress: bool) -> list[bytes]:
    stream = zlib.compress(content, 9) if compress else content
    flate = b" /Filter /FlateDecode" if compress else b""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d%s >>\nstream\n" % (len(stream), flate) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def pdf_text(text: str = "Quyet dinh so 15/QD-UBND ve cai cach hanh chinh") -> bytes:
    """A small, ordinary one-page text PDF (the control)."""
    content = b"BT /F1 12 Tf 72 720 Td (" + text.encode("latin-1") + b") Tj ET"
    return _pdf(_page_objects(content, compress=False))


def pdf_content_bomb(megabytes: int = 10) -> bytes:
    """One page whose content stream inflates to ``megabytes`` MB of text operators."""
    op = b"BT /F1 12 Tf 10 10 Td (Dieu khoan) Tj ET\n"
    content = op * (megabytes * 1024 * 1024 // len(op))
    return _pdf(_page_objects(content, compress=True))


def pdf_deep_tree(depth: int = 3000) -> bytes:
    """A page tree nested ``depth`` levels deep, one page at the bottom."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    first = 2
    for level in range(depth):
        number = first + level
        parent = b" /Parent %d 0 R" % (number - 1) if level else b""
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>" % (number + 1, parent))
    page = first + depth
    objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R >>"
                   % (page - 1, page + 1))
    content = b"BT /F1 12 Tf 72 720 Td (Dieu 1) Tj ET"
    objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    return _pdf(objects)


def pdf_slow_pages(pages: int = 20, kilobytes: int = 1500) -> bytes:
    """Many pages, each just under the per-page content cap: slow to extract as a whole."""
    op = b"BT /F1 12 Tf 10 10 Td (Dieu khoan) Tj ET\n"
    content = zlib.compress(op * (kilobytes * 1024 // len(op)), 9)
    first_page = 4
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i in range(pages):
        number = first_page + 2 * i
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
                       b" /Resources << /Font << /F1 3 0 R >> >> >>" % (number + 1))
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content
                       + b"\nendstream")
    return _pdf(objects)
