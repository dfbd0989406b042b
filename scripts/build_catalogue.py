#!/usr/bin/env python3
"""Build ``data/catalogue.json``: the project's own catalogue of document facts.

The facts are written below as data: the twelve documents that the seed plan
(Sở Ngoại vụ Quảng Ngãi, Kế hoạch tổ chức Hội nghị tuyên truyền CCHC, 2023)
cites, and the documents they rest on (their căn cứ) with the relations between
them.  Facts only: number, type, issuer, dates, title, relations, the official
portal where the document is published.  A field we are not sure of is None.
Where a fact comes from is recorded in ``provenance``.

Run: ``python scripts/build_catalogue.py`` (``--check`` fails when the file in
``data/`` differs from what the facts give, for CI).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "data" / "catalogue.json"

VBPL = "https://vbpl.vn"  # Cơ sở dữ liệu quốc gia về văn bản pháp luật (Bộ Tư pháp)
VANBAN_CP = "https://vanban.chinhphu.vn"  # Hệ thống văn bản của Chính phủ
QUANG_NGAI = "https://quangngai.gov.vn"  # Cổng thông tin điện tử tỉnh Quảng Ngãi

SEED = "Kế hoạch tổ chức Hội nghị tuyên truyền CCHC, xây dựng xã hội học tập năm 2023 (Sở Ngoại vụ Quảng Ngãi, 12/10/2023)"
PLAN = f"số, ngày, cơ quan và trích yếu như {SEED} ghi"

# Relations: (code, target key, evidence).  Evidence states the fact; it is not a quotation.
FACTS: list[dict] = [
    # --- the constitution and the organic laws the plan's documents rest on -------------
    {
        "key": "hien-phap-2013",
        "number": None, "type": "Hiến pháp", "name": "Hiến pháp",
        "title": "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam",
        "issuer": "Quốc hội", "date": "2013-11-28", "effective_date": "2014-01-01",
        "official_portal": VBPL, "provenance": "Quốc hội khóa XIII, kỳ họp thứ 6",
    },
    {
        "key": "203/2025/QH15",
        "number": "203/2025/QH15", "type": "Nghị quyết", "issuer": "Quốc hội",
        "title": "Sửa đổi, bổ sung một số điều của Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam",
        "date": "2025-06-16", "effective_date": "2025-07-01", "official_portal": VBPL,
        "relations": [("sua_doi", "hien-phap-2013", "Nghị quyết số 203/2025/QH15 sửa đổi, bổ sung một số điều của Hiến pháp năm 2013")],
    },
    {
        "key": "76/2015/QH13",
        "number": "76/2015/QH13", "type": "Luật", "name": "Luật Tổ chức Chính phủ",
        "title": "Luật Tổ chức Chính phủ", "issuer": "Quốc hội",
        "date": "2015-06-19", "effective_date": "2016-01-01", "official_portal": VBPL,
        "relations": [("can_cu", "hien-phap-2013", None)],
    },
    {
        "key": "77/2015/QH13",
        "number": "77/2015/QH13", "type": "Luật", "name": "Luật Tổ chức chính quyền địa phương",
        "title": "Luật Tổ chức chính quyền địa phương", "issuer": "Quốc hội",
        "date": "2015-06-19", "effective_date": "2016-01-01", "official_portal": VBPL,
        "relations": [("can_cu", "hien-phap-2013", None)],
    },
    {
        "key": "47/2019/QH14",
        "number": "47/2019/QH14", "type": "Luật",
        "name": "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
        "title": "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
        "issuer": "Quốc hội", "date": "2019-11-22", "effective_date": "2020-07-01", "official_portal": VBPL,
        "relations": [
            ("can_cu", "hien-phap-2013", None),
            ("sua_doi", "76/2015/QH13", "Luật số 47/2019/QH14 sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ số 76/2015/QH13"),
            ("sua_doi", "77/2015/QH13", "Luật số 47/2019/QH14 sửa đổi, bổ sung một số điều của Luật Tổ chức chính quyền địa phương số 77/2015/QH13"),
        ],
    },
    {
        "key": "63/2025/QH15",
        "number": "63/2025/QH15", "type": "Luật", "name": "Luật Tổ chức Chính phủ",
        "title": "Luật Tổ chức Chính phủ", "issuer": "Quốc hội",
        "date": "2025-02-18", "effective_date": "2025-03-01", "official_portal": VBPL,
        "relations": [
            ("can_cu", "hien-phap-2013", None),
            ("thay_the", "76/2015/QH13", "Luật Tổ chức Chính phủ số 63/2025/QH15 (hiệu lực từ 01/3/2025) thay thế Luật Tổ chức Chính phủ số 76/2015/QH13"),
        ],
    },
    {
        "key": "65/2025/QH15",
        "number": "65/2025/QH15", "type": "Luật", "name": "Luật Tổ chức chính quyền địa phương",
        "title": "Luật Tổ chức chính quyền địa phương", "issuer": "Quốc hội",
        "date": "2025-02-19", "effective_date": "2025-03-01", "official_portal": VBPL,
        "relations": [
            ("can_cu", "hien-phap-2013", None),
            ("thay_the", "77/2015/QH13", "Luật Tổ chức chính quyền địa phương số 65/2025/QH15 (hiệu lực từ 01/3/2025) thay thế Luật Tổ chức chính quyền địa phương số 77/2015/QH13"),
        ],
    },
    {
        "key": "72/2025/QH15",
        "number": "72/2025/QH15", "type": "Luật", "name": "Luật Tổ chức chính quyền địa phương",
        "title": "Luật Tổ chức chính quyền địa phương", "issuer": "Quốc hội",
        "date": "2025-06-16", "effective_date": "2025-07-01", "official_portal": VBPL,
        "relations": [
            ("can_cu", "hien-phap-2013", None),
            ("thay_the", "65/2025/QH15", "Luật Tổ chức chính quyền địa phương số 72/2025/QH15 (hiệu lực từ 01/7/2025) thay thế Luật số 65/2025/QH15"),
        ],
    },
    # --- the twelve documents the seed plan cites ----------------------------------------
    {
        "key": "198/KH-SNgV",
        "number": "198/KH-SNgV", "type": "Kế hoạch", "issuer": "Sở Ngoại vụ tỉnh Quảng Ngãi",
        "date": "2023-03-03", "place": "Quảng Ngãi",
        "title": "Đào tạo, bồi dưỡng chuyên môn nghiệp vụ, ngoại ngữ và cập nhật kiến thức về công tác đối ngoại năm 2023",
        "official_portal": QUANG_NGAI, "provenance": PLAN,
    },
    {
        "key": "210/KH-SNgV",
        "number": "210/KH-SNgV", "type": "Kế hoạch", "issuer": "Sở Ngoại vụ tỉnh Quảng Ngãi",
        "date": "2023-03-04", "place": "Quảng Ngãi",
        "title": "Tuyên truyền cải cách hành chính năm 2023",
        "official_portal": QUANG_NGAI, "provenance": PLAN,
    },
    {
        "key": "76/NQ-CP",
        "number": "76/NQ-CP", "type": "Nghị quyết", "issuer": "Chính phủ", "date": "2021-07-15",
        "title": "Ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030",
        "signer": "Phạm Minh Chính", "signer_title": "Thủ tướng", "place": "Hà Nội",
        "official_portal": VANBAN_CP, "provenance": PLAN,
        "relations": [("can_cu", "76/2015/QH13", None), ("can_cu", "47/2019/QH14", None)],
    },
    {
        "key": "93/NQ-HĐND",
        "number": "93/NQ-HĐND", "type": "Nghị quyết", "issuer": "Hội đồng nhân dân tỉnh Quảng Ngãi",
        "date": "2021-12-08", "place": "Quảng Ngãi",
        "title": "Về đẩy mạnh cải cách hành chính; nâng cao thứ hạng các chỉ số cải cách hành chính, hiệu quả quản trị"
                 " và hành chính công, năng lực cạnh tranh cấp tỉnh giai đoạn 2021 - 2025",
        "official_portal": QUANG_NGAI, "provenance": PLAN,
        "relations": [("can_cu", "77/2015/QH13", None), ("can_cu", "47/2019/QH14", None)],
    },
    {
        "key": "1256/QĐ-UBND",
        "number": "1256/QĐ-UBND", "type": "Quyết định", "issuer": "Ủy ban nhân dân tỉnh Quảng Ngãi",
        "date": "2021-12-22", "place": "Quảng Ngãi",
        "title": "Ban hành Kế hoạch cải cách hành chính; nâng cao thứ hạng các chỉ số cải cách hành chính, hiệu quả"
                 " quản trị và hành chính công, năng lực cạnh tranh cấp tỉnh giai đoạn 2021 - 2025",
        "official_portal": QUANG_NGAI, "provenance": PLAN,
        "relations": [("can_cu", "77/2015/QH13", None), ("can_cu", "47/2019/QH14", None)],
    },
    {
        "key": "1782/QĐ-UBND",
        "number": "1782/QĐ-UBND", "type": "Quyết định", "issuer": "Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi",
        "date": "2022-12-21", "place": "Quảng Ngãi",
        "title": "Ban hành Kế hoạch cải cách hành chính năm 2023 tỉnh Quảng Ngãi",
        "official_portal": QUANG_NGAI, "provenance": PLAN,
        "relations": [("can_cu", "77/2015/QH13", None), ("can_cu", "47/2019/QH14", None)],
    },
    {
        "key": "673/QĐ-UBND",
        "number": "673/QĐ-UBND", "type": "Quyết định", "issuer": "Ủy ban nhân dân tỉnh Quảng Ngãi",
        "date": "2023-07-17", "place": "Quảng Ngãi",
        "title": "Phê duyệt Đề án “Xác định Chỉ số cải cách hành chính của các sở, ban ngành; UBND các huyện, thị xã,"
                 " thành phố và Ủy ban nhân dân các xã, phường, thị trấn trên địa bàn tỉnh Quảng Ngãi” giai đoạn 2023 - 2030",
        "official_portal": QUANG_NGAI, "provenance": PLAN,
        "relations": [("can_cu", "77/2015/QH13", None), ("can_cu", "47/2019/QH14", None)],
    },
    {
        "key": "1283/QĐ-UBND",
        "number": "1283/QĐ-UBND", "type": "Quyết định", "issuer": "Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi",
        "date": "2023-08-25", "place": "Quảng Ngãi",
        "title": "Ban hành Kế hoạch triển khai xác định Chỉ số cải cách hành chính năm 2023 của các sở, ban ngành;"
                 " UBND các huyện, thị xã, thành phố và UBND các xã, phường, thị trấn trên địa bàn tỉnh Quảng Ngãi",
        "official_portal": QUANG_NGAI, "provenance": PLAN,
        "relations": [("can_cu", "77/2015/QH13", None), ("can_cu", "47/2019/QH14", None)],
    },
    {
        "key": "1373/QĐ-TTg",
        "number": "1373/QĐ-TTg", "type": "Quyết định", "issuer": "Thủ tướng Chính phủ", "date": "2021-07-30",
        "title": "Phê duyệt Đề án “Xây dựng xã hội học tập giai đoạn 2021 - 2030”",
        "signer": "Vũ Đức Đam", "signer_title": "Phó Thủ tướng", "place": "Hà Nội",
        "official_portal": VANBAN_CP, "provenance": PLAN,
        "relations": [("can_cu", "76/2015/QH13", None), ("can_cu", "47/2019/QH14", None)],
    },
    {
        "key": "1741/QĐ-UBND",
        # The plan writes "1741/QĐUBND" and gives no date: the date stays unknown.
        "number": "1741/QĐ-UBND", "type": "Quyết định", "issuer": "Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi",
        "date": None, "place": "Quảng Ngãi",
        "title": "Ban hành Kế hoạch thực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2021 - 2030”"
                 " trên địa bàn tỉnh Quảng Ngãi",
        "official_portal": QUANG_NGAI, "provenance": PLAN + " (viết “1741/QĐUBND”, không ghi ngày)",
        "relations": [("thuc_hien", "1373/QĐ-TTg", "Kế hoạch thực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2021 - 2030” ban hành kèm theo Quyết định số 1373/QĐ-TTg")],
    },
    {
        "key": "339/QĐ-UBND",
        "number": "339/QĐ-UBND", "type": "Quyết định", "issuer": "Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi",
        "date": "2022-03-21", "place": "Quảng Ngãi", "title": None,
        "summary": "Danh sách công nhận kết quả đánh giá, xếp loại “Đơn vị học tập” năm 2021",
        "official_portal": QUANG_NGAI, "provenance": PLAN,
    },
    {
        "key": "272/QĐ-UBND",
        "number": "272/QĐ-UBND", "type": "Quyết định", "issuer": "Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi",
        "date": "2023-03-02", "place": "Quảng Ngãi", "title": None,
        "summary": "Danh sách công nhận kết quả đánh giá, xếp loại “Đơn vị học tập” năm 2022",
        "official_portal": QUANG_NGAI, "provenance": PLAN,
    },
]

FIELDS = ("key", "number", "type", "name", "title", "summary", "issuer", "date", "year", "effective_date",
          "signer", "signer_title", "place", "validity", "category", "source_url", "official_portal", "provenance")


def build(facts: list[dict] = FACTS) -> dict:
    keys = [f["key"] for f in facts]
    if len(set(keys)) != len(keys):
        raise SystemExit("duplicate keys in FACTS")
    documents = []
    for fact in facts:
        entry = {name: fact.get(name) for name in FIELDS}
        entry["category"] = entry["category"] or "state"
        if entry["date"]:
            entry["year"] = int(entry["date"][:4])
        # Only a deep link is a source address; a portal's home page stays in official_portal,
        # so the site offers a vbpl search for the number instead of a page that does not show it.
        entry["relations"] = []
        for code, target, evidence in fact.get("relations", []):
            if target not in keys:
                raise SystemExit(f"{fact['key']}: relation to unknown key {target}")
            entry["relations"].append({"relation": code, "target": target, "evidence": evidence})
        documents.append(entry)
    return {
        "format": 1,
        "generated_by": "scripts/build_catalogue.py",
        "description": "Căn cứ: danh mục văn bản (chỉ dữ kiện) mà kế hoạch mẫu trích dẫn và các văn bản chúng căn cứ.",
        "documents": documents,
    }


def render(catalogue: dict) -> str:
    return json.dumps(catalogue, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if data/catalogue.json is out of date")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    text = render(build())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date: run scripts/build_catalogue.py", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"{args.output}: {len(build()['documents'])} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
