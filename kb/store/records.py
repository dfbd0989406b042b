"""What the store hands out: records of documents, edges, validity, raw pages."""
from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, field, fields

from kb.model import Document

# Document fields kept as columns of the documents table, in the model's order.
DOCUMENT_FIELDS = tuple(f.name for f in fields(Document) if f.name not in ("extra", "units", "topics"))

# Document fields a record leaves out of its JSON: its units and topics are read through
# Store.units / Store.topics, never carried in the documents row.
NOT_IN_JSON = ("units", "topics")


@dataclass(kw_only=True)
class DocumentRecord(Document):
    """A document as stored: the model's fields plus identity (id, slug), stub flag, change counter."""

    id: int
    # The stored slug (kept when a document is renamed or disambiguated), not Document.slug's
    # computed one: a class attribute here shadows the parent's property so the field can be set.
    slug: str = ""
    is_stub: bool
    seq: int
    updated_at: str | None = None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> "DocumentRecord":
        keys = row.keys()
        values = {name: row[name] for name in DOCUMENT_FIELDS if name in keys}
        return cls(
            id=row["id"],
            slug=row["slug"],
            is_stub=bool(row["is_stub"]),
            seq=row["seq"],
            extra=json.loads(row["extra"]) if "extra" in keys and row["extra"] else {},
            updated_at=row["updated_at"] if "updated_at" in keys else None,
            **values,
        )

    @property
    def label(self) -> str:
        """How a page or a line names the document: "Nghị quyết 76/NQ-CP"."""
        if self.number:
            head = self.name or self.type
            return f"{head} số {self.number}" if head else self.number
        return self.name or self.title or self.slug

    def to_json(self, text: bool = True) -> dict:
        values = asdict(self)
        # Identity first, then the document's fields and updated_at, as the JSON has always been laid out.
        out = {k: values.pop(k) for k in ("id", "slug", "is_stub", "seq")}
        for k in NOT_IN_JSON:
            del values[k]
        out.update(values)
        if not text:
            out.pop("text")
        return out

    def brief(self) -> dict:
        """The short form used in lists of edges and candidates."""
        return {
            "slug": self.slug,
            **self.described_json(),
            "year": self.year,
            "name": self.name,
            "is_stub": self.is_stub,
        }


@dataclass
class SaveResult:
    status: str  # "new" | "updated" | "unchanged"
    slug: str
    id: int


@dataclass
class Resolution:
    status: str  # "found" | "stub" | "ambiguous" | "unknown"
    document: DocumentRecord | None = None
    candidates: list[DocumentRecord] = field(default_factory=list)


# Edge fields given in brief under their own keys (source, target, candidates), or left out (id).
_EDGE_DOCUMENTS = ("source_doc", "target_doc", "candidates", "id")


@dataclass
class Edge:
    relation: str
    surface: str | None
    sentence: str | None
    start: int | None
    end: int | None
    source_doc: DocumentRecord
    target_doc: DocumentRecord | None
    candidates: list[DocumentRecord]
    origin: str  # "text" | "source"
    status: str = "found"
    number: str | None = None  # what the citation says, for unresolved ones
    id: int | None = None
    cited_units: list[dict] = field(default_factory=list)  # units of the target named
    citing_units: list[dict] = field(default_factory=list)  # units of the citing document that say it
    effective_date: str | None = None  # when the change takes effect

    def to_json(self) -> dict:
        """The edge's own fields in their order (not its row id), then its documents in brief."""
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in _EDGE_DOCUMENTS}
        return {
            **out,
            "source": self.source_doc.brief(),
            "target": self.target_doc.brief() if self.target_doc else None,
            "candidates": [c.brief() for c in self.candidates],
        }


@dataclass
class Evidence:
    relation: str
    document: DocumentRecord
    sentence: str | None
    units: list[dict] = field(default_factory=list)  # units of the cited document acted on
    date: str | None = None  # when the act takes effect, when known
    # A suspension's end (kb.validity.suspension): the first day the text applies again, or
    # the event it waits for ("cho đến khi …"); both None when the sentence gives no end.
    until: str | None = None
    until_event: str | None = None

    def to_json(self) -> dict:
        out = {"relation": self.relation, "document": self.document.brief(), "sentence": self.sentence,
               "units": self.units, "date": self.date}
        if self.until or self.until_event:
            out |= {"until": self.until, "until_event": self.until_event}
        return out


@dataclass
class Validity:
    status: str
    label: str
    stated_by_source: bool
    evidence: list[Evidence] = field(default_factory=list)
    amendments: list[Evidence] = field(default_factory=list)
    statement: str | None = None  # the source's words, when it gave them
    # Why, in one Vietnamese sentence ("Đang có hiệu lực: có hiệu lực từ …, và trong cơ sở dữ liệu …").
    explanation: str | None = None
    effective_date: str | None = None
    expiry_date: str | None = None
    # The sentence of the document's own text that gave its effective date (or expiry), if any.
    date_evidence: str | None = None
    # Replaced by X, itself replaced by Y …: the replacing documents in order, and the text in force.
    chain: list[DocumentRecord] = field(default_factory=list)
    in_force: DocumentRecord | None = None
    # Acts that do not yet apply ("thay thế … từ ngày 01/07/2026"): the document is in force until then.
    pending: list[Evidence] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "status": self.status,
            "label": self.label,
            "stated_by_source": self.stated_by_source,
            "statement": self.statement,
            "explanation": self.explanation,
            "effective_date": self.effective_date,
            "expiry_date": self.expiry_date,
            "date_evidence": self.date_evidence,
            "evidence": [e.to_json() for e in self.evidence],
            "amendments": [e.to_json() for e in self.amendments],
            "pending": [e.to_json() for e in self.pending],
            "chain": [d.brief() for d in self.chain],
            "in_force": self.in_force.brief() if self.in_force else None,
        }


@dataclass
class RawPage:
    id: int
    url: str
    content_hash: str
    changed: bool = False
    status: int | None = None
    headers: dict = field(default_factory=dict)
    body: bytes | None = None
    fetched_at: str | None = None
