"""The store resolves a saved text's citations through the stage ``kb link`` and the web linker use
(``kb.citations.resolve.resolve_citations``): once per distinct description, one edge per mention."""
from __future__ import annotations

import pytest

from kb.citations import get_citations
from kb.cli.cite import citation_links
from kb.model import Document
from kb.store import edges, open_store
from tests.store.store_helpers import cite, doc
from webapp.linking import link_plan

TEXT = (
    "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n"
    "Điều 1. Triển khai Điều 5 Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ.\n"
    "Điều 2. Báo cáo theo khoản 2 Điều 7 Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ.\n"
    "Điều 3. Thực hiện Quyết định số 1256/QĐ-UBND ngày 22/12/2021; Quyết định số 1256/QĐ-UBND ngày 22/12/2021.\n"
)
RESOLUTION = "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ"
DECISION = "Quyết định số 1256/QĐ-UBND ngày 22/12/2021"


def _mentions(text: str, surface: str) -> list[int]:
    out, at = [], text.find(surface)
    while at >= 0:
        out.append(at)
        at = text.find(surface, at + 1)
    return out


def hand_citations(text: str = TEXT):
    """Three mentions of 76/NQ-CP (two with a pinpoint) and two of an unknown 1256/QĐ-UBND."""
    out = []
    pinpoints = [None, [{"dieu": "5"}], [{"dieu": "7", "khoan": "2"}]]
    for at, pinpoint in zip(_mentions(text, RESOLUTION), pinpoints):
        c = cite(text[at:], RESOLUTION, "76/NQ-CP", relation="can_cu", date="2021-07-15", issuer="Chính phủ",
                 type="Nghị quyết")
        c.start, c.end, c.pinpoint = c.start + at, c.end + at, pinpoint
        out.append(c)
    for at in _mentions(text, DECISION):
        c = cite(text[at:], DECISION, "1256/QĐ-UBND", relation="thuc_hien", date="2021-12-22", type="Quyết định")
        c.start, c.end = c.start + at, c.end + at
        out.append(c)
    return sorted(out, key=lambda c: c.start)


def plan(text: str = TEXT) -> Document:
    return doc("12/KH-SNgV", "2023-03-01", "Sở Ngoại vụ tỉnh Quảng Ngãi", text, type="Kế hoạch", title="Kế hoạch")


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "data") as s:
        s.save_document(Document("76/NQ-CP", type="Nghị quyết", issuer="Chính phủ", date="2021-07-15",
                                 title="Chương trình tổng thể cải cách hành chính"), citations=[])
        yield s


@pytest.fixture
def settle_calls(monkeypatch):
    """Every description the store resolves while saving a text (the stage's callback calls)."""
    calls = []
    real = edges.settle

    def counting(conn, desc, *args, **kwargs):
        calls.append(desc.number_key)
        return real(conn, desc, *args, **kwargs)

    monkeypatch.setattr(edges, "settle", counting)
    return calls


def text_edges(store, slug):
    record = store.get(slug)
    return sorted((e for es in store.outgoing(record.id).values() for e in es if e.origin == "text"),
                  key=lambda e: e.start)


def test_repeated_mentions_resolve_once_and_keep_their_own_edges(store, settle_calls):
    saved = store.save_document(plan(), citations=hand_citations())
    # Five mentions, two documents described: the store is asked twice.
    assert sorted(settle_calls) == ["1256/qd-ubnd", "76/nq-cp"]
    found = text_edges(store, saved.slug)
    assert [e.start for e in found] == [c.start for c in hand_citations()]
    resolution = [e for e in found if e.number == "76/NQ-CP"]
    assert {e.target_doc.slug for e in resolution} == {"76-nq-cp-2021-07-15"}
    assert [e.status for e in resolution] == ["found"] * 3
    # Each mention keeps its pinpoint and the unit of the plan that says it.
    assert [e.cited_units for e in resolution] == [[], [{"dieu": "5"}], [{"dieu": "7", "khoan": "2"}]]
    assert [e.citing_units for e in resolution][1:] == [[{"dieu": "1"}], [{"dieu": "2"}]]
    assert [e.relation for e in resolution] == ["can_cu"] * 3
    # The unknown decision: one stub for both mentions.
    decision = [e for e in found if e.number == "1256/QĐ-UBND"]
    assert len(decision) == 2 and [e.status for e in decision] == ["stub", "stub"]
    assert decision[0].target_doc.id == decision[1].target_doc.id
    assert store.stats()["stubs"] == 1


