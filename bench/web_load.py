"""Load benchmark of the search page: ``python -m bench.web_load [--data DIR]``.

Starts ``python -m kb serve`` (waitress, the production path) on 127.0.0.1,
drives it with N concurrent keep-alive clients (asyncio, one process) over a
fixed list of realistic queries, and reports requests/s, latency percentiles,
errors and the server's resident memory every 1,000 requests.  Bounded in
time: it stops at ``--requests`` or ``--seconds``, whichever comes first.

Targets (issue 6): ≥ 100 req/s, p95 ≤ 100 ms, no errors, memory flat over
10,000 requests, with 16 clients on the corpus index.

``--distinct`` makes every query different (a page-cache miss each time): the
worst case, measuring the indexer plus the page rendering.

Data: ``--data DIR``, else ``$KB_DATA`` when it holds an index, else a corpus
data dir built once under ``bench/results/web-data`` from ``../shared/corpus/legal``.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"

QUERIES = [
    "cải cách hành chính", "cai cach hanh chinh", "xã hội học tập", "xa hoi hoc tap", "chuyển đổi số",
    "chuyen doi so", "đất đai", "thuế thu nhập cá nhân", "bảo hiểm xã hội", "giáo dục đào tạo",
    "phòng cháy chữa cháy", "môi trường", "ngân sách nhà nước", "đầu tư công", "y tế", "giao thông",
    "an toàn thực phẩm", "khoa học công nghệ", "nông thôn mới", "biên chế công chức", "thi đua khen thưởng",
    "quy hoạch", "xây dựng", "du lịch", "văn hóa", "quốc phòng", "tài nguyên nước", "hộ tịch",
    "Quyết định", "nghị định hướng dẫn", "kế hoạch năm 2025", "ủy ban nhân dân tỉnh", "hội đồng nhân dân",
    "30/2020/NĐ-CP", "thông tư", "công văn", "phòng chống dịch", "lao động việc làm", "trẻ em", "người cao tuổi",
]
VARIANTS = ["", "&sort=date", "&page=2", "&type=Quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def corpus_data() -> Path:
    """A data dir with the shared corpus imported and indexed (built once)."""
    path = RESULTS / "web-data"
    if (path / "index" / "CURRENT").exists():
        return path
    from kb.config import shared_dir

    shared = shared_dir()
    if shared is None:
        sys.exit("../shared is absent: give --data DIR with an index")
    path.mkdir(parents=True, exist_ok=True)
    print(f"building {path} from {shared / 'corpus/legal'} …", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "kb", "--data", str(path), "import", str(shared / "corpus" / "legal")],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    import indexer

    indexer.update(path)
    return path


def paths(distinct: bool, count: int) -> list[str]:
    if not distinct:
        return [f"/?q={urllib.parse.quote_plus(q)}{v}" for q in QUERIES for v in VARIANTS]
    rng = random.Random(6)
    words = " ".join(QUERIES).split()
    out = []
    for i in range(count):
        q = " ".join(rng.sample(words, 2)) + f" {i}"
        out.append(f"/?q={urllib.parse.quote_plus(q)}")
    return out


class Client:
    """One keep-alive HTTP/1.1 connection."""

    def __init__(self, port: int):
        self.port = port
        self.reader = self.writer = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        length = 0
        close = False
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "connection" and value.strip().lower() == "close":
                close = True
        if length:
            await self.reader.readexactly(length)
        if close:
            self.writer.close()
            self.writer = None
        return status


async def drive(port: int, work: list[str], clients: int, total: int, seconds: float, pid: int, warm: bool):
    latencies: list[float] = []
    errors: list[str] = []
    memory: list[tuple[int, int]] = []
    counter = 0
    stop_at = time.monotonic() + seconds

    async def worker(k: int):
        nonlocal counter
        client = Client(port)
        while counter < total and time.monotonic() < stop_at:
            i = counter
            counter += 1
            path = work[i % len(work)]
            started = time.perf_counter()
            try:
                status = await client.get(path)
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                errors.append(f"{path}: {type(exc).__name__}")
                client = Client(port)
                continue
            latencies.append(time.perf_counter() - started)
            if status not in (200, 302):
                errors.append(f"{path}: HTTP {status}")
            if not warm and len(latencies) % 1000 == 0:
                memory.append((len(latencies), rss_kb(pid)))
        if client.writer is not None:
            client.writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(worker(k) for k in range(clients)))
    elapsed = time.perf_counter() - began
    return latencies, errors, memory, elapsed


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--threads", type=int, default=6, help="waitress threads")
    parser.add_argument("--distinct", action="store_true", help="every query different (no cache hits)")
    parser.add_argument("--out", default=str(RESULTS / "web_load.json"))
    args = parser.parse_args(argv)

    if args.data:
        data = Path(args.data)
    elif os.environ.get("KB_DATA") and (Path(os.environ["KB_DATA"]) / "index" / "CURRENT").exists():
        data = Path(os.environ["KB_DATA"])
    else:
        data = corpus_data()

    port = free_port()
    # The server's log goes to a file: a pipe nobody reads would fill and stall it.
    log_path = Path(args.out).with_suffix(".server.log")
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = open(log_path, "wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "kb", "--data", str(data), "serve", "--port", str(port), "--threads", str(args.threads)],
        cwd=ROOT, stdout=log, stderr=log,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    print(log_path.read_text(errors="replace"), file=sys.stderr)
                    return 1
                time.sleep(0.2)
        work = paths(args.distinct, args.requests)
        rss_start = rss_kb(server.pid)
        if not args.distinct:  # every distinct page once: the steady state of an office
            asyncio.run(drive(port, work, args.clients, len(work), 60, server.pid, warm=True))
        rss_warm = rss_kb(server.pid)
        latencies, errors, memory, elapsed = asyncio.run(
            drive(port, work, args.clients, args.requests, args.seconds, server.pid, warm=False))
        rss_end = rss_kb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()

    done = len(latencies)
    rate = done / elapsed if elapsed else 0.0
    mem_points = [kb for _, kb in memory]
    growth = (mem_points[-1] - mem_points[0]) / 1024 if len(mem_points) >= 2 else 0.0
    result = {
        "data": str(data),
        "clients": args.clients,
        "waitress_threads": args.threads,
        "distinct_queries": args.distinct,
        "pages": len(set(work)),
        "requests": done,
        "seconds": round(elapsed, 2),
        "requests_per_second": round(rate, 1),
        "latency_ms": {
            "p50": round(percentile(latencies, 50) * 1000, 1) if latencies else None,
            "p95": round(percentile(latencies, 95) * 1000, 1) if latencies else None,
            "p99": round(percentile(latencies, 99) * 1000, 1) if latencies else None,
            "max": round(max(latencies) * 1000, 1) if latencies else None,
            "mean": round(statistics.fmean(latencies) * 1000, 1) if latencies else None,
        },
        "errors": len(errors),
        "error_samples": errors[:5],
        "rss_mb": {"start": round(rss_start / 1024, 1), "after_warmup": round(rss_warm / 1024, 1),
                   "end": round(rss_end / 1024, 1), "growth_over_run": round(growth, 1),
                   "every_1000": [round(kb / 1024, 1) for kb in mem_points]},
        "machine": f"{os.cpu_count()} cores, shared with other work (noisy)",
    }
    checks = {
        "≥ 100 req/s": rate >= 100,
        "p95 ≤ 100 ms": bool(latencies) and percentile(latencies, 95) <= 0.100,
        "no errors": not errors,
        "memory flat (< 10 MB growth)": growth < 10,
        "10,000 requests": done >= 10_000,
    }
    result["checks"] = checks
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
