"""Patterns and word lists of the citation engine, kept apart from the code that runs them.

Everything here is data: the document types and how they are written, the
shape of a number-and-symbol, dates, the words that start or end an issuer or
a law's name, the cue words of each relation, and the furniture that legal
web sites wrap around a document.  Patterns run on text cleaned by
:func:`kb.citations.clean.clean_text` (NFC, ``Đ`` for ``Ð``, plain spaces).

Every quantifier is bounded or runs over a character class that cannot
overlap the next token, so no pattern backtracks catastrophically.
"""
from __future__ import annotations

import re

from kb import vocabulary

# --- document types ----------------------------------------------------------
# (canonical type, the ways it is written).  A space in a form matches any run
# of whitespace (line breaks included); case is ignored where these are used.
DOCUMENT_TYPES: list[tuple[str, tuple[str, ...]]] = vocabulary.TEXT_TYPES  # (kb.vocabulary)


def _form_pattern(form: str) -> str:
    # Syllables may be split by any whitespace, line breaks included ("Nghị\nquyết").
    return r"\s{1,4}".join(re.escape(syllable) for syllable in form.split())


TYPE_PATTERN = "|".join(
    _form_pattern(form)
    for _, forms in sorted(DOCUMENT_TYPES, key=lambda t: -max(len(f) for f in t[1]))
    for form in forms
)
TYPE_WORD_RE = re.compile(r"(?i)(?:" + TYPE_PATTERN + r")(?!\w)")
# Canonical type by the folded-space key of what was matched.
TYPE_BY_FORM = {form: canonical for canonical, forms in DOCUMENT_TYPES for form in forms}

# Abbreviations used inside symbols, for the type when no type word is written
# ("số 272/QĐ-UBND") and for repairing lost hyphens ("QĐUBND" → "QĐ-UBND").
TYPE_BY_ABBREVIATION = vocabulary.TYPE_BY_SYMBOL
# Prefixes that may lose their hyphen in extraction ("NQCP"), longest first.
HYPHEN_REPAIR_PREFIXES = sorted(vocabulary.SYMBOLS_THAT_JOIN, key=len, reverse=True)
# Issuers that follow a type prefix; used to accept a repair ("QĐUBND") and to
# restore their case in upper-case headings ("CT-TTG" → "CT-TTg").
KNOWN_ISSUER_GROUPS = frozenset(vocabulary.ISSUER_BY_SYMBOL)
# Groups typed without "Đ" (ASCII keyboards, slugs): "QD-TTg", "ND-CP", "NQ-HDND".
ASCII_GROUP_REPAIRS = {"QD": "QĐ", "ND": "NĐ", "HDND": "HĐND", "BKHDT": "BKHĐT", "BGDDT": "BGDĐT"}
# Symbol groups written in mixed case; an all-caps heading loses it.
MIXED_CASE_GROUPS = {g.upper(): g for g in ("TTg", "TTr", "CTr", "QĐi", "SNgV", "HDi", "TCTr")}

# --- numbers -----------------------------------------------------------------
_GROUP = r"[A-ZĐ][A-Za-zĐđƯƠÔÊÂĂ0-9&]{0,15}"
_SEP = r"[ \t]{0,2}-[ \t]{0,2}\r?\n?[ \t]{0,2}"
_SLASH = r"[ \t]{0,2}/[ \t]{0,2}\r?\n?[ \t]{0,2}"
_END = r"(?![\w&])"
# State form: 76/NQ-CP, 30/2020/NĐ-CP, 80/2015/QH13, 4834 /TTr-SXD, 473/TTr -\nNN&PTNT.
# Party form: 04-NQ/TU, 119- KH/TU, 51-CTr/TU.
NUMBER_RE = re.compile(
    # (atomic: a run of digits is never re-split, so a line of digits costs one try per digit)
    r"(?P<num>(?>\d{1,6}(?:\.\d{1,2})?[a-zđ]?))[ \t]{0,2}(?:"
    + r"-[ \t]{0,2}(?P<ptype>" + _GROUP + r")" + _SLASH + r"(?P<porg>" + _GROUP + r"(?:" + _SEP + _GROUP + r"){0,3})"
    + r"|"
    # Old numbers of the Council of Ministers and the Government ("Quyết định 67-CP", "Nghị định 17-HĐBT").
    + r"-[ \t]{0,2}(?P<old>CP|TTg|HĐBT|HĐCP|HĐNN|SL|LCT|BT)(?![\w/&-])"
    + r"|"
    + r"/[ \t]{0,2}\r?\n?[ \t]{0,2}(?:(?P<year>(?:19|20)\d\d)[ \t]{0,2}[/-][ \t]{0,2}\r?\n?[ \t]{0,2})?"
    # (Issuer groups may follow the type after a slash: "64/2006/TTLT/BNN-BNV-BTC",
    # "01/2014/NQLT/CP-UBTƯMTTQVN"; written tight, so that a list "12/QĐ-UBND/…" is rare.)
    + r"(?P<sym>" + _GROUP + r"(?:" + _SEP + _GROUP + r"){0,9}(?:/" + _GROUP + r"(?:" + _SEP + _GROUP + r"){0,9})?)"
    + r"|"
    # All in lower case, as some sites key them ("85/2017/nđ-cp"): only with a year and a
    # hyphen, and kept only when the first group is a type's symbol (kb.citations.numbers).
    + r"/(?P<lyear>(?:19|20)\d\d)/(?P<lsym>[a-zđ]{1,6}(?:-[a-zđ0-9&]{1,12}){1,4})"
    + r")" + _END
)
# A number must not continue a longer token ("A12/…", "1.012509", "2021-30/…").
NUMBER_LEAD_CHARS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz/.,-")

