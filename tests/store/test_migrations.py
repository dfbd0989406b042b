"""Forward migrations: numbered SQL files applied once each, in order, recorded."""
from __future__ import annotations

import shutil

import pytest

from kb.errors import KbError
from kb.store import db, open_store


@pytest.fixture
def migrations_copy(tmp_path, monkeypatch):
    folder = tmp_path / "migrations"
    shutil.copytree(db.MIGRATIONS_DIR, folder)
    monkeypatch.setattr(db, "MIGRATIONS_DIR", folder)
    return folder


def applied(store):
    return [r[0] for r in store.conn.execute("SELECT version FROM schema_migrations ORDER BY version")]


def test_every_shipped_migration_is_applied_in_order(tmp_path):
    shipped = [v for v, _, _ in db.migrations()]
    assert shipped[:2] == [1, 2] and shipped == sorted(shipped)
    with open_store(tmp_path / "d") as store:
        assert applied(store) == shipped


def test_a_new_migration_is_applied_to_an_existing_store_and_keeps_data(tmp_path, migrations_copy):
    from kb.model import Document

    with open_store(tmp_path / "d") as store:
        store.save_document(Document("1/QĐ-X", date="2020-01-01", issuer="X"))
        before = applied(store)
    (migrations_copy / "0049_notes.sql").write_text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);")
    with open_store(tmp_path / "d") as store:
        assert applied(store) == sorted(before + [49])
        assert store.stats()["documents"] == 1
        store.conn.execute("INSERT INTO notes(body) VALUES ('ok')")


def test_a_broken_migration_is_rolled_back_with_a_clear_error(tmp_path, migrations_copy):
    (migrations_copy / "0048_broken.sql").write_text("CREATE TABLE half (id INTEGER);\nTHIS IS NOT SQL;")
    with pytest.raises(KbError, match="0048_broken.sql"):
        open_store(tmp_path / "d")
    (migrations_copy / "0048_broken.sql").unlink()
    with open_store(tmp_path / "d") as store:
        assert 48 not in applied(store)
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "half" not in tables


def test_duplicate_numbers_are_refused(migrations_copy):
    (migrations_copy / "0001_again.sql").write_text("SELECT 1;")
    with pytest.raises(KbError, match="trùng"):
        db.migrations()


def test_slashed_number_keys_are_rekeyed_and_others_stay_byte_identical(tmp_path):
    # 0020: keys stored before kb.identity.number_key joined "…/TTLT/BNN-…" become the new key.
    from kb.identity import number_key

    old_keys = {
        "64/2006/TTLT/BNN-BNV-BTC": "64/2006/ttlt/bnn-bnv-btc",
        "72/2025/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN": "72/2025/nqlt/ubtvqh15-cp-dctubtwmttqvn",
        "30/2020/NĐ-CP": "30/2020/nd-cp",
        "04-NQ/TU": "4-nq/tu",
        "12/QĐ-UBND/2020": "12/qd-ubnd/2020",
        "5/2012/TTLT-BTC-BNN": "5/2012/ttlt-btc-bnn",
    }
    with open_store(tmp_path / "d") as store:
        for i, (number, key) in enumerate(old_keys.items()):
            store.conn.execute(
                "INSERT INTO documents(slug, seq, number, number_key, created_at, updated_at)"
                " VALUES (?, 1, ?, ?, 't', 't')", (f"d{i}", number, key))
        sql = (db.MIGRATIONS_DIR / "0020_slashed_number_keys.sql").read_text(encoding="utf-8")
        store.conn.executescript(sql)
        stored = dict(store.conn.execute("SELECT number, number_key FROM documents"))
    assert stored == {number: number_key(number) for number in old_keys}
    assert stored["64/2006/TTLT/BNN-BNV-BTC"] == "64/2006/ttlt-bnn-bnv-btc"
    assert stored["30/2020/NĐ-CP"] == "30/2020/nd-cp"
