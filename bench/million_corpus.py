"""Recombined real articles at any scale, streamed and seeded (issue 11 §4, ``bench.million``).

The pool: every article heading and every paragraph of more than 40 characters of the
Bộ pháp điển (../shared/corpus/phapdien, read with the importer's own parser: 53,528
articles, 60 M characters) and of the ALQAC laws (../shared/legal-qa).  Each piece is
analysed once the way :func:`indexer.build.analyze_article` analyses an article
(``clean`` → boilerplate stripped → syllables → folded), so an article recombined from
pieces gets its index terms by joining strings: the same terms the indexer would give
its text (checked in tests/bench), at a cost that lets a million articles stream by.

An article is a real heading and 1–6 real paragraphs drawn at random (``random.Random(seed)``);
laws hold :data:`PER_LAW` articles.  The first N articles of a larger run are the N
articles of a smaller one (same seed), so scales compare.  Nothing holds the articles:
:func:`laws` yields them one law at a time.
"""
from __future__ import annotations

import hashlib
import json
import pickle
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

PER_LAW = 50
MIN_PARAGRAPH = 40
POOL_VERSION = 1


@dataclass
class Pool:
    """Pieces of real text and their analysis; ``headings``/``paragraphs`` index into them."""

    text: list[str]
    accented: list[str]  # lowercase syllables, space-joined
    folded: list[str]  # the same, accents stripped
    pairs: list[str]  # folded pairs inside the piece, "cai_cach" space-joined
    headings: list[int]
    paragraphs: list[int]
    sources: dict

    def __len__(self) -> int:
        return len(self.text)


@dataclass
class GenArticle:
    law: str  # the law's number ("12/2003/QH11")
    number: str  # article number within the law
    heading: int  # piece index
    paras: list[int]  # piece indexes

    def text(self, pool: Pool) -> str:
        """As bench.article_speed writes them: heading, blank line, paragraphs one a line."""
        return pool.text[self.heading] + "\n\n" + "\n".join(pool.text[p] for p in self.paras)

    def terms(self, pool: Pool) -> dict[str, str]:
        """Whitespace-joined index terms of the article's fields (our analysis)."""
        parts = [self.heading] + self.paras
        # the unit's text starts "Điều 5. …" (bench.legal_qa.law_document): its syllables too
        num = self.number.lower()
        folded = f"dieu {num} " + " ".join(pool.folded[p] for p in parts if pool.folded[p])
        pairs = [f"dieu_{num}"] + [pool.pairs[p] for p in parts if pool.pairs[p]]
        # pairs across piece borders: the last syllable of one piece, the first of the next
        prev = num
        for p in parts:
            f = pool.folded[p]
            if not f:
                continue
            if prev is not None:
                pairs.append(prev.rsplit(" ", 1)[-1] + "_" + f.split(" ", 1)[0])
            prev = f
        return {"fsyl": folded, "asyl": f"điều {num} " + " ".join(pool.accented[p] for p in parts if pool.accented[p]),
                "fbi": " ".join(pairs), "head_f": pool.folded[self.heading]}


def analyze_piece(text: str) -> tuple[str, str, str]:
    """(accented, folded, pairs) of one piece: the indexer's article analysis, joined."""
    from indexer import boilerplate
    from indexer.build import _folded, bigrams
    from indexer.segment import syllables
    from kb.text import clean

    syl = syllables(boilerplate.strip(clean(text).text))
    folded = _folded(syl)
    return " ".join(syl), " ".join(folded), " ".join(p.replace(" ", "_") for p in bigrams(folded))


def _alqac_articles(shared: Path) -> Iterator[tuple[str, str]]:
    for name in ("alqac2024", "alqac2022"):
        path = shared / "legal-qa" / name / "law.json"
        if not path.is_file():
            continue
        for law in json.loads(path.read_text(encoding="utf-8")):
            for a in law["articles"]:
                head, _, body = a["text"].partition("\n")
                yield head, body