def test_saving_again_resolves_nothing(store, settle_calls):
    store.save_document(plan(), citations=hand_citations())
    settle_calls.clear()
    assert store.save_document(plan(), citations=hand_citations()).status == "unchanged"
    assert settle_calls == []


def test_the_document_itself_and_vague_citations_make_no_edge(store, settle_calls):
    text = "Kế hoạch số 12/KH-SNgV; Quyết định số 1256/QĐ-UBND; theo Luật.\n"
    citations = [
        cite(text, "Kế hoạch số 12/KH-SNgV", "12/KH-SNgV", type="Kế hoạch"),  # its own number, not flagged self
        cite(text, "Quyết định số 1256/QĐ-UBND", "1256/QĐ-UBND", type="Quyết định"),
        cite(text, "Luật", None, type="Luật"),  # neither number nor name: nothing to look up
    ]
    saved = store.save_document(plan(text), citations=citations)
    assert [e.number for e in text_edges(store, saved.slug)] == ["1256/QĐ-UBND"]
    assert sorted(settle_calls) == ["12/kh-sngv", "1256/qd-ubnd"]  # the vague one is never asked about


def test_kb_link_the_web_linker_and_the_store_land_on_the_same_documents(tmp_path):
    """One text, its citations found by the engine: the store's edges, ``kb link``'s links and the
    web linker's documents name the same document (or the same candidates) for every mention."""
    text = (
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n"
        "Căn cứ Quyết định số 1256/QĐ-UBND của Ủy ban nhân dân;\n"
        "Điều 1. Thực hiện khoản 2 Điều 5 Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ.\n"
    )
    with open_store(tmp_path / "data") as store:
        store.save_document(Document("76/NQ-CP", type="Nghị quyết", issuer="Chính phủ", date="2021-07-15",
                                     title="Cải cách hành chính", text="Điều 5. Nhiệm vụ\n1. Một.\n2. Hai.\n"))
        for date, issuer in (("2021-12-22", "UBND tỉnh Quảng Ngãi"), ("2022-05-10", "UBND tỉnh Bình Định")):
            store.save_document(doc("1256/QĐ-UBND", date, issuer, type="Quyết định", title="Quyết định"),
                                citations=[])
        saved = store.save_document(doc("9/KH-UBND", "2023-03-01", "UBND huyện Sơn Tịnh", text,
                                        type="Kế hoạch", title="Kế hoạch"))
        stored = {e.start: e for e in text_edges(store, saved.slug)}
        citations = [c for c in get_citations(text) if not c.self]
        assert len(stored) == len(citations) == 3

        links = citation_links(citations, store)
        linked = link_plan(text, store, doc_href=lambda slug: f"/van-ban/{slug}", search_href=lambda q: "/tim")
        web = {c.start: cited for cited in linked.documents for c in cited.mentions or [cited.citation]}
        for c in citations:
            edge = stored[c.start]
            if edge.status == "ambiguous":
                candidates = sorted(d.slug for d in edge.candidates)
                assert candidates == ["1256-qd-ubnd-2021-12-22", "1256-qd-ubnd-2022-05-10"]
                assert sorted(d.slug for d in store.resolve(c).candidates) == candidates
                assert sorted(d.slug for d in web[c.start].candidates) == candidates
                continue
            assert edge.target_doc.slug == "76-nq-cp-2021-07-15"
            assert links[id(c)].split("#")[0] == f"/van-ban/{edge.target_doc.slug}"
            assert web[c.start].document.slug == edge.target_doc.slug
        # The pinpoint: kept on the edge, linked to the unit by kb link.
        pinned = next(c for c in citations if c.pinpoint)
        assert stored[pinned.start].cited_units == [{"dieu": "5", "khoan": "2"}]
        assert stored[pinned.start].citing_units == [{"dieu": "1"}]
        assert links[id(pinned)] == "/van-ban/76-nq-cp-2021-07-15#dieu-5-khoan-2"
