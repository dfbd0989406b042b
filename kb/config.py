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


# --- settings read from the environment (one home for each) -------------------------
def _number(name: str, default: float, *, minimum: float = 0.0) -> float:
    from kb.errors import KbError

    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise KbError(f"{name} không hợp lệ: {value!r} (cần một số).") from None
    if number != number or number < minimum:  # NaN or below the minimum
        raise KbError(f"{name} không hợp lệ: {value!r} (cần một số ≥ {minimum:g}).")
    return number


def allow_addresses() -> tuple[str, ...]:
    """``$KB_ALLOW_ADDRESSES``: addresses exempt from the public-address rule (tests, local mirrors)."""
    import ipaddress

    from kb.errors import KbError

    found = []
    for item in os.environ.get("KB_ALLOW_ADDRESSES", "").replace(",", " ").split():
        try:
            found.append(str(ipaddress.ip_address(item)))
        except ValueError:
            raise KbError(f"KB_ALLOW_ADDRESSES: {item!r} không phải địa chỉ IP.") from None
    return tuple(found)


def crawl_delay() -> float:
    """``$KB_CRAWL_DELAY``: seconds between two requests to one host (default 1)."""
    return _number("KB_CRAWL_DELAY", 1.0)


def parse_seconds() -> float:
    """``$KB_PARSE_SECONDS``: time allowed to read one .docx/.pdf/large file (default 5)."""
    return _number("KB_PARSE_SECONDS", 5.0, minimum=0.5)


def parse_memory_mb() -> int:
    """``$KB_PARSE_MEMORY_MB``: memory one file reader may add (default 256 MB)."""
    return int(_number("KB_PARSE_MEMORY_MB", 256, minimum=64))


def parse_concurrency() -> int:
    """``$KB_PARSE_WORKERS``: files read at once per process (default 2; more wait or are refused)."""
    return int(_number("KB_PARSE_WORKERS", 2, minimum=1))