def _phapdien_articles(package: Path) -> Iterator[tuple[str, str]]:
    from kb.errors import KbError
    from kb.importers.phapdien.demuc import parse_demuc
    from kb.importers.phapdien.package import open_package

    pkg = open_package(package)
    try:
        for member in pkg.members():
            if member.data is None:
                continue
            try:
                demuc = parse_demuc(member.data, member.demuc_id)
            except KbError:
                continue
            for a in demuc.articles:
                yield a.heading, a.text
    finally:
        pkg.close()


def build_pool(shared: Path, phapdien: bool = True, progress: bool = False) -> Pool:
    """The pool from ../shared (ALQAC, then the Pháp điển unless ``phapdien`` is False)."""
    index: dict[str, int] = {}
    pool = Pool([], [], [], [], [], [], {"alqac_articles": 0, "phapdien_articles": 0})

    def piece(text: str) -> int:
        text = " ".join(text.split())
        i = index.get(text)
        if i is None:
            acc, fol, pairs = analyze_piece(text)
            i = index[text] = len(pool.text)
            pool.text.append(text)
            pool.accented.append(acc)
            pool.folded.append(fol)
            pool.pairs.append(pairs)
        return i

    heads: dict[int, None] = {}
    paras: dict[int, None] = {}
    sources = [("alqac_articles", _alqac_articles(shared))]
    package = shared / "corpus" / "phapdien" / "BoPhapDienDienTu.zip"
    if phapdien and package.is_file():
        sources.append(("phapdien_articles", _phapdien_articles(package)))
    for name, articles in sources:
        for head, body in articles:
            pool.sources[name] += 1
            if head.strip():
                heads[piece(head)] = None
            for line in body.split("\n"):
                if len(line.strip()) > MIN_PARAGRAPH:
                    paras[piece(line)] = None
            if progress and pool.sources[name] % 5000 == 0:
                print(f"  pool: {name} {pool.sources[name]}", flush=True)
    pool.headings = [i for i in heads if pool.folded[i]]
    pool.paragraphs = [i for i in paras if pool.folded[i]]
    pool.sources.update(headings=len(pool.headings), paragraphs=len(pool.paragraphs),
                        characters=sum(len(pool.text[i]) for i in pool.paragraphs))
    return pool


def load_pool(shared: Path, phapdien: bool = True, cache: Path | None = None, progress: bool = False) -> Pool:
    """:func:`build_pool`, kept in a pickle under /tmp keyed by the source files' sizes and times."""
    stamp = hashlib.sha1(str(POOL_VERSION).encode())
    files = [shared / "legal-qa" / n / "law.json" for n in ("alqac2024", "alqac2022")]
    if phapdien:
        files.append(shared / "corpus" / "phapdien" / "BoPhapDienDienTu.zip")
    for f in files:
        if f.is_file():
            st = f.stat()
            stamp.update(f"{f.name}:{st.st_size}:{int(st.st_mtime)}".encode())
    cache = cache or Path(tempfile.gettempdir()) / f"million-pool-{stamp.hexdigest()[:12]}.pkl"
    if cache.is_file():
        with cache.open("rb") as fh:
            return pickle.load(fh)
    started = time.perf_counter()
    pool = build_pool(shared, phapdien, progress)
    pool.sources["build_s"] = round(time.perf_counter() - started, 1)
    tmp = cache.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(pool, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(cache)
    return pool


def laws(pool: Pool, articles: int, seed: int = 7) -> Iterator[tuple[str, list[GenArticle]]]:
    """(law number, its articles) until ``articles`` articles; a prefix of any larger run."""
    rng = random.Random(seed)
    nh, np_ = len(pool.headings), len(pool.paragraphs)
    count = k = 0
    while count < articles:
        n = min(PER_LAW, articles - count)
        number = f"{k + 1}/{2000 + k % 25}/QH{10 + k % 6}"
        arts = []
        for i in range(n):
            heading = pool.headings[rng.randrange(nh)]
            paras = [pool.paragraphs[j] for j in rng.sample(range(np_), rng.randint(1, 6))]
            arts.append(GenArticle(number, str(i + 1), heading, paras))
        yield number, arts
        count += n
        k += 1


def law_title(number: str) -> str:
    """The title bench.article_speed gives a recombined law."""
    return f"Luật số {number}"
