"""The index schema and its analyzers.

Whoosh pickles the schema, analyzers included, into the index: every class
here must keep this import path (``indexer.analysis``) and its name, or
existing indexes stop opening.  Add new classes rather than rename old ones.

Content fields are analyzed in worker processes (``indexer.build``) and handed
to the writer as ready postings (:class:`Posted`); the analyzers below are what
the same fields do with a plain string (small updates, tests, Whoosh tools).
"""
from __future__ import annotations

import operator
import pickle
from collections import Counter, defaultdict

from whoosh import columns, fields, formats
from whoosh.analysis import Token, Tokenizer
from whoosh.system import pack_uint

from kb.text import fold

SCHEMA_VERSION = 4  # 4: posting arrays beside each segment (indexer.postings)
ARTICLES = "articles"  # Whoosh index name of the article index, in the same generation


class Posted:
    """Postings computed elsewhere: ``items`` = [(term bytes, freq, weight, value bytes)]."""

    __slots__ = ("items",)

    def __init__(self, items):
        self.items = items

    def __getstate__(self):
        return self.items

    def __setstate__(self, state):
        self.items = state


class SyllableTokenizer(Tokenizer):
    """Lowercase syllables, canonical tone placement; ``folded`` strips accents too."""

    def __init__(self, folded: bool = False):
        self.folded = folded

    def __eq__(self, other):
        return type(self) is type(other) and self.folded == other.folded

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True,
                 mode="", **kwargs):
        from indexer.segment import syllables

        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for i, syl in enumerate(syllables(value) if tokenize else [value]):
            t.text = fold(syl) if self.folded else syl
            t.original = t.text
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = start_pos + i
            yield t


class PyviWordTokenizer(Tokenizer):
    """pyvi words (``cải_cách``), lowercase, accented, canonical tone placement."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True,
                 mode="", **kwargs):
        from kb.text import clean
        from indexer.segment import default_segmenter

        words = default_segmenter().segment(clean(value).text).words if tokenize else [value]
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for i, word in enumerate(words):
            t.text = t.original = word
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = start_pos + i
            yield t


class PostedText(fields.FieldType):
    """A scorable text field that also accepts postings computed in a worker."""

    def __init__(self, analyzer, phrase: bool = True):
        self.analyzer = analyzer
        self.format = formats.Positions() if phrase else formats.Frequency()
        self.scorable = True
        self.stored = False
        self.unique = False
        self.vector = None
        self.multitoken_query = "phrase"
        self.column_type = None

    def index(self, value, **kwargs):
        if isinstance(value, Posted):
            return iter(value.items)
        return super().index(value, **kwargs)


_PACKED = [pack_uint(n) for n in range(4096)]  # pack_uint of small counts, computed once


def postings_positions(terms: list[str]) -> Posted:
    """Positions postings of a token sequence, encoded as Whoosh's ``Positions`` does."""
    poses: dict[str, list[int]] = defaultdict(list)
    for i, term in enumerate(terms):
        poses[term].append(i)
    items = []
    dumps = pickle.dumps
    sub = operator.sub
    for term, plist in poses.items():
        n = len(plist)
        if n == 1:
            deltas = plist
        else:  # map(): the deltas of long lists without a Python-level loop
            deltas = [plist[0]]
            deltas += map(sub, plist[1:], plist)
        items.append((term.encode("utf-8"), n, float(n),
                      (_PACKED[n] if n < 4096 else pack_uint(n)) + dumps(deltas, 2)))
    return Posted(items)


def postings_frequency(terms: list[str]) -> Posted:
    """Frequency postings, encoded as Whoosh's ``Frequency`` does."""
    return Posted([(t.encode("utf-8"), n, float(n), _PACKED[n] if n < 4096 else pack_uint(n))
                   for t, n in Counter(terms).items()])


def make_schema() -> fields.Schema:
    """Fields of the search index (see docs/search.md)."""
    return fields.Schema(
        slug=fields.ID(stored=True, unique=True),
        # identity and filters
        number=fields.STORED(),
        numkey=fields.ID(),  # kb.identity.number_key of the canonical number
        numhead=fields.ID(),  # "76" of 76/NQ-CP
        numsym=fields.KEYWORD(),  # "nq", "cp", the year, the type's code
        type=fields.ID(stored=True, sortable=True),
        type_k=fields.ID(),  # folded type ("nghi quyet")
        issuer=fields.ID(stored=True, sortable=True),
        issuer_f=PostedText(SyllableTokenizer(folded=True)),
        year=fields.ID(stored=True, sortable=True),
        date=fields.ID(stored=True, sortable=True),
        validity=fields.ID(stored=True, sortable=True),  # status code
        stub=fields.STORED(),
        title=fields.STORED(),
        # text
        title_f=PostedText(SyllableTokenizer(folded=True)),
        title_s=PostedText(SyllableTokenizer(folded=False), phrase=False),
        # folded title syllables, space-joined: phrase checks on the best candidates
        title_key=fields.COLUMN(columns.VarBytesColumn()),
        fsyl=PostedText(SyllableTokenizer(folded=True)),
        words=PostedText(PyviWordTokenizer(), phrase=False),
        asyl=PostedText(SyllableTokenizer(folded=False), phrase=False),  # accented syllables
        fbi=PostedText(SyllableTokenizer(folded=True), phrase=False),  # folded syllable pairs "cai cach"
        topic=fields.KEYWORD(stored=True, commas=True),  # Pháp điển chủ đề/đề mục codes
        topic1=fields.ID(stored=True, sortable=True),  # the first chủ đề: the topic facet
        dup=fields.ID(stored=True, sortable=True),  # same text from two records: shown once
        # zlib-compressed cleaned text, boilerplate blanked, for snippets: a column, read
        # only for the hits of a page (as a stored field it came with every stored_fields)
        body=fields.COLUMN(columns.VarBytesColumn()),
    )


def make_article_schema() -> fields.Schema:
    """Fields of the article index: one entry per Điều, with its document's fields for filters."""
    return fields.Schema(
        uid=fields.ID(stored=True, unique=True),  # slug#anchor
        doc=fields.ID(stored=True, sortable=True),  # the document's slug (a column: grouping by document)
        anum=fields.ID(stored=True),  # article number as written ("5", "5a")
        anchor=fields.STORED(),
        heading=fields.STORED(),
        number=fields.STORED(),  # the document's number
        numkey=fields.ID(),
        type=fields.ID(stored=True, sortable=True),
        type_k=fields.ID(),
        issuer=fields.ID(stored=True, sortable=True),
        issuer_f=PostedText(SyllableTokenizer(folded=True)),
        year=fields.ID(stored=True, sortable=True),
        date=fields.ID(stored=True, sortable=True),
        validity=fields.ID(stored=True, sortable=True),
        stub=fields.STORED(),
        title=fields.STORED(),  # the document's title
        topic=fields.KEYWORD(stored=True, commas=True),
        topic1=fields.ID(stored=True, sortable=True),
        dup=fields.ID(stored=True, sortable=True),
        fsyl=PostedText(SyllableTokenizer(folded=True)),  # heading + text
        asyl=PostedText(SyllableTokenizer(folded=False), phrase=False),
        fbi=PostedText(SyllableTokenizer(folded=True), phrase=False),
        head_f=PostedText(SyllableTokenizer(folded=True), phrase=False),  # the article's heading
        dtitle_f=PostedText(SyllableTokenizer(folded=True), phrase=False),  # the document's title
        body=fields.COLUMN(columns.VarBytesColumn()),
    )