# --- what stands before a number ---------------------------------------------
# "số", "Quyết định số", "Nghị\nquyết" before a number are read backwards from the
# number, on the reversed 48-character window: one anchored match, not a search.
def _reverse_form(form: str) -> str:
    return r"\s{1,4}".join(re.escape(syllable[::-1]) for syllable in reversed(form.split()))


# Abbreviations written in place of the type word ("QĐ số 12/QĐ-UBND"), upper case only.
TYPE_BY_ABBREVIATED_WORD = {s: vocabulary.TYPE_BY_SYMBOL[s] for s in vocabulary.SYMBOLS_FOR_TYPE_WORD}
PREFIX_REVERSED_RE = re.compile(
    r"(?i)(?:[\s*|_]{0,8}(?P<colon>:)?[ \t]{0,2}(?P<so>(?:uệih\s{0,2})?ốs)(?!\w))?"
    r"(?:\s{0,4}(?P<type>"
    + "(?-i:" + "|".join(re.escape(a[::-1]) for a in sorted(TYPE_BY_ABBREVIATED_WORD, key=len, reverse=True)) + ")|"
    + "|".join(
        _reverse_form(form)
        for form in sorted((f for _, forms in DOCUMENT_TYPES for f in forms), key=len, reverse=True)
    )
    + r")(?!\w))?"
)
# "Số: 1622/QĐ-UBND" / "Số hiệu: ..." heading a document: its own number.
# ("Luật số: 80/2015/QH13" for laws; after a rule of dashes in flattened text.)
OWN_NUMBER_PREFIX_RE = re.compile(
    r"(?:(?:^|\n)[^\w\n]{0,12}|[-_=*]{3}[ \t]{0,3})(?:(?P<type>(?i:" + TYPE_PATTERN + r"))[ \t]{1,3})?"
    r"(?P<so>[Ss][ốỐ](?:\s{1,3}hiệu)?)[ \t]{0,2}:[\s*|_]{0,12}\Z"
)
# A list continues the previous citation's type: ", số 272/QĐ-UBND", "và số …".
LIST_GAP_RE = re.compile(r"(?i)\A[\s,;]{0,6}(?:(?:và|hoặc)[\s,]{1,4})?\Z")
# Words between the previous citation and this one that coordinate (not nest).
COORDINATE_END_RE = re.compile(r"(?i)(?:,|;|\bvà|\bhoặc|\bcùng)[\s*]{0,4}(?:các\s{1,3})?\Z")

# --- what follows a number ---------------------------------------------------
_DMY_NUMERIC = r"(?P<d>\d{1,2})[ \t]{0,2}(?P<s>[/.-])[ \t]{0,2}(?P<m>\d{1,2})[ \t]{0,2}(?P=s)[ \t]{0,2}(?P<y>(?:19|20)\d\d)"
_DMY_WORDS = r"(?P<d2>\d{1,2})\s{1,4}tháng\s{1,4}(?P<m2>\d{1,2})\s{1,4}năm\s{1,4}(?P<y2>(?:19|20)\d\d)"
DATE_RE = re.compile(
    r"(?i)[ \t*_]{0,5},?\s{0,4}(?:ngày\s{0,4}){1,2}(?:" + _DMY_NUMERIC + "|" + _DMY_WORDS + r")(?!\d)"
)
YEAR_RE = re.compile(r"(?i)[ \t*_]{0,5},?\s{0,4}năm\s{1,4}(?P<y>(?:19|20)\d\d)(?![\d/])")
BARE_YEAR_RE = re.compile(r"[ \t]{1,3}(?P<y>(?:19|20)\d\d)(?![\d/\w])")
# (Markdown emphasis may close between the number and the rest: "**Quyết định số 12/QĐ-UBND** ngày …".)
ISSUER_LEAD_RE = re.compile(r"(?i)[ \t*_]{0,5},?\s{0,4}của\s{1,4}")

