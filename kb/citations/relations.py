"""Type each citation's relation to the citing document from the words before it.

The last cue before a citation in its clause decides ("Căn cứ …" → ``can_cu``,
"Thực hiện …" → ``thuc_hien``, "bãi bỏ …" → ``bai_bo`` …).  A citation that
follows another in the same clause shares its relation when the two are
coordinated ("…, Quyết định số …", "và số …") and is a plain mention
(``dan_chieu``) when it is nested in the other's title ("… ban hành kèm theo
Quyết định số …", "… hướng dẫn Nghị định …": the verb is the other
document's, not the citing one's).  Passive cues ("đã được sửa đổi", "bị bãi
bỏ") describe the cited document, not what the citing one does to it.

A cue counts only when it is the citing document's own act, in the citation's
own clause:

* a clause opened by "Căn cứ" keeps ``can_cu`` for its first citation, and in a
  clause opened by "Căn cứ" / "Thực hiện" later cue words belong to the titles
  of the cited documents ("Căn cứ Quyết định số 18/2023/QĐ-TTg … sửa đổi, bổ
  sung và bãi bỏ … Quyết định số 39/2021/QĐ-TTg": the second is a mention); a
  cue on a heading line above never reaches across the clause's opener;
* a cue right after a type word is part of a title ("Luật sửa đổi, bổ sung …",
  "khi có văn bản thay thế"), unless the document names itself so ("ban hành
  Thông tư sửa đổi …", its own heading);
* a proposal, task, condition or future act ("tham mưu … thay thế", "đề xuất
  sửa đổi", "Kiến nghị thực thi: Sửa đổi …") is not done by the citing document;
* a changing cue does not reach a citation that only says where the changed
  thing is or comes from ("bổ sung máy móc … quy định tại … Quyết định số …",
  "thủ tục … theo Thông tư số …"), nor the document that made the change
  ("…, sửa đổi, bổ sung tại khoản 1 Điều 1 Nghị định số …"), nor one quoted
  from another document (“9. Bãi bỏ các điều … của Nghị quyết số …”) or
  described as another's ("Luật này thay thế …" in an official letter);
* a list of grounds continues only within one list: a ";"-item in a table cell
  or paragraph further down does not take the relation of a citation above it.
"""
from __future__ import annotations

from kb import sentences
from kb.citations.find import Found
from kb.citations.regexes import (
    CHANGING_RELATIONS,
    COORDINATE_END_RE,
    CUE_COORDINATED_RE,
    CUE_BY_RE,
    CUE_DETOUR_RE,
    CUE_JOIN_RE,
    CUE_PASSIVE_RE,
    NOT_DONE_HEADING_CHARS,
    NOT_DONE_HEADING_RE,
    NOT_DONE_PARAGRAPH_CHARS,
    NOT_DONE_RE,
    ONLY_LINKING_RE,
    OPENER_LEAD_RE,
    OWN_TITLE_LEAD_RE,
    QUOTE_CHARS,
    RELATION_CUE_RE,
    RELATION_WINDOW,
    SUSPENSION_DETOUR_RE,
    THIS_DOCUMENT_RE,
    TITLE_BEFORE_CUE_RE,
    TYPE_BY_FORM,
)

_OPENING = ("can_cu", "thuc_hien")


def _cues(text: str, start: int, end: int) -> tuple[list, int]:
    """Cue matches in ``text[start:end]`` that can be verbs, and where the last title cue is.

    A title cue ("Luật sửa đổi …", "văn bản thay thế") names a document; it is no act.
    """
    out, title_at = [], -1
    for match in RELATION_CUE_RE.finditer(text, start, end):
        title = TITLE_BEFORE_CUE_RE.search(text, start, match.start())
        if title is not None and match.lastgroup in CHANGING_RELATIONS \
                and not OWN_TITLE_LEAD_RE.search(text, max(0, title.start() - 40), title.start()):
            title_at = match.start()
            continue
        out.append(match)
    return out, title_at


