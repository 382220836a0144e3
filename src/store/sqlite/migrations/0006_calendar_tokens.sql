-- Calendar subscriptions (issue 22, reminders that follow the plan): a person may give their
-- phone's calendar a private address, GET /cal/<token>.ics, that serves the plan in force with an
-- alarm per dose and per review day. Calendar apps cannot sign in, so the token is the only key:
-- as for sessions, only its SHA-256 is stored, and a copied database opens no one's feed.
-- One per person (the primary key): making a new address replaces the old one, which stops
-- working. ON DELETE CASCADE: "delete my data" removes it with the person.
CREATE TABLE calendar_tokens (
  person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
