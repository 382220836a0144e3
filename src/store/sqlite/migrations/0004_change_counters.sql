-- Change counters for what the server keeps in memory (server/signed_in_cache.hpp,
-- server/today_memo.hpp). A server keeps what it read for a session or for a person's day, and
-- before using it again reads one small row to learn whether anything it rests on has changed.
-- Triggers keep the counters, so every writer counts, whatever its process or code path: the CLI,
-- an import, another server on the same file.

-- Bumped when a session, an account or a person changes or goes. A new session needs no bump:
-- nothing can have been kept for it.
CREATE TABLE auth_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n INTEGER NOT NULL
);
INSERT INTO auth_generation (id, n) VALUES (1, 0);

-- A version per person, bumped when the person or anything of theirs is added, changed or deleted.
-- No foreign key: a row outlives its person, because SQLite hands a deleted last person's id out
-- again, and the new person must go on from the old one's version instead of meeting it again.
-- It holds a number only, nothing about the person.
CREATE TABLE journal_versions (
  person_id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL
);

CREATE TRIGGER regimens_insert_version AFTER INSERT ON regimens
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (NEW.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER regimens_update_version AFTER UPDATE ON regimens
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (NEW.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
  INSERT INTO journal_versions (person_id, version)
    SELECT OLD.person_id, 1 WHERE OLD.person_id IS NOT NEW.person_id
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER regimens_delete_version AFTER DELETE ON regimens
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (OLD.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER plan_versions_insert_version AFTER INSERT ON plan_versions
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (NEW.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER plan_versions_update_version AFTER UPDATE ON plan_versions
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (NEW.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
  INSERT INTO journal_versions (person_id, version)
    SELECT OLD.person_id, 1 WHERE OLD.person_id IS NOT NEW.person_id
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER plan_versions_delete_version AFTER DELETE ON plan_versions
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (OLD.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER dose_log_insert_version AFTER INSERT ON dose_log
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (NEW.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER dose_log_update_version AFTER UPDATE ON dose_log
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (NEW.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
  INSERT INTO journal_versions (person_id, version)
    SELECT OLD.person_id, 1 WHERE OLD.person_id IS NOT NEW.person_id
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER dose_log_delete_version AFTER DELETE ON dose_log
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (OLD.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER check_ins_insert_version AFTER INSERT ON check_ins
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (NEW.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER check_ins_update_version AFTER UPDATE ON check_ins
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (NEW.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
  INSERT INTO journal_versions (person_id, version)
    SELECT OLD.person_id, 1 WHERE OLD.person_id IS NOT NEW.person_id
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER check_ins_delete_version AFTER DELETE ON check_ins
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (OLD.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER questionnaire_responses_insert_version AFTER INSERT ON questionnaire_responses
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (NEW.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER questionnaire_responses_update_version AFTER UPDATE ON questionnaire_responses
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (NEW.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
  INSERT INTO journal_versions (person_id, version)
    SELECT OLD.person_id, 1 WHERE OLD.person_id IS NOT NEW.person_id
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER questionnaire_responses_delete_version AFTER DELETE ON questionnaire_responses
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (OLD.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER cognitive_sessions_insert_version AFTER INSERT ON cognitive_sessions
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (NEW.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER cognitive_sessions_update_version AFTER UPDATE ON cognitive_sessions
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (NEW.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
  INSERT INTO journal_versions (person_id, version)
    SELECT OLD.person_id, 1 WHERE OLD.person_id IS NOT NEW.person_id
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER cognitive_sessions_delete_version AFTER DELETE ON cognitive_sessions
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (OLD.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER decisions_insert_version AFTER INSERT ON decisions
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (NEW.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER decisions_update_version AFTER UPDATE ON decisions
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (NEW.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
  INSERT INTO journal_versions (person_id, version)
    SELECT OLD.person_id, 1 WHERE OLD.person_id IS NOT NEW.person_id
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER decisions_delete_version AFTER DELETE ON decisions
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (OLD.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER people_insert_version AFTER INSERT ON people
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (NEW.id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER people_update_version AFTER UPDATE ON people
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (NEW.id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
  UPDATE auth_generation SET n = n + 1;
END;

CREATE TRIGGER people_delete_version AFTER DELETE ON people
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (OLD.id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
  UPDATE auth_generation SET n = n + 1;
END;

CREATE TRIGGER users_update_generation AFTER UPDATE ON users
BEGIN
  UPDATE auth_generation SET n = n + 1;
END;

CREATE TRIGGER users_delete_generation AFTER DELETE ON users
BEGIN
  UPDATE auth_generation SET n = n + 1;
END;

CREATE TRIGGER auth_sessions_update_generation AFTER UPDATE ON auth_sessions
BEGIN
  UPDATE auth_generation SET n = n + 1;
END;

CREATE TRIGGER auth_sessions_delete_generation AFTER DELETE ON auth_sessions
BEGIN
  UPDATE auth_generation SET n = n + 1;
END;
