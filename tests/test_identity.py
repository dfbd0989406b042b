"""kb.identity: keys that make spellings of one number or issuer meet, and slugs."""
import pytest

from kb.identity import document_slug, issuer_key, number_key, slugify


@pytest.mark.parametrize(
    "a, b",
    [("76/NQ-CP", "76/nq-cp"), ("05/2012/TTLT-BTC-BNN", "5/2012/TTLT-BTC-BNN"),
     ("1741/QĐ-UBND", "1741/QD-UBND"), ("01/2021/NĐ-CP", "1/2021/ND-CP")],
)
def test_number_key_ignores_case_accents_and_leading_zeros(a, b):
    assert number_key(a) == number_key(b)


def test_number_key_keeps_distinct_numbers_apart():
    assert number_key("76/NQ-CP") != number_key("76/NQ-HĐND")
    assert number_key("10/2020/NĐ-CP") != number_key("1/2020/NĐ-CP")


@pytest.mark.parametrize(
    "a, b",
    [("UBND tỉnh Quảng Ngãi", "Ủy ban nhân dân tỉnh Quảng Ngãi"),
     ("HĐND tỉnh Quảng Ngãi", "Hội đồng nhân dân tỉnh Quảng Ngãi"),
     ("Chính phủ", "CHÍNH PHỦ")],
)
def test_issuer_key_expands_abbreviations(a, b):
    assert issuer_key(a) == issuer_key(b)


def test_slugs():
    assert slugify("76/NQ-CP") == "76-nq-cp"
    assert document_slug("76/NQ-CP", "2021-07-15") == "76-nq-cp-2021-07-15"
    assert document_slug("80/2015/QH13", None, 2015) == "80-2015-qh13"
    assert document_slug(None, None, 2013, "Hiến pháp") == "hien-phap-2013"
    assert document_slug(None) == "van-ban"


@pytest.mark.parametrize(
    "a, b",
    [("64/2006/TTLT/BNN-BNV-BTC", "64/2006/TTLT-BNN-BNV-BTC"),
     ("01/2014/NQLT/CP-UBTƯMTTQVN", "1/2014/NQLT-CP-UBTƯMTTQVN"),
     ("64/2006/ttlt/bnn-bnv-btc", "64/2006/TTLT-BNN-BNV-BTC")],
)
def test_number_key_joins_symbol_groups_split_by_a_slash(a, b):
    assert number_key(a) == number_key(b)


# Keys as stores hold them (computed before the slash rule): they must not move.
STORED_KEYS = {
    "30/2020/NĐ-CP": "30/2020/nd-cp",
    "76/NQ-CP": "76/nq-cp",
    "04-NQ/TU": "4-nq/tu",
    "119-KH/TU": "119-kh/tu",
    "05/2012/TTLT-BTC-BNN": "5/2012/ttlt-btc-bnn",
    "1741/QĐ-UBND": "1741/qd-ubnd",
    "80/2015/QH13": "80/2015/qh13",
    "12/QĐ-UBND/2020": "12/qd-ubnd/2020",
    "473/TTr-NN&PTNT": "473/ttr-nn&ptnt",
    "67-CP": "67-cp",
}


@pytest.mark.parametrize("number, key", STORED_KEYS.items())
def test_number_key_of_ordinary_numbers_is_unchanged(number, key):
    assert number_key(number) == key


def test_number_key_slash_rule_keeps_numbers_apart():
    assert number_key("64/2006/TTLT/BNN-BNV-BTC") != number_key("64/2006/TTLT-BNN-BNV")
    assert number_key("04-NQ/TU") != number_key("04-NQ-TU")
