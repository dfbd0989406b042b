"""Searching the index: :class:`Searcher` keeps it open; :func:`search` is the one-shot form.

A query is read by :mod:`indexer.query`.  A document number (in any spelling)
is looked up in the number fields first and answers directly; otherwise the
words are searched:

* every syllable must occur, folded (``fsyl`` or ``title_f``): a query without
  diacritics finds accented text, and pyvi's segmentation of the query never
  decides what matches (``xã hội học tập`` finds ``xã_hội học_tập``);
* what raises a document: the words as a phrase (in the title most), the
  accented forms when the query has diacritics (``title_s``, pyvi ``words``),
  the document's own number;
* when no document holds every syllable, any of them will do (ranked).
"""
from __future__ import annotations

import threading
import time
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as Q

from kb.errors import KbError
from kb.text import fold
from indexer import storage
from indexer.query import Filters, ParsedQuery, issuer_words, parse, parse_years, type_key
from indexer.snippets import make_snippet
from indexer.sources import VALIDITY_LABELS, validity_code
from indexer.spelling import Vocabulary

FACETS = ("type", "issuer", "year", "validity")
MAX_PER_PAGE = 100
MAX_CANDIDATES = 50


class IndexMissing(KbError):
    """There is no index yet (``python -m kb index`` builds it)."""


@dataclass
class Hit:
    slug: str
    number: str | None
    type: str | None
    issuer: str | None
    date: str | None
    title: str | None
    score: float
    snippet_html: str
    validity: str | None  # label ("Còn hiệu lực", …)
    validity_code: str | None = None
    snippet: str = ""  # plain text
    year: str | None = None
    stub: bool = False

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    did_you_mean: str | None = None
    direct: str | None = None  # slug, when the query is a number naming one document
    candidates: list[Hit] = field(default_factory=list)  # when a number names several
    page: int = 1
    per_page: int = 20
    query: str = ""
    sort: str = "relevance"
    seconds: float = 0.0

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def to_json(self) -> dict:
        """The ``kb search --json`` object (DESIGN.md), plus facets and paging."""
        return {
            "total": self.total,
            "hits": [
                {
                    "slug": h.slug, "number": h.number, "type": h.type, "issuer": h.issuer,
                    "date": h.date, "title": h.title, "score": round(h.score, 4),
                    "snippet": h.snippet, "snippet_html": h.snippet_html,
                    "validity": h.validity,
                }
                for h in self.hits
            ],
            "page": self.page,
            "per_page": self.per_page,
            "sort": self.sort,
            "did_you_mean": self.did_you_mean,
            "direct": self.direct,
            "candidates": [h.slug for h in self.candidates],
            "facets": {k: [[v, n] for v, n in vals] for k, vals in self.facets.items()},
        }


class _Open:
    """One opened generation: Whoosh searcher plus per-document columns for facets."""

    def __init__(self, gen: Path):
        self.gen = gen
        self.ix = whoosh_index.open_dir(str(gen))
        self.searcher = self.ix.searcher()
        self._load_columns()
        self._vocab: dict[str, Vocabulary] = {}

    def _load_columns(self) -> None:
        reader = self.searcher.reader()
        self.columns = {}
        for name in FACETS + ("date",):
            if reader.has_column(name):
                col = reader.column_reader(name)
                self.columns[name] = [col[i] for i in range(reader.doc_count_all())]
            else:
                self.columns[name] = []

    def refresh(self) -> None:
        if not self.searcher.up_to_date():
            self.searcher = self.searcher.refresh()
            self._load_columns()
            self._vocab.clear()

    def vocabulary(self, folded: bool) -> Vocabulary:
        key = "fsyl" if folded else "words"
        if key not in self._vocab:
            self._vocab[key] = Vocabulary.from_reader(self.searcher.reader(), key,
                                                      split_words=not folded)
        return self._vocab[key]

    def close(self) -> None:
        try:
            self.searcher.close()
        finally:
            self.ix.close()


