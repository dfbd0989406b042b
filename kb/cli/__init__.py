"""``python -m kb``: the command line of ``../shared/DESIGN.md``.

Each command lives in the module of its capability (``cite.py``, ``store.py``,
``crawl.py``, ``search.py``, ``serve.py``) and imports its heavy dependencies
inside the command, so ``kb --help`` stays fast.  Errors are one line on
stderr and exit status 1 (2 for usage); ``KB_DEBUG=1`` shows the traceback.
"""
from __future__ import annotations

import os
import sys

import click

from kb.cli import vietnamese
from kb.errors import KbError, UsageError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data",
    "data",
    envvar="KB_DATA",
    type=click.Path(file_okay=False),
    default=None,
    help="Thư mục dữ liệu (mặc định: data/ của dự án, hoặc $KB_DATA).",
)
@click.pass_context
def cli(ctx: click.Context, data: str | None) -> None:
    """Căn cứ — cơ sở tri thức văn bản pháp luật và hành chính Việt Nam."""
    ctx.obj = {"data": data}


def _register() -> None:
    from kb.cli import check, cite, crawl, search, serve, sources, store

    for module in (cite, store, crawl, sources, search, serve, check):
        for command in module.COMMANDS:
            cli.add_command(command)
    vietnamese.apply(cli)


_register()


def fail(message: str, status: int = 1) -> None:
    click.echo(f"kb: lỗi: {message}", err=True)
    sys.exit(status)


def main(argv: list[str] | None = None) -> None:
    try:
        result = cli.main(args=argv, prog_name="kb", standalone_mode=False)
    except click.exceptions.Abort:
        fail("đã dừng theo yêu cầu.", 130)
    except click.UsageError as exc:  # usage errors: one Vietnamese line, exit 2
        fail(vietnamese.usage_error(exc), exc.exit_code)
    except click.ClickException as exc:
        fail(exc.format_message(), exc.exit_code)
    except UsageError as exc:
        fail(str(exc), 2)
    except KbError as exc:
        fail(str(exc), 1)
    except KeyboardInterrupt:
        fail("đã dừng theo yêu cầu.", 130)
    except BrokenPipeError:
        sys.exit(1)
    except OSError as exc:
        fail(f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else ""), 1)
    except Exception as exc:  # last resort: never a traceback for the user
        if os.environ.get("KB_DEBUG"):
            raise
        fail(f"lỗi nội bộ ({type(exc).__name__}: {exc}); chạy lại với KB_DEBUG=1 để xem chi tiết.", 1)
    sys.exit(result if isinstance(result, int) else 0)
