"""The crawler's resumable queue (tables of migration 0050): runs, work items, fetches.

``kb/scrape/crawler.py`` decides *what* to crawl; this module is the only place
that knows how the queue is kept.  A run is one ``kb crawl``, ``running`` until
its queue is empty.  An item goes pending → working → done/failed; ``attempts``
counts how many times a run took it, so an item that crashed every run can be
told apart from one caught once by a ``kill -9``.

Each function is one statement (safe inside a caller's transaction) except
:func:`finish_item` and :func:`finish_run`, which are one transaction each:
an item's children are queued in the same transaction that marks it done, so a
crash never loses them.
"""
from __future__ import annotations

import json
import sqlite3

from kb.store.db import now_iso, transaction

# (kind, target, depth, payload) of an item to queue under a parent.
Child = tuple[str, str, int, "dict | None"]


# -- runs ------------------------------------------------------------------------------

def running_run(conn: sqlite3.Connection) -> int | None:
    """The id of the newest run a crash (or ``--max-items``) left unfinished, if any."""
    row = conn.execute("SELECT id FROM crawl_runs WHERE status = 'running' ORDER BY id DESC LIMIT 1").fetchone()
    return row[0] if row else None


def start_run(conn: sqlite3.Connection, options: dict) -> int:
    cur = conn.execute("INSERT INTO crawl_runs(started_at, options) VALUES (?, ?)", (now_iso(), json.dumps(options)))
    return cur.lastrowid


def set_run_options(conn: sqlite3.Connection, run_id: int, options: dict) -> None:
    """A resumed run goes on with the options of the ``kb crawl`` that resumed it."""
    conn.execute("UPDATE crawl_runs SET options = ? WHERE id = ?", (json.dumps(options), run_id))


def finish_run(conn: sqlite3.Connection, run_id: int) -> None:
    with transaction(conn):
        conn.execute("UPDATE crawl_runs SET status = 'finished', finished_at = ? WHERE id = ?", (now_iso(), run_id))


# -- recovering what a crash left working -----------------------------------------------

def fail_poison(conn: sqlite3.Connection, run_id: int, max_attempts: int, reason: str) -> list[sqlite3.Row]:
    """Items left working after ``max_attempts`` takes crashed every run: mark them failed
    with ``reason`` and return them (as they were) for the summary."""
    poison = conn.execute(
        "SELECT * FROM crawl_queue WHERE run_id = ? AND state = 'working' AND attempts >= ?", (run_id, max_attempts)
    ).fetchall()
    for item in poison:
        conn.execute("UPDATE crawl_queue SET state = 'failed', finished_at = ?, reason = ? WHERE id = ?",
                     (now_iso(), reason, item["id"]))
    return poison


def recover_working(conn: sqlite3.Connection, run_id: int) -> None:
    """Items caught mid-work by a crash go back to pending, to be redone."""
    conn.execute("UPDATE crawl_queue SET state = 'pending' WHERE run_id = ? AND state = 'working'", (run_id,))


# -- items -----------------------------------------------------------------------------

def enqueue(conn: sqlite3.Connection, run_id: int, kind: str, target: str, depth: int,
            parent: int | None = None, payload: dict | None = None) -> bool:
    """Queue an item; False when the run already has it (a target is taken once per run)."""
    cur = conn.execute(
        "INSERT OR IGNORE INTO crawl_queue(run_id, kind, target, depth, parent_id, payload) VALUES (?,?,?,?,?,?)",
        (run_id, kind, target, depth, parent, json.dumps(payload, ensure_ascii=False) if payload else None),
    )
    return cur.rowcount > 0


def pending_count(conn: sqlite3.Connection, run_id: int) -> int:
    """Items still to do (pending, or working when looked at from outside the run)."""
    return conn.execute(
        "SELECT COUNT(*) FROM crawl_queue WHERE run_id = ? AND state IN ('pending', 'working')", (run_id,)
    ).fetchone()[0]


def next_pending(conn: sqlite3.Connection, run_id: int) -> sqlite3.Row | None:
    """The next item to do: shallowest first, then in the order queued."""
    return conn.execute(
        "SELECT * FROM crawl_queue WHERE run_id = ? AND state = 'pending' ORDER BY depth, id LIMIT 1", (run_id,)
    ).fetchone()


def claim(conn: sqlite3.Connection, item_id: int) -> None:
    """Mark an item working and count the attempt (committed at once: a crash from here on counts)."""
    conn.execute("UPDATE crawl_queue SET state = 'working', attempts = attempts + 1, started_at = ? WHERE id = ?",
                 (now_iso(), item_id))


def finish_item(conn: sqlite3.Connection, run_id: int, item_id: int, state: str, outcome: str | None,
                slug: str | None, reason: str | None, children: list[Child] = ()) -> None:
    """Queue the item's children and mark it ``state`` (done/failed), in one transaction."""
    with transaction(conn):
        for kind, target, depth, payload in children:
            enqueue(conn, run_id, kind, target, depth, item_id, payload)
        conn.execute(
            "UPDATE crawl_queue SET state = ?, outcome = ?, slug = ?, reason = ?, finished_at = ? WHERE id = ?",
            (state, outcome, slug, reason, now_iso(), item_id),
        )


# -- fetches ---------------------------------------------------------------------------

def fetched_page(conn: sqlite3.Connection, run_id: int, url: str) -> int | None:
    """The raw page this run stored for ``url``, if it fetched it already (a resume reuses it)."""
    row = conn.execute("SELECT raw_page_id FROM crawl_fetches WHERE run_id = ? AND url = ?", (run_id, url)).fetchone()
    return row[0] if row else None


def record_fetch(conn: sqlite3.Connection, run_id: int, url: str, raw_page_id: int, status: int,
                 fetched_at: str) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO crawl_fetches(run_id, url, raw_page_id, status, fetched_at) VALUES (?,?,?,?,?)",
        (run_id, url, raw_page_id, status, fetched_at),
    )
