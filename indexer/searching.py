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
* when no document holds every syllable, any of them will do (ranked);
* syllable pairs (``fbi``) raise the texts holding the query's words together
  and in order; the question's wording (:mod:`indexer.questions`) is left out.

Articles (``unit="article"``) are searched in the generation's second index,
one entry per Điều (see :func:`_article_scores`); a document hit carries its
best article.  "điều 5 nghị định 30/2020" answers that article directly.
Results are :class:`indexer.results.SearchResult` (codes, not labels).
Matching and scoring run in numpy (:mod:`indexer.scoring`).
"""
from __future__ import annotations

import json
import math
import re
import threading
import time
from pathlib import Path

import numpy as np

from whoosh import index as whoosh_index
from whoosh import query as Q

from kb.errors import KbError
from kb.structure.anchors import pinpoint_anchor
from kb.text import fold
from indexer import bodies, storage
from indexer.analysis import ARTICLES
from indexer.build import TOPICS_FILE
from indexer.numbers import parse_number_query
from indexer.query import Filters, ParsedQuery, issuer_words, parse, parse_years, type_key
from indexer.questions import QueryTerms, definition_question, query_terms
from indexer.results import ArticleRef, Hit, SearchResult
from indexer.snippets import MAX_SCAN, WIDTH, make_snippet
from indexer.sources import validity_code
from indexer.scoring import ScoringIndex
from indexer.spelling import Vocabulary

FACETS = ("type", "issuer", "year", "validity", "topic1")
FACET_OUT = {"topic1": "topic"}  # column → facet name in results
DOC_FIELDS = ("fsyl", "title_f", "title_s", "words", "asyl", "fbi")
ARTICLE_FIELDS = ("fsyl", "asyl", "fbi", "head_f", "dtitle_f")
MAX_PER_PAGE = 100
MAX_CANDIDATES = 50
UNITS = ("document", "article")


class IndexMissing(KbError):
    """There is no index yet (``python -m kb index`` builds it)."""


class _Open:
    """One opened generation: Whoosh searcher, numpy scoring, columns as codes."""

    def __init__(self, gen: Path, indexname: str | None = None):
        self.gen = gen
        self.indexname = indexname
        self.ix = whoosh_index.open_dir(str(gen), indexname=indexname) if indexname else whoosh_index.open_dir(str(gen))
        self.searcher = self.ix.searcher()
        self._load()
        self._vocab: dict[str, Vocabulary] = {}
        # The article index of the same generation (one entry per Điều).
        self.articles: _Open | None = _Open(gen, ARTICLES) if indexname is None else None
        # The document index, for an article part: article texts are spans of their documents'.
        self.documents: _Open | None = None
        if self.articles is not None:
            self.articles.documents = self
        self._doc_bodies: dict[str, bytes | None] = {}
        # slug → docnum: Whoosh's term lookup costs ~0.15 ms, paid once per document, not per hit
        self._docnums: dict[str, int | None] = {}
        self.topic_names: dict[str, str] = {}
        if indexname is None and (gen / TOPICS_FILE).exists():
            self.topic_names = json.loads((gen / TOPICS_FILE).read_text(encoding="utf-8"))

    def _load(self) -> None:
        reader = self.searcher.reader()
        n = reader.doc_count_all()
        article = self.indexname == ARTICLES
        self.scoring = (ScoringIndex(reader, ARTICLE_FIELDS, k1=A_K1) if article
                        else ScoringIndex(reader, DOC_FIELDS))
        self.title_keys = reader.column_reader("title_key") if _has_column(reader, "title_key") else None
        self.bodies = reader.column_reader("body") if _has_column(reader, "body") else None
        self._filters: dict[str, np.ndarray] = {}
        # Facet and date columns as integer codes: counting is np.bincount.
        self.values: dict[str, list[str]] = {}
        self.codes: dict[str, np.ndarray] = {}
        for name in FACETS + ("date", "dup") + (("doc",) if article else ()):
            raw: list = []
            if _has_column(reader, name):
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
        if article:
            self.doc_code = {v: i for i, v in enumerate(self.values["doc"])}
        # Entries whose text another entry shares (``dup``): the only ones that
        # showing each text once has to sort out.
        dup = self.codes["dup"]
        per_code = np.bincount(dup[dup >= 0], minlength=len(self.values["dup"]))
        self.shared_text = (dup >= 0) & (per_code[np.maximum(dup, 0)] > 1) if len(dup) else np.zeros(0, dtype=bool)
        self._headings: dict[int, tuple[list[str], dict[str, float], float]] = {}

    def heading_pairs(self, docnum: int) -> tuple[list[str], dict[str, float], float]:
        """An article heading's folded syllables, its syllable pairs with their idf, and their
        sum (cached per generation: the idf of a pair costs a term lookup)."""
        found = self._headings.get(docnum)
        if found is None:
            from indexer.segment import syllables

            heading = self.searcher.stored_fields(docnum).get("heading") or ""
            head = [fold(s) for s in syllables(heading)]
            si = self.scoring
            weights = {}
            if len(head) > 1:
                for a, b in zip(head, head[1:]):
                    pair = a + " " + b
                    weights[pair] = _idf(si, si.term_df("fbi", pair))
            if len(self._headings) > 200_000:
                self._headings.clear()
            found = self._headings[docnum] = (head, weights, sum(weights.values()))
        return found

    def doc_of(self, docnum: int) -> str:
        """The document slug of an article entry."""
        return self.values["doc"][self.codes["doc"][docnum]]

    def document_blob(self, slug: str) -> bytes | None:
        """A document's compressed text (the last few are kept: a page's articles share documents)."""
        if slug not in self._doc_bodies:
            if slug not in self._docnums:
                self._docnums[slug] = self.searcher.document_number(slug=slug)
            docnum = self._docnums[slug]
            if len(self._doc_bodies) >= 16:
                self._doc_bodies.pop(next(iter(self._doc_bodies)))
            self._doc_bodies[slug] = _blob(self, docnum) if docnum is not None else None
        return self._doc_bodies[slug]

    def refresh(self) -> None:
        if not self.searcher.up_to_date():
            self.searcher = self.searcher.refresh()
            self._load()
            self._vocab.clear()
            self._doc_bodies.clear()
            self._docnums.clear()
        if self.articles is not None:
            self.articles.refresh()

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
            if self.articles is not None:
                self.articles.close()
            self.searcher.close()
        finally:
            self.ix.close()


def _blob(part: "_Open", docnum: int) -> bytes | None:
    if part.bodies is None:
        return None
    try:
        return part.bodies[docnum] or None
    except IndexError:  # a segment's column is short when its last entries have no text
        return None


def _body(part: "_Open", docnum: int) -> str:
    """The text of one entry as far as its snippet may read (an article's may be a span of its
    document's)."""
    return bodies.text_of(_blob(part, docnum), lambda: part.documents.document_blob(part.doc_of(docnum))
                          if part.documents is not None else None, limit=SNIPPET_READS)


def _has_column(reader, name: str) -> bool:
    return name in reader.schema.names() and reader.has_column(name)


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
               year=None, validity: str | None = None, topic: str | None = None,
               sort: str = "relevance", page: int = 1, per_page: int = 20, snippets: bool = True,
               unit: str = "document") -> SearchResult:
        """Search documents (``unit="document"``) or articles (``unit="article"``)."""
        started = time.perf_counter()
        with self._lock:
            opened = self._check()
            if opened is None:
                raise IndexMissing("chưa có chỉ mục tìm kiếm; hãy chạy: python -m kb index")
            parsed = parse(query)
            _merge_options(parsed.filters, type, issuer, year, validity, topic)
            per_page = max(1, min(int(per_page or 20), MAX_PER_PAGE))
            page = max(1, int(page or 1))
            sort = "date" if sort == "date" else "relevance"
            unit = "article" if unit == "article" else "document"
            result = _run_corrected(opened, parsed, sort, page, per_page, snippets, unit)
            result.topic_names = opened.topic_names
        result.notice = parsed.notice
        result.query = query
        result.unit = unit
        result.filters = _filters_json(parsed.filters, type, issuer, year, validity, topic)
        result.seconds = time.perf_counter() - started
        return result


