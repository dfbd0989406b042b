"""PDF → text (text PDFs only; a scan has no text layer and needs OCR).

The file is untrusted: a 36 KB PDF can hold a content stream that inflates to
megabytes of drawing operators (pypdf spends seconds of CPU per megabyte), or a
page tree nested thousands deep.  Pages are read one at a time; a page whose
content stream is larger than :data:`MAX_PAGE_CONTENT` is refused with its
number, and reading stops as soon as the text passes ``max_chars``.  Time and
memory as a whole are bounded by the child process that runs this reader
(``kb.importers.sandbox``).
"""
from __future__ import annotations

import io
import logging

from kb.errors import KbError

__all__ = ["read_pdf", "MAX_PAGE_CONTENT", "MAX_PAGES"]

# Fewer letters than this per page on average: the PDF is images (a scan).
_MIN_LETTERS_PER_PAGE = 20
# Decoded content stream of one page: real text pages are well under 1 MB.
MAX_PAGE_CONTENT = 2 * 1024 * 1024
MAX_PAGES = 5000


def read_pdf(data: bytes, max_chars: int | None = None) -> tuple[str, str | None]:
    """(text, title from the PDF's metadata) of a PDF with a text layer."""
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PyPdfError

    from kb.importers.sandbox import TextTooLong

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise KbError("Không phải tệp PDF (thiếu phần đầu %PDF).")
    # pypdf logs every small repair it makes; the user gets one message or none.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise KbError("PDF có mật khẩu; hãy gỡ mật khẩu rồi nhập lại.")
            except KbError:
                raise
            except Exception:
                raise KbError("PDF được mã hóa và không mở được; hãy gỡ mật khẩu rồi nhập lại.") from None
        count = len(reader.pages)
        if count > MAX_PAGES:
            raise KbError(f"PDF quá nhiều trang ({count:,}; tối đa {MAX_PAGES:,}).")
        pages: list[str] = []
        size = 0
        for number, page in enumerate(reader.pages, 1):
            contents = page.get_contents()
            length = len(contents.get_data()) if contents is not None else 0
            if length > MAX_PAGE_CONTENT:
                raise KbError(f"Trang {number} của PDF có luồng nội dung quá lớn "
                              f"({length / 1048576:.1f} MB sau giải nén; tối đa "
                              f"{MAX_PAGE_CONTENT // 1048576} MB): tệp bất thường, không đọc.")
            text = page.extract_text() or ""
            pages.append(text)
            size += len(text) + 2
            if max_chars is not None and size > max_chars:
                raise TextTooLong(f"Văn bản quá dài (hơn {max_chars:,} ký tự); không nhập.")
        title = None
        try:
            if reader.metadata and reader.metadata.title:
                title = str(reader.metadata.title).strip() or None
        except Exception:  # broken metadata must not lose the text
            title = None
    except KbError:
        raise
    except LimitReachedError as exc:
        raise KbError(f"Tệp PDF vượt giới hạn an toàn của bộ đọc ({exc}); không đọc.") from None
    except RecursionError:
        raise KbError("Tệp PDF có cấu trúc lồng nhau quá sâu; không đọc.") from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise KbError(f"Tệp PDF bị hỏng, không đọc được ({exc}).") from None
    if not pages:
        raise KbError("PDF không có trang nào.")
    letters = sum(ch.isalpha() for page in pages for ch in page)
    if letters < _MIN_LETTERS_PER_PAGE * len(pages):
        raise KbError(
            f"PDF không có lớp văn bản (có thể là bản quét/ảnh chụp, {len(pages)} trang) — "
            "cần nhận dạng chữ (OCR) trước khi nhập."
        )
    text = "\n\n".join(page.strip("\n") for page in pages).strip()
    return text + "\n", title
