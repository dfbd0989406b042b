"""The domain's value types: a citation found in a text, and a document.

Field names follow ``../shared/DESIGN.md``; these are plain data, with no
behaviour beyond conversion to the JSON shapes of the command-line contract.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

from kb.identity import document_slug

# Relation codes, from the citing document X to the cited document Y.
RELATIONS = ("can_cu", "thuc_hien", "sua_doi", "thay_the", "bai_bo", "ngung_hieu_luc", "huong_dan", "dan_chieu",
             "hop_nhat")

# How each relation reads on both pages (outgoing on X, incoming on Y).
RELATION_LABELS = {
    "can_cu": ("Căn cứ ban hành", "Được căn cứ bởi"),
    "thuc_hien": ("Thực hiện", "Được thực hiện bởi"),
    "sua_doi": ("Sửa đổi, bổ sung", "Bị sửa đổi, bổ sung bởi"),
    "thay_the": ("Thay thế", "Bị thay thế bởi"),
    "bai_bo": ("Bãi bỏ", "Bị bãi bỏ bởi"),
    # Luật Ban hành VBQPPL: a document "bị ngưng hiệu lực" (toàn bộ or một phần), also when another
    # "đình chỉ việc thi hành" it; for a time, often with its end ("đến ngày …", "cho đến khi …").
    "ngung_hieu_luc": ("Ngưng hiệu lực", "Bị ngưng hiệu lực bởi"),
    "huong_dan": ("Hướng dẫn", "Được hướng dẫn bởi"),
    "dan_chieu": ("Dẫn chiếu", "Được dẫn chiếu bởi"),
    # A văn bản hợp nhất → each document it consolidates (the original and its amenders).
    "hop_nhat": ("Hợp nhất", "Được hợp nhất bởi"),
}

# The same relations as a short word, for compact listings and graph edges.
RELATION_SHORT = {
    "can_cu": "căn cứ",
    "thuc_hien": "thực hiện",
    "sua_doi": "sửa đổi",
    "thay_the": "thay thế",
    "bai_bo": "bãi bỏ",
    "ngung_hieu_luc": "ngưng hiệu lực",
    "huong_dan": "hướng dẫn",
    "dan_chieu": "dẫn chiếu",
    "hop_nhat": "hợp nhất",
}

# Kinds of structural unit, outermost first (DESIGN.md "Structure of a document").
UNIT_KINDS = ("phan", "chuong", "muc", "tieu_muc", "dieu", "khoan", "diem", "phu_luc")

# Where a unit's boundaries came from: the document's own text (parsed), a source's own
# structure (vbpl provision tree), or the Bộ pháp điển (the article codified there).
UNIT_SOURCES = ("text", "vbpl", "phapdien")

# Validity (tình trạng hiệu lực) codes and their Vietnamese labels.
VALIDITY_LABELS = {
    "con_hieu_luc": "Còn hiệu lực",
    "het_hieu_luc": "Hết hiệu lực",
    "bi_thay_the": "Bị thay thế",
    "het_hieu_luc_mot_phan": "Hết hiệu lực một phần",
    "chua_co_hieu_luc": "Chưa có hiệu lực",
    # Suspended (vbpl TNHL / TNHL1P): not applied for a time, not ended; DESIGN.md had no code for it.
    "ngung_hieu_luc": "Ngưng hiệu lực",
    "ngung_hieu_luc_mot_phan": "Ngưng hiệu lực một phần",
    "khong_ro": "Chưa rõ hiệu lực",
}


@dataclass
class Citation:
    """One mention of another document, with offsets into the text as given."""

    start: int
    end: int
    text: str
    number: str | None
    type: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd, only when the mention states it
    issuer: str | None = None
    category: str = "state"  # "state" or "party"
    relation: str = "dan_chieu"
    name: str | None = None  # for citations by name only ("Luật Đất đai 2024")
    year: int | None = None  # from the number, the date or "năm 2013"
    self: bool = False  # the citing document's own number ("Số: 1622/QĐ-UBND")
    # Units of the cited document pointed at: [{"dieu": "5", "khoan": "2"}] (DESIGN.md
    # "Pinpoint citations"); None when the citation points at the whole document.
    pinpoint: list[dict] | None = None

    def to_json(self) -> dict:
        """The object printed by ``kb cite --json`` (DESIGN.md)."""
        out = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "number": self.number,
            "type": self.type,
            "date": self.date,
            "issuer": self.issuer,
            "category": self.category,
            "relation": self.relation,
        }
        if self.number is None:
            out["name"] = self.name
        if self.year is not None:
            out["year"] = self.year
        if self.self:
            out["self"] = True
        if self.pinpoint:
            out["pinpoint"] = self.pinpoint
        return out

    @property
    def slug(self) -> str:
        return document_slug(self.number, self.date, self.year, self.name if not self.number else None)


@dataclass
class Unit:
    """One structural unit of a document: a Chương, an Điều, a khoản, a Phụ lục …

    ``number`` is as written ("5", "5a", "II", "a"); ``anchor`` is the stable, readable
    fragment ("dieu-5-khoan-2", see ``kb.structure.anchors``); ``parent`` is the anchor of
    the enclosing unit. ``start``/``end`` are offsets into the document's text when the unit
    is found there; a unit brought by a source without the document's text (a Pháp điển
    article) carries its own ``text`` instead.
    """

    kind: str
    number: str
    anchor: str
    title: str | None = None
    start: int | None = None
    end: int | None = None
    parent: str | None = None
    text: str | None = None
    source: str = "text"
    extra: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class Topic:
    """A subject a document belongs to: a Pháp điển chủ đề ("19") or đề mục ("19.6")."""

    code: str
    name: str


@dataclass
class Described:
    """What every shape of a document says first: number, type, issuer, issue date, trích yếu.

    Declared once here: ``Document`` (and the store's ``DocumentRecord``), the index's
    ``IndexDoc``, a search ``Hit``, the store's matching ``Description`` and a scraped page's
    ``Link`` all derive from it instead of repeating these fields.
    """

    number: str | None = None  # canonical number, None for documents known by name only
    type: str | None = None
    issuer: str | None = None
    date: str | None = None  # issue date, ISO
    title: str | None = None  # trích yếu

    def described_json(self) -> dict:
        """These five fields, in this order, for the JSON shapes that list them."""
        return {f.name: getattr(self, f.name) for f in fields(Described)}


@dataclass
class Document(Described):
    """A legal or administrative document as the store knows it."""

    text: str | None = None
    name: str | None = None  # e.g. "Luật Đất đai" for documents cited by name
    year: int | None = None
    signer: str | None = None
    signer_title: str | None = None
    place: str | None = None
    effective_date: str | None = None
    validity: str | None = None  # the source's own statement (Tình trạng hiệu lực)
    category: str = "state"
    source_url: str | None = None
    expiry_date: str | None = None  # "hết hiệu lực …", "áp dụng đến hết ngày …", a source's effTo
    extra: dict = field(default_factory=dict)
    # Not columns of the documents table (see kb.store.records.DOCUMENT_FIELDS):
    # ``units`` given by a source replace that source's units; None = parse them from the text.
    units: list[Unit] | None = None
    topics: list[Topic] = field(default_factory=list)

    @property
    def slug(self) -> str:
        year = self.year or (int(self.date[:4]) if self.date else None)
        return document_slug(self.number, self.date, year, self.name if not self.number else None)

    def to_json(self) -> dict:
        out = asdict(self)
        out["slug"] = self.slug
        return out


@dataclass
class Source:
    """Where a version of a document came from (kept as its history of sources)."""

    kind: str  # "file", "vbpl", "web", "catalogue"
    url: str | None = None  # URL, or the file path for local files
    fetched_at: str | None = None  # ISO timestamp
    content_hash: str | None = None  # sha256 of the raw bytes
    raw_page_id: int | None = None  # the kept raw page, when fetched


@dataclass
class Relation:
    """A typed edge stated by a source itself (vbpl's lược đồ, the catalogue).

    ``direction="out"``: the saved document has ``relation`` to ``other``;
    ``"in"``: ``other`` has ``relation`` to the saved document (e.g. "bị thay thế bởi").
    """

    relation: str
    other: Document
    direction: str = "out"
    evidence: str | None = None
    # Units on each side of the edge, as pinpoint objects ({"dieu": "1"}), from the citing
    # document X to the cited Y whatever the direction: "Điều 1 Thông tư 49/2018 (X) sửa
    # đổi Điều 5 (Y)" → citing_units [{"dieu": "1"}], cited_units [{"dieu": "5"}].
    citing_units: list[dict] = field(default_factory=list)
    cited_units: list[dict] = field(default_factory=list)
    date: str | None = None  # when the change takes effect (ISO), when the source says
