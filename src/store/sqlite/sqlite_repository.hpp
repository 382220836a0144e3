#pragma once

// The embedded store (docs/architecture.md, storage): one SQLite file in WAL mode with foreign keys
// on, a busy timeout, and synchronous=FULL so that an acknowledged write survives a power cut
// (or NORMAL with a GroupCommit, where sync_writes() gives the same guarantee).
// No SQLite type appears here; the driver stays inside src/store/sqlite.
//
// Beyond the Repository contract: writes check their record as records_json's parse would and
// throw ValidationError for one that could not be read back (e.g. a sleep quality of 11).
// One object is not thread-safe: give each thread its own. Several objects, in this process or
// others, may share one file; a write waits up to the busy timeout for another's transaction.

#include <filesystem>
#include <memory>

#include "store/repository.hpp"

namespace taperlab::store {

class GroupCommit;

struct SqliteOptions {
  int busy_timeout_ms = 5000;
  // Shared by the connections of one server: commits are made durable in groups by
  // sync_writes() (group_commit.hpp) instead of one fsync each inside the write lock.
  std::shared_ptr<GroupCommit> group_commit;
};

class SqliteRepository final : public Repository {
 public:
  // Opens `file`, creating it and its folder if missing, and applies the migrations it lacks.
  // Throws StorageError when that fails or the file was written by a newer taperlab.
  explicit SqliteRepository(const std::filesystem::path& file, SqliteOptions options = {});
  ~SqliteRepository() override;
  SqliteRepository(const SqliteRepository&) = delete;
  SqliteRepository& operator=(const SqliteRepository&) = delete;

  // The highest migration applied to the file (tests and diagnostics).
  int schema_version();

  void transaction(const std::function<void()>& work) override;
  void read_snapshot(const std::function<void()>& work) override;
  void sync_writes() override;

  PersonId add_person(const Person& person) override;
  std::optional<Person> find_person(PersonId id) override;
  std::vector<Person> people() override;
  void update_person(const Person& person) override;

  RecordId add_regimen(const RegimenRecord& regimen) override;
  std::optional<RegimenRecord> regimen_on(PersonId person, CivilDate date) override;
  std::vector<RegimenRecord> regimens(PersonId person) override;

  PlanVersion add_plan_version(const PlanVersion& version) override;
  std::optional<PlanVersion> plan_in_force(PersonId person, CivilDate date) override;
  std::optional<PlanVersionText> plan_text_in_force(
      PersonId person, CivilDate date,
      const std::function<bool(const PlanVersionText&)>& already_have) override;
  std::vector<PlanVersion> plan_versions(PersonId person) override;

  RecordId add_dose(const DoseLogEntry& entry) override;
  std::vector<DoseLogEntry> doses(PersonId person, CivilDate from, CivilDate to) override;

  RecordId add_check_in(const CheckIn& check_in) override;
  RecordId replace_check_in(const CheckIn& check_in) override;
  std::optional<CheckIn> check_in_on(PersonId person, CivilDate date) override;
  std::vector<CheckIn> check_ins(PersonId person, CivilDate from, CivilDate to) override;

  RecordId add_questionnaire_response(const QuestionnaireResponse& response) override;
  std::vector<QuestionnaireResponse> questionnaire_responses(
      PersonId person, const std::string& instrument_id = "") override;

  RecordId add_cognitive_session(const CognitiveSession& session) override;
  std::vector<CognitiveSession> cognitive_sessions(PersonId person) override;

  RecordId add_decision(const Decision& decision) override;
  std::vector<Decision> decisions(PersonId person) override;
  std::optional<Decision> latest_decision(PersonId person, CivilDate date) override;

  std::vector<AuditEntry> audit_log(PersonId person) override;

  void delete_person(PersonId person) override;

  std::int64_t auth_generation() override;
  std::int64_t journal_version(PersonId person) override;

  // In sqlite_accounts.cpp.
  UserId add_user(const User& user) override;
  std::optional<User> find_user_by_email(const std::string& email) override;
  std::optional<User> find_user(UserId id) override;
  void add_auth_session(const AuthSession& session) override;
  std::optional<AuthSession> find_auth_session(const std::string& token_hash) override;
  std::optional<SignedIn> find_signed_in(const std::string& token_hash) override;
  void delete_auth_session(const std::string& token_hash) override;
  int delete_auth_sessions_of(UserId user) override;
  void delete_expired_auth_sessions(const std::string& now_utc) override;
  void record_login_attempt(const std::string& key, const std::string& at_utc,
                            bool succeeded) override;
  int failed_login_attempts_since(const std::string& key, const std::string& since_utc) override;
  void delete_login_attempts_before(const std::string& before_utc) override;
  AttemptGrant begin_attempts(const std::vector<AttemptLimit>& limits,
                              const std::string& at_utc) override;
  void mark_attempts_succeeded(const std::vector<std::int64_t>& attempt_ids) override;

  // In sqlite_calendar_tokens.cpp.
  void set_calendar_token(const CalendarToken& token) override;
  std::optional<CalendarToken> calendar_token_of(PersonId person) override;
  std::optional<CalendarToken> find_calendar_token(const std::string& token_hash) override;
  void delete_calendar_token(PersonId person) override;

  // In sqlite_clinicians.cpp.
  void add_clinician_link_code(const ClinicianLinkCode& code) override;
  std::optional<PersonId> redeem_clinician_link_code(const std::string& code_hash, UserId clinician,
                                                     const std::string& now_utc) override;
  std::vector<ClinicianLink> clinician_links_of_person(PersonId person) override;
  std::vector<ClinicianLink> clinician_links_of_clinician(UserId clinician) override;
  bool clinician_linked(UserId clinician, PersonId person) override;
  bool delete_clinician_link(PersonId person, UserId clinician) override;
  void record_clinician_access(PersonId person, UserId clinician, const std::string& action,
                               const std::string& what) override;
  RecordId add_decision_review(const DecisionReview& review) override;
  std::vector<DecisionReview> decision_reviews(PersonId person) override;

  struct Impl;  // defined in sqlite_repository_impl.hpp, shared by the .cpp files

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace taperlab::store
