"""One vocabulary of document types and issuers: every reader derives from kb.vocabulary."""
from __future__ import annotations

from kb import vocabulary
from kb.citations import get_citations
from kb.citations import regexes
from kb.identity import issuer_key, repair_number
from kb.metadata import names
from kb.scrape import vbpl
from kb.store.matching import issuer_implied, name_key
from kb.text import fold_key


def test_readers_share_the_tables():
    assert names.TYPE_SYMBOLS is regexes.TYPE_BY_ABBREVIATION is vocabulary.TYPE_BY_SYMBOL
    assert vbpl.TYPES is vocabulary.VBPL_TYPES
    assert set(regexes.KNOWN_ISSUER_GROUPS) == {i.symbol for i in vocabulary.ISSUERS}


def test_every_symbol_and_name_is_unique():
    symbols = [t.symbol for t in vocabulary.TYPES if t.symbol]
    assert len(symbols) == len(set(symbols))
    names_ = [fold_key(t.name) for t in vocabulary.TYPES]
    assert len(names_) == len(set(names_))
    assert len({i.symbol for i in vocabulary.ISSUERS}) == len(vocabulary.ISSUERS)


def test_headings_try_the_longer_heading_first():
    headings = vocabulary.TYPE_HEADINGS
    for i, short in enumerate(headings):
        for long in headings[i + 1:]:
            assert not long.startswith(short + " "), (short, long)


def test_search_codes():
    codes = vocabulary.SEARCH_CODES
    assert codes["quyet dinh"] == "qd" and codes["quy dinh"] == "qd"
    assert codes["nghi dinh"] == "nd" and codes["to trinh"] == "ttr" and codes["luat"] == codes["bo luat"] == "luat"
    assert codes["cong van"] == "cv" and codes["hop nhat"] == "vbhn"


def test_a_symbol_known_to_the_table_types_a_citation():
    # "Phương án" has a symbol (PA): a citation by number alone gets its type.
    (citation,) = get_citations("Căn cứ Phương án 02600/PA-UBND ngày 18/8/2025 của UBND tỉnh Đắk Lắk.")
    assert citation.type == "Phương án"
    # An issuer symbol of the table repairs a lost hyphen ("TTBNN" → "TT-BNN").
    (citation,) = get_citations("theo Thông tư số 37/2025/TTBNN ngày 1/7/2025")
    assert citation.number == "37/2025/TT-BNN"


def test_issuer_keys_spell_out_the_table():
    assert issuer_key("UBND tỉnh Quảng Ngãi") == issuer_key("Ủy ban nhân dân tỉnh Quảng Ngãi")
    assert issuer_key("TTg") == issuer_key("TT CP") == "thu tuong chinh phu"
    assert issuer_key("UBTVQH") == "uy ban thuong vu quoc hoi"
    assert issuer_key("TP. Hồ Chí Minh") == "thanh pho ho chi minh"
    assert names.expand_abbreviations("UBND TỈNH QUẢNG NGÃI") == "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"
    assert names.expand_abbreviations("HĐND tỉnh") == "Hội đồng nhân dân tỉnh"


def test_national_symbols_imply_the_issuer():
    assert issuer_implied("131/2025/nd-cp")
    assert issuer_implied("4347/qd-bvhttdl")
    assert issuer_implied("01/2024/ttlt-tandtc-vksndtc")
    assert issuer_implied("80/2015/qh13")
    assert not issuer_implied("12/qd-ubnd")
    assert not issuer_implied("12/bhxh-csxh")  # provincial branches sign "BHXH" too


def test_named_types_and_number_repair():
    assert name_key(None, "Bộ luật", "Dân sự") == "bo luat dan su"
    assert name_key(None, "Nghị định", "Quy định chi tiết") == ""
    assert repair_number("76/2025/UBTVQH15", "Nghị quyết") == "76/2025/NQ-UBTVQH15"
    assert repair_number("02/2022/UBTVQH15", "Pháp lệnh") == "02/2022/UBTVQH15"


def test_search_codes_cover_the_index_codes():
    # indexer.numbers.TYPE_CODES is to become vocabulary.SEARCH_CODES: nothing the index files
    # documents under may be lost (SEARCH_CODES adds "giấy phép" → gp).
    from indexer.numbers import TYPE_CODES

    assert set(TYPE_CODES.items()) <= set(vocabulary.SEARCH_CODES.items())
    assert set(vocabulary.SEARCH_CODES.items()) - set(TYPE_CODES.items()) <= {("giay phep", "gp")}
