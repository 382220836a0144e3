-- Calendar subscriptions (as the SQLite migration 0006): only the token's SHA-256 is stored, one
-- per person.
CREATE TABLE calendar_tokens (
  person_id BIGINT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
