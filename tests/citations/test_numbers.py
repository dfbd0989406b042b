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
