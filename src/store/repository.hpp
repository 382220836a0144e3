#pragma once

// The one storage interface (docs/architecture.md, storage). Adapters: sqlite (embedded default);
// a PostgreSQL adapter comes later and must pass the same suite (tests/integration/store).
//
// Every write is durable when the call returns. Each write also appends an AuditEntry in the same
// transaction. Writes that belong together go through transaction(): either all of them are
// stored or none. Errors: NotFound for a missing person or record, Conflict for a clash with what
// is stored (a second check-in for one day), StorageError for driver failures.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/journal/account_records.hpp"
#include "core/journal/records.hpp"

namespace taperlab::store {

// A plan version whose documents are still the stored JSON text: for a reader that keeps the
// parsed plans it has seen (journal::plan_in_force) and only needs to check the text is the same.
struct PlanVersionText {
  PlanVersion version;  // request and plan left null
  // Drawn at random when the version was stored; 0 for versions stored before revisions were.
  std::int64_t revision = 0;
  std::string request;  // empty when the reader said it already had this version (text_read false)
  std::string plan;
  bool text_read = true;
};

// A person's calendar subscription (migration 0006): the address GET /cal/<token>.ics holds a
// random token, and only its SHA-256 is kept, as for sessions, so a copy of the database does not
// give anyone the feed.
struct CalendarToken {
  PersonId person_id = 0;
  std::string token_hash;
  std::string created_at;  // ISO 8601 UTC
};

// One limit on a rate-limited action (auth/login_limit.hpp): at most `max_counted` attempts by
// `key` counted at or after since_utc. An attempt counts from the moment it is begun until it is
// marked as succeeded, so attempts still in progress count as failures. With reset_by_success
// only the attempts after the key's last success count (an account's own failures end when its
// owner signs in); without, every unsucceeded attempt in the window counts (an address's).
struct AttemptLimit {
  std::string key;
  std::string since_utc;
  int max_counted = 0;
  bool reset_by_success = false;
};

// What begin_attempts decided: the ids of the attempts it recorded (one per limit, in order), or
// none and the index of the first limit that was full.
struct AttemptGrant {
  std::vector<std::int64_t> attempt_ids;
  int full_limit = -1;  // -1 when granted
  [[nodiscard]] bool granted() const { return full_limit < 0; }
};

// Clinicians (migration 0007, docs/tracking.md, clinicians). A one-time link code a person makes
// for their clinician: only its SHA-256 is stored, as for sessions.
struct ClinicianLinkCode {
  std::string code_hash;
  PersonId person_id = 0;
  std::string created_at;  // ISO 8601 UTC
  std::string expires_at;  // redeemable while now < expires_at
};

// A clinician account (a User with role "clinician") that may see a person's journal.
struct ClinicianLink {
  PersonId person_id = 0;
  UserId clinician_id = 0;
  std::string linked_at;  // ISO 8601 UTC
};

// A clinician's review of a decision the system proposed: "approve" keeps it as it is; "edit"
// saved a new plan version (plan_version_id) that passed the safety rules, or overrode the rate
// cap with a reason (overrides_rate_cap).
struct DecisionReview {
  RecordId id = 0;  // assigned by the store
  PersonId person_id = 0;
  RecordId decision_id = 0;
  UserId clinician_id = 0;  // 0 once the clinician's account is deleted
  std::string action;       // "approve" or "edit"
  std::string reason;       // the clinician's words; required for an override
  std::optional<RecordId> plan_version_id;
  bool overrides_rate_cap = false;
  std::string reviewed_at;  // ISO 8601 UTC
};

// A clinician's linked person as the dashboard reads it: the person and their journal_version.
struct LinkedPerson {
  Person person;
  std::int64_t journal_version = 0;
};

struct SignedIn {
  AuthSession session;
  User user;
  Person person;
};

class Repository {
 public:
  virtual ~Repository() = default;

  // Runs `work` in one transaction (nested calls join the outer one). If `work` throws, nothing it
  // wrote is kept and the exception propagates.
  virtual void transaction(const std::function<void()>& work) = 0;

  // Runs `work` on one snapshot of the data: its reads see nothing committed meanwhile, and
  // share one read transaction instead of starting one each. `work` must not write (a write
  // throws std::logic_error). Nested calls and calls inside transaction() just run `work`.
  virtual void read_snapshot(const std::function<void()>& work) = 0;

  // Returns once every write this object has committed is durable. A store that syncs each
  // commit returns at once; one that syncs in groups (the server's) waits for its group.
  virtual void sync_writes() = 0;

