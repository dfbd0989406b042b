"""What legal web sites wrap around a document (thuvienphapluat.vn, luatvietnam.vn): one home.

Saved pages begin with the site's banner and end with its footer (related documents,
an English-version notice, pop-ups).  The importer cuts them away
(:func:`kb.metadata.tvpl_table.strip_site_chrome`) and the citation engine drops
citations in them (:mod:`kb.citations.context`): both read the phrases and the
rule for where the footer starts from here, so that a page is cut the same way
whichever reads it.
"""
from __future__ import annotations

import re

# Lines that open the site's banner before its metadata table.
BANNER_MARKERS = ("Bản dịch này thuộc quyền sở hữu", "Đang tải văn bản", "THƯ VIỆN PHÁP LUẬT")

# Lines that name the site (a banner line, a copyright notice): citations on them are the site's.
SITE_NAME_LITERALS = ("THƯ VIỆN PHÁP LUẬT", "Thư viện", "Thư Viện", "huvienphapluat", "huVienPhapLuat",
                      "uatvietnam", "uatVietnam")
SITE_NAME_RE = re.compile(
    r"THƯ VIỆN PHÁP LUẬT|Thư viện Pháp luật|Thư Viện Pháp Luật|Thư viện pháp luật|[Tt]huvienphapluat"
    r"|ThuVienPhapLuat|[Ll]uatvietnam|LuatVietnam"
)

# Lines from which everything to the end of the page is the site's footer.
FOOTER_PHRASES = (
    "Văn bản này chưa cập nhật nội dung Tiếng Anh",
    "Văn bản này đã có nội dung Tiếng Anh",
    "Văn bản liên quan",
    "NỘI DUNG SỬA ĐỔI, HƯỚNG DẪN",
    "FILE ĐƯỢC ĐÍNH KÈM THEO VĂN BẢN",
    "Thưa Quý khách",
    "Cảm ơn đã dùng ThuVienPhapLuat",
)
# Phrases a document may also write inside a line ("… các văn bản liên quan"): a footer
# only when they stand alone on their line (a heading of the site's).
FOOTER_WHOLE_LINE = frozenset(["Văn bản liên quan", "NỘI DUNG SỬA ĐỔI, HƯỚNG DẪN"])
# (Found as plain phrases first: most texts hold none, and are done with in one scan each.)
_FOOTER_LITERALS = ("Văn bản này", "Văn bản liên quan", "NỘI DUNG SỬA ĐỔI", "FILE ĐƯỢC ĐÍNH KÈM",
                    "Thưa Quý khách", "Cảm ơn đã dùng")
_FOOTER_RE = re.compile("|".join(re.escape(p) for p in FOOTER_PHRASES))
_LINE_LEAD_RE = re.compile(r"[#*\s|]{0,8}\Z")  # Markdown that may open the footer's line


def footer_start(text: str) -> int:
    """Where the site's footer starts (the start of its first line), ``len(text)`` when none."""
    if not any(literal in text for literal in _FOOTER_LITERALS):
        return len(text)
    for match in _FOOTER_RE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if not _LINE_LEAD_RE.match(text, line_start, match.start()):
            continue
        if match.group() in FOOTER_WHOLE_LINE:
            line_end = text.find("\n", match.end())
            if text[match.end(): len(text) if line_end == -1 else line_end].strip(" *#|"):
                continue
        return line_start
    return len(text)
