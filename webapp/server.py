"""Serving the site on waitress, one process or several (pre-fork).

One Python process runs Python code on one core at a time (the GIL), and a
search nobody asked before costs the indexer ~20 ms of CPU, so one process
tops out near 50 new queries a second.  ``serve(workers=N)`` therefore runs
the classic pre-fork model:

* the parent binds the listening sockets (a busy port is one clear error,
  before anything else starts) and opens nothing else: no app, no index, no
  SQLite connection crosses a ``fork()``;
* where the system has ``SO_REUSEPORT`` (Linux), the parent binds one socket
  per worker slot on the same address and the kernel spreads new connections
  across them (by a hash of the client's address and port), so keep-alive
  clients that connect at once cannot all land on one worker; elsewhere, and
  for ``workers=1``, there is one shared socket and whichever child accepts
  first takes the connection;
* each child builds its own application (its own ``Searcher``, its own store
  connections, its own bounded page cache) and runs waitress on its slot's
  inherited socket (a restarted child gets the same slot's socket: connections
  the kernel queued on it meanwhile are served, not lost);
* the parent restarts a child that dies, and on SIGINT/SIGTERM stops them all
  (SIGTERM, then SIGKILL after a grace period) and reaps them: no orphans.
  Children also ask the kernel for SIGTERM should the parent vanish.

``workers=1`` serves in the calling process, as before.  Every process logs one
line when it is ready and one when it stops, with its page-cache hit rate
(stderr; the load benchmark reads it).
"""
from __future__ import annotations

import errno
import logging
import os
import signal
import socket
import sys
import time

from kb.errors import KbError

# A child that dies sooner than this after its start counts as a failed start;
# after MAX_FAST_FAILURES of those in a row the parent gives up instead of
# restarting in a tight loop (a broken data dir, a bad config…).
FAST_FAILURE_SECONDS = 10.0
MAX_FAST_FAILURES = 5
STOP_GRACE_SECONDS = 10.0
BACKLOG = 1024

_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def default_workers() -> int:
    """One process per usable core, at most 4 (memory: each holds its own index and pyvi)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


def reuseport_available() -> bool:
    """True where one socket per worker can share a port (Linux ``SO_REUSEPORT``)."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def bind(host: str, port: int, backlog: int = BACKLOG) -> socket.socket:
    """The listening socket, bound once; a busy or unusable address is a KbError (one line)."""
    return _bind(host, port, backlog, reuseport=False)


def bind_workers(host: str, port: int, workers: int, backlog: int = BACKLOG) -> list[socket.socket]:
    """The listening sockets for ``workers`` processes: one per worker slot with
    ``SO_REUSEPORT`` (all on the same address), else one shared socket (a list of one).

    The first bind detects a port held by another program (a KbError, one line).  Port 0
    binds the first socket to a free port and the others to that same port.  Caveat of
    ``SO_REUSEPORT``: another process of the same user that also sets it could bind the
    port too and receive part of the connections.
    """
    if workers <= 1 or not reuseport_available():
        return [bind(host, port, backlog)]
    try:
        first = _bind(host, port, backlog, reuseport=True)
    except _NoReusePort:
        return [bind(host, port, backlog)]
    sockets = [first]
    try:
        bound_port = first.getsockname()[1]
        for _ in range(workers - 1):
            sockets.append(_bind(host, bound_port, backlog, reuseport=True))
    except BaseException:
        for sock in sockets:
            sock.close()
        raise
    return sockets


class _NoReusePort(Exception):
    """The kernel refused SO_REUSEPORT (too old): serve on one shared socket instead."""


def _bind(host: str, port: int, backlog: int, *, reuseport: bool) -> socket.socket:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise KbError(f"không tìm thấy địa chỉ {host!r} ({exc.strerror}).") from None
    family, socktype, proto, _, address = infos[0]
    sock = socket.socket(family, socktype, proto)
    try:
        # Restarting the server right after stopping it must not wait for TIME_WAIT;
        # on Linux SO_REUSEADDR never lets two servers listen on one port (SO_REUSEPORT
        # does, for sockets of the same user that all set it: see bind_workers).
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if reuseport:
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            except OSError:
                sock.close()
                raise _NoReusePort() from None
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind(address)
        sock.listen(backlog)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise KbError(f"cổng {port} trên {host} đang được dùng bởi chương trình khác; "
                          f"dừng chương trình đó hoặc chọn cổng khác bằng --port.") from None
        if exc.errno == errno.EACCES:
            raise KbError(f"không được phép mở cổng {port} (cổng dưới 1024 cần quyền quản trị); "
                          f"chọn cổng khác bằng --port.") from None
        if exc.errno == errno.EADDRNOTAVAIL:
            raise KbError(f"máy này không có địa chỉ {host}; dùng --host 127.0.0.1 hoặc 0.0.0.0.") from None
        raise KbError(f"không mở được cổng {port} trên {host}: {exc.strerror or exc}.") from None
    sock.set_inheritable(True)
    return sock


