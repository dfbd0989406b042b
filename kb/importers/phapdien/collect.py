"""The whole package → one record per source document, with its articles, topics and edges.

A document's articles are spread over many đề mục (a Luật's articles over a dozen), so
the package is read through once and everything is gathered here before anything is
saved: the long note of one đề mục gives the document's name, date and issuer, the short
notes elsewhere only its number. Related articles (``pChiDan``) are resolved at the end,
when every Pháp điển article is known by its MAPC and its id ("19.2.LQ.9").
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from kb.identity import number_key
from kb.importers.phapdien.demuc import Article, DeMuc, Link
from kb.importers.phapdien.notes import NAMED_TYPES, TYPES, Change, Note, NoteError, canonical, parse_note
from kb.model import Described, Document, Relation, Source, Topic, Unit
from kb.official_links import classic_vbpl_url
from kb.store.matching import name_key
from kb.structure.anchors import anchor_for

_ARTICLE_IN_ANCHOR = re.compile(r"Dieu_(\d+[a-zA-Z]?)\b")
_TYPE = "|".join(re.escape(t) for t in TYPES)
# "Điều 4.  của Luật 18-L/CTN Dầu khí ban hành ngày 06/07/1993" (a link to a source article)
_SOURCE_LINK = re.compile(
    rf"Điều\s+(?P<dieu>\d+[a-zđ]?)\.?\s+(?:[^()]*?\s)?của\s+(?P<type>{_TYPE})\s+(?:số\s+)?(?P<number>\d[^\s,;]*)"
    rf"(?P<name>.*?)(?:\s+ban\s+hành)?(?:\s+ngày\s+(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/(?P<y>\d{{4}}))?\s*$",
    re.I | re.S,
)


@dataclass
class Codified:
    """One Pháp điển article: where it sits and which article of which document it is."""

    article: Article
    note: Note
    demuc: str  # "19.6"
    demuc_file: str  # the đề mục's file id


@dataclass(kw_only=True)
class SourceDoc(Described):
    """A document the Pháp điển codifies articles of: what its notes say (``Described``) and more."""

    key: str
    effective_date: str | None = None
    item_id: str | None = None
    articles: dict[str, Codified] = field(default_factory=dict)  # by article number
    topics: dict[str, str] = field(default_factory=dict)
    changes: list[tuple[str, Change, str]] = field(default_factory=list)  # (article, change, note)
    links: list[tuple[str, Link]] = field(default_factory=list)  # (article, related link)
    demuc_files: set[str] = field(default_factory=set)


@dataclass
class Problem:
    where: str  # "19.6 (demuc/<id>.html)" or "Điều 19.6.LQ.1"
    reason: str


@dataclass
class Collection:
    docs: dict[str, SourceDoc] = field(default_factory=dict)
    by_mapc: dict[str, tuple[str, str]] = field(default_factory=dict)  # MAPC → (doc key, article)
    by_pd_id: dict[str, tuple[str, str]] = field(default_factory=dict)  # "19.2.LQ.9" → (doc key, article)
    by_item: dict[str, str] = field(default_factory=dict)  # vbpl ItemID → doc key
    chu_de: dict[str, str] = field(default_factory=dict)  # "19" → "Khoa học, công nghệ"
    demuc_count: int = 0
    article_count: int = 0
    duplicates: int = 0  # the same source article codified twice
    problems: list[Problem] = field(default_factory=list)

    # --- gathering ---------------------------------------------------------------------------
    def add(self, demuc: DeMuc, file_name: str, notes: list[Note | str] | None = None) -> None:
        """Add a parsed đề mục; ``notes`` = its articles' notes parsed already (or the reason not)."""
        self.demuc_count += 1
        where = f"đề mục {demuc.code} ({file_name})"
        for reason in demuc.problems:
            self.problems.append(Problem(where, reason))
        if notes is None:
            notes = parse_notes(demuc)
        for art, note in zip(demuc.articles, notes):
            if isinstance(note, str):
                self.problems.append(Problem(f"Điều {art.pd_id}", note))
                continue
            self.article_count += 1
            doc = self._doc_for(note, art)
            if doc is None:
                self.problems.append(Problem(f"Điều {art.pd_id}", "ghi chú nguồn không có số hiệu hay tên văn bản"))
                continue
            code = demuc.code
            doc.topics.setdefault(demuc.chu_de, self.chu_de.get(demuc.chu_de, f"Chủ đề {demuc.chu_de}"))
            doc.topics.setdefault(code, demuc.name)
            doc.demuc_files.add(demuc.demuc_id)
            if note.article in doc.articles:
                self.duplicates += 1
            else:
                doc.articles[note.article] = Codified(art, note, code, demuc.demuc_id)
            self.by_mapc.setdefault(art.mapc, (doc.key, note.article))
            self.by_pd_id.setdefault(art.pd_id, (doc.key, note.article))
            for change in note.changes:
                doc.changes.append((note.article, change, note.text))
            for link in art.related:
                doc.links.append((note.article, link))

    def _doc_for(self, note: Note, art: Article) -> SourceDoc | None:
        key = number_key(note.number) if note.number else ""
        if not key:
            nkey = name_key(note.title, note.type)
            if not nkey:
                return None
            key = "name:" + nkey
        doc = self.docs.get(key)
        if doc is None:
            doc = self.docs[key] = SourceDoc(key=key, type=note.type, number=note.number)
        # The long note (name, date, issuer) fills what short notes leave out.
        if note.title and (not doc.title or (note.date and not doc.date)):
            doc.title = note.title
        doc.date = doc.date or note.date
        doc.issuer = doc.issuer or note.issuer
        doc.effective_date = doc.effective_date or note.effective_date
        if art.item_id and not doc.item_id:
            doc.item_id = art.item_id
            self.by_item.setdefault(art.item_id, key)
        return doc

    # --- building ----------------------------------------------------------------------------
    def identity(self, key: str) -> Document:
        """A document as the other side of an edge: what the package knows of it."""
        doc = self.docs[key]
        return Document(number=doc.number, type=doc.type, issuer=doc.issuer, date=doc.date,
                        name=doc.title if doc.type in NAMED_TYPES else None,
                        title=None if doc.number else doc.title)

    def _other(self, number: str | None, type_: str, name: str | None) -> Document:
        if number:
            known = self.docs.get(number_key(number))
            if known is not None:
                return self.identity(known.key)
            return Document(number=number, type=type_)
        return Document(number=None, type=type_, name=name)

    def document(self, key: str, package_name: str, stamp: str = "") -> tuple[Document, Source, list[Relation]]:
        """The Document (text = its codified articles in order), its Source and its edges."""
        doc = self.docs[key]
        parts: list[str] = []
        units: list[Unit] = []
        for number in sorted(doc.articles, key=_article_order):
            cod = doc.articles[number]
            heading = cod.article.heading.rstrip(".")
            parts.append(f"Điều {number}. {heading}".rstrip() + f"\n{cod.article.text}".rstrip())
            extra = {"phapdien_id": cod.article.pd_id, "demuc": cod.demuc}
            if cod.article.mapc:
                extra["mapc"] = cod.article.mapc
            if cod.article.vbpl_url:
                extra["vbpl_url"] = cod.article.vbpl_url
            units.append(Unit(kind="dieu", number=number, anchor=anchor_for([("dieu", number)]), title=heading or None,
                              text=cod.article.text, source="phapdien", extra=extra))
        extra = {"phapdien": {"articles": len(doc.articles), "demuc": sorted({c.demuc for c in doc.articles.values()})}}
        if doc.item_id:
            extra["vbpl_item_id"] = doc.item_id
        document = Document(
            **doc.described_json(), name=doc.title if doc.type in NAMED_TYPES else None,
            year=int(doc.date[:4]) if doc.date else None, effective_date=doc.effective_date,
            text="\n\n".join(parts), extra=extra, units=units,
            topics=[Topic(code, name) for code, name in sorted(doc.topics.items(), key=lambda kv: _code_order(kv[0]))],
        )
        relations = self._changes(doc) + self._related(doc)
        url = classic_vbpl_url(doc.item_id) if doc.item_id else f"{package_name}#demuc/{sorted(doc.demuc_files)[0]}.html"
        # "<package stamp>:<fingerprint of this document>": the stamp lets a second import of the
        # same package stop at once (see kb.importers.phapdien.already_imported).
        content_hash = f"{stamp}:{_fingerprint(document, relations)}" if stamp else _fingerprint(document, relations)
        source = Source(kind="phapdien", url=url, content_hash=content_hash)
        return document, source, relations

    def _changes(self, doc: SourceDoc) -> list[Relation]:
        out, seen = [], set()
        for article, change, note in doc.changes:
            other = self._other(change.number, change.type, change.name)
            for relation in change.relations:
                key = (relation, change.number, change.name, json.dumps(change.units), article, change.effective_date)
                if key in seen:
                    continue
                seen.add(key)
                out.append(Relation(relation=relation, other=other, direction="in", evidence=note,
                                    citing_units=list(change.units), cited_units=[{"dieu": article}],
                                    date=change.effective_date))
        return out

    def _related(self, doc: SourceDoc) -> list[Relation]:
        out, seen = [], set()
        for article, link in doc.links:
            target = self.resolve_link(link)
            if target is None:
                continue
            other_key, other_doc, other_article = target
            if other_key == doc.key:
                continue  # an article of the same document: not an edge between documents
            key = (other_key, article, other_article)
            if key in seen:
                continue
            seen.add(key)
            out.append(Relation(
                relation="dan_chieu", other=other_doc, direction="out",
                evidence=f"Điều {article} có nội dung liên quan đến {link.text}",
                citing_units=[{"dieu": article}], cited_units=[{"dieu": other_article}] if other_article else [],
            ))
        return out

    def resolve_link(self, link: Link) -> tuple[str, Document, str | None] | None:
        """(document key, identity, article number) of a related article, None when unknown."""
        found = (self.by_mapc.get(link.mapc) if link.mapc else None) or (
            self.by_pd_id.get(link.pd_id) if link.pd_id else None)
        if found:
            return found[0], self.identity(found[0]), found[1]
        if link.pd_id:
            return None  # an article of a đề mục this package lacks
        anchor = _ARTICLE_IN_ANCHOR.search(link.vbpl_url or "")
        if link.item_id and link.item_id in self.by_item:
            key = self.by_item[link.item_id]
            return key, self.identity(key), anchor.group(1) if anchor else None
        match = _SOURCE_LINK.match(link.text)
        if match is None:
            return None
        number = canonical(match.group("number"))
        known = self.docs.get(number_key(number))
        if known is not None:
            return known.key, self.identity(known.key), match.group("dieu")
        date = None
        if match.group("y"):
            date = f"{int(match.group('y')):04d}-{int(match.group('m')):02d}-{int(match.group('d')):02d}"
        other = Document(number=number, type=match.group("type"), date=date)
        return "number:" + number_key(number), other, match.group("dieu")


