-- taperlab's journal (core/journal/records.hpp). Dates are TEXT 'YYYY-MM-DD' and times TEXT
-- 'HH:MM' so that ORDER BY sorts them by time; JSON-shaped parts are TEXT holding the JSON that
-- core/journal/records_json writes. Everything about a person hangs off people(id) with
-- ON DELETE CASCADE, so "delete my data" is one DELETE.

CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  profile TEXT NOT NULL,  -- JSON: age, sex, country, risks, ...
  created_on TEXT NOT NULL
);

CREATE TABLE regimens (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  effective_from TEXT NOT NULL,
  regimen TEXT NOT NULL,  -- JSON: {"drugs": [...]}
  recorded_at TEXT NOT NULL
);
CREATE INDEX regimens_by_person_date ON regimens(person_id, effective_from);

CREATE TABLE decisions (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('continue', 'hold', 'slow', 'urgent')),
  step_index INTEGER NOT NULL,
  reason TEXT NOT NULL,
  evidence TEXT NOT NULL,  -- JSON
  plan_version_id INTEGER REFERENCES plan_versions(id) ON DELETE SET NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX decisions_by_person_date ON decisions(person_id, date);
CREATE INDEX decisions_by_plan_version ON decisions(plan_version_id);

CREATE TABLE plan_versions (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  version INTEGER NOT NULL CHECK (version >= 1),
  effective_from TEXT NOT NULL,
  reason TEXT NOT NULL,
  decision_id INTEGER REFERENCES decisions(id) ON DELETE SET NULL,
  request TEXT NOT NULL,  -- JSON: the plan's inputs
  plan TEXT NOT NULL,     -- JSON: the dated plan
  recorded_at TEXT NOT NULL,
  UNIQUE (person_id, version)
);
CREATE INDEX plan_versions_by_person_date ON plan_versions(person_id, effective_from);
CREATE INDEX plan_versions_by_decision ON plan_versions(decision_id);

CREATE TABLE dose_log (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  time TEXT,  -- NULL for a missed dose
  drug_id TEXT NOT NULL,
  dose_mg REAL NOT NULL CHECK (dose_mg >= 0),
  status TEXT NOT NULL CHECK (status IN ('taken', 'missed', 'extra', 'different')),
  planned_time TEXT,
  planned_dose_mg REAL,
  note TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX dose_log_by_person_date ON dose_log(person_id, date);

CREATE TABLE check_ins (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  symptoms TEXT NOT NULL,  -- JSON: {"anxiety": 2, ...}
  sleep_bedtime TEXT,
  sleep_minutes_to_fall_asleep INTEGER,
  sleep_awakenings INTEGER,
  sleep_wake_time TEXT,
  sleep_quality INTEGER,
  exercise_minutes INTEGER,
  exercise_kind TEXT NOT NULL,
  regular_meals INTEGER,  -- booleans: 0, 1 or NULL (not answered)
  caffeine_drinks INTEGER,
  alcohol_units REAL,
  relaxation_minutes INTEGER,
  therapy_session INTEGER,
  social_contact INTEGER,
  mood INTEGER,
  red_flags TEXT NOT NULL,  -- JSON: ["seizure", ...]
  notes TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  UNIQUE (person_id, date)  -- one check-in per person and day; also the index for date ranges
);

CREATE TABLE questionnaire_responses (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  instrument_id TEXT NOT NULL,
  answers TEXT NOT NULL,  -- JSON: [0, 1, 3, ...]
  total INTEGER NOT NULL,
  band TEXT NOT NULL,
  crisis_shown INTEGER NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX questionnaire_responses_by_person ON questionnaire_responses(person_id, instrument_id,
  date);

CREATE TABLE cognitive_sessions (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  test_id TEXT NOT NULL,
  device TEXT NOT NULL,
  browser TEXT NOT NULL,
  result TEXT NOT NULL,  -- JSON
  recorded_at TEXT NOT NULL
);
CREATE INDEX cognitive_sessions_by_person_date ON cognitive_sessions(person_id, date);

-- Who changed what. No health data: detail names the record (its date), not its contents.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX audit_log_by_person ON audit_log(person_id);
