"""The store of record on hand-written documents and citations (no other helper's code)."""
from __future__ import annotations

import sqlite3

import pytest

from kb.model import Citation, Document, Relation, Source
from kb.store import open_store
from tests.store.store_helpers import cite, doc

PLAN = (
    "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n\n"
    "Thực hiện Quyết định số 1256/QĐ-UBND ngày 22/12/2021 của UBND tỉnh;\n\n"
    "Số: 12/KH-SNgV\n"
)


def plan_citations(text=PLAN):
    return [
        cite(text, "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ", "76/NQ-CP", relation="can_cu",
             date="2021-07-15", issuer="Chính phủ", type="Nghị quyết"),
        cite(text, "Quyết định số 1256/QĐ-UBND ngày 22/12/2021 của UBND tỉnh", "1256/QĐ-UBND",
             relation="thuc_hien", date="2021-12-22", issuer="UBND tỉnh", type="Quyết định"),
        cite(text, "12/KH-SNgV", "12/KH-SNgV", self=True),
    ]


def plan_doc(text=PLAN):
    return doc("12/KH-SNgV", "2023-03-01", "Sở Ngoại vụ tỉnh Quảng Ngãi", text, type="Kế hoạch", title="Kế hoạch")


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "data") as s:
        yield s


def counts(store):
    c = store.conn
    return (
        c.execute("SELECT COUNT(*) FROM documents WHERE is_stub = 0").fetchone()[0],
        c.execute("SELECT COUNT(*) FROM documents WHERE is_stub = 1").fetchone()[0],
        c.execute("SELECT COUNT(*) FROM citations").fetchone()[0],
        c.execute("SELECT COUNT(*) FROM sources").fetchone()[0],
    )


