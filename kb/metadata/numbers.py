"""The canonical form of a document number read from a header.

``kb.citations.canonical_number`` (helper A) is the reference; until it is
importable this module repairs the usual damage itself: spaces around ``/`` and
``-``, ``Ð`` for ``Đ``, a missing hyphen in ``QĐUBND``, ``TTG`` for ``TTg``.
"""
from __future__ import annotations

import re

from kb.text import clean

__all__ = ["canonical_number"]

# Symbols that are written with a lowercase letter by convention.
_MIXED_CASE = {"TTG": "TTg", "TTR": "TTr", "CTR": "CTr", "SNGV": "SNgV"}
# Issuer symbols that typing glues onto a type symbol ("QĐUBND").
_GLUED = re.compile(r"^(QĐ|NQ|KH|TB|BC|HD|TTr|NĐ|TT)(UBND|HĐND|CP|TTg|BTC|BNV|VPCP)$")


def _local(raw: str) -> str | None:
    text = clean(raw).text.replace("Ð", "Đ")
    text = re.sub(r"\s*([/-])\s*", r"\1", text.strip())
    text = text.strip(" .,;:")
    if not re.match(r"^[0-9]", text) or "/" not in text:
        return None
    parts = text.split("/")
    out = [parts[0]]
    for part in parts[1:]:
        groups = []
        for group in part.split("-"):
            upper = group.upper()
            group = _MIXED_CASE.get(upper, group)
            m = _GLUED.match(group if group not in _MIXED_CASE.values() else "")
            groups.append(f"{m.group(1)}-{m.group(2)}" if m else group)
        out.append("-".join(groups))
    return "/".join(out)


def canonical_number(raw: str) -> str | None:
    """``"1741/QĐUBND"`` → ``"1741/QĐ-UBND"``; ``None`` when ``raw`` holds no number."""
    try:
        from kb.citations import canonical_number as reference  # helper A's, when present
    except ImportError:
        reference = None
    if reference is not None:
        try:
            result = reference(raw)
        except Exception as exc:  # a bug there must not stop an import; fall back, say why
            import logging

            logging.getLogger(__name__).warning("canonical_number(%r) failed: %s", raw, exc)
        else:
            if result:
                return result
    return _local(raw)
