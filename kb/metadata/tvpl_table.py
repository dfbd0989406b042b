"""thuvienphapluat.vn's page furniture: the metadata table and the banners around a document.

Pages saved from the site begin with a copyright banner, a "loading" line and a
table of facts (Số hiệu, Loại văn bản, Nơi ban hành, Người ký, Ngày ban hành …),
and end with the site's title line, related documents and pop-ups.  None of that
is the document: :func:`strip_site_chrome` cuts it away so the header parser
reads the official header, and :func:`parse_tvpl_table` reads the table, which
is useful ground truth and metadata of its own when present.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.furniture import BANNER_MARKERS, footer_start
from kb.vocabulary import TYPES

__all__ = ["TvplTable", "parse_tvpl_table", "strip_site_chrome"]

# Table labels as the site writes them → our field names.
LABELS = {
    "số hiệu": "number",
    "loại văn bản": "type",
    "nơi ban hành": "issuer",
    "cơ quan ban hành": "issuer",
    "người ký": "signer",
    "ngày ban hành": "date",
    "ngày hiệu lực": "effective_date",
    "ngày hợp nhất": "consolidated_date",
    "ngày công báo": "gazette_date",
    "số công báo": "gazette_number",
    "tình trạng": "validity",
    "tình trạng hiệu lực": "validity",
    "lĩnh vực": "category",
    "lĩnh vực, ngành": "category",
}

# "**Số hiệu:**" — the label may be split over lines inside the bold markers.
_LABEL = re.compile(
    r"^[ \t]*(?:\*\*|__)?\s*(" + "|".join(sorted((re.escape(k) for k in LABELS), key=len, reverse=True))
    + r")\s*:\s*(?:\*\*|__)?[ \t]*(.*)$",
    re.IGNORECASE | re.MULTILINE,
)
_CELL_SEPARATOR = re.compile(r"^[\s|]*$")
# Only this far into a file is a site table looked for: the furniture comes first.
_TABLE_WINDOW = 8000
# Values the site shows to visitors who are not logged in: no information.
_UNKNOWN_VALUES = {"đã biết", "đang cập nhật", "không xác định"}

@dataclass
class TvplTable:
    """The facts in the site's table; ``end`` is where the document body begins."""

    fields: dict[str, str] = field(default_factory=dict)
    start: int = 0
    end: int = 0

    def get(self, name: str) -> str | None:
        return self.fields.get(name)

    @property
    def date_iso(self) -> str | None:
        """``Ngày ban hành`` as ISO (the site writes dd/mm/yyyy)."""
        return _iso(self.fields.get("date"))


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", value)
    if not m:
        return None
    day, month, year = (int(g) for g in m.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def _normalize_label(raw: str) -> str:
    return " ".join(raw.lower().split())


def parse_tvpl_table(text: str) -> TvplTable | None:
    """The site's metadata table at the start of ``text``, or ``None`` when absent.

    Values the site hides from anonymous visitors ("Đã biết", "Đang cập nhật")
    are left out.  ``Tình trạng`` is kept as written when it says something.
    """
    window = text[:_TABLE_WINDOW]
    # The label text may wrap: "**\nNgày hiệu lực:**" — fold such breaks for matching
    # while keeping offsets (a newline right after "**" becomes a space).
    folded = re.sub(r"\*\*\n", "** ", window)
    matches = list(_LABEL.finditer(folded))
    labels = [LABELS[_normalize_label(m.group(1))] for m in matches[:12]]
    # The site's table names at least the number, the type and the issuer close
    # together; a lone "Số hiệu:" is a document's own text (a form, say).
    if len({"number", "type", "issuer", "date"} & set(labels)) < 3:
        return None
    fields: dict[str, str] = {}
    end = matches[0].start()
    previous_end = None
    for m in matches:
        # Labels of the site's table follow each other closely; a label far
        # below the previous one belongs to the document, not to the table.
        if previous_end is not None and m.start() - previous_end > 400:
            break
        name = LABELS[_normalize_label(m.group(1))]
        value, value_end = _read_value(folded, m)
        previous_end = value_end
        end = value_end
        if value and value.lower() not in _UNKNOWN_VALUES and name not in fields:
            fields[name] = value
    if "number" not in fields and "type" not in fields:
        return None
    # The separators after the last value still belong to the table.
    sep = re.compile(r"(?:[ \t]*\|?[ \t]*\n)*").match(folded, end)
    end = sep.end() if sep else end
    start = _banner_start(window, matches[0].start())
    return TvplTable(fields=fields, start=start, end=end)


def _read_value(text: str, m: re.Match) -> tuple[str, int]:
    """The cell after a label: the rest of the label's line, else the lines up to the next ``|``."""
    inline = m.group(2).strip().strip("|").strip()
    if inline:
        return _clean_value(inline), m.end()
    pos = m.end()
    lines = []
    seen_separator = False
    for line_match in re.finditer(r"[^\n]*\n?", text[pos:]):
        line = line_match.group(0)
        if not line:
            break
        stripped = line.strip()
        if _CELL_SEPARATOR.match(stripped):
            if lines:
                pos += line_match.start()
                break
            seen_separator = True
            continue
        if not seen_separator and not lines:
            # No cell separator after the label: the value is on the next line.
            seen_separator = True
        if _LABEL.match(stripped):
            pos += line_match.start()
            break
        lines.append(stripped)
        if len(lines) > 6:  # a cell is short; this is body text
            break
    else:
        pos = len(text)
    return _clean_value(" ".join(lines)), pos


def _clean_value(value: str) -> str:
    value = value.replace("**", "").replace("__", "").strip(" *|\t")
    return " ".join(value.split())


def _banner_start(text: str, table_start: int) -> int:
    """Where the site's furniture before the table starts (the file's start, usually)."""
    head = text[:table_start]
    if not head.strip(" \t\n|#*") or any(marker in head for marker in BANNER_MARKERS):
        return 0
    return table_start


# thuvienphapluat's text pages open with the site's own title line:
# "Quyết định 435/QĐ-UBND năm 2020", "Công văn 2739/VPCP-ĐMDN năm 2019 … do Văn phòng Chính phủ ban hành."
_SITE_TITLE = re.compile(
    r"\A\s*(?:" + "|".join(re.escape(t.name) for t in sorted(TYPES, key=lambda t: -len(t.name))) + r")"
    r"\s+\d[^\s/]*/\S+(?:\s+năm\s+\d{4})?(?:[ \t]*\n|[^\n]{0,400}?\bban hành\.[ \t]*)"
)


def strip_site_chrome(text: str) -> str:
    """The document body without the site's banner, metadata table and footer.

    Text with no site furniture comes back unchanged.
    """
    table = parse_tvpl_table(text)
    body = text[table.end:] if table else text
    if table is None:
        # A banner without a table (rare): cut through "Đang tải văn bản...".
        m = re.search(r"^Đang tải văn bản\.*\s*$\n?(?:#\s*\n)?", body[:_TABLE_WINDOW], re.MULTILINE)
        if m and any(marker in body[: m.start()] for marker in BANNER_MARKERS):
            body = body[m.end():]
    title = _SITE_TITLE.match(body)
    if title and re.search(r"(?i)CỘNG\s+H[OÒ]À?\s+XÃ\s+HỘI|Độc\s+lập", body[title.end(): title.end() + 600]):
        body = body[title.end():]
    cut = footer_start(body)
    if cut < len(body):
        # The site repeats the document's title on the line just before the marker.
        before = body[:cut].rstrip("\n")
        last_nl = before.rfind("\n")
        last_line = before[last_nl + 1:]
        if re.match(r"^(?:[A-ZĐÂĂÊÔƠƯ][^\n|]{0,40}?)\s+\S*\d+\S*\s", last_line) and "/" in last_line:
            cut = last_nl + 1
        body = body[:cut]
    return body.rstrip() + "\n" if body.strip() else ""
