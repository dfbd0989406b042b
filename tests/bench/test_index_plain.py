"""bench.index_plain's "same fields" pipeline holds what our document index holds.

``bench.index_speed`` compares our build with it (the ≥ 2× bar), so the claim "like with like"
must hold: the same folded syllables, accented syllables and folded pairs, and the same
documents (ours adds only its normalizations: one place for tone marks, issuer abbreviations
spelled out); and the documents-only build of ours has no article index entries.
"""
from __future__ import annotations

import dataclasses

from whoosh import index

from bench.index_plain import build_plain
from indexer.build import build
from indexer.sources import IndexDoc
from kb.text import canonical_tones

TEXTS = [
    ("qd-1", "Quyết định về cải cách hành chính", "Điều 1. Phạm vi\nKế hoạch cải cách hành chính nhà nước "
     "giai đoạn mới của tỉnh Quảng Ngãi.\nĐiều 2. Tổ chức thực hiện\nSở Nội vụ chủ trì, phối hợp."),
    ("nq-2", "Nghị quyết về phòng, chống ma túy", "Điều 1. Người nghiện ma túy được cai nghiện tự nguyện "
     "tại gia đình và cộng đồng."),
]


def _terms(ix, field: str) -> set[str]:
    with ix.searcher() as s:
        return {t.decode("utf-8") for t in s.reader().lexicon(field)}


def test_same_fields_pipeline_indexes_what_ours_indexes(tmp_path):
    docs = [IndexDoc(slug=slug, title=title, text=text, issuer="UBND tỉnh Quảng Ngãi", type="Quyết định")
            for slug, title, text in TEXTS]
    build(tmp_path / "ours", [dataclasses.replace(d, units=[]) for d in docs], total=len(docs), progress=False)
    (tmp_path / "plain").mkdir()
    assert build_plain(tmp_path / "plain", docs, same_fields=True) == len(docs)
    from indexer.storage import current_generation

    gen = current_generation(tmp_path / "ours")
    ours, plain = index.open_dir(str(gen)), index.open_dir(str(tmp_path / "plain"))
    assert ours.doc_count() == plain.doc_count() == len(docs)
    for field in ("fsyl", "fbi", "title_f"):
        assert _terms(plain, field) == _terms(ours, field), field
    # accented forms: ours puts tone marks in one place ("túy" → "tuý"), the plain way does not
    for field in ("asyl", "title_s"):
        assert {canonical_tones(t) for t in _terms(plain, field)} == _terms(ours, field), field
    # issuers: ours spells out "UBND" ("uy ban nhan dan"), so it holds more, never less
    assert _terms(plain, "issuer_f") - {"ubnd"} < _terms(ours, "issuer_f")
    assert "cai cach" in _terms(plain, "fbi") and "cải" in _terms(plain, "asyl")
    # documents only: the article index of that build is empty, the full build's is not
    assert index.open_dir(str(gen), indexname="articles").doc_count() == 0
    build(tmp_path / "full", docs, total=len(docs), progress=False)
    full = index.open_dir(str(current_generation(tmp_path / "full")), indexname="articles")
    assert full.doc_count() == 3