def _log(message: str) -> None:
    print(f"Căn cứ [{os.getpid()}]: {message}", file=sys.stderr, flush=True)


def cache_summary(app) -> str:
    cache = app.extensions["kb"].cache
    asked = cache.hits + cache.misses
    rate = f"{100 * cache.hits / asked:.1f}%" if asked else "—"
    # The load benchmark parses "bộ đệm trang: H/N lượt trúng".
    return f"bộ đệm trang: {cache.hits}/{asked} lượt trúng ({rate})"


# --- one process -------------------------------------------------------------
# Open connections per worker.  Waitress reads requests in its event loop and gives a
# thread only a complete request, so a slow client costs a socket, not a thread: the
# limit can be high (it used to be 200, and 450 slow connections kept everyone out).
CONNECTION_LIMIT = 2000
# A request's headers must arrive within this many seconds of its first byte
# (slowloris: one header line every few seconds never trips the idle timeout).
HEADER_TIMEOUT = 20
IDLE_TIMEOUT = 60  # a keep-alive connection with nothing to do


def _waitress_classes():
    """Our waitress server and channel: security headers on waitress's own error
    answers (400, 413, 431…), and a deadline for receiving a request's headers."""
    from waitress.channel import HTTPChannel
    from waitress.server import TcpWSGIServer
    from waitress.task import ErrorTask

    from webapp.security import HEADERS

    class SafeErrorTask(ErrorTask):
        def execute(self):
            self.response_headers.extend(HEADERS.items())
            super().execute()

    class Channel(HTTPChannel):
        error_task_class = SafeErrorTask
        request_started = None

        def received(self, data):
            if self.request is None and data:
                self.request_started = time.monotonic()
            return super().received(data)

    class Server(TcpWSGIServer):
        channel_class = Channel

        def maintenance(self, now):
            super().maintenance(now)
            late = time.monotonic() - HEADER_TIMEOUT
            for channel in list(self.active_channels.values()):
                request = channel.request
                started = getattr(channel, "request_started", None)
                if request is not None and not request.headers_finished and started is not None and started < late:
                    channel.will_close = True  # closed on the loop's next pass

    return Server


def _raise_open_files_limit(wanted: int) -> None:
    """Each connection is a file descriptor: lift the soft limit toward the hard one."""
    try:
        import resource
    except ImportError:
        return  # Windows: no such limit
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        except (ValueError, OSError):
            pass  # keep the old limit; waitress stops accepting at its own limit anyway


def run_waitress(app, sock: socket.socket, threads: int) -> None:
    """waitress on an already-listening socket until SIGTERM/SIGINT (or the parent's SIGTERM)."""
    from waitress.adjustments import Adjustments
    from waitress.task import ThreadedTaskDispatcher

    logging.basicConfig(format="%(levelname)s:%(name)s:%(message)s")
    # Requests waiting for a free thread are normal under load (one process serves
    # about one core); waitress would log a warning for each of them.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    _raise_open_files_limit(CONNECTION_LIMIT + 256)
    adj = Adjustments(
        sockets=[sock],
        threads=threads,
        ident="can-cu",
        # A little above the app's own upload cap, which answers 413 itself.
        max_request_body_size=app.config["MAX_CONTENT_LENGTH"] + 1024 * 1024,
        channel_timeout=IDLE_TIMEOUT,
        cleanup_interval=5,
        connection_limit=CONNECTION_LIMIT,
        asyncore_use_poll=True,  # select() cannot watch descriptors above 1024
        clear_untrusted_proxy_headers=True,
    )
    dispatcher = ThreadedTaskDispatcher()
    dispatcher.set_thread_count(adj.threads)
    server = _waitress_classes()(app, {}, True, sock, dispatcher=dispatcher, adj=adj, bind_socket=False,
                                 sockinfo=(sock.family, sock.type, sock.proto, sock.getsockname()))
    server.run()  # returns on SystemExit/KeyboardInterrupt after stopping its threads


def _raise_exit(signum, frame):
    raise SystemExit(128 + signum)


def serve_here(config: dict, sock: socket.socket, threads: int) -> None:
    """Build the app and serve in this process (``--workers 1``, and each child)."""
    from webapp import create_app

    app = create_app(config)
    for signum in _STOP_SIGNALS:
        signal.signal(signum, _raise_exit)
    _log("sẵn sàng.")
    try:
        run_waitress(app, sock, threads)
    finally:
        _log(f"dừng; {cache_summary(app)}.")
        app.extensions["kb"].close()


