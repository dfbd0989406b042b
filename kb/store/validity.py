"""Validity (tình trạng hiệu lực): the source's own statement, else what the edges show.

Derived validity always carries its evidence: the document that replaces or
repeals, and the sentence that says so.  Two guards keep mentions from passing
for acts: a pursuant clause ("Căn cứ Luật sửa đổi …") never replaces anything,
and a document cannot replace one issued after it.
"""
from __future__ import annotations

import re
import sqlite3
from datetime import date as Date

from kb.model import VALIDITY_LABELS
from kb.store import documents, edges
from kb.store.records import Evidence, Validity
from kb.text import fold_key

LABELS = VALIDITY_LABELS

# Statements as sources write them (folded), most specific first.
_STATEMENTS = [
    ("het hieu luc mot phan", "het_hieu_luc_mot_phan"),
    ("con hieu luc mot phan", "het_hieu_luc_mot_phan"),
    ("chua co hieu luc", "chua_co_hieu_luc"),
    ("chua xac dinh", None),
    ("da biet", None),  # thuvienphapluat hides the status behind a login
    ("khong con phu hop", "het_hieu_luc"),
    ("het hieu luc", "het_hieu_luc"),
    ("bi thay the", "bi_thay_the"),
    ("ngung hieu luc", "het_hieu_luc"),
    ("con hieu luc", "con_hieu_luc"),
    ("co hieu luc", "con_hieu_luc"),
]
# "thay thế Điều 5 của Quyết định …", "bãi bỏ khoản 2 …", "bãi bỏ các quy định về … tại Nghị định …":
# the act touches a part only.
_PART = re.compile(
    r"\b(?:(?:điều|khoản|điểm|chương|mục|phụ lục)\s+(?:\d+|[IVXLC]+\b|[a-zđ]\b)"
    r"|một số|một phần|các quy định|nội dung|danh mục)",
    re.IGNORECASE,
)
# "… theo (tiêu chuẩn) quy định tại Phụ lục II Quyết định …": the document is the rule applied.
_REFERENCE = re.compile(r"\btheo\b[^;.]{0,60}quy định tại", re.IGNORECASE)
# "tham mưu … thay thế Quyết định …": a task or a proposal, not the act itself.
_PROPOSAL = re.compile(
    r"\b(?:tham mưu|đề xuất|kiến nghị|nghiên cứu|dự thảo|dự kiến|sẽ|khi có|sau khi có|khi ban hành"
    r"|(?<!chương )trình (?:UBND|Ủy ban|Uỷ ban|Hội đồng|HĐND|cấp|Thủ tướng|Chính phủ|Quốc hội|Bộ))\b",
    re.IGNORECASE,
)


def validity_code(value: str | None) -> str:
    """A validity code from a code, a Vietnamese label or a source's statement."""
    if not value:
        return "khong_ro"
    if value in LABELS:
        return value
    return status_of_statement(value.replace("_", " ").replace("-", " ")) or "khong_ro"


def status_of_statement(statement: str | None) -> str | None:
    """The status code a source's statement means, or None when it says nothing usable."""
    if not statement:
        return None
    key = fold_key(statement)
    for words, code in _STATEMENTS:
        if words in key:
            return code
    return None


_ACT = re.compile(r"thay thế|bãi bỏ|hết hiệu lực|hủy bỏ|huỷ bỏ|ngưng hiệu lực|sửa đổi|bổ sung|đính chính", re.IGNORECASE)


def _counts(edge, target_date: str | None) -> bool:
    if edge.origin == "text":
        before = _before(edge)
        if len(before.strip(" -–•+*.)(0123456789")) > 3 and not _ACT.search(before):
            # The act must come before the citation ("… thay thế Quyết định số …"); a list item
            # that starts with the citation takes its act from the list's head, as the label says.
            return False
        pursuant = list(re.finditer(r"căn cứ", before, re.IGNORECASE))
        if pursuant and not re.search(r"[;.]", before[pursuant[-1].end():]):
            # "Căn cứ Luật sửa đổi, bổ sung …": a pursuant clause names its basis, it does not act.
            return False
        if _PROPOSAL.search(before) or _REFERENCE.search(before[-120:]):
            return False
    source_date = edge.source_doc.date
    if source_date and target_date and source_date < target_date:
        return False
    return True


def _before(edge) -> str:
    """The sentence up to the citation."""
    if not edge.sentence or not edge.surface:
        return edge.sentence or ""
    where = edge.sentence.find(" ".join(edge.surface.split()))
    return edge.sentence[:where] if where >= 0 else edge.sentence


def _partial(edge) -> bool:
    if edge.origin != "text":
        return False  # a source states the relation of whole documents
    # Only the words just before the citation: "bãi bỏ Điều 3 của Quyết định số …".
    return bool(_PART.search(_before(edge)[-120:]))


def validity(conn: sqlite3.Connection, doc_id: int, today: str | None = None) -> Validity:
    record = documents.get_by_id(conn, doc_id, with_text=False)
    if record is None:
        return Validity("khong_ro", LABELS["khong_ro"], False)
    incoming = edges.incoming(conn, doc_id, ("thay_the", "bai_bo", "sua_doi"))
    evidence: list[Evidence] = []
    partial_only = True
    replaced = False
    for relation in ("thay_the", "bai_bo"):
        for edge in incoming.get(relation, []):
            if not _counts(edge, record.date):
                continue
            if any(e.document.id == edge.source_doc.id and e.relation == relation for e in evidence):
                continue
            evidence.append(Evidence(relation, edge.source_doc, edge.sentence))
            if not _partial(edge):
                partial_only = False
                replaced = replaced or relation == "thay_the"
    amendments: list[Evidence] = []
    for edge in incoming.get("sua_doi", []):
        if not _counts(edge, record.date):
            continue
        if any(e.document.id == edge.source_doc.id for e in amendments):
            continue
        amendments.append(Evidence("sua_doi", edge.source_doc, edge.sentence))

    stated = status_of_statement(record.validity)
    if stated:
        return Validity(stated, LABELS[stated], True, evidence, amendments, record.validity)
    if evidence:
        if partial_only:
            code = "het_hieu_luc_mot_phan"
        else:
            code = "bi_thay_the" if replaced else "het_hieu_luc"
        return Validity(code, LABELS[code], False, evidence, amendments, record.validity)
    today = today or Date.today().isoformat()
    if record.effective_date and record.effective_date > today:
        return Validity("chua_co_hieu_luc", LABELS["chua_co_hieu_luc"], False, [], amendments, record.validity)
    return Validity("khong_ro", LABELS["khong_ro"], False, [], amendments, record.validity)
