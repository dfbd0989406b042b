"""Updating the index: incremental changes, atomic rebuilds, one writer, kill -9."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from indexer import storage
from indexer.build import apply_changes, build
from indexer.searching import Searcher
from indexer.sources import IndexDoc
from kb.errors import KbError

PROJECT = Path(__file__).resolve().parents[2]


def doc(slug, title, text="", **kw):
    return IndexDoc(slug=slug, title=title, text=text or title, **kw)


@pytest.fixture
def root(tmp_path):
    root = tmp_path / "index"
    build(root, [doc("a", "Quyết định về thủy lợi"), doc("b", "Kế hoạch phòng chống thiên tai")],
          total=2, seq=2, progress=False)
    return root


def found(searcher, query):
    return [h.slug for h in searcher.search(query).hits]


def test_incremental_update_replaces_adds_and_removes(root):
    with Searcher(index_dir=root, preload=False) as s:
        assert found(s, "thủy lợi") == ["a"]
        report = apply_changes(root, [doc("a", "Quyết định về giao thông"), doc("c", "Thủy lợi nội đồng")],
                               ["b"], seq=5, progress=False)
        assert (report.added, report.removed, report.documents) == (2, 1, 2)
        assert found(s, "thủy lợi") == ["c"]  # the open searcher follows the update
        assert found(s, "giao thông") == ["a"]
        assert found(s, "thiên tai") == []
    gen = storage.current_generation(root)
    assert storage.read_state(gen)["seq"] == 5


def test_rebuild_swaps_atomically_while_searching(root):
    with Searcher(index_dir=root, preload=False) as s:
        old_gen = storage.current_generation(root)
        assert found(s, "thiên tai") == ["b"]
        build(root, [doc("x", "Nghị quyết về thiên tai và thủy lợi")], total=1, progress=False)
        assert storage.current_generation(root) != old_gen
        assert old_gen.exists()  # the previous version stays for searchers still on it
        assert found(s, "thiên tai") == ["x"]
    build(root, [doc("y", "Một văn bản khác")], total=1, progress=False)
    assert not old_gen.exists()  # two swaps later it is gone
    assert len(storage.generations(root)) == 2


SLOW_WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from whoosh import index as wi
    from indexer import storage
    from indexer.build import build, write_documents
    from indexer.sources import IndexDoc

    root, mode = Path(sys.argv[1]), sys.argv[2]

    def slow_docs():
        for i in range(100000):
            if i == 20:
                print("writing", flush=True)
            time.sleep(0.005)
            yield IndexDoc(slug=f"slow-{i}", title=f"Văn bản chậm {i}", text="nội dung mới " * 40)

    if mode == "rebuild":
        build(root, slow_docs(), progress=False, workers=1)
    else:
        with storage.write_lock(root):
            gen = str(storage.current_generation(root))
            ix, aix = wi.open_dir(gen), wi.open_dir(gen, indexname="articles")
            write_documents(ix, aix, slow_docs(), progress=False, workers=1)
""")


def start_writer(root: Path, mode: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(PROJECT))
    proc = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(root), mode], cwd=PROJECT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert line.strip() == "writing", proc.stderr.read()
    return proc


@pytest.mark.parametrize("mode", ["update", "rebuild"])
def test_second_writer_and_kill_9_mid_write(root, mode):
    writer = start_writer(root, mode)
    try:
        with Searcher(index_dir=root, preload=False) as s:
            # searches keep working on the previous version during the write
            assert found(s, "thủy lợi") == ["a"]
            # a second writer is told at once, not left hanging
            started = time.perf_counter()
            with pytest.raises(KbError, match="tiến trình khác"):
                apply_changes(root, [doc("z", "Zeta")], [], seq=9, progress=False)
            assert time.perf_counter() - started < 2
            time.sleep(0.3)
            writer.send_signal(signal.SIGKILL)
            writer.wait(timeout=10)
            # the index is still usable, with what was committed before the crash
            assert found(s, "thủy lợi") == ["a"]
            assert found(s, "chậm") == []
        with Searcher(index_dir=root, preload=False) as fresh:
            assert found(fresh, "thủy lợi") == ["a"]
        # and writable again (the kernel released the lock)
        apply_changes(root, [doc("z", "Văn bản mới sau sự cố")], [], seq=9, progress=False)
        build(root, [doc("w", "Sau khi lập lại")], total=1, progress=False)
        with Searcher(index_dir=root, preload=False) as fresh:
            assert found(fresh, "lập lại") == ["w"]
        assert len(storage.generations(root)) <= 2  # an abandoned generation is cleaned up
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
