"""What in a query is the question's wording, not its subject.

"…, đúng hay sai?", "có phải …", "theo quy định của pháp luật", "như thế nào",
"… không?" frame a question; the subject is the rest.  Left in, these words
decide the ranking of long questions (every article holding "theo quy định"
gains).  :func:`query_terms` removes them from a query of four or more
syllables (a short query keeps every word: "không" alone is a search) and
returns the syllables that rank, with the breaks where wording was removed
(syllable pairs are not formed across a break).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.text import fold

# Folded, longest first when matched.  Only framing: no legal content words.  (A
# longer list — "bao nhiêu", "khi nào", "là gì" … — lost 0.005 MRR on ALQAC 2022:
# those words carry the question's subject more often than not.)
WORDING = [
    "dung hay sai", "dung khong", "co dung khong", "co phai", "phai khong",
    "theo quy dinh cua phap luat hien hanh", "theo quy dinh cua phap luat", "theo quy dinh hien hanh",
    "theo quy dinh", "nhu the nao", "hay khong", "duoc khong",
]
_WORDING = sorted((w.split() for w in WORDING), key=len, reverse=True)
MIN_QUESTION = 4  # syllables; shorter queries are searched word for word


@dataclass
class QueryTerms:
    syllables: list[str]  # accented, lowercase, in order, wording removed
    folded: list[str]
    bigrams: list[str] = field(default_factory=list)  # folded pairs within unbroken runs
    removed: list[str] = field(default_factory=list)  # the wording taken out (folded)
    defines: list[str] | None = None  # the term whose meaning is asked (folded), see definition_subject


def query_terms(syls: list[str], framing: list[str] | None = None) -> QueryTerms:
    """Ranking terms of a query's syllables (see the module's note).

    ``framing``: the folded words of a recognized question form (``"la gi"`` of a question
    asking what a term means), left out whatever the query's length.
    """
    folded = [fold(s) for s in syls]
    keep = [True] * len(syls)
    if len(syls) >= MIN_QUESTION:
        i = 0
        while i < len(folded):
            for phrase in _WORDING:
                if folded[i:i + len(phrase)] == phrase:
                    for k in range(i, i + len(phrase)):
                        keep[k] = False
                    i += len(phrase) - 1
                    break
            i += 1
        # "… bị phạt không?": a closing "không" asks, it does not negate
        if folded and folded[-1] == "khong":
            keep[-1] = False
        if sum(keep) < 2:  # the whole query was wording: search it as typed
            keep = [True] * len(syls)
    if framing:
        at = _find(folded, framing.split())
        for k in range(at, at + len(framing.split()) if at >= 0 else at):
            keep[k] = False
    runs: list[list[int]] = [[]]
    for i, k in enumerate(keep):
        if k:
            runs[-1].append(i)
        elif runs[-1]:
            runs.append([])
    bigrams = [folded[a] + " " + folded[b] for run in runs for a, b in zip(run, run[1:])]
    return QueryTerms(
        syllables=[s for s, k in zip(syls, keep) if k],
        folded=[f for f, k in zip(folded, keep) if k],
        bigrams=bigrams,
        removed=[f for f, k in zip(folded, keep) if not k],
    )


# --- questions asking what a term means --------------------------------------------------
# Vietnamese legal texts define a term as "X là …" (the "Giải thích từ ngữ" article of a
# law, or a clause of the article on X); a question asking what X means names X beside one
# of these framings.  Folded; the subject comes after (BEFORE) or before (AFTER) the framing.
DEFINITION_BEFORE = ["dinh nghia cua", "dinh nghia ve", "dinh nghia", "the nao la", "the nao duoc goi la",
                     "khai niem ve", "khai niem cua", "khai niem"]
DEFINITION_AFTER = ["duoc hieu nhu the nao", "duoc hieu la gi", "duoc hieu the nao", "duoc hieu",
                    "duoc dinh nghia nhu the nao", "duoc dinh nghia", "duoc giai thich nhu the nao",
                    "co nghia la gi", "nghia la gi", "la gi", "la the nao"]
MAX_SUBJECT = 8  # syllables: a longer "… là gì" asks about something else than a term
_CLAUSE = re.compile(r"[,;:?!.()\[\]\n]+")
# Where a subject named after the framing ends: the question goes on ("… như thế nào theo …").
_SUBJECT_END = ["nhu the nao", "theo", "trong", "tai", "la gi", "duoc quy dinh", "la"]


def _find(seq: list[str], phrase: list[str]) -> int:
    for i in range(len(seq) - len(phrase) + 1):
        if seq[i:i + len(phrase)] == phrase:
            return i
    return -1


def definition_subject(words: str, phrases: list[list[str]] | None = None) -> list[str] | None:
    """The folded syllables of the term a question asks the meaning of, else None."""
    found = definition_question(words, phrases)
    return found[0] if found else None


def definition_question(words: str, phrases: list[list[str]] | None = None) -> tuple[list[str], str] | None:
    """(subject, framing) of a question asking what a term means (both folded), else None.

    ``words`` is the question as typed (punctuation kept: a clause ends at a comma),
    ``phrases`` its quoted parts (syllables): a quoted term is the subject.
    """
    from indexer.segment import syllables

    for clause in _CLAUSE.split(fold(words.lower())):
        syls = syllables(clause)
        subject = None
        for cue in DEFINITION_BEFORE:
            at = _find(syls, cue.split())
            if at >= 0:
                rest = syls[at + len(cue.split()):]
                end = min([i for stop in _SUBJECT_END if (i := _find(rest, stop.split())) >= 0] + [len(rest)])
                subject, framing = rest[:end], cue
                break
        else:
            for cue in DEFINITION_AFTER:
                at = _find(syls, cue.split())
                if at >= 0:
                    subject, framing = syls[:at], cue
                    break
        if subject is None:
            continue
        if phrases:  # "Định nghĩa của “người lao động”", "“An ninh mạng” là gì?"
            subject = [fold(s) for s in phrases[0]]
        if 0 < len(subject) <= MAX_SUBJECT:
            return subject, framing
        return None
    return None
