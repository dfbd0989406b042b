"""The reference: a plain single-process pyvi + Whoosh pipeline (issue 5's baseline).

What one writes first: a Whoosh analyzer that calls ``ViTokenizer.tokenize``
on each text, one TEXT field for the content, default writer settings.
``bench.index_speed`` measures our indexer against this on the same texts.
The tokenizer class lives here, at a stable import path, because Whoosh
pickles it into the index.
"""
from __future__ import annotations

from whoosh import fields
from whoosh.analysis import Token, Tokenizer


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


def build_plain(path, docs) -> int:
    """Index ``docs`` (IndexDoc) into a new index at ``path``; returns the document count."""
    from whoosh import index

    ix = index.create_in(str(path), plain_schema())
    writer = ix.writer()
    n = 0
    for d in docs:
        writer.add_document(slug=d.slug, number=d.number or "", title=d.title or "",
                            content=d.text or "")
        n += 1
    writer.commit()
    return n
