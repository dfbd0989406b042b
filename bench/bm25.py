"""Plain BM25 (Okapi; k1 1.2, b 0.75) over syllables: the reference article search is measured against.

Tokens are lowercase syllables as written (accents kept), split on anything
that is not a letter or a digit; no stop words, no fields, no phrases.  The
idf is Lucene's ``log(1 + (N - df + 0.5) / (df + 0.5))``.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict

K1 = 1.2
B = 0.75
_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFC", text).lower())


class BM25:
    def __init__(self, texts: list[str], k1: float = K1, b: float = B):
        self.k1, self.b = k1, b
        self.n = len(texts)
        self.lengths = []
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for i, text in enumerate(texts):
            counts = Counter(tokens(text))
            self.lengths.append(sum(counts.values()))
            for term, tf in counts.items():
                self.postings[term].append((i, tf))
        self.avg = (sum(self.lengths) / self.n) if self.n else 1.0

    def idf(self, term: str) -> float:
        df = len(self.postings.get(term, ()))
        return math.log(1.0 + (self.n - df + 0.5) / (df + 0.5))

    def top(self, query: str, k: int = 10) -> list[int]:
        scores: dict[int, float] = defaultdict(float)
        for term in tokens(query):  # a repeated query word counts again, as in rank_bm25
            idf = self.idf(term)
            for i, tf in self.postings.get(term, ()):
                norm = self.k1 * (1 - self.b + self.b * self.lengths[i] / self.avg)
                scores[i] += idf * tf * (self.k1 + 1) / (tf + norm)
        return [i for i, _ in sorted(scores.items(), key=lambda x: (-x[1], x[0]))[:k]]
