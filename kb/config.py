"""Where the data lives: ``--data DIR``, else ``$KB_DATA``, else ``data/`` in the project."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The data directory to use, created if missing."""
    chosen = explicit or os.environ.get("KB_DATA") or DEFAULT_DATA_DIR
    path = Path(chosen).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path(data: Path) -> Path:
    return data / "kb.sqlite3"


def index_path(data: Path) -> Path:
    return data / "index"


def shared_dir() -> Path | None:
    """``../shared`` (or ``$KB_SHARED``) when present: real data for tests and benchmarks."""
    chosen = os.environ.get("KB_SHARED")
    path = Path(chosen) if chosen else PROJECT_ROOT.parent / "shared"
    return path if path.is_dir() else None
