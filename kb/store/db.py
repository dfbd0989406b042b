"""Opening the SQLite database and applying forward migrations.

Migrations are numbered SQL files ``migrations/NNNN_name.sql``; every file not
yet recorded in ``schema_migrations`` is applied in order, each in its own
transaction, so a store created by an older version catches up on open.
"""
from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from kb.errors import KbError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_MIGRATION_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def migrations() -> list[tuple[int, str, Path]]:
    """(version, name, path) of every migration file, in order."""
    found = []
    for path in MIGRATIONS_DIR.iterdir():
        match = _MIGRATION_NAME.match(path.name)
        if match:
            found.append((int(match.group(1)), path.stem, path))
    found.sort()
    versions = [v for v, _, _ in found]
    if len(set(versions)) != len(versions):
        raise KbError(f"hai tệp migration trùng số thứ tự trong {MIGRATIONS_DIR}")
    return found


def connect(path: Path) -> sqlite3.Connection:
    """A connection with WAL, foreign keys and the schema up to date."""
    try:
        conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    except sqlite3.Error as exc:
        raise KbError(f"không mở được cơ sở dữ liệu {path}: {exc}") from exc
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL; one fsync per checkpoint
        conn.execute("PRAGMA busy_timeout = 30000")
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc) or "malformed" in str(exc):
            raise KbError(f"{path} không phải cơ sở dữ liệu của Căn cứ hoặc đã hỏng ({exc}).") from exc
        raise KbError(f"không dùng được cơ sở dữ liệu {path}: {exc}") from exc
    return conn


def applied_versions(conn: sqlite3.Connection) -> set[int]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    return {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply every migration not yet applied; returns the versions applied now."""
    done = applied_versions(conn)
    applied = []
    for version, name, path in migrations():
        if version in done:
            continue
        script = path.read_text(encoding="utf-8")
        # executescript commits first; wrap the file and its record in one transaction.
        try:
            conn.executescript(
                "BEGIN IMMEDIATE;\n"
                + script
                + f"\n;INSERT INTO schema_migrations(version, name, applied_at)"
                f" VALUES ({version}, '{name}', '{now_iso()}');\nCOMMIT;"
            )
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            # Another process may have applied it meanwhile.
            if version in applied_versions(conn):
                continue
            raise KbError(f"migration {path.name} thất bại: {exc}") from exc
        applied.append(version)
    return applied


def schema_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return row[0] or 0
