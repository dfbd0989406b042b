"""Opening the SQLite database and applying forward migrations.

Migrations are numbered SQL files ``migrations/NNNN_name.sql``; every file not
yet recorded in ``schema_migrations`` is applied in order, each in its own
transaction, so a store created by an older version catches up on open.
"""
from __future__ import annotations

import os
import re
import sqlite3
from contextlib import contextmanager
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
    """A connection with WAL, foreign keys and the schema up to date.

    A data directory we may not write (a read-only mount, another user's files)
    is opened read-only: reading works, every write is refused with one clear
    message (see :func:`store_error`).
    """
    if path.exists() and not _writable(path):
        return connect_read_only(path)
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
        raise store_error(exc, f"không dùng được cơ sở dữ liệu {path}") from exc
    return conn


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Open for reading only (``mode=ro``; ``immutable=1`` when even the WAL index cannot
    be created, e.g. on a read-only mount).  Writes then fail as "read-only"."""
    uri = path.resolve().as_uri()
    last: sqlite3.Error | None = None
    for options in ("mode=ro", "mode=ro&immutable=1"):
        try:
            conn = sqlite3.connect(f"{uri}?{options}", uri=True, timeout=30, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA query_only = ON")
            pending = [v for v, _, _ in migrations() if v not in _applied_read_only(conn)]
        except sqlite3.Error as exc:
            last = exc
            continue
        if pending:
            conn.close()
            raise KbError(f"cơ sở dữ liệu {path} chỉ đọc được (không có quyền ghi) và cần nâng cấp "
                          f"lên phiên bản mới ({len(pending)} bước); hãy chạy chương trình một lần "
                          "bằng tài khoản có quyền ghi.")
        return conn
    raise KbError(f"không mở được cơ sở dữ liệu {path} ở chế độ chỉ đọc: {last}")


def _applied_read_only(conn: sqlite3.Connection) -> set[int]:
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'").fetchone()
    if not exists:
        return set()
    return {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}


def is_read_only(conn: sqlite3.Connection) -> bool:
    return bool(conn.execute("PRAGMA query_only").fetchone()[0])


def store_error(exc: sqlite3.Error, doing: str = "không ghi được vào cơ sở dữ liệu") -> KbError:
    """A SQLite error as one line that says what happened (disk full, read-only, busy…)."""
    code = getattr(exc, "sqlite_errorcode", None)
    text = str(exc).lower()
    if code == sqlite3.SQLITE_FULL or "disk is full" in text:
        return KbError(f"{doing}: hết dung lượng đĩa; hãy giải phóng chỗ trống rồi chạy lại "
                       "(dữ liệu đã lưu trước đó không mất).")
    if (code is not None and code & 0xFF == sqlite3.SQLITE_READONLY) or "readonly" in text:
        return KbError(f"{doing}: thư mục dữ liệu chỉ đọc (không có quyền ghi); "
                       "các lệnh đọc vẫn dùng được.")
    if code is not None and code & 0xFF == sqlite3.SQLITE_BUSY or "locked" in text:
        return KbError(f"{doing}: cơ sở dữ liệu đang bận (một chương trình khác đang ghi); hãy thử lại.")
    if code is not None and code & 0xFF == sqlite3.SQLITE_IOERR:
        return KbError(f"{doing}: lỗi đọc/ghi đĩa ({exc}).")
    return KbError(f"{doing}: {exc}")


@contextmanager
def transaction(conn: sqlite3.Connection):
    """``BEGIN IMMEDIATE`` … ``COMMIT`` on an autocommit connection.

    On an error the transaction is rolled back only if SQLite has not already
    done so itself (it does on a full disk): an unconditional ROLLBACK would
    fail in turn and hide the real error behind "no transaction is active".
    SQLite errors come out as one-line :class:`KbError` (see :func:`store_error`).
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise store_error(exc) from exc
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # the original error below is the one to report
        if isinstance(exc, sqlite3.Error):
            raise store_error(exc) from exc
        raise


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
