"""The words of Vietnamese legal documents, in one place: document types and issuing bodies.

Every module that needs a type's name, its symbol in a number ("QĐ" in
``1622/QĐ-UBND``), its heading, its search code, or an issuer's symbol and
name derives what it needs from the two tables below (the header parser, the
citation engine, the store's matching keys and checks, the vbpl scraper, the
search index).  Add a type or a body here and every reader knows it.

Symbols are those of Nghị định 30/2020/NĐ-CP, Phụ lục III (state documents),
as officials actually write them.
"""
from __future__ import annotations

from dataclasses import dataclass

from kb.text import fold_key

__all__ = [
    "DocType", "Issuer", "TYPES", "ISSUERS", "TYPE_BY_SYMBOL", "TYPE_HEADINGS", "NAMED_TYPES",
    "TEXT_TYPES", "VBPL_TYPES", "SEARCH_CODES", "ISSUER_BY_SYMBOL", "ISSUER_KEY_EXPANSIONS",
    "LOCAL_ISSUERS", "NATIONAL_SYMBOLS", "CENTRAL_ISSUER_NAMES", "ISSUER_WORDS",
    "type_by_symbol", "folded",
]


@dataclass(frozen=True)
class DocType:
    """One type of document.

    ``forms``: how running text writes it, lower case, longest first (the name itself when
    empty); ``heading``: whether it stands as a heading in an official header ("QUYẾT ĐỊNH");
    ``in_text``: whether the citation engine reads it before a number; ``vbpl``: one of
    vbpl.vn's categories; ``search``: the code the search index files it under, when it is not
    the folded symbol; ``by_name``: cited by its name ("Luật Đất đai"), not by its number.
    """

    name: str
    symbol: str | None = None
    forms: tuple[str, ...] = ()
    heading: bool = True
    in_text: bool = True
    vbpl: bool = False
    search: str | None = None
    by_name: bool = False

    @property
    def written(self) -> tuple[str, ...]:
        return self.forms or (self.name.lower(),)

    @property
    def code(self) -> str | None:
        """The search code: ``Quyết định`` → ``qd``."""
        return self.search or (folded(self.symbol) if self.symbol else None)


def folded(text: str) -> str:
    """The comparison key of a name or symbol: ``"Nghị quyết"`` → ``"nghi quyet"``, ``"QĐ"`` → ``"qd"``."""
    return fold_key(text)


# Heading types first, in the order the header parser tries them (a longer heading
# before the shorter one it starts with: "THÔNG TƯ LIÊN TỊCH" before "THÔNG TƯ").
TYPES: tuple[DocType, ...] = (
    DocType("Nghị quyết liên tịch", "NQLT", vbpl=True),
    DocType("Thông tư liên tịch", "TTLT", vbpl=True),
    # A heading of its own; in running text a form of "Chương trình".
    DocType("Chương trình hành động", in_text=False),
    DocType("Văn bản hợp nhất", "VBHN", vbpl=True),
    DocType("Quyết định", "QĐ", vbpl=True),
    DocType("Nghị quyết", "NQ", vbpl=True),
    DocType("Nghị định", "NĐ", vbpl=True),
    DocType("Thông tư", "TT", vbpl=True),
    DocType("Kế hoạch", "KH", forms=("kế hoạch hành động", "kế hoạch"), vbpl=True),
    DocType("Chỉ thị", "CT", vbpl=True),
    DocType("Thông báo", "TB", forms=("thông báo kết luận", "thông báo"), vbpl=True),
    DocType("Công điện", "CĐ"),
    DocType("Báo cáo", "BC"),
    DocType("Tờ trình", "TTr"),
    DocType("Hướng dẫn", "HD", vbpl=True),
    DocType("Chương trình", "CTr", forms=("chương trình hành động", "chương trình")),
    DocType("Quy chế", "QC", vbpl=True),
    # (Search files "quy định" under "qd" with "Quyết định": users type either.)
    DocType("Quy định", "QĐi", vbpl=True, search="qd"),
    DocType("Đề án", "ĐA"),
    DocType("Phương án", "PA", in_text=False),
    DocType("Kết luận", "KL"),
    DocType("Thông cáo", in_text=False),
    DocType("Điều lệ", in_text=False),
    DocType("Bộ luật", vbpl=True, search="luat", by_name=True),
    DocType("Pháp lệnh", "PL", vbpl=True, by_name=True),
    DocType("Hiến pháp", vbpl=True, search="hp", by_name=True),
    DocType("Luật", vbpl=True, search="luat", by_name=True),
    DocType("Lệnh", "L", vbpl=True),
    DocType("Công văn", "CV", vbpl=True),
    DocType("Giấy mời", in_text=False, search="gm"),
    DocType("Biên bản", in_text=False, search="bb"),
    DocType("Quy trình", in_text=False),
    # Types met in running text or on sites, never as a header's heading.
    DocType("Thông tri", heading=False, search="ttr"),
    DocType("Giấy phép", "GP", heading=False),
    DocType("Sắc lệnh", heading=False, vbpl=True, search="sl"),
    DocType("Văn bản", heading=False),
    DocType("Sắc luật", heading=False, in_text=False, vbpl=True),
    DocType("Điều ước quốc tế", heading=False, in_text=False, vbpl=True),
    DocType("Văn bản khác", heading=False, in_text=False, vbpl=True),
    DocType("Chỉ thị liên tịch", heading=False, in_text=False, vbpl=True),
    DocType("Án lệ", heading=False, in_text=False, vbpl=True),
    DocType("Dự án", heading=False, in_text=False, search="da"),
)

