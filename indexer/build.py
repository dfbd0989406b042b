"""Writing the index: analysis in worker processes, one writer.

Whoosh writes from one process; pyvi's segmentation is the expensive part, so
worker processes (one per core) clean, segment and turn each document into
ready postings (:class:`indexer.analysis.Posted`) and the parent only adds
them to the writer.  Each worker remembers the sentences it has already
segmented (legal texts repeat whole sentences).
"""
from __future__ import annotations

import itertools
import multiprocessing
import operator
import os
import pickle
import threading
import time
from array import array
from bisect import bisect_left, bisect_right
from itertools import groupby
from operator import itemgetter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from whoosh import index as whoosh_index
from whoosh.writing import PostingPool

from kb.text import clean, fold, fold_key
from kb.identity import issuer_key
from kb.errors import KbError
from indexer import bodies, boilerplate, storage
from indexer.analysis import (ARTICLES, SCHEMA_VERSION, Posted, make_article_schema, make_schema,
                              postings_frequency, postings_positions)
from indexer.numbers import index_terms
from indexer.segment import Segmenter, syllables
from indexer.sources import IndexDoc

WRITER_LIMIT_MB = 256  # Whoosh's posting pool before it spills: 768 MB built ~15 % faster but took the corpus build to 1.2 GB (bar: < 1 GB); 256 MB: 944 MB (bench.index_speed)
INLINE_BELOW = 64  # fewer documents than this: no worker processes
# zlib level for Whoosh's posting blocks: 0 writes ~5 % faster, but the index
# is 1.6× (corpus: 166 MB vs 102 MB) to 2.3× (100,000 documents) larger.
BLOCK_COMPRESSION = 1
# Postings per block: search reads whole posting lists into numpy
# (indexer.scoring), and each block costs a read and an unpickle, so blocks are
# larger than Whoosh's default 128.
BLOCK_SIZE = 512
# A fresh build also commits after this many articles: laws bring hundreds of
# articles each, and one writer's spilled pool grew past 1.6 GB at 60,000.
ARTICLE_BATCH = 15_000


@dataclass
class IndexReport:
    """What an update did."""

    added: int = 0
    removed: int = 0
    seq: int = 0
    rebuilt: bool = False
    seconds: float = 0.0
    generation: str = ""
    documents: int = 0  # in the index afterwards
    cache_hits: int = 0
    cache_misses: int = 0
    extra: dict = field(default_factory=dict)

    def summary(self) -> str:
        what = "Đã lập lại chỉ mục" if self.rebuilt else "Đã cập nhật chỉ mục"
        return (f"{what}: {self.added} văn bản thêm/cập nhật, {self.removed} gỡ bỏ, "
                f"{self.documents} văn bản trong chỉ mục ({self.extra.get('articles', 0)} điều) "
                f"({self.seconds:.1f} s).")


def display_type(value: str | None) -> str | None:
    """``QUYẾT ĐỊNH`` → ``Quyết định`` (facets count one spelling)."""
    if not value:
        return None
    value = " ".join(clean(value).text.split())
    if value.isupper():
        value = value[0] + value[1:].lower()
    return value


# --- analysis (runs in workers) ---------------------------------------------------
_segmenter: Segmenter | None = None
_fold_memo: dict[str, str] = {}


def _init_worker() -> None:
    global _segmenter
    _segmenter = Segmenter()


def _folded(tokens: list[str]) -> list[str]:
    memo = _fold_memo
    out = []
    for t in tokens:
        f = memo.get(t)
        if f is None:
            f = memo[t] = fold(t)
            if len(memo) > 500_000:
                memo.clear()
        out.append(f)
    return out


def bigrams(folded: list[str]) -> list[str]:
    """Adjacent pairs ``"cai cach"``: proximity and phrases as plain terms (scored like words)."""
    return [a + " " + b for a, b in zip(folded, folded[1:])]


def dup_key(slug: str, folded: list[str]) -> str:
    """Equal for two records of the same text (their tails agree; headers and furniture differ)."""
    if len(folded) < 50:
        return "s:" + slug
    import hashlib

    return hashlib.blake2b(" ".join(folded[-300:]).encode("utf-8"), digest_size=10).hexdigest()