  // Change counters, for what a reader keeps in memory (migration 0004). auth_generation changes
  // whenever a session, an account or a person is changed or deleted; journal_version(p) whenever
  // person p or any record of theirs is added, changed or deleted, and never comes back to an
  // earlier value for that id, even after the person is deleted and the id handed out again (0:
  // nothing was written for p since the counters began). Every writer moves them, whatever its
  // process. Read inside read_snapshot, they describe that snapshot.
  virtual std::int64_t auth_generation() = 0;
  virtual std::int64_t journal_version(PersonId person) = 0;

  // People.
  virtual PersonId add_person(const Person& person) = 0;
  virtual std::optional<Person> find_person(PersonId id) = 0;
  virtual std::vector<Person> people() = 0;
  virtual void update_person(const Person& person) = 0;  // name and profile; NotFound if absent

  // Regimens: the one in force on a date is the latest with effective_from <= date.
  virtual RecordId add_regimen(const RegimenRecord& regimen) = 0;
  virtual std::optional<RegimenRecord> regimen_on(PersonId person, CivilDate date) = 0;
  virtual std::vector<RegimenRecord> regimens(PersonId person) = 0;

  // Plan versions. add_plan_version assigns id and the next version number, and returns both.
  virtual PlanVersion add_plan_version(const PlanVersion& version) = 0;
  virtual std::optional<PlanVersion> plan_in_force(PersonId person, CivilDate date) = 0;
  // The plan in force as stored. `already_have` (may be empty) is shown the version with its
  // revision first; when it answers true the texts are not read (text_read is false).
  virtual std::optional<PlanVersionText> plan_text_in_force(
      PersonId person, CivilDate date,
      const std::function<bool(const PlanVersionText&)>& already_have) = 0;
  virtual std::vector<PlanVersion> plan_versions(PersonId person) = 0;  // by version

  // Dose log, by date then time (missed doses by planned time), then id.
  virtual RecordId add_dose(const DoseLogEntry& entry) = 0;
  virtual std::vector<DoseLogEntry> doses(PersonId person, CivilDate from, CivilDate to) = 0;

  // Check-ins: one per person and day. add_check_in throws Conflict when the day has one;
  // replace_check_in overwrites it (audited) and throws NotFound when there is none.
  virtual RecordId add_check_in(const CheckIn& check_in) = 0;
  virtual RecordId replace_check_in(const CheckIn& check_in) = 0;
  virtual std::optional<CheckIn> check_in_on(PersonId person, CivilDate date) = 0;
  virtual std::vector<CheckIn> check_ins(PersonId person, CivilDate from, CivilDate to) = 0;

  // Questionnaire responses, by date then id; instrument empty = all.
  virtual RecordId add_questionnaire_response(const QuestionnaireResponse& response) = 0;
  virtual std::vector<QuestionnaireResponse> questionnaire_responses(
      PersonId person, const std::string& instrument_id = "") = 0;

  virtual RecordId add_cognitive_session(const CognitiveSession& session) = 0;
  virtual std::vector<CognitiveSession> cognitive_sessions(PersonId person) = 0;

  // Decisions, by date then id.
  virtual RecordId add_decision(const Decision& decision) = 0;
  virtual std::vector<Decision> decisions(PersonId person) = 0;
  // The last decision made on or before `date` (the last of decisions() up to that day).
  virtual std::optional<Decision> latest_decision(PersonId person, CivilDate date) = 0;

  virtual std::vector<AuditEntry> audit_log(PersonId person) = 0;

  // Deletes the person and everything stored about them, their account and its sessions included
  // (the web app's "delete my data").
  virtual void delete_person(PersonId person) = 0;

  // Accounts (web app sign-in). Emails are unique regardless of ASCII case: add_user throws
  // Conflict when one is taken (the message does not repeat it) and NotFound when the person is
  // missing. Audited under the user's person, with no email or secret in the entry.
  virtual UserId add_user(const User& user) = 0;
  virtual std::optional<User> find_user_by_email(const std::string& email) = 0;
  virtual std::optional<User> find_user(UserId id) = 0;

  // Sessions, keyed by the hash of their token. find_auth_session returns a session whatever its
  // expires_at: the caller compares it with the time now. Deleting an absent session does nothing
  // (signing out twice is fine). add_auth_session throws NotFound for a missing user.
  virtual void add_auth_session(const AuthSession& session) = 0;
  virtual std::optional<AuthSession> find_auth_session(const std::string& token_hash) = 0;
  // The session with its user and the user's person (whatever its expires_at), or none when any
  // of the three is missing: what every signed-in request needs, read at once.
  virtual std::optional<SignedIn> find_signed_in(const std::string& token_hash) = 0;
  virtual void delete_auth_session(const std::string& token_hash) = 0;
  // Deletes every session of `user` ("sign out everywhere") and returns how many there were;
  // audited under the user's person when there were any.
  virtual int delete_auth_sessions_of(UserId user) = 0;
  // Removes the sessions with expires_at <= now_utc.
  virtual void delete_expired_auth_sessions(const std::string& now_utc) = 0;