# Symbol in a number → type name ("QĐ" → "Quyết định").
TYPE_BY_SYMBOL: dict[str, str] = {t.symbol: t.name for t in TYPES if t.symbol}
# Headings as an official header types them, in the order to try them.
TYPE_HEADINGS: list[str] = [t.name.upper() for t in TYPES if t.heading]
# Types cited by name rather than by number.
NAMED_TYPES: tuple[str, ...] = tuple(t.name for t in TYPES if t.by_name)
# (type name, the ways running text writes it) for the citation engine.
TEXT_TYPES: list[tuple[str, tuple[str, ...]]] = [(t.name, t.written) for t in TYPES if t.in_text]
# vbpl.vn's categories, longest first so that "Nghị quyết liên tịch" wins over "Nghị quyết".
VBPL_TYPES: list[str] = sorted((t.name for t in TYPES if t.vbpl), key=len, reverse=True)
# Symbols written in place of the type word, upper case only ("QĐ số 12/QĐ-UBND").
SYMBOLS_FOR_TYPE_WORD = ("QĐ", "NĐ", "NQ", "TT", "CT", "KH", "TTLT", "CV")
# Symbols that may lose their hyphen in extraction ("NQCP" is "NQ-CP").
SYMBOLS_THAT_JOIN = ("QĐ", "NQ", "NĐ", "CT", "TT", "KH", "CTr", "TB", "KL", "TTr", "BC", "HD", "CĐ", "TTLT",
                     "NQLT", "VBHN")
# Types whose number puts the type symbol before a national issuer's ("76/2025/NQ-UBTVQH15");
# a Luật or a Pháp lệnh has none ("02/2022/UBTVQH15").
SYMBOL_BEFORE_NATIONAL_ISSUER = ("Nghị quyết", "Nghị định", "Quyết định", "Chỉ thị", "Thông tư")
# Search codes: folded type name → code, plus words users type for a type.
SEARCH_CODES: dict[str, str] = {folded(t.name): t.code for t in TYPES if t.code}
SEARCH_CODES.update({"du an": "da", "hop nhat": "vbhn", "chi dao": "cd"})


def type_by_symbol(symbol: str | None) -> str | None:
    """``"QĐ"``, ``"qd"`` → ``"Quyết định"``."""
    return _TYPE_BY_FOLDED_SYMBOL.get(folded(symbol)) if symbol else None


_TYPE_BY_FOLDED_SYMBOL = {folded(s): name for s, name in TYPE_BY_SYMBOL.items()}
for _symbol in SYMBOLS_FOR_TYPE_WORD + SYMBOLS_THAT_JOIN:
    assert _symbol in TYPE_BY_SYMBOL, _symbol
for _name in SYMBOL_BEFORE_NATIONAL_ISSUER:
    assert any(t.name == _name and t.symbol for t in TYPES), _name


# --- issuing bodies -------------------------------------------------------------
@dataclass(frozen=True)
class Issuer:
    """A body by the symbol it signs with ("BTC") and its name ("Bộ Tài chính").

    ``level``: "government" (Chính phủ, Thủ tướng, Quốc hội and its standing committee),
    "central" (ministries and bodies of the whole country: their symbol names the issuer),
    "local" (a province's or a district's bodies, written before the place's name),
    "other" (agencies with branches, departments, party bodies: a symbol only).
    ``names``: other spellings of the name ("Toà án …"); ``short``: other abbreviations
    officials write for it ("TT CP").
    """

    symbol: str
    name: str | None = None
    level: str = "other"
    names: tuple[str, ...] = ()
    short: tuple[str, ...] = ()