# --- issuers -------------------------------------------------------------------
# An issuer runs over capitalized words and a few lower-case ones until a word
# that starts the title ("về", "ban hành", "quy định" …) or punctuation.
WORD_RE = re.compile(r"[\s,\-–]{0,6}([^\W\d_]+|[IVXLC]+\b|\d{1,2}(?![\d/.,]\d))")
# Words after which a number belongs to an issuer ("Hội nghị lần thứ 4").
ORDINAL_WORDS = frozenset(["thứ", "lần", "khóa", "khoá"])
ISSUER_LOWER_WORDS = frozenset(
    "tỉnh thành phố huyện quận xã phường thị trấn nhân dân trung ương đảng bộ khóa khoá lần thứ "
    "nhất hai ba bốn tư sáu bảy tám chín mười chấp hành thường vụ bí thư chủ tịch nhiệm chính "
    "phủ trị tướng trưởng hội nghị đồng ủy uỷ ban quốc gia nước cộng hòa hoà nghĩa việt nam "
    "văn phòng sở cục tổng viện tòa toà án kiểm sát nông thôn".split()
)
# Words that end an issuer when written in lower case or in an all-caps heading.
ISSUER_STOP_WORDS = frozenset(
    "về v/v sửa bổ phê hướng thực triển tiếp tăng đẩy ngày số tại đã được có là thì để với "
    "trong nhằm theo do cho từ gồm kèm như này đó trên dưới giao bãi thay hủy huỷ áp căn "
    "xét quy ban công hợp và hoặc các những về việc nêu sau trước tổ".split()
)
# Capitalized words that start a new sentence or clause, not an issuer's next word.
ISSUER_TITLE_STOP_WORDS = frozenset(
    "căn thực triển xét về theo tại để nhằm giao trên trong tiếp sau ngày số năm điều khoản "
    "chương mục phần phụ kèm sửa bổ phê hướng thay bãi hủy huỷ áp tải xem".split()
)
# Two-word stops checked before the single words above ("ban hành", "quy định").
ISSUER_STOP_BIGRAMS = frozenset(
    ["ban hành", "quy định", "công bố", "hợp nhất", "tổ chức", "về việc", "thành lập", "kiện toàn",
     "giải thích", "thông qua", "phê duyệt", "quy chế"]
)
# Lower-cased words that may continue an issuer although they are stop words,
# when the previous word is capitalized ("Ủy ban", "Ban Chấp hành" are handled by case).
ISSUER_MAX_WORDS = 16

# --- names of laws cited without a number ---------------------------------------
# A plain alternation (no groups, no look-behind) so that the engine can skip
# quickly to the few places where a name may start.
NAME_TRIGGER_RE = re.compile(
    r"(?:Bộ\s{1,3}[Ll]uật|BỘ\s{1,3}LUẬT|Luật|LUẬT|Hiến\s{1,3}pháp|HIẾN\s{1,3}PHÁP|Pháp\s{1,3}lệnh|PHÁP\s{1,3}LỆNH"
    r"|Đề\s{1,3}án|ĐỀ\s{1,3}ÁN|bộ\s{1,3}luật|luật)(?!\w)"
)
# Kind of name by the trigger's first two letters, upper-cased.
NAME_KIND_BY_HEAD = {"BỘ": "code", "LU": "law", "HI": "const", "PH": "ordinance", "ĐỀ": "scheme"}
NAME_TYPE_BY_KIND = {
    "code": "Bộ luật", "law": "Luật", "const": "Hiến pháp", "ordinance": "Pháp lệnh", "scheme": "Đề án",
}
# "Luật sửa đổi, bổ sung (một số điều của) Luật X", "Pháp lệnh sửa đổi … Pháp lệnh X": one
# name, the outer one (whose type is the citation's).
AMENDING_LAW_RE = re.compile(
    r"(?i)(?:(?:bộ\s{1,3})?luật|pháp\s{1,3}lệnh)\s{1,3}sửa\s{1,3}đổi,?\s{1,3}bổ\s{1,3}sung(?:\s{1,3}một\s{1,3}số\s{1,3}điều)?"
    r"(?:\s{1,3}của)?\s{1,3}\Z"
)
# The next law in the list an amending law's name runs over: "Luật sửa đổi, bổ sung một số
# điều của Luật Tổ chức Chính phủ| và Luật Tổ chức chính quyền địa phương ngày 22/11/2019"
# is one law (47/2019/QH14), its date comes after the last name.
AMENDED_LIST_NEXT_RE = re.compile(
    r"[ \t*_]{0,3}(?:,(?:\s{1,3}và)?|\s{1,3}và)[ \t*_]{0,3}\s{0,3}"
    r"(?=(?:Bộ\s{1,3}luật|Luật|Pháp\s{1,3}lệnh)(?!\w))"
)
AMENDED_LIST_MAX = 12
# First words after "Luật" that mean it is not a law's name ("Luật này", "Luật sư").
NAME_FIRST_STOP_WORDS = frozenset(
    "này có được đã sẽ và hoặc thì là không mới khác nêu trên sư gia pháp lệ định về của cũng các "
    "theo tại trong để do nói đó ấy liên sửa chung riêng hiện chuyên quy số cơ ngày năm việt nước "
    "hiện hành mẫu thuế phí luật bộ thuộc trình vào ra lại đối nếu khi sau trước phải hoặc kh hà dự bao".split()
)
NAME_MAX_WORDS = 12
# Words right before "Luật" that make it part of something else ("Đại học Luật", "Dân Luật").
NAME_PRECEDING_STOP_WORDS = frozenset("pháp học khoa ngành dân sĩ viện trường đoàn nhân".split())
# Words right before "số" that make the number a form's or an annex's, not a document's.
NOT_DOCUMENT_BEFORE_SO = frozenset(["mẫu", "biểu", "lục", "khai", "phiếu", "bảng"])
# "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam (năm 2013)".
CONSTITUTION_TAIL_RE = re.compile(
    r"(?i)\s{1,3}nước\s{1,3}cộng\s{1,3}h(?:òa|oà)\s{1,3}xã\s{1,3}hội\s{1,3}chủ\s{1,3}nghĩa\s{1,3}việt\s{1,3}nam"
)
SCHEME_NUMBER_RE = re.compile(r"\s{1,3}(\d{1,3})(?![\d/\w])")