def topic_terms(topics: list[dict]) -> tuple[str | None, str | None]:
    """(every chủ đề and đề mục code, comma-separated; the first chủ đề) of a document."""
    codes: list[str] = []
    for t in topics:
        code = str(t.get("code") or "").strip()
        if not code:
            continue
        head = code.split(".")[0]
        codes.extend(c for c in (head, code) if c not in codes)
    first = codes[0] if codes else None
    return (",".join(codes) if codes else None), first


class _DocText:
    """A document's text as analysed once: cleaned, blanked, segmented, folded.

    Articles that are spans of the document take their syllables from here
    (:meth:`span`) instead of being cleaned and tokenized again.
    """

    __slots__ = ("raw", "cleaned", "body", "syllables", "folded", "starts")

    def __init__(self, raw: str, cleaned, body: str, seg, folded: list[str]):
        self.raw = raw
        self.cleaned = cleaned  # kb.text.MappedText of ``raw``
        self.body = body
        self.syllables = seg.syllables
        self.folded = folded
        self.starts = [s for s, _ in seg.syl_spans]

    def span(self, start: int, end: int) -> tuple[int, int, int, int] | None:
        """Where ``raw[start:end]`` is in ``body``, and its first and last syllable index.

        ``body[s:e]`` and ``syllables[i:j]`` are what analysing the span alone would give.

        ``None`` when that is not certain: the span's ends touch a word (a
        token or tone rule could read across them), its own boilerplate
        blanking differs from the document's (a "Nơi nhận" near it, a line cut
        in two), or cleaning it alone gives another text.
        """
        raw, body = self.raw, self.body
        if start < 0 or end < 0:
            return None
        start, end = min(start, len(raw)), min(end, len(raw))
        if end <= start:
            return None
        offsets = self.cleaned.offsets
        if offsets is None:  # cleaning kept every character in place
            s, e = start, end
            text = self.cleaned.text[s:e]
        else:
            s, e = bisect_left(offsets, start, 0, len(offsets) - 1), bisect_left(offsets, end, 0, len(offsets) - 1)
            text = self.cleaned.text[s:e]
            if clean(raw[start:end]).text != text:
                return None
        if s > 0 and not body[s - 1].isspace():
            return None
        if e < len(body) and not (body[e].isspace() or body[e - 1].isspace()):
            return None
        if boilerplate.strip(text) != body[s:e]:
            return None
        starts = self.starts
        return s, e, bisect_left(starts, s), bisect_left(starts, e)


