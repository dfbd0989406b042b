"""Did-you-mean's vocabulary read from an index of several segments."""
from __future__ import annotations

from whoosh import fields, index

from indexer.spelling import Vocabulary


def _multi_segment_index(tmp_path):
    schema = fields.Schema(fsyl=fields.KEYWORD(scorable=True), words=fields.KEYWORD(scorable=True))
    ix = index.create_in(str(tmp_path), schema)
    batches = [["cai cach hanh chinh", "hanh chinh cong"], ["cai cach thu tuc", "thu tuc hanh chinh", "cong chuc"],
               ["cai tao dat", "hanh chinh"]]
    for batch in batches:  # one segment per batch, never merged: as a fresh build leaves them
        writer = ix.writer()
        for text in batch:
            writer.add_document(fsyl=text, words=text.replace("cai cach", "cai_cach"))
        writer.commit(merge=False)
    return ix


def test_the_vocabulary_sums_every_segment(tmp_path, monkeypatch):
    ix = _multi_segment_index(tmp_path)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        assert len(reader.leaf_readers()) == 3  # the premise: several segments
        expected = {t.decode(): i.doc_frequency() for t, i in reader.iter_field("fsyl")}  # the slow, merged read

        def merged_read(*args, **kwargs):
            raise AssertionError("the multi-segment reader asks every segment for every term")

        monkeypatch.setattr(type(reader), "iter_field", merged_read)
        vocab = Vocabulary.from_reader(reader, "fsyl")
        assert vocab.freq == expected
        assert vocab.freq["hanh"] == 4 and vocab.freq["cai"] == 3 and vocab.freq["tao"] == 1
        assert vocab.correct("chinhh") == "chinh" and vocab.correct("hanhh") == "hanh"
        words = Vocabulary.from_reader(reader, "words", split_words=True)
        assert words.freq["cach"] == 2 and words.freq["cai"] == 2  # a syllable: its commonest word's frequency


def test_one_segment_reads_the_same(tmp_path):
    ix = _multi_segment_index(tmp_path)
    with ix.writer() as writer:
        writer.optimize = True  # merged into one segment
    with ix.searcher() as searcher:
        reader = searcher.reader()
        assert reader.is_atomic()
        assert Vocabulary.from_reader(reader, "fsyl").freq["hanh"] == 4
