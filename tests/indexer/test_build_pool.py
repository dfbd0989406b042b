"""The writer's posting pool: spilled runs in chunks give the same postings as Whoosh's own."""
from __future__ import annotations

import random

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from indexer import build as build_mod
from indexer.analysis import ARTICLES
from indexer.build import _ChunkedPool, build

from indexer.sources import IndexDoc
from tests.indexer.conftest import SMALL_DOCS

LAW = IndexDoc(
    slug="luat-thu", number="01/2024/QH15", type="Luật", issuer="Quốc hội", date="2024-01-01",
    year=2024, title="Luật thử",
    text="LUẬT THỬ\nĐiều 1. Phạm vi điều chỉnh\nLuật này quy định về công tác văn thư và lưu trữ.\n"
         "Điều 2. Đối tượng áp dụng\nCơ quan nhà nước, tổ chức chính trị - xã hội.\n"
         "Điều 3. Giải thích từ ngữ\nVăn thư là công tác soạn thảo, ban hành văn bản.\n",
)
DOCS = SMALL_DOCS + [LAW]


def _pool(tmp_path, limit):
    pool = _ChunkedPool(FileStorage(str(tmp_path)), None, limitmb=1)
    pool.limit = limit
    return pool


def test_spilled_runs_come_back_sorted_and_complete(tmp_path, monkeypatch):
    monkeypatch.setattr(build_mod, "RUN_CHUNK", 7)  # several chunks per run
    rng = random.Random(3)
    items = [("fsyl", b"t%d" % rng.randint(0, 40), i, 1.0, b"v%d" % i) for i in range(600)]
    for maxfiles in (3, 128):  # 3: runs are merged into runs first (a generator written in chunks)
        pool = _pool(tmp_path, 2_000)
        for item in items:
            pool.add(item)
        assert len(pool.runs) > 3
        assert list(pool.items(maxfiles=maxfiles)) == sorted(items)
    assert list(tmp_path.glob("*.run")) == []  # runs removed once read


def _postings(gen, indexname):
    ix = whoosh_index.open_dir(str(gen), indexname=indexname)
    with ix.reader() as r:
        out = {}
        for field, text in r.all_terms():
            out[(field, text)] = list(_walk(r.postings(field, text)))
    ix.close()
    return out


def _walk(m):
    while m.is_active():
        yield m.id(), m.value()
        m.next()


def test_index_built_with_spills_equals_one_without(tmp_path, monkeypatch):
    plain = build(tmp_path / "a", DOCS, total=len(DOCS), workers=1, progress=False)
    writer = build_mod._writer

    def spilling_writer(ix):
        w = writer(ix)
        w.pool.limit = 3_000  # a few dozen postings per run
        return w

    monkeypatch.setattr(build_mod, "_writer", spilling_writer)
    spilled = build(tmp_path / "b", DOCS, total=len(DOCS), workers=1, progress=False)
    for name in ("MAIN", ARTICLES):
        a = _postings(tmp_path / "a" / plain.generation, name)
        b = _postings(tmp_path / "b" / spilled.generation, name)
        assert len(a) > 50
        assert a.keys() == b.keys()
        assert [k for k in a if a[k] != b[k]] == []
