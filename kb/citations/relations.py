"""Type each citation's relation to the citing document from the words before it.

The last cue before a citation in its clause decides ("Căn cứ …" → ``can_cu``,
"Thực hiện …" → ``thuc_hien``, "bãi bỏ …" → ``bai_bo`` …).  A citation that
follows another in the same clause shares its relation when the two are
coordinated ("…, Quyết định số …", "và số …") and is a plain mention
(``dan_chieu``) when it is nested in the other's title ("… ban hành kèm theo
Quyết định số …", "… hướng dẫn Nghị định …": the verb is the other
document's, not the citing one's).  Passive cues ("đã được sửa đổi", "bị bãi
bỏ") describe the cited document, not what the citing one does to it.
"""
from __future__ import annotations

from kb.citations.find import Found
from kb.citations.regexes import (
    CLAUSE_MARKS,
    CLAUSE_OPENERS,
    COORDINATE_END_RE,
    CUE_COORDINATED_RE,
    CUE_PASSIVE_RE,
    ONLY_LINKING_RE,
    RELATION_CUE_RE,
    RELATION_WINDOW,
)


def _last_cue(text: str, start: int, end: int) -> tuple[str, int] | None:
    """(relation, position) of the last cue in ``text[start:end]``; passive cues are mentions."""
    last = None
    for match in RELATION_CUE_RE.finditer(text, start, end):
        last = match
    if last is None:
        return None
    if CUE_PASSIVE_RE.search(text, start, last.start()):
        return "dan_chieu", last.start()
    return last.lastgroup, last.start()


def _clause_start(text: str, window_start: int, pos: int) -> tuple[int, bool]:
    """Where the clause holding ``pos`` starts, and whether a ";" ends the one before."""
    best, semicolon = window_start, False
    for mark in CLAUSE_MARKS:
        at = text.rfind(mark, window_start, pos)
        if at != -1 and at + len(mark) > best:
            best, semicolon = at + len(mark), mark == ";"
    for opener in CLAUSE_OPENERS:  # "Căn cứ" opens a clause even without punctuation
        at = text.rfind(opener, window_start, pos)
        if at > best:
            best, semicolon = at, False
    return best, semicolon


def assign_relations(text: str, found: list[Found]) -> None:
    """Set ``relation`` on each citation (in text order), in place."""
    previous: Found | None = None
    for f in found:
        window_start = max(0, f.start - RELATION_WINDOW)
        clause_start, after_semicolon = _clause_start(text, window_start, f.start)
        same_clause = previous is not None and previous.end > clause_start and previous.end <= f.start
        if same_clause:
            cue = _last_cue(text, previous.end, f.start)
            if cue is not None:
                code, at = cue
                # Only a verb coordinated with the citing document's own ("… và bãi bỏ …")
                # is its relation; otherwise the verb belongs to the previous citation.
                f.relation = code if CUE_COORDINATED_RE.search(text, previous.end, at) else "dan_chieu"
            elif COORDINATE_END_RE.search(text, previous.end, f.start):
                f.relation = previous.relation
            else:
                f.relation = "dan_chieu"
        else:
            cue = _last_cue(text, clause_start, f.start)
            if cue is not None:
                f.relation = cue[0]
            elif (previous is not None and after_semicolon and previous.end < clause_start
                  and ONLY_LINKING_RE.match(text, clause_start, f.start)):
                # "Căn cứ Nghị định …; Nghị định …;": items of one list of grounds.
                f.relation = previous.relation
            else:
                f.relation = "dan_chieu"
        if f.self:
            f.relation = "dan_chieu"
            continue  # the document's own number links nothing to chain
        previous = f
