"""``kb serve`` (waitress, one process or pre-fork) and ``flask --app webapp`` start the site."""
from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(parent: int) -> set[int]:
    """Live (non-zombie) child processes of ``parent``, read from /proc."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        state, ppid = stat.rpartition(")")[2].split()[:2]
        if int(ppid) == parent and state != "Z":
            found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, seconds: float, what: str, proc=None, log: Path | None = None):
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"kb serve exited ({proc.returncode}) waiting for {what}:\n"
                                 + (log.read_text() if log else ""))
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}:\n" + (log.read_text() if log else ""))
        time.sleep(0.1)


def served_by(port: int, pids) -> dict[int, int]:
    """How many established connections on ``port`` each of ``pids`` holds (/proc/net/tcp + fds)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local_port = int(fields[1].rpartition(":")[2], 16)
            if local_port == port and fields[3] == "01":  # ESTABLISHED, server side
                inodes.add(fields[9])
    counts = {}
    for pid in pids:
        held = 0
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:[") and target[8:-1] in inodes:
                held += 1
        counts[pid] = held
    return counts


def spread(port: int, pids, connections: int = 40) -> dict[int, int]:
    """Open ``connections`` fresh keep-alive connections one after another, one request on
    each, all kept open; then which worker holds how many (no pid endpoint needed)."""
    opened = []
    try:
        for _ in range(connections):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
            conn.request("GET", "/")
            response = conn.getresponse()
            response.read()
            assert response.status == 200
            opened.append(conn)
        return served_by(port, pids)
    finally:
        for conn in opened:
            conn.close()


def get(port: int, path: str = "/", timeout: float = 15):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as r:
        return r.status, r.headers, r.read().decode()


def start(tmp_path, data, *args, **popen):
    port = free_port()
    log = tmp_path / f"serve-{port}.log"
    # The log goes to a file: a pipe nobody reads could fill and stall the server.
    handle = open(log, "wb")
    proc = subprocess.Popen([sys.executable, "-m", "kb", "serve", "--port", str(port), *args], cwd=ROOT,
                            env=dict(os.environ, KB_DATA=str(data)), stdout=handle, stderr=handle, **popen)
    handle.close()
    return proc, port, log


def stop(proc, workers=()):
    """Kill what a failed test left running: its workers, then the server."""
    for pid in workers:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
    if proc.poll() is None:
        proc.kill()
        proc.wait(timeout=10)


def test_kb_serve_one_process_answers_and_stops_cleanly(tmp_path):
    proc, port, log = start(tmp_path, tmp_path, "--workers", "1")
    try:
        def answered():
            try:
                return get(port, timeout=2)
            except OSError:
                return None

        status, headers, body = wait_for(answered, 30, "an answer", proc, log)
        assert status == 200 and headers["Content-Security-Policy"] and "Căn cứ" in body
        # --workers 1: no worker process; only the file readers' forkserver (kb.importers.sandbox)
        helpers = children(proc.pid)
        assert all("multiprocessing" in Path(f"/proc/{pid}/cmdline").read_text() for pid in helpers), helpers
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
        wait_for(lambda: not any(alive(pid) for pid in helpers), 10, "the readers' forkserver to be gone")
        text = log.read_text()
        assert "1 tiến trình" in text and "bộ đệm trang:" in text and "Traceback" not in text
    finally:
        stop(proc)


def test_prefork_workers_each_answer_restart_and_stop(tmp_path, kb_data):
    data, _ = kb_data
    proc, port, log = start(tmp_path, data, "--workers", "2", "--threads", "2")
    workers: set[int] = set()
    try:
        wait_for(lambda: log.read_text().count("sẵn sàng") >= 2, 60, "two ready workers", proc, log)
        workers = wait_for(lambda: (c := children(proc.pid)) and len(c) == 2 and c, 10, "two children", proc, log)

        status, _, body = get(port, "/?q=cai+cach+hanh+chinh")
        assert status == 200 and "1256/QĐ-UBND" in body
        assert "SO_REUSEPORT" in log.read_text()  # one listening socket per worker (Linux)

        # Fresh connections are spread over both workers (the kernel hashes them across the
        # workers' sockets): 40 of them all on one worker would be a 1 in 2^39 chance.
        counts = spread(port, workers)
        assert sum(counts.values()) >= 40 and all(counts.values()), counts

        # A worker that dies is replaced, on the same socket: it serves again.
        victim = min(workers)
        os.kill(victim, signal.SIGKILL)
        replaced = wait_for(lambda: (c := children(proc.pid)) and len(c) == 2 and victim not in c and c,
                            30, "a replacement worker", proc, log)
        wait_for(lambda: log.read_text().count("sẵn sàng") >= 3, 60, "the replacement to be ready", proc, log)
        assert "khởi động lại" in log.read_text()
        assert get(port, "/?q=xa+hoi+hoc+tap")[0] == 200
        counts = spread(port, replaced)
        assert sum(counts.values()) >= 40 and all(counts.values()), counts
        workers |= replaced

        # SIGTERM: the parent stops every worker and exits 0; no orphan is left.
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
        wait_for(lambda: not any(alive(pid) for pid in workers), 5, "workers to be gone")
        text = log.read_text()
        assert text.count("dừng; bộ đệm trang:") == 2 and "Traceback" not in text
        with socket.socket() as s:  # the port is free again
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", port))
    finally:
        stop(proc, workers)


def test_ctrl_c_stops_parent_and_workers(tmp_path):
    """Ctrl+C reaches the whole process group: everyone stops, nothing is restarted."""
    proc, port, log = start(tmp_path, tmp_path, "--workers", "2", start_new_session=True)
    workers: set[int] = set()
    try:
        wait_for(lambda: log.read_text().count("sẵn sàng") >= 2, 60, "two ready workers", proc, log)
        workers = children(proc.pid)
        assert len(workers) == 2
        os.killpg(proc.pid, signal.SIGINT)
        assert proc.wait(timeout=20) == 0
        wait_for(lambda: not any(alive(pid) for pid in workers), 5, "workers to be gone")
        assert "khởi động lại" not in log.read_text()
    finally:
        stop(proc, workers)


def test_busy_port_is_one_line_and_exit_1(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = subprocess.run([sys.executable, "-m", "kb", "serve", "--port", str(port), "--workers", "2"], cwd=ROOT,
                           env=dict(os.environ, KB_DATA=str(tmp_path)), capture_output=True, text=True, timeout=30)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and f"cổng {port}" in lines[0] and "đang được dùng" in lines[0], r.stderr


def test_bad_port_and_workers_are_usage_errors(tmp_path):
    for args, word in ((["--port", "0"], "cổng"), (["--workers", "0"], "tiến trình")):
        r = subprocess.run([sys.executable, "-m", "kb", "serve", *args], cwd=ROOT,
                           env=dict(os.environ, KB_DATA=str(tmp_path)), capture_output=True, text=True)
        assert r.returncode == 2 and word in r.stderr and "Traceback" not in r.stderr


def test_flask_cli_finds_the_factory(tmp_path):
    flask = Path(sys.executable).with_name("flask")
    r = subprocess.run([str(flask), "--app", "webapp", "routes"], cwd=ROOT, capture_output=True, text=True,
                       env=dict(os.environ, KB_DATA=str(tmp_path)))
    assert r.returncode == 0, r.stderr
    for path in ("/lien-ket", "/api/search", "/api/van-ban/<path:slug>", "/api/cite", "/api/link", "/opensearch.xml"):
        assert path in r.stdout


def test_bind_workers_one_socket_per_worker_on_one_port():
    from kb.errors import KbError
    from webapp import server

    sockets = server.bind_workers("127.0.0.1", 0, 3)  # port 0: the others follow the first
    try:
        ports = {s.getsockname()[1] for s in sockets}
        assert len(ports) == 1 and 0 not in ports
        assert len(sockets) == (3 if server.reuseport_available() else 1)
        assert len({s.fileno() for s in sockets}) == len(sockets)
        # The port is held: a program binding it without SO_REUSEPORT gets the busy-port error.
        try:
            server.bind("127.0.0.1", ports.pop())
        except KbError as exc:
            assert "đang được dùng" in str(exc)
        else:
            raise AssertionError("a second plain bind on the port succeeded")
    finally:
        for s in sockets:
            s.close()
    single = server.bind_workers("127.0.0.1", 0, 1)  # --workers 1: one plain socket
    try:
        assert len(single) == 1
        if server.reuseport_available():
            assert single[0].getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) == 0
    finally:
        single[0].close()