# --- relations -----------------------------------------------------------------
# Cue words (any case, any whitespace between syllables); the last one before a
# citation in its clause decides its relation.
RELATION_CUES = [
    ("can_cu", "căn cứ"),
    ("thuc_hien", "thực hiện|triển khai|thi hành"),
    ("sua_doi", "sửa đổi, bổ sung|sửa đổi bổ sung|sửa đổi|bổ sung"),
    ("thay_the", "thay thế"),
    ("bai_bo", "bãi bỏ|hết hiệu lực|hủy bỏ|huỷ bỏ"),
    # Luật Ban hành VBQPPL: "ngưng hiệu lực" (also "tạm ngưng"), and "đình chỉ việc thi hành",
    # which suspends the text until the competent body decides. A bare "đình chỉ" is no cue:
    # "đình chỉ hoạt động", "đình chỉ thi hành án", "đình chỉ tuyển sinh" are about other things.
    ("ngung_hieu_luc", "tạm ngưng hiệu lực thi hành|tạm ngưng hiệu lực áp dụng|tạm ngưng hiệu lực"
                       "|ngưng hiệu lực thi hành|ngưng hiệu lực áp dụng|ngưng hiệu lực"
                       "|đình chỉ việc thi hành"),
    ("huong_dan", "hướng dẫn|quy định chi tiết"),
    ("dan_chieu", "kèm theo"),
]


_CUE_GAP = r"[\s*_]{1,6}"  # syllables split by spaces, a line break or Markdown emphasis ("sửa **đổi")


def _cue_pattern(words: str) -> str:
    return "|".join(
        _CUE_GAP.join(re.escape(w) for w in alternative.replace(",", " ,").split()).replace(_CUE_GAP + ",", ",")
        for alternative in words.split("|")
    )


RELATION_CUE_RE = re.compile(
    r"(?i)(?<!\w)(?:" + "|".join(f"(?P<{code}>{_cue_pattern(words)})" for code, words in RELATION_CUES) + r")(?!\w)"
)
# A cue right after "và" / "," is a verb of the citing document, not of the
# citation before it ("… và bãi bỏ Quyết định …").
CUE_COORDINATED_RE = re.compile(r"(?i)(?:,|(?<!\w)và|(?<!\w)đồng\s{1,3}thời)\s{1,4}\Z")
# Passive voice or a pointer: what happened to the cited document, not what this one does.
CUE_PASSIVE_RE = re.compile(r"(?i)(?<!\w)(?:được|bị|theo|tại)\s{1,3}\Z")
# Only list punctuation between a ";" and a citation: the list of grounds goes on.
ONLY_LINKING_RE = re.compile(r"(?i)[\s*_|>\-+•]*(?:(?:và|hoặc)\s{1,3})?\Z")
# (Clause boundaries for relation typing: kb.sentences.)
RELATION_WINDOW = 400

# (Web sites' furniture around a document: kb.furniture.)
OWN_NUMBER_SCAN_CHARS = 5000

