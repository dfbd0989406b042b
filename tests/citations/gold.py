"""Scoring against ``../shared/realdata/gold/`` (shared by the test and by hand runs).

Run ``python -m tests.citations.gold`` to print the figures and every miss.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from kb.citations import get_citations
from kb.identity import number_key


def _collapse(value):
    return " ".join(value.split()) if isinstance(value, str) else value


@dataclass
class Score:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    type_ok: int = 0
    date_ok: int = 0
    issuer_ok: int = 0
    names_gold: int = 0
    names_found: int = 0
    self_gold: int = 0
    self_ok: int = 0
    misses: list = field(default_factory=list)
    false_positives: list = field(default_factory=list)
    wrong_fields: list = field(default_factory=list)
    missed_names: list = field(default_factory=list)

    @property
    def precision(self):
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self):
        return self.matched / self.gold if self.gold else 1.0

    def fields(self):
        m = self.matched or 1
        return self.type_ok / m, self.date_ok / m, self.issuer_ok / m

    @property
    def name_recall(self):
        return self.names_found / self.names_gold if self.names_gold else 1.0

    def report(self) -> str:
        t, d, i = self.fields()
        return (
            f"numbered: gold {self.gold}, predicted {self.predicted}, matched {self.matched}; "
            f"precision {self.precision:.3f}, recall {self.recall:.3f}; "
            f"type {t:.3f}, date {d:.3f}, issuer {i:.3f}; "
            f"name-only found {self.names_found}/{self.names_gold} = {self.name_recall:.3f}; "
            f"self references kept apart {self.self_ok}/{self.self_gold}"
        )


def _overlap(a, b):
    return a[0] < b[1] and b[0] < a[1]


def score(shared: Path) -> Score:
    result = Score()
    for path in sorted((shared / "realdata" / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (shared / "realdata" / gold["document"]).read_text(encoding="utf-8")
        cites = get_citations(text)
        numbered = [c for c in cites if c.number and not c.self]
        result.predicted += len(numbered)
        result.gold += len(gold["citations"])
        used = set()
        for g in gold["citations"]:
            span = (g["start"], g["end"])
            hit = next(
                (k for k, c in enumerate(numbered)
                 if k not in used and number_key(c.number) == number_key(g["normalized"])
                 and _overlap((c.start, c.end), span)),
                None,
            )
            if hit is None:
                result.misses.append((path.name, g["surface"], g["normalized"]))
                continue
            used.add(hit)
            c = numbered[hit]
            result.matched += 1
            ok_type = c.type == g["type"]
            ok_date = c.date == g.get("date")
            ok_issuer = _collapse(c.issuer) == _collapse(g.get("issuer"))
            result.type_ok += ok_type
            result.date_ok += ok_date
            result.issuer_ok += ok_issuer
            if not (ok_type and ok_date and ok_issuer):
                result.wrong_fields.append((path.name, g["surface"], (c.type, c.date, c.issuer),
                                            (g["type"], g.get("date"), g.get("issuer"))))
        for k, c in enumerate(numbered):
            if k not in used:
                result.false_positives.append((path.name, c.text, c.number))
        names = [c for c in cites if c.number is None]
        for g in gold["name_only_citations"]:
            result.names_gold += 1
            if any(_overlap((c.start, c.end), (g["start"], g["end"])) for c in names):
                result.names_found += 1
            else:
                result.missed_names.append((path.name, g["surface"]))
        for g in gold["self_references"]:
            result.self_gold += 1
            clash = [c for c in cites if _overlap((c.start, c.end), (g["start"], g["end"])) and not c.self]
            result.self_ok += not clash
    return result


if __name__ == "__main__":
    from kb.config import shared_dir

    s = score(shared_dir())
    for label, rows in (("MISS", s.misses), ("FALSE POSITIVE", s.false_positives),
                        ("FIELDS", s.wrong_fields), ("NAME MISS", s.missed_names)):
        for row in rows:
            print(label, *row, sep=" | ")
    print(s.report())
    sys.exit(0)
