"""``kb cite`` and ``kb link``: the citations of a text, and the text with them linked.

    python -m kb cite [FILE|-] [--json]
    python -m kb link FILE|URL [-o OUT.html] [--base-url URL]

HTML input is read as its visible text (``cite`` offsets refer to that text);
``link`` keeps HTML markup as it is and only inserts ``<a>`` elements.
"""
from __future__ import annotations

import html as html_lib
import json
import os
import sys
from pathlib import Path

import click

from kb.errors import KbError, UsageError
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
        from kb.importers import read_file

        return read_file(path).text, path.name
    return _decode(path.read_bytes(), source), path.name


def _fetch(url: str) -> tuple[str, bool]:
    """(text, is_html) of a web page, through the project's polite client."""
    from kb.scrape.http import fetch

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
    from kb.citations.pinpoint import pinpoint_label

    for c in citations:
        what = c.number or c.name or ""
        if c.pinpoint:
            what += " (" + "; ".join(pinpoint_label(u) for u in c.pinpoint[:6]) + ("; …" if len(c.pinpoint) > 6 else "") + ")"
        details = [d for d in (c.type, c.date or (str(c.year) if c.year else None), c.issuer) if d]
        relation = "văn bản này" if c.self else RELATION_SHORT.get(c.relation, c.relation)
        click.echo(f"{c.start:>7}–{c.end:<7} {what}  [{relation}]  " + " · ".join(details))
    documents = {(c.number or c.name) for c in citations if not c.self}
    own = sum(1 for c in citations if c.self)
    summary = f"{len(citations) - own} trích dẫn, {len(documents)} văn bản khác nhau"
    if own:
        summary += f" (và {own} lần nhắc số hiệu của chính văn bản)"
    click.echo(summary + ".")


def site_url() -> str:
    """The site's own address, for links in files opened from disk: ``$KB_SITE_URL``, else the
    address ``kb serve`` listens on by default."""
    return (os.environ.get("KB_SITE_URL") or DEFAULT_SITE_URL).rstrip("/")


DEFAULT_SITE_URL = "http://127.0.0.1:8080"


def _open_store(ctx: click.Context):
    """The store of the data directory, or None when it has none (links then come from the citations)."""
    from kb.config import data_dir, database_path
    from kb.store import open_store

    data = data_dir(ctx.obj.get("data") if ctx.obj else None)
    return open_store(data) if database_path(data).exists() else None


def citation_links(citations, store, base_url: str = "") -> dict[int, str]:
    """``id(citation)`` → its link: ``/van-ban/<slug>`` (resolved through ``store`` when there is
    one), ``#<anchor>`` added when the document there holds the unit the citation points at."""
    from kb.citations.resolve import resolve_citations
    from kb.structure.anchors import pinpoint_anchor

    resolve = store.resolve if store is not None else (lambda citation: None)
    links: dict[int, str] = {}
    for group in resolve_citations(citations, resolve):
        found = group.resolution
        document = found.document if found is not None and found.status in ("found", "stub") else None
        page = f"{base_url}/van-ban/{document.slug if document is not None else group.first.slug}"
        held = {u.anchor for u in store.units(document.id)} if document is not None and group.pinpoints else set()
        for citation in group.citations:
            anchor = pinpoint_anchor(citation.pinpoint[0]) if citation.pinpoint else ""
            links[id(citation)] = f"{page}#{anchor}" if anchor and anchor in held else page
    return links


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
@click.option("--base-url", default=None, metavar="URL",
              help="Địa chỉ trang Căn cứ đặt trước các liên kết (mặc định khi có -o: $KB_SITE_URL hoặc "
                   + DEFAULT_SITE_URL + "; không có -o: liên kết tương đối).")
@click.pass_context
def link(ctx: click.Context, source: str, output: str | None, base_url: str | None) -> None:
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
    if base_url is None:
        base_url = site_url() if output else ""
    base_url = base_url.rstrip("/")
    if base_url and not base_url.startswith(("http://", "https://")):
        raise UsageError(f"--base-url phải bắt đầu bằng http:// hoặc https:// (nhận được: {base_url})")
    citations = get_citations(html_to_text(document).text if is_html else document)
    store = _open_store(ctx)
    try:
        links = citation_links(citations, store, base_url)
    finally:
        if store is not None:
            store.close()
    href = lambda citation: links.get(id(citation))  # noqa: E731 (self references have no link)
    if is_html:
        result = annotate(document, citations, href, html=True)
    else:
        body = annotate(document, citations, href, html=False)
        result = _PAGE.format(title=html_lib.escape(title), body=body)
    if output:
        Path(output).write_text(result, encoding="utf-8")
        click.echo(f"Đã gắn liên kết cho {len(links)} trích dẫn → {output}", err=True)
    else:
        click.echo(result, nl=False)


COMMANDS: list = [cite, link]