# --- names of laws in force or often cited ------------------------------------------
# A law's name runs on in lower case ("Luật Đất đai và người sử dụng đất …"); when
# a run starts with one of these names, the name is cut there.
KNOWN_LAW_NAMES = """
An ninh mạng; An ninh quốc gia; An toàn thông tin mạng; An toàn thực phẩm; An toàn, vệ sinh lao động;
Ban hành văn bản quy phạm pháp luật; Bảo hiểm tiền gửi; Bảo hiểm xã hội; Bảo hiểm y tế; Bảo vệ bí mật nhà nước;
Bảo vệ dữ liệu cá nhân; Bảo vệ môi trường; Bảo vệ quyền lợi người tiêu dùng; Bảo vệ và kiểm dịch thực vật;
Bảo vệ và phát triển rừng; Bảo vệ, chăm sóc và giáo dục trẻ em; Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân;
Biên giới quốc gia; Biển Việt Nam; Bình đẳng giới; Cán bộ, công chức; Căn cước; Căn cước công dân; Chăn nuôi;
Chất lượng sản phẩm, hàng hóa; Chứng khoán; Chuyển giao công nghệ; Công an nhân dân; Công chứng; Công đoàn;
Công nghệ thông tin; Cư trú; Dân quân tự vệ; Di sản văn hóa; Doanh nghiệp; Du lịch; Dược; Dữ liệu; Dự trữ quốc gia;
Đa dạng sinh học; Đấu giá tài sản; Đấu thầu; Đất đai; Đầu tư; Đầu tư công; Đầu tư theo phương thức đối tác công tư;
Đê điều; Điện lực; Điều ước quốc tế; Đo đạc và bản đồ; Đường bộ; Đường sắt; Giá; Giao dịch điện tử;
Giao thông đường bộ; Giao thông đường thủy nội địa; Giáo dục; Giáo dục đại học; Giáo dục nghề nghiệp;
Giáo dục quốc phòng và an ninh; Hải quan; Hóa chất; Hôn nhân và gia đình; Hộ tịch; Hợp tác xã; Khám bệnh, chữa bệnh;
Khí tượng thủy văn; Khiếu nại; Khoa học và công nghệ; Khoa học, công nghệ và đổi mới sáng tạo; Khoáng sản;
Kiểm toán độc lập; Kiểm toán nhà nước; Kinh doanh bảo hiểm; Kinh doanh bất động sản; Kế toán; Lâm nghiệp; Lưu trữ;
Mặt trận Tổ quốc Việt Nam; Ngân hàng Nhà nước Việt Nam; Ngân sách nhà nước; Người cao tuổi; Người khuyết tật;
Nghĩa vụ quân sự; Nhà ở; Nhập cảnh, xuất cảnh; Nuôi con nuôi; Phá sản; Phí và lệ phí; Phòng cháy và chữa cháy;
Phòng cháy, chữa cháy và cứu nạn, cứu hộ; Phòng, chống bạo lực gia đình; Phòng, chống ma túy; Phòng, chống tham nhũng;
Phòng, chống thiên tai; Phòng, chống tác hại của rượu, bia; Phòng, chống bệnh truyền nhiễm; Phòng thủ dân sự;
Phổ biến, giáo dục pháp luật; Quản lý nợ công; Quản lý ngoại thương; Quản lý thuế; Quản lý, sử dụng tài sản công;
Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ; Quản lý và đầu tư vốn nhà nước tại doanh nghiệp; Quảng cáo;
Quy hoạch; Quy hoạch đô thị; Quốc phòng; Quốc tịch Việt Nam; Sở hữu trí tuệ; Tài nguyên nước; Thanh niên; Thanh tra;
Thi đua, khen thưởng; Thi hành án dân sự; Thi hành án hình sự; Thống kê; Thú y; Thuế giá trị gia tăng;
Thuế thu nhập cá nhân; Thuế thu nhập doanh nghiệp; Thuế tiêu thụ đặc biệt; Thuế xuất khẩu, thuế nhập khẩu; Thủ đô; Thủy lợi; Thủy sản; Thương mại;
Thực hiện dân chủ ở cơ sở; Thể dục, thể thao; Tiêu chuẩn và quy chuẩn kỹ thuật; Tiếp cận thông tin; Tiếp công dân;
Tín ngưỡng, tôn giáo; Tố cáo; Tổ chức Chính phủ; Tổ chức chính quyền địa phương; Tổ chức Quốc hội;
Tổ chức Tòa án nhân dân; Tổ chức Viện kiểm sát nhân dân; Trẻ em; Trật tự, an toàn giao thông đường bộ; Trồng trọt;
Văn hóa; Viên chức; Viễn thông; Việc làm; Xây dựng; Xử lý vi phạm hành chính; Xuất bản; Báo chí; Y tế;
Đê; Biển; Giá; Dược; Điện ảnh; Kiến trúc; Quy hoạch; Thư viện; Đặc xá; Tương trợ tư pháp; Lý lịch tư pháp;
Luật sư; Trọng tài thương mại; Hòa giải ở cơ sở; Trợ giúp pháp lý; Bình đẳng giới; Cảnh sát biển Việt Nam;
Sĩ quan Quân đội nhân dân Việt Nam; Công nghiệp quốc phòng, an ninh và động viên công nghiệp; Phòng, chống mua bán người;
Phòng, chống khủng bố; Phòng, chống HIV/AIDS; Hoạt động giám sát của Quốc hội và Hội đồng nhân dân; Trưng cầu ý dân;
Tổ chức cơ quan điều tra hình sự; Thực hành tiết kiệm, chống lãng phí; Đơn vị hành chính; Điện ảnh; Nhà giáo
"""
KNOWN_CODE_NAMES = "Dân sự; Hình sự; Lao động; Tố tụng dân sự; Tố tụng hình sự; Hàng hải Việt Nam"
KNOWN_ORDINANCE_NAMES = "Ưu đãi người có công với cách mạng; Quản lý thị trường; Chi phí tố tụng; Thủ tục bắt giữ tàu biển"


