"""Header rules found on the Công báo texts and issue 13's cut titles (kb.metadata.header)."""
from __future__ import annotations

from kb.metadata import parse_header

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"


def test_title_ending_with_the_issuers_name_after_a_linking_word_is_kept():
    doc = parse_header(
        "BỘ NÔNG NGHIỆP\nVÀ\nMÔI TRƯỜNG\n-------\n\n" + MOTTO + "Số: 4831/QĐ-BNNMT\n\nHà Nội, ngày 17\ntháng 11 năm 2025\n\n"
        "QUYẾT ĐỊNH\n\nVỀ VIỆC CÔNG BỐ BỔ SUNG THỦ TỤC HÀNH CHÍNH TRONG LĨNH VỰC ĐỊA\nCHẤT VÀ KHOÁNG SẢN THUỘC "
        "PHẠM VI CHỨC NĂNG QUẢN LÝ NHÀ NƯỚC CỦA BỘ NÔNG NGHIỆP\nVÀ MÔI TRƯỜNG\n\nBỘ TRƯỞNG BỘ NÔNG NGHIỆP VÀ MÔI "
        "TRƯỜNG\n\nCăn cứ Nghị định số 35/2025/NĐ-CP;\n")
    assert doc.title.endswith("QUẢN LÝ NHÀ NƯỚC CỦA BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG")
    # Flat text that puts the authority line right after the title still loses it.
    flat = parse_header("ỦY BAN NHÂN DÂN TỈNH KON TUM\n" + MOTTO + "Số: 12/QĐ-UBND\nKon Tum, ngày 02 tháng 01 năm 2026\n"
                        "QUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH KẾ HOẠCH NĂM 2026 ỦY BAN NHÂN DÂN TỈNH KON TUM\nCăn cứ Luật;\n")
    assert flat.title == "VỀ VIỆC BAN HÀNH KẾ HOẠCH NĂM 2026"


def test_title_opening_with_cua_keeps_its_heading():
    doc = parse_header(
        "BAN\nCHẤP HÀNH TRUNG ƯƠNG\n*\n\nĐẢNG\nCỘNG SẢN VIỆT NAM\n---------------\n\nSố 221-KL/TW\n\nHà Nội, ngày 28\n"
        "tháng 11 năm 2025\n\nKẾT LUẬN\nCỦA BỘ CHÍNH TRỊ,\nBAN BÍ THƯ\nVỀ TÌNH HÌNH, KẾT\nQUẢ HOẠT ĐỘNG CỦA BỘ MÁY\n"
        "-----\nTại phiên họp ngày 28/11/2025, Bộ Chính trị kết luận:\n")
    assert doc.title.startswith("KẾT LUẬN CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ VỀ TÌNH HÌNH")


def test_date_inside_the_title_is_not_the_header_date():
    doc = parse_header(
        "ỦY BAN THƯỜNG VỤ QUỐC HỘI\n\nNghị quyết số: 24/2022/UBTVQH15\n" + MOTTO + "\nNGHỊ QUYẾT\n"
        "Tiếp tục chi trả hỗ trợ đối với người lao động theo\nNghị quyết số 03/2021/UBTVQH15 ngày 24 tháng 9 năm 2021\n"
        "của Ủy ban Thường vụ Quốc hội\n\nỦY BAN THƯỜNG VỤ QUỐC HỘI\n\nCăn cứ Hiến pháp;\n")
    assert doc.date is None and doc.number == "24/2022/UBTVQH15"
    assert doc.title.startswith("Tiếp tục chi trả hỗ trợ") and doc.title.endswith("của Ủy ban Thường vụ Quốc hội")


def test_consolidated_text_title_stops_at_its_preamble_and_takes_the_authentication_block():
    text = (MOTTO + "\nNGHỊ ĐỊNH1\nThực hiện thí điểm quản lý lao động, tiền lương\nđối với một số tập đoàn kinh tế\n"
            "Nghị định số 20/2020/NĐ-CP ngày 17 tháng 02 năm 2020 của Chính phủ thực\nhiện thí điểm, có hiệu lực từ "
            "ngày 01 tháng 4 năm 2020, được sửa\nđổi, bổ sung bởi:\n1. Nghị định số 87/2021/NĐ-CP ngày 29 tháng 9 năm "
            "2021 của Chính phủ, có hiệu lực kể từ ngày 15 tháng 11 năm 2021.\nCăn cứ Luật Tổ chức Chính phủ;\n"
            "Chính phủ ban hành Nghị định thực hiện thí điểm.\nĐiều 1. Phạm vi\n…/.\n\nBỘ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI\n\n"
            "Số: 1166/VBHN-BLĐTBXH\n\nXÁC THỰC VĂN BẢN HỢP NHẤT\nHà Nội, ngày 22 tháng 3 năm 2024\n\nKT. BỘ TRƯỞNG\n"
            "THỨ TRƯỞNG\n\nNguyễn Văn C\n")
    doc = parse_header(text)
    assert doc.title == "Thực hiện thí điểm quản lý lao động, tiền lương đối với một số tập đoàn kinh tế"
    assert (doc.number, doc.type, doc.date) == ("1166/VBHN-BLĐTBXH", "Văn bản hợp nhất", "2024-03-22")
    assert doc.issuer.lower() == "bộ lao động - thương binh và xã hội"  # not "Chính phủ" of the promulgation sentence


def test_wrapped_law_list_is_not_the_number_label():
    doc = parse_header("THÔNG TƯ\nHướng dẫn việc kê khai thuế\n\nCăn cứ Luật Thuế thu nhập cá nhân số 04/2007/QH12 được "
                       "sửa đổi, bổ sung bởi\nLuật số 56/2024/QH15;\nBộ trưởng Bộ Tài chính ban hành Thông tư hướng dẫn.\n")
    assert doc.number is None
    assert (doc.type, doc.title, doc.issuer) == ("Thông tư", "Hướng dẫn việc kê khai thuế", "Bộ Tài chính")


def test_law_date_from_the_session_formula_before_long_annexes():
    body = "Điều 1. Phạm vi\nLuật này quy định …\n" + "Phụ lục: ngành, nghề\n" * 600
    text = ("QUỐC HỘI\n" + MOTTO + "Luật số: 67/2014/QH13\n\nLUẬT\nĐẦU TƯ\n\nCăn cứ Hiến pháp;\n" +
            "Điều 76. Hiệu lực thi hành\nLuật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIII,\n"
            "kỳ họp thứ 8 thông qua ngày 26 tháng 11 năm 2014./.\n\nCHỦ TỊCH QUỐC HỘI\nNguyễn Sinh Hùng\n" + body)
    assert parse_header(text).date == "2014-11-26"


def test_signature_placeholder_and_the_last_closing_formula():
    quoted = "Điều 1. Sửa đổi Điều 5 như sau:\n“5. Mẫu đơn theo Phụ lục./.”\n" + "Nội dung sửa đổi.\n" * 700
    text = ("BỘ TÀI CHÍNH\n" + MOTTO + "Số: 58/2026/TT-BTC\nHà Nội, ngày 02 tháng 6 năm 2026\nTHÔNG TƯ\n"
            "Quy định về đăng ký thuế1\nCăn cứ Luật;\n" + quoted +
            "Điều 2. Hiệu lực\nThông tư này có hiệu lực./.\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n[daky]\nTạ Anh Tuấn\n")
    doc = parse_header(text)
    assert (doc.signer, doc.signer_title) == ("Tạ Anh Tuấn", "THỨ TRƯỞNG")
    assert doc.title == "Quy định về đăng ký thuế"
