#pragma once

// The clinic's store (docs/architecture.md, storage): one PostgreSQL database shared by several
// server processes and the CLI. The same Repository contract as the SQLite adapter, and the same
// numbered migrations in PostgreSQL's dialect (migrations/), applied at start-up under an advisory
// lock so that processes starting together migrate once. The change counters (auth_generation,
// journal_versions) are kept by triggers, so every writer moves them, whatever its process.
// No libpqxx or libpq type appears here; the driver stays inside src/store/postgres.
//
// Each object holds one connection and is not thread-safe: give each thread its own (the server's
// RepositoryPool does). Writes run in READ COMMITTED transactions; read_snapshot() in a REPEATABLE
// READ READ ONLY one; begin_attempts() serialises on a transaction-scoped advisory lock.
// Every commit is durable when it returns (synchronous_commit as the server has it, on by
// default), so sync_writes() returns at once.

#include <memory>
#include <string>

#include "store/repository.hpp"

namespace taperlab::store {

class PostgresRepository final : public Repository {
 public:
  // Connects with `conninfo`, a postgresql:// (or postgres://) URL or a libpq "key=value" string;
  // what it leaves out comes from the standard PG* variables (PGHOST, PGUSER, PGPASSWORD,
  // PGPASSFILE, ...), as libpq reads them. Applies the migrations the database lacks. Throws
  // StorageError (never quoting the password) when that fails or the database was written by a
  // newer taperlab.
  explicit PostgresRepository(const std::string& conninfo);
  ~PostgresRepository() override;
  PostgresRepository(const PostgresRepository&) = delete;
  PostgresRepository& operator=(const PostgresRepository&) = delete;

  // The highest migration applied to the database (tests and diagnostics).
  int schema_version();

  void transaction(const std::function<void()>& work) override;
  void read_snapshot(const std::function<void()>& work) override;
  void sync_writes() override;

  std::int64_t auth_generation() override;
  std::int64_t journal_version(PersonId person) override;

  PersonId add_person(const Person& person) override;
  std::optional<Person> find_person(PersonId id) override;
  std::vector<Person> people() override;
  void update_person(const Person& person) override;

  // In postgres_plans.cpp.
  RecordId add_regimen(const RegimenRecord& regimen) override;
  std::optional<RegimenRecord> regimen_on(PersonId person, CivilDate date) override;
  std::vector<RegimenRecord> regimens(PersonId person) override;
  PlanVersion add_plan_version(const PlanVersion& version) override;
  std::optional<PlanVersion> plan_in_force(PersonId person, CivilDate date) override;
  std::optional<PlanVersionText> plan_text_in_force(
      PersonId person, CivilDate date,
      const std::function<bool(const PlanVersionText&)>& already_have) override;
  std::vector<PlanVersion> plan_versions(PersonId person) override;
  RecordId add_decision(const Decision& decision) override;
  std::vector<Decision> decisions(PersonId person) override;
  std::optional<Decision> latest_decision(PersonId person, CivilDate date) override;

  // In postgres_journal.cpp.
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

  std::vector<AuditEntry> audit_log(PersonId person) override;
  void delete_person(PersonId person) override;

  // In postgres_accounts.cpp.
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
  void set_calendar_token(const CalendarToken& token) override;
  std::optional<CalendarToken> calendar_token_of(PersonId person) override;
  std::optional<CalendarToken> find_calendar_token(const std::string& token_hash) override;
  void delete_calendar_token(PersonId person) override;

  // In postgres_clinicians.cpp.
  void add_clinician_link_code(const ClinicianLinkCode& code) override;
  std::optional<PersonId> redeem_clinician_link_code(const std::string& code_hash, UserId clinician,
                                                     const std::string& now_utc) override;
  std::vector<ClinicianLink> clinician_links_of_person(PersonId person) override;
  std::vector<ClinicianLink> clinician_links_of_clinician(UserId clinician) override;
  bool clinician_linked(UserId clinician, PersonId person) override;
  bool delete_clinician_link(PersonId person, UserId clinician) override;
  void record_clinician_access(PersonId person, UserId clinician, const std::string& action,
                               const std::string& what) override;
  void record_clinician_accesses(const std::vector<PersonId>& people, UserId clinician,
                                 const std::string& action, const std::string& what) override;
  std::vector<LinkedPerson> linked_people_of_clinician(UserId clinician) override;
  RecordId add_decision_review(const DecisionReview& review) override;
  std::vector<DecisionReview> decision_reviews(PersonId person) override;

  struct Impl;  // defined in postgres_impl.hpp, shared by the .cpp files
  // For the store's own tools (copy_database.hpp), which run statements of their own.
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace taperlab::store