def _last_cue(text: str, start: int, end: int, clause_start: int,
              own_type: str | None = None) -> tuple[str, int, str] | None:
    """(relation, position, cue's own relation) of the last cue in ``text[start:end]``, or None.

    Passive cues are mentions, and so are changing cues the citing document does
    not itself perform (proposals, tasks, conditions; see the module docstring).
    """
    cues, title_at = _cues(text, start, end)
    if not cues or title_at > cues[-1].start():
        # Nested in a title that follows the last verb ("khi có văn bản thay thế Quyết định …").
        return ("dan_chieu", title_at, "title") if title_at != -1 else None
    last = cues[-1]
    first = last  # the first cue of the run the last one ends ("sửa đổi, bổ sung hoặc thay thế")
    for earlier in reversed(cues[:-1]):
        if CUE_JOIN_RE.match(text, earlier.end(), first.start()) is None:
            break
        first = earlier
    if CUE_PASSIVE_RE.search(text, start, first.start()):
        return "dan_chieu", last.start(), last.lastgroup
    code = last.lastgroup
    if code in CHANGING_RELATIONS and (_not_done(text, clause_start, first.start())
                                       or (SUSPENSION_DETOUR_RE if code == "ngung_hieu_luc"
                                           else CUE_DETOUR_RE).search(text, last.end(), end)
                                       or CUE_BY_RE.match(text, last.end(), end)
                                       or _quoted(text, first.start())
                                       or _another_documents_act(text, clause_start, first.start(), own_type)):
        return "dan_chieu", last.start(), code
    return code, last.start(), code


def _not_done(text: str, clause_start: int, cue_start: int) -> bool:
    """Whether the act is a proposal, task, condition or future one, not the document's own."""
    if NOT_DONE_RE.search(text, clause_start, cue_start):
        return True
    # A short heading on the line just above the clause's line ("**1.2. Kiến nghị thực thi**"
    # / "Sửa đổi Điểm b … Nghị định số …; sửa đổi Phụ lục … Thông tư số …").
    # (The paragraph's first line when lines are hard-wrapped inside a paragraph.)
    paragraph = text.rfind("\n\n", max(0, clause_start - NOT_DONE_PARAGRAPH_CHARS), clause_start)
    line_start = paragraph + 2 if paragraph != -1 else text.rfind("\n", 0, clause_start) + 1
    above = text[max(0, line_start - NOT_DONE_HEADING_CHARS):line_start].rstrip().rsplit("\n", 1)[-1]
    return len(above.strip()) <= NOT_DONE_HEADING_CHARS // 2 and NOT_DONE_HEADING_RE.search(above) is not None


def _another_documents_act(text: str, clause_start: int, cue_start: int, own_type: str | None) -> bool:
    """"Luật này thay thế …" written in a document that is no law: that law's act, not this one's."""
    if own_type is None or own_type == "Văn bản hợp nhất":
        return False  # a consolidated text speaks with the consolidated document's voice
    subject = None
    for subject in THIS_DOCUMENT_RE.finditer(text, clause_start, cue_start):
        pass
    return subject is not None and TYPE_BY_FORM[" ".join(subject.group("type").lower().split())] != own_type