def _decode(value) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return value or ""


class Searcher:
    """Keeps the index open between queries; follows updates and rebuilds.

    Thread-safe (queries are serialized: one Python process serves about one
    core anyway).  ``preload`` loads pyvi and the spelling vocabulary now, not
    on the first query.
    """

    def __init__(self, data_dir=None, *, index_dir: Path | None = None, preload: bool = True):
        if index_dir is None:
            from kb.config import data_dir as default_data_dir, index_path

            index_dir = index_path(Path(data_dir) if data_dir else default_data_dir())
        self.root = Path(index_dir)
        self._lock = threading.RLock()
        self._open: _Open | None = None
        self._check()
        if preload:
            from indexer.segment import default_segmenter

            default_segmenter()
            if self._open is not None:
                self._open.vocabulary(folded=False)

    # --- keeping current -------------------------------------------------------
    def _check(self) -> _Open | None:
        gen = storage.current_generation(self.root)
        if gen is None:
            if self._open is not None:
                self._open.close()
            self._open = None
            return None
        if self._open is None or self._open.gen != gen:
            fresh = _Open(gen)
            old, self._open = self._open, fresh
            if old is not None:
                old.close()
        else:
            self._open.refresh()
        return self._open

    def close(self) -> None:
        with self._lock:
            if self._open is not None:
                self._open.close()
                self._open = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def doc_count(self) -> int:
        with self._lock:
            opened = self._check()
            return opened.searcher.doc_count() if opened else 0

    # --- searching ------------------------------------------------------------
    def search(self, query: str, *, type: str | None = None, issuer: str | None = None,
               year=None, validity: str | None = None, sort: str = "relevance",
               page: int = 1, per_page: int = 20, snippets: bool = True) -> SearchResult:
        started = time.perf_counter()
        with self._lock:
            opened = self._check()
            if opened is None:
                raise IndexMissing("chưa có chỉ mục tìm kiếm; hãy chạy: python -m kb index")
            parsed = parse(query)
            _merge_options(parsed.filters, type, issuer, year, validity)
            per_page = max(1, min(int(per_page or 20), MAX_PER_PAGE))
            page = max(1, int(page or 1))
            sort = "date" if sort == "date" else "relevance"
            result = _run(opened, parsed, sort, page, per_page, snippets)
        result.query = query
        result.seconds = time.perf_counter() - started
        return result


def _merge_options(filters: Filters, type, issuer, year, validity) -> None:
    """Options given beside the query win over filters written in it."""
    if type:
        filters.type = type_key(type)
    if issuer:
        filters.issuer = issuer_words(issuer)
    if year:
        filters.year_from, filters.year_to = parse_years(year)
    if validity:
        filters.validity = validity_code(validity)


# --- the work ----------------------------------------------------------------------
def _number_query(nq) -> Q.Query:
    parts: list[Q.Query] = [Q.Term("numhead", nq.head)]
    for sym in dict.fromkeys(nq.symbols):
        parts.append(Q.Term("numsym", sym))
    for y in nq.years:
        parts.append(Q.Or([Q.Term("numsym", y), Q.Term("year", y)]))
    return Q.And(parts) if len(parts) > 1 else parts[0]


MAX_REQUIRED = 6  # long queries (a pasted title): the rarest syllables decide what matches


def _required_terms(opened: _Open, folded: list[str], strict: bool,
                    limit: int = MAX_REQUIRED) -> list[str]:
    """The syllables a match must hold: all of a short query, the rarest of a long one.

    Syllables the index has never seen are left out while others remain (the
    did-you-mean then offers a correction).
    """
    reader = opened.searcher.reader()
    df = {f: reader.doc_frequency("fsyl", f) for f in folded}
    known = [f for f in folded if df[f] > 0] or folded
    if len(known) > limit:
        keep = set(sorted(known, key=lambda f: df[f])[:limit])
        known = [f for f in known if f in keep]
    return known


