"""HTML → the visible main text (scripts, styles and page furniture dropped)."""
from __future__ import annotations

import re

from kb.errors import KbError
from kb.importers.encoding import decode

__all__ = ["read_html", "html_to_text"]

# Elements whose content is never shown as text.
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "iframe", "object", "head", "button", "select")
# Furniture around the document on most sites.
_FURNITURE = ("nav", "footer", "aside")
# Containers that hold a legal text on the sites we know, most specific first.
_MAIN_SELECTORS = (
    "#toanvancontent", ".toanvancontent", "div.content1", "#divContentDoc", ".content-doc",
    "article", "main", "[role=main]",
)
_BLOCKS = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
    "blockquote", "pre", "ul", "ol", "dd", "dt", "hr", "center", "td", "th",
}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


def _decode_html(data: bytes) -> tuple[str, str]:
    """Text of an HTML file: a BOM, else valid UTF-8 (pages often declare a charset
    they do not use), else the page's own ``charset``, else detection from the bytes."""
    import unicodedata

    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            declared = _CHARSET.search(data[:4096])
            if declared:
                charset = declared.group(1).decode("ascii", "replace").lower()
                try:
                    text = data.decode(charset)
                except (LookupError, UnicodeDecodeError):
                    pass  # a wrong declaration: detect from the bytes below
                else:
                    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
                    return text, f"{charset} (khai báo trong trang)"
        else:
            return unicodedata.normalize("NFC", text.replace("\r\n", "\n")), "UTF-8"
    decoded = decode(data)
    return decoded.text, decoded.encoding


def html_to_text(html: str) -> tuple[str, str | None]:
    """(visible main text, the page's <title>) of an HTML document."""
    from bs4 import BeautifulSoup, Comment

    soup = BeautifulSoup(html, "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    for tag in soup.find_all(_INVISIBLE):
        tag.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(style=re.compile(r"display\s*:\s*none", re.I)):
        tag.decompose()
    for tag in soup.find_all(hidden=True):
        tag.decompose()
    root = None
    for selector in _MAIN_SELECTORS:
        found = soup.select_one(selector)
        if found is not None and len(found.get_text(strip=True)) > 200:
            root = found
            break
    if root is None:
        root = soup.body or soup
        for tag in root.find_all(_FURNITURE):
            tag.decompose()
    parts: list[str] = []
    _walk(root, parts)
    text = "".join(parts)
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return (text + "\n" if text else ""), title


def _walk(node, parts: list[str]) -> None:
    from bs4 import NavigableString, Tag

    for child in node.children:
        if isinstance(child, NavigableString):
            parts.append(str(child).replace("\n", " "))
        elif isinstance(child, Tag):
            block = child.name in _BLOCKS
            if block:
                parts.append("\n")
            if child.name == "br":
                continue
            _walk(child, parts)
            if block:
                parts.append("\n")


def read_html(data: bytes) -> tuple[str, str, str | None]:
    """(text, encoding, title) of HTML bytes."""
    try:
        html, encoding = _decode_html(data)
        text, title = html_to_text(html)
    except KbError:
        raise
    except Exception as exc:  # lxml/bs4 failures on broken markup: say so, no traceback
        raise KbError(f"Không đọc được HTML ({exc}).") from None
    return text, encoding, title