def analyze(doc: IndexDoc) -> dict:
    """The field values Whoosh's writer takes for ``doc`` (postings ready), articles in ``"_articles"``."""
    global _segmenter
    if _segmenter is None:
        _segmenter = Segmenter()
    cleaned = clean(doc.text or "")
    body = boilerplate.strip(cleaned.text)
    seg = _segmenter.segment(body)
    title = " ".join((doc.title or "").split())
    title_syl = syllables(title)
    # Title and issuer lead the text field: one field decides what matches, and
    # stubs (no text) or texts without their own title still match.
    head_syl = title_syl + (syllables(doc.issuer) if doc.issuer else [])
    doc_type = display_type(doc.type)
    year = doc.year or (int(doc.date[:4]) if doc.date and doc.date[:4].isdigit() else None)
    issuer_terms = issuer_key(doc.issuer).split() if doc.issuer else []
    all_syl = head_syl + seg.syllables
    body_folded = _folded(seg.syllables)
    folded = _folded(head_syl) + body_folded
    topics, topic1 = topic_terms(doc.topics)
    dup = dup_key(doc.slug, body_folded)
    values = {
        "slug": doc.slug,
        "number": doc.number,
        "type": doc_type,
        "type_k": fold_key(doc_type) if doc_type else None,
        "issuer": " ".join(doc.issuer.split()) if doc.issuer else None,
        "issuer_f": postings_positions(issuer_terms) if issuer_terms else None,
        "year": str(year) if year else None,
        "date": doc.date or None,
        "validity": doc.validity or "khong_ro",
        "stub": bool(doc.is_stub),
        "title": title or None,
        "title_f": postings_positions(_folded(title_syl)) if title_syl else None,
        "title_s": postings_frequency(title_syl) if title_syl else None,
        "title_key": " ".join(_folded(title_syl)).encode("utf-8") if title_syl else None,
        "fsyl": postings_positions(folded) if folded else None,
        "words": postings_frequency(seg.words) if seg.words else None,
        "asyl": postings_frequency(all_syl) if all_syl else None,
        "fbi": postings_frequency(bigrams(folded)) if len(folded) > 1 else None,
        "topic": topics,
        "topic1": topic1,
        "dup": dup,
        "body": bodies.compress(body),
    }
    number_terms = index_terms(doc.number, doc_type, year)
    values.update(number_terms)
    values = {k: v for k, v in values.items() if v is not None}
    shared = {k: values[k] for k in ("type", "type_k", "issuer", "issuer_f", "year", "date", "validity",
                                     "stub", "title", "topic", "topic1", "number") if k in values}
    if "numkey" in number_terms:
        shared["numkey"] = number_terms["numkey"]
    dtitle = postings_frequency(_folded(title_syl)) if title_syl else None
    text = _DocText(doc.text or "", cleaned, body, seg, body_folded)
    values["_articles"] = [analyze_article(doc.slug, dup, a, shared, dtitle, text) for a in doc.articles()]
    return values


def analyze_article(slug: str, dup: str, article, shared: dict, dtitle, doc_text: _DocText | None = None) -> dict:
    """One Điều: syllables only (no pyvi: an article's words are its document's words).

    An article that is a span of its document reuses the document's analysis
    (``doc_text``); the result is the same as analysing its text alone, which
    is what happens otherwise (a unit's own text, or a span :meth:`_DocText.span`
    cannot vouch for).
    """
    found = (doc_text.span(article.start, article.end)
             if doc_text is not None and article.start is not None and article.end is not None else None)
    if found is not None:
        s, e, i, j = found
        syl, folded = doc_text.syllables[i:j], doc_text.folded[i:j]
        # the text is the document's: its offsets only (indexer.bodies)
        body = bodies.span_ref(s, e) if e > s else None
    else:
        text = boilerplate.strip(clean(article.text or "").text)
        syl = syllables(text)
        folded = None
        body = bodies.compress(text)
    heading = " ".join((article.title or "").split())
    head_syl = syllables(heading)
    if head_syl and " ".join(head_syl) not in " ".join(syl[:len(head_syl) + 8]):
        syl = head_syl + syl  # a heading kept apart from the text (Pháp điển)
        folded = None
    if folded is None:
        folded = _folded(syl)
    values = dict(shared)
    values.update({
        "uid": f"{slug}#{article.anchor}",
        "doc": slug,
        "anum": article.number,
        "anchor": article.anchor,
        "heading": heading or None,
        "dup": f"{dup}#{article.anchor}",
        "fsyl": postings_positions(folded) if folded else None,
        "asyl": postings_frequency(syl) if syl else None,
        "fbi": postings_frequency(bigrams(folded)) if len(folded) > 1 else None,
        "head_f": postings_frequency(_folded(head_syl)) if head_syl else None,
        "dtitle_f": dtitle,
        "body": body,
    })
    return {k: v for k, v in values.items() if v is not None}


def _analyze_with_stats(doc: IndexDoc) -> tuple[dict, int, int]:
    before_h, before_m = _segmenter.hits, _segmenter.misses
    values = analyze(doc)
    return values, _segmenter.hits - before_h, _segmenter.misses - before_m


