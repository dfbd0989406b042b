"""The official header of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP).

Layout, top to bottom (two columns on paper; one after the other once the page
has become text):

    UBND TỈNH QUẢNG NGÃI            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    SỞ NGOẠI VỤ                       Độc lập - Tự do - Hạnh phúc
    Số: 123/KH-SNgV                   Quảng Ngãi, ngày 20 tháng 11 năm 2025
    V/v … (công văn only)
                         KẾ HOẠCH
               Tổ chức hội nghị … (trích yếu)
    … body …
                                      KT. GIÁM ĐỐC
                                      PHÓ GIÁM ĐỐC
                                      Nguyễn Văn A

The parser works on plain text or on Markdown converted from web pages, where
line breaks fall anywhere inside the cells; so it reads the header as one
stream of words and uses the fixed landmarks (the national motto, ``Số:``,
``ngày … tháng … năm …``, the type heading in capitals) rather than lines.
Site furniture (thuvienphapluat's banner and facts table) is never read as the
header: :func:`kb.metadata.tvpl_table.strip_site_chrome` cuts it away first.
Cells read across two columns (PDF text) and whole headers on one line are
handled too.  Every rule rests on the layout of the decree, not on one file.
"""
from __future__ import annotations

import re

from kb.metadata.names import TYPE_HEADINGS, TYPE_SYMBOLS, display_name, expand_abbreviations, type_name
from kb.metadata.numbers import canonical_number
from kb.metadata.tvpl_table import strip_site_chrome
from kb.model import Document
from kb.text import clean, fold

__all__ = ["parse_header"]

# How far into the text the header may reach (the title can be long).
_HEADER_WINDOW = 4000
# Vietnamese capitals and small letters as character-class bodies ("À-Ỹ" would
# also take the small letters that Unicode interleaves with the capitals).
_UPPER = "A-Z" + "".join(chr(c) for c in range(0xC0, 0x1EFA) if chr(c).isupper() and chr(c).isalpha())
_LOWER = "a-z" + "".join(chr(c) for c in range(0xC0, 0x1EFA) if chr(c).islower() and chr(c).isalpha())

_MOTTO = re.compile(r"cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam")
_PARTY_MOTTO = re.compile(r"dang\s+cong\s+san\s+viet\s+nam")
_MOTTO_TAIL = re.compile(r"doc\s+lap\s*[-–—]\s*tu\s+do\s*[-–—]\s*hanh\s+phuc")
# Number: "Số: 1622/QĐ-UBND", "Luật số: 80/2015/QH13", "Số 12/2025/TT-BTC".
# The label stands at a line's start or carries a colon; "Kế hoạch số 198/KH-SNgV"
# in a sentence is a citation, not the document's own number.
_NUMBER = re.compile(
    r"(?:(?:^|(?<=\n))[ \t]*(?:(?:luat|bo luat|phap lenh|lenh|nghi quyet)\s+)?so\s*[:.]?"
    r"|(?<![0-9a-z])(?:(?:luat|bo luat|phap lenh|lenh|nghi quyet)\s+)?so\s*:)\s*"
    r"(?P<num>[0-9a-z][0-9a-z.]*(?:\s*[/-]\s*[0-9a-z.&]+)+|[/][0-9a-z./&-]+)",
)
_NUMBER_LENIENT = re.compile(
    r"(?<![0-9a-z])(?<!dinh )(?<!quyet )(?<!hoach )(?<!tu )(?<!van )(?<!bao )so\s*[:.]?\s*(?P<num>[0-9][0-9a-z.]*(?:\s*[/-]\s*[0-9a-z.&]+)+)"
)
# Place and date: "Quảng Ngãi, ngày 20 tháng 11 năm 2025" (day or month may be blank in drafts).
_DATE = re.compile(
    r"ngay\s*(?P<d>\d{1,2})?\s*(?:[/.]|thang)\s*(?P<m>\d{1,2})?\s*(?:[/.]|nam)\s*(?P<y>(?:19|20)\d\d)"
)
_HEADING = re.compile(
    r"(?<![" + _UPPER + _LOWER + r"])(?P<h>" + "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in TYPE_HEADINGS)
    + r")(?=[^" + _UPPER + _LOWER + r"]|[" + _UPPER + r"][" + _LOWER + r"]|$)\s*:?"
)
_SUMMARY_V_V = re.compile(r"(?:^|\s)(V/v|V/V|v/v|Về việc|VỀ VIỆC)[\s:]", re.MULTILINE)
# Lines that start the body after the heading and title.
_BODY_START = re.compile(
    r"^\s*(?:Căn cứ|Thực hiện|Triển khai|Xét|Theo đề nghị|Kính gửi|Điều\s+\d|Chương\s+[IVX\d]|Phần\s+"
    r"|Mục\s+\d|[IVX]+\s*[.\-]|\d+\s*[.)]|Trong\b|Sau\b|Để\b|Nhằm\b|Ngày\s+\d|Tại\b|Qua\b|Năm\s+\d"
    r"|Vừa qua|Hiện nay|Thời gian qua|Thời gian vừa qua|Nhằm|Ngày|Hôm nay|Nghị quyết này|Luật này)"
)
# Capitalized lines that repeat the issuing authority before "Căn cứ …":
# "ỦY BAN NHÂN DÂN TỈNH X", "CHỦ TỊCH ỦY BAN NHÂN DÂN …", "BỘ TRƯỞNG BỘ TÀI CHÍNH".
_AUTHORITY_LINE = re.compile(
    r"^(?:TM\.\s*)?(?:ỦY BAN|UỶ BAN|UBND|HỘI ĐỒNG|CHỦ TỊCH|PHÓ CHỦ TỊCH|BỘ TRƯỞNG|THỦ TƯỚNG|CHÍNH PHỦ"
    r"|QUỐC HỘI|GIÁM ĐỐC|CỤC TRƯỞNG|TỔNG CỤC TRƯỞNG|CHÁNH|TRƯỞNG BAN|THỐNG ĐỐC|TỔNG KIỂM TOÁN"
    r"|BAN CHẤP HÀNH|BAN THƯỜNG VỤ|BỘ CHÍNH TRỊ|BAN BÍ THƯ|TỔNG GIÁM ĐỐC|VIỆN TRƯỞNG|CHÁNH ÁN"
    r"|BỘ\s|SỞ\s|CỤC\s|BAN\s|VĂN PHÒNG)"
)


