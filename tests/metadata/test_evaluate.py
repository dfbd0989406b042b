"""What counts as right when the header is compared with the site's table."""
from __future__ import annotations

import pytest

from kb.metadata.evaluate import field_matches, issuer_matches
from kb.metadata.tvpl_table import TvplTable
from kb.model import Document


@pytest.mark.parametrize(
    "table, parsed, right",
    [
        ("Tỉnh Quảng Ngãi", "Ủy ban nhân dân tỉnh Quảng Ngãi", True),
        ("Thành phố Hà Nội", "Hội đồng nhân dân thành phố Hà Nội", True),
        ("Thành phố Hồ Chí Minh", "UBND TP. Hồ Chí Minh", True),
        ("Cục Thuế", "Cục Thuế", True),
        ("Bộ Văn hoá, Thể thao và du lịch", "Bộ Văn hóa, Thể thao và Du lịch", True),  # tone placement, case
        ("Thành phố Hà Nội", "Sở Giáo dục và Đào tạo thành phố Hà Nội", False),  # a department is not the city
        ("Tỉnh Quảng Ngãi", "Ủy ban nhân dân tỉnh Quảng Nam", False),
        ("Bộ Tài chính", "Cục Thuế", False),
        ("Cục Thuế", None, False),
    ],
)
def test_issuer_matches(table, parsed, right):
    assert issuer_matches(table, parsed) is right


@pytest.mark.parametrize(
    "label, parsed, right",
    [
        ("Quyết định", "Quyết định", True),
        ("Văn bản khác", "Kết luận", True),  # the site has no category for it
        ("Văn bản khác", "Quyết định", False),  # it has one for this
        ("Văn bản khác", None, False),
        ("Công văn", "Thông báo", False),
    ],
)
def test_type_matches(label, parsed, right):
    table = TvplTable(fields={"type": label})
    assert field_matches("type", table, Document(number=None, type=parsed)) is right


def test_number_and_date_matches():
    table = TvplTable(fields={"number": "05/2012/TTLT-BTC-BNN", "date": "05/01/2012"})
    assert field_matches("number", table, Document(number="5/2012/ttlt-btc-bnn"))
    assert not field_matches("number", table, Document(number="05/2013/TTLT-BTC-BNN"))
    assert field_matches("date", table, Document(number=None, date="2012-01-05"))
    assert not field_matches("date", table, Document(number=None, date="2012-05-01"))