def _merge_options(filters: Filters, type, issuer, year, validity, topic=None) -> None:
    """Options given beside the query win over filters written in it."""
    if type:
        filters.type = type_key(type)
    if issuer:
        filters.issuer = issuer_words(issuer)
    if year:
        filters.year_from, filters.year_to = parse_years(year)
    if validity:
        filters.validity = validity_code(validity)
    if topic:
        filters.topic = str(topic).strip()


def _filters_json(filters: Filters, type, issuer, year, validity, topic) -> dict:
    """The filters that applied, as given (options) or as read from the query (codes)."""
    out = {}
    if filters.type:
        out["type"] = type or filters.type
    if filters.issuer:
        out["issuer"] = issuer or filters.issuer
    if filters.year_from:
        out["year"] = (str(year) if year else
                       (f"{filters.year_from}-{filters.year_to}" if filters.year_to and filters.year_to != filters.year_from
                        else str(filters.year_from)))
    if filters.validity:
        out["validity"] = filters.validity
    if getattr(filters, "topic", None):
        out["topic"] = filters.topic
    return out


# --- the work ----------------------------------------------------------------------
def _number_query(nq) -> Q.Query:
    parts: list[Q.Query] = [Q.Term("numhead", nq.head)]
    for sym in dict.fromkeys(nq.symbols):
        parts.append(Q.Term("numsym", sym))
    for y in nq.years:
        parts.append(Q.Or([Q.Term("numsym", y), Q.Term("year", y)]))
    return Q.And(parts) if len(parts) > 1 else parts[0]


