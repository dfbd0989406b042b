"""Load benchmark of the search page: ``python -m bench.web_load [--data DIR] [--workers N]``.

Starts ``python -m kb serve`` (waitress, the production path; ``--workers N``
processes) on 127.0.0.1, drives it with N concurrent keep-alive clients
(asyncio, one process) and reports requests/s, latency percentiles, errors,
the server's resident memory (all its processes) every 1,000 requests, the
page-cache hit rate (from each server process's log line when it stops) and
the load average.  Bounded in time: it stops at ``--requests`` or
``--seconds``, whichever comes first.

Targets (issue 6): ≥ 100 req/s, p95 ≤ 100 ms, no errors, memory flat over
10,000 requests, with 16 clients on the corpus index.

Workload (default, "mixed"): the 240 mixed queries of ``bench.search_queries``
(accented and unaccented title words, document numbers in several spellings,
filters), built from the served documents, a few with ``sort=date`` or
``page=2``, cycled; and a share of requests (``--new``, default 25 %) that are
queries never asked before (other title phrases, same styles).  So a popular
query comes back only every ~320 requests, each server process must miss it
once before it can hit, and a quarter of the traffic always misses.  No
warm-up: the run starts on cold page caches.  ``--distinct`` (= ``--new 1``)
makes every query new: the indexer's worst case.

Data: ``--data DIR``, else ``$KB_DATA`` when it holds an index, else a corpus
data dir built once under ``bench/results/web-data`` from ``../shared/corpus/legal``.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
TYPES = ["Quyết định", "Công văn", "Nghị quyết"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:  # gone meanwhile
        pass
    return 0


def server_pids(parent: int) -> list[int]:
    """The server's process and its workers (children, read from /proc)."""
    pids = [parent]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[1]) == parent and fields[0] != "Z":
                pids.append(int(entry.name))
    return pids


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far (/proc/<pid>/stat, clock ticks)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def server_rss_kb(parent: int) -> int:
    """Resident memory of the whole server (parent + workers; shared pages counted per process)."""
    return sum(rss_kb(pid) for pid in server_pids(parent))


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


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


def served_documents(data: Path) -> list:
    """Number, type and title of the documents in the data dir's store (read-only)."""
    from kb.config import database_path

    conn = sqlite3.connect(f"file:{database_path(data)}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT number, type, title FROM documents WHERE is_stub = 0").fetchall()
    finally:
        conn.close()
    return [SimpleNamespace(number=n, type=t, title=ti) for n, t, ti in rows]


def _url(query: str, options: dict, variant: str = "") -> str:
    extra = "".join(f"&{k}={urllib.parse.quote_plus(v)}" for k, v in options.items())
    return f"/?q={urllib.parse.quote_plus(query)}{extra}{variant}"


def workload(docs: list, count: int, new_share: float, pool_size: int = 240, seed: int = 6):
    """``count`` request paths, whether each is a first-time query, the pool's size.

    The pool (``bench.search_queries.mixed_queries``) is cycled in order; a
    request is instead a never-asked query with probability ``new_share``.
    """
    from bench.search_queries import mixed_queries

    rng = random.Random(seed)
    pool = []
    for q, options in mixed_queries(docs, pool_size, seed=5):
        roll = rng.random()
        variant = "&sort=date" if roll < 0.1 else "&page=2" if roll < 0.2 else ""
        pool.append(_url(q, options, variant))
    seen = set(pool)
    fresh = _fresh_queries(docs, rng, seen)
    paths, is_new, cursor = [], [], 0
    for _ in range(count):
        is_new.append(rng.random() < new_share)
        if is_new[-1]:
            paths.append(next(fresh))
        else:
            paths.append(pool[cursor % len(pool)])
            cursor += 1
    return paths, is_new, len(pool)


def _fresh_queries(docs: list, rng: random.Random, seen: set):
    """Endless queries nobody asked yet, in the pool's styles (title phrases, unaccented, numbers, filters)."""
    from bench.search_queries import _FILTERS
    from kb.text import fold

    titled = [d.title.lower().split() for d in docs if d.title and len(d.title.split()) >= 3]
    numbered = [d for d in docs if d.number]
    while True:
        style = rng.random()
        options = {}
        if style < 0.2 and numbered:
            d = rng.choice(numbered)
            head = re.match(r"\d+", d.number)
            q = rng.choice([d.number, " ".join(p for p in re.split(r"[/\-]", d.number) if p),
                            f"{fold(d.type or 'so')} {head.group() if head else d.number}"])
        else:
            words = rng.choice(titled)
            k = rng.randint(1, min(5, len(words)))
            i = rng.randrange(0, len(words) - k + 1)
            q = " ".join(words[i:i + k]).strip(",.;:()")
            if style < 0.45:
                q = fold(q)
            elif style < 0.6:
                q = f"{q} {rng.choice(_FILTERS)}"
            elif style < 0.7:
                options = {"type": rng.choice(TYPES)}
        variant = "&sort=date" if rng.random() < 0.1 else ""
        path = _url(q, options, variant)
        if q and path not in seen:
            seen.add(path)
            yield path


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


async def drive(port: int, work: list[str], clients: int, total: int, seconds: float, pid: int):
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
            if len(latencies) % 1000 == 0:
                memory.append((len(latencies), server_rss_kb(pid)))
        if client.writer is not None:
            client.writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(worker(k) for k in range(clients)))
    elapsed = time.perf_counter() - began
    return latencies, errors, memory, elapsed


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


