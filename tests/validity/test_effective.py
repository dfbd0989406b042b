"""Effective dates and expiry read from a document's own text."""
from __future__ import annotations

import pytest

from bench.effective_dates import measure, official_dates, gazette_numbers
from kb.validity.effective import ADMINISTRATIVE_RULE, read_dates


def effective(text, signed="2025-06-10", doc_type="Nghị định", number="10/2025/NĐ-CP"):
    found = read_dates(text, signed, doc_type, number).effective
    return (found.date, found.kind) if found else None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Điều 5. Hiệu lực thi hành\n1. Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.",
         ("2025-07-01", "explicit")),
        ("Điều 5. Hiệu lực thi hành\nNghị định này có hiệu lực kể từ ngày 01/7/2025.", ("2025-07-01", "explicit")),
        ("Điều 3. Nghị định này có hiệu lực kể từ ngày ký.", ("2025-06-10", "signing")),
        ("Điều 3. Nghị định này có hiệu lực thi hành kể từ ngày ký ban hành.", ("2025-06-10", "signing")),
        ("Điều 9. Nghị định này có hiệu lực thi hành sau 45 ngày kể từ ngày ký.", ("2025-07-25", "offset")),
        # Hard wraps and gazette furniture inside the sentence.
        ("Điều 4. Điều khoản thi hành\n1. Nghị định này có hiệu lực thi hành kể từ ngày 16 tháng\n\n"
         "CÔNG BÁO/Số 333/Ngày 16-06-2026\n7\n\n7 năm 2026.", ("2026-07-16", "explicit")),
        # Markdown noise from a site copy.
        ("**Điều 3.** **Nghị định này** có hiệu lực từ ngày **15/02/2025**.", ("2025-02-15", "explicit")),
        # The clause without "này", as its own item.
        ("Điều 5. Hiệu lực thi hành\n1. Nghị định có hiệu lực thi hành kể từ ngày 28 tháng 11 năm 2025.",
         ("2025-11-28", "explicit")),
    ],
)
def test_effective_forms(text, expected):
    assert effective(text) == expected


def test_hdnd_resolution_adopted_and_effective():
    text = ("Điều 3. Tổ chức thực hiện\n... Nghị quyết này đã được Hội đồng nhân dân tỉnh Quảng Ngãi khóa XIII,"
            " kỳ họp thứ 30 thông qua ngày 10 tháng 12 năm 2024 và có hiệu lực từ ngày 01 tháng 01 năm 2025./.")
    assert effective(text, "2024-12-10", "Nghị quyết", "20/2024/NQ-HĐND") == ("2025-01-01", "explicit")
    passed = ("Nghị quyết này đã được Hội đồng nhân dân tỉnh X khóa XIII, kỳ họp thứ 30 thông qua ngày"
              " 10 tháng 12 năm 2024 và có hiệu lực kể từ ngày thông qua.")
    assert effective(passed, None, "Nghị quyết", "20/2024/NQ-HĐND") == ("2024-12-10", "signing")


def test_signing_date_unknown_gives_the_kind_without_a_date():
    assert effective("Điều 3. Quyết định này có hiệu lực kể từ ngày ký.", None, "Quyết định", "5/2025/QĐ-UBND") \
        == (None, "signing")


def test_another_documents_expiry_in_the_effect_article_is_not_this_ones():
    text = ("Điều 114. Hiệu lực thi hành\n1. Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026.\n"
            "2. Nghị định số 62/2015/NĐ-CP ngày 18 tháng 7 năm 2015 của Chính phủ hết hiệu lực kể từ ngày\n"
            "Nghị định này có hiệu lực thi hành.")
    found = read_dates(text, "2026-05-27", "Nghị định", "152/2026/NĐ-CP")
    assert found.effective.date == "2026-07-01"
    assert found.expiry is None
    assert found.effective.sentence == "Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026."


def test_a_letter_quoting_a_decree_does_not_take_its_dates():
    text = ("Tại Điều 3 Nghị định số 72/2024/NĐ-CP quy định: “Nghị định này có hiệu lực thi hành từ ngày"
            " 01 tháng 7 năm 2024 đến hết ngày 31 tháng 12 năm 2024.” Đề nghị Công ty thực hiện.\n"
            "Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2024 đến hết ngày 31 tháng 12 năm 2024.")
    found = read_dates(text, "2025-12-01", "Công văn", "3257/TNI-QLDN1")
    assert found.expiry is None and found.effective.kind == "administrative"
    # The number's form names the type when the header was misread.
    decree = read_dates("Điều 5. Nghị định này có hiệu lực thi hành từ ngày 23 tháng 3 năm 2025.",
                        "2025-02-01", "Quy định", "16/2025/NĐ-CP")
    assert decree.effective.date == "2025-03-23"


def test_one_provisions_date_is_not_the_documents():
    text = ("Điều 10. Hiệu lực thi hành\n1. Khoản 3 Điều 5 của Luật này có hiệu lực từ ngày 01 tháng 01 năm 2027.\n"
            "2. Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026.")
    assert effective(text, "2025-06-01", "Luật", "50/2025/QH15") == ("2026-07-01", "explicit")


def test_quoted_article_of_the_amended_document_is_not_this_ones():
    text = ("Điều 1. Sửa đổi Điều 11 Nghị định số 5/2020/NĐ-CP như sau:\n"
            "“Điều 11. Hiệu lực thi hành\nNghị định này có hiệu lực từ ngày 01 tháng 3 năm 2020.”.\n"
            "Điều 2. Hiệu lực thi hành\nNghị định này có hiệu lực kể từ ngày 15 tháng 8 năm 2025.")
    assert effective(text) == ("2025-08-15", "explicit")


