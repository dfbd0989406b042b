"""Snippets fold a short prefix first (indexer.snippets.FIRST_SCAN): the window chosen must be
the one a scan of the whole text chooses, also when the terms sit at or past the prefix's end."""
from indexer import snippets
from indexer.snippets import FIRST_SCAN, make_snippet


def _full_scan(body, terms, monkeypatch):
    monkeypatch.setattr(snippets, "FIRST_SCAN", 10**9)  # the prefix is the whole text
    try:
        return make_snippet(body, terms)
    finally:
        monkeypatch.undo()


def test_terms_straddling_the_prefix_end_are_marked_as_a_full_scan_marks_them(monkeypatch):
    filler = "quy định chung về tổ chức " * 200
    for shift in range(-40, 41, 7):
        head = filler[: FIRST_SCAN + shift]
        body = head + "cải cách hành chính nhà nước. Điều 2. Phạm vi cải cách hành chính."
        terms = ["cai", "cach", "hanh", "chinh"]
        got = make_snippet(body, terms)
        assert vars(got) == vars(_full_scan(body, terms, monkeypatch)), shift
        assert "<mark>cải</mark>" in got.html


def test_terms_only_far_past_the_prefix_are_found():
    body = "không liên quan " * 1000 + "người nghiện ma túy"
    got = make_snippet(body, ["nghien", "ma", "tuy"])
    assert "<mark>nghiện</mark>" in got.html