def parse_notes(demuc: DeMuc) -> list[Note | str]:
    """Each article's note parsed, or why it cannot be (the article is then skipped)."""
    out: list[Note | str] = []
    for art in demuc.articles:
        if not art.note:
            out.append("không có ghi chú nguồn: bỏ qua")
            continue
        try:
            out.append(parse_note(art.note))
        except NoteError as exc:
            out.append(str(exc))
    return out


def _article_order(number: str) -> tuple[int, str]:
    digits = re.match(r"\d+", number)
    return (int(digits.group()) if digits else 10**9, number)


def _code_order(code: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in code.split("."))


def _fingerprint(document: Document, relations: list[Relation]) -> str:
    """What this import would write for the document: unchanged fingerprint, nothing to do."""
    fields = ("number", "type", "issuer", "date", "title", "name", "year", "effective_date", "text", "extra")
    payload = {
        "doc": [getattr(document, f) for f in fields],
        "units": [(u.kind, u.number, u.anchor, u.title, u.text, u.source, u.extra) for u in document.units or []],
        "topics": [(t.code, t.name) for t in document.topics],
        "relations": [
            (r.relation, r.direction, r.other.number, r.other.name, r.other.date, r.evidence, r.citing_units,
             r.cited_units, r.date)
            for r in relations
        ],
    }
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()
