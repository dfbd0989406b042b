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
_EMPHASIS = re.compile(r"\*(?<![\w*]\*)(?=\S)|\*(?<=\S\*)(?![\w*])|_(?<![\w_]_)(?=\S)(?=[^_\n]*_)|_(?<=\S_)(?!\w)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TABLE_RULE_LINE = re.compile(r"^[ \t]*\|[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$", re.MULTILINE)
_PIPE_LINE = re.compile(r"^[ \t|]*\|[ \t|]*$", re.MULTILINE)
_HEADING_ML = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]+|$)", re.MULTILINE)
_ROW = re.compile(r"^[ \t]*\|(.*?)\|?[ \t]*$", re.MULTILINE)
_FOOTNOTE_STAR = re.compile(r"\(\*\)")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)


def markdown_to_text(markdown: str) -> str:
    """Plain text of a Markdown document, one output line per input line (minus table rules)."""
    text = markdown.replace("\r\n", "\n")
    # Whole-text passes (MULTILINE) are several times faster than line by line.
    text = _TABLE_RULE_LINE.sub("", text)
    # A lone "|" is a cell or row boundary: an empty line keeps neighbouring cells apart.
    text = _PIPE_LINE.sub("", text)
    text = _HEADING_ML.sub("", text)
    text = _HTML_BREAK.sub(" ", text)
    if "](" in text:
        text = _IMAGE.sub(r"\1", text)
        text = _LINK.sub(r"\1", text)
    if "|" in text:
        text = _ROW.sub(lambda m: "\t".join(c.strip() for c in m.group(1).split("|")), text)
    text = _BOLD.sub("", text)
    text = _FOOTNOTE_STAR.sub("(\x00)", text)  # "(*)" is a footnote mark, not emphasis
    text = _EMPHASIS.sub("", text).replace("\x00", "*")
    text = _ESCAPE.sub(r"\1", text)
    text = _TRAILING_SPACE.sub("", text)
    # Empty lines from table furniture pile up; two in a row are enough.
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n" if text.strip() else ""
