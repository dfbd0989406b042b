"""The Bộ pháp điển điện tử package (Bộ Tư pháp) as a source of documents, articles and edges.

Modules, one job each: ``package`` (the .zip or folder, read one đề mục at a time under
size caps), ``demuc`` (one đề mục file → articles), ``notes`` (an article's source note →
article number, document, changes), ``collect`` (the whole package → one record per source
document, related articles resolved), ``tree`` (chủ đề names: ``chu_de.json``, or the
package's ``jsonData.js`` when present). Public verbs:

- :func:`is_package` — does ``kb import PATH`` mean this package?
- :func:`import_package` — read, collect, save every source document (one transaction each).

Every source document named in the notes is saved with ``Source(kind="phapdien")``: its
text is its codified articles in order, each also a ``Unit(kind="dieu", source="phapdien")``
that keeps the Pháp điển id; its chủ đề and đề mục are its topics; the notes' changes by
article are typed edges naming the units on both sides; related articles are ``dan_chieu``
edges between units. Saving again what was saved changes nothing (see ``collect._fingerprint``).
"""
from __future__ import annotations

import hashlib
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from kb.errors import KbError
from kb.importers.phapdien.collect import Collection, Problem, parse_notes
from kb.importers.phapdien.demuc import parse_demuc
from kb.importers.phapdien.package import is_package, open_package
from kb.importers.phapdien.tree import chu_de_names

__all__ = ["is_package", "import_package", "collect_package", "PackageReport"]

Progress = Callable[[int, str], object]  # (total, description) → a tqdm-like bar


@dataclass
class PackageReport:
    path: str
    demuc: int = 0
    articles: int = 0
    documents: int = 0
    changes: int = 0  # article-level changes (typed edges from the notes)
    related: int = 0  # dan_chieu edges between units
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (where, reason): not saved
    problems: list[tuple[str, str]] = field(default_factory=list)  # articles/đề mục skipped
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    same_package: bool = False  # this very package was imported before: nothing was read

    def to_json(self) -> dict:
        """Every field (a new counter cannot be left out), the saved slugs as counts."""
        out = asdict(self)
        out.update(
            new=len(self.new), updated=len(self.updated), unchanged=len(self.unchanged),
            failed=[{"where": w, "reason": r} for w, r in self.failed],
            problems=[{"where": w, "reason": r} for w, r in self.problems],
            seconds=round(self.seconds, 2),
        )
        return out


def _bar(progress: Progress | None, total: int, desc: str):
    return progress(total, desc) if progress else None


def collect_package(path: str | os.PathLike, progress: Progress | None = None,
                    workers: int | None = None) -> tuple[Collection, list[str]]:
    """Read the whole package (one đề mục at a time) into a :class:`Collection`."""
    pkg = open_package(path)
    warnings = list(pkg.warnings)
    collection = Collection()
    try:
        names, note = chu_de_names(pkg.tree, pkg.viewer)
        collection.chu_de = names
        if note:
            warnings.append(note)
        if not pkg.demuc_names:
            raise KbError(f"Gói pháp điển không có tệp đề mục nào (demuc/*.html): {path}")
        bar = _bar(progress, len(pkg.demuc_names), "Đề mục")
        for name, parsed in _parsed(pkg, workers):
            if bar is not None:
                bar.update(1)
            if isinstance(parsed, str):
                collection.problems.append(Problem(name, parsed))
            else:
                collection.add(parsed[0], name, parsed[1])
        if bar is not None:
            bar.close()
    finally:
        pkg.close()
    return collection, warnings


def _parse_member(data: bytes, demuc_id: str):
    """(DeMuc, its notes) or the reason the file cannot be read: the CPU work of one đề mục."""
    try:
        demuc = parse_demuc(data, demuc_id)
    except KbError as exc:
        return str(exc)
    return demuc, parse_notes(demuc)


