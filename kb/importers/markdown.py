"""Markdown → plain text: the words of the document without the markup.

The Markdown we meet is converted from web pages (thuvienphapluat.vn and the
like): bold and italic markers split across lines, tables as lines holding a
lone ``|``, ``#`` headings.  Citations and the header parser read plain text,
so the markers go; line breaks stay where they were.
"""
from __future__ import annotations

import re

__all__ = ["markdown_to_text"]

_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_ONLY_PIPES = re.compile(r"^[\s|]*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_BOLD = re.compile(r"\*\*|__")
# A single "*" or "_" that opens or closes emphasis: next to a word on one side only.
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)(?=[^_\n]*_)|(?<=\S)_(?!\w)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def markdown_to_text(markdown: str) -> str:
    """Plain text of a Markdown document, one output line per input line (minus table rules)."""
    out: list[str] = []
    for line in markdown.splitlines():
        if _TABLE_RULE.match(line) and "|" in line:
            continue
        if _ONLY_PIPES.match(line):
            # A cell or row boundary of a table: keep as an empty line so that
            # neighbouring cells do not run together into one sentence.
            out.append("")
            continue
        line = _HEADING.sub("", line)
        line = _HTML_BREAK.sub(" ", line)
        line = _IMAGE.sub(r"\1", line)
        line = _LINK.sub(r"\1", line)
        if "|" in line and line.strip().startswith("|"):
            # A one-line table row "| a | b |": cells become tab-separated.
            line = "\t".join(cell.strip() for cell in line.strip().strip("|").split("|"))
        line = _BOLD.sub("", line)
        if "*" in line or "_" in line:
            line = _EMPHASIS.sub("", line)
        line = _ESCAPE.sub(r"\1", line)
        out.append(line.rstrip())
    text = "\n".join(out)
    # Empty lines from table furniture pile up; two in a row are enough.
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n" if text.strip() else ""
