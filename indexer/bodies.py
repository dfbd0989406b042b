"""The text kept in the index for snippets (the ``body`` column), stored once.

A document's body is its cleaned text, boilerplate blanked, zlib-compressed;
past :data:`CHUNK` characters in independent pieces, so an article's few
thousand characters are read without inflating a whole code.  An article that
is a span of that text (almost every Điều parsed from a document) stores only
its offsets in it (:func:`span_ref`, 9 bytes) and its snippet is cut from the
document's body; an article with its own text (a Pháp điển unit) keeps its
compressed text.  A zlib stream starts with ``0x78``, so the leading ``0x00``
(a span) or ``0x01`` (pieces) cannot be mistaken for one.
"""
from __future__ import annotations

import struct
import zlib
from typing import Callable

CHUNK = 16_384  # characters per piece of a long text
_SPAN = b"\x00"
_PIECES = b"\x01"
_OFFSETS = struct.Struct("<II")
_COUNT = struct.Struct("<I")


def compress(text: str) -> bytes | None:
    if not text:
        return None
    if len(text) <= CHUNK:
        return zlib.compress(text.encode("utf-8"), 1)
    pieces = [zlib.compress(text[i:i + CHUNK].encode("utf-8"), 1) for i in range(0, len(text), CHUNK)]
    return (_PIECES + _COUNT.pack(len(pieces)) + struct.pack(f"<{len(pieces)}I", *map(len, pieces))
            + b"".join(pieces))


def span_ref(start: int, end: int) -> bytes:
    """An article's text as ``start``..``end`` of its document's body."""
    return _SPAN + _OFFSETS.pack(start, end)


def text_of(blob: bytes | None, document_blob: Callable[[], bytes | None] | None = None,
            limit: int | None = None) -> str:
    """The text a ``body`` value stands for (its first ``limit`` characters when given: a
    snippet never reads past them, and a long law's later pieces need not be inflated);
    ``document_blob()`` gives the document's, for a span."""
    if not blob:
        return ""
    if blob[:1] == _SPAN and len(blob) == 1 + _OFFSETS.size:
        start, end = _OFFSETS.unpack(blob[1:])
        if limit is not None:
            end = min(end, start + limit)
        return _slice(document_blob() if document_blob else None, start, end)
    return _slice(blob, 0, limit)


def _slice(blob: bytes | None, start: int, end: int | None) -> str:
    """``text[start:end]`` of a compressed body, inflating only the pieces it needs."""
    if not blob:
        return ""
    if blob[:1] != _PIECES:
        return zlib.decompress(blob).decode("utf-8")[start:end]
    (n,) = _COUNT.unpack_from(blob, 1)
    lengths = struct.unpack_from(f"<{n}I", blob, 1 + _COUNT.size)
    first = min(start // CHUNK, n)
    last = n if end is None else min(n, (end + CHUNK - 1) // CHUNK)
    pos = 1 + _COUNT.size + 4 * n + sum(lengths[:first])
    parts = []
    for k in range(first, last):
        parts.append(zlib.decompress(blob[pos:pos + lengths[k]]).decode("utf-8"))
        pos += lengths[k]
    text = "".join(parts)
    base = first * CHUNK
    return text[start - base:None if end is None else end - base]
