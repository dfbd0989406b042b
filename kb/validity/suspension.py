"""The period of a suspension (ngưng hiệu lực), read from the sentence that orders it.

Luật Ban hành VBQPPL: a text "bị ngưng hiệu lực" in whole or in part, when a competent body
"đình chỉ việc thi hành" it or suspends it for a time; the suspending text must say when the
suspension starts and ends. Seen in the corpus: "Ngưng hiệu lực thi hành từ ngày 01 tháng 8
năm 2022 đến ngày 15 tháng 9 năm 2022", "Tạm ngưng hiệu lực áp dụng cho đến khi Luật An toàn
thực phẩm (sửa đổi) … có hiệu lực thi hành" (an end tied to an event: no date is guessed).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_DATE = (r"(?:(?P<d1>\d{1,2})\s*tháng\s*(?P<m1>\d{1,2})[\s.,]*năm\s*(?P<y1>\d{4})"
         r"|(?P<d2>\d{1,2})\s*[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4}))")
_CUE = re.compile(r"ngưng\s+hiệu\s+lực|đình\s+chỉ", re.IGNORECASE)
_END = re.compile(r"(?:đến|tới)\s+(?:hết\s+)?ngày\s+" + _DATE, re.IGNORECASE)
_UNTIL_EVENT = re.compile(r"(?:cho\s+)?đến\s+khi\s+[^.;]{3,160}", re.IGNORECASE)
_WINDOW = 400


@dataclass(frozen=True)
class Period:
    end: str | None  # ISO, the first day the suspended text applies again; None when not dated
    until: str | None  # "cho đến khi …" as written, when the end is an event


def period(sentence: str | None) -> Period:
    """The end of the suspension the sentence orders (after its cue), or an empty Period."""
    text = " ".join((sentence or "").split())
    cue = _CUE.search(text)
    if cue is None:
        return Period(None, None)
    after = text[cue.end(): cue.end() + _WINDOW]
    end = _END.search(after)
    if end is not None:
        day = _iso(end)
        if day:  # "đến (hết) ngày X": X is still suspended (a period's last day counts)
            day = (date.fromisoformat(day) + timedelta(days=1)).isoformat()
        return Period(day, None)
    event = _UNTIL_EVENT.search(after)
    return Period(None, event.group(0).strip(" ,") if event else None)


def _iso(m: re.Match) -> str | None:
    d, mo, y = (m.group("d1"), m.group("m1"), m.group("y1")) if m.group("y1") else (
        m.group("d2"), m.group("m2"), m.group("y2"))
    try:
        return date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        return None