def parse_header(text: str) -> Document:
    """Metadata from the official header and signature of ``text`` (the document body).

    Fields that the header does not state stay ``None``.  ``text`` is kept as
    the document's text, unchanged.  ``extra`` holds ``issuer_parent`` (the line
    above the issuing body, e.g. "Bộ Tài chính" above "Cục Thuế") and
    ``signature`` (the signature block as written) when found.
    """
    doc = Document(number=None, text=text)
    # Site furniture is never the header, even when a caller passes a saved page as is.
    text = strip_site_chrome(text)
    head = _plain(text[:_HEADER_WINDOW])
    folded = fold(head)  # same length as ``head``: offsets are shared

    motto = _MOTTO.search(folded) or _PARTY_MOTTO.search(folded)
    if motto and motto.start() > 600:
        motto = None  # a motto this far down is quoted in the body, not the header
    cursor = 0
    if motto:
        tail = _MOTTO_TAIL.search(folded, motto.end(), motto.end() + 80)
        if tail is None and (not _is_upper(head[motto.start(): motto.end()])
                             or folded[max(0, motto.start() - 6): motto.start()].strip().endswith("nuoc")):
            # "… nước Cộng hòa xã hội chủ nghĩa Việt Nam" in a sentence or a title
            # ("HIẾN PHÁP NƯỚC CỘNG HÒA …"): not the national motto.
            motto = None
        else:
            cursor = tail.end() if tail else motto.end()

    # The number stands before the body ("Căn cứ …", "1. …"): a "Số:" after that is not the header's
    # (a short consolidated text's authentication block, a form in an annex).
    number = _find_number(head, folded, 0, min(len(folded), max(cursor, 0) + 600, _first_body_line(head, cursor)))
    if number is None and motto is not None:
        # Right after the motto, "Số 432-TB/VPTW" needs neither a colon nor a line of its own.
        limit = min(len(folded), cursor + 250, _first_body_line(head, cursor))
        heading_at = _HEADING.search(head, cursor, limit)
        number = _NUMBER_LENIENT.search(folded, cursor, heading_at.start() if heading_at else limit)
    if number and motto is None and number.start() > 800:
        number = None
    if motto is None and number is None and _authenticated_consolidation(text, doc):
        motto = None  # a consolidated text whose top lost the motto: its type and title follow
    elif motto is None and number is None:
        # No official header (a page that lost it, a news post): an annex may still
        # name its document — "(Kèm theo Công văn số 6225/BVHTTDL-VP ngày 18/11/2025 của …)".
        _from_annex(text, doc)
        # The type heading and title may still open the text (the header block was an image).
        heading = _HEADING.search(head, 0, min(len(head), 300))
        if heading and not head[: heading.start()].strip() \
                and doc.type in (None, type_name(_words(heading.group("h")))):  # an annex may agree
            doc.type = type_name(_words(heading.group("h")))
            doc.title = doc.title or _title_after(head, heading.end(), doc)
        if doc.issuer is None and (heading or doc.number):
            # "Bộ trưởng Bộ Tài chính ban hành Thông tư …" names the issuer in the body.
            doc.issuer = _issuer_from_body(head, _first_body_line(head, heading.end() if heading else 0), doc.number, doc)
        doc.signer, doc.signer_title, block = _signature(text)
        if block:
            doc.extra["signature"] = block
        return doc
    # The issuer is what precedes the first landmark (motto, its second line, or the number).
    landmarks = [m.start() for m in (motto, _MOTTO_TAIL.search(folded, 0, 900), number) if m]
    issuer_end = min(landmarks) if landmarks else 0
    issuer_block = head[:issuer_end]
    if motto is not None and issuer_end == motto.start():
        # Two columns read across (PDF text, some HTML): "UBND / CỘNG HÒA …" then
        # "TỈNH X / Độc lập …" — the issuer's second line sits between the motto's lines,
        # or after them before "Số".
        tail = _MOTTO_TAIL.search(folded, motto.end(), motto.end() + 200)
        pieces = []
        if tail:
            pieces.append(head[motto.end(): tail.start()])
            if number and number.start() > tail.end():
                pieces.append(head[tail.end(): number.start()])
        for piece in pieces:
            piece = _words(piece.replace("-", " ").replace("_", " "))
            if piece and _is_upper(piece) and len(piece) < 120:
                issuer_block += "\n" + piece
    parent, issuer = _split_issuer(issuer_block)
    doc.issuer = issuer
    if parent:
        doc.extra["issuer_parent"] = parent

    if number:
        raw = head[number.start("num"): number.end("num")]
        doc.number = canonical_number(raw)
        cursor = max(cursor, number.end())
        if doc.number:
            doc.year = _year_of_number(doc.number)

    # The header ends where the body begins ("Căn cứ …", "Kính gửi", "Điều 1"):
    # dates after that belong to cited documents.
    body_start = _first_body_line(head, cursor)
    # The date line follows the number (after a letter's subject, at most) or the motto.
    reach = 1500 if number else 400
    date = _DATE.search(folded, cursor if number else 0, min(body_start, cursor + reach))
    if date and number:
        # A header without a date line: the first date after the number may sit in the title
        # under the type heading ("NGHỊ ĐỊNH / SỬA ĐỔI … NGHỊ ĐỊNH SỐ 72/2020/NĐ-CP NGÀY 30 THÁNG 6
        # NĂM 2020 …"); the date line always comes before the heading, so that date is the title's.
        heading_first = _HEADING.search(head, cursor, date.start())
        if heading_first and _on_own_line(head, heading_first):
            date = None
    if date:
        # The date line comes before the type heading: a date after it belongs to the title
        # or a preamble (a consolidated text names its original "… ngày 14 tháng 10 năm 2016";
        # "NGHỊ QUYẾT / Tiếp tục … theo Nghị quyết số 03/2021/UBTVQH15 ngày 24 tháng 9 năm 2021").
        first_heading = _HEADING.search(head, cursor, date.start())
        if first_heading and not _SUMMARY_V_V.search(head, cursor, first_heading.start()):
            date = None
    if date:
        if date.group("d") and date.group("m"):
            day, month, year = int(date.group("d")), int(date.group("m")), int(date.group("y"))
            if 1 <= day <= 31 and 1 <= month <= 12:
                doc.date = f"{year:04d}-{month:02d}-{day:02d}"
        doc.year = doc.year or int(date.group("y"))
        doc.place = _place_before(head, date.start(), cursor)

    # The type heading comes after the date line (or the number when there is no date).
    after = date.end() if date else cursor
    heading = _HEADING.search(head, after, min(len(head), after + 400))
    summary_vv = _SUMMARY_V_V.search(head, number.end() if number else 0, after + 400) if number else None
    if heading and summary_vv and summary_vv.start() < heading.start() and number:
        heading = None  # "V/v Kế hoạch …": a letter's subject, not a heading
    if heading:
        doc.type = type_name(_words(heading.group("h")))
        # "NGHỊ ĐỊNH1": a footnote mark glued to the heading is not the title's start.
        mark = re.match(r"\d{1,2}(?=\s)", head[heading.end():]) if head[heading.end() - 1:heading.end()].isalpha() else None
        doc.title = _title_after(head, heading.end() + (mark.end() if mark else 0), doc)
        if doc.title:
            # "Quy định về đăng ký thuế1": a footnote mark glued to the title's last word.
            doc.title = re.sub(r"(?<=[a-zà-ỹđ])\d{1,2}$", "", doc.title)
        if doc.title and re.match(r"(?i)của\s", doc.title):
            # "KẾT LUẬN / CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ / VỀ …": the heading is the title's head noun.
            doc.title = f"{_words(heading.group('h'))} {doc.title}"
    elif summary_vv:
        doc.type = "Công văn"
        doc.title = _vv_summary(head, summary_vv.start(1), date.start() if date else None)
        if doc.title and doc.place and doc.title.endswith(" " + doc.place):
            doc.title = doc.title[: -len(doc.place) - 1].rstrip(" ,")  # flat text: the place follows
    elif number:
        doc.type = _type_from_number(doc.number)
        if doc.type is None and re.search(r"Kính\s+gửi", head[cursor: cursor + 1200]):
            doc.type = "Công văn"
    if doc.number and re.search(r"(?i)(^|[/-])VBHN([/-]|$)", doc.number):
        doc.type = "Văn bản hợp nhất"  # its heading repeats the consolidated act's type

    if doc.type == "Văn bản hợp nhất" or "HỢP NHẤT" in text:
        # A consolidated text states its number, issuer and date in the authentication
        # block at its end ("BỘ TÀI CHÍNH / XÁC THỰC VĂN BẢN HỢP NHẤT / Số: 03/VBHN-BTC / …").
        _authenticated_consolidation(text, doc)
    if doc.date is None:
        _date_from_adoption(text, doc)
    if doc.issuer is None:
        doc.issuer = _issuer_from_body(head, body_start, doc.number, doc)

    signer, title, block = _signature(text)
    doc.signer, doc.signer_title = signer, title
    if block:
        doc.extra["signature"] = block
    return doc


