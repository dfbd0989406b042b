"""``kb serve``: the web site on waitress (``flask --app webapp run`` works too)."""
from __future__ import annotations

import click

from kb.errors import UsageError


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Địa chỉ lắng nghe.")
@click.option("--port", default=8080, show_default=True, type=int, help="Cổng.")
@click.option("--threads", default=6, show_default=True, type=int, help="Số luồng phục vụ.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, threads: int) -> None:
    """Chạy trang web tra cứu (waitress)."""
    import logging

    from waitress import serve as waitress_serve

    from kb.config import data_dir
    from webapp import create_app

    if not 0 < port < 65536:
        raise UsageError(f"cổng không hợp lệ: {port}")
    app = create_app({"DATA_DIR": str(data_dir(ctx.obj["data"])), "WARM_UP": True})
    # Requests waiting for a free thread are normal under load (one process serves
    # about one core); waitress would log a warning for each of them.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    admin = "bật (KB_ADMIN_TOKEN)" if app.config.get("ADMIN_TOKEN") else "tắt"
    click.echo(f"Căn cứ: http://{host}:{port}/  (dữ liệu: {app.config['DATA_DIR']}; quản trị: {admin}; Ctrl+C để dừng)", err=True)
    waitress_serve(
        app,
        host=host,
        port=port,
        threads=threads,
        ident="can-cu",
        # A little above the app's own upload cap, which answers 413 itself.
        max_request_body_size=app.config["MAX_CONTENT_LENGTH"] + 1024 * 1024,
        channel_timeout=60,
        connection_limit=200,
        clear_untrusted_proxy_headers=True,
    )


COMMANDS = [serve]
