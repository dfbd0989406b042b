-- Structure of a document (DESIGN.md "Structure of a document"), units named on edges,
-- effective and expiry dates, topics. Later migrations of the same work: 0010–0019 structure,
-- 0020–0029 citations/edges, 0030–0039 validity, 0040–0049 sources.

-- One row per unit. A document may hold units from several sources at once (its parsed
-- text, a source's own tree, the Pháp điển articles): readers prefer a source's tree, then
-- the text, then the Pháp điển; the Pháp điển rows stay attached by anchor.
CREATE TABLE units (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source       TEXT    NOT NULL DEFAULT 'text',   -- text, vbpl, phapdien
    ordinal      INTEGER NOT NULL,                  -- document order within its source
    kind         TEXT    NOT NULL,                  -- phan, chuong, muc, tieu_muc, dieu, khoan, diem, phu_luc
    number       TEXT    NOT NULL,                  -- as written: 5, 5a, II, a
    title        TEXT,
    anchor       TEXT    NOT NULL,                  -- dieu-5-khoan-2
    parent       TEXT,                              -- anchor of the enclosing unit
    span_start   INTEGER,                           -- offsets into documents.text
    span_end     INTEGER,
    text         TEXT,                              -- own text when not in documents.text
    extra        TEXT    NOT NULL DEFAULT '{}',
    UNIQUE (document_id, source, anchor)
);
CREATE INDEX units_document ON units(document_id, source, ordinal);

-- Which parser version built a document's 'text' units: rebuilt when the parser improves.
ALTER TABLE documents ADD COLUMN structure_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN expiry_date TEXT;

-- Units on both sides of an edge (pinpoint objects as JSON lists), when the change takes
-- effect, and whether the sentence states a done act (decided once, when the edge is made).
ALTER TABLE citations ADD COLUMN cited_units TEXT;    -- [{"dieu": "5", "khoan": "2"}]
ALTER TABLE citations ADD COLUMN citing_units TEXT;   -- [{"dieu": "1"}]
ALTER TABLE citations ADD COLUMN effective_date TEXT;
ALTER TABLE citations ADD COLUMN is_act INTEGER;      -- NULL: not decided

CREATE TABLE document_topics (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    code        TEXT    NOT NULL,                  -- "19" (chủ đề) or "19.6" (đề mục)
    name        TEXT    NOT NULL,
    PRIMARY KEY (document_id, code)
) WITHOUT ROWID;
CREATE INDEX document_topics_code ON document_topics(code);
