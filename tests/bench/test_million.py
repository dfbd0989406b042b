"""bench.million at a tiny scale: the generator, and both engines finding a known article."""
from __future__ import annotations

import pytest

from bench.million_corpus import PER_LAW, build_pool, laws
from bench import million

N = 200


@pytest.fixture(scope="module")
def pool(shared):
    # ALQAC only: seconds, not the minutes of the whole Pháp điển
    return build_pool(shared, phapdien=False)


def _articles(pool, n, seed=7):
    return [a for _, arts in laws(pool, n, seed) for a in arts]


def test_generator_counts_and_determinism(pool):
    assert pool.sources["alqac_articles"] > 3000 and pool.sources["phapdien_articles"] == 0
    arts = _articles(pool, N)
    assert len(arts) == N
    assert len({a.law for a in arts}) == -(-N // PER_LAW)
    again = _articles(pool, N)
    assert [(a.law, a.number, a.heading, a.paras) for a in arts] == \
           [(a.law, a.number, a.heading, a.paras) for a in again]
    # a smaller run is a prefix of a larger one; another seed draws other articles
    small = _articles(pool, 120)
    assert [(a.heading, a.paras) for a in small] == [(a.heading, a.paras) for a in arts[:120]]
    other = _articles(pool, N, seed=8)
    assert [(a.heading, a.paras) for a in other] != [(a.heading, a.paras) for a in arts]
    assert all(1 <= len(a.paras) <= 6 for a in arts)


def test_joined_terms_are_the_indexers_terms(pool):
    """Terms joined from pre-analysed pieces equal the analysis of the article's whole unit text."""
    from indexer import boilerplate
    from indexer.build import _folded, bigrams
    from indexer.segment import syllables
    from kb.text import clean

    for a in _articles(pool, 60):
        heading, _, body = a.text(pool).partition("\n")
        unit = f"Điều {a.number}. {heading.strip()}\n{body.strip()}"  # as bench.legal_qa.law_document
        syl = syllables(boilerplate.strip(clean(unit).text))
        folded = _folded(syl)
        terms = a.terms(pool)
        assert terms["asyl"].split() == syl
        assert terms["fsyl"].split() == folded
        assert sorted(terms["fbi"].split()) == sorted(p.replace(" ", "_") for p in bigrams(folded))


def _known_query(pool, article) -> str:
    return pool.text[article.heading] + " " + " ".join(pool.text[article.paras[0]].split()[:30])


def test_tantivy_finds_a_known_article(pool, tmp_path):
    from bench.million_tantivy import TantivyArticles

    res = million.tantivy_build(tmp_path / "t", pool, N, threads=1, heap_mb=50)
    assert res["documents"] == N
    t = TantivyArticles(tmp_path / "t")
    assert t.n == N
    found = 0
    arts = _articles(pool, N)
    for a in arts[::25]:
        uids = [uid for uid, _ in t.search(_known_query(pool, a), 3)]
        found += f"{a.law}#dieu-{a.number}" in uids
    assert found >= len(arts[::25]) - 1
    assert t.search("zzzqqq xxyyk") == []


def test_whoosh_finds_the_same_article(pool, tmp_path):
    res = million.whoosh_build(tmp_path / "w", pool, N, workers=1, progress=False)
    assert res["indexed_articles"] == N
    searcher, _ = million.whoosh_searcher(tmp_path / "w")
    arts = _articles(pool, N)
    slug_law = {d.slug: d.number for d in million.whoosh_docs(pool, N)}
    try:
        found = 0
        for a in arts[::25]:
            hits = searcher.search(_known_query(pool, a), unit="article", per_page=3).hits
            found += (a.law, a.number) in [(slug_law[h.slug], h.article.number) for h in hits if h.article]
        assert found >= len(arts[::25]) - 1
    finally:
        searcher.close()
