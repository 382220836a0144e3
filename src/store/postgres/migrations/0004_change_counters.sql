-- Change counters for what the server keeps in memory (as the SQLite migration 0004): a server
-- keeps what it read for a session or for a person's day, and before using it again reads one small
-- row to learn whether anything it rests on has changed. Triggers keep the counters, so every
-- writer counts, whatever its process or code path: the CLI, an import, another server on the same
-- database. They count when the writing transaction commits, as the rows they describe do.

-- Bumped when a session, an account or a person changes or goes. A new session needs no bump:
-- nothing can have been kept for it.
CREATE TABLE auth_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n BIGINT NOT NULL
);
INSERT INTO auth_generation (id, n) VALUES (1, 0);

-- A version per person, bumped when the person or anything of theirs is added, changed or deleted.
-- No foreign key: a row outlives its person, so that a version never comes back for an id. It
-- holds a number only, nothing about the person.
CREATE TABLE journal_versions (
  person_id BIGINT PRIMARY KEY,
  version BIGINT NOT NULL
);

CREATE FUNCTION taperlab_bump_journal_version(person BIGINT) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO journal_versions (person_id, version) VALUES (person, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = journal_versions.version + 1;
$$;

CREATE FUNCTION taperlab_bump_auth_generation() RETURNS void
LANGUAGE sql AS $$
  UPDATE auth_generation SET n = n + 1 WHERE id = 1;
$$;

-- A record of a person's: bumps the person's version (both people's when one moves between them).
CREATE FUNCTION taperlab_record_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM taperlab_bump_journal_version(NEW.person_id);
  END IF;
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.person_id IS DISTINCT FROM NEW.person_id) THEN
    PERFORM taperlab_bump_journal_version(OLD.person_id);
  END IF;
  RETURN NULL;
END;
$$;

-- The person: their version, and the sessions' generation when they change or go (a kept session
-- holds the person).
CREATE FUNCTION taperlab_person_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM taperlab_bump_journal_version(OLD.id);
  ELSE
    PERFORM taperlab_bump_journal_version(NEW.id);
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM taperlab_bump_auth_generation();
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION taperlab_account_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM taperlab_bump_auth_generation();
  RETURN NULL;
END;
$$;

CREATE TRIGGER regimens_version AFTER INSERT OR UPDATE OR DELETE ON regimens
  FOR EACH ROW EXECUTE FUNCTION taperlab_record_changed();
CREATE TRIGGER plan_versions_version AFTER INSERT OR UPDATE OR DELETE ON plan_versions
  FOR EACH ROW EXECUTE FUNCTION taperlab_record_changed();
CREATE TRIGGER dose_log_version AFTER INSERT OR UPDATE OR DELETE ON dose_log
  FOR EACH ROW EXECUTE FUNCTION taperlab_record_changed();
CREATE TRIGGER check_ins_version AFTER INSERT OR UPDATE OR DELETE ON check_ins
  FOR EACH ROW EXECUTE FUNCTION taperlab_record_changed();
CREATE TRIGGER questionnaire_responses_version AFTER INSERT OR UPDATE OR DELETE ON questionnaire_responses
  FOR EACH ROW EXECUTE FUNCTION taperlab_record_changed();
CREATE TRIGGER cognitive_sessions_version AFTER INSERT OR UPDATE OR DELETE ON cognitive_sessions
  FOR EACH ROW EXECUTE FUNCTION taperlab_record_changed();
CREATE TRIGGER decisions_version AFTER INSERT OR UPDATE OR DELETE ON decisions
  FOR EACH ROW EXECUTE FUNCTION taperlab_record_changed();

CREATE TRIGGER people_version AFTER INSERT OR UPDATE OR DELETE ON people
  FOR EACH ROW EXECUTE FUNCTION taperlab_person_changed();

CREATE TRIGGER users_generation AFTER UPDATE OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION taperlab_account_changed();

CREATE TRIGGER auth_sessions_generation AFTER UPDATE OR DELETE ON auth_sessions
  FOR EACH ROW EXECUTE FUNCTION taperlab_account_changed();
