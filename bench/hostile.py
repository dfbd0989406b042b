"""Hostile-input benchmark (issue 12): ``python -m bench.hostile [--data DIR] [--skip-serve]``.

1. Hostile files, made on the spot (``tests/hardening/hostile.py``), read through
   ``kb.importers.read_bytes`` (the one door): wall time, the caller's RSS growth,
   and the peak RSS of the reader's child process (sampled every 10 ms from /proc).
2. A costly query (80 quoted two-word phrases, 500 characters) on the corpus
   index: with the bound (6 phrases) and without it.
3. ``kb serve --workers 2`` on 127.0.0.1 (the corpus data): the latency of
   searches nobody asked before, alone and under each attack — 450 slowloris
   connections, 4 hostile uploads at once, 6 slow URL fetches, 8 clients sending
   the costly query.  Loopback only, bounded in count and time (~1 minute).

Data: ``--data DIR`` (a data dir with an index), else ``$KB_DATA``.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hardening import hostile  # noqa: E402
from tests.hardening.localserver import LocalServer, slow  # noqa: E402

COSTLY = " ".join(f'"cải cách {i}"' for i in range(80))[:500]


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _descendants(pid: int) -> set[int]:
    found, frontier = set(), {pid}
    while frontier:
        parent = frontier.pop()
        try:
            kids = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        for kid in map(int, kids):
            if kid not in found:
                found.add(kid)
                frontier.add(kid)
    return found


def files() -> list[dict]:
    from kb.errors import KbError
    from kb.importers import read_bytes
    from kb.importers.sandbox import warm_up

    warm_up()
    cases = [
        ("docx, paragraphs → 200 MB XML", "bom.docx", hostile.docx_paragraph_bomb(200)),
        ("docx, 1 GB of whitespace", "trang.docx", hostile.docx_whitespace(1000)),
        ("pdf, content stream → 10 MB", "bom10.pdf", hostile.pdf_content_bomb(10)),
        ("pdf, content stream → 100 MB", "bom100.pdf", hostile.pdf_content_bomb(100)),
        ("pdf, page tree 3,000 deep", "sau.pdf", hostile.pdf_deep_tree(3000)),
        ("pdf, 30 pages × 1.5 MB streams (slow)", "cham.pdf", hostile.pdf_slow_pages(30)),
        ("pdf, ordinary one page (control)", "ok.pdf", hostile.pdf_text()),
    ]
    rows = []
    me = os.getpid()
    for label, name, data in cases:
        peak = [0.0]
        done = threading.Event()

        def sample():
            while not done.is_set():
                for pid in _descendants(me):
                    peak[0] = max(peak[0], _rss_mb(pid))
                time.sleep(0.01)

        sampler = threading.Thread(target=sample, daemon=True)
        before = _rss_mb(me)
        sampler.start()
        started = time.monotonic()
        try:
            outcome = f"read, {len(read_bytes(data, name).text):,} chars"
        except KbError as exc:
            outcome = f"refused: {str(exc)[:90]}"
        seconds = time.monotonic() - started
        done.set()
        sampler.join()
        rows.append({"file": label, "size_kb": round(len(data) / 1024), "seconds": round(seconds, 2),
                     "caller_rss_growth_mb": round(_rss_mb(me) - before, 1),
                     "reader_peak_rss_mb": round(peak[0], 1), "outcome": outcome})
        print(f"  {label:42} {len(data) / 1024:8.0f} KB {seconds:6.2f} s  reader ≤ {peak[0]:6.1f} MB"
              f"  caller +{_rss_mb(me) - before:5.1f} MB  {outcome}", flush=True)
    return rows


def costly_query(data: Path) -> dict:
    import indexer
    from indexer import query as query_module

    searcher = indexer.Searcher(data, preload=True)
    searcher.search("khởi động")

    def timed(runs=3):
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            searcher.search(COSTLY)
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    bounded = timed()
    saved = query_module.MAX_PHRASES
    query_module.MAX_PHRASES = 1000
    try:
        unbounded = timed()
    finally:
        query_module.MAX_PHRASES = saved
    searcher.close()
    print(f"  costly query (80 phrases): {bounded * 1000:.0f} ms bounded, {unbounded * 1000:.0f} ms unbounded",
          flush=True)
    return {"bounded_ms": round(bounded * 1000), "unbounded_ms": round(unbounded * 1000)}


# --- the server under attack ----------------------------------------------------------------
def _get(port: int, path: str, timeout: float = 30) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _search_latencies(port: int, seconds: float) -> list[float]:
    times = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        word = uuid.uuid4().hex[:5]
        started = time.monotonic()
        _get(port, "/api/search?" + urllib.parse.urlencode({"q": f"quyết định {word}"}))
        times.append(time.monotonic() - started)
        time.sleep(0.1)
    return times


def _summary(times: list[float]) -> dict:
    times = sorted(times)
    return {"searches": len(times), "median_ms": round(statistics.median(times) * 1000),
            "max_ms": round(times[-1] * 1000)}


def _post(port: int, body: bytes, content_type: str, out: list):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/link", data=body, method="POST",
                                     headers={"Content-Type": content_type})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            r.read()
            out.append((r.status, time.monotonic() - started))
    except urllib.error.HTTPError as exc:
        out.append((exc.code, time.monotonic() - started))


def _upload(port: int, name: str, data: bytes, out: list):
    boundary = "kbbench"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\r\n").encode() \
        + data + f"\r\n--{boundary}--\r\n".encode()
    _post(port, body, f"multipart/form-data; boundary={boundary}", out)


def serve(data: Path) -> dict:
    port = socket.socket()
    port.bind(("127.0.0.1", 0))
    number = port.getsockname()[1]
    port.close()
    log = open(ROOT / "bench" / "results" / "hostile-serve.log", "wb") if (ROOT / "bench" / "results").is_dir() \
        else subprocess.DEVNULL
    env = dict(os.environ, KB_DATA=str(data), KB_ALLOW_ADDRESSES="127.0.0.1")
    proc = subprocess.Popen([sys.executable, "-m", "kb", "serve", "--port", str(number), "--workers", "2"],
                            cwd=ROOT, env=env, stdout=log, stderr=log)
    results = {}
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if _get(number, "/", timeout=2) == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise SystemExit("kb serve did not start")
            time.sleep(0.3)
        time.sleep(2)
        _search_latencies(number, 4)  # each worker builds its spelling vocabulary once
        results["alone"] = _summary(_search_latencies(number, 5))
        print(f"  searches alone: {results['alone']}", flush=True)

        # Slowloris: 450 connections whose headers never end.
        held = []
        for _ in range(450):
            s = socket.create_connection(("127.0.0.1", number), timeout=5)
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            held.append(s)
        try:
            results["slowloris_450"] = _summary(_search_latencies(number, 5))
        finally:
            for s in held:
                s.close()
        print(f"  under 450 slow connections: {results['slowloris_450']}", flush=True)

        def attack(name, threads):
            outcomes: list = []
            workers = [threading.Thread(target=t, args=(*a, outcomes)) for t, a in threads]
            for w in workers:
                w.start()
            time.sleep(0.2)
            times = _search_latencies(number, 6)
            for w in workers:
                w.join(90)
            results[name] = {**_summary(times), "attack_answers": sorted({o[0] for o in outcomes}),
                             "attack_max_s": round(max(o[1] for o in outcomes), 1)}
            print(f"  under {name}: {results[name]}", flush=True)

        files_ = [("a.pdf", hostile.pdf_content_bomb(10)), ("b.pdf", hostile.pdf_slow_pages(30)),
                  ("c.docx", hostile.docx_paragraph_bomb(200)), ("d.pdf", hostile.pdf_slow_pages(30))]
        attack("4_hostile_uploads", [(_upload, (number, n, d)) for n, d in files_])

        with LocalServer({"/robots.txt": (404, {}, b""), "/ke-hoach": slow(10)}) as site:
            body = json.dumps({"url": site.url("/ke-hoach")}).encode()
            attack("6_slow_fetches", [(_post, (number, body, "application/json")) for _ in range(6)])

        costly = "/api/search?" + urllib.parse.urlencode({"q": COSTLY})

        def costly_client(out):
            end = time.monotonic() + 6
            while time.monotonic() < end:
                started = time.monotonic()
                out.append((_get(number, costly + f"&page={1 + int(started * 1000) % 40}"),
                            time.monotonic() - started))

        attack("8_costly_query_clients", [(costly_client, ()) for _ in range(8)])

        def plain_client(out):  # the reference: the same load made of ordinary new queries
            end = time.monotonic() + 6
            while time.monotonic() < end:
                started = time.monotonic()
                word = uuid.uuid4().hex[:5]
                out.append((_get(number, "/api/search?" + urllib.parse.urlencode({"q": f"cải cách {word}"})),
                            time.monotonic() - started))

        attack("8_plain_query_clients", [(plain_client, ()) for _ in range(8)])
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("KB_DATA"))
    parser.add_argument("--skip-serve", action="store_true")
    args = parser.parse_args()
    report = {"machine": f"{os.uname().machine}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"}
    print("Hostile files through kb.importers.read_bytes:", flush=True)
    report["files"] = files()
    if args.data:
        data = Path(args.data)
        report["costly_query"] = costly_query(data)
        if not args.skip_serve:
            print("kb serve --workers 2 under attack:", flush=True)
            report["serve"] = serve(data)
    rows = [r for r in report["files"] if "control" not in r["file"]]
    report["summary"] = {  # the targets: every hostile file refused within its budget, the caller unchanged
        "hostile_files": len(rows), "refused": sum(r["outcome"].startswith("refused") for r in rows),
        "slowest_refusal_s": max(r["seconds"] for r in rows),
        "reader_peak_rss_mb": max(r["reader_peak_rss_mb"] for r in rows),
        "caller_rss_growth_mb": max(r["caller_rss_growth_mb"] for r in rows)}
    if "serve" in report:
        report["summary"]["worst_search_under_attack_ms"] = max(
            v["max_ms"] for k, v in report["serve"].items() if k not in ("alone", "8_plain_query_clients"))
    from bench import save_results

    save_results("hostile", report)
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