def _numbered_docs(opened: "_Open", nq) -> np.ndarray:
    """The live documents a number names: its exact key, else its head, symbols and years."""
    docs = np.zeros(0, dtype=np.int64)
    if nq.key:
        docs = opened.query_docs(Q.Term("numkey", nq.key))
    if not len(docs) and nq.head:
        docs = opened.query_docs(_number_query(nq))
    return docs[opened.scoring.live[docs]] if len(docs) else docs


MAX_REQUIRED = 6  # long queries (a pasted title): the rarest syllables decide what matches
MAX_TITLE_TERMS = 10
# Score weights (BM25 per field, plus fixed bonuses); documents tuned on
# bench.search_quality, articles on bench.legal_qa (ALQAC, development sets).
W_TITLE = 3.0
W_TITLE_PHRASE = 12.0
W_TITLE_NEAR = 5.0
W_ACCENTED = 1.5
W_PHRASE = 4.0
W_NUMBER = 50.0
W_BIGRAM = 1.0  # syllable pairs in the text: the query's words together and in order
# articles
A_ACCENTED = 0.6
A_BIGRAM = 1.5
A_HEADING = 0.4
A_DOC_TITLE = 0.5
# Articles are short and a question names each thing once: holding one more of its words
# says more than repeating one (k1 1.2 → 0.9 → 0.4: ALQAC MRR@10 2024 0.850 → 0.855 → 0.877,
# 2022 0.938 → 0.941 → 0.944; each set alone picks 0.25–0.4).
A_K1 = 0.4
A_DEFINITION = 32.0  # "X là …" when the question asks what X means: that article first (16–1000: same ALQAC)
# The question names the article's heading (ALQAC: 2024 +0.008 MRR@10 at 8, the best of
# 2–16; 2022, the check, +0.0005; 20 candidates or 100: the same).
A_HEAD_COVER = 8.0
A_HEAD_RERANK = 20
A_MAX_TERMS = 32  # syllables scored in a long question (the rarest)
A_MAX_PAIRS = 32  # syllable pairs scored (in the question's order)
A_SKIP_DF = 0.6  # a syllable in more than this share of the articles adds nothing worth its cost
SHORT_QUERY = 3  # content syllables up to which every one is required


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


