"""canonical_number: the canonical form of a number-and-symbol, damage repaired."""
import pytest

from kb.citations import canonical_number

CASES = [
    ("76/NQ-CP", "76/NQ-CP"),
    ("30/2020/NĐ-CP", "30/2020/NĐ-CP"),
    ("80/2015/QH13", "80/2015/QH13"),
    ("05/2012/TTLT-BTC-BNN", "05/2012/TTLT-BTC-BNN"),
    ("31/VBHN-VPQH", "31/VBHN-VPQH"),
    ("04-NQ/TU", "04-NQ/TU"),
    ("21-NQ/TW", "21-NQ/TW"),
    ("119- KH/TU", "119-KH/TU"),  # space inside a party symbol
    ("1741/QĐUBND", "1741/QĐ-UBND"),  # lost hyphen
    ("30c/NQCP", "30c/NQ-CP"),  # letter suffix and lost hyphen
    ("27/CTTg", "27/CT-TTg"),  # lost hyphen and a letter typed once for two groups
    ("QĐ- TTg".join(["12/", ""]), "12/QĐ-TTg"),
    ("12/QĐ -\nTTg", "12/QĐ-TTg"),  # line break inside the symbol
    ("4834 /TTr-SXD", "4834/TTr-SXD"),
    ("473/TTr -\nNN&PTNT", "473/TTr-NN&PTNT"),
    ("15/2020/NÐ-CP", "15/2020/NĐ-CP"),  # Icelandic eth for Đ
    ("27/CT-TTG", "27/CT-TTg"),  # upper-case heading
    ("198/KH-SNGV", "198/KH-SNgV"),
    ("270/QD-TTg", "270/QĐ-TTg"),  # typed without Đ
    ("120/2016/ND-CP", "120/2016/NĐ-CP"),
    ("15/7/2021", None),  # a date
    ("12/Nguyen", None),  # a word, not a symbol
    ("", None),
    ("hello", None),
]


@pytest.mark.parametrize("raw, expected", CASES)
def test_canonical_number(raw, expected):
    assert canonical_number(raw) == expected


# Numbers keyed in lower case (the Pháp điển notes: "Nghị định số 85/2017/nđ-cp").
@pytest.mark.parametrize("raw,canonical", [
    ("85/2017/nđ-cp", "85/2017/NĐ-CP"),
    ("03/2019/tt-bkhđt", "03/2019/TT-BKHĐT"),
    ("102/2000/tt-bnn-kl", "102/2000/TT-BNN-KL"),
    ("12/2020/qđ-ttg", "12/2020/QĐ-TTg"),  # the mixed-case group keeps its case
    ("12/2020/qd-ttg", "12/2020/QĐ-TTg"),
    ("5/2020/tt-ttr", "5/2020/TT-TTr"),
])
def test_lower_case_numbers_are_canonicalised(raw, canonical):
    assert canonical_number(raw) == canonical


@pytest.mark.parametrize("raw", ["5/2020/ab-cd", "12/2021/km-ngay", "3/nđ-cp", "85/2017/nđ"])
def test_lower_case_without_a_type_symbol_year_or_hyphen_is_no_number(raw):
    assert canonical_number(raw) is None


def test_lower_case_numbers_are_found_in_text():
    from kb.citations import get_citations

    text = "(Điều 2 Nghị định số 85/2017/nđ-cp, có hiệu lực; đạt 1/2020/km-ngay trong tháng"
    found = get_citations(text)
    assert [(c.number, c.type, c.year) for c in found] == [("85/2017/NĐ-CP", "Nghị định", 2017)]
