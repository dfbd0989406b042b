"""``kb check``: records to look at (duplicates, conflicting facts, odd numbers)."""
from __future__ import annotations

import json

import click

from kb.config import data_dir

_TITLES = {"duplicate": "Có thể trùng", "conflict": "Thông tin mâu thuẫn", "odd_number": "Số hiệu bất thường"}


@click.command("check")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON (mỗi dòng một phát hiện).")
@click.pass_context
def check_command(ctx: click.Context, as_json: bool) -> None:
    """Liệt kê các bản ghi đáng ngờ: trùng nhau, thông tin mâu thuẫn, số hiệu bất thường."""
    from kb.store import open_store
    from kb.store.checks import run

    with open_store(data_dir(ctx.obj.get("data") if ctx.obj else None)) as store:
        findings = run(store.conn)
    if as_json:
        for f in findings:
            click.echo(json.dumps(f.to_json(), ensure_ascii=False))
        return
    for f in findings:
        click.echo(f"{_TITLES[f.check]}: {f.message} — {', '.join(f.slugs)}")
    click.echo(f"{len(findings)} điểm cần xem." if findings else "Không thấy bản ghi đáng ngờ.")


COMMANDS = [check_command]
