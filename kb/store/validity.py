"""Validity (tình trạng hiệu lực) of every document, always with its evidence.

In order: the source's own statement; else the acts of other documents stored here
(replaced → ``bi_thay_the``, repealed → ``het_hieu_luc``, suspended → ``ngung_hieu_luc`` for
its period (:mod:`kb.validity.suspension`), a unit repealed or replaced →
``het_hieu_luc_mot_phan``, only units suspended → ``ngung_hieu_luc_mot_phan``), an act not yet in force leaving the document in force until its
date; else the dates: effective in the future → ``chua_co_hieu_luc``, its own term passed →
``het_hieu_luc``, effective → ``con_hieu_luc`` ("có hiệu lực từ …, và trong cơ sở dữ liệu
không có văn bản nào thay thế hay bãi bỏ"); else ``khong_ro``. A replacement is followed:
replaced by X, X replaced by Y → Y is the text in force (bounded, cycle-safe).

Whether a text edge states a done act is decided once, when the edge is made
(``citations.is_act``, :mod:`kb.validity.acts`). The result is kept on the document
(``validity_code``/``validity_json``, migration 0030) with the seqs of the documents it was
computed from and the day it may change: listings and pages read it, and it is computed
again only when one of those documents changed or that day came.
"""
from __future__ import annotations

import json
import re
import sqlite3
from datetime import date as Date, timedelta

from kb.model import VALIDITY_LABELS
from kb.store import db, documents
from kb.store.records import DocumentRecord, Evidence, Validity
from kb.text import fold_key
from kb.validity import acts, dependent, suspension
from kb.validity.effective import read_dates

LABELS = VALIDITY_LABELS
TEXT_DATES_VERSION = 2  # bump when kb.validity.effective reads better: dates are read again
# 2: dates tied to another document (kb.validity.dependent)
_MAX_CHAIN = 8

# Statements as sources write them (folded), most specific first.
_STATEMENTS = [
    ("het hieu luc mot phan", "het_hieu_luc_mot_phan"),
    ("ngung hieu luc mot phan", "ngung_hieu_luc_mot_phan"),
    ("con hieu luc mot phan", "het_hieu_luc_mot_phan"),
    ("chua co hieu luc", "chua_co_hieu_luc"),
    ("chua xac dinh", None),
    ("chua ro", None),
    ("khong ro", None),
    ("da biet", None),  # thuvienphapluat hides the status behind a login
    ("khong con phu hop", "het_hieu_luc"),
    ("het hieu luc", "het_hieu_luc"),
    ("bi thay the", "bi_thay_the"),
    ("ngung hieu luc", "ngung_hieu_luc"),
    ("dinh chi thi hanh", "ngung_hieu_luc"),
    ("dinh chi viec thi hanh", "ngung_hieu_luc"),
    ("con hieu luc", "con_hieu_luc"),
    ("co hieu luc", "con_hieu_luc"),
]
_BY_LABEL = {fold_key(label): code for code, label in LABELS.items()} | {"khong ro": "khong_ro"}
# "thay thế Điều 5 của Quyết định …", "bãi bỏ khoản 2 …", "bãi bỏ các quy định về … tại Nghị định …":
# the act touches a part only (a text edge without units named).
_PART = re.compile(
    r"\b(?:(?:điều|khoản|điểm|chương|mục|phụ lục)\s+(?:\d+|[IVXLC]+\b|[a-zđ]\b)"
    r"|một số|một phần|các quy định|nội dung|danh mục)",
    re.IGNORECASE,
)


def today_iso() -> str:
    """Today's date; callers (tests, the CLI) pass ``today`` to fix it."""
    return Date.today().isoformat()


def validity_code(value: str | None) -> str:
    """A validity code from a code, a Vietnamese label or a source's statement."""
    if not value:
        return "khong_ro"
    if value in LABELS:
        return value
    folded = fold_key(value.replace("_", " ").replace("-", " "))
    if folded in _BY_LABEL:
        return _BY_LABEL[folded]
    return status_of_statement(folded) or "khong_ro"