def _text_query(opened: _Open, parsed: ParsedQuery, strict: bool) -> Q.Query | None:
    syls = parsed.syllables
    folded = list(dict.fromkeys(fold(s) for s in syls))
    required: list[Q.Query] = [Q.Term("fsyl", f) for f in _required_terms(opened, folded, strict)]
    for phrase in parsed.phrases:
        fp = [fold(s) for s in phrase]
        required.append(Q.Phrase("fsyl", fp) if len(fp) > 1 else Q.Term("fsyl", fp[0]))
    if not required:
        return None
    optional: list[Q.Query] = []
    if folded:
        # Titles are short: term and phrase checks there decide known items.  Each
        # term costs a matcher (~0.2 ms), so a long query uses its rarer syllables.
        title_terms = folded if len(folded) <= 10 else _required_terms(opened, folded, True, 10)
        optional.append(Q.Or([Q.Term("title_f", f) for f in title_terms], boost=3.0))
    if len(folded) > 1:
        optional.append(Q.Phrase("title_f", [fold(s) for s in syls], boost=6.0))
        if len(folded) <= 12:
            optional.append(Q.Phrase("title_f", [fold(s) for s in syls], slop=4, boost=3.0))
    if parsed.accented and syls:
        optional.append(Q.Or([Q.Term("title_s", s) for s in dict.fromkeys(syls)], boost=1.5))
        from indexer.segment import default_segmenter

        words = [w for w in default_segmenter().segment(parsed.words).words if "_" in w][:16]
        if words:
            # pyvi's words stand in for phrases in the text (cheaper than positions)
            optional.append(Q.Or([Q.Term("words", w) for w in dict.fromkeys(words)], boost=1.5))
    if parsed.number and parsed.number.key:
        optional.append(Q.Term("numkey", parsed.number.key, boost=20.0))
    if strict:
        main = Q.And(required) if len(required) > 1 else required[0]
    else:
        main = Q.Or(required)
    return Q.AndMaybe(main, Q.Or(optional)) if optional else main


def _docset(opened: _Open, q: Q.Query | None, filt: Q.Query | None) -> list[int]:
    searcher = opened.searcher
    if q is None:
        q = Q.Every()
    docs = set(searcher.docs_for_query(q))
    if filt is not None:
        docs &= set(searcher.docs_for_query(filt))
    return sorted(docs)


