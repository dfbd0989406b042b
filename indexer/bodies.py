"""The text kept in the index for snippets (the ``body`` column), stored once.

A document's body is its cleaned text, boilerplate blanked, zlib-compressed.
An article that is a span of that text (almost every Điều parsed from a
document) stores only its offsets in it (:func:`span_ref`, 9 bytes) and its
snippet is cut from the document's body; an article with its own text (a
Pháp điển unit) keeps its compressed text.  A zlib stream starts with ``0x78``,
so the leading ``0x00`` of a reference cannot be mistaken for one.
"""
from __future__ import annotations

import struct
import zlib
from typing import Callable

_SPAN = b"\x00"
_OFFSETS = struct.Struct("<II")


def compress(text: str) -> bytes | None:
    return zlib.compress(text.encode("utf-8"), 1) if text else None


def span_ref(start: int, end: int) -> bytes:
    """An article's text as ``start``..``end`` of its document's body."""
    return _SPAN + _OFFSETS.pack(start, end)


def text_of(blob: bytes | None, document_body: Callable[[], str | None]) -> str:
    """The text a ``body`` value stands for; ``document_body()`` gives the document's, for a reference."""
    if not blob:
        return ""
    if blob[:1] == _SPAN and len(blob) == 1 + _OFFSETS.size:
        start, end = _OFFSETS.unpack(blob[1:])
        return (document_body() or "")[start:end]
    return zlib.decompress(blob).decode("utf-8")
