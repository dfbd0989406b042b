"""Issue 13 §1 on the seed plan: the linker's summary counts what its rows say.

The knowledge base holds the plan's twelve documents as catalogue entries (records
without text), one of them with its text; the badges must say 1 with full text and 11
without, as the rows and the CSV do (before: "12 đã có toàn văn" over rows that all said
"chưa có toàn văn").
"""
from __future__ import annotations

import csv
import io

import pytest

from kb.citations import get_citations
from kb.model import Document, Source
from kb.store import open_store


@pytest.fixture(scope="module")
def seed_client(shared, tmp_path_factory):
    from webapp import create_app

    plan = next((shared / "seed").glob("*.txt")).read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("seedkb")
    with open_store(path) as store:
        seen = set()
        for c in get_citations(plan):
            if c.self or (c.number or c.name) in seen:
                continue
            seen.add(c.number or c.name)
            with_text = len(seen) == 1
            store.save_document(
                Document(number=c.number, name=c.name, type=c.type, date=c.date, year=c.year, issuer=c.issuer,
                         title="Văn bản trong danh mục", text="Toàn văn của văn bản." if with_text else None),
                Source(kind="file" if with_text else "catalogue", url=f"{len(seen)}.txt"))
    client = create_app({"DATA_DIR": str(path), "TESTING": True}).test_client()
    return client, plan


def test_seed_plan_badges_match_rows(seed_client):
    client, plan = seed_client
    data = client.post("/api/link", json={"text": plan}).get_json()
    assert len(data["documents"]) == 12
    states = [d["status"] for d in data["documents"]]
    assert states.count("found") == 1 and states.count("catalogue") == 11
    assert data["counts"]["found"] == 1 and data["counts"]["catalogue"] == 11
    page = client.post("/lien-ket", data={"text": plan}).get_data(as_text=True)
    assert "12 đã có toàn văn" not in page
    assert "1 đã có toàn văn" in page and "11 có trong cơ sở, chưa có toàn văn" in page
    assert page.count("Có trong cơ sở, chưa có toàn văn</span>") == 11
    rows = list(csv.DictReader(io.StringIO(
        client.post("/lien-ket/csv", data={"text": plan}).get_data(as_text=True).lstrip("\ufeff"))))
    assert sorted(r["Trạng thái"] for r in rows) == ["Có trong cơ sở, chưa có toàn văn"] * 11 + ["Đã có toàn văn"]