def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def _parsed(pkg, workers: int | None):
    """(name, parsed) per đề mục in package order; parsed in worker processes when worth it.

    At most a few đề mục are in flight at once, so memory stays bounded whatever the package.
    """
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(pkg.demuc_names) < 8:
        for member in pkg.members():
            yield member.name, member.error or _parse_member(member.data, member.demuc_id)
        return
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        window: deque = deque()
        for member in pkg.members():
            if member.error:
                window.append((member.name, member.error))
            else:
                window.append((member.name, pool.submit(_parse_member, member.data, member.demuc_id)))
            while len(window) > 2 * workers:
                name, item = window.popleft()
                yield name, item if isinstance(item, str) else item.result()
        while window:
            name, item = window.popleft()
            yield name, item if isinstance(item, str) else item.result()


def import_package(store, path: str | os.PathLike, progress: Progress | None = None,
                   workers: int | None = None) -> PackageReport:
    """Import the package into ``store``: one transaction per source document.

    A đề mục that cannot be read, an article whose note has an unexpected shape, a
    document that cannot be saved: each is reported and skipped; the rest is imported.
    """
    started = time.monotonic()
    path = Path(path)
    report = PackageReport(path=str(path))
    stamp = package_stamp(path)
    done = already_imported(store, stamp)
    if done is not None:
        report.unchanged, report.documents, report.same_package = done, len(done), True
        report.seconds = time.monotonic() - started
        return report
    collection, report.warnings = collect_package(path, progress, workers)
    report.demuc = collection.demuc_count
    report.articles = collection.article_count
    report.problems = [(p.where, p.reason) for p in collection.problems]
    keys = sorted(collection.docs)
    report.documents = len(keys)
    bar = _bar(progress, len(keys), "Văn bản")
    for key in keys:
        if bar is not None:
            bar.update(1)
        try:
            doc, source, relations = collection.document(key, path.name, f"{stamp}:{len(keys)}")
            report.changes += sum(1 for r in relations if r.direction == "in")
            report.related += sum(1 for r in relations if r.direction == "out")
            # No citation extraction from the codified text: the package states its own
            # relations; a full text arriving from another source brings its citations.
            result = store.save_document(doc, source, relations, citations=[])
        except KbError as exc:
            report.failed.append((_label(collection, key), str(exc)))
            continue
        getattr(report, result.status).append(result.slug)
    if bar is not None:
        bar.close()
    report.seconds = time.monotonic() - started
    return report


# Bump when reading the package changes what is saved: a package imported by an older reader
# is then read again (its documents are compared one by one, as always).
READER_VERSION = 2  # 2: suspensions are ``ngung_hieu_luc`` edges (were ``dan_chieu``)


def package_stamp(path: Path) -> str:
    """"pd<version>-<sha256 of the package's bytes, 16 hex>": the same package gives the same stamp."""
    digest = hashlib.sha256()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in files:
        if path.is_dir():
            digest.update(file.relative_to(path).as_posix().encode("utf-8") + b"\0")
        with open(file, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    return f"pd{READER_VERSION}-{digest.hexdigest()[:16]}"


def already_imported(store, stamp: str) -> list[str] | None:
    """Slugs of the documents saved from this very package, when all of them were (else None).

    Each document's source hash starts with "<stamp>:<number of documents>:"; an import cut
    short has saved fewer, and is then done again.
    """
    rows = store.conn.execute(
        "SELECT DISTINCT s.document_id, s.content_hash, d.slug FROM sources s JOIN documents d ON d.id = s.document_id"
        " WHERE s.kind = 'phapdien' AND s.content_hash LIKE ?", (stamp + ":%",)
    ).fetchall()
    if not rows:
        return None
    expected = {r[1].split(":")[1] for r in rows}
    if len(expected) != 1 or not next(iter(expected)).isdigit():
        return None
    if len({r[0] for r in rows}) != int(next(iter(expected))):
        return None
    return sorted({r[2] for r in rows})


def _label(collection: Collection, key: str) -> str:
    doc = collection.docs[key]
    return f"{doc.type} {doc.number or doc.title or key}"
