"""Robustness: any text, adversarial text, no exception, valid offsets, no runaway regex."""
import time
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.citations import annotate, canonical_number, get_citations, html_to_text

# Pieces of real citations, shuffled: the adversarial alphabet.
PIECES = [
    "Quyết định", "Nghị quyết", "Luật", "LUẬT", "Bộ luật", "Hiến pháp", "Đề án", "số", "Số:", " ", "\n", "-", "/",
    ",", ";", ".", "của", "ngày", "tháng", "năm", "Chính phủ", "UBND", "tỉnh", "QĐ", "NĐ-CP", "CP", "TTg", "TW",
    "TU", "2020", "15", "7", "0", "30c", "Ð", "\u0301", "\u0323", "\u200b", "\u00a0", "và", "các", "Căn cứ",
    "bãi bỏ", "THƯ VIỆN PHÁP LUẬT", "Văn bản liên quan", "<b>", "</b>", "&amp;", "Đất đai", "sửa đổi, bổ sung",
]
adversarial = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
anything = st.text(max_size=300)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(text):
    for c in get_citations(text):
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start:c.end] == c.text
        assert c.number is not None or c.name is not None
        assert c.relation in ("can_cu", "thuc_hien", "sua_doi", "thay_the", "bai_bo", "huong_dan", "dan_chieu")
        if c.number is not None:
            assert canonical_number(c.number) == c.number


@SETTINGS
@given(anything)
def test_any_text(text):
    _check(text)


@SETTINGS
@given(adversarial)
def test_adversarial_text(text):
    _check(text)
    _check(unicodedata.normalize("NFD", text))


@SETTINGS
@given(adversarial)
def test_annotate_any_html(text):
    visible = html_to_text(text)
    assert len(visible.offsets) == len(visible.text) == len(visible.ends)
    out = annotate(text, get_citations(visible.text), lambda c: "/x", html=True)
    import re
    assert re.sub(r'<a class="citation"[^>]*>|</a>', "", out) == re.sub("</a>", "", text)


def test_megabyte_of_digits_and_slashes_is_fast():
    # CPU time of this process: the machine may be shared, the work is what is measured.
    line = ("12/3/2020-15/QĐ-/" * 70000)[:1_000_000]
    for text in (line, "1/" * 500_000, "0" * 1_000_000, "1-A/" * 250_000, "30/2020/NĐ-" * 90_000):
        start = time.process_time()
        _check(text)
        elapsed = time.process_time() - start
        print(f"{text[:12]!r}… {len(text)} chars: {elapsed:.3f} s")
        assert elapsed < 0.5


def test_a_trigger_word_repeated_stays_linear():
    # Every word starts a possible law name: slow per character, but linear.
    times = []
    for n in (20_000, 80_000):
        start = time.process_time()
        _check("Luật " * n)
        times.append(time.process_time() - start)
    print(f"'Luật ' × 20k: {times[0]:.3f} s, × 80k: {times[1]:.3f} s")
    assert times[1] < 3 and times[1] < 4 * times[0] * 2.5