ISSUERS: tuple[Issuer, ...] = (
    Issuer("UBND", "Ủy ban nhân dân", "local"),
    Issuer("HĐND", "Hội đồng nhân dân", "local"),
    Issuer("TTg", "Thủ tướng Chính phủ", "government", short=("TT CP",)),
    Issuer("CP", "Chính phủ", "government"),
    Issuer("QH", "Quốc hội", "government"),
    Issuer("UBTVQH", "Ủy ban thường vụ Quốc hội", "government"),
    Issuer("CTN", "Chủ tịch nước", "central"),
    Issuer("BGTVT", "Bộ Giao thông vận tải", "central"),
    Issuer("BCT", "Bộ Công thương", "central"),
    Issuer("BNG", "Bộ Ngoại giao", "central"),
    Issuer("BYT", "Bộ Y tế", "central"),
    Issuer("BTC", "Bộ Tài chính", "central"),
    Issuer("BTP", "Bộ Tư pháp", "central"),
    Issuer("BNV", "Bộ Nội vụ", "central"),
    Issuer("BXD", "Bộ Xây dựng", "central"),
    Issuer("BQP", "Bộ Quốc phòng", "central"),
    Issuer("BCA", "Bộ Công an", "central"),
    Issuer("BGDĐT", "Bộ Giáo dục và Đào tạo", "central"),
    Issuer("BKHĐT", "Bộ Kế hoạch và Đầu tư", "central"),
    Issuer("BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn", "central"),
    Issuer("BNN", None, "central"),  # the same ministry's short symbol
    Issuer("BNNMT", "Bộ Nông nghiệp và Môi trường", "central"),
    Issuer("BTNMT", "Bộ Tài nguyên và Môi trường", "central"),
    Issuer("BTTTT", "Bộ Thông tin và Truyền thông", "central"),
    Issuer("BKHCN", "Bộ Khoa học và Công nghệ", "central"),
    Issuer("BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch", "central"),
    Issuer("BLĐTBXH", "Bộ Lao động - Thương binh và Xã hội", "central"),
    Issuer("BDTTG", "Bộ Dân tộc và Tôn giáo", "central"),
    Issuer("TANDTC", "Tòa án nhân dân tối cao", "central", names=("Toà án nhân dân tối cao",)),
    Issuer("VKSNDTC", "Viện kiểm sát nhân dân tối cao", "central"),
    Issuer("KTNN", "Kiểm toán nhà nước", "central"),
    Issuer("NHNN", "Ngân hàng Nhà nước Việt Nam", "central"),
    Issuer("TTCP", "Thanh tra Chính phủ", "central"),
    Issuer("UBDT", "Ủy ban Dân tộc", "central"),
    Issuer("VPCP", "Văn phòng Chính phủ", "central"),
    # Agencies with provincial branches that sign with the same symbol ("… /BHXH-CSXH").
    Issuer("BHXH", "Bảo hiểm xã hội Việt Nam"),
    Issuer("TCT"), Issuer("TCHQ"), Issuer("NHCS"),
    # Party bodies, departments of a province, offices.
    Issuer("TW"), Issuer("TU"), Issuer("BCĐ"), Issuer("BCH"), Issuer("VP"), Issuer("VPUB"), Issuer("CAT"),
    Issuer("SNV"), Issuer("STC"), Issuer("SXD"), Issuer("SYT"), Issuer("SGDĐT"), Issuer("STNMT"), Issuer("SNN"),
    Issuer("SKHĐT"), Issuer("SLĐTBXH"), Issuer("STP"), Issuer("SVHTTDL"), Issuer("SCT"), Issuer("STTTT"),
)
ISSUER_BY_SYMBOL: dict[str, Issuer] = {i.symbol: i for i in ISSUERS}
# Bodies of the whole country: a number with their symbol names its issuer.
NATIONAL_SYMBOLS: tuple[str, ...] = tuple(i.symbol for i in ISSUERS if i.level in ("government", "central"))
# Bodies written before a place's name ("UBND TỈNH QUẢNG NGÃI").
LOCAL_ISSUERS: tuple[Issuer, ...] = tuple(i for i in ISSUERS if i.level == "local")
# Names of the bodies of the whole country, as written (variants included).
CENTRAL_ISSUER_NAMES: tuple[str, ...] = tuple(
    n for i in ISSUERS if i.level != "local" and i.name for n in (i.name, *i.names)
)
# Abbreviations spelled out in issuer keys, folded, in the order applied ("tt cp" before "cp").
# (Issuer keys are stored: adding a body here changes the keys of stored documents.)
ISSUER_KEY_EXPANSIONS: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    (tuple(folded(short) for short in (i.symbol, *i.short)), folded(i.name))
    for i in ISSUERS if i.level in ("local", "government")
)
# Abbreviated words inside ministries' names as officials write them ("Bộ NN&PTNT").
ISSUER_WORDS: dict[str, str] = {
    "PTNT": "phát triển nông thôn", "NN": "nông nghiệp", "TNMT": "tài nguyên và môi trường",
    "LĐTBXH": "lao động thương binh và xã hội", "GDĐT": "giáo dục và đào tạo", "KHCN": "khoa học và công nghệ",
    "GTVT": "giao thông vận tải", "VHTTDL": "văn hóa thể thao và du lịch", "TTTT": "thông tin và truyền thông",
    "BHXH": "bảo hiểm xã hội", "KHĐT": "kế hoạch và đầu tư", "MTTQ": "mặt trận tổ quốc",
    "NHNN": "ngân hàng nhà nước",
}
# Place words abbreviated before a place's name ("TP. Hồ Chí Minh").
PLACE_ABBREVIATIONS: dict[str, str] = {"TP": "thành phố"}