# --- several processes ---------------------------------------------------------
def _die_with_parent(parent: int) -> None:
    """Linux: SIGTERM this child if the parent dies (even by SIGKILL), so none is orphaned."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the parent's SIGTERM on a clean stop still applies
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(0)


def _child(config: dict, sock: socket.socket, others: list, threads: int, parent: int, blocked: set) -> None:
    """The body of a forked child; never returns (os._exit: no parent's cleanup runs twice)."""
    status = 0
    try:
        _die_with_parent(parent)
        for other in others:  # the other slots' sockets: only the parent keeps them
            if other is not sock:
                other.close()
        for signum in _STOP_SIGNALS:
            signal.signal(signum, _raise_exit)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, blocked)
        serve_here(config, sock, threads)
    except SystemExit as exc:
        status = 0 if exc.code in (None, 0, 128 + signal.SIGTERM, 128 + signal.SIGINT) else 1
    except BaseException as exc:  # a child must not fall back into the parent's code
        _log(f"lỗi: {type(exc).__name__}: {exc}")
        status = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


class Supervisor:
    """The parent of the pre-fork server: starts, watches and stops the children."""

    def __init__(self, config: dict, sockets: list[socket.socket], threads: int, workers: int):
        self.config = config
        # One socket per worker slot (SO_REUSEPORT), or the one shared socket for every slot.
        self.sockets = sockets if len(sockets) == workers else [sockets[0]] * workers
        self.threads = threads
        self.workers = workers
        self.children: dict[int, tuple[float, int]] = {}  # pid -> (start time, slot)
        self.fast_failures = 0
        self._watched = {signal.SIGCHLD, *_STOP_SIGNALS, signal.SIGHUP}

    def spawn(self, slot: int) -> int:
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            _child(self.config, self.sockets[slot], self.sockets, self.threads, parent, self._watched)
        self.children[pid] = (time.monotonic(), slot)
        return pid

    def run(self) -> int:
        # The parent waits for signals synchronously (sigtimedwait): no handler can
        # interrupt it half-way through a fork, so every child is always recorded.
        signal.pthread_sigmask(signal.SIG_BLOCK, self._watched)
        try:
            for slot in range(self.workers):
                self.spawn(slot)
            while True:
                info = signal.sigtimedwait(self._watched, 1.0)
                if info is not None and info.si_signo in (*_STOP_SIGNALS, signal.SIGHUP):
                    return 0
                if self.reap_and_restart():
                    return 1
        finally:
            self.stop()
            signal.pthread_sigmask(signal.SIG_UNBLOCK, self._watched)

    def reap_and_restart(self) -> bool:
        """Reap dead children and replace them; True when they keep failing at start."""
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return False
            if pid == 0:
                return False
            known = self.children.pop(pid, None)
            if known is None:
                continue
            started, slot = known
            how = (f"tín hiệu {os.WTERMSIG(status)}" if os.WIFSIGNALED(status)
                   else f"mã {os.WEXITSTATUS(status)}")
            if time.monotonic() - started < FAST_FAILURE_SECONDS:
                self.fast_failures += 1
            else:
                self.fast_failures = 0
            if self.fast_failures >= MAX_FAST_FAILURES:
                _log(f"tiến trình phục vụ {pid} dừng ({how}) ngay khi khởi động, "
                     f"{self.fast_failures} lần liền: ngừng.")
                return True
            _log(f"tiến trình phục vụ {pid} đã dừng bất thường ({how}); khởi động lại.")
            if self.fast_failures:
                time.sleep(min(5.0, 0.5 * self.fast_failures))  # no tight restart loop
            self.spawn(slot)  # the same slot's socket: its queued connections are served
        return False

    def stop(self) -> None:
        """SIGTERM every child, wait for them, SIGKILL the stragglers, reap all."""
        for pid in list(self.children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        while self.children:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                self.children.clear()
                break
            if pid:
                self.children.pop(pid, None)
                continue
            if time.monotonic() > deadline:
                for pid in list(self.children):
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                    try:
                        os.waitpid(pid, 0)
                    except ChildProcessError:
                        pass
                    self.children.pop(pid, None)
                break
            time.sleep(0.05)
        for sock in self.sockets:
            sock.close()


def serve(config: dict, sockets, *, threads: int = 6, workers: int = 1) -> int:
    """Serve the site until stopped; the exit status.

    ``sockets``: from :func:`bind_workers` (one per worker, or one shared), or one socket
    from :func:`bind`.
    """
    if isinstance(sockets, socket.socket):
        sockets = [sockets]
    if workers > 1 and not hasattr(os, "fork"):
        # Windows has no fork(): one process with its threads (see docs/web.md).
        _log(f"hệ điều hành này không hỗ trợ nhiều tiến trình (fork); phục vụ bằng 1 tiến trình, {threads} luồng.")
        workers = 1
    if workers <= 1:
        for extra in sockets[1:]:
            extra.close()
        sock = sockets[0]
        try:
            serve_here(config, sock, threads)
        except SystemExit:
            pass
        finally:
            sock.close()
        return 0
    # Modules are imported before forking (shared, copy-on-write, faster child starts);
    # nothing is opened: each child builds its own app.
    import flask  # noqa: F401
    import waitress.server  # noqa: F401

    import webapp.views.search  # noqa: F401

    return Supervisor(config, list(sockets), threads, workers).run()
