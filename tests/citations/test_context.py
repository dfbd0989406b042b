"""Web-site furniture around a document: the site's citations are not the document's."""
from kb.citations import get_citations

PAGE = """Bản dịch này thuộc quyền sở hữu của **
THƯ VIỆN PHÁP LUẬT**. Mọi hành vi sao chép theo Nghị định 99/2099/NĐ-CP là vi phạm.
**Số hiệu:**
|
12/2025/QĐ-UBND
|
**ỦY BAN NHÂN DÂN**
Số: 12/2025/QĐ-UBND
*Hà Nội, ngày 01 tháng 3 năm 2025*
**QUYẾT ĐỊNH**
BÃI BỎ QUYẾT ĐỊNH SỐ 5/2014/QĐ-UBND
*Căn cứ Nghị định số 78/2025/NĐ-CP ngày 01 tháng 4 năm 2025 của Chính phủ;*
Điều 1. Bãi bỏ Quyết định số 5/2014/QĐ-UBND.
CHỦ TỊCH
Nguyễn Văn A
Quyết định 12/2025/QĐ-UBND bãi bỏ Quyết định 5/2014/QĐ-UBND về vỉa hè
English translation: Decree No. 78/2025/ND-CP dated April 1, 2025
## Văn bản liên quan
**THÔNG BÁO**
Nghị định 13/2023/NĐ-CP về Bảo vệ dữ liệu cá nhân yêu cầu xác nhận.
"""


def test_site_furniture_is_dropped_and_own_number_kept_apart():
    cites = get_citations(PAGE)
    others = [(c.number, c.relation) for c in cites if not c.self]
    assert others == [("5/2014/QĐ-UBND", "bai_bo"), ("78/2025/NĐ-CP", "can_cu"), ("5/2014/QĐ-UBND", "bai_bo")]
    own = [c for c in cites if c.self]
    assert {c.number for c in own} == {"12/2025/QĐ-UBND"}
    assert any(c.text == "Số: 12/2025/QĐ-UBND" for c in own)


def test_text_without_header_keeps_everything():
    text = "Quyết định 12/2025/QĐ-UBND bãi bỏ Quyết định 5/2014/QĐ-UBND về vỉa hè."
    assert [c.number for c in get_citations(text)] == ["12/2025/QĐ-UBND", "5/2014/QĐ-UBND"]
