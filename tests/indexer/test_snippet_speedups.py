"""The cheaper paths of a results page give what the plain ones gave.

- ``fold_for_scan`` (an array lookup) folds exactly like ``str.translate`` with the scan table;
- ``bodies.text_of(…, limit=)`` reads a prefix of a long text without inflating the rest,
  and a snippet cut from that prefix is the snippet of the whole text.
"""
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer import bodies
from indexer.snippets import _SCAN_TABLE, MAX_SCAN, fold_for_scan, make_snippet
from indexer.searching import SNIPPET_READS

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
ALPHABET = VIETNAMESE + VIETNAMESE.upper() + " .,;:0123456789/-\n\t"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=400) | st.text(max_size=200))
def test_fold_for_scan_is_the_translate_table(text):
    # st.text() alone brings astral characters, lone surrogates and control characters
    assert fold_for_scan(text) == text.translate(_SCAN_TABLE)
    assert len(fold_for_scan(text)) == len(text)


def test_fold_for_scan_on_a_real_sentence():
    assert fold_for_scan("Điều 5. NGƯỜI NGHIỆN MA TÚY 𝔸\ud800") == "dieu 5. nguoi nghien ma tuy 𝔸\ud800"


def test_a_limited_read_inflates_only_the_pieces_it_needs(monkeypatch):
    text = "".join(f"Điều {i}. Quy định thứ {i} về cải cách hành chính. " for i in range(20_000))
    blob = bodies.compress(text)
    assert len(text) > 10 * bodies.CHUNK
    calls = []
    real = zlib.decompress
    monkeypatch.setattr(bodies.zlib, "decompress", lambda b: calls.append(1) or real(b))
    assert bodies.text_of(blob, limit=100) == text[:100]
    assert len(calls) == 1
    assert bodies.text_of(blob, limit=bodies.CHUNK + 1) == text[:bodies.CHUNK + 1]
    assert bodies.text_of(blob) == text
    # a span: the limit counts from the article's start
    start = 3 * bodies.CHUNK - 10
    assert bodies.text_of(bodies.span_ref(start, start + 5000), lambda: blob, limit=20) == text[start:start + 20]
    assert bodies.text_of(bodies.span_ref(start, start + 5), lambda: blob, limit=20) == text[start:start + 5]


def test_a_snippet_of_the_limited_text_is_the_snippet_of_the_whole():
    filler = "không liên quan gì đến câu hỏi cả. " * 8_000  # past MAX_SCAN
    for tail in ("", " người nghiện ma túy bị xử lý", "x" * 5_000):
        for where in (10, MAX_SCAN - 300, MAX_SCAN - 30):
            text = filler[:where] + " người nghiện ma túy " + filler[where:] + tail
            terms = ["nghien", "ma", "tuy"]
            assert vars(make_snippet(text[:SNIPPET_READS], terms)) == vars(make_snippet(text, terms)), where