# --- feeding ------------------------------------------------------------------------
def _analyzed(docs: Iterable[IndexDoc], workers: int, inline: bool, report: IndexReport):
    """Analyzed documents in input order, from workers (bounded queue) or inline."""
    if inline or workers <= 1:
        _init_worker()
        for doc in docs:
            values, h, m = _analyze_with_stats(doc)
            report.cache_hits += h
            report.cache_misses += m
            yield values
        return
    # A bounded feed: Pool.imap would read the whole input into its queue.
    slots = threading.BoundedSemaphore(workers * 64)

    def feed():
        for doc in docs:
            slots.acquire()
            yield doc

    # Fresh worker processes ("spawn"), not forks: a fork would carry the
    # parent's copy of every document text (and count it again per worker).
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(workers, initializer=_init_worker) as pool:
        for values, h, m in pool.imap(_analyze_with_stats, feed(), chunksize=2):
            slots.release()
            report.cache_hits += h
            report.cache_misses += m
            yield values


def _progress_bar(progress, total: int | None):
    """tqdm (quiet when not a terminal), a callback, or nothing."""
    if progress is False:
        return None, None
    if callable(progress):
        return None, progress
    from tqdm import tqdm

    bar = tqdm(total=total, unit=" vb", desc="Lập chỉ mục", disable=None, leave=False)
    return bar, None


def write_documents(
    ix,
    aix,
    docs: Iterable[IndexDoc],
    *,
    total: int | None = None,
    removed: Iterable[str] = (),
    fresh: bool = False,
    workers: int | None = None,
    progress=None,
    report: IndexReport | None = None,
    batch: int = 1500,
) -> IndexReport:
    """Add (or replace, by slug) ``docs`` and their articles, and delete ``removed``.

    ``ix`` is the document index, ``aix`` the article index (one entry per
    Điều).  Updates are one commit per index (documents first); a fresh build
    commits a segment every ``batch`` documents (its generation is not current
    until the swap).
    """
    report = report or IndexReport()
    workers = workers or os.cpu_count() or 1
    inline = total is not None and total < INLINE_BELOW
    if total:
        batch = max(batch, total // 8 + 1)  # at most ~8 segments in a fresh build
    bar, callback = _progress_bar(progress, total)
    writer, awriter = _writer(ix), _writer(aix)
    in_batch = articles_in_batch = 0
    articles = report.extra.setdefault("articles", 0)
    try:
        for slug in removed:
            writer.delete_by_term("slug", slug)
            awriter.delete_by_term("doc", slug)
            report.removed += 1
        for values in _analyzed(docs, workers, inline, report):
            article_values = values.pop("_articles", [])
            if fresh:
                _add(writer, values)
            else:
                writer.update_document(**values)
                awriter.delete_by_term("doc", values["slug"])
            for a in article_values:
                _add(awriter, a)
            articles += len(article_values)
            articles_in_batch += len(article_values)
            report.added += 1
            in_batch += 1
            if fresh and (in_batch >= batch or articles_in_batch >= ARTICLE_BATCH):
                # A fresh build commits a segment now and then: the serial
                # posting flush then overlaps with the workers' analysis
                # instead of coming all at once at the end.
                writer.commit(merge=False)
                awriter.commit(merge=False)
                writer, awriter = _writer(ix), _writer(aix)
                in_batch = articles_in_batch = 0
            if bar is not None:
                bar.update(1)
            elif callback is not None:
                callback(report.added, total)
        writer.commit(merge=not fresh)
        awriter.commit(merge=not fresh)
    except BaseException:
        writer.cancel()
        awriter.cancel()
        raise
    finally:
        if bar is not None:
            bar.close()
    report.extra["articles"] = articles
    return report


def _topic_names(docs: list[IndexDoc]) -> dict[str, str]:
    names: dict[str, str] = {}
    list(_with_topics(docs, names))
    return names


def _save_topic_names(gen: Path, names: dict[str, str]) -> None:
    """Topic code → name, beside the index: facets carry codes, pages show names."""
    import json

    path = gen / TOPICS_FILE
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    if names or not path.exists():
        old.update(names)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(old, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)


TOPICS_FILE = "topics.json"


def _with_topics(docs: Iterable[IndexDoc], names: dict[str, str]):
    """``docs`` as they stream to the workers, noting topic names on the way."""
    for doc in docs:
        for t in doc.topics:
            if t.get("code") and t.get("name"):
                names[str(t["code"])] = t["name"]
        yield doc


RUN_CHUNK = 65_536  # postings per pickle in a spilled run


class _ChunkedPool(PostingPool):
    """Whoosh's posting pool, with spilled runs pickled in chunks.

    Whoosh pickles (and later unpickles) each posting of a run on its own: on
    the Pháp điển (53,000 articles, ~37 M postings) that was 2/5 of the
    writer's time.  The same sorted postings go through, so the index is the same.
    """

    def add(self, item):
        # item = (fieldname, tbytes, docnum, weight, vbytes): Whoosh's size estimate, without
        # its per-posting type assertions (every posting of a build passes here)
        self.fieldnames.add(item[0])
        self.currentsize += 150 + len(item[0]) + 2 * len(item[1]) + len(item[4] or b"")
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)

    def add_all(self, items: list) -> None:
        """Several postings at once (one document's field), spilling where :meth:`add` would.

        The same spill points keep the same run boundaries, hence the same
        sharing of equal value objects in the written blocks (pickle memo).
        """
        if not items:
            return
        self.fieldnames.add(items[0][0])
        start = 0
        while start < len(items):
            sizes = [150 + len(f) + 2 * len(t) + len(v or b"") for f, t, _d, _w, v in items[start:]]
            cum = list(itertools.accumulate(sizes, initial=self.currentsize))
            k = bisect_right(cum, self.limit, 1)  # cum[k] is the first total past the limit
            if k >= len(cum):
                self.currentsize = cum[-1]
                self.current.extend(items[start:])
                return
            self.current.extend(items[start:start + k - 1])
            self.save()  # as add(): the item that passed the limit starts the next run, uncounted
            self.current.append(items[start + k - 1])
            start += k

    def _write_run(self, f, items):
        dumps = pickle.dumps
        if isinstance(items, list):
            for i in range(0, len(items), RUN_CHUNK):
                f.write(dumps(items[i:i + RUN_CHUNK], pickle.HIGHEST_PROTOCOL))
        else:  # a merge of runs (reduce_to): a generator, written as it comes
            it = iter(items)
            while chunk := list(itertools.islice(it, RUN_CHUNK)):
                f.write(dumps(chunk, pickle.HIGHEST_PROTOCOL))
        f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        load = pickle.load
        try:
            while True:
                try:
                    chunk = load(f)
                except EOFError:
                    return
                yield from chunk
        finally:
            f.close()
            self._remove_run(path)


