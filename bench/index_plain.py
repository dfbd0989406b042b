"""The reference: a plain single-process pyvi + Whoosh pipeline (issue 5's baseline).

What one writes first: a Whoosh analyzer that calls ``ViTokenizer.tokenize``
on each text, one TEXT field for the content, default writer settings.
``bench.index_speed`` measures our indexer against this on the same texts.
The tokenizer class lives here, at a stable import path, because Whoosh
pickles it into the index.

:func:`fields_schema` is the same plain tools asked for what our document index
holds (``indexer.analysis.make_schema``): pyvi words, folded syllables with
positions, accented syllables, folded syllable pairs, title and issuer fields,
the text stored for highlights; each built the plain way, with Whoosh's own
tokenizer and filters (``CharsetFilter`` for accents, ``ShingleFilter`` for
pairs).  Like with like: the same index content, the plain pipeline.
"""
from __future__ import annotations

from whoosh import fields
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, ShingleFilter, Token, Tokenizer
from whoosh.support.charset import accent_map


class PlainPyviTokenizer(Tokenizer):
    """``ViTokenizer.tokenize`` → lowercase words, with positions."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        from pyvi import ViTokenizer

        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for i, word in enumerate(ViTokenizer.tokenize(value).split()):
            t.text = word.lower()
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = start_pos + i
            yield t


def plain_schema() -> fields.Schema:
    analyzer = PlainPyviTokenizer()
    return fields.Schema(
        slug=fields.ID(stored=True, unique=True),
        number=fields.ID(stored=True),
        title=fields.TEXT(analyzer=analyzer, stored=True),
        content=fields.TEXT(analyzer=analyzer),
    )


def fields_schema() -> fields.Schema:
    """Our document index's content, the plain way (see the module's docstring)."""
    words = PlainPyviTokenizer()
    accented = RegexTokenizer(r"\w+") | LowercaseFilter()
    folded = accented | CharsetFilter(accent_map)
    pairs = folded | ShingleFilter(size=2, sep=" ")
    return fields.Schema(
        slug=fields.ID(stored=True, unique=True),
        number=fields.ID(stored=True),
        type=fields.ID(stored=True, sortable=True),
        issuer=fields.ID(stored=True, sortable=True),
        issuer_f=fields.TEXT(analyzer=folded),
        year=fields.ID(stored=True, sortable=True),
        date=fields.ID(stored=True, sortable=True),
        title=fields.STORED(),
        title_f=fields.TEXT(analyzer=folded),
        title_s=fields.TEXT(analyzer=accented, phrase=False),
        fsyl=fields.TEXT(analyzer=folded, stored=True),  # stored: the text for highlights
        words=fields.TEXT(analyzer=words, phrase=False),
        asyl=fields.TEXT(analyzer=accented, phrase=False),
        fbi=fields.TEXT(analyzer=pairs, phrase=False),
    )


def build_plain(path, docs, same_fields: bool = False) -> int:
    """Index ``docs`` (IndexDoc) into a new index at ``path``; returns the document count.

    ``same_fields``: :func:`fields_schema` (our document index's content) instead of one field.
    """
    from whoosh import index

    ix = index.create_in(str(path), fields_schema() if same_fields else plain_schema())
    writer = ix.writer()
    n = 0
    for d in docs:
        if same_fields:
            text, title, issuer = d.text or "", d.title or "", d.issuer or ""
            head = " ".join(x for x in (title, issuer) if x)
            writer.add_document(slug=d.slug, number=d.number or "", type=d.type or "", issuer=issuer,
                                issuer_f=issuer, year=str(d.year or ""), date=d.date or "", title=title,
                                title_f=title, title_s=title, fsyl=head + "\n" + text, words=text,
                                asyl=head + "\n" + text, fbi=head + "\n" + text)
        else:
            writer.add_document(slug=d.slug, number=d.number or "", title=d.title or "",
                                content=d.text or "")
        n += 1
    writer.commit()
    return n
