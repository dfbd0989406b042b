"""Reading queries: numbers in any spelling, filters, phrases, malformed input."""
from __future__ import annotations

import pytest

from indexer.numbers import index_terms, parse_number_query
from indexer.query import parse


@pytest.mark.parametrize("query, head, symbols", [
    ("76/NQ-CP", "76", {"nq", "cp"}),
    ("76 NQ CP", "76", {"nq", "cp"}),
    ("nq 76", "76", {"nq"}),
    ("nghị quyết 76", "76", {"nq"}),
    ("nghi quyet so 76", "76", {"nq"}),
    ("Quyết định số 1741/QĐ-UBND", "1741", {"qd", "ubnd"}),
    ("nghị định 30/2020", "30", {"nd", "2020"}),
    ("05/2012/TTLT-BTC-BNN", "5", {"2012", "ttlt", "btc", "bnn"}),
])
def test_numbers_in_any_spelling(query, head, symbols):
    nq = parse_number_query(query)
    assert nq is not None and nq.head == head
    assert symbols <= set(nq.symbols) | set(nq.years) | set((nq.key or "").replace("/", "-").split("-"))


@pytest.mark.parametrize("query", ["cải cách hành chính", "luật đất đai", "", "năm"])
def test_words_are_not_numbers(query):
    nq = parse_number_query(query)
    assert nq is None or not nq.pure


def test_exact_key_when_written_in_full():
    assert parse_number_query("76/NQ-CP").key == "76/nq-cp"
    assert parse_number_query("1741/QĐ-UBND").key == "1741/qd-ubnd"


def test_index_terms_carry_type_code_and_year():
    terms = index_terms("5387/CT-CS", "Công văn", 2025)
    assert terms["numhead"] == "5387" and {"ct", "cs", "cv", "2025"} <= set(terms["numsym"])


def test_filters_in_the_query():
    p = parse('"hoà giải" loại:quyet-dinh năm:2023 co-quan:"quảng ngãi" hieu-luc:con-hieu-luc')
    assert p.filters.type == "quyet dinh"
    assert p.filters.year_from == 2023 and p.filters.year_to == 2023
    assert p.filters.issuer == "quang ngai"
    assert p.filters.validity == "con_hieu_luc"
    assert p.phrases == [["hoà", "giải"]]
    assert p.words == ""


def test_year_range_and_type_code():
    p = parse("thủy lợi nam:2019-2024 loai:qd")
    assert (p.filters.year_from, p.filters.year_to) == (2019, 2024)
    assert p.filters.type == "quyet dinh"


@pytest.mark.parametrize("query", [
    '"unbalanced quote', "AND OR NOT", "((( ))) ^~*:", "loai:", "nam:abc thuế", "-", "\x00\x01",
    "cải " * 50_000,
])
def test_malformed_queries_parse(query):
    p = parse(query)
    assert len(p.syllables) <= 32
