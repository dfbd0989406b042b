-- The store of record: documents, their sources, citations as edges, raw pages.
-- Identity of a document is (number_key, issuer_key, date) — see ../shared/DESIGN.md;
-- numbers repeat every year, so number_key is indexed but not unique.

CREATE TABLE documents (
    id              INTEGER PRIMARY KEY,
    slug            TEXT    NOT NULL UNIQUE,
    is_stub         INTEGER NOT NULL DEFAULT 0,   -- 1: known only from what citations say
    seq             INTEGER NOT NULL,             -- bumped on every change (incremental index)
    number          TEXT,
    number_key      TEXT    NOT NULL DEFAULT '',  -- kb.identity.number_key
    name_key        TEXT    NOT NULL DEFAULT '',  -- for documents cited by name ("Luật Đất đai")
    issuer_key      TEXT    NOT NULL DEFAULT '',  -- kb.identity.issuer_key
    type            TEXT,
    issuer          TEXT,
    date            TEXT,                         -- issue date, ISO
    year            INTEGER,
    title           TEXT,
    text            TEXT,
    name            TEXT,
    signer          TEXT,
    signer_title    TEXT,
    place           TEXT,
    effective_date  TEXT,
    validity        TEXT,                         -- the source's own statement
    category        TEXT    NOT NULL DEFAULT 'state',
    source_url      TEXT,
    extra           TEXT    NOT NULL DEFAULT '{}',  -- JSON
    field_ranks     TEXT    NOT NULL DEFAULT '{}',  -- JSON field -> rank of the source that set it
    text_hash       TEXT,                         -- sha256 of text: skip citation work when unchanged
    citations_hash  TEXT,                         -- sha256 of the citations the text edges came from
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX documents_number_key ON documents(number_key) WHERE number_key != '';
CREATE INDEX documents_name_key ON documents(name_key) WHERE name_key != '';
CREATE INDEX documents_seq ON documents(seq);
CREATE INDEX documents_stub ON documents(is_stub);

-- Old slugs (a stub promoted, a date learnt) keep pointing at their document.
CREATE TABLE slug_aliases (
    slug        TEXT PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);

-- Slugs that disappeared (orphan stubs deleted), for the incremental index.
CREATE TABLE removed_documents (
    slug TEXT    NOT NULL,
    seq  INTEGER NOT NULL
);
CREATE INDEX removed_documents_seq ON removed_documents(seq);

CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO counters(name, value) VALUES ('seq', 0);

-- Raw bytes as fetched, one row per distinct content of a URL.
CREATE TABLE raw_pages (
    id           INTEGER PRIMARY KEY,
    url          TEXT    NOT NULL,
    status       INTEGER NOT NULL,
    headers      TEXT    NOT NULL DEFAULT '{}',   -- JSON
    body         BLOB    NOT NULL,
    content_hash TEXT    NOT NULL,                -- sha256 of body
    fetched_at   TEXT    NOT NULL,
    UNIQUE (url, content_hash)
);
CREATE INDEX raw_pages_url ON raw_pages(url, fetched_at);

-- History of sources per document: every distinct version seen, never deleted.
CREATE TABLE sources (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL,               -- file, vbpl, web, catalogue
    url           TEXT,                           -- URL or file path
    content_hash  TEXT    NOT NULL DEFAULT '',
    fetched_at    TEXT,
    raw_page_id   INTEGER REFERENCES raw_pages(id) ON DELETE SET NULL,
    recorded_at   TEXT    NOT NULL,
    applied       INTEGER NOT NULL DEFAULT 1,     -- 0: an older version, kept as history only
    UNIQUE (document_id, kind, url, content_hash)
);
CREATE INDEX sources_document ON sources(document_id);

-- Citations = typed edges from the citing document to the cited one.
-- origin 'text': found in the citing document's text (span, surface, sentence);
-- origin 'source': stated by a source (vbpl lược đồ, the catalogue), owner = the saved document.
CREATE TABLE citations (
    id           INTEGER PRIMARY KEY,
    citing_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    target_id    INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    owner_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    origin       TEXT    NOT NULL CHECK (origin IN ('text', 'source')),
    source_kind  TEXT,                            -- for origin 'source': which source said it
    described    TEXT    NOT NULL DEFAULT 'target' CHECK (described IN ('target', 'citing')),
                                                  -- the side resolved from the description below
    relation     TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('found', 'stub', 'ambiguous', 'unknown')),
    span_start   INTEGER,
    span_end     INTEGER,
    surface      TEXT,
    sentence     TEXT,
    -- what the citation says about the cited document (kept to re-resolve it later)
    number       TEXT,
    number_key   TEXT    NOT NULL DEFAULT '',
    name_key     TEXT    NOT NULL DEFAULT '',
    type         TEXT,
    issuer       TEXT,
    date         TEXT,
    year         INTEGER,
    name         TEXT,
    category     TEXT    NOT NULL DEFAULT 'state'
);
CREATE INDEX citations_citing ON citations(citing_id);
CREATE INDEX citations_target ON citations(target_id);
CREATE INDEX citations_owner ON citations(owner_id, origin, source_kind);
CREATE INDEX citations_number_key ON citations(number_key) WHERE number_key != '';
CREATE INDEX citations_name_key ON citations(name_key) WHERE name_key != '';

-- Documents an ambiguous citation may mean.
CREATE TABLE citation_candidates (
    citation_id INTEGER NOT NULL REFERENCES citations(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (citation_id, document_id)
) WITHOUT ROWID;
CREATE INDEX citation_candidates_document ON citation_candidates(document_id);

-- Small key/value state for crawlers and loaders (C owns the crawl queue, 0050–0059).
CREATE TABLE crawl_state (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
