"""Metadata of a document from its own text: the official header and signature.

``parse_header(text)`` reads the header laid down by Nghị định 30/2020/NĐ-CP;
``strip_site_chrome(text)`` removes a web site's furniture first, and
``parse_tvpl_table(text)`` reads thuvienphapluat.vn's metadata table when a
saved page carries one.
"""
from kb.metadata.header import parse_header
from kb.metadata.tvpl_table import TvplTable, parse_tvpl_table, strip_site_chrome

__all__ = ["parse_header", "parse_tvpl_table", "strip_site_chrome", "TvplTable"]