def _quoted(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside a quotation opened shortly before (“9. Bãi bỏ …” quotes another law)."""
    opened = text.rfind("“", max(0, pos - QUOTE_CHARS), pos)
    return opened != -1 and text.find("”", opened, pos) == -1


def _adjacent(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stays in one list (no table cell or paragraph ends in it)."""
    gap = text[start:end]
    return "|" not in gap and "\n\n" not in gap


def _opening_cue(text: str, clause_start: int, end: int) -> str | None:
    """"can_cu" / "thuc_hien" when the clause opens with "Căn cứ" / "Thực hiện"."""
    match = RELATION_CUE_RE.search(text, clause_start, end)
    if match is None or match.lastgroup not in _OPENING:
        return None
    if OPENER_LEAD_RE.match(text, clause_start, match.start()) is None:
        return None
    return match.lastgroup


def _cue_end(text: str, f: Found, clause_start: int) -> int:
    """Where cue words for ``f`` are read up to.

    A unit phrase right after a verb is what the verb acts on ("Thay thế Phụ lục II ban hành
    kèm theo Nghị quyết …": the phrase's own "kèm theo" is no cue); elsewhere its words count
    as before ("Phiếu yêu cầu bổ sung … tại Phụ lục I ban hành kèm theo Thông tư …": a mention).
    """
    if f.pinpoint_start is None:
        return f.start
    last = None
    for last in RELATION_CUE_RE.finditer(text, max(clause_start, f.pinpoint_start - 24), f.pinpoint_start):
        pass
    if last is not None and not text[last.end():f.pinpoint_start].strip(" \t\r\n*_:"):
        return f.pinpoint_start
    return f.start


def assign_relations(text: str, found: list[Found]) -> None:
    """Set ``relation`` on each citation (in text order), in place."""
    previous: Found | None = None
    own_type = next((f.type for f in found if f.own_header == "header" and f.type), None)
    for f in found:
        # A unit phrase before the citation ("khoản 2 Điều 5 …") belongs to it: lists are
        # read up to where it starts ("Bãi bỏ Điều 8 Nghị định …; Điều 13 Nghị định …").
        start = f.pinpoint_start if f.pinpoint_start is not None else f.start
        window_start = max(0, start - RELATION_WINDOW)
        clause_start, after_semicolon = sentences.clause_start(text, window_start, start)
        cue_end = _cue_end(text, f, clause_start)
        same_clause = previous is not None and previous.end > clause_start and previous.end <= start
        if same_clause:
            cue = _last_cue(text, previous.end, cue_end, clause_start, own_type)
            if cue is not None:
                code, at, _ = cue
                # Only a verb coordinated with the citing document's own ("… và bãi bỏ …")
                # is its relation; otherwise the verb belongs to the previous citation.
                # In a "Căn cứ …" clause every later verb is a cited document's.
                coordinated = (CUE_COORDINATED_RE.search(text, previous.end, at)
                               and _opening_cue(text, clause_start, cue_end) is None)
                f.relation = code if coordinated else "dan_chieu"
            elif COORDINATE_END_RE.search(text, previous.end, start):
                f.relation = previous.relation
            else:
                f.relation = "dan_chieu"
        else:
            cue = _last_cue(text, clause_start, cue_end, clause_start, own_type)
            # The previous citation is in the same list (not in a table cell or paragraph further up).
            list_goes_on = (previous is not None and after_semicolon and previous.end < clause_start
                            and _adjacent(text, previous.end, clause_start - 1))
            if (cue is not None and (cue[2] in CHANGING_RELATIONS or cue[2] == "title")
                    and _opening_cue(text, clause_start, cue_end) == "can_cu"):
                f.relation = "can_cu"  # "Căn cứ Luật … sửa đổi …": the clause's opener wins
            elif (cue is not None and cue[2] == "title" and list_goes_on and previous.relation in _OPENING
                  and not _cues(text, clause_start, cue_end)[0]):
                # "Căn cứ Luật …; Luật sửa đổi, bổ sung … Luật …": the next ground, by its title.
                f.relation = previous.relation
            elif cue is not None:
                f.relation = cue[0]
            elif list_goes_on and ONLY_LINKING_RE.match(text, clause_start, start):
                # "Căn cứ Nghị định …; Nghị định …;": items of one list of grounds.
                f.relation = previous.relation
            else:
                f.relation = "dan_chieu"
        if f.self:
            f.relation = "dan_chieu"
            continue  # the document's own number links nothing to chain
        previous = f