# --- the writer's serial part -------------------------------------------------------
# Whoosh's writer handles each posting with several Python calls: added one at a
# time to the pool (add_document), then at the commit looked up (field length),
# checked, buffered and delta-encoded one at a time (FieldWriter.add_postings,
# W3PostingsWriter.add_posting).  The functions below do the same work per
# document and per term instead; the files written are the same byte for byte
# (tests/indexer/test_build_reuse.py builds an index both ways).
FAST_WRITER = True


class _BlockWriter:
    """Mixed into Whoosh 3's posting writer (or a subclass, e.g. indexer.postings' tee):
    a term's postings given at once; same blocks, same bytes, the subclass's hooks kept."""

    def add_term(self, ids, weights, values, lengths) -> None:
        limit = self._blocklimit
        for i in range(0, len(ids), limit):
            if i:
                self._write_block()  # as add_posting does when a block is full
            w = weights[i:i + limit]
            self._ids = array("I", ids[i:i + limit])
            self._weights = array("f", w)
            self._values = [v for v in values[i:i + limit] if v]
            ls = [n for n in lengths[i:i + limit] if n]
            self._minlength = min(ls) if ls else None
            self._maxlength = max(ls) if ls else 0
            self._maxweight = max(0, max(w))

    def _mini_ids(self):
        ids = self._ids
        return tuple(ids[:1]) + tuple(map(operator.sub, ids[1:], ids[:-1]))

    def _mini_weights(self):
        w = self._weights
        n = len(w)
        if w.count(1.0) == n:
            return None
        if w.count(w[0]) == n:
            return w[0]
        return tuple(w)


