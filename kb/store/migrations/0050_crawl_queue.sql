-- The crawler's queue (helper C, kb/scrape/crawler.py). A run is one `kb crawl`;
-- a run killed mid-way is resumed by the next `kb crawl` (status 'running').
CREATE TABLE IF NOT EXISTS crawl_runs (
    id           INTEGER PRIMARY KEY,
    started_at   TEXT    NOT NULL,
    finished_at  TEXT,
    status       TEXT    NOT NULL DEFAULT 'running',   -- running, finished
    options      TEXT    NOT NULL DEFAULT '{}'         -- JSON: depth, follow_citations
);

-- One row per unit of work: a page or document to fetch ('page', 'vbpl', 'file')
-- or a citation to look up at the source ('lookup'). Unique per run, so a URL is
-- fetched at most once per run however many pages point to it.
CREATE TABLE IF NOT EXISTS crawl_queue (
    id           INTEGER PRIMARY KEY,
    run_id       INTEGER NOT NULL REFERENCES crawl_runs(id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL,
    target       TEXT    NOT NULL,             -- URL, or the lookup key for 'lookup'
    depth        INTEGER NOT NULL DEFAULT 0,
    parent_id    INTEGER,
    payload      TEXT,                         -- JSON (the citation for 'lookup')
    state        TEXT    NOT NULL DEFAULT 'pending',   -- pending, working, done, failed, skipped
    attempts     INTEGER NOT NULL DEFAULT 0,
    outcome      TEXT,                         -- new, updated, unchanged, not_found, …
    reason       TEXT,                         -- failure or skip reason (Vietnamese)
    slug         TEXT,
    started_at   TEXT,
    finished_at  TEXT,
    UNIQUE (run_id, kind, target)
);
CREATE INDEX IF NOT EXISTS crawl_queue_pending ON crawl_queue(run_id, state, depth, id);

-- Every URL fetched by a run and the raw page it produced: a resumed run reuses
-- these instead of fetching again.
CREATE TABLE IF NOT EXISTS crawl_fetches (
    run_id       INTEGER NOT NULL REFERENCES crawl_runs(id) ON DELETE CASCADE,
    url          TEXT    NOT NULL,
    raw_page_id  INTEGER,
    status       INTEGER,
    fetched_at   TEXT    NOT NULL,
    PRIMARY KEY (run_id, url)
);