def _on_own_line(head: str, m: re.Match) -> bool:
    """True when the heading match is the whole of its line ("NGHỊ ĐỊNH", not "… Nghị định số …")."""
    line_start = head.rfind("\n", 0, m.start()) + 1
    line_end = head.find("\n", m.end("h"))
    line = head[line_start: line_end if line_end >= 0 else len(head)]
    return line.strip(" |*#_:").strip() == head[m.start("h"): m.end("h")].strip()


# --- consolidated texts ----------------------------------------------------------------
_AUTHENTICATION = re.compile(r"XÁC\s+THỰC\s+VĂN\s+BẢN\s+HỢP\s+NHẤT")
_VBHN_NUMBER = re.compile(r"(?i)số\s*:?\s*([0-9][0-9a-z./]*/VBHN-[^\s|,;]+)")


def _authenticated_consolidation(text: str, doc: Document) -> bool:
    """Number, issuer, place and date from a consolidated text's authentication block.

    The block ends the text before the annexes: the issuing body in capitals,
    "XÁC THỰC VĂN BẢN HỢP NHẤT" and "Số: …/VBHN-…" (either first: two columns read
    across), the place and date, the signature.  Returns whether the block was found.
    """
    number = None
    for m in _AUTHENTICATION.finditer(text):
        number = _VBHN_NUMBER.search(text, max(0, m.start() - 200), m.end() + 300)
        if number:
            break
    if number is None:
        return False
    doc.number = canonical_number(number.group(1))
    doc.type = "Văn bản hợp nhất"
    top = min(m.start(), text.rfind("\n", 0, number.start()) + 1)
    before = [line.strip(" |") for line in text[max(0, top - 300): top].split("\n")]
    issuer_lines: list[str] = []
    for line in reversed(before):
        if not line.strip():
            if issuer_lines:
                break
            continue
        if not _is_upper(line) or len(line) > 90 or _AUTHENTICATION.search(line):
            break
        issuer_lines.insert(0, line)
    if issuer_lines:
        parent, issuer = _split_issuer("\n".join(issuer_lines[-2:]))
        if issuer:
            doc.issuer = issuer
            if parent:
                doc.extra["issuer_parent"] = parent
    bottom = max(m.end(), number.end())
    after = _plain(text[bottom: bottom + 300])
    date = _DATE.search(fold(after))
    if date and date.group("d") and date.group("m"):
        day, month, year = int(date.group("d")), int(date.group("m")), int(date.group("y"))
        if 1 <= day <= 31 and 1 <= month <= 12:
            doc.date = f"{year:04d}-{month:02d}-{day:02d}"
            doc.year = year
            doc.place = _place_before(after, date.start(), 0)
    doc.extra["metadata_from"] = "authentication"
    return True


