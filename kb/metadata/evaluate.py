"""Measure the header parser against thuvienphapluat's metadata table.

For every saved page that carries the site's table, the table is cut away
(:func:`strip_site_chrome`), the header parser reads the rest, and four fields
are compared with the table: number, type, issue date, issuer.

What counts as right:
- number: equal under :func:`kb.identity.number_key` (case, spaces, leading zeros).
- type: equal after accent folding ("Quyết định"); the site files types it has no
  category for (Kết luận, Báo cáo, Tờ trình …) under "Văn bản khác", so that label
  matches a parsed type outside the site's own categories (``SITE_TYPES``).
- date: the same ISO date.
- issuer: equal under :func:`kb.identity.issuer_key`; or, because the site names
  a local authority by its place only ("Tỉnh Quảng Ngãi"), the header's issuer is
  the People's Committee or People's Council of that place
  ("Ủy ban nhân dân tỉnh Quảng Ngãi", "Hội đồng nhân dân tỉnh Quảng Ngãi").
  A department ("Sở Nội vụ tỉnh Quảng Ngãi") does not match "Tỉnh Quảng Ngãi".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kb.identity import issuer_key, number_key
from kb.importers.markdown import markdown_to_text
from kb.metadata.header import parse_header
from kb.metadata.tvpl_table import parse_tvpl_table, strip_site_chrome
from kb.text import fold_key

FIELDS = ("number", "type", "date", "issuer")
# The site's own "Loại văn bản" categories (its search form); anything else is "Văn bản khác".
SITE_TYPES = {
    "bo luat", "chi thi", "cong dien", "cong van", "dieu uoc quoc te", "hien phap", "huong dan",
    "ke hoach", "lenh", "luat", "nghi dinh", "nghi quyet", "nghi quyet lien tich", "phap lenh",
    "quyet dinh", "sac lenh", "thong bao", "thong tu", "thong tu lien tich", "van ban hop nhat",
}
_LOCAL_BODIES = ("uy ban nhan dan ", "hoi dong nhan dan ")
_LOCALITY = re.compile(r"^(tinh|thanh pho) ")


def issuer_matches(table_value: str | None, parsed: str | None) -> bool:
    """Whether the parsed issuer names the body the site's table names (see module doc)."""
    if not table_value or not parsed:
        return False
    want, got = issuer_key(table_value), issuer_key(parsed)
    if want == got:
        return True
    if _LOCALITY.match(want):
        return any(got == body + want for body in _LOCAL_BODIES)
    return False


def field_matches(name: str, table, doc) -> bool:
    if name == "number":
        return bool(doc.number) and number_key(doc.number) == number_key(table.get("number"))
    if name == "type":
        want = fold_key(table.get("type") or "")
        got = fold_key(doc.type or "")
        if want == "van ban khac":
            return bool(got) and got not in SITE_TYPES
        return bool(got) and got == want
    if name == "date":
        return doc.date is not None and doc.date == table.date_iso
    if name == "issuer":
        return issuer_matches(table.get("issuer"), doc.issuer)
    raise ValueError(name)


@dataclass
class Report:
    documents: int = 0
    right: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    all_right: int = 0
    signer_right: int = 0  # reported, not required: the site's "Người ký" vs the signature
    type_literal: int = 0  # type equal to the site's label word for word ("Văn bản khác" never is)
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)  # file, field, table, parsed

    def rate(self, name: str) -> float:
        return self.right[name] / self.documents if self.documents else 0.0

    def lines(self) -> list[str]:
        out = [f"tài liệu có bảng thuộc tính: {self.documents}"]
        for name in FIELDS:
            out.append(f"  {name:<7} {self.right[name]:>4}/{self.documents}  {self.rate(name):.1%}")
        if self.documents:
            out.append(f"  cả bốn  {self.all_right:>4}/{self.documents}  {self.all_right / self.documents:.1%}")
            out.append(f"  (người ký {self.signer_right:>4}/{self.documents}  {self.signer_right / self.documents:.1%})")
            out.append(f"  (loại, đúng nguyên văn nhãn của trang {self.type_literal:>4}/{self.documents}  "
                       f"{self.type_literal / self.documents:.1%})")
        return out


def evaluate(paths) -> Report:
    report = Report()
    for path in sorted(Path(p) for p in paths):
        raw = path.read_text(encoding="utf-8")
        table = parse_tvpl_table(raw)
        if table is None:
            continue
        report.documents += 1
        doc = parse_header(markdown_to_text(strip_site_chrome(raw)))
        ok = True
        for name in FIELDS:
            if field_matches(name, table, doc):
                report.right[name] += 1
            else:
                ok = False
                parsed = getattr(doc, name)
                expected = table.date_iso if name == "date" else table.get(name)
                report.misses.append((path.name, name, str(expected), str(parsed)))
        report.all_right += ok
        if doc.type and fold_key(doc.type) == fold_key(table.get("type") or ""):
            report.type_literal += 1
        if doc.signer and fold_key(doc.signer) == fold_key(table.get("signer") or ""):
            report.signer_right += 1
    return report


def main(argv: list[str] | None = None) -> int:
    import sys

    from kb.config import shared_dir

    args = argv if argv is not None else sys.argv[1:]
    folder = Path(args[0]) if args else (shared_dir() or Path("../shared")) / "corpus" / "legal"
    report = evaluate(folder.glob("*.md"))
    print("\n".join(report.lines()))
    for miss in report.misses:
        print("  ✗", *miss, sep=" | ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
