-- The person's own clock (issue 22, point 4).
--
-- people.time_zone: the IANA zone the person lives by ("America/Los_Angeles"). People from before
-- this migration get '' (not chosen), which the CLI and the server read as the zone of the machine
-- running taperlab (TZ or /etc/localtime): what "today" meant for them until now, so no day moves
-- under an existing journal. They can set their own in settings or with `taperlab init --tz`.
ALTER TABLE people ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';

-- dose_log.confirmed_at: when the person confirmed the dose, on their own wall clock with its UTC
-- offset (RFC 3339, "2026-12-06T06:18:07-08:00"). Earlier entries have '' (unknown): their
-- recorded_at is the UTC instant they were stored.
ALTER TABLE dose_log ADD COLUMN confirmed_at TEXT NOT NULL DEFAULT '';
