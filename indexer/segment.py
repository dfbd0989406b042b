"""Vietnamese word segmentation for the index: pyvi's model, run faster and with offsets.

pyvi (``ViTokenizer.tokenize``) labels each syllable ``B_W``/``I_W`` with a CRF.
We use the same CRF model and the same features, but:

* the text is normalized and lowercased first (case changes pyvi's
  segmentation, see ``../shared/DESIGN.md``), which also makes the case
  features constant, so they are left out;
* features are built as plain strings for ``pycrfsuite`` (no sklearn wrapper,
  which alone takes ~1 s to import);
* the text is cut into sentences and each distinct sentence is labelled once
  (legal texts repeat whole sentences: "Căn cứ Luật Tổ chức Chính phủ …");
* every syllable keeps its character offsets in the text, for snippets.

The result matches ``ViTokenizer.tokenize(text.lower())`` on ordinary text
(tests/indexer/test_segment.py checks it).
"""
from __future__ import annotations

import os
import pickle
import re
import string
import threading
from dataclasses import dataclass

from kb.text import canonical_tones, clean

# The same token classes as pyvi's ``sylabelize`` for lowercased text: numbers
# with separators, words, and single punctuation characters.
_TOKEN = re.compile(r"\d+(?:[.,_]\d+)+|\w+|[^\w\s]")
# Sentences: after . ; ! ? : followed by space, at blank lines and table bars.
_SENTENCE_END = re.compile(r"(?<=[.;!?:])\s+|\n\s*\n|\|")
_PUNCT = frozenset(string.punctuation)

_CACHE_LIMIT = 200_000  # sentences kept per process (~60 MB at worst)


@dataclass(frozen=True)
class Segmented:
    """Syllables and words of a text, with offsets into the (cleaned) text.

    ``syllables``: lowercase, canonical tone placement, punctuation left out.
    ``syl_spans``: (start, end) of each syllable.  ``words``: pyvi words joined
    with ``_`` (lowercase, accented).
    """

    syllables: list[str]
    syl_spans: list[tuple[int, int]]
    words: list[str]


class _Model:
    """pyvi's CRF and n-gram lists, loaded without sklearn."""

    def __init__(self) -> None:
        import pycrfsuite

        base = os.path.join(_pyvi_dir(), "models")
        bi, tri = set(), set()
        with open(os.path.join(base, "words.txt"), encoding="utf-8") as fh:
            for line in fh.read().split("\n"):
                n = line.count(" ")
                if n == 1:
                    bi.add(line)
                elif n == 2:
                    tri.add(line)
        self.bi_grams = bi
        self.tri_grams = tri
        with open(os.path.join(base, "pyvi3.pkl"), "rb") as fh:
            model_bytes = _ModelUnpickler(fh).load()
        # CRFsuite reads the model in place: the bytes must outlive the tagger.
        self.model_bytes = model_bytes
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open_inmemory(self.model_bytes)


def _pyvi_dir() -> str:
    import importlib.util

    spec = importlib.util.find_spec("pyvi")
    if spec is None or not spec.submodule_search_locations:
        from kb.errors import KbError

        raise KbError("thiếu gói pyvi (pip install -r requirements.txt)")
    return list(spec.submodule_search_locations)[0]


class _Stub:
    """Stands in for sklearn_crfsuite's classes while unpickling pyvi's model."""

    def __setstate__(self, state):
        self.__dict__.update(state)


class _ModelUnpickler(pickle.Unpickler):
    """Reads pyvi3.pkl and returns the CRFsuite model bytes inside it."""

    def find_class(self, module, name):
        if module.startswith("sklearn_crfsuite"):
            return _Stub
        return super().find_class(module, name)

    def load(self):  # type: ignore[override]
        crf = super().load()
        resource = crf.__dict__["modelfile"]
        return resource.__dict__["__FILE_RESOURCE_DATA__"]


_model: _Model | None = None
_model_lock = threading.Lock()


def load_model() -> _Model:
    """Load pyvi's model once per process (about 0.1 s)."""
    global _model
    if _model is None:
        with _model_lock:
            if _model is None:
                _model = _Model()
    return _model


