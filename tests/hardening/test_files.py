"""Untrusted files cost bounded time and memory (issue 12): each hostile file made here
is refused within 5 s, read in a child process under limits, while this process
stays small."""
from __future__ import annotations

import threading
import time

import pytest

from kb.errors import KbError
from kb.importers import Limits, ParserBusy, TextTooLong, read_bytes
from tests.hardening import hostile


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _refused(data: bytes, name: str, pattern: str, within: float = 5.0, **kwargs) -> float:
    before = _rss_mb()
    started = time.monotonic()
    with pytest.raises(KbError, match=pattern):
        read_bytes(data, name, **kwargs)
    elapsed = time.monotonic() - started
    assert elapsed < within, f"{name}: {elapsed:.1f} s"
    assert _rss_mb() - before < 100, "the file was read in this process"
    return elapsed


def test_docx_paragraphs_expanding_to_200_mb_refused_while_reading():
    data = hostile.docx_paragraph_bomb(200)
    assert len(data) < 1_000_000
    _refused(data, "bom.docx", "quá dài")


def test_docx_paragraph_bomb_without_text_cap_hits_the_memory_limit():
    # Reader caps off: the child's address-space limit is what stops it. The time budget is
    # widened so that on a loaded machine the memory limit, not the clock, is what is tested.
    data = hostile.docx_paragraph_bomb(200)
    _refused(data, "bom.docx", "bộ nhớ|quá lớn", within=30.0, max_chars=10**10,
             limits=Limits(memory_mb=96, seconds=25.0))


def test_docx_of_whitespace_refused():
    data = hostile.docx_whitespace(300)
    _refused(data, "trang.docx", "bất thường|quá lớn")


def test_pdf_content_stream_inflating_to_10_mb_refused():
    data = hostile.pdf_content_bomb(10)
    assert len(data) < 40_000
    _refused(data, "bom.pdf", "luồng nội dung quá lớn")


def test_pdf_inflating_to_100_mb_refused():
    _refused(hostile.pdf_content_bomb(100), "bom.pdf", "giới hạn")


def test_pdf_deep_page_tree_is_a_clear_error_not_a_crash():
    _refused(hostile.pdf_deep_tree(3000), "sau.pdf", "giới hạn|lồng nhau|hỏng")


def test_slow_pdf_killed_at_the_time_budget():
    data = hostile.pdf_slow_pages(pages=30)
    started = time.monotonic()
    with pytest.raises(KbError, match="quá thời gian cho phép"):
        read_bytes(data, "cham.pdf", limits=Limits(seconds=1.5))
    assert time.monotonic() - started < 4.0


def test_reader_slots_are_bounded_and_callers_told_to_wait():
    data = hostile.pdf_slow_pages(pages=30)
    limits = Limits(seconds=3, concurrency=1, wait=0.2)
    errors: list[Exception] = []

    def slow():
        try:
            read_bytes(data, "cham.pdf", limits=limits)
        except KbError as exc:
            errors.append(exc)

    first = threading.Thread(target=slow)
    first.start()
    time.sleep(0.3)
    try:
        with pytest.raises(ParserBusy, match="bận"):
            read_bytes(hostile.pdf_text(), "ok.pdf", limits=limits)
    finally:
        first.join(10)
    assert errors and "thời gian" in str(errors[0])


def test_ordinary_files_still_read_through_the_child():
    result = read_bytes(hostile.pdf_text("Quyet dinh so 15/QD-UBND ve cai cach hanh chinh"), "ok.pdf")
    assert "15/QD-UBND" in result.text


def test_text_cap_applies_to_text_formats_too():
    data = ("Điều 1. Nội dung.\n" * 400_000).encode()  # ~8 MB, above the sandbox threshold
    with pytest.raises(TextTooLong):
        read_bytes(data, "dai.txt", max_chars=1_000_000)


def test_a_forked_process_reads_files_after_its_parent_did():
    """The bulk import's pool and the web's workers are forked: they get their own forkserver."""
    import os

    read_bytes(hostile.pdf_text(), "cha.pdf")  # the parent's forkserver is running now
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        try:
            text = read_bytes(hostile.pdf_text("Can cu Nghi quyet so 76/NQ-CP cua Chinh phu ve cai cach"), "con.pdf").text
            os.write(writer, text.encode()[:200])
        except BaseException as exc:  # reported to the parent through the pipe
            os.write(writer, f"FAILED {type(exc).__name__}: {exc}".encode()[:200])
        finally:
            os._exit(0)
    os.close(writer)
    _, status = os.waitpid(pid, 0)
    answer = os.read(reader, 400).decode()
    os.close(reader)
    assert "76/NQ-CP" in answer, answer
