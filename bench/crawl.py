"""Benchmark of the scrapers and the crawler: ``python -m bench.crawl``.

1. Parsing the ten real saved pages of ../shared/realdata/vbpl-html (ms per
   page, MB/s) — the offline re-parse cost.
2. The polite client fetching the biggest saved page (890 KB) from a local
   server (ms per fetch, pacing off).
3. A whole crawl against the local server (the kill-test seeds: three vbpl
   documents, the seed plan as a portal page, a failing URL; depth 1 and
   --follow-citations): items and requests per second with pacing off, i.e.
   the crawler's own overhead; real crawls are bound by the 1 s/host pacing.

Needs ../shared; prints a small table.
"""
from __future__ import annotations

import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "scrape"))


def main() -> None:
    from scrape_server import LocalServer  # tests/scrape/scrape_server.py

    from kb.config import shared_dir
    from kb.scrape.anle import AnleSite
    from kb.scrape.crawler import CrawlOptions, Crawler
    from kb.scrape.http import PoliteClient
    from kb.scrape.vbpl import VbplSite
    from kb.store import open_store

    shared = shared_dir()
    if shared is None:
        sys.exit("bench.crawl needs ../shared (or KB_SHARED)")
    sys.path.insert(0, str(ROOT / "tests" / "scrape"))
    from test_scrape_parsers import PAGES  # the saved pages and their real URLs

    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
          f"{__import__('os').cpu_count()} cores (shared with other work: figures are noisy)")

    # 1. parsing
    vbpl, anle = VbplSite(base="https://vbpl.vn"), AnleSite()
    total_bytes = 0
    times = []
    for name, url in PAGES:
        html = (shared / "realdata" / "vbpl-html" / name).read_text(encoding="utf-8")
        site = anle if name.startswith("anle") else vbpl
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            site.parse(url, html)
            runs.append(time.perf_counter() - started)
        best = min(runs)
        times.append(best)
        total_bytes += len(html.encode())
        print(f"  parse {name:28s} {len(html.encode()) / 1024:7.0f} KB  {best * 1000:7.1f} ms")
    print(f"parse: {len(PAGES)} pages, {total_bytes / 1e6:.2f} MB in {sum(times):.2f} s "
          f"= {total_bytes / 1e6 / sum(times):.1f} MB/s, median {statistics.median(times) * 1000:.0f} ms/page")

    with LocalServer() as server:
        server.state.portal_text = (shared / "seed" / "ke-hoach-hoi-nghi-cchc-sngv-quangngai-2023.txt").read_text(
            encoding="utf-8")
        client = PoliteClient(delay=0, allow_addresses={"127.0.0.1"}, backoff=0.01, retries=1)
        url = server.url("/TW/Pages/vbpq-toanvan.aspx?ItemID=96172")
        client.fetch(url)
        runs = []
        cpu = time.process_time()  # client and the local server's thread: one process
        for _ in range(10):
            started = time.perf_counter()
            client.fetch(url)
            runs.append(time.perf_counter() - started)
        fetch_cpu_ms = (time.process_time() - cpu) * 100
        fetch_ms = statistics.median(runs) * 1000
        print(f"fetch: 890 KB page from 127.0.0.1, median {fetch_ms:.1f} ms "
              f"(robots, address checks, streaming, charset detection)")

        seeds = [
            server.url("/api/qtdc/public/doc/19761"),
            server.url("/api/qtdc/public/doc/187649"),
            server.url("/TW/Pages/vbpq-toanvan.aspx?ItemID=32801"),
            server.url("/TW/Pages/vbpq-toanvan.aspx?ItemID=96172"),
            server.url("/tw/Pages/vbpq-thuoctinh-hopnhat.aspx?ItemID=147301"),
            server.url("/portal/ke-hoach-hoi-nghi.html"),
            server.url("/fault/500"),
        ]
        with tempfile.TemporaryDirectory() as data:
            store = open_store(Path(data))
            crawler = Crawler(store, PoliteClient(delay=0, allow_addresses={"127.0.0.1"}, backoff=0.01, retries=1),
                              CrawlOptions(depth=1, follow_citations=True), sites=local_sites(server))
            started = time.perf_counter()
            summary = crawler.run(seeds)
            elapsed = time.perf_counter() - started
            items = store.conn.execute("SELECT COUNT(*) FROM crawl_queue").fetchone()[0]
            requests_made = sum(server.state.counts.values())
            store.close()
        print(f"crawl: {items} items, {requests_made} requests, {summary.new} documents saved, "
              f"{len(summary.failed)} failed (404s of unserved related documents) in {elapsed:.2f} s "
              f"= {items / elapsed:.0f} items/s, {requests_made / elapsed:.0f} requests/s (pacing off)")
    from bench import save_results

    save_results("crawl", {
        "parse": {"pages": len(PAGES), "mb": round(total_bytes / 1e6, 2), "seconds": round(sum(times), 3),
                  "mb_s": round(total_bytes / 1e6 / sum(times), 2)},
        "fetch_median_ms": round(fetch_ms, 1),
        "fetch_cpu_ms": round(fetch_cpu_ms, 1),
        "crawl": {"items": items, "requests": requests_made, "saved": summary.new, "failed": len(summary.failed),
                  "seconds": round(elapsed, 2), "items_per_s": round(items / elapsed, 1)}})


def local_sites(server):
    """Every registered site on the local server: the benchmark never reaches the internet."""
    from kb.scrape.chinhphu import ChinhphuSite
    from kb.scrape.sites import registered
    from kb.scrape.vbpl_gateway import VbplGateway
    from kb.scrape.vbpl import VbplSite

    return registered(vbpl=VbplSite(base=server.base), vbpl_gateway=VbplGateway(base=server.base + "/api/qtdc/public"),
                      chinhphu=ChinhphuSite(base=server.base))


if __name__ == "__main__":
    main()
