"""A decree and the decree amending it (Nghị định 14/2022/NĐ-CP → 15/2020/NĐ-CP), shared by the
store's and the web's tests of changes by unit."""
from kb.model import Document, Source

AMENDED_HEAD = """CHÍNH PHỦ
Số: 15/2020/NĐ-CP

NGHỊ ĐỊNH
Quy định xử phạt vi phạm hành chính

"""

AMENDING = """CHÍNH PHỦ
Số: 14/2022/NĐ-CP

NGHỊ ĐỊNH
Sửa đổi, bổ sung một số điều của Nghị định số 15/2020/NĐ-CP

Điều 1. Sửa đổi, bổ sung khoản 3 Điều 7 Nghị định số 15/2020/NĐ-CP ngày 03/02/2020 của Chính phủ như sau:
“3. Phạt tiền từ 2.000.000 đồng.”
Điều 2. Bãi bỏ Điều 12 Nghị định số 15/2020/NĐ-CP.
Điều 3. Hiệu lực thi hành
Nghị định này có hiệu lực từ ngày 01 tháng 6 năm 2022.
"""


def save_decree(store, number, date, text, effective=None):
    """Save a Nghị định of the Chính phủ from a file named after its number."""
    doc = Document(number=number, type="Nghị định", issuer="Chính phủ", date=date, text=text,
                   effective_date=effective)
    return store.save_document(doc, Source(kind="file", url=f"{number.replace('/', '-')}.txt"))


def save_amended_and_amending(store, amended_body):
    """Nghị định 15/2020 (its articles: ``amended_body``) and 14/2022 amending it from 2022-06-01."""
    amended = save_decree(store, "15/2020/NĐ-CP", "2020-02-03", AMENDED_HEAD + amended_body)
    amending = save_decree(store, "14/2022/NĐ-CP", "2022-03-21", AMENDING, effective="2022-06-01")
    return amended, amending
