"""The real package in ../shared: real đề mục end to end, and counts over the whole package."""
from __future__ import annotations

import re
import zipfile

import pytest

from kb.importers.phapdien import collect_package, import_package
from kb.importers.phapdien.demuc import parse_demuc
from kb.importers.phapdien.notes import NoteError, parse_note
from kb.store import open_store

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def package(shared):
    path = shared / "corpus" / "phapdien" / "BoPhapDienDienTu.zip"
    if not path.is_file():
        pytest.skip("../shared/corpus/phapdien/BoPhapDienDienTu.zip is absent")
    return path


def _demuc_members(package) -> list[tuple[str, int]]:
    with zipfile.ZipFile(package) as zf:
        return sorted(((i.filename, i.file_size) for i in zf.infolist() if i.filename.startswith("demuc/")),
                      key=lambda x: x[1])


def _sample(package) -> list[str]:
    """A few đề mục of different sizes (not chosen by name: the rules must hold for any)."""
    members = [m for m in _demuc_members(package) if m[1] > 5000]
    return [members[0][0], members[len(members) // 2][0], members[(3 * len(members)) // 4][0]]


def test_real_demuc_end_to_end(package, tmp_path):
    for name in _sample(package):
        folder = tmp_path / name.replace("/", "_")
        (folder / "demuc").mkdir(parents=True)
        with zipfile.ZipFile(package) as zf:
            (folder / name).write_bytes(zf.read(name))
        demuc = parse_demuc((folder / name).read_bytes(), "x")
        assert re.fullmatch(r"\d+\.\d+", demuc.code) and demuc.name
        assert demuc.articles and not demuc.problems
        # an article may be left without text (repealed); almost all have one
        assert sum(1 for a in demuc.articles if a.text and a.heading) >= 0.9 * len(demuc.articles)
        expected = {}
        for art in demuc.articles:
            assert art.pd_id.startswith(demuc.code + ".")
            try:
                note = parse_note(art.note)
            except NoteError:
                continue
            expected.setdefault(note.number or note.title, set()).add(note.article)
        with open_store(folder / "data") as store:
            report = import_package(store, folder)
            assert not report.failed
            assert report.documents == len(expected)
            total = 0
            for key, articles in expected.items():
                [record] = [r for r in store.lookup(key) if not r.is_stub] if "/" in key or "-" in key else [
                    r for r in store.lookup(key)][:1] or [None]
                assert record is not None, key
                units = store.units(record.id, "phapdien")
                assert {u.number for u in units} == articles, key
                assert all(u.extra["demuc"] == demuc.code for u in units)
                assert {t["code"] for t in store.topics(record.id)} >= {demuc.code, demuc.chu_de}
                for unit in units:
                    assert f"Điều {unit.number}." in record.text
                total += len(units)
            assert store.stats()["articles"] >= total
            again = import_package(store, folder)
            assert len(again.unchanged) == report.documents and not again.new and not again.updated


def test_counts_over_the_whole_package(package):
    collection, warnings = collect_package(package)
    assert collection.demuc_count == 241
    assert collection.article_count >= 53_000
    assert 3_500 <= len(collection.docs) <= 4_000
    # notes of unexpected shape are rare and reported, never guessed
    assert len(collection.problems) <= 0.001 * collection.article_count
    changes = related = 0
    for key in collection.docs:
        _, source, relations = collection.document(key, package.name)
        assert source.kind == "phapdien" and source.content_hash
        changes += sum(1 for r in relations if r.direction == "in")
        related += sum(1 for r in relations if r.direction == "out")
    assert changes >= 3_300
    assert related >= 20_000
    # A document's date and issuer come from its long note; ~7 % of documents have only short
    # notes in this copy of the package (their long note sits in a đề mục it lacks).
    dated = [d for d in collection.docs.values() if d.date]
    assert len(dated) >= 0.9 * len(collection.docs)
    assert sum(1 for d in collection.docs.values() if d.effective_date) >= 0.99 * len(collection.docs)
