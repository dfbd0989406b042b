"""The structure of a document: Phần, Chương, Mục, Điều, Khoản, Điểm, Phụ lục.

``parse_units(text)`` finds the units of a text; ``anchor_for`` names them. The store keeps
the units (``kb.store.units``) and rebuilds them when ``PARSER_VERSION`` changes.
"""
from kb.structure.anchors import anchor_for, pinpoint_anchor
from kb.structure.parse import PARSER_VERSION, parse_units

__all__ = ["PARSER_VERSION", "anchor_for", "parse_units", "pinpoint_anchor"]
