"""``kb crawl URL... [--depth N] [--follow-citations]``: collect documents politely."""
from __future__ import annotations

import json
import os
import sys

import click

from kb.errors import KbError, UsageError


@click.command("crawl")
@click.argument("urls", nargs=-1)
@click.option("--depth", type=click.IntRange(0, 10), default=0, show_default=True,
              help="Số bước đi tiếp: văn bản liên quan (lược đồ vbpl), liên kết tới vbpl, trích dẫn.")
@click.option("--follow-citations", is_flag=True,
              help="Tìm trên vbpl (theo số, đối chiếu ngày và cơ quan ban hành) các văn bản được trích dẫn.")
@click.option("--delay", type=click.FloatRange(min=0), default=None,
              help="Giây giữa hai yêu cầu tới cùng một máy chủ (mặc định 1, hoặc $KB_CRAWL_DELAY).")
@click.option("--retries", type=click.IntRange(0, 10), default=3, show_default=True,
              help="Số lần thử lại khi máy chủ bận (429/5xx) hoặc mất kết nối.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="Giây chờ máy chủ trả lời.")
@click.option("--max-size", "max_size", type=click.IntRange(min=1), default=50, show_default=True, help="Cỡ tối đa một trang (MB).")
@click.option("--offline", is_flag=True, help="Không tải gì: phân tích lại các trang đã lưu.")
@click.option("--allow-address", "allow_addresses", multiple=True,
              help="Cho phép một địa chỉ nội bộ (vd. 127.0.0.1 khi thử nghiệm); cũng $KB_ALLOW_ADDRESSES.")
@click.option("--json", "as_json", is_flag=True, help="In bản tóm tắt dạng JSON.")
@click.pass_context
def crawl(ctx, urls, depth, follow_citations, delay, retries, timeout, max_size, offline, allow_addresses, as_json):
    """Thu thập văn bản từ URL (vbpl.vn, cổng thông tin, tệp .doc/.docx/.pdf).

    Lịch sự: tuân thủ robots.txt, mỗi máy chủ tối đa một yêu cầu mỗi giây,
    thử lại có giãn cách khi máy chủ bận. Hàng đợi nằm trong cơ sở dữ liệu:
    nếu bị ngắt, chạy lại `kb crawl` (có hoặc không có URL) để tiếp tục.
    """
    from tqdm import tqdm

    from kb.config import data_dir
    from kb.scrape.crawler import CrawlOptions, Crawler
    from kb.scrape.http import PoliteClient

    from kb.store import open_store

    from kb import config

    env_allow = config.allow_addresses()
    try:
        client = PoliteClient(
            delay=delay if delay is not None else config.crawl_delay(),
            read_timeout=timeout,
            retries=retries,
            backoff=float(os.environ.get("KB_CRAWL_BACKOFF", "1.0")),
            connect_timeout=min(timeout, 10.0),
            max_bytes=max_size * 1024 * 1024,
            allow_addresses=(*allow_addresses, *env_allow),
        )
    except ValueError as exc:
        raise UsageError(f"địa chỉ hoặc số không hợp lệ: {exc}") from None
    options = CrawlOptions(depth=depth, follow_citations=follow_citations, offline=offline)
    store = open_store(data_dir(ctx.obj["data"]))
    try:
        crawler = Crawler(store, client, options)
        crawler.start(list(urls))
        total = crawler.pending()
        if total == 0:
            raise UsageError("không có gì để thu thập: hãy đưa ít nhất một URL.")
        if crawler.summary.resumed:
            click.echo(f"Tiếp tục lần thu thập #{crawler.run_id} (còn {total} việc).", err=True)
        try:
            with tqdm(total=total, unit="việc", desc="Thu thập", disable=None, file=sys.stderr) as bar:
                crawler.progress = bar
                summary = crawler.run(list(urls))
        except KeyboardInterrupt:
            click.echo("Đã dừng; chạy lại `kb crawl` để tiếp tục từ chỗ dừng.", err=True)
            raise
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(summary.to_json(), ensure_ascii=False))
    else:
        for line in summary.lines():
            click.echo(line)
    if summary.all_failed:
        raise KbError("không thu thập được gì (xem lỗi ở trên).")
    return 0


COMMANDS = [crawl]
