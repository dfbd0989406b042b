"""Which files of a folder ``kb import`` leaves out, and why (said to the user, never silent)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

__all__ = ["skipped_files", "skip_reason"]

# Files that belong to a known package and are read with it, not as documents.
_COMPANIONS = {"meta.jsonl", "index.json", "SOURCE.txt", "README.txt"}


def skip_reason(path: Path, supported: tuple[str, ...]) -> str | None:
    """Why ``path`` is not imported (None when it is)."""
    suffix = path.suffix.lower()
    if suffix in supported:
        return None
    if suffix == ".doc":
        return "định dạng Word cũ (.doc) chưa hỗ trợ, hãy lưu thành .docx"
    if not suffix:
        return "tệp không có đuôi, không biết định dạng"
    return f"định dạng {suffix} không hỗ trợ (hỗ trợ: {' '.join(supported)})"


def skipped_files(paths: Iterable[str | Path], supported: tuple[str, ...]) -> list[tuple[str, str]]:
    """(file, reason) for every file inside the given folders that will not be imported.

    Hidden files and a package's companion files (a Công báo folder's ``meta.jsonl``)
    are not reported; files named one by one are reported by the importer itself.
    """
    out = []
    for raw in paths:
        folder = Path(raw)
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or any(part.startswith(".") for part in path.relative_to(folder).parts):
                continue
            if path.name in _COMPANIONS:
                continue
            reason = skip_reason(path, supported)
            if reason:
                out.append((str(path), reason))
    return out


def plan_import(paths: Iterable[str | Path], supported: tuple[str, ...]):
    """(Công báo folders, paths for the plain importer, skipped files with the reason).

    Paths named by the user go to the plain importer as given (it reports a bad one);
    a folder holding Công báo folders is opened up so its gazette texts are never
    imported as plain files.
    """
    from kb.importers.congbao import split_paths

    paths = [str(p) for p in paths]
    gazettes, expanded = split_paths(paths)
    named = set(paths)
    others: list[str] = []
    skipped: list[tuple[str, str]] = []
    for path in expanded:
        if path.is_dir() or str(path) in named:
            others.append(str(path))
            if path.is_dir():
                skipped.extend(skipped_files([path], supported))
            continue
        if path.name in _COMPANIONS or any(part.startswith(".") and part not in (".", "..") for part in path.parts):
            continue
        reason = skip_reason(path, supported)
        if reason:
            skipped.append((str(path), reason))
        else:
            others.append(str(path))
    return gazettes, others, skipped
