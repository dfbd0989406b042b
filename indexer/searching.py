"""Searching the index: :class:`Searcher` keeps it open; :func:`search` is the one-shot form.

A query is read by :mod:`indexer.query`.  A document number (in any spelling)
is looked up in the number fields first and answers directly; otherwise the
words are searched:

* every syllable must occur, folded (``fsyl``, which leads with the title and
  the issuer): a query without diacritics finds accented text, and pyvi's
  segmentation of the query never decides what matches (``xã hội học tập``
  finds ``xã_hội học_tập``);
* what raises a document: its title (BM25 on ``title_f``, the query as a
  phrase in it), the accented forms when the query has diacritics
  (``title_s``, pyvi ``words``), the document's own number;
* when no document holds every syllable, any of them will do (ranked).

Matching and scoring run in numpy (:mod:`indexer.scoring`).
"""
from __future__ import annotations

import re
import threading
import time
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from whoosh import index as whoosh_index
from whoosh import query as Q

from kb.errors import KbError
from kb.text import fold
from indexer import storage
from indexer.query import Filters, ParsedQuery, issuer_words, parse, parse_years, type_key
from indexer.snippets import make_snippet
from indexer.sources import VALIDITY_LABELS, validity_code
from indexer.scoring import ScoringIndex
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
    notice: str | None = None  # part of the query left out to bound its cost

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
    """One opened generation: Whoosh searcher, numpy scoring, columns as codes."""

    def __init__(self, gen: Path):
        self.gen = gen
        self.ix = whoosh_index.open_dir(str(gen))
        self.searcher = self.ix.searcher()
        self._load()
        self._vocab: dict[str, Vocabulary] = {}

    def _load(self) -> None:
        reader = self.searcher.reader()
        n = reader.doc_count_all()
        self.scoring = ScoringIndex(reader)
        self.title_keys = reader.column_reader("title_key") if reader.has_column("title_key") else None
        self._filters: dict[str, np.ndarray] = {}
        # Facet and date columns as integer codes: counting is np.bincount.
        self.values: dict[str, list[str]] = {}
        self.codes: dict[str, np.ndarray] = {}
        for name in FACETS + ("date",):
            raw: list = []
            if reader.has_column(name):
                col = reader.column_reader(name)
                for i in range(n):
                    try:
                        raw.append(_decode(col[i]))
                    except IndexError:
                        # Whoosh leaves a segment's column short when its last
                        # documents have no value for it.
                        raw.append("")
            else:
                raw = [""] * n
            values = sorted({v for v in raw if v})
            index = {v: i for i, v in enumerate(values)}
            self.values[name] = values
            self.codes[name] = np.array([index.get(v, -1) for v in raw], dtype=np.int64)

    def refresh(self) -> None:
        if not self.searcher.up_to_date():
            self.searcher = self.searcher.refresh()
            self._load()
            self._vocab.clear()

    def filter_mask(self, filt) -> np.ndarray | None:
        if filt is None:
            return None
        key = repr(filt)
        mask = self._filters.get(key)
        if mask is None:
            mask = self.mask_for(filt)
            if len(self._filters) > 64:
                self._filters.clear()
            self._filters[key] = mask
        return mask

    def mask_for(self, q) -> np.ndarray:
        """Documents matching ``q`` as a mask: terms from the numpy postings, the rest by Whoosh."""
        si = self.scoring
        if isinstance(q, Q.Term):
            return si.mask(si.postings(q.fieldname, q.text)) & si.live
        if isinstance(q, (Q.And, Q.Or)) and q.subqueries:
            masks = [self.mask_for(sub) for sub in q.subqueries]
            out = masks[0].copy()
            for m in masks[1:]:
                if isinstance(q, Q.And):
                    out &= m
                else:
                    out |= m
            return out
        mask = np.zeros(si.n, dtype=bool)
        ids = list(self.searcher.docs_for_query(q))
        if ids:
            mask[np.asarray(ids, dtype=np.int64)] = True
        return mask & si.live

    def query_docs(self, q) -> np.ndarray:
        return np.flatnonzero(self.mask_for(q))

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

    # --- keeping current -------------------------------------------------------
    def _check(self) -> _Open | None:
        gen = storage.current_generation(self.root)
        if gen is None:
            if self._open is not None:
                self._open.close()
            self._open = None
            return None
        try:
            if self._open is None or self._open.gen != gen:
                fresh = _Open(gen)
                old, self._open = self._open, fresh
                if old is not None:
                    old.close()
            else:
                self._open.refresh()
        except KbError:
            raise
        except Exception as exc:  # a truncated or damaged segment: one clear line, not Whoosh's
            raise storage.IndexCorrupt(f"chỉ mục tìm kiếm bị hỏng, không mở được ({type(exc).__name__}); "
                                       f"{storage.REBUILD_ADVICE}") from exc
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
        result.notice = parsed.notice
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
MAX_TITLE_TERMS = 10
# Score weights (BM25 per field, plus fixed bonuses); tuned on bench.search_quality.
W_TITLE = 3.0
W_TITLE_PHRASE = 12.0
W_TITLE_NEAR = 5.0
W_ACCENTED = 1.5
W_PHRASE = 4.0
W_NUMBER = 50.0