CACHE_LINE = re.compile(r"Căn cứ \[(\d+)\]: dừng; bộ đệm trang: (\d+)/(\d+) lượt trúng")


def cache_stats(log_text: str) -> dict:
    """Page-cache hits per server process, from the line each one logs when it stops."""
    per_process = {int(pid): (int(h), int(n)) for pid, h, n in CACHE_LINE.findall(log_text)}
    hits = sum(h for h, _ in per_process.values())
    asked = sum(n for _, n in per_process.values())
    return {"hit_rate": round(hits / asked, 3) if asked else None, "hits": hits, "lookups": asked,
            "per_process": {str(pid): {"hits": h, "lookups": n} for pid, (h, n) in per_process.items()}}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--workers", type=int, default=None, help="server processes (default: kb serve's)")
    parser.add_argument("--threads", type=int, default=2, help="waitress threads per process (kb serve's default)")
    parser.add_argument("--new", type=float, default=0.25, help="share of requests that are never-asked queries")
    parser.add_argument("--distinct", action="store_true", help="every query new (= --new 1)")
    parser.add_argument("--out", default=str(RESULTS / "web_load.json"))
    args = parser.parse_args(argv)
    new_share = 1.0 if args.distinct else args.new

    if args.data:
        data = Path(args.data)
    elif os.environ.get("KB_DATA") and (Path(os.environ["KB_DATA"]) / "index" / "CURRENT").exists():
        data = Path(os.environ["KB_DATA"])
    else:
        data = corpus_data()
    work, is_new, pool = workload(served_documents(data), args.requests, new_share)

    port = free_port()
    # The server's log goes to a file: a pipe nobody reads would fill and stall it.
    log_path = Path(args.out).with_suffix(".server.log")
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = open(log_path, "wb")
    command = [sys.executable, "-m", "kb", "--data", str(data), "serve", "--port", str(port),
               "--threads", str(args.threads)]
    if args.workers:
        command += ["--workers", str(args.workers)]
    server = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 120
        while True:  # ready: the port answers and every worker has said so
            text = log_path.read_text(errors="replace")
            banner = re.search(r"(\d+) tiến trình", text)
            if banner and text.count("sẵn sàng") >= int(banner.group(1)):
                workers = int(banner.group(1))
                break
            if server.poll() is not None or time.monotonic() > deadline:
                print(text, file=sys.stderr)
                return 1
            time.sleep(0.2)
        load_before = load_average()
        rss_start = server_rss_kb(server.pid)
        pids = server_pids(server.pid)
        cpu_start, client_cpu_start = cpu_seconds(pids), time.process_time()
        latencies, errors, memory, elapsed = asyncio.run(
            drive(port, work, args.clients, args.requests, args.seconds, server.pid))
        rss_end = server_rss_kb(server.pid)
        restarted = set(server_pids(server.pid)) != set(pids)
        server_cpu = cpu_seconds(pids) - cpu_start
        client_cpu = time.process_time() - client_cpu_start
        rss_each = {str(pid): round(rss_kb(pid) / 1024, 1) for pid in server_pids(server.pid)}
        load_after = load_average()
    finally:
        server.terminate()  # each process logs its cache line as it stops
        server.wait(timeout=30)
        log.close()
    cache = cache_stats(log_path.read_text(errors="replace"))

    done = len(latencies)
    rate = done / elapsed if elapsed else 0.0
    mem_points = [kb for _, kb in memory]
    growth = (mem_points[-1] - mem_points[0]) / 1024 if len(mem_points) >= 2 else 0.0
    result = {
        "data": str(data),
        "clients": args.clients,
        "server_workers": workers,
        "waitress_threads": args.threads,
        "workload": "distinct" if args.distinct else "mixed",
        "new_query_share": new_share,
        "pool_queries": pool,
        "new_queries_sent": sum(is_new[:done]),
        "pages": len(set(work[:done])),
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
        # CPU the server spent per request: with C free cores and C workers it can
        # serve about C × 1000 / cpu_ms_per_request requests/s, whatever else runs now.
        "server_cpu": {"seconds": round(server_cpu, 2),
                       "ms_per_request": round(1000 * server_cpu / done, 2) if done else None,
                       "workers_restarted_during_run": restarted},
        "client_cpu_seconds": round(client_cpu, 2),
        "page_cache": cache,
        "rss_mb": {"start": round(rss_start / 1024, 1), "end": round(rss_end / 1024, 1),
                   "growth_over_run": round(growth, 1),
                   # the page caches (512 pages per process) are full by then: growth here is a leak
                   "growth_second_half": round((mem_points[-1] - mem_points[len(mem_points) // 2]) / 1024, 1)
                   if len(mem_points) >= 4 else None,
                   "each_process_at_end": rss_each,
                   "every_1000": [round(kb / 1024, 1) for kb in mem_points]},
        "load_average": {"before": load_before, "after": load_after},
        "machine": f"{os.cpu_count()} cores, shared with other work (noisy)",
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    checks = {
        "≥ 100 req/s": rate >= 100,
        "p95 ≤ 100 ms": bool(latencies) and percentile(latencies, 95) <= 0.100,
        "no errors": not errors,
        # The page caches (bounded) fill during the first few thousand requests;
        # growth after that is what a leak would show.
        "memory flat (< 10 MB growth over the 2nd half)": len(mem_points) >= 4
        and (mem_points[-1] - mem_points[len(mem_points) // 2]) / 1024 < 10,
        "10,000 requests": done >= 10_000,
    }
    result["checks"] = checks
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
