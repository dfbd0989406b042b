"""Articles take their syllables from their document's analysis: same postings as analysing them alone."""
from __future__ import annotations

from pathlib import Path

from kb.model import Unit
from indexer import bodies, build as build_mod
from indexer.analysis import Posted
from indexer.build import _DocText, analyze, analyze_article
from indexer.sources import IndexDoc


def _plain(values: dict) -> dict:
    return {k: (v.items if isinstance(v, Posted) else v) for k, v in values.items()}


def _compare(doc: IndexDoc) -> tuple[int, int]:
    """Every article of ``doc``, from the document's analysis and alone: equal; (reused, all)."""
    values = analyze(doc)
    articles = doc.articles()
    assert len(values["_articles"]) == len(articles)
    reused = 0
    text = _doc_text(doc)
    for a, got in zip(articles, values["_articles"]):
        alone = analyze_article(doc.slug, values["dup"], a, {}, None, None)
        got = {k: v for k, v in got.items() if k in alone or k in ("fsyl", "asyl", "fbi", "body")}
        # the text is stored once (offsets into the document's body) and reads back the same
        assert bodies.text_of(got.pop("body", None), lambda: values.get("body")) == bodies.text_of(alone.pop("body", None), None)
        assert _plain(got) == _plain(alone), (doc.slug, a.anchor)
        if a.start is not None and text.span(a.start, a.end) is not None:
            reused += 1
    return reused, len(articles)


def _doc_text(doc: IndexDoc) -> _DocText:
    from kb.text import clean
    from indexer import boilerplate

    cleaned = clean(doc.text)
    body = boilerplate.strip(cleaned.text)
    seg = build_mod._segmenter.segment(body)
    return _DocText(doc.text, cleaned, body, seg, build_mod._folded(seg.syllables))


def _units(text: str, cuts: list[tuple[str, int, int]], own: dict[str, str] | None = None) -> list[Unit]:
    out = [Unit(kind="dieu", number=n, anchor=f"dieu-{n}", title=f"Tiêu đề {n}", start=s, end=e, parent=None,
                text=(own or {}).get(n), source="text", extra={}) for n, s, e in cuts]
    return out


LAW = ("LUẬT THỬ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n"
       "Điều 1. Phạm vi điều chỉnh\nLuật này quy định về công tác văn thư, hoà giải và thuỷ lợi.\n"
       "Điều 2. Đối tượng áp dụng\nCơ quan nhà nước; tổ chức 1.5 triệu đồng, quỷ dữ.\n12\n"
       "Điều 3. Hiệu lực\nLuật này có hiệu lực từ ngày 01/01/2025.\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n"
       "Điều 4. Phụ lục\nDanh mục kèm theo.\n")


def test_articles_from_the_document_equal_articles_alone():
    build_mod._init_worker()
    starts = [LAW.index(f"Điều {n}.") for n in (1, 2, 3, 4)] + [len(LAW)]
    clean_cuts = [(str(n), starts[n - 1], starts[n]) for n in (1, 2, 3, 4)]
    doc = IndexDoc(slug="luat-thu", title="Luật thử", text=LAW, units=_units(LAW, clean_cuts))
    reused, total = _compare(doc)
    assert total == 4 and reused >= 2  # the ones with "Nơi nhận" nearby may be analysed alone
    # spans that cut words, lines, numbers and tone rules; before the start; past the end; own text
    odd = [("1", starts[0] + 3, starts[1] - 5), ("2", LAW.index("1.5") + 2, LAW.index("quỷ") + 1),
           ("3", LAW.index("Nơi nhận") + 3, len(LAW) + 50), ("4", 5, 3), ("5", 0, 10),
           ("6", LAW.index("12"), LAW.index("12") + 3), ("7", starts[2], starts[2] + 1)]
    doc = IndexDoc(slug="luat-le", title="Luật lẻ", text=LAW,
                   units=_units(LAW, odd, own={"7": "Điều 7. Văn bản riêng của Pháp điển, hoà giải."}))
    _compare(doc)