# --- cleaning ------------------------------------------------------------------
_MARKUP = re.compile(r"\*\*|__|(?<![\w*(])\*(?=\S)|(?<=\S)\*(?![\w*)])|^\s*#+\s*|^[\s|]+$|^\s*-{3,}\s*$|-{4,}",
                     re.MULTILINE)


def _plain(text: str) -> str:
    """NFC, no Markdown markers, table pipes blanked (lines kept)."""
    text = clean(text).text
    text = _MARKUP.sub(lambda m: " " * len(m.group(0)) if "\n" not in m.group(0) else m.group(0).replace("|", " "), text)
    return text.replace("|", " ")


def _words(text: str) -> str:
    return " ".join(text.split())


def _find_number(head: str, folded: str, start: int, end: int):
    """The header's "Số: …": a capital "Số" at a line's start, or any "số" with a colon.

    A lowercase "số" that starts a line is a sentence wrapped there
    ("Căn cứ Luật … \nsố 56/2024/QH15;"), not the label.
    """
    for m in _NUMBER.finditer(folded, start, end):
        label = head[m.start(): m.start("num")]
        if ":" in label:
            return m
        if label.lstrip(" \t\n")[:1].isupper():
            # Without a colon, "Luật số 56/2024/QH15;" or "… số 09/2026/QH16 ngày 24 …" at a
            # line's start is a sentence wrapped there (a list of amending laws), not the label.
            if re.match(r"\s*(?:[;,]|ngay\b)", folded[m.end("num"): m.end("num") + 12]):
                continue
            return m
    return None


def _first_body_line(head: str, start: int) -> int:
    pos = start
    for line in head[start:].split("\n"):
        if _BODY_START.match(line) and not re.match(r"^\s*Ngày\b", line):
            return pos
        pos += len(line) + 1
    return len(head)


# --- issuer ---------------------------------------------------------------------
# Central bodies named by the last group of a number's symbol ("…/NĐ-CP").
_SYMBOL_ISSUERS = {
    "CP": "Chính phủ", "TTg": "Thủ tướng Chính phủ", "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội", "CTN": "Chủ tịch nước", "VPCP": "Văn phòng Chính phủ",
}
_PROMULGATION = re.compile(
    r"(?:^|\n)\s*(?:(?:Bộ trưởng|Thống đốc|Tổng Kiểm toán|Chánh án|Viện trưởng|Tổng Thanh tra|Chủ tịch)\s+)?"
    r"(?P<who>[" + _UPPER + r"][^\n;:.]{1,80}?)\s+ban hành\s+(?i:" + "|".join(TYPE_HEADINGS).lower() + r")"
)


def _issuer_from_body(head: str, body_start: int, number: str | None, doc: Document | None = None) -> str | None:
    """When the header names no issuer: the promulgation sentence, else the number's symbol.

    A consolidated text repeats its original's promulgation sentence ("Quốc hội ban hành
    Luật …"): that names the original's issuer, not the consolidating body's, so it is not
    read for one; ``doc.extra["issuer_from"] = "body"`` marks an issuer read there.
    """
    consolidated = doc is not None and doc.type == "Văn bản hợp nhất"
    m = None if consolidated else _PROMULGATION.search(head, body_start)
    if m:
        who = _words(m.group("who"))
        who = re.sub(r"^(?:Bộ trưởng|Thống đốc|Chủ tịch)\s+", "", who)
        if len(who.split()) <= 10:
            if doc is not None:
                doc.extra["issuer_from"] = "body"
            return display_name(who)
    if number and "/" in number:
        last = number.split("/")[-1].split("-")[-1]
        base = re.sub(r"\d+$", "", last)
        return _SYMBOL_ISSUERS.get(base)
    return None



# Heads of bodies that sit under a parent in a two-line issuer ("BỘ TÀI CHÍNH / CỤC THUẾ",
# "UBND TỈNH QUẢNG NGÃI / SỞ NGOẠI VỤ"), in folded form.
_CHILD_HEADS = re.compile(
    r"\b(?:so|cuc|tong cuc|chi cuc|vu|ban(?! chap hanh| thuong vu)|van phong|thanh tra|trung tam|kho bac"
    r"|thue|uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd|bo chi huy|cong an|doan dai bieu"
    r"|bao hiem xa hoi|truong|benh vien|hoi dong|phong)\b"
)
# Names in which a child head is part of the parent's own name.
_WHOLE_NAMES = re.compile(
    r"^(?:van phong chinh phu|van phong quoc hoi|van phong chu tich nuoc|van phong trung uong dang"
    r"|uy ban thuong vu quoc hoi|ban chap hanh trung uong(?: dang)?|thu tuong chinh phu|chinh phu|quoc hoi"
    r"|ban bi thu|bo chinh tri)$"
)
_LOCALITY = re.compile(r"\b(tinh|thanh pho|huyen|quan|thi xa|xa|phuong|dac khu)\s+\S.*$")


