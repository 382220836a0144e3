-- Accounts for the web app (core/journal/account_records.hpp). Sessions and sign-in attempts live
-- in the database, not in the server's memory, so that several server processes behind one load
-- balancer share them (docs/architecture.md, scaling out). An account hangs off people(id) and its
-- sessions off users(id), both ON DELETE CASCADE, so "delete my data" (one DELETE of the person)
-- also removes the account and signs it out everywhere. Times are TEXT 'YYYY-MM-DDTHH:MM:SSZ' so
-- that comparing them as text compares them in time.

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  -- NOCASE folds ASCII letters only: the server trims and normalises addresses before storing.
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,  -- argon2id encoded string (salt and parameters inside)
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  role TEXT NOT NULL,  -- 'patient'; no CHECK, so that a new role needs no table rebuild
  created_at TEXT NOT NULL
);
-- The cascade from people looks users up by person_id; without an index it scans the table.
CREATE INDEX users_by_person ON users(person_id);

CREATE TABLE auth_sessions (
  token_hash TEXT PRIMARY KEY,  -- SHA-256 of the cookie's token: a copied database signs no one in
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX auth_sessions_by_user ON auth_sessions(user_id);
-- For the periodic clean-up of expired sessions.
CREATE INDEX auth_sessions_by_expiry ON auth_sessions(expires_at);

-- Sign-in attempts for the rate limit (auth/login_limit.hpp). `key` is whatever the server limits
-- by; it is not tied to a person, so it should be a hash rather than an address, or a deleted
-- account would leave its email behind here.
CREATE TABLE login_attempts (
  id INTEGER PRIMARY KEY,  -- insertion order: breaks ties between attempts in the same second
  key TEXT NOT NULL,
  at TEXT NOT NULL,
  succeeded INTEGER NOT NULL CHECK (succeeded IN (0, 1))
);
CREATE INDEX login_attempts_by_key_time ON login_attempts(key, at);