_FAST_CLASSES: dict[type, type] = {}


def _fast_class(cls: type) -> type:
    """``cls`` (a W3PostingsWriter) with :class:`_BlockWriter` in front."""
    if issubclass(cls, _BlockWriter):
        return cls
    fast = _FAST_CLASSES.get(cls)
    if fast is None:
        fast = _FAST_CLASSES[cls] = type("_Fast" + cls.__name__, (_BlockWriter, cls), {})
    return fast


def _field_lengths(pdr, fieldname: str, doccount: int) -> list:
    """``pdr.doc_field_length(d, fieldname)`` for every document of the segment, read once."""
    if pdr is None:
        return [0] * doccount
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
    from whoosh.util.numeric import byte_to_length

    reader = pdr._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if reader is None:
        return [0] * doccount
    return [byte_to_length(b) if b else None for b in (reader[d] for d in range(doccount))]


def _add_postings(fw, schema, pdr, items) -> None:
    """``FieldWriter.add_postings`` over sorted postings, a term at a time."""
    doccount = pdr.doc_count_all() if pdr is not None else 0
    for fieldname, postings in groupby(items, itemgetter(0)):
        fw.start_field(fieldname, schema[fieldname])
        pw = fw._postwriter
        pw.__class__ = _fast_class(type(pw))
        lengths = _field_lengths(pdr, fieldname, doccount) if pdr is not None else None
        for btext, group in groupby(postings, itemgetter(1)):
            _f, _t, ids, weights, values = zip(*group)
            if -1 in ids:  # spelling words (no field of ours has them): not postings
                kept = [k for k, d in enumerate(ids) if d != -1]
                if not kept:
                    continue
                ids, weights, values = ([seq[k] for k in kept] for seq in (ids, weights, values))
            fw.start_term(btext)
            pw.add_term(ids, weights, values,
                        [lengths[d] for d in ids] if lengths is not None else [0] * len(ids))
            fw.finish_term()
        fw.finish_field()


def _add_document(writer, fields: dict) -> None:
    """``SegmentWriter.add_document`` for analysed values: a field's postings join the pool at once."""
    writer._check_state()
    pdw = writer.perdocwriter
    schema = writer.schema
    docnum = writer.docnum
    pool = writer.pool
    fieldnames = sorted(name for name in fields if not name.startswith("_"))
    writer._check_fields(schema, fieldnames)
    pdw.start_doc(docnum)
    for fieldname in fieldnames:
        value = fields.get(fieldname)
        if value is None:
            continue
        field = schema[fieldname]
        length = 0
        if field.indexed:
            items = value.items if isinstance(value, Posted) else list(field.index(value))
            if field.scorable:
                length = sum(map(itemgetter(1), items))
            pool.add_all([(fieldname, t, docnum, w, v) for t, _n, w, v in items])
        if field.separate_spelling() or field.vector:
            raise ValueError(f"field {fieldname!r}: spelling/vectors are not written by build._add_document")
        value = fields.get("_stored_%s" % fieldname, value)
        pdw.add_field(fieldname, field, value if field.stored else None, length)
        if field.column_type and value is not None:
            pdw.add_column_value(fieldname, field.column_type, field.to_column_value(value))
    pdw.finish_doc()
    writer._added = True
    writer.docnum += 1


def _writer(ix):
    from indexer.postings import SidecarCodec

    # No compound file: writing is the serial part.  The codec also writes the
    # posting arrays search reads (indexer.postings).
    writer = ix.writer(limitmb=WRITER_LIMIT_MB,
                       codec=SidecarCodec(blocklimit=BLOCK_SIZE, compression=BLOCK_COMPRESSION),
                       compound=False)
    writer.pool.__class__ = _ChunkedPool
    if FAST_WRITER:
        fw = writer.fieldwriter
        fw.add_postings = lambda schema, lengths, items: _add_postings(fw, schema, lengths, items)
    return writer