def test_open_applies_migrations_with_wal_and_foreign_keys(tmp_path):
    with open_store(tmp_path / "d") as s:
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        versions = [r[0] for r in s.conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
        assert versions[0] == 1 and versions == sorted(versions)
    # Opening again applies nothing twice; a .sqlite3 path works too.
    with open_store(tmp_path / "d" / "kb.sqlite3") as s:
        assert [r[0] for r in s.conn.execute("SELECT version FROM schema_migrations ORDER BY version")] == versions


def test_not_a_database_is_a_clear_error(tmp_path):
    from kb.errors import KbError

    bad = tmp_path / "kb.sqlite3"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(KbError, match="hỏng|không phải"):
        open_store(bad)


def test_same_document_twice_changes_nothing(store):
    source = Source("file", "/x/plan.md", content_hash="h1")
    first = store.save_document(plan_doc(), source, citations=plan_citations())
    before = counts(store)
    seq = store.conn.execute("SELECT value FROM counters").fetchone()[0]
    second = store.save_document(plan_doc(), source, citations=plan_citations())
    assert first.status == "new" and second.status == "unchanged"
    assert first.slug == second.slug == "12-kh-sngv-2023-03-01"
    assert counts(store) == before == (1, 2, 2, 1)
    assert store.conn.execute("SELECT value FROM counters").fetchone()[0] == seq


def test_newer_version_updates_and_keeps_source_history(store):
    store.save_document(plan_doc(), Source("file", "/x/a.md", content_hash="h1"), citations=plan_citations())
    text2 = PLAN + "Bổ sung: thay thế Quyết định số 9/QĐ-SNgV ngày 01/02/2020.\n"
    cits = plan_citations(text2) + [
        cite(text2, "Quyết định số 9/QĐ-SNgV ngày 01/02/2020", "9/QĐ-SNgV", relation="thay_the", date="2020-02-01")
    ]
    result = store.save_document(plan_doc(text2), Source("file", "/x/a.md", content_hash="h2"), citations=cits)
    assert result.status == "updated"
    record = store.get(result.slug)
    assert record.text == text2
    assert [s["content_hash"] for s in store.sources(record.id)] == ["h2", "h1"]
    assert counts(store) == (1, 3, 3, 2)


def test_older_fetch_does_not_overwrite_newer(store):
    new = Source("vbpl", "https://vbpl.vn/x", fetched_at="2025-05-01T00:00:00+00:00", content_hash="b")
    old = Source("vbpl", "https://vbpl.vn/x", fetched_at="2024-01-01T00:00:00+00:00", content_hash="a")
    store.save_document(plan_doc(PLAN + "mới"), new, citations=[])
    result = store.save_document(plan_doc(PLAN + "cũ"), old, citations=[])
    assert result.status == "unchanged"
    assert store.get(result.slug).text.endswith("mới")
    assert [s["applied"] for s in store.sources(result.id)] == [True, False]


def test_cited_document_gets_a_stub_that_becomes_the_real_one(store):
    plan = store.save_document(plan_doc(), citations=plan_citations())
    stub = store.lookup("76/NQ-CP")
    assert len(stub) == 1 and stub[0].is_stub
    assert (stub[0].date, stub[0].issuer, stub[0].type) == ("2021-07-15", "Chính phủ", "Nghị quyết")
    # "UBND tỉnh" in a Quảng Ngãi document is Quảng Ngãi's.
    assert store.lookup("1256/QĐ-UBND")[0].issuer == "UBND tỉnh Quảng Ngãi"

    real = store.save_document(
        Document("76/NQ-CP", type="Nghị quyết", issuer="Chính phủ", date="2021-07-15",
                 title="Ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030",
                 text="Chính phủ quyết nghị ..."),
        citations=[],
    )
    assert real.status == "new" and real.id == stub[0].id  # same row: edges follow
    out = store.outgoing(plan.id)
    assert out["can_cu"][0].target_doc.slug == "76-nq-cp-2021-07-15"
    assert out["can_cu"][0].status == "found" and not out["can_cu"][0].target_doc.is_stub
    inc = store.incoming(real.id)
    assert [e.source_doc.slug for e in inc["can_cu"]] == [plan.slug]
    assert counts(store) == (2, 1, 2, 0)


def test_several_citations_of_one_unknown_document_make_one_merged_stub(store):
    t1 = "Thực hiện Quyết định số 1741/QĐUBND của Chủ tịch UBND tỉnh."
    t2 = "Căn cứ Quyết định số 1741/QĐ-UBND ngày 10/9/2021 về Kế hoạch."
    store.save_document(doc("1/KH-A", "2022-01-01", "Sở Ngoại vụ tỉnh Quảng Ngãi", t1),
                        citations=[cite(t1, "Quyết định số 1741/QĐUBND của Chủ tịch UBND tỉnh", "1741/QĐ-UBND",
                                        issuer="Chủ tịch UBND tỉnh", type="Quyết định")])
    store.save_document(doc("2/KH-A", "2022-02-01", "Sở Ngoại vụ tỉnh Quảng Ngãi", t2),
                        citations=[cite(t2, "Quyết định số 1741/QĐ-UBND ngày 10/9/2021", "1741/QĐ-UBND",
                                        date="2021-09-10")])
    found = store.lookup("1741/QĐ-UBND")
    assert len(found) == 1 and found[0].is_stub
    assert found[0].date == "2021-09-10" and found[0].issuer == "Chủ tịch UBND tỉnh Quảng Ngãi"
    assert len(store.incoming(found[0].id)["dan_chieu"]) == 2


def test_self_citations_are_not_edges(store):
    text = "QUYẾT ĐỊNH số 5/QĐ-X ... Quyết định 5/QĐ-X có hiệu lực."
    cits = [cite(text, "5/QĐ-X", "5/QĐ-X", self=True),
            cite(text, "Quyết định 5/QĐ-X", "5/QĐ-X")]  # own number, not flagged: still no self-loop
    r = store.save_document(doc("5/QĐ-X", "2020-01-01", "X", text), citations=cits)
    assert store.outgoing(r.id) == {} and counts(store)[:3] == (1, 0, 0)


def two_1256(store):
    a = store.save_document(doc("1256/QĐ-UBND", "2021-12-22", "UBND tỉnh Quảng Ngãi", "a"), citations=[])
    b = store.save_document(doc("1256/QĐ-UBND", "2019-05-02", "UBND thành phố Hà Nội", "b"), citations=[])
    return a, b


@pytest.mark.parametrize(
    "date, issuer, year, expected",
    [
        (None, None, None, "ambiguous"),
        ("2021-12-22", None, None, "a"),
        (None, "UBND thành phố Hà Nội", None, "b"),
        (None, None, 2019, "b"),
        ("2020-01-01", None, None, "unknown"),
        (None, "UBND tỉnh Bình Định", None, "unknown"),
    ],
)
def test_resolution_uses_date_year_issuer_and_keeps_candidates(store, date, issuer, year, expected):
    a, b = two_1256(store)
    c = Citation(0, 10, "x", "1256/QĐ-UBND", date=date, issuer=issuer, year=year)
    res = store.resolve(c)
    if expected == "ambiguous":
        assert res.status == "ambiguous" and res.document is None
        assert sorted(d.slug for d in res.candidates) == sorted([a.slug, b.slug])
    elif expected == "unknown":
        assert res.status == "unknown" and res.candidates == []
    else:
        assert res.status == "found" and res.document.id == {"a": a.id, "b": b.id}[expected]


def test_ambiguous_edge_keeps_candidates_and_later_resolves(store):
    a, b = two_1256(store)
    text = "Thực hiện Quyết định số 1256/QĐ-UBND về cải cách hành chính."
    plan = store.save_document(doc("3/KH-B", "2022-01-01", "Sở Nội vụ", text),
                               citations=[cite(text, "Quyết định số 1256/QĐ-UBND", "1256/QĐ-UBND")])
    edge = store.outgoing(plan.id)["dan_chieu"][0]
    assert edge.status == "ambiguous" and edge.target_doc is None
    assert {d.id for d in edge.candidates} == {a.id, b.id}
    assert store.stats()["unresolved"] == 1


def test_vague_citation_becomes_ambiguous_when_a_second_document_arrives(store):
    text = "Thực hiện Quyết định số 1256/QĐ-UBND."
    store.save_document(doc("1256/QĐ-UBND", "2021-12-22", "UBND tỉnh Quảng Ngãi", "a"), citations=[])
    plan = store.save_document(doc("3/KH-B", "2022-01-01", "Sở Nội vụ", text),
                               citations=[cite(text, "Quyết định số 1256/QĐ-UBND", "1256/QĐ-UBND")])
    assert store.outgoing(plan.id)["dan_chieu"][0].status == "found"
    store.save_document(doc("1256/QĐ-UBND", "2019-05-02", "UBND thành phố Hà Nội", "b"), citations=[])
    assert store.outgoing(plan.id)["dan_chieu"][0].status == "ambiguous"


def test_import_order_does_not_change_the_graph(tmp_path):
    """Citing documents first or cited documents first: same documents, stubs and edges."""
    real = Document("76/NQ-CP", type="Nghị quyết", issuer="Chính phủ", date="2021-07-15", text="nội dung")

    def graph(order):
        with open_store(tmp_path / "-".join(order)) as s:
            for name in order:
                if name == "plan":
                    s.save_document(plan_doc(), citations=plan_citations())
                else:
                    s.save_document(real, citations=[])
            rows = s.conn.execute(
                "SELECT c.relation, a.slug, b.slug, b.is_stub FROM citations c JOIN documents a ON a.id = c.citing_id"
                " JOIN documents b ON b.id = c.target_id ORDER BY 1, 2, 3"
            ).fetchall()
            return [tuple(r) for r in rows], counts(s)

    assert graph(["plan", "real"]) == graph(["real", "plan"])


def test_stub_nothing_points_at_is_removed_and_reported(store):
    plan = store.save_document(plan_doc(), citations=plan_citations())
    seq = store.changes_since(0)[2]
    text2 = "Không còn trích dẫn nào."
    store.save_document(plan_doc(text2), citations=[])
    assert counts(store)[:3] == (1, 0, 0)
    changed, removed, new_seq = store.changes_since(seq)
    assert sorted(removed) == ["1256-qd-ubnd-2021-12-22", "76-nq-cp-2021-07-15"]
    assert [r.slug for r in changed] == [plan.slug] and new_seq > seq


def test_changes_since_lists_each_changed_document_once(store):
    store.save_document(plan_doc(), citations=plan_citations())
    changed, removed, seq = store.changes_since(0)
    assert sorted(r.slug for r in changed) == sorted(
        ["12-kh-sngv-2023-03-01", "76-nq-cp-2021-07-15", "1256-qd-ubnd-2021-12-22"])
    assert removed == []
    assert store.changes_since(seq) == ([], [], seq)


REPLACING = (
    "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ số 47/2019/QH14;\n\n"
    "Điều 3. Quyết định này thay thế Quyết định số 100/QĐ-UBND ngày 01/01/2019 của UBND tỉnh.\n"
    "Bãi bỏ Điều 5 của Quyết định số 200/QĐ-UBND ngày 02/02/2019.\n"
    "Sửa đổi Quyết định số 300/QĐ-UBND ngày 03/03/2019.\n"
)


def replacing_citations():
    t = REPLACING
    return [
        cite(t, "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ số 47/2019/QH14", "47/2019/QH14",
             relation="can_cu", type="Luật"),
        cite(t, "Quyết định số 100/QĐ-UBND ngày 01/01/2019 của UBND tỉnh", "100/QĐ-UBND", relation="thay_the",
             date="2019-01-01", issuer="UBND tỉnh"),
        cite(t, "Quyết định số 200/QĐ-UBND ngày 02/02/2019", "200/QĐ-UBND", relation="bai_bo", date="2019-02-02"),
        cite(t, "Quyết định số 300/QĐ-UBND ngày 03/03/2019", "300/QĐ-UBND", relation="sua_doi", date="2019-03-03"),
    ]


def test_validity_derived_from_edges_with_evidence(store):
    new = store.save_document(doc("400/QĐ-UBND", "2021-06-01", "UBND tỉnh Quảng Ngãi", REPLACING),
                              citations=replacing_citations())

    def v(number):
        return store.validity(store.lookup(number)[0].id)

    replaced = v("100/QĐ-UBND")
    assert (replaced.status, replaced.label, replaced.stated_by_source) == ("bi_thay_the", "Bị thay thế", False)
    assert replaced.evidence[0].document.id == new.id
    assert replaced.evidence[0].sentence == "Quyết định này thay thế Quyết định số 100/QĐ-UBND ngày 01/01/2019 của UBND tỉnh."
    assert v("200/QĐ-UBND").status == "het_hieu_luc_mot_phan"
    amended = v("300/QĐ-UBND")
    assert amended.status == "khong_ro" and [e.document.id for e in amended.amendments] == [new.id]
    # A pursuant clause naming an amending law says nothing about validity.
    assert v("47/2019/QH14").evidence == [] and v("47/2019/QH14").status == "khong_ro"


def test_a_pursuant_clause_misread_as_replacement_is_not_evidence(store):
    t = "Căn cứ Luật sửa đổi, bổ sung, thay thế một số điều của Luật số 10/2012/QH13;"
    store.save_document(doc("1/2020/NĐ-CP", "2020-01-01", "Chính phủ", t),
                        citations=[cite(t, "Luật số 10/2012/QH13", "10/2012/QH13", relation="thay_the")])
    assert store.validity(store.lookup("10/2012/QH13")[0].id).status == "khong_ro"


def test_source_statement_wins_and_edges_stay_as_evidence(store):
    store.save_document(doc("400/QĐ-UBND", "2021-06-01", "UBND tỉnh Quảng Ngãi", REPLACING),
                        citations=replacing_citations())
    r = store.save_document(doc("100/QĐ-UBND", "2019-01-01", "UBND tỉnh Quảng Ngãi", "x",
                                validity="Hết hiệu lực toàn bộ"), Source("vbpl", "https://vbpl.vn/1"), citations=[])
    v = store.validity(r.id)
    assert (v.status, v.stated_by_source, v.statement) == ("het_hieu_luc", True, "Hết hiệu lực toàn bộ")
    assert len(v.evidence) == 1


def test_relations_stated_by_a_source(store):
    law = Document("63/2025/QH15", type="Luật", issuer="Quốc hội", date="2025-02-18", title="Luật Tổ chức Chính phủ")
    old = Document("76/2015/QH13", type="Luật", issuer="Quốc hội", date="2015-06-19", title="Luật Tổ chức Chính phủ")
    r = store.save_document(old, Source("catalogue", "data/catalogue.json"),
                            relations=[Relation("thay_the", law, direction="in", evidence="Điều 32")])
    v = store.validity(r.id)
    assert v.status == "bi_thay_the" and v.evidence[0].document.number == "63/2025/QH15"
    assert v.evidence[0].document.is_stub
    again = store.save_document(old, Source("catalogue", "data/catalogue.json"),
                                relations=[Relation("thay_the", law, direction="in", evidence="Điều 32")])
    assert again.status == "unchanged"
    store.save_document(law, Source("catalogue", "data/catalogue.json"))
    inc = store.incoming(r.id)["thay_the"]
    assert len(inc) == 1 and not inc[0].source_doc.is_stub and inc[0].origin == "source"
    assert counts(store)[:3] == (2, 0, 1)


def test_name_only_citations_resolve_by_name_and_date(store):
    law15 = store.save_document(Document("76/2015/QH13", type="Luật", issuer="Quốc hội", date="2015-06-19",
                                         title="Tổ chức Chính phủ"), citations=[])
    store.save_document(Document("63/2025/QH15", type="Luật", issuer="Quốc hội", date="2025-02-18",
                                 title="Tổ chức Chính phủ"), citations=[])
    dated = store.resolve(Citation(0, 1, "x", None, name="Luật Tổ chức Chính phủ", date="2015-06-19"))
    assert dated.status == "found" and dated.document.id == law15.id
    assert store.resolve(Citation(0, 1, "x", None, name="Luật Tổ chức Chính phủ")).status == "ambiguous"


def test_higher_ranked_source_is_not_overwritten_by_a_parsed_header(store):
    d = Document("76/NQ-CP", type="Nghị quyết", issuer="Chính phủ", date="2021-07-15", title="Tên đúng")
    store.save_document(d, Source("catalogue", "data/catalogue.json"))
    parsed = Document("76/NQ-CP", type="Nghị quyết", issuer="Chính phủ", date="2021-07-15", title="Tên sai",
                      text="toàn văn", signer="Phạm Minh Chính")
    r = store.save_document(parsed, Source("file", "/x.md"), citations=[])
    rec = store.get(r.slug)
    assert (rec.title, rec.text, rec.signer) == ("Tên đúng", "toàn văn", "Phạm Minh Chính")
    # Loading both again (as build-data does) changes nothing.
    assert store.save_document(d, Source("catalogue", "data/catalogue.json")).status == "unchanged"
    assert store.save_document(parsed, Source("file", "/x.md"), citations=[]).status == "unchanged"


def test_slug_collisions_are_disambiguated_deterministically(store):
    a = store.save_document(doc("1/QĐ-UBND", "2021-01-04", "UBND tỉnh Quảng Ngãi", "a"), citations=[])
    b = store.save_document(doc("1/QĐ-UBND", "2021-01-04", "UBND tỉnh Bình Định", "b"), citations=[])
    assert a.slug == "1-qd-ubnd-2021-01-04"
    assert b.slug == "1-qd-ubnd-2021-01-04-ubnd-tinh-binh-dinh"
    assert store.get(b.slug).text == "b"


def test_failed_save_leaves_nothing_half_written(store):
    def boom(text):
        raise RuntimeError("extractor broke")

    store.extractor = boom
    with pytest.raises(RuntimeError):
        store.save_document(plan_doc())
    assert counts(store) == (0, 0, 0, 0)


def test_raw_pages_keep_versions(store):
    a = store.save_raw_page("https://vbpl.vn/1", 200, {"Content-Type": "text/html"}, b"<p>a</p>", "2025-01-01T00:00:00")
    same = store.save_raw_page("https://vbpl.vn/1", 200, {}, b"<p>a</p>")
    b = store.save_raw_page("https://vbpl.vn/1", 200, {}, b"<p>b</p>", "2025-02-01T00:00:00")
    assert a.changed and not same.changed and same.id == a.id and b.changed and b.id != a.id
    latest = store.latest_raw_page("https://vbpl.vn/1")
    assert latest.body == b"<p>b</p>" and latest.status == 200
    assert store.latest_raw_page("https://nowhere") is None


def test_concurrent_stores_in_threads(tmp_path):
    """One Store per thread; writes serialize on SQLite's lock instead of failing."""
    import threading

    path = tmp_path / "d"
    open_store(path).close()
    errors = []

    def work(i):
        try:
            with open_store(path) as s:
                for j in range(5):
                    s.save_document(doc(f"{i}{j}/QĐ-T", "2020-01-01", "T", f"text {i} {j}"), citations=[])
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_store(path) as s:
        assert s.stats()["documents"] == 20


def test_foreign_keys_hold(store):
    store.save_document(plan_doc(), citations=plan_citations())
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("INSERT INTO citations(citing_id, owner_id, origin, relation, status) VALUES (999, 999, 'text', 'x', 'found')")


def test_a_stub_that_learns_its_date_moves_slug_and_the_old_one_still_works(store):
    t1 = "Thực hiện Quyết định số 1741/QĐ-UBND."
    t2 = "Căn cứ Quyết định số 1741/QĐ-UBND ngày 10/9/2021."
    store.save_document(doc("1/KH-A", "2022-01-01", "Sở A", t1),
                        citations=[cite(t1, "Quyết định số 1741/QĐ-UBND", "1741/QĐ-UBND")])
    assert store.lookup("1741/QĐ-UBND")[0].slug == "1741-qd-ubnd"
    seq = store.changes_since(0)[2]
    store.save_document(doc("2/KH-A", "2022-02-01", "Sở A", t2),
                        citations=[cite(t2, "Quyết định số 1741/QĐ-UBND ngày 10/9/2021", "1741/QĐ-UBND",
                                        date="2021-09-10")])
    changed, removed, _ = store.changes_since(seq)
    assert "1741-qd-ubnd-2021-09-10" in {r.slug for r in changed}
    assert removed == ["1741-qd-ubnd"]
    assert store.get("1741-qd-ubnd").slug == "1741-qd-ubnd-2021-09-10"


def test_a_lower_ranked_text_does_not_replace_the_text_or_its_edges(store):
    official = "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021."
    r = store.save_document(doc("5/QĐ-Y", "2022-01-01", "Y", official), Source("vbpl", "https://vbpl.vn/5"),
                            citations=[cite(official, "Nghị quyết số 76/NQ-CP ngày 15/7/2021", "76/NQ-CP",
                                            relation="can_cu", date="2021-07-15")])
    copy = "Trang web chép lại: Căn cứ Nghị định số 1/2020/NĐ-CP."
    again = store.save_document(doc("5/QĐ-Y", "2022-01-01", "Y", copy), Source("file", "/tmp/copy.md"),
                                citations=[cite(copy, "Nghị định số 1/2020/NĐ-CP", "1/2020/NĐ-CP")])
    assert again.status == "unchanged"
    assert store.get(r.slug).text == official
    assert [e.target_doc.number for e in store.outgoing(r.id)["can_cu"]] == ["76/NQ-CP"]
    assert "dan_chieu" not in store.outgoing(r.id)


def test_documents_known_only_by_title_are_not_merged_across_sources(store):
    a = store.save_document(Document(None, title="Trung ương", text="trang một"), Source("file", "/a.html"))
    b = store.save_document(Document(None, title="Trung ương", text="trang hai"), Source("file", "/b.html"))
    again = store.save_document(Document(None, title="Trung ương", text="trang một"), Source("file", "/a.html"))
    assert a.id != b.id and a.slug != b.slug and again.id == a.id and again.status == "unchanged"
    assert store.get(a.slug).text == "trang một" and store.get(b.slug).text == "trang hai"


@pytest.mark.parametrize(
    "statement, code",
    [
        ("Còn hiệu lực", "con_hieu_luc"),
        ("Hết hiệu lực toàn bộ", "het_hieu_luc"),
        ("Hết hiệu lực một phần", "het_hieu_luc_mot_phan"),
        ("Chưa có hiệu lực", "chua_co_hieu_luc"),
        ("Ngưng hiệu lực", "ngung_hieu_luc"),
        ("Đã biết", None),  # thuvienphapluat hides the status: says nothing
        ("", None),
        (None, None),
    ],
)
def test_source_statements_map_to_status_codes(statement, code):
    from kb.store.validity import status_of_statement

    assert status_of_statement(statement) == code


@pytest.mark.parametrize(
    "sentence, relation, expected",
    [
        ("Quyết định này thay thế Quyết định số 100/QĐ-UBND ngày 01/01/2019.", "thay_the", "bi_thay_the"),
        ("Bãi bỏ toàn bộ Quyết định số 100/QĐ-UBND ngày 01/01/2019.", "bai_bo", "het_hieu_luc"),
        ("Bãi bỏ khoản 1 Điều 3 Quyết định số 100/QĐ-UBND ngày 01/01/2019.", "bai_bo", "het_hieu_luc_mot_phan"),
        ("Nghị định này bãi bỏ các quy định về đào tạo tại Quyết định số 100/QĐ-UBND ngày 01/01/2019.",
         "bai_bo", "het_hieu_luc_mot_phan"),
        ("Giao Sở Tư pháp tham mưu sửa đổi hoặc thay thế Quyết định số 100/QĐ-UBND ngày 01/01/2019.",
         "thay_the", "khong_ro"),
        ("Căn cứ Luật sửa đổi, bổ sung, thay thế Quyết định số 100/QĐ-UBND ngày 01/01/2019;", "thay_the", "khong_ro"),
        ("Thực hiện Quyết định số 100/QĐ-UBND ngày 01/01/2019 về cải cách.", "thay_the", "khong_ro"),  # no act word
        ("Kinh phí mua sắm, thay thế thiết bị theo tiêu chuẩn, định mức quy định tại Phụ lục II"
         " Quyết định số 100/QĐ-UBND ngày 01/01/2019.", "thay_the", "khong_ro"),
        ("Bãi bỏ nội dung quy định tại Điều 5 Quyết định số 100/QĐ-UBND ngày 01/01/2019.", "bai_bo",
         "het_hieu_luc_mot_phan"),
        # A list under "Quyết định này thay thế các văn bản sau:": the item takes the head's act.
        ("Quyết định này thay thế các văn bản sau:\n- Quyết định số 100/QĐ-UBND ngày 01/01/2019 về X;",
         "thay_the", "bi_thay_the"),
        ("Triển khai khi có Quyết định mới thay thế Quyết định số 100/QĐ-UBND ngày 01/01/2019.", "thay_the",
         "khong_ro"),
    ],
)
def test_validity_reads_the_sentence_not_only_the_label(store, sentence, relation, expected):
    surface = "Quyết định số 100/QĐ-UBND ngày 01/01/2019"
    store.save_document(doc("400/QĐ-UBND", "2021-06-01", "UBND tỉnh X", sentence),
                        citations=[cite(sentence, surface, "100/QĐ-UBND", relation=relation, date="2019-01-01")])
    assert store.validity(store.lookup("100/QĐ-UBND")[0].id).status == expected


def test_a_programme_that_replaces_is_not_a_proposal(store):
    sentence = "Ban hành Chương trình hành động kèm theo, thay thế Quyết định số 100/QĐ-UBND ngày 01/01/2019."
    store.save_document(doc("400/QĐ-UBND", "2021-06-01", "UBND tỉnh X", sentence),
                        citations=[cite(sentence, "Quyết định số 100/QĐ-UBND ngày 01/01/2019", "100/QĐ-UBND",
                                        relation="thay_the", date="2019-01-01")])
    assert store.validity(store.lookup("100/QĐ-UBND")[0].id).status == "bi_thay_the"


@pytest.mark.parametrize("order", [("numbered", "named"), ("named", "numbered")])
def test_a_law_cited_by_number_and_by_name_is_one_stub_in_either_order(tmp_path, order):
    texts = {
        "numbered": "Căn cứ Luật Công nghệ thông tin số 67/2006/QH11;",
        "named": "Căn cứ Luật Công nghệ thông tin ngày 29 tháng 6 năm 2006;",
    }
    cites = {
        "numbered": lambda t: cite(t, "Luật Công nghệ thông tin số 67/2006/QH11", "67/2006/QH11", type="Luật",
                                   relation="can_cu"),
        "named": lambda t: cite(t, "Luật Công nghệ thông tin ngày 29 tháng 6 năm 2006", None, type="Luật",
                                name="Luật Công nghệ thông tin", date="2006-06-29", relation="can_cu"),
    }
    with open_store(tmp_path / "d") as s:
        for i, key in enumerate(order):
            t = texts[key]
            s.save_document(doc(f"{i + 1}/QĐ-A", "2025-01-0{}".format(i + 1), "A", t), citations=[cites[key](t)])
        stubs = [r for r in s.all_documents() if r.is_stub]
        assert [(r.number, r.name) for r in stubs] == [("67/2006/QH11", "Luật Công nghệ thông tin")]
        assert stubs[0].slug == "67-2006-qh11"  # its date comes only from citations giving its number
        assert len(s.incoming(stubs[0].id)["can_cu"]) == 2
