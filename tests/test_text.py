"""kb.text: normalization, tone placement and folding, with offsets back to the input."""
import unicodedata

import pytest
from hypothesis import given, strategies as st

from kb.text import canonical_tones, clean, fold, fold_key, normalize


@pytest.mark.parametrize(
    "new_style, old_style",
    [
        ("hòa", "hoà"), ("Hòa Bình", "Hoà Bình"), ("thủy", "thuỷ"), ("ủy ban", "uỷ ban"),
        ("khỏe", "khoẻ"), ("HÒA", "HOÀ"), ("tùy", "tuỳ"), ("khóa", "khoá"), ("lũy kế", "luỹ kế"),
    ],
)
def test_tone_placement_variants_meet(new_style, old_style):
    assert canonical_tones(new_style) == canonical_tones(old_style) == old_style


@pytest.mark.parametrize("word", ["hoàn thành", "quý", "quỳnh", "thuyết", "khoảng", "huyện", "toàn"])
def test_closed_syllables_and_qu_unchanged(word):
    assert canonical_tones(word) == word


@pytest.mark.parametrize(
    "text, folded",
    [("Đề án", "de an"), ("Nghị định số 15/2020/NĐ-CP", "nghi dinh so 15/2020/nd-cp"),
     ("CẢI CÁCH HÀNH CHÍNH", "cai cach hanh chinh"), ("Ủy ban", "uy ban")],
)
def test_fold_lowercases_first_and_maps_d(text, folded):
    assert fold(text) == folded


def test_clean_composes_decomposed_text_and_maps_offsets_back():
    original = unicodedata.normalize("NFD", "Nghị định số 76") + "\u00a0\u00d0\u200bX"
    mapped = clean(original)
    assert mapped.text == "Nghị định số 76 ĐX"
    start = mapped.text.index("định")
    a, b = mapped.span_to_original(start, start + len("định"))
    assert unicodedata.normalize("NFC", original[a:b]) == "định"
    a, b = mapped.span_to_original(0, len(mapped.text))
    assert (a, b) == (0, len(original))


def test_clean_fast_path_keeps_offsets_identity():
    mapped = clean("Quyết định số 1256/QĐ-UBND")
    assert mapped.offsets is None
    assert mapped.to_original(5) == 5


def test_normalize_and_fold_key():
    assert normalize("Hòa\u00a0bình") == "Hoà bình"
    assert fold_key("  Ủy   ban\tnhân dân ") == "uy ban nhan dan"


@given(st.text(alphabet=st.sampled_from(list("aeoyuđĐÐ \u00a0\u200b\u0300\u0301\u0309\u0303\u0323\u0302\u031b/-0123456789")
                                        + ["ò", "ủ", "Ò", "\n"]), max_size=200))
def test_clean_offsets_are_always_valid(text):
    mapped = clean(text)
    if mapped.offsets is not None:
        assert len(mapped.offsets) == len(mapped.text) + 1
        assert all(0 <= o <= len(text) for o in mapped.offsets)
        assert mapped.offsets == sorted(mapped.offsets)
    for i in range(len(mapped.text)):
        a, b = mapped.span_to_original(i, i + 1)
        assert 0 <= a < b <= len(text)
    assert len(canonical_tones(mapped.text)) == len(mapped.text)
    assert len(fold(mapped.text)) == len(mapped.text)
