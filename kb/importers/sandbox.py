"""Read untrusted files in a child process, under limits of time, memory and number.

Every file Căn cứ reads from outside — an upload, a plan fetched by URL, a crawled
attachment, an imported folder — goes through :func:`kb.importers.read_bytes`,
which sends .docx, .pdf and large HTML/text files here.  The reader then runs in
a child process that:

* has its address space capped (``RLIMIT_AS``: what it had at start plus
  ``memory_mb``), so a decompression bomb ends in a ``MemoryError`` in the child,
  not in a 3 GB web worker;
* has its CPU time capped (``RLIMIT_CPU``) and is killed when the wall-clock
  budget (``seconds``) is spent;
* runs at a lower priority (``nice 10``), so other users' searches keep the CPU;
* is one of at most ``concurrency`` per process: a caller waits ``wait`` seconds
  for a free slot, then gets :class:`ParserBusy` (the web answers 503).

Children come from a *forkserver* (Linux, macOS): a small single-threaded process
started once, with the readers already imported, that forks a fresh child per
file in ~10 ms; forking a multi-threaded web worker itself is not safe.  On
Windows there is no fork and no ``resource`` module: children are spawned and
only the wall-clock budget and the slot count apply.
"""
from __future__ import annotations

import math
import multiprocessing
import os
import sys
import threading
from dataclasses import dataclass

from kb.errors import KbError

__all__ = ["Limits", "ParserBusy", "TextTooLong", "run", "limits_from_env", "warm_up"]

_PRELOAD = ["kb.importers.docx", "kb.importers.pdf", "kb.importers.html", "kb.importers.encoding"]


class ParserBusy(KbError):
    """Every reader slot of this process is busy: try again later (HTTP 503)."""


class TextTooLong(KbError):
    """The text passed the reader's limit (the file is refused, not half-read)."""


@dataclass(frozen=True)
class Limits:
    seconds: float = 5.0  # wall clock and CPU for one file
    memory_mb: int = 256  # address space the reader may add
    concurrency: int = 2  # files read at once in this process
    wait: float = 2.0  # how long a caller waits for a free slot


def limits_from_env() -> Limits:
    from kb import config

    return Limits(seconds=config.parse_seconds(), memory_mb=config.parse_memory_mb(),
                  concurrency=config.parse_concurrency())


_slots: threading.BoundedSemaphore | None = None
_slots_size = 0
_slots_lock = threading.Lock()
_context = None


def _semaphore(size: int) -> threading.BoundedSemaphore:
    global _slots, _slots_size
    with _slots_lock:
        if _slots is None or _slots_size != size:
            _slots, _slots_size = threading.BoundedSemaphore(size), size
        return _slots


def _mp_context():
    global _context
    if _context is None:
        if "forkserver" in multiprocessing.get_all_start_methods():
            _context = multiprocessing.get_context("forkserver")
            _context.set_forkserver_preload(_PRELOAD)
        else:
            _context = multiprocessing.get_context("spawn")
    return _context


def _forget_inherited_forkserver() -> None:
    """After ``fork()`` (the bulk import's pool, the web's workers): the parent's forkserver
    is not this process's child, so start our own on first use instead of reusing it."""
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    if server is not None and getattr(server, "_forkserver_pid", None) is not None:
        server._forkserver_pid = None
        server._forkserver_address = None
        server._forkserver_alive_fd = None
        server._lock = threading.Lock()  # another thread may have held it at fork time
    global _slots
    _slots = None  # the parent's slot count does not bind the child


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_inherited_forkserver)


def warm_up() -> None:
    """Start the forkserver now (a server does, so no user's first upload pays for it)."""
    context = _mp_context()
    if context.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def run(fmt: str, data: bytes, max_chars: int | None, limits: Limits | None = None):
    """``reader(data, max_chars)`` of ``fmt`` in a bounded child; its result, or KbError."""
    limits = limits or limits_from_env()
    slots = _semaphore(limits.concurrency)
    if not slots.acquire(timeout=limits.wait):
        raise ParserBusy("Máy chủ đang bận đọc các tệp khác; xin thử lại sau ít phút.")
    try:
        return _run_child(fmt, data, max_chars, limits)
    finally:
        slots.release()


