"""How a title reads: ALL-CAPS titles in Vietnamese sentence case.

Most crawled titles are written in capitals ("VỀ VIỆC BAN HÀNH QUY CHẾ … TỈNH
QUẢNG NGÃI").  Shown as such they shout; lowercased blindly they lose the
proper names.  :func:`sentence_case` lowercases, capitalizes the first letter,
and keeps capitals where Vietnamese writing keeps them: abbreviations and
codes (UBND, QĐ-UBND, 2025/NĐ-CP), the names of places after "tỉnh", "thành
phố", "huyện" …, and the names of state bodies.  The original stays in the data.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Words kept in capitals (abbreviations), folded comparison not needed: as written.
_ABBREVIATIONS = {
    "UBND", "HĐND", "MTTQ", "TW", "TƯ", "BCH", "QĐ", "NQ", "NĐ", "CP", "TT", "BTC", "BNV", "BTP", "VN",
    "CNTT", "THPT", "THCS", "BHXH", "BHYT", "KT-XH", "KTXH", "XHCN", "ĐTQG", "COVID", "COVID-19",
    "ASEAN", "WTO", "ODA", "PPP", "GDP", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII",
    "XIII", "XIV", "XV", "XVI", "QH", "UBTVQH", "VPQH", "VBHN", "TTg", "CT", "KH", "HD", "BNNMT",
}
# After these words the following syllables are a proper name (Quảng Ngãi, Hà Nội).
_PLACE_MARKERS = {"tỉnh": 4, "thành phố": 4, "huyện": 4, "quận": 4, "thị xã": 4, "thị trấn": 4, "xã": 4,
                  "phường": 4, "sông": 3, "đảo": 3, "sở": 1, "cục": 1}  # marker → most words capitalized
# A proper name ends before these (lowercase) words.
_NAME_STOPS = {
    "năm", "về", "và", "giai", "đoạn", "trên", "địa", "bàn", "đến", "theo", "của", "cho", "trong", "tại",
    "với", "từ", "thuộc", "sau", "khi", "để", "các", "những", "mới", "đối", "giai", "đợt", "lần", "đã",
    "được", "nhiệm", "kỳ", "thời", "kỳ", "tầm", "nhìn", "là", "có", "vào", "ra", "do", "bằng", "hết",
}
# Names of bodies and institutions written with capitals inside a sentence.
_NAMES = [
    "Việt Nam", "Quốc hội", "Chính phủ", "Thủ tướng Chính phủ", "Thủ tướng", "Ủy ban Thường vụ Quốc hội",
    "Ủy ban nhân dân", "Hội đồng nhân dân", "Mặt trận Tổ quốc", "Bộ Chính trị", "Ban Bí thư",
    "Ban Chấp hành Trung ương", "Đảng Cộng sản Việt Nam", "Đảng", "Nhà nước", "Chủ tịch nước",
    "Tòa án nhân dân", "Viện kiểm sát nhân dân", "Kiểm toán nhà nước", "Ngân hàng Nhà nước",
    "Bộ Tài chính", "Bộ Nội vụ", "Bộ Tư pháp", "Bộ Công an", "Bộ Quốc phòng", "Bộ Y tế", "Bộ Xây dựng",
    "Bộ Công Thương", "Bộ Ngoại giao", "Bộ Giáo dục và Đào tạo", "Bộ Khoa học và Công nghệ",
    "Bộ Nông nghiệp và Môi trường", "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Giao thông vận tải",
    "Bộ Tài nguyên và Môi trường", "Bộ Lao động - Thương binh và Xã hội", "Bộ Thông tin và Truyền thông",
    "Bộ Kế hoạch và Đầu tư", "Bộ Nông nghiệp và Phát triển nông thôn", "Văn phòng Chính phủ",
    "Thanh tra Chính phủ", "Bộ luật", "Hiến pháp", "Tổng cục",
]
# marker words, longest first, indexed by their first word: one dict lookup per token
_MARKERS_BY_FIRST: dict[str, list[tuple[list[str], int]]] = {}
for _m, _limit in sorted(_PLACE_MARKERS.items(), key=lambda kv: -len(kv[0].split(" "))):
    _MARKERS_BY_FIRST.setdefault(_m.split(" ")[0], []).append((_m.split(" "), _limit))
_NAME_RES = [(re.compile(r"(?<!\w)" + re.escape(n.lower()) + r"(?!\w)"), n) for n in sorted(_NAMES, key=len, reverse=True)]
_TOKEN = re.compile(r"\S+")


def is_shouting(title: str) -> bool:
    letters = [c for c in title if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def sentence_case(title: str | None) -> str | None:
    """``title`` in sentence case when it is written in capitals; otherwise unchanged."""
    if not title:
        return title
    return _displayed(title)


@lru_cache(maxsize=8192)  # counting a title's capitals is a Python loop over its letters
def _displayed(title: str) -> str:
    return _sentence_case(title) if is_shouting(title) else title


@lru_cache(maxsize=8192)  # every results page shows titles seen before: pay the rewriting once
def _sentence_case(title: str) -> str:
    words = []
    for tok in _TOKEN.findall(title):
        core = tok.strip(".,;:()\"'“”")
        keep = core in _ABBREVIATIONS or any(c.isdigit() for c in core) or (
            "-" in core and all(p in _ABBREVIATIONS or p.isdigit() for p in core.split("-") if p))
        words.append(tok if keep else tok.lower())
    text = " ".join(words)
    for pattern, name in _NAME_RES:
        text = pattern.sub(name, text)
    text = _capitalize_places(text)
    return text[:1].upper() + text[1:]


def _capitalize_places(text: str) -> str:
    tokens = text.split(" ")
    lowered = [t.lower() for t in tokens]
    out = list(tokens)
    i = 0
    while i < len(tokens):
        marker, most = None, 0
        for parts, limit in _MARKERS_BY_FIRST.get(lowered[i], ()):
            if lowered[i:i + len(parts)] == parts:
                marker, most = parts, limit
                break
        if marker is None:
            i += 1
            continue
        j = i + len(marker)
        taken = 0
        while j < len(tokens) and taken < most:
            word = tokens[j].strip(".,;:()")
            if not word or word.lower() in _NAME_STOPS or any(c.isdigit() for c in word) or not word[0].isalpha():
                break
            out[j] = tokens[j][:1].upper() + tokens[j][1:]
            trailing = tokens[j][-1:] in ",;:)"
            j += 1
            taken += 1
            if trailing:
                break
        if taken and marker in (["sở"], ["cục"]):
            out[i] = tokens[i][:1].upper() + tokens[i][1:]  # "Sở Ngoại vụ"
        i = max(j, i + 1)
    return " ".join(out)