def _split_issuer(block: str) -> tuple[str | None, str | None]:
    """(parent, issuing body) from the text before the motto."""
    lines = [_words(line) for line in block.splitlines()]
    name = _words(" ".join(line for line in lines if line and not re.fullmatch(r"[-–—_=.\s]*", line)))
    name = expand_abbreviations(name.replace("*", " ").replace("_", " "))
    name = _words(name).strip(" -–—:;,.")
    # The issuer is typed in capitals; anything before them is not the header's.
    words = name.split()
    k = len(words)
    while k > 0 and (_is_upper(words[k - 1]) or not any(c.isalpha() for c in words[k - 1])):
        k -= 1
    while k < len(words) and not any(c.isalpha() for c in words[k]):
        k += 1  # "… năm 2020 ỦY BAN …": the year belongs to what precedes
    if 0 < k < len(words) and _is_upper(" ".join(words[k:])):
        name = " ".join(words[k:]).strip(" -–—:;,.")
    if not name or len(name) > 200:
        return None, None
    key = fold(name)
    if _WHOLE_NAMES.match(key):
        return None, display_name(name)
    # The first child head after the first word splits parent from child, unless
    # it is part of the parent's own name ("ỦY BAN NHÂN DÂN" contains "BAN").
    parent_end = None
    for m in _CHILD_HEADS.finditer(key):
        before = key[: m.start()].rstrip()
        if len(before.split()) < 2 or _CHILD_HEADS.fullmatch(before) or before in ("bo", "tong cuc"):
            continue  # the parent needs a head and a name: "CỤC THUẾ", "TỔNG CỤC THUẾ" are one body
        if before.endswith(("uy", "thuong vu", " va", ",")):
            continue  # "ỦY BAN", "BỘ … VÀ MÔI TRƯỜNG": inside one name
        if _WHOLE_NAMES.match(key[: m.end()].strip()):
            continue
        if m.group(0) in ("uy ban nhan dan", "hoi dong nhan dan", "ubnd", "hdnd") and not _LOCALITY.search(before):
            continue
        if m.end() >= len(key.rstrip()) and m.group(0) != "van phong":
            continue  # a head with no name after it ends the parent's name ("BỘ NỘI VỤ")
        parent_end = m.start()
        break
    if parent_end is None:
        return None, display_name(name)
    parent = display_name(name[:parent_end].strip(" ,-"))
    child = display_name(name[parent_end:].strip(" ,-"))
    if fold(child) == "van phong":
        # "BAN CHẤP HÀNH TRUNG ƯƠNG / VĂN PHÒNG": the office of that body.
        return parent, f"Văn phòng {parent}"
    # "UBND TỈNH QUẢNG NGÃI / SỞ NGOẠI VỤ": the department is the province's.
    locality = _LOCALITY.search(fold(parent))
    if locality and not _LOCALITY.search(fold(child)) and re.match(r"(?i)(sở|ban|văn phòng|thanh tra|trung tâm|phòng)\b", child):
        child = f"{child} {parent[locality.start():]}"
    return parent, child


# --- number and type --------------------------------------------------------------
def _year_of_number(number: str) -> int | None:
    m = re.search(r"/((?:19|20)\d\d)/", number)
    return int(m.group(1)) if m else None


def _type_from_number(number: str | None) -> str | None:
    if not number or "/" not in number:
        return None
    symbol = number.split("/")[-1]
    first = re.split(r"-", symbol)[0]
    if number.split("/")[0].endswith(tuple("0123456789")) and "-" in number.split("/")[0]:
        first = number.split("/")[0].split("-")[-1]  # party style "04-NQ/TU"
    return TYPE_SYMBOLS.get(first)


# --- place and date ---------------------------------------------------------------
def _place_before(head: str, date_start: int, floor: int) -> str | None:
    """The place written before ", ngày …" (a province or city name, 1–5 words).

    Usually the words on the date's own line; cells also wrap inside the name
    ("Thành phố Hồ\nChí Minh, ngày", "Tây\nNinh, ngày"), so a previous line made
    only of capitalized words joins it.  In flat text ("Số: 12/QĐ-UBND Kon Tum, ngày")
    the capitalized words just before the comma are taken.
    """
    # "Huế,\nngày 2 …": the place may end on the line before "ngày".
    while date_start > floor and head[date_start - 1] in " \t\n,":
        date_start -= 1
    line_start = head.rfind("\n", 0, date_start) + 1
    segment = head[max(floor, line_start):date_start]
    words = _capitalized_tail(segment.replace(",", " ").split())
    if not words:
        return None
    whole_line = len(words) == len(segment.replace(",", " ").split())
    if whole_line and line_start > floor and len(words) < 5:
        prev_start = head.rfind("\n", 0, line_start - 1) + 1
        prev = head[max(prev_start, floor):line_start - 1].split()
        if prev and _capitalized_tail(prev) == prev and len(prev) + len(words) <= 5:
            words = prev + words
    return " ".join(words)


def _capitalized_tail(words: list[str]) -> list[str]:
    """The trailing run of capitalized words ("phố", "xã" allowed inside); no acronyms or numbers."""
    tail: list[str] = []
    for word in reversed(words):
        bare = word.strip("*_()[]")
        if not bare or any(ch.isdigit() for ch in bare) or "/" in bare:
            break
        is_acronym = len(bare) > 1 and bare.isupper() and not bare.endswith(".")
        if bare[0].isupper() and not is_acronym:
            tail.append(bare)
        elif bare in ("phố", "xã", "trấn") and tail:
            tail.append(bare)
        else:
            break
        if len(tail) >= 5:
            break
    return list(reversed(tail))


_ADOPTION = re.compile(
    r"thông qua\s+ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d\d)", re.IGNORECASE
)


_SESSION_ADOPTION = re.compile(
    r"kỳ\s+họp\s+(?:thứ\s+\S+|bất\s+thường[^\n,]{0,20})[\s,]+thông\s+qua\s+ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d\d)",
    re.IGNORECASE,
)


