-- The person's own clock (as the SQLite migration 0005): their IANA zone ('' = not chosen), and
-- when a dose was confirmed on their wall clock (RFC 3339 with offset; '' = unknown).
ALTER TABLE people ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
ALTER TABLE dose_log ADD COLUMN confirmed_at TEXT NOT NULL DEFAULT '';
