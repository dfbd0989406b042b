"""Finding the units of a text: Phần, Chương, Mục, Tiểu mục, Điều, khoản, điểm, Phụ lục.

The text is read line by line; a line is a *candidate* heading when, once Markdown noise is
taken off (``**Điều ****2****.**``, ``#``, ``>``), it starts like one. Candidates are not
trusted one by one: real texts repeat numbers in quoted amending text ("“Điều 11. Hiệu lực
thi hành …”"), in amended provisions printed without quotes after "… như sau:", in form
templates and in attached regulations. So for each level the parser keeps the longest chain
of numbers that follow each other (Điều 1, 2, 3 …; khoản 1, 2 …; điểm a, b, c, d, đ …),
preferring candidates that start a paragraph and do not follow "… như sau:". Lines inside
quotation marks are never candidates.

A regulation attached after a decision's signature ("QUY ĐỊNH … (Ban hành kèm theo Quyết định
số …)") has its own Điều 1..N; it becomes a container unit (kind ``phu_luc``, anchor
``kem-theo``, ``kem-theo-2`` …, ``extra["attached"]``) and its units' anchors carry that
prefix (``kem-theo-dieu-5-khoan-2``), so every anchor stays unique and stable. See
docs/structure.md.

Offsets are into the text as given; nothing is rewritten. The work is linear in the text's
size. Bump ``PARSER_VERSION`` whenever the output changes so stored units are rebuilt.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from kb.model import Unit
from kb.structure.anchors import anchor_for

PARSER_VERSION = 2

MAX_TITLE = 400  # a heading longer than this is the article's first sentence, cut for the title

# Markdown and table noise around a heading: emphasis, heading marks, quotes blocks, escapes.
_NOISE = re.compile(r"[*_\\`]+")
_LEAD = re.compile(r"^[\s#>]+")

_ROMAN = r"[IVXLC]+"
_ORDINAL_WORDS = ("nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười",
                  "mười một", "mười hai", "mười ba", "mười bốn", "mười lăm")
_ORDINAL = r"thứ\s+(?:mười\s+(?:một|hai|ba|bốn|lăm)|nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)"

_PHAN = re.compile(rf"^(?:PHẦN|Phần)\s+(?P<number>{_ORDINAL}|{_ROMAN}|[0-9]+)(?![\wÀ-ỹ])(?P<rest>.*)$", re.I)
_CHUONG = re.compile(rf"^(?:CHƯƠNG|Chương)\s+(?P<number>{_ROMAN}|[0-9]+[a-z]?)(?![\wÀ-ỹ])(?P<rest>.*)$")
_TIEU_MUC = re.compile(r"^(?:TIỂU MỤC|Tiểu mục)\s+(?P<number>[0-9]+|[IVXLC]+)(?![\wÀ-ỹ])(?P<rest>.*)$")
_MUC = re.compile(r"^(?:MỤC|Mục)\s+(?P<number>[0-9]+|[IVXLC]+)(?![\wÀ-ỹ])(?P<rest>.*)$")
_DIEU = re.compile(r"^(?:ĐIỀU|Điều)\s+(?P<number>[0-9]+[a-zđ]?)\s*(?:[.:]|$)(?P<rest>.*)$")
_PHU_LUC = re.compile(r"^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:số\s+)?(?P<number>[0-9]+[A-Za-z]?|[IVXLC]+|[A-Z]))?(?![\wÀ-ỹ])(?P<rest>.*)$")
_ANY_HEAD = re.compile(r"(?:PHẦN|Phần|CHƯƠNG|Chương|TIỂU MỤC|Tiểu mục|MỤC|Mục|ĐIỀU|Điều)\s")
_SPLIT_NUMBER = re.compile(r"^(?P<number>[0-9]+[a-zđ]?)\s*[.:](?P<rest>.*)$")
_KHOAN = re.compile(r"^(?P<number>[0-9]{1,3})\s*\.(?![0-9])\s*(?P<rest>\S.*)$")
_DIEM = re.compile(r"^(?P<number>[a-zđ])\s*\)\s*(?P<rest>.*)$")
# The heading of a text attached to a decision ("QUY ĐỊNH", "QUY CHẾ" …), in capitals.
_ATTACHED = re.compile(
    r"^(?:QUY ĐỊNH|QUY CHẾ|ĐIỀU LỆ|HƯỚNG DẪN|QUY TRÌNH|CHƯƠNG TRÌNH|KẾ HOẠCH|ĐỀ ÁN|TIÊU CHUẨN|NỘI QUY)\b(?P<rest>[^a-zà-ỹ]*)$"
)
_KEM_THEO = re.compile(r"kèm\s+theo", re.I)
_END_OF_TEXT = re.compile(r"^(?:Nơi nhận|NƠI NHẬN)\s*:")
# A line that ends a sentence or a heading; a line ending otherwise is hard-wrapped.
_TERMINATED = re.compile(r"[.;:!?…”\")]\s*$")

DIEM_LETTERS = "abcdđeghiklmnopqrstuvxy"

RANK = {"attached": 0, "phu_luc": 0, "phan": 1, "chuong": 2, "muc": 3, "tieu_muc": 4, "dieu": 5, "khoan": 6, "diem": 7}


@dataclass
class _Line:
    start: int       # offset of the line in the text
    end: int         # offset after the line (before its newline)
    clean: str       # the line without Markdown noise and outer spaces
    quoted: bool     # opens with a quotation mark (amending text)
    after_colon: bool  # the previous line ends "… như sau:" (unquoted amended text follows)
    wrapped: bool    # the previous line runs on into this one (hard wrap, no blank line)
    table: bool      # a table row
    delta: int = 0   # curly quotes opened minus closed on the line
    straight: bool = False  # an odd number of straight quotes on the line


@dataclass
class _Cand:
    kind: str
    number: str
    key: tuple
    line: int
    rest: str
    penalty: int = 0
    head_lines: int = 1  # lines the heading takes ("Điều\n1. …" when a wrap split it)
    prev: int = -1
    score: tuple = field(default=(0, 0))


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    prev_clean = ""
    prev_blank = True
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        table = raw.lstrip().startswith("|")
        clean = raw
        if "*" in raw or "_" in raw or "\\" in raw or "`" in raw:
            clean = _NOISE.sub("", clean)
        clean = clean.strip().lstrip("#> \t")
        if table:
            clean = clean.strip("| ").strip()
        blank = not clean
        out.append(_Line(
            start=start, end=end, clean=clean,
            quoted=bool(clean) and clean[0] in "“\"‘",
            after_colon=prev_clean.endswith(":"),
            wrapped=not prev_blank and bool(prev_clean) and not _TERMINATED.search(prev_clean),
            table=table,
            delta=raw.count("“") - raw.count("”"),
            straight=raw.count('"') % 2 == 1,
        ))
        if not blank:
            prev_clean = clean
        prev_blank = blank
    return out


def _in_quotes(lines: list[_Line], lo: int, hi: int) -> list[bool]:
    """For lines [lo, hi): inside quotation marks opened at or after ``lo``.

    Counted from each article's start, so that a closing mark lost in the source (a page
    break of the gazette) cannot hide the rest of the document.
    """
    out = []
    depth, straight = 0, False
    for i in range(lo, hi):
        line = lines[i]
        out.append(depth > 0 or straight or line.quoted)
        depth = max(0, depth + line.delta)
        if line.straight:
            straight = not straight
    return out


# --- numbers ------------------------------------------------------------------------------
def _roman(s: str) -> int | None:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total, prev = 0, 0
    for ch in reversed(s.upper()):
        v = values.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total or None


def _ordinal_value(number: str) -> int | None:
    """"5" → 5, "II" → 2, "thứ hai" → 2."""
    n = number.strip()
    if n.isdigit():
        return int(n)
    low = " ".join(n.lower().split())
    if low.startswith("thứ "):
        word = low[4:]
        return _ORDINAL_WORDS.index(word) + 1 if word in _ORDINAL_WORDS else None
    return _roman(n)


def _key(kind: str, number: str) -> tuple | None:
    """A sortable (base, suffix) for chaining: Điều "5a" → (5, 1); điểm "đ" → (5, 0)."""
    if kind == "diem":
        i = DIEM_LETTERS.find(number)
        return (i + 1, 0) if i >= 0 else None
    m = re.fullmatch(r"([0-9]+)([a-zđ]?)", number)
    if m:
        suffix = DIEM_LETTERS.find(m.group(2)) + 1 if m.group(2) else 0
        return (int(m.group(1)), suffix)
    value = _ordinal_value(number)
    return (value, 0) if value else None


GAP_COST = 2      # a chain may skip numbers (a VBHN leaves repealed articles out), at this cost
MAX_NUMBER = 3000  # no document has more articles; higher numbers are not chained


class _PrefixMax:
    """Best (score, index) among numbers 1..n, for n growing and scores only improving."""

    def __init__(self, size: int):
        self.size = size
        self.tree: list = [None] * (size + 1)

    def update(self, n: int, item: tuple) -> None:
        if n < 1:  # a Fenwick tree has no slot 0: n & -n would stay 0 and never end
            return
        while n <= self.size:
            if self.tree[n] is None or item > self.tree[n]:
                self.tree[n] = item
            n += n & -n

    def best(self, n: int):
        out = None
        while n > 0:
            if self.tree[n] is not None and (out is None or self.tree[n] > out):
                out = self.tree[n]
            n -= n & -n
        return out


def _chain(cands: list[_Cand]) -> list[_Cand]:
    """The best chain of candidates whose numbers rise, in text order.

    Numbers that follow each other (5, 6; 5, 5a) score one each; a skipped number costs
    ``GAP_COST`` (so a stray "Điều 15." after Điều 9 never joins, while a VBHN's 1, 2, 11, 12 …
    does). Among equals, the chain with fewer doubtful members (after "như sau:", mid-
    paragraph, starting elsewhere than 1) wins. Linear in the candidates (log for the gaps).
    """
    cands = [c for c in cands if 1 <= c.key[0] <= MAX_NUMBER]  # "0." and "Điều 0" are never units
    if not cands:
        return []
    best_at: dict[tuple, int] = {}    # best candidate index ending with this exact key
    best_base: dict[int, int] = {}    # best candidate index whose base number is this
    below = _PrefixMax(max(c.key[0] for c in cands))
    best_end = -1
    for i, c in enumerate(cands):
        base, suffix = c.key
        start_penalty = 0 if (base == 1 and suffix == 0) else 1
        options = [(1, -(c.penalty + start_penalty)), -1]
        choices = []
        if suffix:
            prev = best_at.get((base, suffix - 1))
            if prev is not None:
                choices.append((prev, 0))
        else:
            prev = best_base.get(base - 1)
            if prev is not None:
                choices.append((prev, 0))
            far = below.best(base - 2) if base > 2 else None
            if far is not None:
                choices.append((far[1], GAP_COST))
        c.prev, c.score = -1, options[0]
        for prev, cost in choices:
            p = cands[prev]
            score = (p.score[0] + 1 - cost, p.score[1] - c.penalty)
            if score > c.score:
                c.prev, c.score = prev, score
        for table, k in ((best_at, c.key), (best_base, base)):
            old = table.get(k)
            if old is None or c.score > cands[old].score:
                table[k] = i
        below.update(base, (c.score, i))
        if best_end < 0 or c.score > cands[best_end].score:
            best_end = i
    out = []
    i = best_end
    while i >= 0:
        out.append(cands[i])
        i = cands[i].prev
    return out[::-1]


# --- candidates ---------------------------------------------------------------------------
_PATTERNS = (("phan", _PHAN), ("chuong", _CHUONG), ("tieu_muc", _TIEU_MUC), ("muc", _MUC), ("dieu", _DIEU))


def _candidate(line: _Line, index: int, kind: str, pattern: re.Pattern, in_quotes: bool = False) -> _Cand | None:
    if line.quoted or line.table or not line.clean:
        return None
    m = pattern.match(line.clean)
    if not m:
        return None
    number = " ".join(m.group("number").split())
    if kind == "phan" and number.lower().startswith("thứ"):
        number = number.lower()
    key = _key(kind, number)
    if key is None:
        return None
    penalty = int(line.after_colon) + int(line.wrapped) + 2 * int(in_quotes)
    return _Cand(kind, number, key, index, m.group("rest"), penalty)


def _heading_title(lines: list[_Line], i: int, rest: str, kind: str, stop: int) -> str | None:
    """The heading's words: the rest of its line, run on over hard wraps; a Chương's title
    is on the next line when its own line holds only the number."""
    title = rest.strip(" .:-–—\t")
    j = i + 1
    if not title and kind in ("phan", "chuong", "muc", "tieu_muc", "phu_luc", "attached"):
        while j < stop and not lines[j].clean:
            j += 1
        if j < stop and lines[j].clean.startswith("(") and kind == "phu_luc":
            # "(Ban hành kèm theo …)", over one line or a few: the title follows, if any.
            for _ in range(4):
                closed = ")" in lines[j].clean
                j += 1
                if closed or j >= stop:
                    break
            while j < stop and not lines[j].clean:
                j += 1
        nxt = lines[j].clean if j < stop else ""
        # A Phụ lục's "title" of a few letters is its table's first cell ("STT").
        if (nxt and not _is_structural(nxt) and len(nxt) <= 300 and not nxt.startswith("(")
                and (kind != "phu_luc" or len(nxt) > 4)):
            title = lines[j].clean
            j += 1
    if not title:
        return None
    # An attached text's name goes on below its kind: "QUY ĐỊNH" / "Về quản lý …".
    if kind == "attached" and j < stop and re.match(r"(?i)về\s", lines[j].clean):
        title += " " + lines[j].clean
        j += 1
    # Hard wraps: the next line goes on in lower case ("Công\nbố kèm theo"), or a capitals
    # title goes on in capitals.
    upper = title.upper() == title
    for _ in range(4):
        if j >= stop or not lines[j].clean or len(title) > MAX_TITLE:
            break
        nxt = lines[j].clean
        if _is_structural(nxt):
            break
        if nxt[0].islower() or title[-1] in "-/," or (upper and kind != "dieu" and nxt.upper() == nxt and nxt[0].isalpha()):
            title += " " + nxt
            j += 1
        else:
            break
    title = " ".join(title.split())
    return title[:MAX_TITLE].rstrip() + ("…" if len(title) > MAX_TITLE else "") if title else None


def _is_structural(clean: str) -> bool:
    return bool(_DIEU.match(clean) or _CHUONG.match(clean) or _MUC.match(clean) or _PHAN.match(clean)
                or _KHOAN.match(clean) or _DIEM.match(clean) or _PHU_LUC.match(clean) and clean.isupper())


# --- the parser ---------------------------------------------------------------------------
@dataclass
class _Found:
    kind: str
    number: str
    line: int
    title: str | None
    anchor: str = ""
    parent: str | None = None
    start: int = 0
    end: int = 0
    extra: dict = field(default_factory=dict)


def parse_units(text: str | None) -> list[Unit]:
    """The units of ``text`` in document order (containers before what they contain)."""
    if not text or not text.strip():
        return []
    lines = _lines(text)
    found: list[_Found] = []
    bounds = _segments(lines)
    attached_n = 0
    for seg_start, seg_end, is_attached in bounds:
        prefix = ""
        if is_attached:
            attached_n += 1
            prefix = "kem-theo" if attached_n == 1 else f"kem-theo-{attached_n}"
            title = _heading_title(lines, seg_start, lines[seg_start].clean, "attached", seg_end)
            found.append(_Found("phu_luc", "", seg_start, title, anchor=prefix,
                                extra={"attached": True}))
        found.extend(_parse_segment(lines, seg_start + int(is_attached), seg_end, prefix))
    return _finish(text, lines, found)


def _segments(lines: list[_Line]) -> list[tuple[int, int, bool]]:
    """The main text and each attached text as line ranges [start, end)."""
    starts: list[int] = []
    seen_dieu = False
    for i, line in enumerate(lines):
        if line.quoted or line.table:
            continue
        if not seen_dieu:
            seen_dieu = bool(_DIEU.match(line.clean))
            continue
        if _PHU_LUC.match(line.clean) and len(line.clean) < 40 and not _DIEU.match(line.clean):
            break  # appendices from here: a "KẾ HOẠCH (Kèm theo …)" inside one is a form's
        if _ATTACHED.match(line.clean) and len(line.clean) < 200:
            ahead = " ".join(lines[k].clean for k in range(i, min(len(lines), i + 12)))
            if _KEM_THEO.search(ahead[:600]):
                starts.append(i)
    out = []
    edges = [0] + starts + [len(lines)]
    for n in range(len(edges) - 1):
        out.append((edges[n], edges[n + 1], n > 0))
    return out


def _parse_segment(lines: list[_Line], lo: int, hi: int, prefix: str) -> list[_Found]:
    cands: dict[str, list[_Cand]] = {k: [] for k, _ in _PATTERNS}
    ends_text = hi
    quotes = _in_quotes(lines, lo, hi)
    for i in range(lo, hi):
        line = lines[i]
        if _END_OF_TEXT.match(line.clean) and ends_text == hi:
            ends_text = i
        if line.clean in ("Điều", "ĐIỀU") and i + 1 < hi and not quotes[i - lo]:
            # A wrap between the word and its number: "**Điều\n1**. Công bố …".
            m = _SPLIT_NUMBER.match(lines[i + 1].clean)
            if m and (key := _key("dieu", m.group("number"))):
                cands["dieu"].append(_Cand("dieu", m.group("number"), key, i, m.group("rest"),
                                           int(line.after_colon) + int(line.wrapped), head_lines=2))
                continue
        if not _ANY_HEAD.match(line.clean):
            continue
        for kind, pattern in _PATTERNS:
            c = _candidate(line, i, kind, pattern, quotes[i - lo])
            if c is not None:
                cands[kind].append(c)
                break
    dieus = _chain(cands["dieu"])
    chapters = _chain(cands["chuong"])
    parts = _chain(cands["phan"])
    last_dieu_line = dieus[-1].line if dieus else lo
    # Phụ lục: after the last article (what comes before is the articles' own text).
    appendices: list[tuple[int, str, str]] = []
    seen_pl: set[str] = set()
    unnumbered = 0
    for i in range(last_dieu_line + 1 if dieus else lo, hi):
        line = lines[i]
        if line.quoted or line.table:
            continue
        m = _PHU_LUC.match(line.clean)
        if not m:
            continue
        rest = m.group("rest")
        caps = line.clean.startswith("PHỤ LỤC")
        if not caps and rest.strip() and not rest.strip()[:1] in "(.:-–" and not rest.strip().isupper():
            continue
        number = m.group("number")
        numbered = bool(number)
        if not number:
            unnumbered += 1
            number = str(unnumbered)
        if number.upper() in seen_pl:
            continue
        seen_pl.add(number.upper())
        appendices.append((i, number, rest, numbered))
    stop_articles = min([ends_text] + [a[0] for a in appendices])

    out: list[_Found] = []
    for c in parts:
        if c.line < stop_articles:
            out.append(_Found("phan", c.number, c.line, _heading_title(lines, c.line, c.rest, "phan", hi)))
    for c in chapters:
        if c.line < stop_articles:
            out.append(_Found("chuong", c.number, c.line, _heading_title(lines, c.line, c.rest, "chuong", hi)))
    # Mục within each Chương (numbers start again in each), Tiểu mục within each Mục.
    chapter_lines = [c.line for c in chapters] + [stop_articles]
    spans = list(zip(chapter_lines[:-1], chapter_lines[1:])) or [(lo, stop_articles)]
    muc_by_span = _bucket(cands["muc"], [a for a, _ in spans] + [spans[-1][1]])
    for n, (a, b) in enumerate(spans):
        muc = _chain(muc_by_span[n + 1])
        tieu = _bucket([x for x in cands["tieu_muc"] if a <= x.line < b], [c.line for c in muc])
        for k, c in enumerate(muc):
            out.append(_Found("muc", c.number, c.line, _heading_title(lines, c.line, c.rest, "muc", hi)))
            for t in _chain(tieu[k + 1]):
                out.append(_Found("tieu_muc", t.number, t.line, _heading_title(lines, t.line, t.rest, "tieu_muc", hi)))
    dieus = [c for c in dieus if c.line < stop_articles]
    dieu_lines = [c.line for c in dieus] + [stop_articles]
    boundaries = sorted({f.line for f in out} | {stop_articles})
    for c, nxt in zip(dieus, dieu_lines[1:]):
        later = bisect.bisect_right(boundaries, c.line)
        end = min(nxt, boundaries[later]) if later < len(boundaries) else nxt
        out.append(_Found("dieu", c.number, c.line, _heading_title(lines, c.line + c.head_lines - 1, c.rest, "dieu", end)))
        out.extend(_clauses(lines, c.line + c.head_lines, end))
    for i, number, rest, numbered in appendices:
        f = _Found("phu_luc", number, i, _heading_title(lines, i, rest, "phu_luc", hi))
        if not numbered:
            f.extra["unnumbered"] = True  # "PHỤ LỤC" alone: numbered 1, 2 … in order for the anchor
        out.append(f)
    for f in out:
        f.extra.setdefault("prefix", prefix)
    return out


def _clauses(lines: list[_Line], lo: int, hi: int) -> list[_Found]:
    """Khoản and điểm of one article (lines [lo, hi))."""
    khoan_c, diem_c = [], []
    quotes = _in_quotes(lines, lo, hi)
    for i in range(lo, hi):
        line = lines[i]
        if quotes[i - lo] or line.table or not line.clean:
            continue
        m = _KHOAN.match(line.clean)
        if m:
            key = _key("khoan", m.group("number"))
            if key:
                khoan_c.append(_Cand("khoan", m.group("number"), key, i, m.group("rest"),
                                     int(line.after_colon) + int(line.wrapped)))
            continue
        m = _DIEM.match(line.clean)
        if m:
            key = _key("diem", m.group("number"))
            if key:
                diem_c.append(_Cand("diem", m.group("number"), key, i, "", int(line.wrapped)))
    out: list[_Found] = []
    khoans = _chain(khoan_c)
    edges = [k.line for k in khoans] + [hi]
    if not khoans:
        for d in _chain(diem_c):
            out.append(_Found("diem", d.number, d.line, None))
        return out
    buckets = _bucket(diem_c, edges)
    for d in _chain(buckets[0]):
        out.append(_Found("diem", d.number, d.line, None, extra={"before_khoan": True}))
    for n, k in enumerate(khoans):
        out.append(_Found("khoan", k.number, k.line, None))
        for d in _chain(buckets[n + 1]):
            out.append(_Found("diem", d.number, d.line, None))
    return out


def _bucket(cands: list[_Cand], edges: list[int]) -> list[list[_Cand]]:
    """Candidates split by line at ``edges`` (sorted): bucket 0 before edges[0], k after edges[k-1]."""
    out: list[list[_Cand]] = [[] for _ in range(len(edges) + 1)]
    for c in cands:
        out[bisect.bisect_right(edges, c.line)].append(c)
    return out


def _finish(text: str, lines: list[_Line], found: list[_Found]) -> list[Unit]:
    """Order, nest, name and measure the units."""
    order = RANK
    found.sort(key=lambda f: (f.line, order[f.kind] if not f.extra.get("attached") else -1))
    stack: list[_Found] = []
    units: list[Unit] = []
    seen: set[str] = set()
    for f in found:
        rank = 0 if f.kind == "phu_luc" else RANK[f.kind]
        while stack and _rank(stack[-1]) >= rank:
            stack.pop()
        if f.kind == "phu_luc" and not f.extra.get("attached"):
            stack = []
        parent = stack[-1] if stack else None
        prefix = f.extra.pop("prefix", "")
        if not f.anchor:
            f.anchor = _anchor(f, stack, prefix)
        if f.anchor in seen:
            continue
        seen.add(f.anchor)
        f.parent = parent.anchor if parent else None
        f.start = lines[f.line].start
        stack.append(f)
        units.append(f)  # type: ignore[arg-type]
    # Each unit ends where the next unit of its rank or above begins, within its parent,
    # and an article before the signature block ("Nơi nhận:").
    signatures = [m.start() + 1 for m in _SIGNATURE.finditer(text)]
    ends: dict[int, int] = {}
    open_: list[int] = []
    for idx, f in enumerate(units):
        rank = _rank(f)
        while open_ and _rank(units[open_[-1]]) >= rank:
            ends[open_.pop()] = f.start
        open_.append(idx)
    for idx in open_:
        ends[idx] = len(text)
    by_anchor: dict[str, int] = {}
    result: list[Unit] = []
    for idx, f in enumerate(units):
        end = ends[idx]
        if f.parent in by_anchor:
            end = min(end, by_anchor[f.parent])
        if f.kind in ("dieu", "khoan", "diem"):
            k = bisect.bisect_right(signatures, f.start)
            if k < len(signatures):
                end = min(end, signatures[k])
        by_anchor[f.anchor] = end
        result.append(Unit(kind=f.kind, number=f.number, anchor=f.anchor, title=f.title,
                           start=f.start, end=max(end, f.start), parent=f.parent, extra=f.extra))
    return result


def _rank(f) -> int:
    if f.kind == "phu_luc":
        return 0
    return RANK[f.kind]


_SIGNATURE = re.compile(r"\n[ \t*#>]*(?:Nơi nhận|NƠI NHẬN)\s*:")


def _anchor(f: _Found, stack: list[_Found], prefix: str) -> str:
    if f.kind in ("dieu", "khoan", "diem"):
        path = [(s.kind, s.number) for s in stack if s.kind in ("dieu", "khoan")] + [(f.kind, f.number)]
        i = next(k for k, (kind, _) in enumerate(path) if kind in ("dieu", "khoan", "diem"))
        path = path[i:]
    elif f.kind in ("muc", "tieu_muc"):
        path = [(s.kind, s.number) for s in stack if s.kind in ("chuong", "muc")] + [(f.kind, f.number)]
    else:
        path = [(f.kind, f.number)]
    name = anchor_for(path)
    if f.kind == "phu_luc":
        return name
    return f"{prefix}-{name}" if prefix else name
