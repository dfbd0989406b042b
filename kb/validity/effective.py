"""A document's own effective date and expiry, read from its text.

Vietnamese documents state when they take effect in their last articles ("Điều N. Hiệu lực
thi hành", "Điều khoản thi hành", an HĐND resolution's closing sentence): "Nghị định này có
hiệu lực thi hành từ ngày 01 tháng 7 năm 2026", "… kể từ ngày ký", "… sau 45 ngày kể từ ngày
ký", "Nghị quyết này đã được Hội đồng nhân dân tỉnh … thông qua ngày … và có hiệu lực từ
ngày …"; and sometimes when they stop: "… được thực hiện đến hết ngày 31/12/2025".

Only sentences whose subject is this document count ("Nghị định này …"): "Nghị định số X
hết hiệu lực kể từ ngày Nghị định này có hiệu lực" repeals X, it says nothing of this one's
term; "Khoản 3 Điều 5 của Luật này có hiệu lực từ …" dates one provision; text quoted by an
amending document (“Điều 11. Hiệu lực thi hành …”) belongs to the amended document.

``expiry_date`` is the first day the document is no longer in force: "đến hết ngày
31/12/2025" gives 2026-01-01, "hết hiệu lực từ ngày 01/01/2026" gives 2026-01-01.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date, timedelta

import unicodedata

# Gazette and site furniture that cuts sentences: "CÔNG BÁO/Số 333/Ngày 16-06-2026", page numbers.
_FURNITURE = re.compile(r"(?im)^[ \t]*(?:CÔNG BÁO\b.*|\d{1,4}|-\s*\d{1,4}\s*-)[ \t]*$")
_MARKUP = re.compile(r"[*_#|>]+|\\(?=[.\-])")

_TYPES = (
    "bộ luật", "luật", "pháp lệnh", "nghị định", "nghị quyết liên tịch", "nghị quyết", "thông tư liên tịch",
    "thông tư", "quyết định", "chỉ thị", "lệnh", "quy chế", "quy định", "điều lệ", "văn bản", "thông báo",
    "kế hoạch", "hướng dẫn", "nội quy", "chương trình",
)
_SUBJECT = re.compile(
    r"(?<![\w])(?P<type>" + "|".join(t.replace(" ", r"\s+") for t in _TYPES) + r")(?P<this>\s+này)?(?![\w])",
    re.IGNORECASE,
)
_DATE = (
    r"(?:(?P<d1>\d{1,2})\s*tháng\s*(?P<m1>\d{1,2})[\s.,]*năm\s*(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})\s*[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4}))"
)
# What another document is called when a date is tied to it (never "quy định": "theo quy định …").
_OTHER = (r"Hiến\s+pháp|Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+định|Nghị\s+quyết|Thông\s+tư|Quyết\s+định|Chỉ\s+thị"
          r"|Lệnh|Phụ\s+lục|văn\s+bản\s+quy\s+phạm\s+pháp\s+luật")
_SIGNING = r"(?:ký|kí)(?:\s+ban\s+hành)?|ban\s+hành|công\s+bố"
# What follows "có hiệu lực (thi hành)": the date, the signing, or a delay after the signing.
_EFFECT = re.compile(
    r"(?:có|bắt\s+đầu\s+có)\s+hiệu\s+lực(?:\s+thi\s+hành)?\s*,?\s*"
    r"(?:"
    r"(?:kể\s+)?từ\s+(?:ngày\s+)?" + _DATE +
    r"|sau\s+(?P<days>\d{1,3})\s+ngày\s*,?\s*(?:kể\s+)?từ\s+ngày\s+(?:" + _SIGNING + r")"
    r"|(?:kể\s+)?từ\s+(?:ngày|thời\s+điểm)\s+(?P<sign>" + _SIGNING + r")"
    r"|(?:kể\s+)?từ\s+(?:ngày|thời\s+điểm)\s+(?:được\s+)?(?:[^.;]{0,80}?\s)?(?P<passed>thông\s+qua)"
    # Tied to another document: "… kể từ ngày Nghị định số 268/2025/NĐ-CP … có hiệu lực", "… cùng
    # thời điểm với Phụ lục IV … Luật Đầu tư năm 2025", "… theo Quyết định số 4831/QĐ-BNNMT …".
    r"|(?:kể\s+)?(?:từ|theo)\s+(?:ngày|thời\s+điểm)\s+(?P<dep_from>(?:" + _OTHER + r")(?:[^.;]|\.(?=\d)){0,220}?)"
    r"\s+(?:bắt\s+đầu\s+)?có\s+hiệu\s+lực"
    r"|(?:cùng\s+(?:thời\s+điểm|ngày|lúc)|đồng\s+thời)\s+(?:có\s+hiệu\s+lực\s+)?(?:của\s+|với\s+)"
    r"(?P<dep_with>(?:" + _OTHER + r")(?:[^.;]|\.(?=\d)){0,220}?)(?=\s*(?:có\s+hiệu\s+lực\b|[.;]|$))"
    r"|theo\s+(?P<dep_by>(?:" + _OTHER + r")\s+(?:số\s+)?\d(?:[^.;]|\.(?=\d)){0,200}?)(?=\s*[.;]|$)"
    r")",
    re.IGNORECASE,
)
# How this document's term ends.
_EXPIRY = re.compile(
    r"(?:"
    r"(?:áp\s+dụng|thực\s+hiện|có\s+hiệu\s+lực|thi\s+hành)[^.;]{0,80}?\s(?P<until>đến\s+hết|đến|tới\s+hết|hết)"
    r"\s+(?:ngày\s+" + _DATE.replace("P<", "P<u") + r"|năm\s+(?P<year_end>\d{4}))"
    r"|hết\s+hiệu\s+lực(?:\s+thi\s+hành)?\s*,?\s*(?:kể\s+)?(?:từ|vào)\s+ngày\s+" + _DATE.replace("P<", "P<x") +
    r")",
    re.IGNORECASE,
)
# "Khoản 3 Điều 5 của Luật này", "quy định tại Điều 4 Nghị quyết này": one provision, not the document.
_UNIT_NO = r"(?:\d+[a-zđ]?|[IVXLC]+|[a-zđ])"
_PART_BEFORE = re.compile(
    r"(?:điều|khoản|điểm|chương|mục|phụ\s+lục|tiết)\s+" + _UNIT_NO + r"(?:\s*(?:,|và|đến)\s*" + _UNIT_NO + r")*"
    r"\s+(?:của\s+)?$|(?:kể\s+)?từ\s+ngày\s+$|(?:tại|theo)\s+$",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(
    r"(?:^|[.;:]\s*|\s\d{1,2}\.\s*|\s[a-zđ]\)\s*|(?:hiệu\s+lực|thi\s+hành|thực\s+hiện)\s*)$", re.IGNORECASE)
_EFFECT_HEADING = re.compile(
    r"hiệu\s+lực\s+thi\s+hành|điều\s+khoản\s+thi\s+hành|hiệu\s+lực\s+và\s+trách\s+nhiệm\s+thi\s+hành"
    r"|tổ\s+chức\s+thực\s+hiện|hiệu\s+lực\s+thi\s+hành\s+và\s+trách\s+nhiệm",
    re.IGNORECASE,
)
_ADOPTED = re.compile(r"thông\s+qua\s+(?:ngày\s+)?" + _DATE, re.IGNORECASE)
_ANCHOR = re.compile(r"hiệu\s+lực|đến\s+hết|tới\s+hết|đến\s+ngày", re.IGNORECASE)
_MID_LIMIT = 260  # characters between "X này" and "có hiệu lực" (an HĐND resolution's adoption clause)
_QUOTE_LIMIT = 4000  # an unclosed quotation ends here: gazette text loses closing marks


@dataclass
class DateFinding:
    date: str | None  # ISO; None when the sentence counts from a signing date we do not know
    kind: str  # explicit, signing, offset, administrative, dependent (effective); explicit (expiry)
    sentence: str
    # kind "dependent": the other document as written ("Nghị định số 268/2025/NĐ-CP ngày …"); the
    # date is that document's, filled only when it is known (kb.store.validity), never guessed.
    depends_on: str | None = None

    def to_json(self) -> dict:
        out = {"date": self.date, "kind": self.kind, "sentence": self.sentence}
        if self.depends_on:
            out["depends_on"] = self.depends_on
        return out


@dataclass
class TextDates:
    effective: DateFinding | None = None
    expiry: DateFinding | None = None

    def to_json(self) -> dict:
        return {
            "effective": self.effective.to_json() if self.effective else None,
            "expiry": self.expiry.to_json() if self.expiry else None,
        }


def flatten(text: str) -> str:
    """One line of prose: furniture lines dropped, markup and hard wraps folded."""
    text = unicodedata.normalize("NFC", text).replace("Ð", "Đ").replace("\u00a0", " ")
    text = _FURNITURE.sub(" ", text)
    text = _MARKUP.sub(" ", text)
    return " ".join(text.split())


def read_dates(text: str | None, signed: str | None = None, doc_type: str | None = None,
               number: str | None = None) -> TextDates:
    """The effective date and expiry this text states for itself (``signed``: its issue date).

    An administrative document (a Công văn, a Kế hoạch, a decision numbered without a year)
    that names no date takes effect when signed: kind ``administrative``.
    """
    if not text:
        return TextDates()
    flat = flatten(text)
    subjects = list(_subjects(flat, _quoted_spans(flat)))
    own = _own_types(doc_type, number)
    effective = _best(_effect_findings(flat, subjects, signed), own)
    expiry = _best(_expiry_findings(flat, subjects), own)
    if (effective is None or (effective.date is None and effective.kind != "dependent")) and signed \
            and is_administrative(doc_type, number):  # a date tied to another document is not guessed
        effective = DateFinding(signed, "administrative", ADMINISTRATIVE_RULE)
    return TextDates(effective, expiry)


ADMINISTRATIVE_RULE = "Văn bản hành chính không nêu ngày có hiệu lực: có hiệu lực từ ngày ký ban hành."
# Normative types (Luật ban hành văn bản quy phạm pháp luật): their numbers carry the year, and
# their effective date is never assumed.
_NORMATIVE_TYPES = {"hiến pháp", "bộ luật", "luật", "pháp lệnh", "lệnh", "nghị định", "thông tư",
                    "thông tư liên tịch", "nghị quyết liên tịch", "văn bản hợp nhất"}
_YEAR_IN_NUMBER = re.compile(r"/(?:19|20)\d\d/")


def is_administrative(doc_type: str | None, number: str | None) -> bool:
    """A document of an administrative kind: numbered without a year ("1489/QĐ-UBND", "5348/CT-CS")."""
    if not number or not doc_type or _YEAR_IN_NUMBER.search(number):
        return False
    return " ".join(doc_type.lower().split()) not in _NORMATIVE_TYPES


# The type a number's form names ("16/2025/NĐ-CP" → Nghị định): a header misread as "Quy định"
# does not hide the document's own voice.
_TYPE_BY_SIGN = [
    (re.compile(r"/VBHN-", re.I), ("văn bản hợp nhất",)),
    (re.compile(r"/TTLT-", re.I), ("thông tư liên tịch", "thông tư")),
    (re.compile(r"/NQLT-", re.I), ("nghị quyết liên tịch", "nghị quyết")),
    (re.compile(r"/(?:NĐ|ND)-", re.I), ("nghị định",)),
    (re.compile(r"/TT-", re.I), ("thông tư",)),
    (re.compile(r"/QĐ-|/QD-", re.I), ("quyết định",)),
    (re.compile(r"/NQ-", re.I), ("nghị quyết",)),
    (re.compile(r"/CT-", re.I), ("chỉ thị",)),
    (re.compile(r"/QH\d+$", re.I), ("luật", "bộ luật", "nghị quyết")),
    (re.compile(r"/(?:PL-)?UBTVQH\d+$", re.I), ("pháp lệnh", "nghị quyết")),
]


def _own_types(doc_type: str | None, number: str | None) -> set[str] | None:
    """The types this document may call itself ("Nghị định này"), or None when unknown."""
    out = {" ".join(doc_type.lower().split())} if doc_type else set()
    for sign, types in _TYPE_BY_SIGN:
        if number and sign.search(number):
            out.update(types)
            break
    return out or None


def _best(found: list[tuple[int, str, bool, DateFinding, bool]], own: set[str] | None) -> DateFinding | None:
    """Prefer a sentence surely outside quotations, then the document's own type as subject
    ("Nghị định này" in a Nghị định), then a sentence inside the effect article, then the first."""
    found = [f for f in found if _speaks_for(f[1], own)]
    if not found:
        return None
    ranked = sorted(found, key=lambda f: (f[4], own is not None and f[1] not in own, not f[2], f[0]))
    return ranked[0][3]


# What an issuing document may attach and speak of as its own ("Quy định này" in a Quyết định).
_ATTACHED = {"quy định", "quy chế", "điều lệ", "nội quy", "chương trình", "kế hoạch", "hướng dẫn"}
_ISSUING = {"quyết định", "nghị quyết", "nghị quyết liên tịch", "thông tư", "thông tư liên tịch", "nghị định",
            "chỉ thị"}


def _speaks_for(subject: str, owns: set[str] | None) -> bool:
    """Whether "<subject> này" can be this document: a Công văn quoting "Nghị định này có hiệu
    lực …" speaks of the decree it quotes, not of itself."""
    return owns is None or any(_speaks_as(subject, own) for own in owns)


