"""The crawl queue's persistence (kb.store.crawl_queue): the one place that knows the
queue's tables, so that the crawler holds no SQL of its own (issue 14 §4)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kb.scrape.crawler import MAX_ATTEMPTS, CrawlOptions, Crawler
from kb.scrape.http import PoliteClient
from kb.store import crawl_queue as queue
from kb.store import db, open_store
from kb.store.db import transaction

SCRAPE = Path(__file__).resolve().parents[2] / "kb" / "scrape"


def states(store) -> dict[str, tuple]:
    return {r["target"]: (r["state"], r["attempts"], r["parent_id"], r["reason"])
            for r in store.conn.execute("SELECT * FROM crawl_queue")}


def test_items_go_pending_working_done_with_children_queued_under_them(tmp_path):
    with open_store(tmp_path) as store:
        conn = store.conn
        assert queue.running_run(conn) is None
        run = queue.start_run(conn, {"depth": 1, "follow_citations": False})
        assert queue.running_run(conn) == run
        assert queue.enqueue(conn, run, "page", "http://a/deep", 1)
        assert queue.enqueue(conn, run, "page", "http://a/1", 0)
        assert not queue.enqueue(conn, run, "page", "http://a/1", 0)  # once per run
        assert queue.pending_count(conn, run) == 2
        item = queue.next_pending(conn, run)
        assert item["target"] == "http://a/1"  # shallowest first
        queue.claim(conn, item["id"])
        assert states(store)["http://a/1"][:2] == ("working", 1)
        assert queue.pending_count(conn, run) == 2  # working still counts as to do
        queue.finish_item(conn, run, item["id"], "done", "new", "kh-1", None,
                          [("lookup", "1/QĐ-X||", 1, {"number": "1/QĐ-X"}), ("page", "http://a/deep", 1, None)])
        rows = states(store)
        assert rows["http://a/1"][0] == "done"
        assert rows["1/QĐ-X||"][:3] == ("pending", 0, item["id"])
        assert rows["http://a/deep"][2] is None  # already queued: not taken twice
        lookup = conn.execute("SELECT payload FROM crawl_queue WHERE kind = 'lookup'").fetchone()[0]
        assert "1/QĐ-X" in lookup  # payload kept as readable JSON
        assert queue.next_pending(conn, run)["target"] == "http://a/deep"  # then in queued order
        queue.finish_run(conn, run)
        assert queue.running_run(conn) is None
        assert conn.execute("SELECT status, finished_at FROM crawl_runs").fetchone()[0] == "finished"


def test_finishing_an_item_is_one_transaction(tmp_path):
    with open_store(tmp_path) as store:
        conn = store.conn
        run = queue.start_run(conn, {})
        queue.enqueue(conn, run, "page", "http://a/1", 0)
        item = queue.next_pending(conn, run)
        queue.claim(conn, item["id"])
        # The second child cannot be written: the first must not be left behind either.
        with pytest.raises(TypeError):
            queue.finish_item(conn, run, item["id"], "done", "new", None, None,
                              [("page", "http://a/2", 1, None), ("lookup", "x", 1, {"bad": object()})])
        assert not conn.in_transaction
        assert set(states(store)) == {"http://a/1"} and states(store)["http://a/1"][0] == "working"


def test_a_crash_leaves_items_working_they_are_redone_unless_poison(tmp_path):
    with open_store(tmp_path) as store:
        conn = store.conn
        run = queue.start_run(conn, {})
        for target in ("http://a/once", "http://a/poison", "http://a/done"):
            queue.enqueue(conn, run, "page", target, 0)
        for _ in range(MAX_ATTEMPTS):
            queue.claim(conn, conn.execute("SELECT id FROM crawl_queue WHERE target = 'http://a/poison'").fetchone()[0])
        queue.claim(conn, conn.execute("SELECT id FROM crawl_queue WHERE target = 'http://a/once'").fetchone()[0])
        with transaction(conn):
            poison = queue.fail_poison(conn, run, MAX_ATTEMPTS, "dừng đột ngột")
            queue.recover_working(conn, run)
        assert [p["target"] for p in poison] == ["http://a/poison"]
        rows = states(store)
        assert rows["http://a/poison"][0] == "failed" and rows["http://a/poison"][3] == "dừng đột ngột"
        assert rows["http://a/once"][:2] == ("pending", 1)  # the attempt is remembered
        assert rows["http://a/done"][:2] == ("pending", 0)


def test_fetches_are_remembered_per_run(tmp_path):
    with open_store(tmp_path) as store:
        conn = store.conn
        run = queue.start_run(conn, {})
        other = queue.start_run(conn, {})
        page = store.save_raw_page("http://a/1", 200, {}, b"x", "2026-01-01T00:00:00+00:00")
        assert queue.fetched_page(conn, run, "http://a/1") is None
        queue.record_fetch(conn, run, "http://a/1", page.id, 200, "2026-01-01T00:00:00+00:00")
        assert queue.fetched_page(conn, run, "http://a/1") == page.id
        assert queue.fetched_page(conn, other, "http://a/1") is None
        again = store.save_raw_page("http://a/1", 200, {}, b"y", "2026-01-02T00:00:00+00:00")
        queue.record_fetch(conn, run, "http://a/1", again.id, 200, "2026-01-02T00:00:00+00:00")  # replaces
        assert queue.fetched_page(conn, run, "http://a/1") == again.id


def test_a_store_whose_queue_an_older_crawler_created_is_resumed(tmp_path, monkeypatch):
    """Before the queue was a migration the crawler created its tables itself: such a store,
    with a crawl killed mid-way, opens with the current migrations and the crawl resumes."""
    old = tmp_path / "old-migrations"
    old.mkdir()
    for version, _, path in db.migrations():
        if version < 50:
            shutil.copy(path, old / path.name)
        elif version == 50:
            schema = path.read_text(encoding="utf-8")  # what the old crawler ran on its own
    monkeypatch.setattr(db, "MIGRATIONS_DIR", old)
    with open_store(tmp_path / "d") as store:
        store.conn.executescript(schema)
        run = queue.start_run(store.conn, {"depth": 0})
        queue.enqueue(store.conn, run, "page", "http://a/1", 0)
        queue.claim(store.conn, queue.next_pending(store.conn, run)["id"])  # then kill -9
    monkeypatch.undo()
    with open_store(tmp_path / "d") as store:
        assert 50 in {r[0] for r in store.conn.execute("SELECT version FROM schema_migrations")}
        crawler = Crawler(store, PoliteClient(delay=0, allow_addresses={"127.0.0.1"}), CrawlOptions())
        assert crawler.start([]) == run and crawler.summary.resumed
        assert crawler.pending() == 1
        assert states(store)["http://a/1"][:2] == ("pending", 1)


def test_the_crawler_holds_no_sql():
    sql = re.compile(r"\.execute(many|script)?\(|\b(SELECT|INSERT|UPDATE|DELETE)\b[^\n]*\b(FROM|INTO|SET)\b")
    found = [f"{path.name}:{n}" for path in sorted(SCRAPE.glob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if sql.search(line)]
    assert found == []
