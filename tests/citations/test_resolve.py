"""The resolution stage on its own: one callback call per description, one answer per group."""
from __future__ import annotations

from types import SimpleNamespace

from kb.citations.resolve import description_key, name_in_surface, resolve_citations, said_about
from kb.model import Citation


def cite(start, text, number=None, **kw) -> Citation:
    return Citation(start=start, end=start + len(text), text=text, number=number, **kw)


def answer(slug=None, status="found"):
    return SimpleNamespace(status=status, document=SimpleNamespace(slug=slug) if slug else None)


def test_spellings_of_one_description_share_a_key_and_a_missing_field_does_not():
    a = cite(0, "Thông tư số 05/2012/TT-BTC", "05/2012/TT-BTC", type="Thông tư", date="2012-01-05")
    b = cite(40, "Thông tư 5/2012/tt-btc", "5/2012/tt-btc", type="Thông tư", date="2012-01-05")
    undated = cite(80, "Thông tư 5/2012/TT-BTC", "5/2012/TT-BTC", type="Thông tư")
    assert description_key(a) == description_key(b)
    assert description_key(a) != description_key(undated)


def test_a_laws_name_before_its_number_is_part_of_what_is_said():
    named = cite(0, "Luật Công nghệ thông tin số 67/2006/QH11", "67/2006/QH11", type="Luật")
    bare = cite(60, "Luật số 67/2006/QH11", "67/2006/QH11", type="Luật")
    assert name_in_surface(named) == "Luật Công nghệ thông tin"
    assert name_in_surface(bare) is None
    assert said_about(named)["name"] == "Luật Công nghệ thông tin"
    assert description_key(named) != description_key(bare)  # the store learns the name from one of them


def test_the_callback_is_asked_once_per_description_in_text_order():
    asked = []

    def resolve(citation):
        asked.append(citation.start)
        return answer("76-nq-cp-2021-07-15")

    citations = [
        cite(0, "Nghị quyết số 76/NQ-CP", "76/NQ-CP"),
        cite(30, "Nghị quyết 76/NQ-CP", "76/NQ-CP"),
        cite(60, "Nghị quyết số 76/NQ-CP ngày 15/7/2021", "76/NQ-CP", date="2021-07-15"),
        cite(90, "Kế hoạch này", "12/KH-UBND", self=True),
    ]
    groups = resolve_citations(citations, resolve)
    assert asked == [0, 60]  # two descriptions; the self reference is never asked about
    assert len(groups) == 1 and [c.start for c in groups[0].citations] == [0, 30, 60]


def test_citations_said_alike_but_answered_differently_stay_apart():
    by_date = cite(0, "Luật Ban hành văn bản quy phạm pháp luật ngày 22/6/2015", None, type="Luật",
                   name="Luật Ban hành văn bản quy phạm pháp luật", date="2015-06-22", year=2015)
    by_year = cite(80, "Luật Ban hành văn bản quy phạm pháp luật năm 2015", None, type="Luật",
                   name="Luật Ban hành văn bản quy phạm pháp luật", year=2015)
    again = cite(160, "Luật Ban hành văn bản quy phạm pháp luật năm 2015", None, type="Luật",
                 name="Luật Ban hành văn bản quy phạm pháp luật", year=2015)
    # An answer that names no document: both would group under "this name, 2015".
    answers = {"2015-06-22": ("stub", 3033), None: ("ambiguous", None)}

    def resolve(citation):
        status, target = answers[citation.date]
        return SimpleNamespace(status=status, target=target)

    groups = resolve_citations([by_date, by_year, again], resolve)
    assert [(g.resolution.status, [c.start for c in g.citations]) for g in groups] == [
        ("stub", [0]), ("ambiguous", [80, 160]),
    ]


def test_equal_answers_for_different_descriptions_share_a_group():
    a = cite(0, "Quyết định số 1256/QĐ-UBND", "1256/QĐ-UBND", issuer="UBND tỉnh")
    b = cite(50, "Quyết định số 1256/QĐ-UBND", "1256/QĐ-UBND")

    def resolve(citation):
        return SimpleNamespace(status="ambiguous", document=None, candidates=["x", "y"])

    groups = resolve_citations([a, b], resolve)
    assert len(groups) == 1 and [c.start for c in groups[0].citations] == [0, 50]


def test_pinpoints_of_a_group_are_each_listed_once_in_text_order():
    first = cite(0, "Điều 5 Nghị quyết số 76/NQ-CP", "76/NQ-CP", pinpoint=[{"dieu": "5"}])
    second = cite(40, "khoản 2 Điều 7 Nghị quyết số 76/NQ-CP", "76/NQ-CP", pinpoint=[{"dieu": "7", "khoan": "2"}])
    third = cite(90, "Điều 5 Nghị quyết số 76/NQ-CP", "76/NQ-CP", pinpoint=[{"dieu": "5"}])
    (group,) = resolve_citations([first, second, third], lambda c: answer("76-nq-cp"))
    assert group.first is first
    assert group.pinpoints == [{"dieu": "5"}, {"dieu": "7", "khoan": "2"}]
