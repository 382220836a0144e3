// SqliteRepository: clinicians' link codes, links, reviews and the audit entries of what a
// clinician saw or did (migration 0007_clinicians). Only a code's hash is stored, and neither the
// code nor its hash goes into an audit entry or an error message: both can reach a log.

#include "core/base/error.hpp"
#include "store/sqlite/columns.hpp"
#include "store/sqlite/sqlite_repository_impl.hpp"

namespace taperlab::store {

using sqlite::bind_value;

namespace {

void require_filled(const std::string& value, const char* field) {
  if (value.empty()) throw ValidationError(field, "must not be empty");
}

void require_clinician(SqliteRepository::Impl& impl, UserId clinician) {
  SQLite::Statement& query = impl.statement("SELECT 1 FROM users WHERE id = ?1");
  bind_value(query, 1, clinician);
  if (!query.executeStep()) throw NotFound("user " + std::to_string(clinician) + " not found");
}

std::vector<ClinicianLink> links_from(SQLite::Statement& query) {
  std::vector<ClinicianLink> out;
  while (query.executeStep()) {
    ClinicianLink link;
    link.person_id = query.getColumn(0).getInt64();
    link.clinician_id = query.getColumn(1).getInt64();
    link.linked_at = query.getColumn(2).getString();
    out.push_back(std::move(link));
  }
  return out;
}

}  // namespace

void SqliteRepository::add_clinician_link_code(const ClinicianLinkCode& code) {
  // An empty hash would match a lookup of an empty one: a bug in the caller, refused here.
  require_filled(code.code_hash, "code_hash");
  require_filled(code.created_at, "created_at");
  require_filled(code.expires_at, "expires_at");
  impl_->write("store a clinician link code", [&] {
    impl_->require_person(code.person_id);
    SQLite::Statement& insert = impl_->statement(
        "INSERT INTO clinician_link_codes (code_hash, person_id, created_at, expires_at) "
        "VALUES (?1, ?2, ?3, ?4)");
    bind_value(insert, 1, code.code_hash);
    bind_value(insert, 2, code.person_id);
    bind_value(insert, 3, code.created_at);
    bind_value(insert, 4, code.expires_at);
    impl_->execute(insert, code.person_id);  // a clash of random codes: StorageError
    impl_->audit(code.person_id, "create", "clinician_link_code", code.person_id, "");
  });
}

std::optional<PersonId> SqliteRepository::redeem_clinician_link_code(const std::string& code_hash,
                                                                     UserId clinician,
                                                                     const std::string& now_utc) {
  require_filled(now_utc, "now_utc");
  return impl_->write("redeem a clinician link code", [&]() -> std::optional<PersonId> {
    require_clinician(*impl_, clinician);
    if (code_hash.empty()) return std::nullopt;
    // Spends the code and learns its person in one statement: of two redeemers at once, the
    // write lock lets one through and the other finds it used.
    SQLite::Statement& use = impl_->statement(
        "UPDATE clinician_link_codes SET used_at = ?2 WHERE code_hash = ?1 AND used_at IS NULL "
        "AND expires_at > ?2 RETURNING person_id");
    bind_value(use, 1, code_hash);
    bind_value(use, 2, now_utc);
    if (!use.executeStep()) return std::nullopt;
    const PersonId person = use.getColumn(0).getInt64();
    use.reset();
    SQLite::Statement& link = impl_->statement(
        "INSERT INTO clinician_links (person_id, clinician_id, linked_at) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (person_id, clinician_id) DO NOTHING");
    bind_value(link, 1, person);
    bind_value(link, 2, clinician);
    bind_value(link, 3, now_utc);
    impl_->execute(link, person);
    impl_->audit(person, "link", "clinician", clinician, "");
    return person;
  });
}

std::vector<ClinicianLink> SqliteRepository::clinician_links_of_person(PersonId person) {
  return impl_->read("list a person's clinicians", [&] {
    SQLite::Statement& query = impl_->statement(
        "SELECT person_id, clinician_id, linked_at FROM clinician_links WHERE person_id = ?1 "
        "ORDER BY linked_at, clinician_id");
    bind_value(query, 1, person);
    return links_from(query);
  });
}

std::vector<ClinicianLink> SqliteRepository::clinician_links_of_clinician(UserId clinician) {
  return impl_->read("list a clinician's people", [&] {
    SQLite::Statement& query = impl_->statement(
        "SELECT person_id, clinician_id, linked_at FROM clinician_links WHERE clinician_id = ?1 "
        "ORDER BY person_id");
    bind_value(query, 1, clinician);
    return links_from(query);
  });
}

bool SqliteRepository::clinician_linked(UserId clinician, PersonId person) {
  return impl_->read("check a clinician's link", [&] {
    SQLite::Statement& query = impl_->statement(
        "SELECT 1 FROM clinician_links WHERE person_id = ?1 AND clinician_id = ?2");
    bind_value(query, 1, person);
    bind_value(query, 2, clinician);
    return query.executeStep();
  });
}

bool SqliteRepository::delete_clinician_link(PersonId person, UserId clinician) {
  return impl_->write("unlink a clinician", [&] {
    SQLite::Statement& remove =
        impl_->statement("DELETE FROM clinician_links WHERE person_id = ?1 AND clinician_id = ?2");
    bind_value(remove, 1, person);
    bind_value(remove, 2, clinician);
    if (remove.exec() == 0) return false;
    impl_->audit(person, "unlink", "clinician", clinician, "");
    return true;
  });
}

void SqliteRepository::record_clinician_access(PersonId person, UserId clinician,
                                               const std::string& action, const std::string& what) {
  require_filled(action, "action");
  impl_->write("record a clinician's access", [&] {
    impl_->require_person(person);
    impl_->audit(person, action, "clinician", clinician, what);
  });
}

RecordId SqliteRepository::add_decision_review(const DecisionReview& review) {
  if (review.action != "approve" && review.action != "edit") {
    throw ValidationError("action", "expected approve or edit");
  }
  require_filled(review.reviewed_at, "reviewed_at");
  return impl_->write("add a decision review", [&] {
    impl_->require_person(review.person_id);
    impl_->require_record("decisions", "decision", review.decision_id, review.person_id);
    if (review.plan_version_id) {
      impl_->require_record("plan_versions", "plan version", *review.plan_version_id,
                            review.person_id);
    }
    SQLite::Statement& insert = impl_->statement(
        "INSERT INTO decision_reviews (person_id, decision_id, clinician_id, action, reason, "
        "plan_version_id, overrides_rate_cap, reviewed_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    bind_value(insert, 1, review.person_id);
    bind_value(insert, 2, review.decision_id);
    bind_value(insert, 3,
               review.clinician_id == 0 ? std::optional<std::int64_t>()
                                        : std::optional<std::int64_t>(review.clinician_id));
    bind_value(insert, 4, review.action);
    bind_value(insert, 5, review.reason);
    bind_value(insert, 6, review.plan_version_id);
    bind_value(insert, 7, review.overrides_rate_cap);
    bind_value(insert, 8, review.reviewed_at);
    try {
      impl_->execute(insert, review.person_id);
    } catch (const NotFound&) {
      // The person was checked above: the foreign key that failed is the clinician's.
      throw NotFound("user " + std::to_string(review.clinician_id) + " not found");
    }
    const RecordId id = impl_->db().getLastInsertRowid();
    impl_->audit(review.person_id, "create", "decision_review", id, "");
    return id;
  });
}

std::vector<DecisionReview> SqliteRepository::decision_reviews(PersonId person) {
  return impl_->read("list decision reviews", [&] {
    SQLite::Statement& query = impl_->statement(
        "SELECT id, person_id, decision_id, clinician_id, action, reason, plan_version_id, "
        "overrides_rate_cap, reviewed_at FROM decision_reviews WHERE person_id = ?1 ORDER BY id");
    bind_value(query, 1, person);
    std::vector<DecisionReview> out;
    while (query.executeStep()) {
      DecisionReview r;
      r.id = query.getColumn(0).getInt64();
      r.person_id = query.getColumn(1).getInt64();
      r.decision_id = query.getColumn(2).getInt64();
      r.clinician_id = sqlite::optional_int64(query.getColumn(3)).value_or(0);
      r.action = query.getColumn(4).getString();
      r.reason = query.getColumn(5).getString();
      r.plan_version_id = sqlite::optional_int64(query.getColumn(6));
      r.overrides_rate_cap = query.getColumn(7).getInt() != 0;
      r.reviewed_at = query.getColumn(8).getString();
      out.push_back(std::move(r));
    }
    return out;
  });
}

}  // namespace taperlab::store
