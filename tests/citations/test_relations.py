"""The relation of each citation to the citing document, from the sentence around it."""
import pytest

from kb.citations import get_citations

CASES = [
    ("Căn cứ Nghị định số 15/2020/NĐ-CP ngày 03/02/2020 của Chính phủ;", ["can_cu"]),
    ("Thực hiện Kế hoạch số 198/KH-SNgV ngày 03/3/2023 của Sở Ngoại vụ về đào tạo năm 2023 "
     "và Kế hoạch số 210/KH-SNgV ngày 04/3/2023 của Sở Ngoại vụ,", ["thuc_hien", "thuc_hien"]),
    ("Triển khai Chỉ thị số 27/CT-TTg ngày 15/8/2024 của Thủ tướng Chính phủ,", ["thuc_hien"]),
    ("Quyết định này sửa đổi, bổ sung Quyết định số 10/2020/QĐ-UBND ngày 01/3/2020.", ["sua_doi"]),
    ("Quyết định này thay thế Quyết định số 1704/QĐ-CT ngày 15/10/2007 của Chủ tịch UBND tỉnh.", ["thay_the"]),
    ("Bãi bỏ Quyết định số 55/2014/QĐ-UBND ngày 31/12/2014 của UBND thành phố Đà Nẵng.", ["bai_bo"]),
    ("Nghị quyết số 10/2022/NQ-HĐND hết hiệu lực kể từ ngày ký.", ["dan_chieu"]),
    ("Thông tư này hướng dẫn Nghị định số 08/2015/NĐ-CP ngày 21/01/2015 của Chính phủ.", ["huong_dan"]),
    ("Nghị định này quy định chi tiết Luật Đất đai năm 2024.", ["huong_dan"]),
    ("Theo Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ.", ["dan_chieu"]),
    # a list of grounds: items after ";" share "Căn cứ"
    ("Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ về kiểm soát thủ tục hành chính; "
     "Nghị định số 48/2013/NĐ-CP ngày 14/5/2013 của Chính phủ sửa đổi, bổ sung một số điều;",
     ["can_cu", "can_cu"]),
    # nested in the title of the cited document: a mention, not a ground
    ("Căn cứ Thông tư số 02/2017/TT-VPCP ngày 31/10/2017 của Văn phòng Chính phủ hướng dẫn "
     "Nghị định số 63/2010/NĐ-CP;", ["can_cu", "dan_chieu"]),
    ("Căn cứ Quyết định số 1229/QĐ-UBND ngày 28/02/2025 ban hành kèm theo Quyết định số 142/QĐ-TTg;",
     ["can_cu", "dan_chieu"]),
    # coordinated verbs of the citing document
    ("BÃI BỎ QUYẾT ĐỊNH SỐ 55/2014/QĐ-UBND NGÀY 31/12/2014 CỦA UBND THÀNH PHỐ ĐÀ NẴNG QUY ĐỊNH VỀ VỈA HÈ "
     "VÀ QUYẾT ĐỊNH SỐ 08/2023/QĐ-UBND NGÀY 23/02/2023", ["bai_bo", "bai_bo"]),
    # passive: what happened to the cited document, not what this one does
    ("Nghị định số 15/2020/NĐ-CP đã được sửa đổi, bổ sung tại Nghị định số 14/2022/NĐ-CP.", ["dan_chieu", "dan_chieu"]),
    ("thực hiện theo hướng dẫn tại Công văn số 574/UBND-NC ngày 23/9/2024.", ["dan_chieu"]),
    # cue words broken over lines or in capitals
    ("*Căn\ncứ Nghị định số 118/2025/NĐ-CP ngày 09 tháng\n6 năm 2025 của Chính phủ;*", ["can_cu"]),
    ("KẾ HOẠCH THỰC HIỆN CHỈ THỊ SỐ 32/CT-TTG NGÀY 21/10/2025", ["thuc_hien"]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_relation(text, expected):
    assert [c.relation for c in get_citations(text)] == expected