def _run_child(fmt: str, data: bytes, max_chars: int | None, limits: Limits):
    context = _mp_context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, fmt, data, max_chars, limits.seconds, limits.memory_mb),
                            name="kb-doc-reader")
    try:
        child.start()
    except OSError as exc:
        raise KbError(f"Không khởi động được bộ đọc tệp ({exc}).") from None
    sender.close()
    message = None
    try:
        if receiver.poll(limits.seconds):
            message = receiver.recv()
    except (EOFError, OSError):
        message = None  # the child died before answering
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if message is None:
        code = child.exitcode
        if code is None or code in (-9, -24):  # killed by us (SIGKILL) or by RLIMIT_CPU (SIGXCPU)
            raise KbError(f"Đọc tệp quá thời gian cho phép ({limits.seconds:g} giây): tệp quá nặng hoặc "
                          "bất thường (đặt KB_PARSE_SECONDS để nâng giới hạn).")
        raise KbError(f"Bộ đọc tệp dừng bất thường (mã {code}): tệp hỏng hoặc bất thường.")
    kind, *rest = message
    if kind == "ok":
        return rest[0]
    if kind == "memory":
        raise KbError(f"Đọc tệp cần quá {limits.memory_mb} MB bộ nhớ: tệp quá nặng hoặc bất thường "
                      "(đặt KB_PARSE_MEMORY_MB để nâng giới hạn).")
    if kind == "too_long":
        raise TextTooLong(rest[0])
    raise KbError(rest[0])


def _apply_limits(seconds: float, memory_mb: int) -> None:
    try:
        os.nice(10)
    except (AttributeError, OSError):
        pass  # Windows: no nice; the slot count still bounds the load
    try:
        import resource
    except ImportError:
        return  # Windows: the wall-clock kill is the bound
    cpu = max(1, math.ceil(seconds))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    if sys.platform.startswith("linux"):
        extra = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (_address_space() + extra,) * 2)


def _address_space() -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def read_direct(fmt: str, data: bytes, max_chars: int | None):
    """The reader itself, in this process: ``(text, encoding, title)``."""
    if fmt == "docx":
        from kb.importers.docx import read_docx

        text, title = read_docx(data, max_chars)
        return text, None, title
    if fmt == "pdf":
        from kb.importers.pdf import read_pdf

        text, title = read_pdf(data, max_chars)
        return text, None, title
    if fmt == "html":
        from kb.importers.html import read_html

        text, encoding, title = read_html(data)
        _check_length(text, max_chars)
        return text, encoding, title
    from kb.importers.encoding import decode

    decoded = decode(data)
    _check_length(decoded.text, max_chars)
    return decoded.text, decoded.encoding, None


def _check_length(text: str, max_chars: int | None) -> None:
    if max_chars is not None and len(text) > max_chars:
        raise TextTooLong(f"Văn bản quá dài (hơn {max_chars:,} ký tự); không nhập.")


def _child(sender, fmt: str, data: bytes, max_chars: int | None, seconds: float, memory_mb: int) -> None:
    try:
        _apply_limits(seconds, memory_mb)
        result = read_direct(fmt, data, max_chars)
        message = ("ok", result)
    except MemoryError:
        message = ("memory",)
    except TextTooLong as exc:
        message = ("too_long", str(exc))
    except KbError as exc:
        message = ("error", str(exc))
    except RecursionError:
        message = ("error", "Tệp có cấu trúc lồng nhau quá sâu; không đọc.")
    except Exception as exc:  # a reader's bug on a strange file: one line, the worker lives on
        message = ("error", f"Không đọc được tệp ({type(exc).__name__}: {str(exc)[:200]}).")
    try:
        sender.send(message)
    except MemoryError:
        sender.send(("memory",))
    finally:
        sender.close()