def _text_matches(opened: _Open, parsed: ParsedQuery, terms: QueryTerms, fmask, strict: bool):
    """(docnums, scores) of the documents matching the words, unordered."""
    si = opened.scoring
    syls = terms.syllables
    folded = list(dict.fromkeys(terms.folded))
    scores = np.zeros(si.n, dtype=np.float32)
    match = None
    for term in _rarest(opened, folded, MAX_REQUIRED) if folded else []:
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
    for pair in dict.fromkeys(terms.bigrams):
        si.add_bm25(scores, "fbi", si.postings("fbi", pair), W_BIGRAM)
    fsyls = [fold(x) for x in syls]
    if len(folded) > 1:
        _title_phrases(opened, docs, scores, fsyls)
    if parsed.accented and syls:
        for syl in dict.fromkeys(syls):
            si.add_bm25(scores, "title_s", si.postings("title_s", syl), W_ACCENTED)
            si.add_bm25(scores, "asyl", si.postings("asyl", syl), W_ACCENTED)
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


def _order(opened: _Open, docs: np.ndarray, scores: np.ndarray | None, sort: str,
           need: int | None = None) -> np.ndarray:
    """``docs`` best first (or newest first, then best); one of each text (``dup``)."""
    if not len(docs):
        return docs
    if scores is None:
        scores = np.zeros(len(docs), dtype=np.float32)
    if sort == "date":
        dates = opened.codes["date"][docs]
        ordered = docs[np.lexsort((-scores, -dates))]
    elif need and len(docs) > 4 * need + 64:
        # only the first pages are shown: sort the best few, after one partial selection
        k = 4 * need + 64
        top = np.argpartition(-scores, k)[:k]
        ordered = _once(opened, docs[top][np.lexsort((docs[top], -scores[top]))])
        if len(ordered) >= need:
            return ordered
        ordered = docs[np.lexsort((docs, -scores))]
    else:
        ordered = docs[np.lexsort((docs, -scores))]
    return _once(opened, ordered)


def _visible(opened: _Open, docs: np.ndarray, scores: np.ndarray | None, sort: str) -> np.ndarray:
    """``docs`` with each text once, as :func:`_order` shows them (the first of each ``dup`` group).

    Linear in ``docs``: only entries sharing their text with another are sorted.
    """
    shared = opened.shared_text[docs] if len(docs) else np.zeros(0, dtype=bool)
    if not shared.any():
        return docs
    idx = np.flatnonzero(shared)
    cand = docs[idx]
    cand_scores = scores[idx] if scores is not None else np.zeros(len(idx), dtype=np.float32)
    if sort == "date":
        ranked = np.lexsort((cand, -cand_scores, -opened.codes["date"][cand]))
    else:
        ranked = np.lexsort((cand, -cand_scores))
    cand = cand[ranked]
    _, first = np.unique(opened.codes["dup"][cand], return_index=True)
    return np.concatenate([docs[~shared], cand[first]])


def _once(opened: _Open, ordered: np.ndarray) -> np.ndarray:
    """The first of each ``dup`` group: the same text from two records shows once."""
    if not len(ordered):
        return ordered
    shared = opened.shared_text[ordered]
    if not shared.any():
        return ordered
    idx = np.flatnonzero(shared)
    _, first = np.unique(opened.codes["dup"][ordered[idx]], return_index=True)
    keep = ~shared
    keep[idx[first]] = True
    return ordered[keep]


def _facets(opened: _Open, docs: np.ndarray) -> dict[str, list[tuple[str, int]]]:
    out = {}
    for name in FACETS:
        values = opened.values[name]
        codes = opened.codes[name][docs]
        codes = codes[codes >= 0]
        key = FACET_OUT.get(name, name)
        if not len(values) or not len(codes):
            out[key] = []
            continue
        counts = np.bincount(codes, minlength=len(values))
        top = [i for i in np.argsort(-counts, kind="stable")[:30] if counts[i]]
        out[key] = [(values[i], int(counts[i])) for i in top]
    return out


SNIPPET_READS = MAX_SCAN + 4 * WIDTH  # characters: past the scan, a window's end and its ellipsis
MAX_SNIPPET_TERMS = 12  # a long question marks its rarest words, not "của" and "được"


