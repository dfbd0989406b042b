"""Files → documents → store: bulk import of local files (the loading stage of the data's journey).

It sits outside ``kb.store`` on purpose: the store keeps documents, it does not read files.
Reading a file, parsing its header and finding its citations is CPU work done
in a process pool; the single writer saves each document in its own
transaction, so a broken file is reported and skipped and nothing half-written
stays in the store.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import sqlite3
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from kb.errors import KbError

# Below this many files a pool costs more than it saves.
_POOL_THRESHOLD = 8


@dataclass
class ImportReport:
    files: int = 0
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {
            "files": self.files,
            "new": len(self.new),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "failed": [{"path": p, "reason": r} for p, r in self.failed],
            "seconds": round(self.seconds, 2),
        }


def supported_suffixes() -> tuple[str, ...]:
    from kb.importers import SUPPORTED_SUFFIXES

    return tuple(SUPPORTED_SUFFIXES)


def collect(paths: Iterable[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to import (folders walked, sorted, duplicates once) and paths that cannot be."""
    suffixes = supported_suffixes()
    files: list[Path] = []
    failed: list[tuple[str, str]] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith(".")
            )
        elif path.is_file():
            if path.suffix.lower() not in suffixes:
                failed.append((str(path), f"định dạng không hỗ trợ ({path.suffix or 'không có đuôi'});"
                               f" hỗ trợ: {', '.join(suffixes)}"))
                continue
            found = [path]
        else:
            failed.append((str(path), "không tìm thấy tệp hoặc thư mục"))
            continue
        for p in found:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                files.append(p)
    return files, failed


_HEADING_WORDS = 6


def heading_of(text: str) -> str | None:
    """The first line that reads like a heading, for a text with no official header (a web post).

    Site chrome ("Truy cập nội dung luôn") and the issuer's block are short lines;
    the first line of six words or more near the top is the post's title.
    """
    for line in [l.strip(" *#_|\t") for l in text.splitlines() if l.strip()][:15]:
        if len(line.split()) >= _HEADING_WORDS and len(line) <= 300 and not line.endswith((":", ";")):
            return line
    return None


def parse_file(path: Path):
    """Worker: (path, Document, Source, citations) or (path, error message)."""
    try:
        from kb.citations import get_citations
        from kb.importers import document_from_file

        document, source = document_from_file(path)
        if not (document.number or document.name or document.title) and document.text:
            document.title = heading_of(document.text)
            if document.title:
                document.extra["title_from"] = "heading"  # no official header: the first heading names it
        citations = get_citations(document.text) if document.text else []
        return str(path), document, source, citations
    except KbError as exc:
        return str(path), str(exc)
    except Exception as exc:  # one bad file must not stop the others; the reason is reported
        return str(path), f"lỗi khi đọc tệp ({type(exc).__name__}: {exc})"


def in_pool(parse: Callable, items: Sequence, workers: int) -> Iterable:
    """``parse`` over ``items``, in order: in a process pool (forked where the system can) when
    there are enough items to pay for it. ``parse`` is a module-level function returning
    ``(path, reason)`` for a file it refused, a longer tuple starting with the path otherwise."""
    if workers <= 1 or len(items) < _POOL_THRESHOLD:
        yield from map(parse, items)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(parse, items, chunksize=4)


def save_parsed(parsed: Iterable[tuple], report: "ImportReport", save: Callable[[tuple], object],
                progress: Callable[[int], object] | None, total: int) -> None:
    """Hand each parsed file to ``save``; a refused one, ``(path, reason)``, goes to ``report.failed``.

    ``progress(total)`` returns a tqdm-like bar, ticked once a file.
    """
    bar = progress(total) if progress else None
    try:
        for item in parsed:
            if len(item) == 2:
                report.failed.append((item[0], item[1]))
            else:
                save(item)
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def _already_imported(store, files: Sequence[Path]) -> set[Path]:
    """Files whose exact bytes were imported from the same path before: nothing to parse again."""
    known = {(r[0], r[1]) for r in store.conn.execute("SELECT url, content_hash FROM sources WHERE kind = 'file'")}
    if not known:
        return set()
    done = set()
    for path in files:
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            continue  # the parser will report it
        if (str(path.resolve()), digest) in known:
            done.add(path)
    return done


def import_paths(
    store,
    paths: Iterable[str | Path],
    progress: Callable[[int], object] | None = None,
    workers: int | None = None,
    force: bool = False,
) -> ImportReport:
    """Import files and folders into ``store``; ``progress(total)`` returns a tqdm-like bar.

    Files imported before with the same bytes are counted unchanged without being
    parsed again, unless ``force`` (e.g. after the parsers improved).
    """
    started = time.perf_counter()
    files, failed = collect(paths)
    report = ImportReport(files=len(files) + len(failed), failed=list(failed))
    skip = set() if force else _already_imported(store, files)
    report.unchanged.extend(str(p) for p in files if p in skip)
    files = [p for p in files if p not in skip]

    def save(item):
        path, document, source, citations = item
        save_one(store, report, path, document, source, citations=citations)

    save_parsed(in_pool(parse_file, files, workers or default_workers()), report, save, progress, len(files))
    report.seconds = time.perf_counter() - started
    return report


def save_one(store, report: "ImportReport", path: str, document, source, **extra):
    """Save one parsed file's document and file it in ``report``: its status, or why it failed.

    A failure rolls back this document only; the import goes on. Returns the SaveResult, or
    None when the document could not be saved.
    """
    try:
        result = store.save_document(document, source, **extra)
    except KbError as exc:
        report.failed.append((path, str(exc)))
    except sqlite3.Error as exc:  # rolled back: this document only
        report.failed.append((path, f"lỗi cơ sở dữ liệu: {exc}"))
    else:
        getattr(report, result.status).append(path)
        return result
    return None
