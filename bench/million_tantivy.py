"""Our article index in Tantivy (bench only): pre-tokenized fields, our query features as boosts.

Fields map one to one to the Whoosh article index (``indexer.analysis.make_article_schema``):

=============  ==========================================  ===========================
Whoosh         what it holds                               Tantivy
=============  ==========================================  ===========================
``fsyl``       folded syllables of heading + text          text, ``whitespace``, positions
``asyl``       accented syllables                          text, ``whitespace``, freqs
``fbi``        folded syllable pairs ("cai cach")          text, ``whitespace``, freqs ("cai_cach")
``head_f``     folded syllables of the heading             text, ``whitespace``, freqs
``dtitle_f``   folded syllables of the document's title    text, ``whitespace``, freqs
``uid``/``doc`` slug#anchor, slug                          text, ``raw``, stored
``body``       the article's text (a zlib column)          bytes, stored (Tantivy compresses)
=============  ==========================================  ===========================

The analysis stays ours (done in Python, handed over as space-joined terms); the
query is :func:`indexer.questions.query_terms` of :func:`indexer.query.parse`, scored as
``indexer.searching._article_scores`` does: the 32 rarest known syllables (those in more
than 60 % of the articles dropped from long queries; every one required up to 3), each in
``fsyl`` (1.0), ``head_f`` (0.4) and ``dtitle_f`` (0.5), accented forms in ``asyl`` (0.6),
32 pairs in ``fbi`` (1.5).  Tantivy's BM25 has k1 1.2 and b 0.75 for every field (ours
uses k1 0.9 for articles); it is not settable from Python.
"""
from __future__ import annotations

import time
from pathlib import Path

import tantivy

from indexer.questions import query_terms
from indexer.query import parse
from kb.text import fold

TEXT_FIELDS = {"fsyl": "position", "asyl": "freq", "fbi": "freq", "head_f": "freq", "dtitle_f": "freq"}
W_HEADING, W_DOC_TITLE, W_ACCENTED, W_PAIR = 0.4, 0.5, 0.6, 1.5
MAX_TERMS = MAX_PAIRS = 32
SKIP_DF = 0.6
SHORT_QUERY = 3


def schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("uid", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("doc", stored=True, tokenizer_name="raw", index_option="basic")
    for name, option in TEXT_FIELDS.items():
        sb.add_text_field(name, tokenizer_name="whitespace", index_option=option)
    sb.add_bytes_field("body", stored=True)
    return sb.build()


def document(uid: str, doc: str, terms: dict[str, str], dtitle: str, body: str) -> tantivy.Document:
    d = tantivy.Document()
    d.add_text("uid", uid)
    d.add_text("doc", doc)
    for name in ("fsyl", "asyl", "fbi", "head_f"):
        if terms.get(name):
            d.add_text(name, terms[name])
    if dtitle:
        d.add_text("dtitle_f", dtitle)
    d.add_bytes("body", body.encode("utf-8"))
    return d


def build(path: Path, docs, heap_mb: int = 512, threads: int = 2) -> dict:
    """Write ``docs`` (tantivy Documents) into a new index at ``path``; merge; time it."""
    path.mkdir(parents=True, exist_ok=True)
    index = tantivy.Index(schema(), path=str(path))
    started = time.perf_counter()
    writer = index.writer(heap_size=heap_mb * 1_000_000, num_threads=threads)
    n = 0
    for d in docs:
        writer.add_document(d)
        n += 1
    writer.commit()
    writer.wait_merging_threads()
    return {"documents": n, "build_s": round(time.perf_counter() - started, 1)}


class TantivyArticles:
    """Article search over a Tantivy index, our query features."""

    def __init__(self, path: Path):
        self.index = tantivy.Index.open(str(path))
        self.index.reload()
        self.searcher = self.index.searcher()
        self.schema = self.index.schema
        self.n = self.searcher.num_docs

    def _term(self, field: str, value: str, boost: float = 1.0):
        q = tantivy.Query.term_query(self.schema, field, value)
        return tantivy.Query.boost_query(q, boost) if boost != 1.0 else q

    def query(self, text: str, strict: bool | None = None):
        """The Tantivy query of ``text`` (None when it has no known syllable)."""
        parsed = parse(text)
        terms = query_terms(parsed.syllables)
        folded = list(dict.fromkeys(terms.folded))
        df = {f: self.searcher.doc_freq("fsyl", f) for f in folded}
        known = [f for f in folded if df[f] > 0]
        if not known:
            return None
        if strict is None:
            strict = len(folded) <= SHORT_QUERY
        if not strict:
            known = [f for f in known if df[f] <= self.n * SKIP_DF] or known
        if len(known) > MAX_TERMS:
            known = sorted(known, key=lambda f: df[f])[:MAX_TERMS]
        keep = set(known)
        must, should = tantivy.Occur.Must, tantivy.Occur.Should
        clauses = []
        for f in known:
            clauses.append((must if strict else should, self._term("fsyl", f)))
            clauses.append((should, self._term("head_f", f, W_HEADING)))
            clauses.append((should, self._term("dtitle_f", f, W_DOC_TITLE)))
        if parsed.accented:
            for syl in dict.fromkeys(terms.syllables):
                if fold(syl) in keep:
                    clauses.append((should, self._term("asyl", syl, W_ACCENTED)))
        pairs = [p for p in dict.fromkeys(terms.bigrams)
                 if p.split(" ", 1)[0] in keep or p.split(" ", 1)[1] in keep]
        for pair in pairs[:MAX_PAIRS]:
            clauses.append((should, self._term("fbi", pair.replace(" ", "_"), W_PAIR)))
        return tantivy.Query.boolean_query(clauses)

    def search(self, text: str, limit: int = 20, bodies: bool = True) -> list[tuple[str, float]]:
        """[(uid, score)] of the best ``limit`` articles; reads their stored text like a page of hits."""
        q = self.query(text)
        if q is None:
            return []
        hits = self.searcher.search(q, limit, count=False).hits
        if not hits:  # a short query whose syllables are never together: any of them
            hits = self.searcher.search(self.query(text, strict=False), limit, count=False).hits
        out = []
        for score, addr in hits:
            d = self.searcher.doc(addr)
            if bodies:
                d["body"]
            out.append((d["uid"][0], score))
        return out