def _rarest(opened: _Open, folded: list[str], limit: int) -> list[str]:
    """All of a short list; the ``limit`` rarest of a long one (query order kept).

    Syllables the index has never seen are left out while others remain (the
    did-you-mean then offers a correction).
    """
    si = opened.scoring
    df = {f: si.df("fsyl", f) for f in folded}
    known = [f for f in folded if df[f] > 0] or folded
    if len(known) > limit:
        keep = set(sorted(known, key=lambda f: df[f])[:limit])
        known = [f for f in known if f in keep]
    return known


def _text_matches(opened: _Open, parsed: ParsedQuery, fmask, strict: bool):
    """(docnums, scores) of the documents matching the words, unordered."""
    si = opened.scoring
    syls = parsed.syllables
    folded = list(dict.fromkeys(fold(s) for s in syls))
    scores = np.zeros(si.n, dtype=np.float32)
    match = None
    for term in _rarest(opened, folded, MAX_REQUIRED):
        p = si.postings("fsyl", term)
        si.add_bm25(scores, "fsyl", p)
        m = si.mask(p)
        match = m if match is None else (match & m if strict else match | m)
    for phrase in parsed.phrases:
        fp = [fold(x) for x in phrase]
        if len(fp) == 1:
            p = si.postings("fsyl", fp[0])
            si.add_bm25(scores, "fsyl", p)
            m = si.mask(p)
        else:
            docs = opened.query_docs(Q.Phrase("fsyl", fp))
            m = np.zeros(si.n, dtype=bool)
            m[docs] = True
            scores[docs] += W_PHRASE
        match = m if match is None else (match & m if strict else match | m)
    if match is None:
        return None, None
    match &= si.live
    if fmask is not None:
        match &= fmask
    docs = np.flatnonzero(match)
    if not len(docs):
        return docs, scores[docs]
    # What raises a document among the matches.
    title_terms = folded if len(folded) <= MAX_TITLE_TERMS else _rarest(opened, folded, MAX_TITLE_TERMS)
    for term in title_terms:
        si.add_bm25(scores, "title_f", si.postings("title_f", term), W_TITLE)
    fsyls = [fold(x) for x in syls]
    if len(folded) > 1:
        _title_phrases(opened, docs, scores, fsyls)
    if parsed.accented and syls:
        for syl in dict.fromkeys(syls):
            si.add_bm25(scores, "title_s", si.postings("title_s", syl), W_ACCENTED)
        from indexer.segment import default_segmenter

        words = [w for w in default_segmenter().segment(parsed.words).words if "_" in w][:16]
        for word in dict.fromkeys(words):
            # pyvi's words stand in for phrases in the text (cheaper than positions)
            si.add_bm25(scores, "words", si.postings("words", word), W_ACCENTED)
    if parsed.number and parsed.number.key:
        scores[opened.query_docs(Q.Term("numkey", parsed.number.key))] += W_NUMBER
    return docs, scores[docs]


RERANK = 200  # candidates whose titles are checked for the query as a phrase


def _title_phrases(opened: _Open, docs: np.ndarray, scores: np.ndarray, fsyls: list[str]) -> None:
    """Bonus for titles holding the query as a phrase, or its words in order, close together.

    Checked on the best candidates only, from the ``title_key`` column (no
    Whoosh phrase matcher: those cost milliseconds per common title word).
    """
    col = opened.title_keys
    if col is None:
        return
    if len(docs) > RERANK:
        candidates = docs[np.argpartition(-scores[docs], RERANK)[:RERANK]]
    else:
        candidates = docs
    needle = " " + " ".join(fsyls) + " "
    for d in candidates.tolist():
        try:
            key = col[d]
        except IndexError:
            continue
        if not key:
            continue
        title = key.decode("utf-8")
        if needle in " " + title + " ":
            scores[d] += W_TITLE_PHRASE + W_TITLE_NEAR
        elif len(fsyls) <= 12 and _in_order(title.split(), fsyls, 4):
            scores[d] += W_TITLE_NEAR


def _in_order(tokens: list[str], wanted: list[str], gap: int) -> bool:
    """``wanted`` occur in ``tokens`` in this order, each within ``gap`` of the previous."""
    pos = -1
    for w in wanted:
        limit = len(tokens) if pos < 0 else min(len(tokens), pos + gap + 1)
        for i in range(pos + 1, limit):
            if tokens[i] == w:
                pos = i
                break
        else:
            return False
    return True


