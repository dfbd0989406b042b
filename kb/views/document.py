"""The document page's read model: one ``DocumentView`` for ``kb show``, ``/van-ban/<slug>``
and ``/api/van-ban/<slug>``.

It holds the record, its validity, its edges grouped by relation code and by the other
document, its units (the table of contents comes from them), its sources and topics. Codes
stay codes ("thay_the", "bi_thay_the"); Vietnamese labels are the renderer's business.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kb.model import RELATIONS, Unit
from kb.store.edges import unique_targets
from kb.structure.anchors import number_slug, pinpoint_anchor
from kb.structure.parse import parse_units

TOC_KINDS = ("phan", "chuong", "muc", "tieu_muc", "dieu", "phu_luc")


@dataclass
class EdgeItem:
    """One other document on one side of a relation, with how often it is named."""

    edge: object        # the first mention (kb.store.records.Edge)
    other: object       # the other document (DocumentRecord) or None when unresolved
    mentions: int = 1

    def to_json(self) -> dict:
        e = self.edge
        return {
            "status": e.status,
            "document": self.other.brief() if self.other is not None else None,
            "candidates": [c.brief() for c in e.candidates],
            "cited_as": e.number,
            "surface": e.surface,
            "sentence": e.sentence,
            "origin": e.origin,
            "start": e.start,
            "end": e.end,
            "mentions": self.mentions,
            "cited_units": e.cited_units,
            "citing_units": e.citing_units,
            "effective_date": e.effective_date,
        }


def group_edges(edges_by_relation: dict, direction: str) -> dict[str, list[EdgeItem]]:
    """Edges by relation code (in ``RELATIONS`` order), one item per other document.

    The one grouping of edges: the CLI, the page and the API all show these."""
    incoming = direction == "in"
    codes = [r for r in RELATIONS if edges_by_relation.get(r)] + [
        r for r in edges_by_relation if r not in RELATIONS and edges_by_relation.get(r)]
    out: dict[str, list[EdgeItem]] = {}
    for relation in codes:
        out[relation] = [
            EdgeItem(edge, edge.source_doc if incoming else edge.target_doc, mentions)
            for edge, mentions in unique_targets(edges_by_relation[relation], incoming_side=incoming)
        ]
    return out


def toc_tree(units: list[Unit], kinds: tuple[str, ...] = TOC_KINDS) -> list[dict]:
    """Units down to Điều, nested by their parents: ``{"kind", "number", "title", "anchor", "children"}``."""
    nodes: dict[str, dict] = {}
    roots: list[dict] = []
    for u in units:
        if u.kind not in kinds:
            continue
        node = {"kind": u.kind, "number": u.number, "title": u.title, "anchor": u.anchor, "children": []}
        for flag in ("attached", "unnumbered"):
            if u.extra.get(flag):
                node[flag] = True
        nodes[u.anchor] = node
        parent = u.parent
        while parent and parent not in nodes:  # a parent outside the kinds (never for these)
            parent = None
        (nodes[parent]["children"] if parent else roots).append(node)
    return roots


def find_unit(units: list[Unit], pinpoint: dict) -> Unit | None:
    """The unit a pinpoint names: its anchor, else the one attached text's unit of that name
    (a decision's "Điều 5" is often its attached regulation's)."""
    anchor = pinpoint_anchor({k: str(v) for k, v in pinpoint.items() if v})
    if not anchor:
        return None
    by_anchor = {u.anchor: u for u in units}
    if anchor in by_anchor:
        return by_anchor[anchor]
    attached = [u for u in units if u.anchor.endswith("-" + anchor) and u.anchor.startswith("kem-theo")]
    return attached[0] if len(attached) == 1 else None


@dataclass
class DocumentView:
    record: object                  # kb.store.records.DocumentRecord
    validity: object                # kb.store.records.Validity
    outgoing: dict[str, list[EdgeItem]] = field(default_factory=dict)
    incoming: dict[str, list[EdgeItem]] = field(default_factory=dict)
    units: list[Unit] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    topics: list[dict] = field(default_factory=list)
    raw_outgoing: dict = field(default_factory=dict)   # every edge with its offsets (text links)
    raw_incoming: dict = field(default_factory=dict)
    unit_changes: dict = field(default_factory=dict)  # anchor → [UnitChange]: units other documents changed

    @classmethod
    def build(cls, store, record) -> "DocumentView":
        outgoing = store.outgoing(record.id) or {}
        incoming = store.incoming(record.id) or {}
        return cls(
            record=record,
            validity=store.validity(record.id),
            outgoing=group_edges(outgoing, "out"),
            incoming=group_edges(incoming, "in"),
            units=store.units(record.id),
            sources=store.sources(record.id),
            topics=store.topics(record.id),
            raw_outgoing=outgoing,
            raw_incoming=incoming,
            unit_changes=store.unit_changes(record.id),
        )

    # --- structure ---------------------------------------------------------------------
    def toc(self) -> list[dict]:
        return toc_tree(self.units)

    def unit(self, **pinpoint) -> Unit | None:
        found = find_unit(self.units, pinpoint)
        if found is None and (pinpoint.get("khoan") or pinpoint.get("diem")):
            # An article known by its own text (Pháp điển): its khoản are read from that text.
            article = find_unit(self.units, {"dieu": pinpoint.get("dieu")})
            if article is not None and article.text:
                head = f"Điều {article.number}.\n"
                inner = parse_units(head + article.text)
                hit = find_unit(inner, pinpoint)
                if hit is not None and hit.kind != "dieu":
                    words = (head + article.text)[hit.start:hit.end]
                    return Unit(kind=hit.kind, number=hit.number, anchor=article.anchor[: -len(f"dieu-{number_slug(article.number)}")] + hit.anchor,
                                title=None, parent=article.anchor if hit.kind == "khoan" else None,
                                text=words.strip(), source=article.source)
        return found

    def unit_text(self, unit: Unit) -> str:
        """The words of one unit: its span of the text, or its own text (Pháp điển)."""
        if unit.text is not None:
            return unit.text
        text = self.record.text or ""
        if unit.start is None or unit.end is None:
            return ""
        return text[unit.start:unit.end].strip()

    def unit_json(self, unit: Unit) -> dict:
        return {"document": self.record.brief(), "unit": {**unit.to_json(), "text": self.unit_text(unit)}}

    @property
    def official_link(self):
        """The live link to the official copy (kb.official_links), or None."""
        from kb.official_links import official_link

        return official_link(self.record)

    # --- the contract ------------------------------------------------------------------
    def to_json(self, text: bool = True) -> dict:
        return {
            "document": {**self.record.to_json(text=text), "path": f"/van-ban/{self.record.slug}"},
            "validity": self.validity.to_json() if self.validity is not None else None,
            "outgoing": {r: [i.to_json() for i in items] for r, items in self.outgoing.items()},
            "incoming": {r: [i.to_json() for i in items] for r, items in self.incoming.items()},
            "toc": self.toc(),
            "topics": self.topics,
            "sources": self.sources,
            "official_link": self.official_link.to_json() if self.official_link else None,
            "unit_changes": {a: [c.to_json() for c in cs] for a, cs in self.unit_changes.items()},
        }
