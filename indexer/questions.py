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


def query_terms(syls: list[str]) -> QueryTerms:
    """Ranking terms of a query's syllables (see the module's note)."""
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