def _order(opened: _Open, docs: np.ndarray, scores: np.ndarray | None, sort: str) -> np.ndarray:
    """``docs`` best first (or newest first, then best)."""
    if not len(docs):
        return docs
    if scores is None:
        scores = np.zeros(len(docs), dtype=np.float32)
    if sort == "date":
        dates = opened.codes["date"][docs]
        return docs[np.lexsort((-scores, -dates))]
    return docs[np.lexsort((docs, -scores))]


def _facets(opened: _Open, docs: np.ndarray) -> dict[str, list[tuple[str, int]]]:
    out = {}
    for name in FACETS:
        values = opened.values[name]
        codes = opened.codes[name][docs]
        codes = codes[codes >= 0]
        if not len(values) or not len(codes):
            out[name] = []
            continue
        counts = np.bincount(codes, minlength=len(values))
        top = [i for i in np.argsort(-counts, kind="stable")[:30] if counts[i]]
        ranked = [(values[i], int(counts[i])) for i in top]
        out[name] = ranked
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


def _run(opened: _Open, parsed: ParsedQuery, sort: str, page: int, per_page: int,
         snippets: bool) -> SearchResult:
    searcher = opened.searcher
    filt = parsed.filters.as_query()
    fmask = opened.filter_mask(filt)
    result = SearchResult(total=0, hits=[], page=page, per_page=per_page, sort=sort)
    snippet_terms = [fold(s) for s in parsed.syllables] + [fold(s) for p in parsed.phrases for s in p]
    first = (page - 1) * per_page

    # 1. A document number, in any spelling.
    nq = parsed.number
    if nq is not None and (nq.pure or nq.key):
        docs = np.zeros(0, dtype=np.int64)
        if nq.key:
            docs = opened.query_docs(Q.Term("numkey", nq.key))
        if not len(docs) and nq.head:
            docs = opened.query_docs(_number_query(nq))
        docs = docs[opened.scoring.live[docs]] if len(docs) else docs
        if fmask is not None and len(docs):
            docs = docs[fmask[docs]]
        if len(docs):
            docs = _order(opened, docs, None, "date")
            result.total = len(docs)
            result.facets = _facets(opened, docs)
            result.hits = [_hit(searcher.stored_fields(int(d)), 1.0, snippet_terms, snippets)
                           for d in docs[first:first + per_page]]
            if len(docs) == 1:
                result.direct = _decode(searcher.stored_fields(int(docs[0]))["slug"])
            else:
                result.candidates = [_hit(searcher.stored_fields(int(d)), 1.0, [], False)
                                     for d in docs[:MAX_CANDIDATES]]
            return result

    # 2. Words (or only filters).
    if parsed.is_empty():
        if fmask is None:
            return result
        docs, scores = np.flatnonzero(fmask & opened.scoring.live), None
        order = _order(opened, docs, None, "date")
    else:
        docs, scores = _text_matches(opened, parsed, fmask, strict=True)
        if docs is not None and not len(docs):
            docs, scores = _text_matches(opened, parsed, fmask, strict=False)
        if docs is None:
            return result
        order = _order(opened, docs, scores, sort)
    score_of = dict(zip(docs.tolist(), scores.tolist())) if scores is not None else {}
    result.total = len(docs)
    result.facets = _facets(opened, docs)
    result.did_you_mean = _did_you_mean(opened, parsed)
    result.hits = [_hit(searcher.stored_fields(int(d)), score_of.get(int(d), 0.0), snippet_terms, snippets)
                   for d in order[first:first + per_page]]
    return result


def _did_you_mean(opened: _Open, parsed: ParsedQuery) -> str | None:
    """The query with unknown syllables replaced, when that changes anything.

    Cheap when nothing is unknown: the vocabulary is only built (once) when a
    syllable of the query is absent from the index.
    """
    syls = parsed.syllables
    if not syls or len(syls) > 12:
        return None
    si = opened.scoring
    unknown = [s for s in syls if not s[0].isdigit() and si.df("fsyl", fold(s)) == 0]
    if not unknown:
        return None
    accented = parsed.accented
    vocab = opened.vocabulary(folded=not accented)
    fixes = {}
    for s in unknown:
        fixed = vocab.correct(s if accented else fold(s))
        if fixed:
            fixes[s] = fixed
    if not fixes:
        return None
    # Replace the words as typed, keeping the rest of the query (phrases, filters).
    from kb.text import canonical_tones
    from indexer.segment import lower_keep_length

    def repl(m: re.Match) -> str:
        return fixes.get(lower_keep_length(canonical_tones(m.group())), m.group())

    return re.sub(r"\w+", repl, " ".join(parsed.raw.split())[:1000])


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
