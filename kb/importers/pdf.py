"""PDF → text (text PDFs only; a scan has no text layer and needs OCR)."""
from __future__ import annotations

import io
import logging

from kb.errors import KbError

__all__ = ["read_pdf"]

# Fewer letters than this per page on average: the PDF is images (a scan).
_MIN_LETTERS_PER_PAGE = 20


def read_pdf(data: bytes) -> tuple[str, str | None]:
    """(text, title from the PDF's metadata) of a PDF with a text layer."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

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
        pages = [page.extract_text() or "" for page in reader.pages]
        title = None
        try:
            if reader.metadata and reader.metadata.title:
                title = str(reader.metadata.title).strip() or None
        except Exception:  # broken metadata must not lose the text
            title = None
    except KbError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
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
