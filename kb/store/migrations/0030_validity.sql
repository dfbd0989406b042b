-- Effective dates read from the text, and validity computed once and kept (DESIGN.md
-- "Effective dates and validity"). The cache is fresh while the seqs of the documents it
-- was computed from are unchanged and today is before `validity_until`.

-- How documents.effective_date / expiry_date were found when no source stated them:
-- JSON {"effective": {"date", "kind": explicit|signing|offset, "sentence"}, "expiry": {...}}.
ALTER TABLE documents ADD COLUMN text_dates TEXT;
-- Version of the reader that filled text_dates (read again when it improves).
ALTER TABLE documents ADD COLUMN text_dates_version INTEGER NOT NULL DEFAULT 0;

ALTER TABLE documents ADD COLUMN validity_code TEXT;        -- con_hieu_luc, bi_thay_the, … khong_ro
ALTER TABLE documents ADD COLUMN validity_json TEXT;        -- the status with its evidence
ALTER TABLE documents ADD COLUMN validity_deps TEXT;        -- JSON {document id: seq} it was computed from
ALTER TABLE documents ADD COLUMN validity_until TEXT;       -- recompute on or after this day
CREATE INDEX documents_validity ON documents(validity_code);