def _date_from_adoption(text: str, doc: Document) -> None:
    """Laws and resolutions of the National Assembly state their date at the end."""
    tail = clean(text[-6000:]).text
    m = None
    for m in _ADOPTION.finditer(tail):
        pass
    if m is None:
        # Long annexes push the closing formula far from the end: "… khóa XIII, kỳ họp thứ 8
        # thông qua ngày 26 tháng 11 năm 2014./." — only the session's formula, anywhere.
        for m in _SESSION_ADOPTION.finditer(text):
            pass
    if m:
        day, month, year = (int(g) for g in m.groups())
        doc.date = f"{year:04d}-{month:02d}-{day:02d}"
        doc.year = doc.year or year


_ANNEX = re.compile(
    r"\(\s*(?:Ban\s+hành\s+)?[Kk]èm\s+theo\s+(?P<type>" + "|".join(type_name(h) for h in TYPE_HEADINGS) + r")"
    r"\s+số:?\s*(?P<num>[0-9][^\s,;()]*/[^\s,;()]+)\s*,?\s*ngày\s+(?P<date>\d{1,2}\s*(?:/|tháng)\s*\d{1,2}\s*(?:/|năm)\s*\d{4})"
    r"(?:\s+của\s+(?P<issuer>[^()]{3,120}?))?\s*\)",
    re.IGNORECASE,
)


def _from_annex(text: str, doc: Document) -> None:
    """Number, type, date and issuer from an annex's "(Kèm theo … số … ngày … của …)" line."""
    m = _ANNEX.search(clean(text).text.replace("*", " "))
    if not m:
        return
    doc.number = canonical_number(_words(m.group("num")))
    doc.type = type_name(_words(m.group("type")).upper())
    d = re.findall(r"\d+", m.group("date"))
    day, month, year = int(d[0]), int(d[1]), int(d[2])
    if 1 <= day <= 31 and 1 <= month <= 12:
        doc.date = f"{year:04d}-{month:02d}-{day:02d}"
    doc.year = year
    if m.group("issuer"):
        issuer = _words(m.group("issuer"))
        # "của Bộ trưởng Bộ Tài chính" → the ministry; the office holder issues in its name.
        issuer = re.sub(r"^(?:Bộ trưởng|Thống đốc|Chủ tịch|Tổng Kiểm toán|Chánh án|Viện trưởng)\s+(?=\S)", "",
                        issuer, flags=re.IGNORECASE)
        doc.issuer = display_name(issuer)
    doc.extra["metadata_from"] = "annex"


# --- title (trích yếu) ------------------------------------------------------------
def _is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


_STRONG_BODY_START = re.compile(r"^\s*(?:Căn cứ|Kính gửi|Xét|Theo đề nghị|Điều\s+\d|Chương\s+[IVX\d]|Phần\s+[IVX\d]|[IVX]+\s*[.\-]|\d+\s*[.)])")
# A line opening with a document's reference: "Thông tư số 28/2015/TT-BLĐTBXH", "Luật Bảo hiểm y tế số 25/2008/QH12".
_PREAMBLE_ENTRY = re.compile(
    r"^(?:Luật|Bộ luật|Nghị định|Nghị quyết|Thông tư(?: liên tịch)?|Quyết định|Pháp lệnh|Lệnh|Chỉ thị)\b"
    r"[^\n]{0,80}?\d+/(?:\d{4}/)?[A-ZĐ]"
)
# Words after which a name continues the phrase ("… của Bộ …", "… và Bộ …"), folded.
_LINKING = {"cua", "va", "thuoc", "tai", "voi", "giua", "cho", "den", "tu", "boi", "ve", "theo", "tren"}


def _title_after(head: str, pos: int, doc: Document) -> str | None:
    lines = head[pos:].split("\n")
    title: list[str] = []
    upper_title = None
    blank_seen = False
    window = [raw.strip() for raw in lines[:20]]
    for k, line in enumerate(window):
        if not line:
            if title:
                blank_seen = True
            continue
        if re.fullmatch(r"[-_=–—.*\s]+", line):
            if title:
                break  # the rule under the title
            continue
        if _BODY_START.match(line) and not (title and title[-1].endswith(("VỀ", "VỀ VIỆC", "Về"))):
            # Right under the heading, "Thực hiện thí điểm …" is a title; the body opens with
            # "Căn cứ", "Kính gửi", an article, or a sentence that ends like a clause.
            if title or _STRONG_BODY_START.match(line) or line.endswith((";", ":")):
                break
        if title and not upper_title and _PREAMBLE_ENTRY.match(line) \
                and "co hieu luc" in fold(" ".join(window[k:k + 6])):
            # A consolidated text's preamble follows its title without a blank line:
            # "Thông tư số 28/2015/TT-BLĐTBXH ngày … , có hiệu lực … được sửa đổi, bổ sung bởi:".
            break
        if upper_title is None:
            upper_title = _is_upper(line)
        elif upper_title and not _is_upper(line):
            break
        if title and _AUTHORITY_LINE.match(line) and _is_upper(line):
            # The authority line ("ỦY BAN NHÂN DÂN TỈNH X", "CHÍNH PHỦ") is the last
            # capitalized line before the body; a title line may also start with such
            # words ("… CỦA ĐẠI BIỂU / QUỐC HỘI TẠI TỔ …"), and capitals follow it.
            following = next((x for x in window[k + 1:] if x), "")
            if not following or not _is_upper(following) or _BODY_START.match(following):
                break
        if blank_seen and title and not upper_title:
            break
        if blank_seen and title and upper_title:
            # A second capitalized paragraph after a blank line is the authority line.
            break
        title.append(line)
        if sum(len(t) for t in title) > 1200:
            break
    if not title:
        return None
    text = _words(" ".join(title))
    # Flat text puts the authority on the title's line: "… NĂM 2026 ỦY BAN NHÂN DÂN TỈNH X".
    if doc.issuer:
        for variant in {doc.issuer.upper(), (doc.extra.get("issuer_parent") or "").upper()} - {""}:
            idx = text.rfind(" " + variant)
            # "… THUỘC PHẠM VI QUẢN LÝ CỦA BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG": after a linking
            # word the body's name is the title's own end, not the authority line.
            linked = fold(text[:idx].split()[-1]) in _LINKING if idx > 0 and text[:idx].split() else False
            if idx > 0 and idx + len(variant) + 1 >= len(text) - 2 and not linked:
                text = text[:idx]
    text = text.strip(" :;,-")
    return text or None