def status_of_statement(statement: str | None) -> str | None:
    """The status code a source's statement means, or None when it says nothing usable."""
    if not statement:
        return None
    key = fold_key(statement)
    for words, code in _STATEMENTS:
        if words in key:
            return code
    return None


# --- dates read from the text ----------------------------------------------------------
def apply_text_dates(conn: sqlite3.Connection, doc_id: int) -> bool:
    """Fill effective_date / expiry_date from the text when no source stated them.

    A source's value (its rank recorded in field_ranks) always wins; the text's value is kept
    without a rank, so any source saved later replaces it. Returns whether anything changed.
    """
    row = conn.execute(
        "SELECT text, date, type, number, effective_date, expiry_date, field_ranks, text_dates, text_dates_version"
        " FROM documents WHERE id = ?", (doc_id,)
    ).fetchone()
    if row is None:
        return False
    found = read_dates(row["text"], row["date"], row["type"], row["number"])
    found.effective = dependent.resolve(found.effective, lambda number, issued: effective_of(conn, number, issued, doc_id))
    ranks = json.loads(row["field_ranks"] or "{}")
    old = json.loads(row["text_dates"] or "null") or {}
    values = {}
    for field, finding, key in (("effective_date", found.effective, "effective"), ("expiry_date", found.expiry, "expiry")):
        if field in ranks:
            values[field] = row[field]  # stated by a source
        elif finding is not None and finding.date:
            values[field] = finding.date
        elif (old.get(key) or {}).get("date") == row[field]:
            values[field] = None  # the text gave it before and no longer does
        else:
            values[field] = row[field]
    dates = found.to_json() if (found.effective or found.expiry) else None
    text_dates = json.dumps(dates, ensure_ascii=False, sort_keys=True) if dates else None
    changed = (values["effective_date"], values["expiry_date"], text_dates) != (
        row["effective_date"], row["expiry_date"], row["text_dates"])
    if changed:
        conn.execute(
            "UPDATE documents SET effective_date = ?, expiry_date = ?, text_dates = ?, text_dates_version = ?"
            " WHERE id = ?",
            (values["effective_date"], values["expiry_date"], text_dates, TEXT_DATES_VERSION, doc_id),
        )
        documents.bump(conn, doc_id)
    elif row["text_dates_version"] != TEXT_DATES_VERSION:
        conn.execute("UPDATE documents SET text_dates_version = ? WHERE id = ?", (TEXT_DATES_VERSION, doc_id))
    return changed


def effective_of(conn: sqlite3.Connection, number: str, issued: str | None, own_id: int | None = None) -> str | None:
    """The effective date of the one stored document with ``number`` (and ``issued``), else None."""
    from kb.identity import number_key

    rows = [r for r in documents.rows_by_key(conn, number_key(number))
            if not r["is_stub"] and r["id"] != own_id and (issued is None or r["date"] in (None, issued))]
    if len(rows) != 1:
        return None  # absent, or several documents share the number: no date is picked
    found = conn.execute("SELECT effective_date FROM documents WHERE id = ?", (rows[0]["id"],)).fetchone()
    return found["effective_date"] if found else None


def _dependents_moved(conn: sqlite3.Connection) -> list[int]:
    """Documents whose date is tied to another one whose effective date is not the one they hold."""
    out = []
    for row in conn.execute("SELECT id, effective_date, field_ranks, text_dates FROM documents"
                            " WHERE text_dates LIKE '%\"dependent\"%'"):
        effective = (json.loads(row["text_dates"] or "null") or {}).get("effective") or {}
        if effective.get("kind") != "dependent" or "effective_date" in json.loads(row["field_ranks"] or "{}"):
            continue
        number, issued = dependent.reference(effective.get("depends_on"))
        if number and effective_of(conn, number, issued, row["id"]) != effective.get("date"):
            out.append(row["id"])
    return out


# --- the cached status -----------------------------------------------------------------
def validity(conn: sqlite3.Connection, doc_id: int, today: str | None = None) -> Validity:
    """The document's validity with its evidence, from the cache when still fresh."""
    return _cached(conn, doc_id, today or today_iso(), frozenset())[0]


