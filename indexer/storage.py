"""Where the index lives on disk, and how versions of it are swapped.

``<data>/index/`` holds numbered generations (``g000001/``, …), each a whole
Whoosh index plus ``kb-state.json`` (the store ``seq`` it reflects).  The file
``CURRENT`` names the generation in use; a rebuild writes a new generation
beside it and replaces ``CURRENT`` atomically (``os.replace``), so searches go
on reading the previous version until the swap.  ``WRITELOCK`` (``flock``,
released by the kernel when a writer dies, even under ``kill -9``) keeps a
second writer out with a clear message instead of a hang.
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path

from kb.errors import KbError

CURRENT = "CURRENT"
STATE = "kb-state.json"
_GEN = re.compile(r"^g(\d{6})$")


def current_generation(root: Path) -> Path | None:
    """The generation in use, or None when there is no index yet."""
    try:
        name = (root / CURRENT).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    if not _GEN.match(name):
        return None
    path = root / name
    return path if path.is_dir() else None


def generations(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and _GEN.match(p.name))


def new_generation(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    numbers = [int(_GEN.match(p.name).group(1)) for p in generations(root)]
    path = root / f"g{(max(numbers) + 1 if numbers else 1):06d}"
    path.mkdir()
    return path


def swap_to(root: Path, generation: Path) -> None:
    """Make ``generation`` current, atomically; then drop all but the previous one."""
    previous = current_generation(root)
    tmp = root / (CURRENT + ".tmp")
    with open(tmp, "w", encoding="ascii") as fh:
        fh.write(generation.name + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, root / CURRENT)
    _fsync_dir(root)
    keep = {generation.name, previous.name if previous else None}
    for old in generations(root):
        if old.name not in keep:
            # Searchers still on a generation two swaps old keep their open
            # files (POSIX); new searchers never see it.
            shutil.rmtree(old, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync directories; the rename is still atomic
    finally:
        os.close(fd)


def read_state(generation: Path) -> dict:
    try:
        return json.loads((generation / STATE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except ValueError:
        return {}  # a torn write (crash): the next update re-reads everything since seq 0


REBUILD_ADVICE = "hãy chạy: python -m kb index --rebuild (lập lại từ cơ sở dữ liệu, không mất gì)"


class IndexCorrupt(KbError):
    """The index on disk cannot be read as written (a truncated or damaged file)."""


def _manifest(generation: Path) -> dict[str, int]:
    """Size of every index file: Whoosh never rewrites a file, so a smaller one is damage."""
    return {p.name: p.stat().st_size for p in generation.iterdir()
            if p.is_file() and not p.name.startswith((STATE, "MAIN_WRITELOCK")) and not p.name.endswith("LOCK")}


def write_state(generation: Path, state: dict) -> None:
    state = {**state, "files": _manifest(generation)}
    tmp = generation / (STATE + ".tmp")
    tmp.write_text(json.dumps(state), encoding="utf-8")
    os.replace(tmp, generation / STATE)


def check_intact(generation: Path) -> None:
    """Raise :class:`IndexCorrupt` when a file recorded at the last commit changed size.

    Files gone since (merged away by a later commit) or new ones are not damage.
    """
    for name, size in (read_state(generation).get("files") or {}).items():
        try:
            actual = (generation / name).stat().st_size
        except FileNotFoundError:
            continue
        if actual != size:
            raise IndexCorrupt(f"chỉ mục tìm kiếm bị hỏng (tệp {name}: {actual:,} byte thay vì {size:,}); "
                               f"{REBUILD_ADVICE}")


@contextmanager
def write_lock(root: Path):
    """Hold the index's write lock, or fail at once with a clear message."""
    root.mkdir(parents=True, exist_ok=True)
    fh = open(root / "WRITELOCK", "a+")
    try:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise KbError(
                    "chỉ mục đang được một tiến trình khác cập nhật; hãy chờ nó xong rồi chạy lại"
                ) from None
            raise
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()}\n")
        fh.flush()
        yield
    finally:
        fh.close()  # closing releases the flock
