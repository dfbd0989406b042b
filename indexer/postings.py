"""Posting lists as plain numpy arrays beside each Whoosh segment.

Whoosh stores a posting list as blocks of pickled tuples (ids, weights and
positions, zlib-compressed): reading one back is a decompress and an unpickle
per block in Python, positions included, which search never needs for
scoring.  At 60,000 articles that cold read was about half of a long
question's time.  So, when Whoosh writes a segment (at a commit or a merge),
:class:`SidecarCodec` also writes each term's document numbers and weights to
arrays beside it:

* ``<segment>.spx``: three uint64 rows, one column per term: its key (a
  64-bit hash of field and term; sorted), start and count;
* ``<segment>.spi``: document numbers, one after another (uint16 when the
  segment has fewer than 65,536 documents, else uint32);
* ``<segment>.spt``: the weights (term frequencies) in the same order
  (uint8/uint16 when they are whole numbers that fit, else float32).

Reading a term is then a binary search in the mapped key array and two array
slices (:meth:`SegmentPostings.read`): no Python loop over blocks, no copy of
positions.  Files are ``.npy`` (memory-mapped, so a searcher's memory does not
grow with the index) and named after the segment, so Whoosh deletes them with
the segment after a merge (and any ``*_tmp`` left by a crash).  The key table
is written last, under its name only when complete.  A segment without them (an index written by plain
Whoosh) is read the old way; the values read are the same either way.
"""
from __future__ import annotations

import hashlib
import os
from array import array
from pathlib import Path

import numpy as np
from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3PostingsWriter

KEYS_EXT = ".spx"
IDS_EXT = ".spi"
WEIGHTS_EXT = ".spt"
_TMP = "_tmp"
_CHUNK = 1 << 20  # postings converted at a time when the segment's arrays are written


def term_key(fieldname: str, tbytes: bytes) -> int:
    """64-bit key of (field, term); a collision within a segment is detected at write time."""
    return int.from_bytes(hashlib.blake2b(fieldname.encode("utf-8") + b"\0" + tbytes,
                                          digest_size=8).digest(), "little")


class _Sink:
    """Collects one segment's postings while Whoosh writes it; arrays on disk, not in memory."""

    def __init__(self, folder: Path, segment_id: str):
        self.base = folder / segment_id
        self.ids_tmp = open(str(self.base) + IDS_EXT + _TMP, "wb")
        self.weights_tmp = open(str(self.base) + WEIGHTS_EXT + _TMP, "wb")
        self.count = 0
        self.keys = array("Q")
        self.starts = array("Q")
        self.counts = array("Q")

    def add(self, ids, weights) -> None:
        if not isinstance(ids, array) or ids.typecode != "I" or ids.itemsize != 4:
            ids = array("I", ids)
        if not isinstance(weights, array) or weights.typecode != "f":
            weights = array("f", weights)
        ids.tofile(self.ids_tmp)
        weights.tofile(self.weights_tmp)
        self.count += len(ids)

    def term(self, key: int, start: int) -> None:
        self.keys.append(key)
        self.starts.append(start)
        self.counts.append(self.count - start)

    def close(self) -> None:
        self.ids_tmp.close()
        self.weights_tmp.close()
        ids_tmp, weights_tmp = self.ids_tmp.name, self.weights_tmp.name
        try:
            keys = np.frombuffer(self.keys, dtype=np.uint64) if len(self.keys) else np.zeros(0, np.uint64)
            order = np.argsort(keys, kind="stable")
            table = np.zeros((3, len(keys)), dtype=np.uint64)  # rows: keys (sorted), starts, counts
            if len(keys):
                table[0] = keys[order]
                table[1] = np.frombuffer(self.starts, dtype=np.uint64)[order]
                table[2] = np.frombuffer(self.counts, dtype=np.uint64)[order]
            if len(keys) > 1 and (np.diff(table[0]) == 0).any():
                return  # two terms share a key (~1e-7 per segment): this segment is read the old way
            raw_ids = _raw(ids_tmp, np.uint32, self.count)
            raw_weights = _raw(weights_tmp, np.float32, self.count)
            id_type = np.uint16 if self.count == 0 or int(raw_ids.max()) < 1 << 16 else np.uint32
            weight_type = _weight_type(raw_weights)
            # Arrays first, the key table last: a segment has its table only when all is written.
            _copy(raw_ids, str(self.base) + IDS_EXT, id_type)
            _copy(raw_weights, str(self.base) + WEIGHTS_EXT, weight_type)
            del raw_ids, raw_weights
            keys_path = str(self.base) + KEYS_EXT
            with open(keys_path + _TMP, "wb") as fh:  # np.save(path) would add ".npy"
                np.save(fh, table)
            os.replace(keys_path + _TMP, keys_path)
        finally:
            for tmp in (ids_tmp, weights_tmp):
                try:
                    os.remove(tmp)
                except FileNotFoundError:
                    continue


