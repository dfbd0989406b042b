-- The partial indexes of 0001 (WHERE key != '') cannot serve "key = ?" with a bound
-- parameter, so every lookup scanned the table; plain indexes serve them.
DROP INDEX IF EXISTS documents_number_key;
DROP INDEX IF EXISTS documents_name_key;
DROP INDEX IF EXISTS citations_number_key;
DROP INDEX IF EXISTS citations_name_key;
CREATE INDEX documents_number_key ON documents(number_key);
CREATE INDEX documents_name_key ON documents(name_key);
CREATE INDEX citations_number_key ON citations(number_key);
CREATE INDEX citations_name_key ON citations(name_key);
