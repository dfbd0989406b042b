"""Click's own words in Vietnamese: help headings, the help option, usage errors.

Click writes "Usage:", "Options:" and "Show this message and exit." in English; an
official reading ``kb --help`` should not meet two languages on one screen.
"""
from __future__ import annotations

import re

import click

_HEADINGS = {"Options": "Tùy chọn", "Commands": "Lệnh", "Arguments": "Đối số"}

_ERRORS = [
    (re.compile(r"^Missing argument '(.+)'\.?$"), r"thiếu đối số \1"),
    (re.compile(r"^Missing option '(.+)'\.?$"), r"thiếu tùy chọn \1"),
    (re.compile(r"^No such option: (\S+)(?: Did you mean (\S+)\?)?$"), r"không có tùy chọn \1"),
    (re.compile(r"^No such command '([^']+)'\.(?: Did you mean '([^']+)'\?)?$"),
     lambda m: f"không có lệnh “{m.group(1)}”" + (f" (có phải “{m.group(2)}”?)" if m.group(2) else "")),
    (re.compile(r"^Got unexpected extra arguments? \((.+)\)$"), r"thừa đối số: \1"),
    (re.compile(r"^Option '(.+)' requires an argument\.?$"), r"tùy chọn \1 cần một giá trị"),
    (re.compile(r"^Invalid value for '(.+)': (.+)$", re.S), r"giá trị không hợp lệ cho \1: \2"),
]


class VietnameseFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Cách dùng: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_HEADINGS.get(heading, heading))


class VietnameseContext(click.Context):
    formatter_class = VietnameseFormatter


def apply(command: click.Command) -> None:
    """Vietnamese help for ``command`` (and a group's subcommands)."""
    command.context_class = VietnameseContext
    command.options_metavar = "[TÙY CHỌN]"
    if isinstance(command, click.Group):
        command.subcommand_metavar = "LỆNH [ĐỐI SỐ]..."
    with click.Context(command) as ctx:
        ctx.help_option_names = ["-h", "--help"]
        option = command.get_help_option(ctx)
        if option is not None:
            option.help = "Xem hướng dẫn này rồi thoát."
    for sub in getattr(command, "commands", {}).values():
        apply(sub)


def usage_error(exc: click.ClickException) -> str:
    """A usage error as one Vietnamese line, with the command to ask for help."""
    message = exc.format_message()
    for pattern, replacement in _ERRORS:
        if pattern.match(message):
            message = pattern.sub(replacement, message)
            break
    ctx = getattr(exc, "ctx", None)
    hint = f" (xem: {ctx.command_path} --help)" if ctx is not None else ""
    return message + hint
