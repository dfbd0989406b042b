"""``kb cite`` and ``kb link``: the citations of a text, and the text with them linked.

    python -m kb cite [FILE|-] [--json]
    python -m kb link FILE|URL [-o OUT.html]

HTML input is read as its visible text (``cite`` offsets refer to that text);
``link`` keeps HTML markup as it is and only inserts ``<a>`` elements.
"""
from __future__ import annotations

import html as html_lib
import json
import sys
from pathlib import Path

import click

from kb.errors import KbError
from kb.model import RELATION_SHORT

_BINARY_SUFFIXES = {".docx", ".doc", ".pdf", ".odt", ".rtf"}


def _decode(data: bytes, name: str) -> str:
    # Plain UTF-8 keeps every character (a BOM too), so offsets are those of the input as given.
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Anything else is read exactly as `kb import` reads it (and refused when unsure).
    from kb.importers.encoding import decode

    try:
        return decode(data).text
    except KbError as exc:
        raise KbError(f"{name}: {exc}") from None


def _read_source(source: str) -> tuple[str, str]:
    """(text, name) of a file path or ``-`` (standard input)."""
    if source == "-":
        return _decode(sys.stdin.buffer.read(), "đầu vào chuẩn"), "đầu vào chuẩn"
    path = Path(source)
    if not path.exists():
        raise KbError(f"không tìm thấy tệp: {source}")
    if path.is_dir():
        raise KbError(f"{source} là một thư mục, cần một tệp.")
    if path.suffix.lower() in _BINARY_SUFFIXES:
        try:
            from kb.importers import read_file
        except ImportError:
            raise KbError(f"chưa đọc được tệp {path.suffix}: chuyển sang .txt hoặc .html trước.") from None
        return read_file(path).text, path.name
    return _decode(path.read_bytes(), source), path.name


def _fetch(url: str) -> tuple[str, bool]:
    """(text, is_html) of a web page, through the project's polite client."""
    try:
        from kb.scrape.http import fetch
    except ImportError:
        raise KbError("chưa tải được trang web (thiếu kb.scrape.http); hãy lưu trang thành tệp rồi chạy lại.") from None
    result = fetch(url)
    return result.text, bool(result.is_html)


@click.command("cite")
@click.argument("source", required=False, default="-", metavar="[TỆP|-]")
@click.option("--json", "as_json", is_flag=True, help="Mỗi dòng một đối tượng JSON (DESIGN.md).")
def cite(source: str, as_json: bool) -> None:
    """Liệt kê các trích dẫn văn bản trong một tệp văn bản hoặc HTML (- : đầu vào chuẩn)."""
    from kb.citations import get_citations, html_to_text
    from kb.citations.clean import looks_like_html

    text, _ = _read_source(source)
    if looks_like_html(text):
        text = html_to_text(text).text
    citations = get_citations(text)
    if as_json:
        for c in citations:
            click.echo(json.dumps(c.to_json(), ensure_ascii=False))
        return
    if not citations:
        click.echo("Không tìm thấy trích dẫn nào.")
        return
    for c in citations:
        what = c.number or c.name or ""
        details = [d for d in (c.type, c.date or (str(c.year) if c.year else None), c.issuer) if d]
        relation = "văn bản này" if c.self else RELATION_SHORT.get(c.relation, c.relation)
        click.echo(f"{c.start:>7}–{c.end:<7} {what}  [{relation}]  " + " · ".join(details))
    documents = {(c.number or c.name) for c in citations if not c.self}
    own = sum(1 for c in citations if c.self)
    summary = f"{len(citations) - own} trích dẫn, {len(documents)} văn bản khác nhau"
    if own:
        summary += f" (và {own} lần nhắc số hiệu của chính văn bản)"
    click.echo(summary + ".")


def _href_function(ctx: click.Context):
    """``/van-ban/<slug>``, resolved through the store when the data directory has one."""
    from kb.config import data_dir, database_path

    data = data_dir(ctx.obj.get("data") if ctx.obj else None)
    store = None
    if database_path(data).exists():
        try:
            from kb.store import open_store
        except ImportError:
            open_store = None
        if open_store is not None:
            store = open_store(data)

    def href(citation) -> str:
        slug = citation.slug
        if store is not None:
            found = store.resolve(citation)
            if found.status in ("found", "stub") and found.document is not None:
                slug = found.document.slug
        return f"/van-ban/{slug}"

    return href, store


_PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ max-width: 52em; margin: 2em auto; padding: 0 1em; font: 16px/1.55 serif; }}
pre {{ white-space: pre-wrap; font: inherit; }}
a.citation {{ text-decoration: underline; }}
</style>
</head>
<body>
<pre>{body}</pre>
</body>
</html>
"""


@click.command("link")
@click.argument("source", metavar="TỆP|URL")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Ghi kết quả ra tệp HTML này (mặc định: đầu ra chuẩn).")
@click.pass_context
def link(ctx: click.Context, source: str, output: str | None) -> None:
    """Gắn liên kết /van-ban/<slug> vào mọi trích dẫn của một văn bản (tệp, URL hoặc -)."""
    from kb.citations import annotate, get_citations, html_to_text
    from kb.citations.clean import looks_like_html

    if source.startswith(("http://", "https://")):
        document, is_html = _fetch(source)
        is_html = is_html or looks_like_html(document)
        title = source
    else:
        document, title = _read_source(source)
        is_html = looks_like_html(document)
    href, store = _href_function(ctx)
    try:
        if is_html:
            citations = get_citations(html_to_text(document).text)
            result = annotate(document, citations, href, html=True)
        else:
            citations = get_citations(document)
            body = annotate(document, citations, href, html=False)
            result = _PAGE.format(title=html_lib.escape(title), body=body)
    finally:
        if store is not None:
            store.close()
    if output:
        Path(output).write_text(result, encoding="utf-8")
        click.echo(f"Đã gắn liên kết cho {len(citations)} trích dẫn → {output}", err=True)
    else:
        click.echo(result, nl=False)


COMMANDS: list = [cite, link]