def _known_names_pattern(names: str) -> str:
    forms = sorted({" ".join(n.split()) for n in names.split(";") if n.strip()}, key=len, reverse=True)
    return "|".join(r"[\s,]{1,4}".join(re.escape(w) for w in f.replace(",", "").split()) for f in forms)


# The known names right after the type word (a name may hold words that end others: "có", "với").
KNOWN_NAME_RE = re.compile(
    r"(?i)\s{1,4}(?:" + _known_names_pattern(KNOWN_LAW_NAMES + ";" + KNOWN_CODE_NAMES + ";" + KNOWN_ORDINANCE_NAMES)
    + r")(?!\w)"
)

# --- relations: what stops a cue from being the citing document's own act -------
# (Used by kb.citations.relations; measured on corpus/legal, see docs/notes/A.md.)
# The three relations that change another document.
CHANGING_RELATIONS = frozenset(["sua_doi", "thay_the", "bai_bo", "ngung_hieu_luc"])
# A type word right before a cue makes the cue part of a title, not a verb of the
# citing document: "Căn cứ Luật sửa đổi, bổ sung …", "khi có văn bản thay thế".
TITLE_BEFORE_CUE_RE = re.compile(r"(?i)(?<!\w)(?:" + TYPE_PATTERN + r")[ \t]{1,3}\Z")
# … unless the citing document names itself so: "ban hành Thông tư sửa đổi …",
# "Quyết định này", or the type word opens its line (its own heading).
OWN_TITLE_LEAD_RE = re.compile(r"(?i)(?:(?:^|\n)[\s*_#|>\-]*|ban\s{1,3}hành\s{1,3})\Z")
# Words before a cue in its clause that make the act a proposal, a task, a
# condition or a future one, not the citing document's: "tham mưu … thay thế",
# "đề xuất sửa đổi", "khi có văn bản thay thế", "Kiến nghị thực thi: Sửa đổi …".
NOT_DONE_RE = re.compile(
    r"(?i)(?<!\w)(?:tham\s{1,3}mưu|đề\s{1,3}xuất|đề\s{1,3}nghị(?!\s{1,3}của)|kiến\s{1,3}nghị|xem\s{1,3}xét"
    r"|nghiên\s{1,3}cứu|dự\s{1,3}thảo|dự\s{1,3}kiến|rà\s{1,3}soát|khi\s{1,3}có"
    r"|trường\s{1,3}hợp|nếu|sẽ|chưa|cần|phương\s{1,3}án|tiếp\s{1,3}tục|chuẩn\s{1,3}bị)(?!\w)"
)
# How far above a clause a heading may say it is a proposal ("**1.2. Kiến nghị thực thi**").
NOT_DONE_HEADING_CHARS = 80
NOT_DONE_PARAGRAPH_CHARS = 600  # how far back the paragraph under such a heading may start
NOT_DONE_HEADING_RE = re.compile(r"(?i)(?<!\w)(?:kiến\s{1,3}nghị|đề\s{1,3}xuất|phương\s{1,3}án)(?!\w)")
# Between a changing cue and the citation: the citation is where something else
# is found or comes from, not what is changed ("Bổ sung máy móc … đã quy định tại
# khoản 1 Điều 4 Quyết định số …", "… theo Thông tư số …").
CUE_DETOUR_RE = re.compile(
    r"(?i)(?<!\w)(?:(?<!hành\s)(?<!kèm\s)theo|đã\s{1,3}(?:được\s{1,3})?quy\s{1,3}định|khi|phù\s{1,3}hợp"
    r"|thống\s{1,3}nhất\s{1,3}với|đối\s{1,3}với|để|nhằm)(?!\w)"
)
# A suspension names what it suspends with "đối với" ("Tạm ngưng hiệu lực áp dụng … đối với các
# văn bản sau đây: 1. Nghị định số …"): no detour there. ("cho đến khi Luật …" still is one:
# that law is the period's end, not the text suspended.)
SUSPENSION_DETOUR_RE = re.compile(CUE_DETOUR_RE.pattern.replace(r"|đối\s{1,3}với", ""))
# "Luật này thay thế …" in a Công văn describing that law: the act of another document.
# (Only standalone legal types: "Quy định này" in a decision's annex is the decision's own.)
THIS_DOCUMENT_RE = re.compile(
    r"(?i)(?<!\w)(?P<type>bộ\s{1,3}luật|luật|nghị\s{1,3}định|nghị\s{1,3}quyết|thông\s{1,3}tư|quyết\s{1,3}định"
    r"|pháp\s{1,3}lệnh|chỉ\s{1,3}thị)\s{1,3}này(?!\w)"
)
# How far back an opening quotation mark may make a changing cue a quoted one.
QUOTE_CHARS = 300
# A changing cue right before "tại" / "bởi": the citation made the change ("Điều 4 Nghị định số
# 67/2007/NĐ-CP, sửa đổi, bổ sung tại khoản 1 Điều 1 Nghị định số 13/2010/NĐ-CP").
CUE_BY_RE = re.compile(r"(?i)[\s,*_]{0,4}(?:tại|bởi)(?!\w)")
# Cues joined into one run ("được sửa đổi, bổ sung hoặc thay thế"): passive for all.
CUE_JOIN_RE = re.compile(r"(?i)[\s,]*(?:(?:và|hoặc|hay)\s{1,3})?\Z")
# What may stand before a clause's opening cue ("*Căn cứ", "- Thực hiện", "a) Căn cứ").
OPENER_LEAD_RE = re.compile(r"[\s*_#|>\-+•]*(?:[a-zđ0-9]{1,2}[.)]\s{1,3})?\Z")

