-- Clinicians (issue 20, the prescriber; docs/tracking.md, clinicians). A clinician is a users row
-- with role 'clinician'; its people row holds only the name a linked person is shown, and no
-- journal is ever kept or shown for it. A person links a clinician with a one-time code: the
-- person's account makes a random code, shows it once, and only its SHA-256 is kept here, as for
-- sessions and calendar tokens, so a copied database redeems nothing. A code is valid for 7 days
-- and for one use: redeeming sets used_at in the same transaction that adds the link.

CREATE TABLE clinician_link_codes (
  code_hash TEXT PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,  -- redeemable while now < expires_at
  used_at TEXT               -- NULL until redeemed
);
CREATE INDEX clinician_link_codes_by_person ON clinician_link_codes(person_id);

-- Who may see whom. Unlinking deletes the row; deleting either account deletes it too.
CREATE TABLE clinician_links (
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  clinician_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  linked_at TEXT NOT NULL,
  PRIMARY KEY (person_id, clinician_id)
);
-- The dashboard lists a clinician's people.
CREATE INDEX clinician_links_by_clinician ON clinician_links(clinician_id, person_id);

-- A clinician's review of a decision the system proposed (a hold or a slow-down): approved as it
-- is, or edited into a new plan version (plan_version_id). The review stays when the clinician's
-- account is deleted (clinician_id becomes NULL): the person keeps seeing what changed and why.
CREATE TABLE decision_reviews (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  decision_id INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
  clinician_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  action TEXT NOT NULL CHECK (action IN ('approve', 'edit')),
  reason TEXT NOT NULL,
  plan_version_id INTEGER REFERENCES plan_versions(id) ON DELETE SET NULL,
  overrides_rate_cap INTEGER NOT NULL CHECK (overrides_rate_cap IN (0, 1)),
  reviewed_at TEXT NOT NULL
);
CREATE INDEX decision_reviews_by_person ON decision_reviews(person_id, decision_id);

-- A review changes what the person's today and decisions show: it moves their journal version
-- (migration 0004), like any record of theirs.
CREATE TRIGGER decision_reviews_insert_version AFTER INSERT ON decision_reviews
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (NEW.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER decision_reviews_update_version AFTER UPDATE ON decision_reviews
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (NEW.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER decision_reviews_delete_version AFTER DELETE ON decision_reviews
BEGIN
  INSERT INTO journal_versions (person_id, version) VALUES (OLD.person_id, 1)
    ON CONFLICT (person_id) DO UPDATE SET version = version + 1;
END;