def test_texts_that_cleaning_changes():
    build_mod._init_worker()
    # a zero-width space and a decomposed accent: cleaning shortens the text, offsets shift
    text = "Mở đầu\u200b văn bản.\nĐiều 1. Ho\u0300a gia\u0309i\nNội dung thứ nhất.\nĐiều 2. Khác\nNội dung hai.\n"
    starts = [text.index("Điều 1"), text.index("Điều 2"), len(text)]
    doc = IndexDoc(slug="lech", title="Lệch", text=text,
                   units=_units(text, [("1", starts[0], starts[1]), ("2", starts[1], starts[2]),
                                       ("3", starts[0] + 8, starts[0] + 11)]))
    reused, total = _compare(doc)
    assert reused >= 2


def test_real_documents(shared):
    build_mod._init_worker()
    paths = sorted((shared / "corpus" / "legal").glob("*.md"))[::15]
    from indexer.sources import document_from_file

    reused = total = 0
    for path in paths:
        doc = document_from_file(Path(path))
        r, t = _compare(doc)
        reused, total = reused + r, total + t
    assert total > 100
    assert reused / total > 0.9  # almost every article reuses its document's analysis


def _old_positions(terms):
    import pickle
    from collections import defaultdict
    from whoosh.system import pack_uint

    poses = defaultdict(list)
    for i, term in enumerate(terms):
        poses[term].append(i)
    items = []
    for term, plist in poses.items():
        deltas = [plist[0]]
        deltas.extend(b - a for a, b in zip(plist, plist[1:]))
        items.append((term.encode("utf-8"), len(plist), float(len(plist)),
                      pack_uint(len(deltas)) + pickle.dumps(deltas, 2)))
    return items


def _old_frequency(terms):
    from collections import defaultdict
    from whoosh.system import pack_uint

    counts = defaultdict(int)
    for term in terms:
        counts[term] += 1
    return [(t.encode("utf-8"), n, float(n), pack_uint(n)) for t, n in counts.items()]


def test_postings_encoded_as_before():
    import random

    from indexer.analysis import postings_frequency, postings_positions

    rng = random.Random(5)
    words = ["của", "cai", "cách", "hành", "chính", "điều", "1", "x y"]
    for n in (0, 1, 2, 50, 5000, 20_000):
        terms = [rng.choice(words) for _ in range(n)] + ["một"]
        assert postings_positions(terms).items == _old_positions(terms)
        assert postings_frequency(terms).items == _old_frequency(terms)
    many = ["a"] * 70_000  # counts past the small-count table (and past 65,535)
    assert postings_positions(many).items == _old_positions(many)
    assert postings_frequency(many).items == _old_frequency(many)


_OLD_SITE = __import__("re").compile(
    r"^.*(?:thuvienphapluat|luatvietnam|Hãy đăng nhập|Đăng ký tài khoản|Mọi chi tiết xin liên hệ|"
    r"Văn bản này đang được cập nhật).*$", __import__("re").IGNORECASE | __import__("re").MULTILINE)