def _snippet_terms(opened: _Open, terms: list[str]) -> list[str]:
    distinct = list(dict.fromkeys(t for t in terms if t))
    if len(distinct) <= MAX_SNIPPET_TERMS:
        return distinct
    si = opened.scoring
    # frequencies from the term index: no posting list is read for "của" just to rank it last
    return sorted(distinct, key=lambda t: si.term_df("fsyl", t))[:MAX_SNIPPET_TERMS]


def _add_snippet(hit: Hit, body: str, terms: list[str]) -> None:
    snip = make_snippet(body, terms)
    hit.snippet, hit.snippet_html = snip.text, snip.html


def _hit(part: "_Open", docnum: int, score: float, snippet_terms, snippets: bool) -> Hit:
    fields = part.searcher.stored_fields(docnum)
    body = _body(part, docnum) if snippets else ""
    snip = make_snippet(body, snippet_terms) if snippets else None
    article = None
    if fields.get("anchor"):
        article = ArticleRef(number=fields.get("anum"), title=fields.get("heading"), anchor=fields["anchor"])
    return Hit(
        slug=fields.get("doc") or fields["slug"],
        number=fields.get("number"),
        type=fields.get("type"),
        issuer=fields.get("issuer"),
        date=fields.get("date"),
        title=fields.get("title"),
        score=float(score or 0.0),
        snippet_html=snip.html if snip else "",
        validity=fields.get("validity"),
        snippet=snip.text if snip else "",
        year=fields.get("year"),
        stub=bool(fields.get("stub")),
        topics=[t for t in (fields.get("topic") or "").split(",") if t],
        article=article,
    )


def _run_corrected(opened: _Open, parsed: ParsedQuery, sort: str, page: int, per_page: int,
                   snippets: bool, unit: str) -> SearchResult:
    """The query as typed, or its correction when a syllable is unknown and the correction finds something."""
    nq = parsed.number
    if (nq is not None and (nq.pure or nq.key)) or _article_pinpoint(parsed.words):
        return _run(opened, parsed, sort, page, per_page, snippets, unit)  # numbers are not typos
    suggestion = _did_you_mean(opened, parsed)
    if suggestion:
        fixed = parse(suggestion)
        fixed.filters = parsed.filters
        result = _run(opened, fixed, sort, page, per_page, snippets, unit)
        if result.total:
            result.did_you_mean = suggestion
            result.corrected = True
            return result
    result = _run(opened, parsed, sort, page, per_page, snippets, unit)
    result.did_you_mean = suggestion
    return result


