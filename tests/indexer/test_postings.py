"""Posting arrays beside the segments (indexer.postings) and facets that count each text once."""
from __future__ import annotations

import dataclasses
from collections import Counter

import numpy as np
import pytest
from whoosh import index as whoosh_index

from indexer import postings as postings_mod
from indexer.analysis import ARTICLES
from indexer.build import apply_changes, build
from indexer.scoring import ScoringIndex, _read_matcher
from indexer.searching import Searcher
from indexer.sources import IndexDoc
from indexer import storage
from tests.indexer.test_build_pool import DOCS, LAW


def _law(n_articles: int) -> str:
    return "LUẬT MẪU\n" + "".join(
        f"Điều {i}. Quy định số {i}\nCơ quan quản lý nhà nước về văn thư thực hiện nhiệm vụ thứ {i} "
        f"theo quy định của pháp luật về lưu trữ và bảo vệ bí mật nhà nước.\n"
        for i in range(1, n_articles + 1))


TWINS = [
    # the same law from two sources: one text, two records (facets differ: validity)
    IndexDoc(slug="luat-mau", number="10/2020/QH14", type="Luật", issuer="Quốc hội", date="2020-01-01",
             year=2020, validity="con_hieu_luc", title="Luật mẫu", text=_law(40)),
    IndexDoc(slug="luat-mau-2", number="10/2020/QH14", type="Luật", issuer="Quốc hội", date="2020-01-01",
             year=2020, validity="khong_ro", title="Luật mẫu", text=_law(40)),
    IndexDoc(slug="khac", number="2/2021/TT-BNV", type="Thông tư", issuer="Bộ Nội vụ", date="2021-01-01",
             year=2021, title="Thông tư về văn thư",
             text="Điều 1. Văn thư\nCơ quan quản lý nhà nước về văn thư hướng dẫn nghiệp vụ lưu trữ.\n"),
]


def _all_postings_agree(gen, indexname):
    """Every term of every field: the arrays give Whoosh's own ids and weights."""
    ix = whoosh_index.open_dir(str(gen), indexname=indexname)
    try:
        with ix.reader() as reader:
            si = ScoringIndex(reader)
            assert si.arrays and all(a is not None for a in si.arrays)
            terms = 0
            for field, tbytes in reader.all_terms():
                p = si._read(field, tbytes)
                ids, tfs = [], []
                for leaf, offset in reader.leaf_readers():
                    if (field, tbytes) in leaf:
                        i, t = _read_matcher(leaf.postings(field, tbytes))
                        ids.append(np.asarray(i, dtype=np.int64) + offset)
                        tfs.append(np.asarray(t, dtype=np.float32))
                ids, tfs = np.concatenate(ids), np.concatenate(tfs)
                keep = si.live[ids]
                assert np.array_equal(p.ids, ids[keep]), (field, tbytes)
                assert np.array_equal(p.tf, tfs[keep]), (field, tbytes)
                try:
                    text = tbytes.decode("utf-8")
                except UnicodeDecodeError:
                    continue
                assert si.term_df(field, text) == reader.doc_frequency(field, text)
                terms += 1
            assert si.term_df("fsyl", "khongcotu") == 0
            assert not len(si._read("fsyl", b"khongcotu").ids)
            return terms
    finally:
        ix.close()


def test_arrays_equal_whoosh_postings_after_build_update_and_merge(tmp_path):
    root = tmp_path / "index"
    build(root, list(DOCS), total=len(DOCS))
    gen = storage.current_generation(root)
    assert list(gen.glob("*.spx")) and list(gen.glob("articles_*.spx"))
    assert _all_postings_agree(gen, None) > 100
    assert _all_postings_agree(gen, ARTICLES) > 50
    # an update replaces one document and deletes another: a second segment, deletions
    changed = dataclasses.replace(LAW, text=LAW.text + "Điều 4. Hiệu lực\nLuật này có hiệu lực từ ngày ký.\n")
    apply_changes(root, [changed], [DOCS[0].slug], seq=1)
    _all_postings_agree(gen, None)
    _all_postings_agree(gen, ARTICLES)
    # many small updates: Whoosh merges segments; the merged segment has its arrays,
    # and the arrays of the segments merged away are deleted with them
    for i in range(12):
        doc = IndexDoc(slug=f"bai-{i}", type="Bài viết", title=f"Bài số {i}", text=f"Nội dung bài viết số {i} về văn thư.")
        apply_changes(root, [doc], [], seq=2 + i)
    ix = whoosh_index.open_dir(str(gen))
    segments = {s.segment_id() for s in ix._segments()}
    ix.close()
    assert {p.name.split(".")[0] for p in gen.glob("MAIN_*.spx")} == segments
    assert not list(gen.glob("*_tmp"))
    _all_postings_agree(gen, None)
    storage.check_intact(gen)


def test_search_is_the_same_with_or_without_arrays(tmp_path):
    """A segment without arrays (an index from before them) is read from Whoosh's blocks: same results."""
    root = tmp_path / "index"
    build(root, list(DOCS) + TWINS, total=len(DOCS) + len(TWINS))
    queries = ["văn thư", "cơ quan quản lý nhà nước về văn thư thực hiện nhiệm vụ", "cai cach hanh chinh",
               "xã hội học tập", "ban hành"]

    def run():
        with Searcher(index_dir=root, preload=False) as s:
            out = []
            for q in queries:
                for unit in ("document", "article"):
                    r = s.search(q, unit=unit, per_page=50, snippets=False)
                    out.append((r.total, [(h.slug, h.article.anchor if h.article else None, round(h.score, 4))
                                          for h in r.hits], r.facets))
            return out

    with_arrays = run()
    gen = storage.current_generation(root)
    for path in gen.glob("*" + postings_mod.KEYS_EXT):
        path.unlink()
    with Searcher(index_dir=root, preload=False) as s:
        assert all(a is None for a in s._open.scoring.arrays)
    assert run() == with_arrays


@pytest.fixture(scope="module")
def twins(tmp_path_factory):
    root = tmp_path_factory.mktemp("twins") / "index"
    build(root, list(TWINS), total=len(TWINS))
    with Searcher(index_dir=root, preload=False) as s:
        yield s


@pytest.mark.parametrize("unit", ["article", "document"])
@pytest.mark.parametrize("per_page", [1, 20])
def test_facets_count_each_text_once(twins, unit, per_page):
    r = twins.search("văn thư", unit=unit, per_page=per_page, snippets=False)
    # the two records of the law show once: 40 + 1 articles, or 1 + 1 documents
    assert r.total == (41 if unit == "article" else 2)
    pages = [twins.search("văn thư", unit=unit, per_page=per_page, page=p, snippets=False)
             for p in range(1, r.total // per_page + 2)]
    shown = [h for page in pages for h in page.hits]
    assert len(shown) == r.total
    if unit == "article":
        assert len({(h.type, h.article.anchor) for h in shown}) == r.total  # each article of the law once
    # facets count the hits the user can page through: each text once, as the record shown
    for name, value in (("type", "type"), ("issuer", "issuer"), ("year", "year"), ("validity", "validity")):
        counts = Counter(str(getattr(h, value)) for h in shown if getattr(h, value))
        assert dict(r.facets[name]) == dict(counts), name
