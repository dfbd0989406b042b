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


def _bodies(level: str, names: dict[str, str | None], **more: dict) -> tuple[Issuer, ...]:
    return tuple(Issuer(symbol, name, level, **more.get(symbol, {})) for symbol, name in names.items())


ISSUERS: tuple[Issuer, ...] = (
    *_bodies("local", {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân"}),
    *_bodies("government", {
        "TTg": "Thủ tướng Chính phủ", "CP": "Chính phủ", "QH": "Quốc hội",
        "UBTVQH": "Ủy ban thường vụ Quốc hội",
    }, TTg={"short": ("TT CP",)}),
    *_bodies("central", {
        "CTN": "Chủ tịch nước", "BGTVT": "Bộ Giao thông vận tải", "BCT": "Bộ Công thương",
        "BNG": "Bộ Ngoại giao", "BYT": "Bộ Y tế", "BTC": "Bộ Tài chính", "BTP": "Bộ Tư pháp",
        "BNV": "Bộ Nội vụ", "BXD": "Bộ Xây dựng", "BQP": "Bộ Quốc phòng", "BCA": "Bộ Công an",
        "BGDĐT": "Bộ Giáo dục và Đào tạo", "BKHĐT": "Bộ Kế hoạch và Đầu tư",
        "BNNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn",
        "BNN": None,  # the same ministry's short symbol
        "BNNMT": "Bộ Nông nghiệp và Môi trường", "BTNMT": "Bộ Tài nguyên và Môi trường",
        "BTTTT": "Bộ Thông tin và Truyền thông", "BKHCN": "Bộ Khoa học và Công nghệ",
        "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch", "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
        "BDTTG": "Bộ Dân tộc và Tôn giáo", "TANDTC": "Tòa án nhân dân tối cao",
        "VKSNDTC": "Viện kiểm sát nhân dân tối cao", "KTNN": "Kiểm toán nhà nước",
        "NHNN": "Ngân hàng Nhà nước Việt Nam", "TTCP": "Thanh tra Chính phủ", "UBDT": "Ủy ban Dân tộc",
        "VPCP": "Văn phòng Chính phủ",
    }, TANDTC={"names": ("Toà án nhân dân tối cao",)}),
    # Agencies with provincial branches that sign with the same symbol ("… /BHXH-CSXH"),
    # party bodies, departments of a province, offices: a symbol only.
    *_bodies("other", {"BHXH": "Bảo hiểm xã hội Việt Nam"}),
    *_bodies("other", dict.fromkeys(
        "TCT TCHQ NHCS TW TU BCĐ BCH VP VPUB CAT SNV STC SXD SYT SGDĐT STNMT SNN SKHĐT SLĐTBXH STP SVHTTDL "
        "SCT STTTT".split()
    )),
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
