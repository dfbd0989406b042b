"""Reading what an official typed: filters, quoted phrases, words, a number.

Nothing here raises on odd input: unbalanced quotes, stray operators and
very long queries become plain words (the query is cut at
:data:`MAX_QUERY_CHARS` characters and :data:`MAX_TERMS` syllables).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import query as Q

from kb.identity import issuer_key
from kb.text import clean, fold, fold_key
from indexer.numbers import TYPE_CODES, NumberQuery, parse_number_query
from indexer.segment import syllables
from indexer.sources import validity_code

MAX_QUERY_CHARS = 1000
MAX_TERMS = 32
# Quoted phrases of several syllables each cost a positional query (~20 ms on the
# corpus); 80 of them fit in 500 characters.  A query keeps the first few.
MAX_PHRASES = 6

# Filter keys as typed (folded) → our names.
_FILTER_KEYS = {
    "loai": "type", "type": "type", "kieu": "type",
    "nam": "year", "year": "year",
    "co-quan": "issuer", "coquan": "issuer", "co_quan": "issuer", "issuer": "issuer",
    "noi-ban-hanh": "issuer", "cq": "issuer",
    "hieu-luc": "validity", "hieuluc": "validity", "tinh-trang": "validity",
    "tinhtrang": "validity", "validity": "validity",
    "linh-vuc": "topic", "linhvuc": "topic", "chu-de": "topic", "topic": "topic",
}
_FILTER = re.compile(
    r"(?<![\w-])(" + "|".join(sorted(map(re.escape, _FILTER_KEYS), key=len, reverse=True))
    + r")\s*:\s*(\"[^\"]*\"|“[^”]*”|\S+)"
)
_QUOTED = re.compile(r"\"([^\"]+)\"|“([^”]+)”")
_OPERATORS = re.compile(r"(?<!\w)(AND|OR|NOT)(?!\w)")
_CODE_TO_TYPE: dict[str, str] = {}
for _phrase, _code in TYPE_CODES.items():
    _CODE_TO_TYPE.setdefault(_code, _phrase)


@dataclass
class Filters:
    type: str | None = None  # folded type name ("nghi quyet")
    issuer: str | None = None  # issuer key words ("uy ban nhan dan tinh quang ngai")
    year_from: int | None = None
    year_to: int | None = None
    validity: str | None = None  # code
    topic: str | None = None  # Pháp điển chủ đề or đề mục code ("19", "19.6")

    def is_empty(self) -> bool:
        return not (self.type or self.issuer or self.year_from or self.validity or self.topic)

    def as_query(self) -> Q.Query | None:
        parts: list[Q.Query] = []
        if self.type:
            parts.append(Q.Term("type_k", self.type))
        if self.issuer:
            words = self.issuer.split()
            parts.append(Q.And([Q.Term("issuer_f", w) for w in words]) if len(words) > 1
                         else Q.Term("issuer_f", words[0]))
        if self.year_from:
            if self.year_to and self.year_to != self.year_from:
                parts.append(Q.TermRange("year", str(self.year_from), str(self.year_to)))
            else:
                parts.append(Q.Term("year", str(self.year_from)))
        if self.validity:
            parts.append(Q.Term("validity", self.validity))
        if self.topic:
            parts.append(Q.Term("topic", self.topic))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Q.And(parts)


def type_key(value: str | None) -> str | None:
    """``nghi-quyet``, ``Nghị quyết``, ``NQ`` → ``nghi quyet``."""
    if not value:
        return None
    key = fold_key(value.replace("-", " ").replace("_", " "))
    if key in _CODE_TO_TYPE:
        return _CODE_TO_TYPE[key]
    return key or None


def issuer_words(value: str | None) -> str | None:
    if not value:
        return None
    key = issuer_key(value.replace("-", " ").replace("_", " "))
    return key or None


def parse_years(value) -> tuple[int | None, int | None]:
    if value is None or value == "":
        return None, None
    if isinstance(value, int):
        return value, value
    nums = [int(n) for n in re.findall(r"\d{4}", str(value))]
    if not nums:
        return None, None
    return min(nums), max(nums)


@dataclass
class ParsedQuery:
    raw: str
    words: str  # free text without filters and quoted phrases
    phrases: list[list[str]] = field(default_factory=list)  # quoted, as syllables (accented)
    filters: Filters = field(default_factory=Filters)
    number: NumberQuery | None = None
    notice: str | None = None  # what was left out to bound the work (shown to the user)

    @property
    def syllables(self) -> list[str]:
        return syllables(self.words)[:MAX_TERMS]

    @property
    def accented(self) -> bool:
        text = self.words + " ".join(" ".join(p) for p in self.phrases)
        return fold(text) != text.lower()

    def is_empty(self) -> bool:
        return not self.syllables and not self.phrases


def bound_work(parsed: ParsedQuery) -> None:
    """Cap the costly parts of one query (hardening, issue 12): at most :data:`MAX_PHRASES`
    phrases and :data:`MAX_TERMS` words; what is left out is said in ``parsed.notice``."""
    dropped = []
    if len(parsed.phrases) > MAX_PHRASES:
        dropped.append(f"{len(parsed.phrases) - MAX_PHRASES} cụm trong ngoặc kép")
        del parsed.phrases[MAX_PHRASES:]
    extra = len(syllables(parsed.words)) - MAX_TERMS
    if extra > 0:
        dropped.append(f"{extra} từ")
    if dropped:
        parsed.notice = (f"Câu tìm kiếm quá phức tạp: chỉ tìm theo {MAX_PHRASES} cụm trong ngoặc kép và "
                         f"{MAX_TERMS} từ đầu tiên (bỏ qua {', '.join(dropped)}).")


def parse(query: str) -> ParsedQuery:
    """Split a query into filters, quoted phrases, free words and a number."""
    text = clean(query or "").text[:MAX_QUERY_CHARS]
    filters = Filters()
    # Filters: find keys on the folded text (same offsets), take values from the original.
    folded = fold(text)
    pieces = []
    last = 0
    for m in _FILTER.finditer(folded):
        key = _FILTER_KEYS[m.group(1)]
        value = text[m.start(2):m.end(2)].strip("\"“”")
        if key == "year" and parse_years(value)[0] is None:
            continue  # "Việt Nam: …" is not a year filter
        if key == "type":
            filters.type = type_key(value)
        elif key == "issuer":
            filters.issuer = issuer_words(value)
        elif key == "year":
            filters.year_from, filters.year_to = parse_years(value)
        elif key == "validity":
            filters.validity = validity_code(value.replace("-", " "))
        elif key == "topic":
            filters.topic = value.strip()
        pieces.append(text[last:m.start()])
        last = m.end()
    pieces.append(text[last:])
    text = " ".join(pieces)
    phrases = []
    for m in _QUOTED.finditer(text):
        syl = syllables(m.group(1) or m.group(2))[:MAX_TERMS]
        if syl:
            phrases.append(syl)
    words = _QUOTED.sub(" ", text)
    # Stray operators and unbalanced quotes are just dropped: the rest are words.
    words = _OPERATORS.sub(" ", words).replace('"', " ").replace("“", " ").replace("”", " ")
    parsed = ParsedQuery(raw=query, words=" ".join(words.split()), phrases=phrases, filters=filters)
    bound_work(parsed)
    if not phrases:
        parsed.number = parse_number_query(parsed.words)
    return parsed
