-- A random number drawn when a plan version is stored (as the SQLite migration 0003): a reader
-- that keeps parsed plans knows a version it has seen by (id, revision). NULL for rows stored
-- before it.
ALTER TABLE plan_versions ADD COLUMN revision BIGINT;