def _facets(opened: _Open, docnums: list[int]) -> dict[str, list[tuple[str, int]]]:
    out = {}
    for name in FACETS:
        col = opened.columns.get(name) or []
        counts: dict[str, int] = {}
        for d in docnums:
            if d < len(col):
                v = _decode(col[d])
                if v:
                    counts[v] = counts.get(v, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if name == "validity":
            ranked = [(VALIDITY_LABELS.get(v, v), n) for v, n in ranked]
        out[name] = ranked[:30]
    return out


def _hit(fields: dict, score: float, snippet_terms, snippets: bool) -> Hit:
    body = ""
    if snippets and fields.get("body"):
        body = zlib.decompress(fields["body"]).decode("utf-8")
    snip = make_snippet(body, snippet_terms) if snippets else None
    code = fields.get("validity")
    return Hit(
        slug=fields["slug"],
        number=fields.get("number"),
        type=fields.get("type"),
        issuer=fields.get("issuer"),
        date=fields.get("date"),
        title=fields.get("title"),
        score=float(score or 0.0),
        snippet_html=snip.html if snip else "",
        validity=fields.get("validity_label") or VALIDITY_LABELS.get(code or "", None),
        validity_code=code,
        snippet=snip.text if snip else "",
        year=fields.get("year"),
        stub=bool(fields.get("stub")),
    )


def _matches(opened: _Open, q, filt, sort: str) -> list[tuple[int, float]]:
    """Every matching (docnum, score), best first (or newest first): one pass.

    Facets need every match anyway, so one scored pass over all of them costs
    less than a count pass plus a top-N pass.
    """
    searcher = opened.searcher
    if q is None or sort == "date":
        docs = _docset(opened, q, filt)
        dates = opened.columns.get("date") or []
        docs.sort(key=lambda d: _decode(dates[d]) if d < len(dates) else "", reverse=True)
        return [(d, 0.0) for d in docs]
    results = searcher.search(q, limit=None, filter=filt)
    return [(docnum, score) for score, docnum in results.top_n]


def _run(opened: _Open, parsed: ParsedQuery, sort: str, page: int, per_page: int,
         snippets: bool) -> SearchResult:
    searcher = opened.searcher
    filt = parsed.filters.as_query()
    result = SearchResult(total=0, hits=[], page=page, per_page=per_page, sort=sort)
    snippet_terms = [fold(s) for s in parsed.syllables] + [fold(s) for p in parsed.phrases for s in p]

    # 1. A document number, in any spelling.
    nq = parsed.number
    if nq is not None and (nq.pure or nq.key):
        docs: list[int] = []
        if nq.key:
            docs = _docset(opened, Q.Term("numkey", nq.key), filt)
        if not docs and nq.head:
            docs = _docset(opened, _number_query(nq), filt)
        if docs:
            dates = opened.columns.get("date") or []
            docs.sort(key=lambda d: _decode(dates[d]) if d < len(dates) else "", reverse=True)
            result.total = len(docs)
            result.facets = _facets(opened, docs)
            chosen = docs[(page - 1) * per_page: page * per_page]
            hits = [_hit(searcher.stored_fields(d), 1.0, snippet_terms, snippets) for d in chosen]
            result.hits = hits
            if len(docs) == 1:
                result.direct = _decode(searcher.stored_fields(docs[0])["slug"])
            else:
                result.candidates = [
                    _hit(searcher.stored_fields(d), 1.0, [], False) for d in docs[:MAX_CANDIDATES]
                ]
            return result

    # 2. Words (or only filters).
    q = _text_query(opened, parsed, strict=True)
    if q is None and filt is None:
        return result
    matches = _matches(opened, q, filt, sort)
    if not matches and q is not None:
        loose = _text_query(opened, parsed, strict=False)
        matches = _matches(opened, loose, filt, sort)
    result.total = len(matches)
    result.facets = _facets(opened, [d for d, _ in matches])
    result.did_you_mean = _did_you_mean(opened, parsed, len(matches))
    chosen = matches[(page - 1) * per_page: page * per_page]
    result.hits = [_hit(searcher.stored_fields(d), s, snippet_terms, snippets) for d, s in chosen]
    return result


def _did_you_mean(opened: _Open, parsed: ParsedQuery, total: int) -> str | None:
    """The query with unknown syllables replaced, when that changes anything."""
    syls = parsed.syllables
    if not syls or len(syls) > 12:
        return None
    accented = parsed.accented
    vocab = opened.vocabulary(folded=not accented)
    changed = False
    out = []
    for s in syls:
        key = s if accented else fold(s)
        fixed = vocab.correct(key)
        if fixed:
            out.append(fixed)
            changed = True
        else:
            out.append(s)
    return " ".join(out) if changed else None


# --- one-shot ------------------------------------------------------------------------
_searchers: dict[Path, Searcher] = {}
_searchers_lock = threading.Lock()


def search(data_dir, query: str, **options) -> SearchResult:
    """Search the index of ``data_dir`` (a :class:`Searcher` is kept per directory)."""
    from kb.config import index_path

    root = index_path(Path(data_dir)).resolve()
    with _searchers_lock:
        searcher = _searchers.get(root)
        if searcher is None:
            searcher = _searchers[root] = Searcher(index_dir=root, preload=False)
    return searcher.search(query, **options)