def _vv_summary(head: str, start: int, stop: int | None) -> str | None:
    end = len(head)
    for pattern in (r"\n\s*\n", r"Kính\s+gửi", r"\n[^\n]{0,40},\s*ngày"):
        m = re.compile(pattern).search(head, start)
        if m:
            end = min(end, m.start())
    if stop is not None and stop > start:
        end = min(end, head.rfind("\n", start, stop) if head.rfind("\n", start, stop) > start else stop)
    text = _words(head[start:end])[:400]
    return text.strip(" ;,") or None


# --- signature ------------------------------------------------------------------------
_SIGN_TITLE = re.compile(
    r"^(?:(?:TM|KT|TL|TUQ|Q|TQ)\s*\.\s*|T/M\s+|K/T\s+)?(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|BỘ\s+CHÍNH\s+TRỊ|BAN\s+BÍ\s+THƯ|BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|GIÁM\s+ĐỐC|CỤC\s+TRƯỞNG"
    r"|TỔNG\s+CỤC\s+TRƯỞNG|CHÁNH\s+VĂN\s+PHÒNG|CHÁNH\s+THANH\s+TRA|TRƯỞNG\s+BAN|CHỦ\s+NHIỆM|TỔNG\s+BÍ\s+THƯ"
    r"|BÍ\s+THƯ|THỐNG\s+ĐỐC|TỔNG\s+GIÁM\s+ĐỐC|VIỆN\s+TRƯỞNG|CHÁNH\s+ÁN|TỔNG\s+KIỂM\s+TOÁN|TRƯỞNG\s+PHÒNG"
    r"|CHỦ\s+TỊCH\s+NƯỚC|PHÓ\s+THỦ\s+TƯỚNG|THỨ\s+TRƯỞNG|TRƯỞNG\s+ĐOÀN|THƯỜNG\s+TRỰC|TỔNG\s+THƯ\s+KÝ|HIỆU\s+TRƯỞNG"
    r"|THỦ\s+TRƯỞNG|TRƯỞNG|CHÁNH|ỦY\s+VIÊN|TỔNG\s+THANH\s+TRA)\b",
)
_SIGN_TITLE_ANY = re.compile(
    r"(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|BỘ\s+TRƯỞNG|THỨ\s+TRƯỞNG|THỦ\s+TƯỚNG|GIÁM\s+ĐỐC|CỤC\s+TRƯỞNG|TRƯỞNG\s+BAN"
    r"|CHÁNH\s+VĂN\s+PHÒNG|CHỦ\s+NHIỆM|BÍ\s+THƯ|THỐNG\s+ĐỐC|VIỆN\s+TRƯỞNG|CHÁNH\s+ÁN|TỔNG\s+KIỂM\s+TOÁN"
    r"|TRƯỞNG\s+PHÒNG|CHÁNH\s+THANH\s+TRA|TỔNG\s+GIÁM\s+ĐỐC|HIỆU\s+TRƯỞNG)"
)
_NAME_WORD = r"[" + _UPPER + r"][" + _LOWER + r"]+"
_NAME = re.compile(r"^(?:(?:Đã\s+ký|\(Đã\s+ký\)|\(đã\s+ký\))\s*)?(" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){1,4})\s*$")
_NAME_PART = re.compile(r"^" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){0,3}$")
_RANK = re.compile(r"^(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy)\s+")
_UPPER_NAME = re.compile(r"^([" + _UPPER + r"]{1,7}(?:\s+[" + _UPPER + r"]{1,7}){1,4})$")


def _signature(text: str) -> tuple[str | None, str | None, str | None]:
    """(signer, signer's title, the whole signature block) of the document."""
    # Only the part around the closing formula is read: cleaning a whole long text
    # costs more than the rest of the parse.
    anchor = -1
    for marker in ("./.", "Nơi nhận", "NƠI NHẬN", "Nơi\nnhận"):
        found = text.find(marker)
        if found >= 0 and (anchor < 0 or found < anchor):
            anchor = found
    found = _signature_near(text, anchor)
    last = text.rfind("./.")
    if found is None and last > anchor + 5000:
        # The first "./." closed a quoted provision (an amending act) or an annex's form:
        # the document's own closing formula is the last one.
        found = _signature_near(text, last)
    return found or (None, None, None)


def _signature_near(text: str, anchor: int):
    window = text[max(0, anchor - 3000): anchor + 5000] if anchor >= 0 else text[-8000:]
    body = _plain(window)
    lines = [_words(line) for line in body.split("\n")]
    # The main signature follows the closing "./." or the "Nơi nhận" block; annexes may sign again.
    start = 0
    for i, line in enumerate(lines):
        if line.endswith("./.") or re.match(r"(?i)^nơi nhận", line):
            start = max(0, i - 15)
            break
    found = _find_signature(lines, start)
    if found is None and start:
        found = _find_signature(lines, 0)
    if found is None:
        # Two columns read across (PDF text): "Nơi nhận: KT. CHỦ TỊCH" / "- Như trên; PHÓ CHỦ TỊCH".
        found = _find_signature([_right_column(line) for line in lines], start)
    if found is None:
        found = _flat_signature(" ".join(lines[start:]))
    return found


def _right_column(line: str) -> str:
    """The capitalized title at the end of a line whose left part is something else."""
    m = _SIGN_TITLE_TAIL.search(line)
    if m and m.start() > 0:
        return line[m.start():]
    return line


