"""One rule for clauses: the relation is read from the clause the edge quotes."""
from __future__ import annotations

from kb.citations import get_citations
from kb.sentences import clause_end, clause_start, sentence_around
from kb.store import edges

PREAMBLE = (
    "QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH QUY CHẾ CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH Căn cứ Luật Tổ chức chính quyền "
    "địa phương ngày 16/6/2025;\nCăn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;\n"
)


def test_the_store_quotes_with_the_same_function():
    assert edges.sentence_around is sentence_around


def test_a_capitalized_opener_starts_the_clause_in_a_flattened_header():
    law = PREAMBLE.index("Luật")
    start, semicolon = clause_start(PREAMBLE, 0, law)
    assert PREAMBLE[start:].startswith("Căn cứ Luật") and not semicolon
    (first, second) = get_citations(PREAMBLE)[:2]
    assert sentence_around(PREAMBLE, first.start, first.end) == (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;")
    assert sentence_around(PREAMBLE, second.start, second.end) == (
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;")


def test_clause_ends_at_its_mark_a_table_cell_or_a_blank_line():
    text = "bãi bỏ Quyết định số 12/2020/QĐ-UBND ngày 1/2/2020 | 5 | ghi chú"
    assert text[: clause_end(text, 10, len(text))].endswith("1/2/2020 ")
    text = "thay thế Quyết định số 12/2020/QĐ-UBND.\n \nĐiều 2. Hiệu lực"
    assert text[: clause_end(text, 10, len(text))] == "thay thế Quyết định số 12/2020/QĐ-UBND."
    text = "Ghi chú\n  \nbãi bỏ Quyết định số 12/2020/QĐ-UBND"
    assert text[clause_start(text, 0, text.index("Quyết"))[0]:].startswith("bãi bỏ")


def test_a_quote_is_narrowed_to_its_list_item():
    text = "Các văn bản sau: Quyết định số 12/2020/QĐ-UBND và\n- Quyết định số 13/2020/QĐ-UBND của UBND tỉnh\n"
    found = get_citations(text)
    assert sentence_around(text, found[0].start, found[0].end) == "Quyết định số 12/2020/QĐ-UBND và"
    assert sentence_around(text, found[1].start, found[1].end) == "Quyết định số 13/2020/QĐ-UBND của UBND tỉnh"


def test_a_run_on_clause_is_cut_around_the_citation():
    text = "x " * 400 + "Quyết định số 12/2020/QĐ-UBND " + "y " * 400
    start = text.index("Quyết")
    quoted = sentence_around(text, start, start + len("Quyết định số 12/2020/QĐ-UBND"))
    assert quoted.startswith("…") and quoted.endswith("…") and len(quoted) < 400