def test_condition_before_the_clause_is_not_the_statement():
    text = "Các hồ sơ nộp trước khi Nghị định này có hiệu lực thì tiếp tục giải quyết."
    assert effective(text) is None


@pytest.mark.parametrize(
    "text, expiry",
    [
        ("Nghị quyết này được thực hiện đến hết ngày 31/12/2025.", "2026-01-01"),
        ("Nghị quyết này có hiệu lực từ ngày 01/01/2024 và áp dụng đến hết ngày 31 tháng 12 năm 2025.", "2026-01-01"),
        ("Nghị quyết này hết hiệu lực kể từ ngày 01 tháng 01 năm 2026.", "2026-01-01"),
        ("Nghị quyết này được áp dụng đến hết năm 2030.", "2031-01-01"),
    ],
)
def test_expiry_forms(text, expiry):
    found = read_dates(text, "2024-01-01", "Nghị quyết", "5/2024/NQ-HĐND")
    assert found.expiry is not None and found.expiry.date == expiry


def test_administrative_document_takes_effect_when_signed_by_rule():
    text = "Kính gửi: Sở Tài chính.\nCục Thuế trả lời như sau: ..."
    found = read_dates(text, "2025-11-20", "Công văn", "5348/CT-CS").effective
    assert (found.date, found.kind, found.sentence) == ("2025-11-20", "administrative", ADMINISTRATIVE_RULE)
    # A normative document's date is never assumed, nor one numbered with its year.
    assert read_dates(text, "2025-11-20", "Thông tư", "5/2025/TT-BTC").effective is None
    assert read_dates(text, "2025-11-20", "Quyết định", "97/2025/QĐ-UBND").effective is None


def test_no_text_says_nothing():
    assert read_dates(None).effective is None and read_dates("").expiry is None


@pytest.mark.shared
def test_gazette_dates_agree_with_the_official_notes(shared):
    """Công báo text alone against the Pháp điển notes' dates (the issue's target: ≥ 0.9)."""
    official = official_dates(shared)
    assert len(official) > 1000
    folder = shared / "corpus" / "congbao"
    result = measure(sorted(folder.glob("*.txt")), official, False, gazette_numbers(folder))
    assert result["compared"] >= 30
    assert result["agreement"] >= 0.9
    assert result["coverage"] >= 0.85


# --- dates tied to another document (kb.validity.dependent) -------------------------------------
@pytest.mark.parametrize("text, depends_on", [
    ("Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày Nghị định số 268/2025/NĐ-CP ngày 14 tháng 10 năm"
     " 2025 của Chính phủ có hiệu lực. Điều 4. Chánh Văn phòng …",
     "Nghị định số 268/2025/NĐ-CP ngày 14 tháng 10 năm 2025 của Chính phủ"),
    ("Điều 3. Quyết định này có hiệu lực thi hành theo Quyết định số 4831/QĐ-BNNMT ngày 17/11/2025 của Bộ trưởng"
     " Bộ Nông nghiệp và Môi trường. Điều 4. …",
     "Quyết định số 4831/QĐ-BNNMT ngày 17/11/2025 của Bộ trưởng Bộ Nông nghiệp và Môi trường"),
    ("1. Nghị định này có hiệu lực cùng thời điểm với Phụ lục IV ban hành kèm theo Luật Đầu tư năm 2025.",
     "Phụ lục IV ban hành kèm theo Luật Đầu tư năm 2025"),
    ("Quyết định này có hiệu lực từ ngày văn bản quy phạm pháp luật có quy định về thủ tục hành chính có hiệu lực"
     " thi hành.", "văn bản quy phạm pháp luật có quy định về thủ tục hành chính"),
])
def test_a_date_tied_to_another_document_is_dependent_not_guessed(text, depends_on):
    # Numbered without a year: the administrative rule would say "from signing"; the text says otherwise.
    own = ("Nghị định", "5/2026/NĐ-CP") if "Nghị định này" in text else ("Quyết định", "1234/QĐ-UBND")
    found = read_dates(text, "2025-12-01", *own).effective
    assert (found.kind, found.date, found.depends_on) == ("dependent", None, depends_on)
    assert found.to_json()["depends_on"] == depends_on


def test_itself_is_no_other_document():
    text = "Các quy định tại Nghị định này để có hiệu lực đồng thời với Nghị định này."
    assert read_dates(text, "2026-01-01", "Nghị định", "6/2026/NĐ-CP").effective is None


def test_resolve_takes_the_other_documents_date_only_when_known():
    from kb.validity.dependent import reference, resolve

    found = read_dates("Quyết định này có hiệu lực thi hành kể từ ngày Nghị định số 268/2025/NĐ-CP ngày 14 tháng 10"
                       " năm 2025 của Chính phủ có hiệu lực.", "2025-12-01", "Quyết định", "9/QĐ-UBND").effective
    assert reference(found.depends_on) == ("268/2025/NĐ-CP", "2025-10-14")
    asked = []
    got = resolve(found, lambda number, issued: asked.append((number, issued)) or "2025-12-01")
    assert asked == [("268/2025/NĐ-CP", "2025-10-14")] and (got.kind, got.date) == ("dependent", "2025-12-01")
    assert resolve(found, lambda number, issued: None).date is None
    assert reference("văn bản quy phạm pháp luật có quy định về thủ tục hành chính") == (None, None)