# --- a legislature number cut by markup or a line break ---------------------------
# Laws and resolutions of the National Assembly end in "QH" + its term ("QH15").
# Extraction sometimes splits the term off ("QH**1**5**", "QH1\n5"); a "QH"
# that the text really ends there ("72/2025/QH ngày …") is kept as written.
QH_TAIL_RE = re.compile(r"QH\d?\Z")
QH_CONTINUATION_RE = re.compile(r"(?:[*_]{1,3}|[*_]{0,3}\r?\n[ \t*_]{0,3})(\d)(?:[*_]{0,3}(\d))?(?![\w/])")

# --- pinpoints: the units of the cited document a citation points at -------------------
# "khoản 2 Điều 5 Nghị định số …", "các Điều 4, 5 và 6 của Luật …", "Phụ lục II ban hành
# kèm theo Nghị quyết …" (read by kb.citations.pinpoint).
UNIT_WORDS = {
    "phần": "phan", "chương": "chuong", "mục": "muc", "tiểu mục": "tieu_muc", "điều": "dieu",
    "khoản": "khoan", "điểm": "diem", "phụ lục": "phu_luc",
}
UNIT_KIND_BY_WORD = {**UNIT_WORDS, **{w.upper(): k for w, k in UNIT_WORDS.items()}}
UNIT_KIND_BY_WORD.update({" ".join(w.split()).lower(): k for w, k in list(UNIT_KIND_BY_WORD.items())})
# (Longest first: "tiểu mục" before "mục", "phụ lục" as one word.)
_UNIT_FORMS = sorted(UNIT_WORDS, key=len, reverse=True)
# A unit's number: "5", "5a", "32đ" (articles, clauses), "II" (chapters, annexes), "a" (points).
# (Annexes number their parts "mục II.3", "mục 2.1", "mục B".)
_UNIT_NUMBER = r"\d{1,3}(?:\.\d{1,3}){0,3}[a-zđ]?|[IVXLC]{1,7}[A-H]?(?:\.\d{1,3}){0,3}|[A-ZĐ]|[a-zđ]"
PINPOINT_TOKEN_RE = re.compile(
    r"(?<!\w)(?P<kind>(?i:" + "|".join(_form_pattern(w) for w in _UNIT_FORMS) + r"))(?!\w)"
    r"|(?<!\w)(?P<all>(?i:các))(?!\w)|(?<!\w)(?P<from>(?i:từ))(?!\w)|(?<!\w)(?P<to>(?i:đến|tới))(?!\w)"
    r"|(?P<sep>,|(?<!\w)(?i:và|hoặc)(?!\w))"
    r"|(?<!\w)(?P<num>(?:" + _UNIT_NUMBER + r"))(?!\w)"
)
# The same tokens read backwards from a citation's start, on the reversed window: what
# may join the phrase to the citation ("của", "tại", "thuộc", "(ban hành) kèm theo", ","),
# then a run of tokens that ends (forwards) with a unit's number.
_REV_NUMBER = r"(?:[a-zđ]?\d{1,3}(?:\.\d{1,3}){0,3}|(?:\d{1,3}\.){0,3}[A-H]?[IVXLC]{1,7}|[A-ZĐ]|[a-zđ])(?!\w)"
_REV_TOKEN = (
    r"(?:(?i:" + "|".join(_reverse_form(w) for w in _UNIT_FORMS + ["các", "từ", "đến", "tới", "và", "hoặc"])
    + r")(?!\w)|" + _REV_NUMBER + r")"
)
# ("Điều 33 Điều lệ ban hành kèm theo Thông tư …": the annexed rules are part of its text.)
_JOINS = ("điều lệ ban hành kèm theo", "quy chế ban hành kèm theo", "quy định ban hành kèm theo",
          "ban hành kèm theo", "kèm theo", "của", "tại", "thuộc")
_REV_JOIN = r"(?i:" + "|".join(_reverse_form(w) for w in _JOINS) + r")(?!\w)"
_REV_LEAD = r"[ \t*_]{0,3}\n?[ \t]{0,3}(?:" + _REV_JOIN + r"\s{1,3}|,[ \t]{0,3})?"
PINPOINT_REVERSED_RE = re.compile(
    _REV_LEAD + r"(?P<run>" + _REV_NUMBER + r"(?:(?:\s{0,3},\s{0,3}|\s{1,3})" + _REV_TOKEN + r"){0,40})"
)
# The first check, on a short reversed window: a unit's number, then a space, right before
# the citation (most citations have none, and are done with here).
PINPOINT_QUICK_RE = re.compile(_REV_LEAD + _REV_NUMBER + r"\s")
PINPOINT_QUICK_WINDOW = 40
PINPOINT_WINDOW = 200  # characters read back from a citation's start
PINPOINT_MAX_RANGE = 60  # "từ Điều 5 đến Điều 9" is listed; a wider range keeps its two ends
PINPOINT_MAX_UNITS = 200

