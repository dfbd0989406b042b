"""Lay out a document's citation neighbourhood for a server-drawn SVG.

Documents that cite this one stand on the left, documents it cites on the
right, the document itself in the middle; one node per other document, its
edge coloured by the strongest relation between them.  The template
``graph.svg`` only draws what this module places.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kb.model import RELATION_SHORT
from webapp.filters import attr, short

# Strongest first: the edge of a node shows its first relation in this order.
PRIORITY = ("thay_the", "bai_bo", "ngung_hieu_luc", "sua_doi", "can_cu", "huong_dan", "thuc_hien", "dan_chieu")
SHORT_LABELS = RELATION_SHORT

# Edge colours (SVG presentation attributes, which the CSP allows).
COLORS = {
    "can_cu": "#1d4ed8",
    "thuc_hien": "#0e7490",
    "sua_doi": "#b45309",
    "thay_the": "#b91c1c",
    "bai_bo": "#7f1d1d",
    "ngung_hieu_luc": "#9a3412",
    "huong_dan": "#15803d",
    "dan_chieu": "#6b7280",
}

WIDTH = 880
NODE_W = 230
NODE_H = 44
ROW = 56
TOP = 34  # room for the column headings
MAX_PER_SIDE = 10


@dataclass
class Node:
    slug: str | None
    label: str
    sub: str
    title: str
    x: int
    y: int
    relation: str = "dan_chieu"
    relations: list[str] = field(default_factory=list)
    stub: bool = False  # no full text (a stub, or a catalogue entry without text): dashed border
    more: bool = False  # the "+N văn bản khác" node

    @property
    def cx_left(self) -> int:
        return self.x

    @property
    def cx_right(self) -> int:
        return self.x + NODE_W

    @property
    def cy(self) -> int:
        return self.y + NODE_H // 2

    @property
    def color(self) -> str:
        return COLORS.get(self.relation, COLORS["dan_chieu"])

    @property
    def relation_text(self) -> str:
        """The strongest relation; "+N" when there are more (the lists below name them)."""
        if not self.relations:
            return ""
        first = SHORT_LABELS.get(self.relations[0], self.relations[0])
        return first + (f" +{len(self.relations) - 1}" if len(self.relations) > 1 else "")


@dataclass
class Layout:
    width: int
    height: int
    center: Node
    left: list[Node]
    right: list[Node]
    node_w: int = NODE_W
    node_h: int = NODE_H
    colors: dict = field(default_factory=lambda: dict(COLORS))

    @property
    def empty(self) -> bool:
        return not self.left and not self.right


def _others(edges_by_relation: dict, side: str) -> list[tuple[object, list[str]]]:
    """Distinct other documents with the relations linking them, strongest first."""
    found: dict[str, tuple[object, list[str]]] = {}
    for relation in PRIORITY:
        for edge in edges_by_relation.get(relation, []) or []:
            other = attr(edge, "target_doc" if side == "out" else "source_doc")
            if other is None:
                continue
            slug = attr(other, "slug")
            if slug not in found:
                found[slug] = (other, [])
            if relation not in found[slug][1]:
                found[slug][1].append(relation)
    # Extra relation codes the store may know beyond ours.
    for relation, edges in edges_by_relation.items():
        if relation in PRIORITY:
            continue
        for edge in edges or []:
            other = attr(edge, "target_doc" if side == "out" else "source_doc")
            if other is not None and attr(other, "slug") not in found:
                found[attr(other, "slug")] = (other, [relation])
    return sorted(found.values(), key=lambda item: PRIORITY.index(item[1][0]) if item[1][0] in PRIORITY else 99)


def _sub(doc) -> str:
    parts = [attr(doc, "type") or "", str(attr(doc, "year") or (attr(doc, "date") or "")[:4])]
    text = " · ".join(p for p in parts if p)
    return text if len(text) <= 34 else text[:33] + "…"


def _title(doc) -> str:
    from webapp.filters import label_with_date

    title = attr(doc, "title") or ""
    text = label_with_date(doc) + (f" — {title}" if title else "")
    return text if len(text) <= 300 else text[:299] + "…"


def _no_text(doc, textless: frozenset | None) -> bool:
    """What the legend calls "chưa có toàn văn": a stub, or a record whose text is empty."""
    if attr(doc, "is_stub", False):
        return True
    if textless is not None:
        return attr(doc, "slug") in textless
    # A record read with its text (the page's own document) tells by itself.
    text = attr(doc, "text", None)
    return text is not None and not str(text).strip()


def without_text(store, outgoing: dict, incoming: dict, doc=None) -> frozenset:
    """Slugs of the neighbours (and ``doc``) that have no full text.

    Edge records are read without their text, so one query asks the store.
    """
    ids = set()
    for side, edges_by_relation in (("out", outgoing), ("in", incoming)):
        for edges in edges_by_relation.values():
            for edge in edges or []:
                other = attr(edge, "target_doc" if side == "out" else "source_doc")
                if other is not None and attr(other, "id") is not None:
                    ids.add(attr(other, "id"))
    if doc is not None and attr(doc, "id") is not None:
        ids.add(attr(doc, "id"))
    found: set[str] = set()
    ids_list = sorted(ids)
    for i in range(0, len(ids_list), 500):
        chunk = ids_list[i: i + 500]
        marks = ",".join("?" * len(chunk))
        rows = store.conn.execute(
            f"SELECT slug FROM documents WHERE id IN ({marks}) AND (text IS NULL OR trim(text) = '')", chunk
        )
        found.update(r[0] for r in rows)
    return frozenset(found)


def _column(items, x: int, total_rows: int, height: int, textless: frozenset | None = None) -> list[Node]:
    nodes: list[Node] = []
    shown = items[:MAX_PER_SIDE]
    offset = TOP + (height - TOP - len(shown) * ROW - (ROW if len(items) > MAX_PER_SIDE else 0)) // 2
    for i, (doc, relations) in enumerate(shown):
        nodes.append(Node(
            slug=attr(doc, "slug"), label=short(doc), sub=_sub(doc), title=_title(doc),
            x=x, y=offset + i * ROW + (ROW - NODE_H) // 2, relation=relations[0],
            relations=relations, stub=_no_text(doc, textless),
        ))
    if len(items) > MAX_PER_SIDE:
        rest = len(items) - MAX_PER_SIDE
        nodes.append(Node(slug=None, label=f"+ {rest} văn bản khác", sub="xem danh sách bên dưới",
                          title=f"{rest} văn bản khác", x=x,
                          y=offset + len(shown) * ROW + (ROW - NODE_H) // 2, more=True))
    return nodes


def layout(doc, outgoing: dict, incoming: dict, textless: frozenset | None = None) -> Layout:
    """``textless``: slugs without full text (:func:`without_text`); None judges by the records."""
    left_items = _others(incoming, "in")
    right_items = _others(outgoing, "out")
    rows = max(min(len(left_items), MAX_PER_SIDE + 1), min(len(right_items), MAX_PER_SIDE + 1), 1)
    height = TOP + max(rows * ROW, ROW * 2) + 10
    # With one side empty the centre moves aside, so the edges get the room.
    if left_items and not right_items:
        center_x = WIDTH - NODE_W - 6
    elif right_items and not left_items:
        center_x = 6
    else:
        center_x = (WIDTH - NODE_W) // 2
    center = Node(slug=attr(doc, "slug"), label=short(doc), sub=_sub(doc), title=_title(doc),
                  x=center_x, y=TOP + (height - TOP - NODE_H) // 2,
                  stub=_no_text(doc, textless))
    return Layout(
        width=WIDTH,
        height=height,
        center=center,
        left=_column(left_items, 6, rows, height, textless),
        right=_column(right_items, WIDTH - NODE_W - 6, rows, height, textless),
    )