def _speaks_as(subject: str, own: str) -> bool:
    if own == "văn bản hợp nhất" or subject == "văn bản":
        return True  # unknown type; a consolidated text speaks with its documents' voices
    if subject == own or own.startswith(subject + " ") or subject.startswith(own + " "):
        return True  # "Thông tư này" in a Thông tư liên tịch
    if own == "bộ luật" and subject == "luật":
        return False
    return own in _ISSUING and subject in _ATTACHED


def _subjects(flat: str, quoted: list[tuple[int, int, bool]]):
    """Subjects naming this document, each with whether it may sit in a quotation left unclosed.

    Only near the words that state a term ("hiệu lực", "đến hết"): a long text is not scanned whole.
    """
    for subject in _near_anchors(flat):
        inside = _inside(subject.start(), quoted)
        if inside == "closed":
            continue
        before = flat[max(0, subject.start() - 45):subject.start()]
        if _PART_BEFORE.search(before):
            continue
        if not subject.group("this") and not _CLAUSE_START.search(flat[max(0, subject.start() - 60):subject.start()]):
            continue  # "Quyết định có hiệu lực …" only as a clause of its own ("1. Quyết định có hiệu lực …")
        yield subject, inside == "unclosed"


def _near_anchors(flat: str):
    seen_until = 0
    for anchor in _ANCHOR.finditer(flat):
        lo = max(seen_until, anchor.start() - _MID_LIMIT - 40)
        if lo >= anchor.start():
            continue
        for subject in _SUBJECT.finditer(flat, lo, anchor.start()):
            yield subject
        # A subject may run past ``anchor.start()`` by its own length at most.
        seen_until = anchor.start()