def _run(opened: _Open, parsed: ParsedQuery, sort: str, page: int, per_page: int,
         snippets: bool, unit: str = "document") -> SearchResult:
    searcher = opened.searcher
    filt = parsed.filters.as_query()
    fmask = opened.filter_mask(filt)
    result = SearchResult(total=0, hits=[], page=page, per_page=per_page, sort=sort)
    defines = definition_question(parsed.words, parsed.phrases)
    terms = query_terms(parsed.syllables, defines[1] if defines else None)
    terms.defines = defines[0] if defines else None
    snippet_terms = terms.folded + [fold(s) for p in parsed.phrases for s in p]
    first = (page - 1) * per_page

    # 0. "điều 5 nghị định 30/2020", "khoản 2 điều 5 nd 30/2020/nđ-cp": that article.
    pin = _article_pinpoint(parsed.words)
    if pin is not None and opened.articles is not None:
        found = _direct_article(opened, pin, filt)
        if found is not None:
            doc_slug, docnum = found
            result.total = 1
            result.direct = doc_slug
            result.direct_anchor = pinpoint_anchor(pin["pinpoint"])
            result.hits = [_hit(opened.articles, docnum, 1.0, [], snippets)]
            return result

    if unit == "article":
        return _run_articles(opened, parsed, terms, filt, sort, page, per_page, snippets, result)

    # 1. A document number, in any spelling.
    nq = parsed.number
    if nq is not None and (nq.pure or nq.key):
        docs = _numbered_docs(opened, nq)
        if fmask is not None and len(docs):
            docs = docs[fmask[docs]]
        if len(docs):
            docs = _order(opened, docs, None, "date")
            result.total = len(docs)
            result.facets = _facets(opened, docs)
            result.hits = [_hit(opened, int(d), 1.0, snippet_terms, snippets)
                           for d in docs[first:first + per_page]]
            if len(docs) == 1:
                result.direct = _decode(searcher.stored_fields(int(docs[0]))["slug"])
            else:
                result.candidates = [_hit(opened, int(d), 1.0, [], False)
                                     for d in docs[:MAX_CANDIDATES]]
            return result

    # 2. Words (or only filters).
    if parsed.is_empty():
        if fmask is None:
            return result
        docs, scores = np.flatnonzero(fmask & opened.scoring.live), None
        order = _order(opened, docs, None, "date")
    else:
        docs, scores = _text_matches(opened, parsed, terms, fmask, strict=True)
        if docs is not None and not len(docs):
            docs, scores = _text_matches(opened, parsed, terms, fmask, strict=False)
        if docs is None:
            return result
        order = _order(opened, docs, scores, sort)
    score_of = dict(zip(docs.tolist(), scores.tolist())) if scores is not None else {}
    result.total = len(order)
    result.facets = _facets(opened, order)
    page_docs = [int(d) for d in order[first:first + per_page]]
    result.hits = [_hit(opened, d, score_of.get(d, 0.0), [], False) for d in page_docs]
    texts: dict[str, str] = {}
    if terms.folded and opened.articles is not None and result.hits:
        texts = _best_articles(opened.articles, terms, parsed.accented, result.hits)
    if snippets:
        terms_for_snippets = _snippet_terms(opened, snippet_terms)
        for hit, d in zip(result.hits, page_docs):
            # the best article's text says more than the document's opening
            _add_snippet(hit, texts.get(hit.slug) or _body(opened, d), terms_for_snippets)
    return result


# --- articles ------------------------------------------------------------------------
def _article_scores(part: _Open, terms: QueryTerms, accented: bool, strict: bool,
                    within: np.ndarray | None = None):
    """(scores over every article, mask of the matching ones).

    ``within`` (a mask) keeps only the articles that can be shown (filters, phrases, the
    documents whose best article is wanted): the heading bonus looks at the best of those,
    not at the best of the whole collection.

    A long question reads the postings of its rarest syllables only: the
    frequencies come from the term index, and a syllable in more than
    ``A_SKIP_DF`` of the articles ("của", "được") neither matches nor scores
    (cold posting reads are most of a question's cost).
    """
    si = part.scoring
    scores = np.zeros(si.n, dtype=np.float32)
    if terms.defines:
        # the question asks what a term means: the article defining it answers
        scores[_defining(si, terms.defines)] += A_DEFINITION
    folded = list(dict.fromkeys(terms.folded))
    df = {f: si.term_df("fsyl", f) for f in folded}
    known = [f for f in folded if df[f] > 0]
    if not strict:
        common = si.n_live * A_SKIP_DF
        known = [f for f in known if df[f] <= common] or known
    if len(known) > A_MAX_TERMS:
        known = sorted(known, key=lambda f: df[f])[:A_MAX_TERMS]
    match = None
    for f in known:
        p = si.postings("fsyl", f)
        m = si.mask(p)
        match = m if match is None else (match & m if strict else match | m)
        si.add_bm25(scores, "fsyl", p)
        si.add_bm25(scores, "head_f", si.postings("head_f", f), A_HEADING)
        si.add_bm25(scores, "dtitle_f", si.postings("dtitle_f", f), A_DOC_TITLE)
    if match is None:
        return scores, np.zeros(si.n, dtype=bool)
    keep = set(known)
    if accented:
        for syl in dict.fromkeys(terms.syllables):
            if fold(syl) in keep:
                si.add_bm25(scores, "asyl", si.postings("asyl", syl), A_ACCENTED)
    pairs = [p for p in dict.fromkeys(terms.bigrams) if p.split(" ", 1)[0] in keep or p.split(" ", 1)[1] in keep]
    for pair in pairs[:A_MAX_PAIRS]:
        si.add_bm25(scores, "fbi", si.postings("fbi", pair), A_BIGRAM)
    match &= si.live
    if within is not None:
        match &= within
    if A_HEAD_COVER:
        _heading_cover(part, scores, match, terms)
    return scores, match


