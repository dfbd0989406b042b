"""``kb serve``: the web site on waitress, in one or several processes.

``flask --app webapp run`` works too (Flask's development server).  The
pre-fork machinery lives in :mod:`webapp.server`.
"""
from __future__ import annotations

import click

from kb.errors import KbError, UsageError


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Địa chỉ lắng nghe.")
@click.option("--port", default=8080, show_default=True, type=int, help="Cổng.")
@click.option("--workers", default=None, type=int,
              help="Số tiến trình phục vụ (mặc định: số lõi CPU, tối đa 4; 1 = một tiến trình).")
@click.option("--threads", default=4, show_default=True, type=int,
              help="Số luồng của mỗi tiến trình (việc chậm — tải URL, đọc tệp — mỗi loại giữ tối đa 1 luồng, "
                   "các luồng còn lại luôn dành cho tìm kiếm).")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workers: int | None, threads: int) -> None:
    """Chạy trang web tra cứu (waitress)."""
    import os

    from kb.config import data_dir
    from webapp import server
    from webapp.security import check_token_setting

    if not 0 < port < 65536:
        raise UsageError(f"cổng không hợp lệ: {port}")
    if workers is None:
        workers = server.default_workers()
    if not 1 <= workers <= 64:
        raise UsageError(f"số tiến trình không hợp lệ: {workers} (từ 1 đến 64)")
    if not 1 <= threads <= 256:
        raise UsageError(f"số luồng không hợp lệ: {threads} (từ 1 đến 256)")
    check_token_setting(os.environ.get("KB_ADMIN_TOKEN"))  # a short token: one line, exit 1
    data = data_dir(ctx.obj["data"])
    config = {"DATA_DIR": str(data), "WARM_UP": True}
    # The port first: a busy port is one line and exit 1, before anything loads.
    # With SO_REUSEPORT (Linux) one socket per worker, so the kernel spreads connections.
    sockets = server.bind_workers(host, port, workers)
    admin = "bật (KB_ADMIN_TOKEN)" if os.environ.get("KB_ADMIN_TOKEN") else "tắt"
    shown = f"[{host}]" if ":" in host else host
    spread = "; mỗi tiến trình một socket (SO_REUSEPORT)" if len(sockets) > 1 else ""
    click.echo(f"Căn cứ: http://{shown}:{port}/  (dữ liệu: {data}; {workers} tiến trình × {threads} luồng{spread}; "
               f"quản trị: {admin}; Ctrl+C để dừng)", err=True)
    status = server.serve(config, sockets, threads=threads, workers=workers)
    if status:
        raise KbError("các tiến trình phục vụ liên tục dừng ngay khi khởi động (xem lỗi ở trên).")


COMMANDS = [serve]
