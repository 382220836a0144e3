-- A random number drawn when a plan version is stored and never changed. A reader that keeps
-- parsed plans (journal/parsed_plans) knows a version it has seen by (id, revision) without reading
-- its tens of kilobytes of JSON again: SQLite hands out the id of a deleted last row again, but not
-- with the same revision. Rows stored before this migration have none (NULL): their text is still
-- compared.
ALTER TABLE plan_versions ADD COLUMN revision INTEGER;
