"""Structure parser: speed, and agreement with the gazette crawler's article counts.

    python -m bench.structure

On ``../shared/corpus/congbao`` (gazette text, furniture included) and
``../shared/corpus/legal`` (Markdown): MB/s of ``parse_units`` plus ``paragraphs`` (the page's
reflow), documents with articles, share whose articles run 1..N, and — where the crawler's
``index.json`` gives ``so_dieu`` — how often our Điều count equals it. ``so_dieu`` counts
every "Điều N." line (quoted amending text and forms in appendices too), so a disagreement is
not always ours; the report lists them.
"""
from __future__ import annotations

import json
import platform
import re
import sys
import time


def main(argv: list[str] | None = None) -> int:
    from kb.config import shared_dir
    from kb.structure import parse_units
    from kb.structure.reflow import paragraphs

    shared = shared_dir()
    if shared is None:
        print("không thấy ../shared", file=sys.stderr)
        return 1
    print(f"máy: {platform.machine()} {platform.python_version()}")
    results = {}
    for name, pattern in (("congbao", "*.txt"), ("legal", "*.md")):
        files = sorted((shared / "corpus" / name).glob(pattern))
        size = parse_s = flow_s = 0.0
        docs = with_articles = in_order = rising = 0
        counts = {}
        for path in files:
            text = path.read_text(encoding="utf-8", errors="replace")
            size += len(text.encode("utf-8"))
            t = time.process_time()
            units = parse_units(text)
            parse_s += time.process_time() - t
            t = time.process_time()
            paragraphs(text, breaks=frozenset(u.start for u in units))
            flow_s += time.process_time() - t
            docs += 1
            main_articles = [u for u in units if u.kind == "dieu" and not u.anchor.startswith("kem-theo")]
            counts[path.stem] = sum(1 for u in units if u.kind == "dieu")
            if main_articles:
                with_articles += 1
                numbers = [int(re.match(r"[0-9]+", u.number).group()) for u in main_articles]
                in_order += numbers == list(range(1, len(numbers) + 1))
                rising += numbers[0] == 1 and all(a <= b for a, b in zip(numbers, numbers[1:]))
        mb = size / 1e6
        print(f"{name}: {docs} văn bản, {mb:.1f} MB; parse_units {mb / parse_s:.1f} MB/s, "
              f"paragraphs {mb / flow_s:.1f} MB/s; {with_articles} có điều, "
              f"{in_order} đánh số đúng 1..N ({in_order / max(with_articles, 1):.1%}), "
              f"{rising} từ 1 tăng dần, kể cả 5a và số bỏ trống ({rising / max(with_articles, 1):.1%})")
        results[name] = {"documents": docs, "mb": round(mb, 2), "parse_units_mb_s_cpu": round(mb / parse_s, 2),
                         "paragraphs_mb_s_cpu": round(mb / flow_s, 2), "with_articles": with_articles,
                         "numbered_1_to_n": in_order, "from_1_rising": rising}
        index = shared / "corpus" / name / "index.json"
        if index.exists():
            entries = [e for e in json.loads(index.read_text(encoding="utf-8"))
                       if e.get("so_dieu") and e["slug"] in counts]
            agree = [e for e in entries if counts[e["slug"]] == e["so_dieu"]]
            print(f"  so_dieu: {len(agree)}/{len(entries)} bằng nhau ({len(agree) / max(len(entries), 1):.1%})")
            results[name]["so_dieu_agree"] = len(agree)
            results[name]["so_dieu_compared"] = len(entries)
            for e in entries:
                if counts[e["slug"]] != e["so_dieu"]:
                    print(f"    {e['slug']}: so_dieu {e['so_dieu']}, ta đếm {counts[e['slug']]}")
    from bench import save_results

    save_results("structure", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
