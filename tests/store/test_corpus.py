"""The store on the real corpus (../shared): importing again changes nothing, the graph holds."""
from __future__ import annotations

import pytest

from kb.store import open_store
from kb.ingest import import_paths

pytestmark = pytest.mark.shared

# Enough documents to cite each other and share stubs; the benchmark imports all 446.
SUBSET = 120
ORDER_SUBSET = 446  # the whole corpus: the test is cheap enough


@pytest.fixture(scope="module")
def corpus_files(shared):
    files = sorted((shared / "corpus" / "legal").glob("*.md"))
    assert len(files) >= SUBSET
    return files[:SUBSET]


def snapshot(store):
    c = store.conn
    docs = sorted(tuple(r) for r in c.execute("SELECT slug, is_stub, number, date FROM documents"))
    edges = sorted(
        tuple(r)
        for r in c.execute(
            "SELECT a.slug, c.span_start, c.relation, c.status, b.slug FROM citations c"
            " JOIN documents a ON a.id = c.citing_id LEFT JOIN documents b ON b.id = c.target_id"
        )
    )
    candidates = c.execute("SELECT COUNT(*) FROM citation_candidates").fetchone()[0]
    sources = c.execute("SELECT COUNT(*) FROM sources").fetchone()[0]
    return docs, edges, candidates, sources


def test_reimport_changes_nothing_and_keeps_no_duplicates(tmp_path, corpus_files):
    with open_store(tmp_path / "d") as store:
        first = import_paths(store, corpus_files, workers=2)
        assert first.failed == []
        assert len(first.new) + len(first.updated) + len(first.unchanged) == SUBSET
        before = snapshot(store)
        # Parsed and saved again (force): the store itself finds nothing to change.
        second = import_paths(store, corpus_files, workers=2, force=True)
        assert (len(second.new), len(second.updated), second.failed) == (0, 0, [])
        assert len(second.unchanged) == SUBSET
        assert snapshot(store) == before
        # The fast path: same bytes from the same path are not even parsed.
        third = import_paths(store, corpus_files, workers=2)
        assert len(third.unchanged) == SUBSET and snapshot(store) == before

        c = store.conn
        # No two real documents with the same identity; no two stubs for one description.
        assert c.execute(
            "SELECT COUNT(*) FROM (SELECT number_key, date, issuer_key FROM documents WHERE number_key != ''"
            " AND is_stub = 0 GROUP BY 1, 2, 3 HAVING COUNT(*) > 1)"
        ).fetchone()[0] == 0
        assert c.execute(
            "SELECT COUNT(*) FROM (SELECT number_key, date, issuer_key FROM documents WHERE is_stub = 1"
            " AND number_key != '' GROUP BY 1, 2, 3 HAVING COUNT(*) > 1)"
        ).fetchone()[0] == 0
        # Every stub is pointed at; every edge comes from a real document's text or a source.
        assert c.execute(
            "SELECT COUNT(*) FROM documents d WHERE is_stub = 1 AND NOT EXISTS"
            " (SELECT 1 FROM citations WHERE target_id = d.id OR citing_id = d.id)"
            " AND NOT EXISTS (SELECT 1 FROM citation_candidates WHERE document_id = d.id)"
        ).fetchone()[0] == 0
        stats = store.stats()
        print(f"\n{SUBSET} files: {stats['documents']} documents, {stats['stubs']} stubs, {stats['edges']} edges,"
              f" {stats['unresolved']} unresolved; {first.seconds:.1f}s then {second.seconds:.1f}s")
        assert stats["edges"] > 5 * SUBSET and stats["stubs"] > 0


def test_import_order_gives_the_same_graph(tmp_path, shared):
    """Forward or backward, the same documents, stubs (with their dates) and edges."""
    files = sorted((shared / "corpus" / "legal").glob("*.md"))[:ORDER_SUBSET]
    with open_store(tmp_path / "a") as a, open_store(tmp_path / "b") as b:
        import_paths(a, files, workers=2)
        import_paths(b, files[::-1], workers=2)
        docs_a, edges_a, _, _ = snapshot(a)
        docs_b, edges_b, _, _ = snapshot(b)
    assert docs_a == docs_b
    assert edges_a == edges_b


def test_seed_plan_links_to_the_catalogue(tmp_path, shared):
    """The seed plan's twelve citations land on the catalogue's documents."""
    from kb.catalogue import load_catalogue
    from kb.citations import get_citations
    from kb.model import Document, Source

    text = (shared / "seed" / "ke-hoach-hoi-nghi-cchc-sngv-quangngai-2023.txt").read_text(encoding="utf-8")
    with open_store(tmp_path / "d") as store:
        load_catalogue(store)
        plan = Document(None, type="Kế hoạch", issuer="Sở Ngoại vụ tỉnh Quảng Ngãi", date="2023-10-12",
                        title="Hội nghị tuyên truyền, phổ biến các nội dung về công tác cải cách hành chính,"
                              " Xây dựng xã hội học tập năm 2023", text=text)
        result = store.save_document(plan, Source("file", "seed.txt"), citations=get_citations(text))
        targets = {e.target_doc.number for group in store.outgoing(result.id).values() for e in group if e.target_doc}
        stubs = [e for group in store.outgoing(result.id).values() for e in group if e.status != "found"]
    expected = {"198/KH-SNgV", "210/KH-SNgV", "76/NQ-CP", "93/NQ-HĐND", "1256/QĐ-UBND", "1782/QĐ-UBND",
                "673/QĐ-UBND", "1283/QĐ-UBND", "1373/QĐ-TTg", "1741/QĐ-UBND", "339/QĐ-UBND", "272/QĐ-UBND"}
    assert expected <= targets, expected - targets
    assert stubs == []
