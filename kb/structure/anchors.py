"""Stable, readable anchors for units: ``dieu-5``, ``dieu-5-khoan-2-diem-a``, ``chuong-ii``.

An anchor names the path that makes a unit unique in its document. Article numbers are
unique in a document, so a khoản's anchor starts at its Điều, not at its Chương; Chương,
Mục and Phụ lục are named on their own ("chuong-ii", "chuong-ii-muc-1", "phu-luc-ii").
"""
from __future__ import annotations

import re

from kb.text import fold

# Pinpoint keys in the order a path is written (outermost first).
PINPOINT_KEYS = ("phan", "chuong", "muc", "tieu_muc", "phu_luc", "dieu", "khoan", "diem")

_KIND_WORD = {"tieu_muc": "tieu-muc", "phu_luc": "phu-luc"}


def number_slug(number: str) -> str:
    """"II" → "ii", "5a" → "5a", "32đ" → "32dd", "thứ nhất" → "thu-nhat".

    "đ" is written "dd" (as Vietnamese keyboards type it): folded to "d" it would give điểm
    d and điểm đ of one khoản the same anchor.
    """
    return re.sub(r"[^0-9a-z]+", "-", fold(number.replace("đ", "dd").replace("Đ", "DD")).lower()).strip("-")


def anchor_for(path: list[tuple[str, str]]) -> str:
    """The anchor of a unit from (kind, number) pairs, outermost first."""
    return "-".join(f"{_KIND_WORD.get(kind, kind)}-{number_slug(number)}" for kind, number in path if number)


def pinpoint_anchor(pinpoint: dict) -> str:
    """The anchor a pinpoint object points at: {"dieu": "5", "khoan": "2"} → "dieu-5-khoan-2".

    A pinpoint naming an Điều starts there (articles are unique in a document); one naming
    only Chương/Mục/Phụ lục keeps those.
    """
    keys = [k for k in PINPOINT_KEYS if pinpoint.get(k)]
    if "dieu" in keys:
        keys = keys[keys.index("dieu"):]
    return anchor_for([(k, str(pinpoint[k])) for k in keys])