def _raw(path: str, dtype, count: int) -> np.ndarray:
    if not count:
        return np.zeros(0, dtype=dtype)
    return np.memmap(path, dtype=dtype, mode="r", shape=(count,))


def _weight_type(weights: np.ndarray):
    """The smallest type holding every weight exactly (term frequencies are whole numbers)."""
    top = 0.0
    for i in range(0, len(weights), _CHUNK):
        chunk = weights[i:i + _CHUNK]
        if not np.array_equal(chunk, np.floor(chunk)) or (chunk < 0).any():
            return np.float32
        top = max(top, float(chunk.max()))
    if top < 1 << 8:
        return np.uint8
    if top < 1 << 16:
        return np.uint16
    return np.float32


def _copy(raw: np.ndarray, path: str, dtype) -> None:
    out = np.lib.format.open_memmap(path, mode="w+", dtype=dtype, shape=(len(raw),))
    for i in range(0, len(raw), _CHUNK):
        out[i:i + _CHUNK] = raw[i:i + _CHUNK]
    out.flush()
    del out


class _TeePostingsWriter(W3PostingsWriter):
    """Whoosh's postings writer, handing each block's ids and weights to the sink as well."""

    def __init__(self, sink: _Sink, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._sink = sink
        self._sink_start = 0

    def start_postings(self, format_, terminfo):
        super().start_postings(format_, terminfo)
        self._sink_start = self._sink.count

    def _write_block(self, last=False):
        self._sink.add(self._ids, self._weights)
        super()._write_block(last)

    def finish_postings(self):
        if not self.written() and len(self) < self._inlinelimit and self._ids:
            self._sink.add(self._ids, self._weights)  # inlined into the term info: no block written
        return super().finish_postings()


class _TeeFieldWriter(W3FieldWriter):
    def __init__(self, codec, storage, segment):
        super().__init__(codec, storage, segment)
        folder = getattr(storage, "folder", None)
        self._sink = _Sink(Path(folder), segment.segment_id()) if folder else None

    def start_field(self, fieldname, fieldobj):
        super().start_field(fieldname, fieldobj)
        if self._sink is not None:
            c = self._codec
            self._postwriter = _TeePostingsWriter(self._sink, self._postfile, blocklimit=c._blocklimit,
                                                  compression=c._compression, inlinelimit=c._inlinelimit)

    def finish_term(self):
        start = self._postwriter._sink_start if self._sink is not None else 0
        super().finish_term()
        if self._sink is not None:
            self._sink.term(term_key(self._fieldname, self._btext), start)

    def close(self):
        super().close()
        if self._sink is not None:
            self._sink.close()


class SidecarCodec(W3Codec):
    """Whoosh's W3 codec, writing the posting arrays of :mod:`indexer.postings` beside each segment.

    Pickled into the index's table of contents by Whoosh: keep this name and path.
    """

    def field_writer(self, storage, segment):
        return _TeeFieldWriter(self, storage, segment)


class SegmentPostings:
    """The posting arrays of one segment, memory-mapped."""

    __slots__ = ("keys", "starts", "counts", "ids", "weights")

    def __init__(self, base: str):
        table = np.load(base + KEYS_EXT, mmap_mode="r")
        self.keys, self.starts, self.counts = table[0], table[1], table[2]  # contiguous rows
        self.ids = np.load(base + IDS_EXT, mmap_mode="r")
        self.weights = np.load(base + WEIGHTS_EXT, mmap_mode="r")

    @classmethod
    def open(cls, leaf) -> "SegmentPostings | None":
        """The arrays of a Whoosh segment reader, or None when it has none (read the old way)."""
        folder = getattr(leaf.storage(), "folder", None)
        if folder is None or leaf.segment().is_compound():
            return None
        base = os.path.join(folder, leaf.segment().segment_id())
        if not os.path.exists(base + KEYS_EXT):
            return None
        return cls(base)

    def find(self, key: int) -> tuple[int, int]:
        """(start, count) of a term, (0, 0) when the segment does not hold it."""
        keys = self.keys
        k = np.uint64(key)
        i = int(keys.searchsorted(k))
        if i < len(keys) and keys[i] == k:
            return int(self.starts[i]), int(self.counts[i])
        return 0, 0

    def read(self, key: int) -> tuple[np.ndarray, np.ndarray] | None:
        start, count = self.find(key)
        if not count:
            return None
        return self.ids[start:start + count], self.weights[start:start + count]