  // Calendar subscriptions (sqlite_calendar_tokens.cpp): at most one per person. Setting one
  // replaces the person's earlier token (its address stops working); NotFound for a missing
  // person. Audited under the person, without the hash. Deleting when there is none does nothing.
  virtual void set_calendar_token(const CalendarToken& token) = 0;
  virtual std::optional<CalendarToken> calendar_token_of(PersonId person) = 0;
  virtual std::optional<CalendarToken> find_calendar_token(const std::string& token_hash) = 0;
  virtual void delete_calendar_token(PersonId person) = 0;

  // Sign-in attempts for the rate limit (auth/login_limit.hpp); `key` is what the caller limits by.
  // failed_login_attempts_since counts the failures at or after since_utc that came after the
  // key's last success in that time: a successful sign-in starts the count again.
  virtual void record_login_attempt(const std::string& key, const std::string& at_utc,
                                    bool succeeded) = 0;
  virtual int failed_login_attempts_since(const std::string& key, const std::string& since_utc) = 0;
  // Removes the attempts of every key made before before_utc: once they have left the window
  // they count for nothing, and the table should not grow with every sign-in ever made.
  virtual void delete_login_attempts_before(const std::string& before_utc) = 0;
  // Counts and records in one write transaction, so that concurrent callers, in this process or
  // in another process on the same database, are serialised by the write lock: unless one of
  // `limits` already counts max_counted attempts, records an attempt (not yet succeeded) for each
  // key at at_utc. When one is full, records nothing (a refused attempt must not extend the wait).
  virtual AttemptGrant begin_attempts(const std::vector<AttemptLimit>& limits,
                                      const std::string& at_utc) = 0;
  // Marks attempts recorded by begin_attempts as succeeded: they no longer count, and for limits
  // reset by success the attempts of the same key before them stop counting too. Attempts never
  // marked stay failures.
  virtual void mark_attempts_succeeded(const std::vector<std::int64_t>& attempt_ids) = 0;

  // Clinicians (sqlite_clinicians.cpp). Audit entries of a clinician's doings are kept under the
  // person as action ("link", "unlink", "view", "review"), entity "clinician", entity_id the
  // clinician's user id and detail what was seen or done (a route, never health data); the
  // person's access log is these entries.
  //
  // Stores a link code; NotFound for a missing person; audited ("create", "clinician_link_code")
  // without the hash.
  virtual void add_clinician_link_code(const ClinicianLinkCode& code) = 0;
  // In one write transaction: finds the code with this hash that is unused and unexpired at
  // now_utc, marks it used and links `clinician` to its person (already linked: the link stays as
  // it was, the code is used all the same). Returns the person, or none for a code that is
  // unknown, used or expired (which uses nothing). Audited under the person ("link"). NotFound
  // when the clinician's account is missing.
  virtual std::optional<PersonId> redeem_clinician_link_code(const std::string& code_hash,
                                                             UserId clinician,
                                                             const std::string& now_utc) = 0;
  // A person's clinicians, by linked_at then clinician id; a clinician's people, by person id.
  virtual std::vector<ClinicianLink> clinician_links_of_person(PersonId person) = 0;
  virtual std::vector<ClinicianLink> clinician_links_of_clinician(UserId clinician) = 0;
  virtual bool clinician_linked(UserId clinician, PersonId person) = 0;
  // Unlinks; returns false (and audits nothing) when there was no link. Audited ("unlink").
  virtual bool delete_clinician_link(PersonId person, UserId clinician) = 0;
  // Appends the audit entry {action, "clinician", clinician, what} under the person (a view, or
  // a change whose records the store audits on their own). NotFound for a missing person.
  virtual void record_clinician_access(PersonId person, UserId clinician, const std::string& action,
                                       const std::string& what) = 0;
  // The same entry under each of `people` in one write (what one answer showed, a dashboard's
  // rows); NotFound for a missing person, and then nothing is recorded. The default calls
  // record_clinician_access in one transaction; an adapter may do it in one statement.
  virtual void record_clinician_accesses(const std::vector<PersonId>& people, UserId clinician,
                                         const std::string& action, const std::string& what);
  // A clinician's linked people with their journal_version, by person id, read together (a
  // dashboard's first read). The default reads the links, then each person and version; an
  // adapter may do it in one statement.
  virtual std::vector<LinkedPerson> linked_people_of_clinician(UserId clinician);
  // Stores a review; NotFound when the decision (or the plan version named) is not the person's.
  // Audited ("create", "decision_review"). Moves the person's journal_version.
  virtual RecordId add_decision_review(const DecisionReview& review) = 0;
  // A person's reviews, by id.
  virtual std::vector<DecisionReview> decision_reviews(PersonId person) = 0;
};

}  // namespace taperlab::store
