"""Names of the 45 chủ đề: shipped as data, or read from the package's ``jsonData.js``.

``jsonData.js`` (absent from some copies of the package) declares ``var jdChuDe = [...]``
with ``{"Value": <id>, "Text": <name>, "STT": <number>}``; when present and readable its
names win, so a renamed chủ đề follows the package. ``BoPhapDien.html`` only builds the
tree from that file in the browser: it names no chủ đề itself.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from kb.text import clean

DATA = Path(__file__).with_name("chu_de.json")
_CHU_DE = re.compile(r"var\s+jdChuDe\s*=\s*(\[.*?\])\s*;", re.S)


@lru_cache(maxsize=1)
def shipped_chu_de() -> dict[str, str]:
    return dict(json.loads(DATA.read_text(encoding="utf-8"))["chu_de"])


def chu_de_names(tree: bytes | None, viewer: bytes | None = None) -> tuple[dict[str, str], str | None]:
    """(code → name, a warning or None): the package's own names over the shipped ones."""
    names = dict(shipped_chu_de())
    if not tree:
        return names, None
    try:
        text = tree.decode("utf-8-sig", errors="replace")
        match = _CHU_DE.search(text)
        if match is None:
            return names, "jsonData.js không có danh sách chủ đề (jdChuDe): dùng tên chủ đề có sẵn."
        for item in json.loads(match.group(1)):
            code, name = str(item.get("STT", "")).strip(), clean(str(item.get("Text", ""))).text.strip()
            if code.isdigit() and name:
                names[code] = name
    except (ValueError, AttributeError, TypeError) as exc:
        return names, f"jsonData.js không đọc được ({exc}): dùng tên chủ đề có sẵn."
    return names, None
