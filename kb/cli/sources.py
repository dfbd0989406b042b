"""``kb sources check``: one polite request per endpoint of each live source, and a
comparison of the answer's shape with what its module reads."""
from __future__ import annotations

import json
import os

import click

from kb.errors import KbError, UsageError


@click.group("sources")
def sources():
    """Các nguồn văn bản trực tuyến (cổng vbpl, vanban.chinhphu.vn)."""


@sources.command("check")
@click.option("--source", "only", multiple=True, help="Chỉ kiểm tra nguồn này (tên trong sổ nguồn, vd. vbpl_gateway).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="Giây chờ máy chủ trả lời.")
@click.option("--allow-address", "allow_addresses", multiple=True,
              help="Cho phép một địa chỉ nội bộ (vd. 127.0.0.1 khi thử nghiệm); cũng $KB_ALLOW_ADDRESSES.")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
def check(only, timeout, allow_addresses, as_json):
    """Hỏi mỗi nguồn một lần (lịch sự: robots.txt, giãn cách) và so dạng câu trả lời
    với điều mô-đun đọc được; báo ngay cái gì đã đổi. Địa chỉ gốc của mỗi nguồn đổi được
    bằng $KB_VBPL_GATEWAY, $KB_VANBAN_CHINHPHU."""
    from kb.scrape.check import run_checks
    from kb.scrape.http import PoliteClient
    from kb.scrape.sites import registered

    sites = [s for s in registered() if getattr(s, "live", False)]
    names = [s.name for s in sites]
    unknown = [n for n in only if n not in names]
    if unknown:
        raise UsageError(f"không có nguồn {', '.join(unknown)} (có: {', '.join(names)})")
    if only:
        sites = [s for s in sites if s.name in only]
    env_allow = os.environ.get("KB_ALLOW_ADDRESSES", "").replace(",", " ").split()
    try:
        client = PoliteClient(
            delay=float(os.environ.get("KB_CRAWL_DELAY", "1.0")), read_timeout=timeout,
            connect_timeout=min(timeout, 10.0), retries=1, backoff=float(os.environ.get("KB_CRAWL_BACKOFF", "1.0")),
            max_bytes=20 * 1024 * 1024, allow_addresses=(*allow_addresses, *env_allow),
        )
    except ValueError as exc:
        raise UsageError(f"địa chỉ hoặc số không hợp lệ: {exc}") from None
    results = run_checks(sites, client)
    if as_json:
        click.echo(json.dumps([r.to_json() for r in results], ensure_ascii=False))
    else:
        labels = {s.name: getattr(s, "label", s.name) for s in sites}
        current = None
        for result in results:
            if result.source != current:
                current = result.source
                click.echo(f"{labels[current]}:")
            click.echo("  " + result.line())
    failed = [r for r in results if not r.ok]
    if failed:
        raise KbError(f"{len(failed)}/{len(results)} phép thử không đạt: nguồn đã đổi hoặc không truy cập được.")
    return 0


COMMANDS = [sources]