def _add(writer, values: dict) -> None:
    if FAST_WRITER:
        _add_document(writer, values)
    else:
        writer.add_document(**values)


def build(
    root: Path,
    docs: Iterable[IndexDoc],
    *,
    total: int | None = None,
    seq: int = 0,
    workers: int | None = None,
    progress=None,
) -> IndexReport:
    """Build a whole new generation from ``docs`` beside the current one and swap it in."""
    started = time.perf_counter()
    root = Path(root)
    with storage.write_lock(root):
        gen = storage.new_generation(root)
        ix = whoosh_index.create_in(str(gen), make_schema())
        aix = whoosh_index.create_in(str(gen), make_article_schema(), indexname=ARTICLES)
        report = IndexReport(rebuilt=True)
        docs = _with_topics(docs, names := {})
        write_documents(ix, aix, docs, total=total, fresh=True, workers=workers,
                        progress=progress, report=report)
        report.documents = ix.doc_count()
        report.extra["articles"] = aix.doc_count()
        ix.close()
        aix.close()
        _save_topic_names(gen, names)
        storage.write_state(gen, {"seq": seq, "schema": SCHEMA_VERSION})
        storage.swap_to(root, gen)
    report.seq = seq
    report.generation = gen.name
    report.seconds = time.perf_counter() - started
    return report


def apply_changes(
    root: Path,
    docs: list[IndexDoc],
    removed: list[str],
    seq: int,
    *,
    progress=None,
    workers: int | None = None,
) -> IndexReport:
    """Write changed documents into the current generation (one commit)."""
    started = time.perf_counter()
    with storage.write_lock(root):
        gen = storage.current_generation(root)
        if gen is None:
            raise FileNotFoundError("no index")
        ix = whoosh_index.open_dir(str(gen))
        aix = whoosh_index.open_dir(str(gen), indexname=ARTICLES)
        report = IndexReport()
        if docs or removed:
            write_documents(ix, aix, docs, total=len(docs), removed=removed,
                            workers=workers, progress=progress, report=report)
        report.documents = ix.doc_count()
        report.extra["articles"] = aix.doc_count()
        ix.close()
        aix.close()
        _save_topic_names(gen, _topic_names(docs))
        # After the commit: a crash in between only means re-indexing the same changes.
        storage.write_state(gen, {"seq": seq, "schema": SCHEMA_VERSION})
    report.seq = seq
    report.generation = gen.name
    report.seconds = time.perf_counter() - started
    return report


def needs_rebuild(root: Path) -> bool:
    gen = storage.current_generation(root)
    if gen is None:
        return True
    state = storage.read_state(gen)
    if state.get("schema") != SCHEMA_VERSION:
        return True
    try:
        whoosh_index.open_dir(str(gen)).close()
        whoosh_index.open_dir(str(gen), indexname=ARTICLES).close()
    except Exception:  # an unreadable index is rebuilt from the store
        return True
    return False


def update(data_dir, rebuild: bool = False, progress=None, workers: int | None = None) -> IndexReport:
    """Bring the index of ``data_dir`` up to date with its store (see ``indexer.update``)."""
    from kb.config import index_path
    from indexer.sources import store_changes

    data = Path(data_dir)
    root = index_path(data)
    if rebuild or needs_rebuild(root):
        docs, _removed, seq = store_changes(data, 0)
        return build(root, docs, total=len(docs), seq=seq, workers=workers, progress=progress)
    gen = storage.current_generation(root)
    storage.check_intact(gen)  # an incremental update must not report success on a damaged index
    since = int(storage.read_state(gen).get("seq", 0))
    docs, removed, seq = store_changes(data, since)
    try:
        return apply_changes(root, docs, removed, seq, progress=progress, workers=workers)
    except KbError:
        raise
    except Exception as exc:  # Whoosh reading a damaged segment: say what to do
        raise storage.IndexCorrupt(f"không cập nhật được chỉ mục ({type(exc).__name__}: {exc}); "
                                   f"có thể chỉ mục bị hỏng: {storage.REBUILD_ADVICE}") from exc
