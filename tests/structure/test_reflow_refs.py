"""Reflow (hard wraps joined, real breaks kept) and references into the same document."""
from kb.structure.reflow import paragraphs, reflow
from kb.structure.refs import internal_refs


def test_wraps_joined_real_breaks_kept():
    text = ("Điều 1. Công\nbố kèm theo Quyết định này\ndanh mục thủ tục.\n"
            "1. Khoản một\nđược viết tiếp.\na) điểm a;\n- gạch đầu dòng\n+ dấu cộng\n"
            "| a | b |\n| c | d |\nCHƯƠNG II\nTỔ CHỨC\nĐiều 2. Hai")
    assert reflow(text).split("\n\n") == [
        "Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục.",
        "1. Khoản một được viết tiếp.",
        "a) điểm a;",
        "- gạch đầu dòng",
        "+ dấu cộng",
        "| a | b |",
        "| c | d |",
        "CHƯƠNG II TỔ CHỨC",
        "Điều 2. Hai",
    ]


def test_new_sentence_after_a_full_stop_is_a_new_paragraph():
    assert reflow("Câu một kết thúc.\nCâu hai bắt đầu\nvà tiếp.") == "Câu một kết thúc.\n\nCâu hai bắt đầu và tiếp."


def test_gazette_page_break_inside_a_sentence():
    text = "1. Có hiệu lực từ ngày\n\nCÔNG BÁO/Số 342/Ngày 21-06-2026 \n55\n \nký ban hành.\n2. Hai."
    ps = paragraphs(text)
    assert reflow(text) == "1. Có hiệu lực từ ngày ký ban hành.\n\n2. Hai."
    assert len(ps[0].spans()) == 2 and "CÔNG BÁO" not in "".join(text[a:b] for a, b in ps[0].spans())


def test_forced_breaks_at_unit_starts():
    text = "Dòng một\ndòng hai"
    assert len(paragraphs(text)) == 1
    assert len(paragraphs(text, breaks={text.index("dòng hai")})) == 2


def test_internal_refs():
    text = ("theo khoản 2 Điều này; Điều 5 của Luật này; điểm a khoản 1 Điều 3 Quyết định này; "
            "Điều này quy định; khoản 3 Luật này; Điều 4 Quy định này; Điều 7 Luật Đất đai")
    refs = internal_refs(text)
    assert [(text[r.start:r.end], r.pinpoint, r.word) for r in refs] == [
        ("khoản 2 Điều này", {"khoan": "2"}, "điều"),
        ("Điều 5 của Luật này", {"dieu": "5"}, "luật"),
        ("điểm a khoản 1 Điều 3 Quyết định này", {"dieu": "3", "khoan": "1", "diem": "a"}, "quyết định"),
        ("Điều 4 Quy định này", {"dieu": "4"}, "quy định"),
    ]
    assert refs[0].relative and not refs[1].relative


def test_quoted_heading_starts_a_paragraph():
    assert reflow("Điều 1. Sửa đổi Điều 3\n“Điều 3. Thủ tục\nđăng ký") == "Điều 1. Sửa đổi Điều 3\n\n“Điều 3. Thủ tục đăng ký"


def test_internal_refs_in_lists():
    text = "theo khoản 1, 2 và 3 Điều này; khoản 1 và khoản 4 Điều 5 Luật này; các Điều 4, 5 và 6 của Luật này."
    got = [(text[r.start:r.end], r.pinpoint) for r in internal_refs(text)]
    assert got == [
        ("khoản 1", {"khoan": "1"}), ("2", {"khoan": "2"}), ("3", {"khoan": "3"}),
        ("khoản 1", {"khoan": "1", "dieu": "5"}), ("khoản 4", {"khoan": "4", "dieu": "5"}),
        ("các Điều 4", {"dieu": "4"}), ("5", {"dieu": "5"}), ("6", {"dieu": "6"}),
    ]


def test_internal_refs_bounded_on_hostile_input():
    import time

    text = "khoản 1, 2 và 3 Điều này; khoản 2 Điều này; Điều 4, 5 Luật này. " * 15_000
    start = time.perf_counter()
    refs = internal_refs(text)
    assert len(refs) == 15_000 * 6 and time.perf_counter() - start < 10