def _old_strip(text: str) -> str:
    from indexer import boilerplate as b

    chars = list(text)
    for pattern in b._LINES + [_OLD_SITE]:
        for m in pattern.finditer(text):
            if m.end() - m.start() <= 200:
                for i in range(m.start(), m.end()):
                    if chars[i] != "\n":
                        chars[i] = " "
    for m in b._RECIPIENTS.finditer(text):
        resume = b._RESUMES.search(text, m.end())
        end = resume.start() if resume else len(text)
        for i in range(m.start(), min(end, m.start() + b.MAX_SIGNATURE) if not resume else end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def test_site_lines_blanked_as_before(shared):
    from indexer.boilerplate import strip

    texts = ["Nguồn: THUVIENPHAPLUAT.vn luatvietnam\nĐiều 1. Nội dung\nthuvienphapluat",
             "x" * 250 + " luatvietnam\nHãy đăng nhập để xem\n\nMọi chi tiết xin liên hệ", "", "\n\n",
             "dòng\r\nVăn bản này đang được cập nhật\r\n"]
    texts += [p.read_text(encoding="utf-8") for p in sorted((shared / "corpus" / "legal").glob("*.md"))[::7]]
    for text in texts:
        assert strip(text) == _old_strip(text)


def _files(gen) -> dict[str, bytes]:
    """The generation's index files, segment names replaced by their order (names are random)."""
    import re

    segments: dict[str, list[str]] = {}
    for p in Path(gen).iterdir():
        m = re.match(r"(MAIN|articles)_([a-z0-9]+)\.", p.name)
        if m and m.group(2) not in segments.setdefault(m.group(1), []):
            segments[m.group(1)].append(m.group(2))
    out = {}
    for p in Path(gen).iterdir():
        m = re.match(r"(MAIN|articles)_([a-z0-9]+)\.(.*)$", p.name)
        if m:  # one segment per index here (a small build commits once)
            assert len(segments[m.group(1)]) == 1
            out[f"{m.group(1)}.{m.group(3)}"] = p.read_bytes()
    return out


def test_fast_writer_writes_the_same_files(tmp_path, monkeypatch):
    from indexer.build import build
    from tests.indexer.conftest import SMALL_DOCS

    law = IndexDoc(slug="luat", title="Luật thử", text=LAW, units=None)
    docs = SMALL_DOCS + [law] * 1 + [IndexDoc(slug=f"x{i}", title=f"Văn bản {i}", text=LAW.replace("thư", f"thư {i}"))
                                     for i in range(30)]
    monkeypatch.setattr(build_mod, "BLOCK_SIZE", 4)  # terms over several blocks
    gens = {}
    for fast in (False, True):
        monkeypatch.setattr(build_mod, "FAST_WRITER", fast)
        root = tmp_path / str(fast)
        build(root, docs, total=len(docs), workers=1, progress=False)
        gens[fast] = next(p for p in root.iterdir() if p.name.startswith("g"))
    old, new = _files(gens[False]), _files(gens[True])
    assert sorted(old) == sorted(new) and len(old) > 10
    for name in old:
        assert old[name] == new[name], name


def test_article_text_stored_once_and_snippets_read_from_the_document(tmp_path):
    from whoosh import index as whoosh_index

    from indexer.analysis import ARTICLES
    from indexer.build import build
    from indexer.searching import Searcher

    own = Unit(kind="dieu", number="9", anchor="dieu-9", title="Riêng", start=None, end=None, parent=None,
               text="Điều 9. Hòa giải viên được bầu ở thôn, tổ dân phố.", source="phapdien", extra={})
    law = IndexDoc(slug="luat", title="Luật thử", text=LAW)
    law.units = [Unit(kind="dieu", number=a.number, anchor=a.anchor, title=a.title, start=a.start, end=a.end,
                      parent=None, text=None, source="text", extra={})
                 for a in _parsed(law)] + [own]
    build(tmp_path / "index", [law], total=1, workers=1, progress=False)
    gen = next(p for p in (tmp_path / "index").iterdir() if p.name.startswith("g"))
    aix = whoosh_index.open_dir(str(gen), indexname=ARTICLES)
    with aix.reader() as r:
        blobs = [r.column_reader("body")[d] for d in range(r.doc_count_all())]
    aix.close()
    assert len(law.units) == 4
    assert sum(1 for b in blobs if len(b) == 9 and b[:1] == b"\x00") == 3  # the Điều of the text
    assert sum(1 for b in blobs if b[:1] == b"\x78") == 1  # the unit with its own text
    with Searcher(tmp_path) as s:
        hit = s.search("hòa giải thủy lợi", unit="article").hits[0]
        assert hit.article.anchor == "dieu-1" and "<mark>thuỷ</mark> <mark>lợi</mark>" in hit.snippet_html
        assert "Điều 2" not in hit.snippet  # the article's span, not the document's text
        hit = s.search("hòa giải viên được bầu", unit="article").hits[0]
        assert hit.article.anchor == "dieu-9" and "được bầu" in hit.snippet
        doc = s.search("quỷ dữ").hits[0]
        assert doc.article.anchor == "dieu-2" and "quỷ" in doc.snippet


def _parsed(doc: IndexDoc) -> list:
    doc.units = None
    return doc.articles()


def test_long_bodies_in_pieces_read_back_whole_and_by_span():
    import random

    rng = random.Random(2)
    text = "".join(rng.choice("aăâbcdđeêg hiklmnoôơpqrstuưvxyáàảãạ\n") for _ in range(3 * bodies.CHUNK + 77))
    blob = bodies.compress(text)
    assert blob[:1] == b"\x01" and bodies.text_of(blob) == text
    for start, end in [(0, 5), (bodies.CHUNK - 3, bodies.CHUNK + 3), (10, 2 * bodies.CHUNK + 9),
                       (3 * bodies.CHUNK, 3 * bodies.CHUNK + 77), (len(text) - 1, len(text) + 40), (7, 7)]:
        assert bodies.text_of(bodies.span_ref(start, end), lambda: blob) == text[start:end]
    short = bodies.compress("Điều 1. Ngắn.")
    assert short[:1] == b"\x78" and bodies.text_of(bodies.span_ref(5, 7), lambda: short) == "1."
    assert bodies.text_of(None) == "" and bodies.text_of(bodies.span_ref(0, 3), lambda: None) == ""


def test_fast_writer_same_files_after_an_update_that_merges(tmp_path, monkeypatch):
    import re

    from indexer.build import apply_changes, build
    from tests.indexer.conftest import SMALL_DOCS

    more = [IndexDoc(slug=f"y{i}", title=f"Văn bản {i}", text=LAW.replace("văn thư", f"văn thư {i}"))
            for i in range(12)]
    monkeypatch.setattr(build_mod, "BLOCK_SIZE", 4)
    contents = {}
    for fast in (False, True):
        monkeypatch.setattr(build_mod, "FAST_WRITER", fast)
        root = tmp_path / str(fast)
        build(root, SMALL_DOCS + more[:6], total=len(SMALL_DOCS) + 6, workers=1, progress=False)
        # replaced, new and removed documents; the commit merges the segments
        apply_changes(root, more[3:], [SMALL_DOCS[0].slug], seq=2, workers=1)
        gen = next(p for p in root.iterdir() if p.name.startswith("g"))
        contents[fast] = sorted((m.group(1), m.group(2), p.read_bytes()) for p in gen.iterdir()
                                if (m := re.match(r"(MAIN|articles)_[a-z0-9]+\.(.*)$", p.name)))
    assert len(contents[True]) > 10
    assert [c[:2] for c in contents[False]] == [c[:2] for c in contents[True]]
    assert contents[False] == contents[True]


def test_add_all_spills_where_add_does(tmp_path):
    import random

    from whoosh.filedb.filestore import FileStorage

    from indexer.build import _ChunkedPool

    rng = random.Random(4)
    batches = [[("fsyl", b"t%d" % rng.randint(0, 99), d, 1.0, b"v" * rng.randint(0, 30))
                for _ in range(rng.randint(0, 40))] for d in range(300)]
    spills = {}
    for bulk in (False, True):
        pool = _ChunkedPool(FileStorage(str(tmp_path)), None, limitmb=1)
        pool.limit = 3_000
        seen = []
        pool.save = (lambda p=pool, s=seen: (s.append(len(p.current)), _ChunkedPool.save(p)))
        for batch in batches:
            if bulk:
                pool.add_all(batch)
            else:
                for item in batch:
                    pool.add(item)
        spills[bulk] = (seen, len(pool.current), pool.currentsize)
        pool.cleanup()
    assert len(spills[False][0]) > 20 and spills[True] == spills[False]
