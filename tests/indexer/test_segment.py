"""Our pyvi run (indexer.segment) must segment like pyvi itself, with offsets into the text."""
from __future__ import annotations

import pytest

from indexer.segment import Segmenter, lower_keep_length, syllables
from kb.text import canonical_tones, fold

SENTENCES = [
    "cải cách hành chính nhà nước giai đoạn 2021 - 2030",
    "căn cứ luật tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
    "ủy ban nhân dân tỉnh quảng ngãi ban hành kế hoạch",
    "đẩy mạnh xây dựng xã hội học tập, học tập suốt đời",
    "nghị định số 30/2020/nđ-cp về công tác văn thư",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_same_words_as_pyvi(sentence):
    from pyvi import ViTokenizer

    expected = [w for w in ViTokenizer.tokenize(sentence).split() if any(c.isalnum() for c in w)]
    assert Segmenter().segment(sentence, lowered=True).words == expected


def test_offsets_point_into_the_text():
    text = "Căn cứ Luật Tổ chức\nChính phủ; Ủy ban nhân dân tỉnh Quảng Ngãi."
    seg = Segmenter().segment(text)
    low = lower_keep_length(canonical_tones(text))  # syllables use one tone placement
    assert [low[s:e] for s, e in seg.syl_spans] == seg.syllables
    assert [fold(text[s:e]) for s, e in seg.syl_spans] == [fold(s) for s in seg.syllables]
    assert "chính_phủ" in seg.words  # a hard line break does not split a word


def test_repeated_sentences_hit_the_cache():
    seg = Segmenter()
    seg.segment("Căn cứ Luật Tổ chức Chính phủ. Căn cứ Luật Tổ chức Chính phủ.")
    assert seg.hits == 1 and seg.misses == 1


def test_tone_placement_and_case_are_normalized():
    assert syllables("HÒA bình, Thủy lợi") == syllables("hoà bình thuỷ lợi")