def _heading_cover(part: _Open, scores: np.ndarray, match: np.ndarray, terms: QueryTerms) -> None:
    """Raise the best candidates whose heading the question names.

    A heading sums up its article; BM25 on it counts the question's words found there,
    not how much of the heading the question says.  Bonus: ``A_HEAD_COVER`` × the share of
    the heading's syllable pairs (weighted by their idf in the collection) that the question
    holds; a one-syllable heading counts its syllable.  Only the ``A_HEAD_RERANK`` best
    candidates are looked at (their headings come from the stored fields).
    """
    idx = np.flatnonzero(match)
    if not len(idx):
        return
    if len(idx) > A_HEAD_RERANK:
        idx = idx[np.argpartition(-scores[idx], A_HEAD_RERANK)[:A_HEAD_RERANK]]
    qpairs, qsyl = set(terms.bigrams), set(terms.folded)
    for d in idx.tolist():
        head, weights, total = part.heading_pairs(d)
        if len(head) == 1:
            scores[d] += A_HEAD_COVER * (head[0] in qsyl)
            continue
        if total:
            scores[d] += A_HEAD_COVER * sum(w for p, w in weights.items() if p in qpairs) / total


def _idf(si, df: int) -> float:
    return math.log(1.0 + (si.n_live - df + 0.5) / (df + 0.5)) if df else 0.0


def _defining(si, subject: list[str]) -> np.ndarray:
    """Mask of the articles holding "<subject> là" (its syllable pairs: no positions read)."""
    seq = subject + ["la"]
    mask = np.ones(si.n, dtype=bool)
    for a, b in zip(seq, seq[1:]):
        mask &= si.mask(si.postings("fbi", a + " " + b))
    return mask


def _run_articles(opened: _Open, parsed: ParsedQuery, terms: QueryTerms, filt, sort: str,
                  page: int, per_page: int, snippets: bool, result: SearchResult) -> SearchResult:
    part = opened.articles
    if part is None:
        return result
    fmask = part.filter_mask(filt)
    si = part.scoring
    first = (page - 1) * per_page
    if not terms.folded and not parsed.phrases:
        if fmask is None:
            return result
        docs, scores = np.flatnonzero(fmask & si.live), None
    else:
        phrased = []
        for phrase in parsed.phrases:
            fp = [fold(x) for x in phrase]
            m = np.zeros(si.n, dtype=bool)
            m[part.query_docs(Q.Phrase("fsyl", fp) if len(fp) > 1 else Q.Term("fsyl", fp[0]))] = True
            phrased.append(m)
        within = fmask
        for m in phrased if terms.folded else ():
            within = m if within is None else within & m
        strict = len(set(terms.folded)) <= SHORT_QUERY
        scores, match = _article_scores(part, terms, parsed.accented, strict, within)
        if strict and not match.any():
            scores, match = _article_scores(part, terms, parsed.accented, False, within)
        for m in phrased:
            scores[m] += W_PHRASE
            match = m if not terms.folded else (match & m)
        if fmask is not None:
            match &= fmask
        docs = np.flatnonzero(match)
        scores = scores[docs]
    order = _order(part, docs, scores, sort, need=first + per_page)
    score_of = dict(zip(order[:first + per_page].tolist(),
                        scores[np.searchsorted(docs, order[:first + per_page])].tolist())) if scores is not None else {}
    # total and facets count what can be paged through: each text once
    visible = _visible(part, docs, scores, sort)
    result.total = len(visible)
    result.facets = _facets(part, visible)
    snippet_terms = _snippet_terms(part, terms.folded + [fold(s) for p in parsed.phrases for s in p])
    result.hits = [_hit(part, int(d), score_of.get(int(d), 0.0), snippet_terms, snippets)
                   for d in order[first:first + per_page]]
    return result


