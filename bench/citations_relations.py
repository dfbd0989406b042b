"""Relations over real documents: a tally, and a random sample of the changing ones to judge by eye.

    python -m bench.citations_relations [--sample 40] [--seed 4242]

Runs ``get_citations`` over ../shared/corpus/legal, realdata/tvpl-text and realdata/tvpl-md,
prints a Counter of relations (self references left out) and a random sample of
``bai_bo`` / ``thay_the`` / ``sua_doi`` citations with the text before them, for
estimating those relations' precision by hand (docs/notes/A.md says how it was counted).
"""
from __future__ import annotations

import argparse
import collections
import random
import sys

from kb.citations import get_citations
from kb.config import shared_dir

CHANGING = ("bai_bo", "thay_the", "sua_doi")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=4242)
    args = parser.parse_args(argv)
    shared = shared_dir()
    if shared is None or not (shared / "corpus" / "legal").is_dir():
        print("bench.citations_relations: ../shared is absent (set KB_SHARED)", file=sys.stderr)
        return 1
    files = sorted((shared / "corpus" / "legal").glob("*.md"))
    for sub in ("tvpl-text", "tvpl-md"):
        files += sorted((shared / "realdata" / sub).glob("*"))
    counts: collections.Counter[str] = collections.Counter()
    changing = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for c in get_citations(text):
            if c.self:
                continue
            counts[c.relation] += 1
            if c.relation in CHANGING:
                changing.append((path.name, c, text))
    print(f"{len(files)} files, {sum(counts.values())} citations: {dict(counts.most_common())}")
    random.seed(args.seed)
    for i, (name, c, text) in enumerate(random.sample(changing, min(args.sample, len(changing)))):
        before = " ".join(text[max(0, c.start - 200):c.start].split())
        print(f"{i:2} {c.relation:8} {name[:16]:16} {c.number or c.name} | …{before} [[{' '.join(c.text.split())}]]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