def _effect_findings(flat: str, subjects, signed: str | None) -> list:
    out = []
    headings = [m.start() for m in _EFFECT_HEADING.finditer(flat)]
    for subject, doubtful in subjects:
        mid_end = min(len(flat), subject.end() + _MID_LIMIT + 120)
        m = _EFFECT.search(flat, subject.end(), mid_end)
        if m is None:
            continue
        mid = flat[subject.end():m.start()]
        if len(mid) > _MID_LIMIT or re.search(r"[.;]\s|\bsố\s+\d|\bcó\s+hiệu\s+lực\b", mid):
            continue  # another sentence, another document, or an earlier "có hiệu lực" clause
        if re.search(r"(?:trước|sau)\s+(?:khi|ngày)\s*$|\bkhi\s*$|\bngày\s*$", mid, re.IGNORECASE):
            continue  # "trước khi Nghị định này có hiệu lực": a condition, not the statement
        kind, when = _effect_date(m, mid, signed)
        other = m.group("dep_from") or m.group("dep_with") or m.group("dep_by")
        if other is not None and re.search(r"\bnày\b", other, re.IGNORECASE):
            continue  # "… đồng thời với Nghị định này": itself, no date from it
        sentence = _sentence(flat, subject.start(), m.end())
        in_article = any(0 <= subject.start() - h <= 1500 for h in headings)
        out.append((subject.start(), " ".join(subject.group("type").lower().split()), in_article,
                    DateFinding(when, kind, sentence, " ".join(other.split()) if other else None), doubtful))
    return out


