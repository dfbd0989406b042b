"""One đề mục file → its code, name, headings and articles.

The file is a fragment: an ``<h3>`` with "Đề mục 19.6 <br/> Năng lượng nguyên tử", then a
flat run of paragraphs by class: ``pChuong`` (chương/mục headings of the đề mục), ``pDieu``
(the article: "Điều 19.6.LQ.1. Phạm vi điều chỉnh", its MAPC as ``<a name>``), ``pGhiChu``
(the source note, linked to the source article on vbpl), ``pNoiDung`` (the text, itself
holding ``<p>`` and tables) and ``pChiDan`` (related articles). The paragraphs are cut at
each class marker rather than parsed as a tree: a stray or missing closing tag in one
article's text cannot swallow the next article.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from kb.errors import KbError

# kb.text.clean keeps offsets (a Python loop per character once a combining mark appears);
# a đề mục needs no offsets, so the same normalization is done in C: NFC, Ð→Đ, odd spaces
# to spaces, invisible characters out.
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ODD = re.compile(f"[{_SPACES}]")
_ODD_OTHER = re.compile(f"[{_INVISIBLE}\u00d0]")

_HEADER = re.compile(r"<h3[^>]*>\s*Đề\s+mục\s+([0-9]+(?:\.[0-9]+)*)\s*(?:<br\s*/?>)?(.*?)</h3>", re.S | re.I)
# The package's own paragraph classes; any other <p class=…> is part of an article's text.
_HEADINGS = ("pPhan", "pChuong", "pMuc", "pTieuMuc")
_KINDS = _HEADINGS + ("pDieu", "pGhiChu", "pNoiDung", "pChiDan")
_BLOCK = re.compile(
    r"<p\s+class\s*=\s*['\"](pPhan|pChuong|pMuc|pTieuMuc|pDieu|pGhiChu|pNoiDung|pChiDan)['\"][^>]*>", re.I
)
_ANCHOR_NAME = re.compile(r"<a\s+name\s*=\s*['\"]([^'\"]*)['\"]", re.I)
_HREF = re.compile(r"<a\s[^>]*?href\s*=\s*['\"]([^'\"]*)['\"][^>]*>(.*?)</a>", re.S | re.I)
_LINK = re.compile(r"<a\s([^>]*)>(.*?)</a>", re.S | re.I)
_ONCLICK_MAPC = re.compile(r"ViewNoiDungPhapDien\(\s*['\"](\d+)['\"]")
_ATTR_HREF = re.compile(r"href\s*=\s*['\"]([^'\"]*)['\"]", re.I)
_TAG = re.compile(r"<[^>]*>")
_BREAKS = re.compile(r"<\s*(?:br\s*/?|/p|/tr|/li|/h\d|/div|/table)\s*>", re.I)
_CELL_END = re.compile(r"<\s*/t[dh]\s*>", re.I)
_PD_ID = re.compile(r"^Điều\s+(\d+(?:\.\d+)*\.[^\s.]+(?:\.\d+[a-zđ]?)+)\.?\s*(.*)$", re.S)
_ITEM_ID = re.compile(r"ItemID=(\d+)", re.I)
_REMOVED = re.compile(r"\s*\(\s*loại bỏ\s*\)\s*$", re.I)


@dataclass
class Link:
    """A related article (``pChiDan``): a Pháp điển article (by MAPC or id) or a vbpl article."""

    text: str
    mapc: str | None = None
    pd_id: str | None = None  # "19.2.LQ.9" when the text names a Pháp điển article
    vbpl_url: str | None = None  # with ItemID (an article of a source document)
    item_id: str | None = None


@dataclass
class Article:
    pd_id: str  # "19.6.LQ.1"
    mapc: str
    heading: str  # "Phạm vi điều chỉnh"
    note: str | None = None
    vbpl_url: str | None = None  # the source article on vbpl, anchor included
    item_id: str | None = None
    text: str = ""
    related: list[Link] = field(default_factory=list)
    chapter: str | None = None  # the đề mục's chương/mục heading it sits under


@dataclass
class DeMuc:
    demuc_id: str  # the file's id (a UUID)
    code: str  # "19.6"
    name: str  # "Năng lượng nguyên tử" ("(loại bỏ)" cut off)
    removed: bool = False  # the đề mục is marked "(loại bỏ)"
    headings: list[str] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # articles that could not be read

    @property
    def chu_de(self) -> str:
        return self.code.split(".")[0]


def normalize(text: str) -> str:
    text = _ODD.sub(" ", text)
    text = _ODD_OTHER.sub(lambda m: "Đ" if m.group() == "\u00d0" else "", text)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def text_of(fragment: str) -> str:
    """Plain text of an HTML fragment: paragraphs and rows on their own lines, cells apart."""
    fragment = _BREAKS.sub("\n", fragment)
    fragment = _CELL_END.sub(" | ", fragment)
    text = html.unescape(_TAG.sub("", fragment))
    if "&" in fragment:  # entities may decode to odd spaces or decomposed letters
        text = normalize(text)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line.strip(" |") if line.endswith("|") else line for line in lines if line.strip(" |"))


def _inline(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def parse_demuc(data: bytes | str, demuc_id: str) -> DeMuc:
    """Parse one đề mục file; :class:`KbError` when it is not one (no "Đề mục" heading)."""
    if isinstance(data, bytes):
        try:
            source = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise KbError("tệp đề mục không phải UTF-8") from None
    else:
        source = data
    source = normalize(source)  # once for the whole file
    head = _HEADER.search(source[:20000])
    if head is None:
        raise KbError("không thấy tiêu đề “Đề mục …” (tệp hỏng hoặc không phải tệp đề mục)")
    code = head.group(1)
    raw_name = _inline(head.group(2))
    removed = bool(_REMOVED.search(raw_name))
    name = _REMOVED.sub("", raw_name).strip()
    demuc = DeMuc(demuc_id=demuc_id, code=code, name=name or code, removed=removed)

    marks = list(_BLOCK.finditer(source, head.end()))
    chapter: str | None = None
    current: Article | None = None
    for i, mark in enumerate(marks):
        kind = next((k for k in _KINDS if k.lower() == mark.group(1).lower()), mark.group(1))
        end = marks[i + 1].start() if i + 1 < len(marks) else len(source)
        body = source[mark.end():end]
        if kind == "pDieu":
            current = _article(body, chapter, demuc)
            if current is not None:
                demuc.articles.append(current)
        elif kind in _HEADINGS:
            # A heading (pChuong in 2026; Phần/Mục classes if they appear) ends the article before it, so
            # the chương's own chỉ dẫn after it is not taken for that article's.
            current = None
            heading = _inline(body)
            if heading:
                demuc.headings.append(heading)
                chapter = _chapter(chapter, heading)
        elif current is None:
            continue  # a chỉ dẫn of a chương ("Chương này có nội dung liên quan …"): not an article's
        elif kind == "pGhiChu":
            link = _HREF.search(body)
            if link:
                current.vbpl_url = html.unescape(link.group(1))
                item = _ITEM_ID.search(current.vbpl_url)
                current.item_id = item.group(1) if item else None
            note = _inline(body)
            current.note = note or None
        elif kind == "pNoiDung":
            current.text = text_of(_strip_closing(body))
        elif kind == "pChiDan":
            current.related.extend(_links(body))
    return demuc


def _strip_closing(body: str) -> str:
    # The block ends with the pNoiDung paragraph's own "</p>" (and trailing whitespace).
    return re.sub(r"(?:\s*</p>\s*)$", "", body)


def _chapter(previous: str | None, heading: str) -> str:
    """"Chương I" then "NHỮNG QUY ĐỊNH CHUNG" read as one heading."""
    if re.match(r"^(Chương|Mục|Tiểu mục|Phần)\b", heading, re.I):
        return heading
    if previous and re.match(r"^(Chương|Mục|Tiểu mục|Phần)\s+\S+$", previous, re.I):
        return f"{previous} {heading}"
    return heading


def _article(body: str, chapter: str | None, demuc: DeMuc) -> Article | None:
    name = _ANCHOR_NAME.search(body)
    heading = _inline(body)
    match = _PD_ID.match(heading)
    if match is None:
        demuc.problems.append(f"tiêu đề điều không đúng dạng “Điều <mã pháp điển>.”: {heading[:80]!r}")
        return None
    return Article(
        pd_id=match.group(1),
        mapc=name.group(1) if name else "",
        heading=match.group(2).strip(),
        chapter=chapter,
    )


def _links(body: str) -> list[Link]:
    out = []
    for attrs, inner in _LINK.findall(body):
        text = _inline(inner)
        if not text:
            continue
        link = Link(text=text)
        mapc = _ONCLICK_MAPC.search(attrs)
        if mapc:
            link.mapc = mapc.group(1)
        href = _ATTR_HREF.search(attrs)
        if href:
            url = html.unescape(href.group(1))
            item = _ITEM_ID.search(url)
            if item:
                link.vbpl_url, link.item_id = url, item.group(1)
        pd = _PD_ID.match(text)
        if pd:
            link.pd_id = pd.group(1)
        out.append(link)
    return out