def _cached(conn: sqlite3.Connection, doc_id: int, today: str, visiting: frozenset) -> tuple[Validity, dict]:
    row = conn.execute(
        "SELECT seq, validity_json, validity_deps, validity_until FROM documents WHERE id = ?", (doc_id,)
    ).fetchone()
    if row is None:
        return Validity("khong_ro", LABELS["khong_ro"], False), {}
    if row["validity_json"] and _fresh(conn, row, today):
        deps = {int(k): v for k, v in json.loads(row["validity_deps"]).items()}
        return _from_json(conn, json.loads(row["validity_json"])), deps
    result, deps, since, until = _compute(conn, doc_id, today, visiting | {doc_id})
    if db.is_read_only(conn):
        return result, deps  # a read-only store is read, never written: the cache waits
    if row["validity_json"] and json.loads(row["validity_json"])["status"] != result.status:
        # The status changed (a date came, an act arrived): the search index must hear of it.
        documents.bump(conn, doc_id)
        deps[doc_id] = conn.execute("SELECT seq FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
    data = _to_json(result) | {"since": since}
    conn.execute(
        "UPDATE documents SET validity_code = ?, validity_json = ?, validity_deps = ?, validity_until = ? WHERE id = ?",
        (result.status, json.dumps(data, ensure_ascii=False), json.dumps(deps), until, doc_id),
    )
    return result, deps


def _fresh(conn: sqlite3.Connection, row: sqlite3.Row, today: str) -> bool:
    if row["validity_until"] and today >= row["validity_until"]:
        return False
    data = json.loads(row["validity_json"])
    if data.get("since") and today < data["since"]:
        return False  # computed for a later day (a clock set back)
    deps = json.loads(row["validity_deps"] or "{}")
    if not deps:
        return False
    ids = [int(k) for k in deps]
    current = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        current.update({r[0]: r[1] for r in conn.execute(f"SELECT id, seq FROM documents WHERE id IN ({marks})", chunk)})
    return all(current.get(int(k)) == v for k, v in deps.items())


def _incoming_acts(conn: sqlite3.Connection, doc_id: int) -> list[sqlite3.Row]:
    rows = conn.execute(
        "SELECT id, citing_id, owner_id, relation, origin, sentence, surface, is_act, cited_units, effective_date"
        " FROM citations WHERE target_id = ? AND relation IN ('thay_the', 'bai_bo', 'ngung_hieu_luc', 'sua_doi')"
        " ORDER BY citing_id, span_start IS NULL, span_start, id",
        (doc_id,),
    ).fetchall()
    if any(r["origin"] == "text" and r["is_act"] is None for r in rows):
        # Edges stored before is_act existed: decide them now, once.
        for owner in {r["owner_id"] for r in rows if r["origin"] == "text" and r["is_act"] is None}:
            acts.decide(conn, owner)
        return _incoming_acts(conn, doc_id)
    return rows


def _compute(conn, doc_id: int, today: str, visiting: frozenset):
    """(validity, deps {id: seq}, since, until): the status and what it depends on."""
    record = documents.get_by_id(conn, doc_id, with_text=False)
    extra_row = conn.execute("SELECT text_dates, field_ranks FROM documents WHERE id = ?", (doc_id,)).fetchone()
    rows = _incoming_acts(conn, doc_id)
    citing = documents.fetch(conn, {r["citing_id"] for r in rows})
    deps = {doc_id: record.seq} | {i: d.seq for i, d in citing.items()}
    since, until = None, None

    def bound(day: str | None) -> None:
        nonlocal until
        if day and day > today and (until is None or day < until):
            until = day

    acts_done: list[tuple[Evidence, bool]] = []  # (evidence, whole document)
    pending: list[Evidence] = []
    amendments: list[Evidence] = []
    for r in rows:
        source = citing[r["citing_id"]]
        if r["origin"] == "text" and not r["is_act"]:
            continue
        if source.date and record.date and source.date < record.date:
            continue  # a document cannot act on one issued after it
        units = json.loads(r["cited_units"]) if r["cited_units"] else []
        when = r["effective_date"] or source.effective_date
        ev = Evidence(r["relation"], source, r["sentence"], units, when)
        if r["relation"] == "sua_doi":
            if not any(e.document.id == source.id for e in amendments):
                amendments.append(ev)
            continue
        if r["relation"] == "ngung_hieu_luc":
            period = suspension.period(r["sentence"])
            ev.until, ev.until_event = period.end, period.until
            if ev.until and ev.until <= today:
                continue  # the suspension is over: the text applies again
            bound(ev.until)
        if when and when > today:
            bound(when)
            if not any(e.document.id == source.id and e.relation == ev.relation for e in pending):
                pending.append(ev)
            continue
        since = max(since or "", when or "") or None
        whole = not units and not (r["origin"] == "text" and _PART.search(acts.before_citation(r["sentence"], r["surface"])[-120:]))
        if any(e.document.id == source.id and e.relation == ev.relation for e, _ in acts_done):
            if whole:  # the same act stated twice: the whole-document reading wins
                acts_done = [(e, w or (e.document.id == source.id and e.relation == ev.relation))
                             for e, w in acts_done]
            continue
        acts_done.append((ev, whole))

    text_dates = json.loads(extra_row["text_dates"] or "null") or {}
    from_source = "effective_date" in json.loads(extra_row["field_ranks"] or "{}")
    date_evidence = None
    if record.effective_date and not from_source:
        date_evidence = (text_dates.get("effective") or {}).get("sentence")
    common = dict(effective_date=record.effective_date, expiry_date=record.expiry_date,
                  amendments=amendments, pending=pending, statement=record.validity)
    evidence = [e for e, _ in acts_done]
    replaced = [e for e, whole in acts_done if whole and e.relation == "thay_the"]
    repealed = [e for e, whole in acts_done if whole and e.relation == "bai_bo"]
    suspended = [e for e, whole in acts_done if whole and e.relation == "ngung_hieu_luc"]

    stated = status_of_statement(record.validity)
    if stated:
        code = stated
        explanation = f"Theo nguồn: {record.validity.strip()}."
    elif replaced:
        code = "bi_thay_the"
        explanation = None
    elif repealed:
        code = "het_hieu_luc"
        explanation = "Bị bãi bỏ bởi " + ", ".join(_name(e.document) for e in repealed) + "."
    elif suspended:
        code = "ngung_hieu_luc"
        explanation = "Bị ngưng hiệu lực bởi " + ", ".join(_name(e.document) + _period_words(e) for e in suspended) + "."
    elif evidence and all(e.relation == "ngung_hieu_luc" for e in evidence):
        code = "ngung_hieu_luc_mot_phan"
        explanation = "Ngưng hiệu lực một phần: " + "; ".join(_part_words(e) for e in evidence) + "."
    elif evidence:
        code = "het_hieu_luc_mot_phan"
        explanation = "Hết hiệu lực một phần: " + "; ".join(_part_words(e) for e in evidence) + "."
    elif record.effective_date and record.effective_date > today:
        code = "chua_co_hieu_luc"
        bound(record.effective_date)
        explanation = f"Chưa có hiệu lực: có hiệu lực từ {_vn(record.effective_date)}."
    elif record.expiry_date and record.expiry_date <= today:
        code = "het_hieu_luc"
        since = record.expiry_date
        explanation = f"Hết hiệu lực theo thời hạn văn bản tự quy định: hết hiệu lực từ {_vn(record.expiry_date)}."
    elif record.effective_date:
        code = "con_hieu_luc"
        since = record.effective_date
        bound(record.expiry_date)
        explanation = (f"Đang có hiệu lực: có hiệu lực từ {_vn(record.effective_date)}, và trong cơ sở dữ liệu"
                       " không có văn bản nào thay thế hay bãi bỏ.")
    elif (text_dates.get("effective") or {}).get("kind") == "dependent" and not from_source:
        code = "khong_ro"
        tied = text_dates["effective"]
        date_evidence = tied.get("sentence")
        explanation = (f"Chưa rõ hiệu lực: văn bản có hiệu lực theo {tied.get('depends_on') or 'một văn bản khác'},"
                       " mà ngày có hiệu lực của văn bản đó chưa có trong cơ sở dữ liệu.")
    else:
        code = "khong_ro"
        explanation = ("Chưa rõ hiệu lực: nguồn không nêu tình trạng, văn bản không nêu ngày có hiệu lực,"
                       " và trong cơ sở dữ liệu không có văn bản nào thay thế hay bãi bỏ.")
    if pending and code in ("con_hieu_luc", "khong_ro", "chua_co_hieu_luc"):
        explanation = (explanation or "") + " " + "; ".join(
            f"Sẽ {_act_verb(e.relation)} bởi {_name(e.document)} từ {_vn(e.date)}" for e in pending) + "."

    chain, in_force = [], None
    if code == "bi_thay_the":
        chain, in_force, chain_deps = _follow(conn, replaced, today, visiting)
        deps |= chain_deps
        explanation = _chain_words(replaced, chain, in_force)
        if stated:
            explanation = f"Theo nguồn: {record.validity.strip()}. " + explanation
    result = Validity(code, LABELS[code], bool(stated), evidence, explanation=explanation,
                      date_evidence=date_evidence, chain=chain, in_force=in_force, **common)
    return result, deps, since if since and since <= today else None, until


def _follow(conn, replaced: list[Evidence], today: str, visiting: frozenset):
    """The documents replacing this one, each in turn replaced, and the text in force at the end."""
    first = max(replaced, key=lambda e: (e.date or e.document.date or "", e.document.id)).document
    chain, deps = [first], {}
    if first.id in visiting or len(visiting) > _MAX_CHAIN:
        return chain, None, deps
    v, sub_deps = _cached(conn, first.id, today, visiting)
    deps |= sub_deps
    if v.status == "bi_thay_the":
        chain += [d for d in v.chain if d.id not in {c.id for c in chain}]
        return chain, v.in_force, deps
    if v.status in ("het_hieu_luc",):
        return chain, None, deps
    return chain, first, deps


def _chain_words(replaced: list[Evidence], chain: list[DocumentRecord], in_force: DocumentRecord | None) -> str:
    words = "Bị thay thế bởi " + _name(chain[0])
    for doc in chain[1:]:
        words += f", văn bản này đã bị thay thế bởi {_name(doc)}"
    if in_force is not None:
        words += f" — văn bản đang có hiệu lực: {_name(in_force)}"
    elif len(chain) >= 1:
        words += " — văn bản thay thế cũng đã hết hiệu lực hoặc chưa xác định được văn bản đang có hiệu lực"
    return words + "."


def _act_verb(relation: str) -> str:
    return {"thay_the": "bị thay thế", "bai_bo": "bị bãi bỏ", "ngung_hieu_luc": "bị ngưng hiệu lực"}.get(
        relation, "bị sửa đổi")


def _part_words(e: Evidence) -> str:
    verb = {"thay_the": "thay thế", "ngung_hieu_luc": "ngưng hiệu lực"}.get(e.relation, "bãi bỏ")
    units = ", ".join(_unit_words(u) for u in e.units) if e.units else "một phần"
    return f"{_name(e.document)} {verb} {units}" + (_period_words(e) if e.relation == "ngung_hieu_luc" else "")


def _period_words(e: Evidence) -> str:
    """" từ 01/08/2022 đến hết 15/09/2022", " từ …, cho đến khi …": the suspension's period as known."""
    words = f" từ {_vn(e.date)}" if e.date else ""
    if e.until:
        words += f" đến hết {_vn((Date.fromisoformat(e.until) - timedelta(days=1)).isoformat())}"
    elif e.until_event:
        words += f", {e.until_event}"
    return words


def _unit_words(unit: dict) -> str:
    names = [("diem", "điểm"), ("khoan", "khoản"), ("dieu", "Điều"), ("phu_luc", "Phụ lục"),
             ("muc", "Mục"), ("chuong", "Chương")]
    return " ".join(f"{word} {unit[key]}" for key, word in names if unit.get(key)) or "một phần"


def _name(doc: DocumentRecord) -> str:
    return doc.number or doc.label


def _vn(iso: str | None) -> str:
    if not iso or len(iso) < 10:
        return iso or "?"
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"


# --- the cache as JSON ------------------------------------------------------------------
def _ev_json(e: Evidence) -> dict:
    return {"relation": e.relation, "document": e.document.id, "sentence": e.sentence, "units": e.units, "date": e.date,
            "until": e.until, "until_event": e.until_event}


def _to_json(v: Validity) -> dict:
    return {
        "status": v.status, "stated_by_source": v.stated_by_source, "statement": v.statement,
        "explanation": v.explanation, "effective_date": v.effective_date, "expiry_date": v.expiry_date,
        "date_evidence": v.date_evidence,
        "evidence": [_ev_json(e) for e in v.evidence], "amendments": [_ev_json(e) for e in v.amendments],
        "pending": [_ev_json(e) for e in v.pending],
        "chain": [d.id for d in v.chain], "in_force": v.in_force.id if v.in_force else None,
    }


def _from_json(conn: sqlite3.Connection, data: dict) -> Validity:
    ids = {e["document"] for k in ("evidence", "amendments", "pending") for e in data[k]} | set(data["chain"])
    if data["in_force"]:
        ids.add(data["in_force"])
    records = documents.fetch(conn, ids)

    def evs(key: str) -> list[Evidence]:
        return [Evidence(e["relation"], records[e["document"]], e["sentence"], e["units"], e["date"],
                         e.get("until"), e.get("until_event"))
                for e in data[key] if e["document"] in records]

    return Validity(
        data["status"], LABELS[data["status"]], data["stated_by_source"], evs("evidence"), evs("amendments"),
        data["statement"], explanation=data["explanation"], effective_date=data["effective_date"],
        expiry_date=data["expiry_date"], date_evidence=data["date_evidence"],
        chain=[records[i] for i in data["chain"] if i in records],
        in_force=records.get(data["in_force"]) if data["in_force"] else None, pending=evs("pending"),
    )


# --- every document at once -----------------------------------------------------------
def refresh_all(conn: sqlite3.Connection, today: str | None = None) -> int:
    """Bring dates read from text, act decisions and every cached status up to date.

    For stores made before these existed, and for `kb stats`/listings, which count the cached
    codes. Takes the write lock only when something is stale (the home page counts too).
    Returns the number of statuses computed again.
    """
    today = today or today_iso()
    if db.is_read_only(conn):
        return 0
    undated = [r[0] for r in conn.execute(
        "SELECT id FROM documents WHERE text_dates_version != ? AND text IS NOT NULL AND text != ''",
        (TEXT_DATES_VERSION,))]
    undated += [i for i in _dependents_moved(conn) if i not in set(undated)]  # the other document came
    undecided = conn.execute(
        "SELECT 1 FROM citations WHERE origin = 'text' AND is_act IS NULL LIMIT 1").fetchone() is not None
    stale = _stale_ids(conn, today)
    if not (undated or undecided or stale):
        return 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        for doc_id in undated:
            apply_text_dates(conn, doc_id)
        acts.decide_all(conn)
        stale = _stale_ids(conn, today)  # dates just read make more documents stale
        for doc_id in stale:
            _cached(conn, doc_id, today, frozenset())
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return len(stale)


def _stale_ids(conn: sqlite3.Connection, today: str) -> list[int]:
    seqs = {r[0]: r[1] for r in conn.execute("SELECT id, seq FROM documents")}
    stale = []
    for r in conn.execute("SELECT id, validity_json, validity_deps, validity_until FROM documents"):
        if not r["validity_json"] or (r["validity_until"] and today >= r["validity_until"]):
            stale.append(r["id"])
            continue
        since = json.loads(r["validity_json"]).get("since")
        deps = json.loads(r["validity_deps"] or "{}")
        if (since and today < since) or not deps or any(seqs.get(int(k)) != v for k, v in deps.items()):
            stale.append(r["id"])
    return stale


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Documents (not stubs) by validity code, from the cache."""
    out = {code: 0 for code in LABELS}
    for code, n in conn.execute(
        "SELECT COALESCE(validity_code, 'khong_ro'), COUNT(*) FROM documents WHERE is_stub = 0 GROUP BY 1"
    ):
        out[code] = out.get(code, 0) + n
    return out