def _effect_date(m: re.Match, mid: str, signed: str | None) -> tuple[str, str | None]:
    explicit = _iso(m, "")
    if explicit:
        return "explicit", explicit
    if m.group("days"):
        base = _parse_iso(signed)
        when = (base + timedelta(days=int(m.group("days")))).isoformat() if base else None
        return "offset", when
    if m.group("dep_from") or m.group("dep_with") or m.group("dep_by"):
        return "dependent", None
    if m.group("passed"):
        adopted = _ADOPTED.search(mid)
        return "signing", (_iso(adopted, "") if adopted else None) or signed
    return "signing", signed


def _expiry_findings(flat: str, subjects) -> list:
    out = []
    for subject, doubtful in subjects:
        m = _EXPIRY.search(flat, subject.end(), min(len(flat), subject.end() + _MID_LIMIT + 160))
        if m is None:
            continue
        mid = flat[subject.end():m.start()]
        if len(mid) > _MID_LIMIT or re.search(r"[.;]\s|\bsố\s+\d", mid):
            continue
        if m.group("year_end"):
            when = f"{int(m.group('year_end')) + 1}-01-01"
        elif m.group("until"):
            last = _parse_iso(_iso(m, "u"))
            when = (last + timedelta(days=1)).isoformat() if last else None
        else:
            when = _iso(m, "x")
        if not when:
            continue
        in_article = True
        out.append((subject.start(), " ".join(subject.group("type").lower().split()), in_article,
                    DateFinding(when, "explicit", _sentence(flat, subject.start(), m.end())), doubtful))
    return out