_SIGN_TITLE_TAIL = re.compile(
    r"(?:(?:TM|KT|TL|TUQ|Q)\s*\.\s*)?(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|BỘ\s+TRƯỞNG|THỨ\s+TRƯỞNG|THỦ\s+TƯỚNG|GIÁM\s+ĐỐC"
    r"|CỤC\s+TRƯỞNG|TRƯỞNG\s+BAN|CHÁNH\s+VĂN\s+PHÒNG|CHỦ\s+NHIỆM|THỐNG\s+ĐỐC|TỔNG\s+GIÁM\s+ĐỐC|ỦY\s+BAN\s+NHÂN\s+DÂN"
    r"|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN|CHÍNH\s+PHỦ)[" + _UPPER + r"\s,.]*$"
)


_FLAT_SIGNATURE = re.compile(
    r"(?P<block>(?:(?:TM|KT|TL|TUQ|Q)\s*\.\s*[" + _UPPER + r" ,]{2,60}?\s+)*"
    r"(?:(?:KT|Q|TQ)\s*\.\s*)?[" + _UPPER + r"][" + _UPPER + r" ,]{2,60}?)\s+"
    r"(?P<name>" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){1,4})"
    r"(?=\s+[" + _UPPER + r"]{2}|\s*$|\s*[(|]|\s+(?:Phụ lục|Biểu|Mẫu|Danh mục|Phụ biểu)\b)"
)


def _flat_signature(flat: str):
    """The signature in text whose lines were joined: "… KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn A …"."""
    for m in _FLAT_SIGNATURE.finditer(flat):
        block = _words(m.group("block"))
        # The block must end with a title ("PHÓ CHỦ TỊCH"), not any capitals.
        parts = re.split(r"\s+(?=(?:TM|KT|TL|TUQ|Q)\s*\.)", block)
        last = parts[-1]
        titles = [t for t in _SIGN_TITLE_ANY.finditer(last)]
        if not titles:
            continue
        title = last[titles[-1].start():] if len(parts) == 1 and not re.match(r"(?:KT|Q|TQ)\s*\.", last) else last
        title = re.sub(r"^(?:KT|Q|TQ)\s*\.\s*", "", title)
        if re.match(r"^(?:KT|Q|TQ)\s*\.", last):
            # "KT. CHỦ TỊCH PHÓ CHỦ TỊCH": the signer's own title is the second one.
            inner = list(_SIGN_TITLE_ANY.finditer(title))
            title = title[inner[-1].start():] if len(inner) > 1 else title
        return m.group("name"), title.strip(" ,"), block + "\n" + m.group("name")
    return None


def _find_signature(lines: list[str], start: int):
    n = len(lines)
    for i in range(start, n):
        line = lines[i]
        if not line or not _SIGN_TITLE.match(line) or not _is_upper(line) or len(line) > 90:
            continue
        # A block: capitalized title lines, then a name within a few lines.
        block = [line]
        j = i + 1
        while j < n and len(block) < 6:
            nxt = lines[j]
            # "(Đã ký)", "Ký bởi: …", and "[daky]", the placeholder some signed PDFs leave
            # where the signature image was.
            if not nxt or re.fullmatch(r"\(?(?:đã ký|Đã ký|ký|Ký bởi.*|\(Ký.*\)|\(ký.*\))\)?|\[\s*(?:daky|đã ký)\s*\]", nxt):
                j += 1
                continue
            nxt = _RANK.sub("", nxt)
            # Names broken over lines by the page's layout: "Phùng" / "Thị Hồng Hà".
            k = j + 1
            while k < n and len(nxt.split()) < 5 and _NAME_PART.match(nxt) and _NAME_PART.match(lines[k] or "-") \
                    and len(nxt.split()) + len(lines[k].split()) <= 5:
                nxt = f"{nxt} {lines[k]}"
                k += 1
            m = _NAME.match(nxt)
            if m and not _SIGN_TITLE.match(nxt.upper()):
                title = _signer_title(block)
                block = _lines_above(lines, i) + block
                return m.group(1), title, "\n".join(block + [m.group(1)])
            if _is_upper(nxt) and len(nxt) <= 90:
                # A name typed in capitals: only right under a bare title ("PHÓ CHỦ TỊCH"),
                # else "KT. TRƯỞNG BAN CHÍNH SÁCH, / THUẾ QUỐC TẾ" would read as a name.
                bare_title = _SIGN_TITLE_ANY.fullmatch(re.sub(r"^(?:KT|Q|TQ)\s*\.\s*", "", block[-1]))
                following = lines[j + 1] if j + 1 < n else ""
                more_title = bool(following) and _is_upper(following)
                if bare_title and not more_title and _UPPER_NAME.match(nxt) and not _SIGN_TITLE.match(nxt) and \
                        not re.search(r"ỦY BAN|NHÂN DÂN|CHÍNH PHỦ|HỘI ĐỒNG|BỘ |SỞ |CỤC ", nxt):
                    return nxt.title(), _signer_title(block), "\n".join(block + [nxt])
                block.append(nxt)
                j += 1
                continue
            break
    return None


def _lines_above(lines: list[str], i: int) -> list[str]:
    """"TM. ỦY BAN NHÂN / DÂN" above "KT. CHỦ TỊCH": the start of the signature block."""
    above: list[str] = []
    k = i - 1
    while k >= 0 and len(above) < 3 and lines[k] and _is_upper(lines[k]) and len(lines[k]) <= 60:
        above.insert(0, lines[k])
        if re.match(r"^(?:TM|TL|KT|TUQ)\s*\.", lines[k]):
            return above
        k -= 1
    return []


def _signer_title(block: list[str]) -> str:
    """The signer's own title: the last title line ("PHÓ CHỦ TỊCH" under "KT. CHỦ TỊCH")."""
    for line in reversed(block):
        if not re.match(r"^(?:TM|TL|TUQ)\s*\.", line):
            return re.sub(r"^(?:KT|Q|TQ)\s*\.\s*", "", line).strip(" ,")
    return block[-1]