# --- a title between a number and its date (the Pháp điển notes' long form) -------------
# "Luật số 57/2020/QH14 Luật Thanh niên ngày 16/06/2020 của Quốc hội".
TITLE_HEAD_RE = re.compile(r"[ \t]{1,2}(?=[^\W\d_])")
TITLE_MAX_CHARS = 400
# A title ends at a line, a sentence or a parenthesis; it holds no other number ("số 5", "12/").
TITLE_STOP_RE = re.compile(r"[\n()]|\.\s(?!ngày)")
# A date after these words is a time in the sentence, not the document's date ("… từ ngày 01/7/2023 của …").
TITLE_DATE_NOT_AFTER = frozenset(["từ", "đến", "tới", "trước", "sau", "hết", "vào", "đầu", "cuối", "trong"])
TITLE_NOT_RE = re.compile(r"(?i)(?<!\w)số\s{1,3}\d|\d\s{0,2}/")
TITLE_MAX_DATES = 3

# --- issuers whose names run on in lower case ----------------------------------------------
# The capitalized-run reader of kb.citations.parse stops at "Bộ Giao thông| vận tải", "Bộ|
# công thương", "Tòa án nhân dân| tối cao": these names are read whole first (any case).
KNOWN_ISSUER_NAMES = ";".join(vocabulary.CENTRAL_ISSUER_NAMES)  # (kb.vocabulary)
KNOWN_ISSUER_RE = re.compile(
    r"(?i)(?:(?:bộ\s{1,3}trưởng|thống\s{1,3}đốc|tổng\s{1,3}thanh\s{1,3}tra|chánh\s{1,3}án|viện\s{1,3}trưởng|"
    r"chủ\s{1,3}nhiệm|tổng\s{1,3}kiểm\s{1,3}toán)\s{1,3})?(?:"
    + "|".join(
        r"\s{0,3}[-,]?\s{1,3}".join(re.escape(w) for w in name.replace(" - ", " ").replace(",", "").split())
        for name in sorted({n.strip() for n in KNOWN_ISSUER_NAMES.split(";") if n.strip()}, key=len, reverse=True)
    )
    + r")(?!\w)"
)

# --- an amending article's items: "Điều 1. Sửa đổi, bổ sung một số điều của Nghị định số X
# như sau: 1. Sửa đổi khoản 3 Điều 7 như sau: …" (the bare units are X's) ----------------------
AS_FOLLOWS_RE = re.compile(r"(?i)như\s{1,3}sau\s{0,3}:")
AS_FOLLOWS_CHARS = 600  # how far after the citation "như sau:" may close its heading
# An item of the list: "1. Sửa đổi khoản 3 Điều 7 …", "b) Bãi bỏ Điều 12", "**2. Bổ sung Điều 7a …**".
AMENDMENT_ITEM_RE = re.compile(
    r"(?im)^[ \t*_>#-]{0,6}(?:\d{1,3}|[a-zđ])[.)][ \t*_]{0,4}"
    r"(?P<verb>(?:sửa\s{1,3}đổi|bổ\s{1,3}sung|bãi\s{1,3}bỏ|thay\s{1,3}thế|bỏ|thay)"
    r"(?:\s{0,2},?\s{1,3}(?:và\s{1,3})?(?:sửa\s{1,3}đổi|bổ\s{1,3}sung|bãi\s{1,3}bỏ|thay\s{1,3}thế))?)"
    r"(?P<rest>[^\n]{0,160})"
)
# The next article of the citing document ends the amending article ("Điều 2. …" at a line's start).
NEXT_ARTICLE_RE = re.compile(r"(?m)^[ \t*_#]{0,6}Điều[ \t]{1,3}\d{1,3}[a-zđ]?[ \t]{0,2}[.:]")
# Where an item's unit phrase stops: "như sau", "vào sau", a colon, a sentence end.
ITEM_PHRASE_END_RE = re.compile(r"(?i)như\s{1,3}sau|:|\.(?:\s|$)|;|“|\"")
# The common case read in one match: "[điểm a] [khoản 2] Điều 5" (any case, any spaces).
SIMPLE_PINPOINT_RE = re.compile(
    r"(?i:(?:điểm\s{1,3}(?P<diem>(?-i:[a-zđ]))\s{1,3})?(?:khoản\s{1,3}(?P<khoan>\d{1,3}[a-zđ]?)\s{1,3})?"
    r"điều\s{1,3})(?P<dieu>\d{1,3}[a-zđ]?)"
)
