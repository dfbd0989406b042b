"""Numbers repaired from what they prove themselves, and only then."""
import pytest

from kb.identity import number_key, repair_number
from kb.store import open_store
from kb.model import Document


@pytest.mark.parametrize("raw, type_, expected", [
    ("13/2008/QH112", "Luật", "13/2008/QH12"),          # typo: 2008 sat only under khóa XII
    ("83/2015/QH14", "Luật", "83/2015/QH13"),            # khóa XIV began in 2016
    ("80/2015/QH13", "Luật", "80/2015/QH13"),            # right already
    ("101/2016/QH13", "Luật", "101/2016/QH13"),          # 2016: both khóa sat, keep as written
    ("65/2016/QH14", "Luật", "65/2016/QH14"),
    ("76/2025/UBTVQH15", "Nghị quyết", "76/2025/NQ-UBTVQH15"),
    ("02/2022/UBTVQH15", "Pháp lệnh", "02/2022/UBTVQH15"),  # a Pháp lệnh has no type symbol
    ("76/2025/UBTVQH15", None, "76/2025/UBTVQH15"),      # type unknown: nothing proves it
    ("30/2020/NĐ-CP", "Nghị định", "30/2020/NĐ-CP"),
    ("76/NQ-CP", "Nghị quyết", "76/NQ-CP"),
    ("1741/QĐ-UBND", "Quyết định", "1741/QĐ-UBND"),
])
def test_repair_number(raw, type_, expected):
    assert repair_number(raw, type_) == expected


def test_equivalent_numbers_become_one_record(tmp_path):
    with open_store(tmp_path) as store:
        a = store.save_document(Document(number="1/2025/QĐ-UBND", type="Quyết định", issuer="UBND tỉnh Quảng Ngãi",
                                         date="2025-05-01", title="A",
                                         text="Căn cứ Nghị quyết số 76/2025/UBTVQH15 ngày 14/4/2025 của Ủy ban Thường vụ Quốc hội;"))
        b = store.save_document(Document(number="2/2025/QĐ-UBND", type="Quyết định", issuer="UBND tỉnh Quảng Ngãi",
                                         date="2025-05-02", title="B",
                                         text="Căn cứ Nghị quyết số 76/2025/NQ-UBTVQH15 ngày 14/4/2025 của Ủy ban Thường vụ Quốc hội;"))
        targets = {e.target_doc.slug for r in (a, b) for es in store.outgoing(r.id).values() for e in es}
        assert len(targets) == 1
        assert store.lookup("76/2025/NQ-UBTVQH15")[0].number == "76/2025/NQ-UBTVQH15"
        assert number_key("13/2008/QH12") == number_key(repair_number("13/2008/QH112", "Luật"))