def _iso(m: re.Match | None, prefix: str) -> str | None:
    if m is None:
        return None
    for n in ("1", "2"):
        d, mo, y = (m.groupdict().get(f"{prefix}{k}{n}") for k in ("d", "m", "y"))
        if d and mo and y:
            try:
                return Date(int(y), int(mo), int(d)).isoformat()
            except ValueError:
                return None
    return None


def _parse_iso(value: str | None) -> Date | None:
    if not value:
        return None
    try:
        return Date.fromisoformat(value[:10])
    except ValueError:
        return None


def _sentence(flat: str, start: int, end: int) -> str:
    """From the clause's start (the item number, the heading's end) to the sentence's end."""
    lo = max(0, start - 200)
    head = flat[lo:start]
    cut = None
    for cut in re.finditer(r"(?:[.;:]\s|\s\d{1,2}\.\s|\s[a-zđ]\)\s)", head):
        pass
    begin = lo + cut.end() if cut else start
    heading = None
    for heading in _EFFECT_HEADING.finditer(flat, begin, start):
        pass
    if heading is not None and not flat[heading.end():start].strip(" 0123456789."):
        begin = heading.end()  # "Điều 9. Hiệu lực thi hành Luật này …": the heading is no part of it
    stop = re.compile(r"(?:\.(?=\s|$)|;|\s(?=[-–]\s))").search(flat, end, min(len(flat), end + 300))
    finish = stop.end() if stop else min(len(flat), end + 300)
    return flat[begin:finish].strip()


def _quoted_spans(flat: str) -> list[tuple[int, int, bool]]:
    """Spans inside “…”, nested or not, and whether both marks were found; an unclosed mark
    (sites drop closing marks) runs at most _QUOTE_LIMIT characters, as a doubt only."""
    spans, opened, depth = [], None, 0
    for m in re.finditer(r"“|[”\"]\.?", flat):
        if m.group() in ("”.", '".') and depth:
            depth = 1  # "…”." ends an amending article's quoted text, whatever marks went astray inside
        if m.group() == "“":
            if depth == 0:
                opened = m.start()
            elif m.start() - opened > _QUOTE_LIMIT:
                spans.append((opened, opened + _QUOTE_LIMIT, False))
                opened, depth = m.start(), 0
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, m.end(), True) if m.end() - opened <= _QUOTE_LIMIT
                             else (opened, opened + _QUOTE_LIMIT, False))
    if depth:
        spans.append((opened, opened + _QUOTE_LIMIT, False))
    return spans


def _inside(pos: int, spans: list[tuple[int, int, bool]]) -> str | None:
    """"closed" inside a quotation with both marks, "unclosed" inside one whose end is a guess."""
    where = None
    for a, b, closed in spans:
        if a < pos < b:
            if closed:
                return "closed"
            where = "unclosed"
    return where
