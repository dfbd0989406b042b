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