def _best_articles(part: _Open, terms: QueryTerms, accented: bool, hits: list[Hit]) -> dict[str, str]:
    """Each document hit gets its best-matching article (when one matches); their texts by slug."""
    texts: dict[str, str] = {}
    wanted = {part.doc_code[h.slug]: h for h in hits if h.slug in part.doc_code}
    if not wanted:
        return texts
    codes = part.codes["doc"]
    theirs = np.isin(codes, np.fromiter(wanted, dtype=np.int64))
    scores, match = _article_scores(part, terms, accented, strict=False, within=theirs)
    idx = np.flatnonzero(match)
    if not len(idx):
        return texts
    order = idx[np.lexsort((idx, -scores[idx]))]
    seen = set()
    for a in order.tolist():
        code = int(codes[a])
        if code in seen:
            continue
        seen.add(code)
        fields = part.searcher.stored_fields(a)
        wanted[code].article = ArticleRef(number=fields.get("anum"), title=fields.get("heading"),
                                          anchor=fields["anchor"])
        body = _body(part, a)
        if body:
            texts[wanted[code].slug] = body
    return texts


_PINPOINT = re.compile(r"(?:\bdiem\s+([a-z])\s+)?(?:\bkhoan\s+(\d+)\s+)?\bdieu\s+(\d+[a-z]?)\b\s*(.*)$")


def _article_pinpoint(words: str) -> dict | None:
    """``khoản 2 điều 5 nd 30/2020`` → {"pinpoint": {"dieu": "5", "khoan": "2"}, "number": …}."""
    folded = fold(words).lower()
    m = _PINPOINT.search(folded)
    if not m:
        return None
    rest = re.sub(r"^(?:cua|tai|thuoc)\s+", "", m.group(4).strip())
    nq = parse_number_query(rest) if rest else None
    if nq is None or not (nq.pure or nq.key):
        return None
    pin = {"dieu": m.group(3)}
    if m.group(2):
        pin["khoan"] = m.group(2)
    if m.group(1) and m.group(2):
        pin["diem"] = m.group(1)
    return {"pinpoint": pin, "number": nq}


def _direct_article(opened: _Open, pin: dict, filt) -> tuple[str, int] | None:
    """The one article a pinpoint names, when its document number names one document."""
    docs = _numbered_docs(opened, pin["number"])
    slugs = list(dict.fromkeys(_decode(opened.searcher.stored_fields(int(d))["slug"]) for d in docs))
    if len(slugs) != 1:
        return None
    part = opened.articles
    found = part.query_docs(Q.And([Q.Term("doc", slugs[0]), Q.Term("anum", pin["pinpoint"]["dieu"])]))
    if not len(found):
        return None
    return slugs[0], int(found[0])


def _did_you_mean(opened: _Open, parsed: ParsedQuery) -> str | None:
    """The query with unknown syllables replaced, when that changes anything.

    Cheap when nothing is unknown: the vocabulary is only built (once) when a
    syllable of the query is absent from the index.  Among the known syllables
    one edit away, the one that forms pairs with its neighbours in the texts
    wins ("cai cahc hanh chinh" → "cach", which follows "cai" and precedes
    "hanh"; not "cac", more common alone); frequency breaks ties.
    """
    syls = parsed.syllables
    if not syls or len(syls) > 12:
        return None
    si = opened.scoring
    unknown = [i for i, s in enumerate(syls) if not s[0].isdigit() and si.df("fsyl", fold(s)) == 0]
    if not unknown:
        return None
    accented = parsed.accented
    vocab = opened.vocabulary(folded=not accented)
    fixed_syls = list(syls)
    fixes = {}
    for i in unknown:
        s = syls[i]
        candidates = vocab.candidates(s if accented else fold(s))
        if not candidates:
            continue
        before = fold(fixed_syls[i - 1]) if i > 0 else None
        after = fold(syls[i + 1]) if i + 1 < len(syls) else None

        def context(c: str) -> tuple:
            fc = fold(c)
            pairs = 0
            if before:
                pairs += si.df("fbi", before + " " + fc)
            if after:
                pairs += si.df("fbi", fc + " " + after)
            return (pairs, vocab.freq.get(c, 0), c)

        best = max(candidates, key=context)
        fixes[s] = best
        fixed_syls[i] = best
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
