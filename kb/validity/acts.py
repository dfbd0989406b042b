"""Whether a sentence states a done act on the cited document: decided once, when the edge is made.

The extractor labels a citation "thay_the" when a changing word is near; validity needs more:
the act must be this document's own and done. The cues for "a proposal, a task, a condition"
are the extractor's own (``NOT_DONE_RE``): one home for them. Here only what depends on the
citation's place in the sentence: the act word comes before the citation, a pursuant clause
("Căn cứ Luật sửa đổi …") names a basis, "… theo quy định tại …" names the rule applied, and
a submission ("trình UBND tỉnh … thay thế") asks another body to act.
"""
from __future__ import annotations

import re
import sqlite3

from kb.citations.regexes import NOT_DONE_RE

# Relations whose edges say something about the cited document's validity.
ACT_RELATIONS = ("thay_the", "bai_bo", "ngung_hieu_luc", "sua_doi")

_ACT = re.compile(r"thay thế|bãi bỏ|hết hiệu lực|hủy bỏ|huỷ bỏ|ngưng hiệu lực|đình chỉ|sửa đổi|bổ sung|đính chính", re.IGNORECASE)
_PURSUANT = re.compile(r"căn cứ", re.IGNORECASE)
# "… theo (tiêu chuẩn) quy định tại Phụ lục II Quyết định …": the document is the rule applied.
_REFERENCE = re.compile(r"\btheo\b[^;.]{0,60}quy định tại", re.IGNORECASE)
# "trình UBND tỉnh ban hành … thay thế": another body is asked to act ("Chương trình" is no submission).
_SUBMISSION = re.compile(
    r"(?<!chương )\btrình (?:UBND|Ủy ban|Uỷ ban|Hội đồng|HĐND|cấp|Thủ tướng|Chính phủ|Quốc hội|Bộ)\b|\bkhi ban hành\b",
    re.IGNORECASE,
)


def before_citation(sentence: str | None, surface: str | None) -> str:
    """The sentence up to the citation."""
    if not sentence or not surface:
        return sentence or ""
    where = sentence.find(" ".join(surface.split()))
    return sentence[:where] if where >= 0 else sentence


def is_act(sentence: str | None, surface: str | None) -> bool:
    """Whether the sentence a text citation sits in states this document's done act on it."""
    before = before_citation(sentence, surface)
    if len(before.strip(" -–•+*.)(0123456789")) > 3 and not _ACT.search(before):
        # The act comes before the citation ("… thay thế Quyết định số …"); a list item that
        # starts with the citation takes its act from the list's head, as the label says.
        return False
    pursuant = list(_PURSUANT.finditer(before))
    if pursuant and not re.search(r"[;.]", before[pursuant[-1].end():]):
        return False
    if NOT_DONE_RE.search(before) or _SUBMISSION.search(before) or _REFERENCE.search(before[-120:]):
        return False
    return True


def decide(conn: sqlite3.Connection, owner_id: int) -> int:
    """Store ``is_act`` on the text edges of ``owner_id`` not yet decided; returns how many."""
    rows = conn.execute(
        "SELECT id, relation, sentence, surface FROM citations"
        " WHERE owner_id = ? AND origin = 'text' AND is_act IS NULL",
        (owner_id,),
    ).fetchall()
    updates = [(int(r["relation"] in ACT_RELATIONS and is_act(r["sentence"], r["surface"])), r["id"]) for r in rows]
    conn.executemany("UPDATE citations SET is_act = ? WHERE id = ?", updates)
    return len(updates)


def decide_all(conn: sqlite3.Connection) -> int:
    """Decide every undecided text edge (edges stored before ``is_act`` existed)."""
    owners = [r[0] for r in conn.execute(
        "SELECT DISTINCT owner_id FROM citations WHERE origin = 'text' AND is_act IS NULL")]
    return sum(decide(conn, owner) for owner in owners)
