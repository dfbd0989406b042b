"""Page furniture and formulae that say nothing about a document's subject.

Every Vietnamese state document opens with the national motto ("CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc") and closes with "Nơi
nhận:" and a signature block; crawled copies add the site's furniture.  Left
in, these lines are what every snippet shows and they give the words "độc
lập", "tự do", "hạnh phúc" to every document.  :func:`strip` blanks them out
(same length: offsets into the text stay valid) before the text is indexed
and before snippets are cut from it.
"""
from __future__ import annotations

import re

_F = re.IGNORECASE | re.MULTILINE

# One pattern per kind of line; each is replaced by spaces of the same length.
_LINES = [
    # the motto and its underline
    re.compile(r"^[ \t#*_>|]*C[ỘO]NG\s+H[ÒOÓ]A\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM[ \t*_|]*$", _F),
    re.compile(r"^[ \t#*_>|]*Đ[ộo]c\s+l[ậa]p\s*[-–—]\s*T[ựu]\s+do\s*[-–—]\s*H[ạa]nh\s+ph[úu]c[ \t*_|.]*$", _F),
    re.compile(r"^[ \t|]*[-–—_=*.]{3,}[ \t|]*$", _F),
    re.compile(r"^\s*CÔNG\s+BÁO\s*/\s*Số.*$", _F),
    re.compile(r"^\s*(?:Trang\s+)?\d{1,4}\s*$", _F),  # page numbers
]
# Crawled pages: a line naming the site is the site's own line (the whole line
# is blanked; found by its words, then widened to the line: ``^.*(?:…).*$``
# cost 4 characters per microsecond).
_SITE = re.compile(r"thuvienphapluat|luatvietnam|Hãy đăng nhập|Đăng ký tài khoản|Mọi chi tiết xin liên hệ|"
                   r"Văn bản này đang được cập nhật", re.IGNORECASE)
# "Nơi nhận:" starts the distribution list and the signature block: to the end
# of the document, unless an appendix or a new article follows.
_RECIPIENTS = re.compile(r"^[ \t*_|]*Nơi\s+nhận\s*:", _F)
_RESUMES = re.compile(r"^[ \t#*_|]*(?:PHỤ\s+LỤC|Phụ\s+lục|Điều\s+\d+|DANH\s+MỤC|MẪU|Mẫu\s+số|BIỂU|QUY\s+(?:CHẾ|ĐỊNH)\b|HƯỚNG\s+DẪN\b|KẾ\s+HOẠCH\b|CHƯƠNG\s+TRÌNH\b)", re.MULTILINE)
MAX_SIGNATURE = 3000  # characters blanked after "Nơi nhận" when nothing resumes


def strip(text: str) -> str:
    """``text`` with the motto, signature blocks and site furniture replaced by spaces."""
    if not text:
        return text or ""
    spans = blank_spans(text)
    if not spans:
        return text  # most texts (and most articles): nothing to blank, no copy
    chars = list(text)
    for s, e in spans:
        for i in range(s, e):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def blank_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans :func:`strip` blanks in ``text`` (newlines inside them are kept)."""
    spans = []
    for pattern in _LINES:
        for m in pattern.finditer(text):
            # a long line is text that happens to name a site, not furniture
            if m.end() - m.start() <= 200:
                spans.append((m.start(), m.end()))
    line_end = -1
    for m in _SITE.finditer(text):
        if m.start() <= line_end:
            continue  # the line is already taken
        start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        if line_end < 0:
            line_end = len(text)
        if line_end - start <= 200:
            spans.append((start, line_end))
    for m in _RECIPIENTS.finditer(text):
        resume = _RESUMES.search(text, m.end())
        end = resume.start() if resume else len(text)
        spans.append((m.start(), min(end, m.start() + MAX_SIGNATURE) if not resume else end))
    return spans


def is_furniture(line: str) -> bool:
    """True for a line :func:`strip` would blank (tests, snippet checks)."""
    return not strip(line).strip()