def _features(tokens: list[str], bi: set, tri: set) -> list[list[str]]:
    """pyvi's ``word2features`` for lowercase tokens, as pycrfsuite strings.

    False boolean features weigh 0 in CRFsuite, so they are simply left out;
    on lowercase text ``isupper``/``istitle`` are always false.
    """
    n = len(tokens)
    out = []
    for i, w in enumerate(tokens):
        f = ["bias", "word.lower():" + w]
        if w.isdigit():
            f.append("word.isdigit()")
        if i > 0:
            w1 = tokens[i - 1]
            f.append("-1:word.lower():" + w1)
            if w1 + " " + w in bi:
                f.append("-1:word.bi_gram()")
            if i > 1 and tokens[i - 2] + " " + w1 + " " + w in tri:
                f.append("-2:word.tri_gram()")
        if i < n - 1:
            w1 = tokens[i + 1]
            f.append("+1:word.lower():" + w1)
            if w + " " + w1 in bi:
                f.append("+1:word.bi_gram()")
            if i < n - 2 and w + " " + w1 + " " + tokens[i + 2] in tri:
                f.append("+2:word.tri_gram()")
        out.append(f)
    return out


class Segmenter:
    """Segments texts, remembering the labels of sentences already seen."""

    def __init__(self, cache_limit: int = _CACHE_LIMIT) -> None:
        self.model = load_model()
        self.cache: dict[str, tuple[bool, ...]] = {}
        self.cache_limit = cache_limit
        self.hits = 0
        self.misses = 0

    def _joins(self, tokens: list[str]) -> tuple[bool, ...]:
        """For each token, whether it continues the previous token's word."""
        key = "\x1f".join(tokens)
        cached = self.cache.get(key)
        if cached is not None:
            self.hits += 1
            return cached
        self.misses += 1
        m = self.model
        labels = m.tagger.tag(_features(tokens, m.bi_grams, m.tri_grams))
        joins = [False]
        for i in range(1, len(tokens)):
            cur, prev = tokens[i], tokens[i - 1]
            joins.append(
                labels[i] == "I_W"
                and cur not in _PUNCT
                and prev not in _PUNCT
                and not cur[0].isdigit()
                and not prev[0].isdigit()
            )
        result = tuple(joins)
        if len(self.cache) >= self.cache_limit:
            self.cache.clear()  # crude, but bounded; sentences repeat locally
        self.cache[key] = result
        return result

    def segment(self, text: str, lowered: bool = False) -> Segmented:
        """Segment ``text`` (already cleaned); offsets index into ``text``."""
        low = text if lowered else lower_keep_length(canonical_tones(text))
        syllables: list[str] = []
        spans: list[tuple[int, int]] = []
        words: list[str] = []
        pos = 0
        n = len(low)
        for m in _SENTENCE_END.finditer(low):
            if m.start() > pos:
                self._segment_span(low, pos, m.start(), syllables, spans, words)
            pos = m.end()
        if pos < n:
            self._segment_span(low, pos, n, syllables, spans, words)
        return Segmented(syllables, spans, words)

    def _segment_span(self, low, start, end, syllables, spans, words) -> None:
        found = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(low, start, end)]
        if not found:
            return
        tokens = [t for t, _, _ in found]
        joins = self._joins(tokens)
        current: list[str] = []
        for (tok, s, e), join in zip(found, joins):
            if not join and current:
                words.append("_".join(current))
                current = []
            if tok in _PUNCT:
                continue
            syllables.append(tok)
            spans.append((s, e))
            current.append(tok)
        if current:
            words.append("_".join(current))


def lower_keep_length(text: str) -> str:
    """``str.lower`` that never changes the length (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def syllables(text: str) -> list[str]:
    """Lowercase syllables of a short text (queries, titles), punctuation out."""
    low = lower_keep_length(canonical_tones(clean(text).text))
    return [t for t in _TOKEN.findall(low) if t not in _PUNCT]


_default: Segmenter | None = None


def default_segmenter() -> Segmenter:
    global _default
    if _default is None:
        _default = Segmenter(cache_limit=20_000)
    return _default
