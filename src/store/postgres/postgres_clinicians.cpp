// PostgresRepository: clinicians' link codes, links, reviews and the audit entries of what a
// clinician saw or did (migration 0007_clinicians). Only a code's hash is stored, and neither the
// code nor its hash goes into an audit entry or an error message: both can reach a log.

#include <algorithm>

#include "store/postgres/postgres_impl.hpp"

namespace taperlab::store {

namespace pg = postgres;

namespace {

void require_given(const std::string& value, const char* field) {
  if (value.empty()) throw ValidationError(field, "must not be empty");
}

void require_clinician_user(PostgresRepository::Impl& impl, UserId clinician) {
  if (impl.run("SELECT 1 FROM users WHERE id = $1", clinician).empty()) {
    throw NotFound("user " + std::to_string(clinician) + " not found");
  }
}

std::vector<ClinicianLink> links_of(const pqxx::result& r) {
  std::vector<ClinicianLink> out;
  out.reserve(r.size());
  for (const auto& row : r) {
    ClinicianLink link;
    link.person_id = pg::int64_field(row[0]);
    link.clinician_id = pg::int64_field(row[1]);
    link.linked_at = pg::text_field(row[2]);
    out.push_back(std::move(link));
  }
  return out;
}

}  // namespace

void PostgresRepository::add_clinician_link_code(const ClinicianLinkCode& code) {
  // An empty hash would match a lookup of an empty one: a bug in the caller, refused here.
  require_given(code.code_hash, "code_hash");
  require_given(code.created_at, "created_at");
  require_given(code.expires_at, "expires_at");
  impl_->write("store a clinician link code", [&] {
    impl_->require_person(code.person_id);
    impl_->run_for(code.person_id,  // a clash of random codes: StorageError
                   "INSERT INTO clinician_link_codes (code_hash, person_id, created_at, "
                   "expires_at) VALUES ($1, $2, $3, $4)",
                   code.code_hash, code.person_id, code.created_at, code.expires_at);
    impl_->audit(code.person_id, "create", "clinician_link_code", code.person_id, "");
  });
}

std::optional<PersonId> PostgresRepository::redeem_clinician_link_code(const std::string& code_hash,
                                                                       UserId clinician,
                                                                       const std::string& now_utc) {
  require_given(now_utc, "now_utc");
  return impl_->write("redeem a clinician link code", [&]() -> std::optional<PersonId> {
    require_clinician_user(*impl_, clinician);
    if (code_hash.empty()) return std::nullopt;
    // Spends the code and learns its person in one statement: of two redeemers at once, in any
    // process, the second waits for the first's row lock and then finds the code used.
    const pqxx::result used = impl_->run(
        "UPDATE clinician_link_codes SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL "
        "AND expires_at > $2 RETURNING person_id",
        code_hash, now_utc);
    if (used.empty()) return std::nullopt;
    const PersonId person = pg::int64_field(used[0][0]);
    impl_->run_for(person,
                   "INSERT INTO clinician_links (person_id, clinician_id, linked_at) "
                   "VALUES ($1, $2, $3) ON CONFLICT (person_id, clinician_id) DO NOTHING",
                   person, clinician, now_utc);
    impl_->audit(person, "link", "clinician", clinician, "");
    return person;
  });
}

std::vector<ClinicianLink> PostgresRepository::clinician_links_of_person(PersonId person) {
  return impl_->read("list a person's clinicians", [&] {
    return links_of(impl_->run(
        "SELECT person_id, clinician_id, linked_at FROM clinician_links WHERE person_id = $1 "
        "ORDER BY linked_at, clinician_id",
        person));
  });
}

std::vector<ClinicianLink> PostgresRepository::clinician_links_of_clinician(UserId clinician) {
  return impl_->read("list a clinician's people", [&] {
    return links_of(impl_->run(
        "SELECT person_id, clinician_id, linked_at FROM clinician_links WHERE clinician_id = $1 "
        "ORDER BY person_id",
        clinician));
  });
}

bool PostgresRepository::clinician_linked(UserId clinician, PersonId person) {
  return impl_->read("check a clinician's link", [&] {
    return !impl_
                ->run("SELECT 1 FROM clinician_links WHERE person_id = $1 AND clinician_id = $2",
                      person, clinician)
                .empty();
  });
}

bool PostgresRepository::delete_clinician_link(PersonId person, UserId clinician) {
  return impl_->write("unlink a clinician", [&] {
    if (impl_
            ->run("DELETE FROM clinician_links WHERE person_id = $1 AND clinician_id = $2", person,
                  clinician)
            .affected_rows() == 0) {
      return false;
    }
    impl_->audit(person, "unlink", "clinician", clinician, "");
    return true;
  });
}

void PostgresRepository::record_clinician_access(PersonId person, UserId clinician,
                                                 const std::string& action,
                                                 const std::string& what) {
  require_given(action, "action");
  impl_->write("record a clinician's access", [&] {
    impl_->require_person(person);
    impl_->audit(person, action, "clinician", clinician, what);
  });
}

void PostgresRepository::record_clinician_accesses(const std::vector<PersonId>& people,
                                                   UserId clinician, const std::string& action,
                                                   const std::string& what) {
  require_given(action, "action");
  if (people.empty()) return;
  // One statement for them all (a dashboard of 200 people is one write, not 200): each id in the
  // array's order, joined with people so that a missing person inserts nothing for them, which
  // is then NotFound and rolls the whole write back.
  std::string ids = "{";
  for (std::size_t i = 0; i < people.size(); ++i) {
    if (i > 0) ids += ',';
    ids += std::to_string(people[i]);
  }
  ids += '}';
  impl_->write("record a clinician's access", [&] {
    // A person deleted meanwhile fails the foreign key: NotFound too.
    const pqxx::result r = impl_->run_for(
        people.front(),
        "INSERT INTO audit_log (person_id, at, action, entity, entity_id, detail) "
        "SELECT p.id, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), $2, "
        "'clinician', $3, $4 FROM unnest($1::bigint[]) WITH ORDINALITY AS u(id, n) "
        "JOIN people p ON p.id = u.id ORDER BY u.n RETURNING person_id",
        ids, action, clinician, what);
    if (r.size() == people.size()) return;
    std::vector<PersonId> recorded;
    for (const auto& row : r) recorded.push_back(pg::int64_field(row[0]));
    for (const PersonId person : people) {
      if (std::find(recorded.begin(), recorded.end(), person) == recorded.end()) {
        throw NotFound("person " + std::to_string(person) + " not found");
      }
    }
  });
}

std::vector<LinkedPerson> PostgresRepository::linked_people_of_clinician(UserId clinician) {
  return impl_->read("list a clinician's people", [&] {
    const pqxx::result r = impl_->run(
        "SELECT p.id, p.name, p.profile, p.created_on, p.time_zone, coalesce(v.version, 0) "
        "FROM clinician_links l JOIN people p ON p.id = l.person_id "
        "LEFT JOIN journal_versions v ON v.person_id = l.person_id "
        "WHERE l.clinician_id = $1 ORDER BY l.person_id",
        clinician);
    return pg::rows_of<LinkedPerson>(r, [](const pqxx::row& row) {
      return LinkedPerson{pg::person_from(row, 0), pg::int64_field(row[5])};
    });
  });
}

RecordId PostgresRepository::add_decision_review(const DecisionReview& review) {
  if (review.action != "approve" && review.action != "edit") {
    throw ValidationError("action", "expected approve or edit");
  }
  require_given(review.reviewed_at, "reviewed_at");
  return impl_->write("add a decision review", [&] {
    impl_->require_person(review.person_id);
    impl_->require_record("decisions", "decision", review.decision_id, review.person_id);
    if (review.plan_version_id) {
      impl_->require_record("plan_versions", "plan version", *review.plan_version_id,
                            review.person_id);
    }
    const std::optional<std::int64_t> clinician =
        review.clinician_id == 0 ? std::nullopt : std::optional<std::int64_t>(review.clinician_id);
    pqxx::result r;
    try {
      r = impl_->run_for(review.person_id,
                         "INSERT INTO decision_reviews (person_id, decision_id, clinician_id, "
                         "action, reason, plan_version_id, overrides_rate_cap, reviewed_at) "
                         "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                         review.person_id, review.decision_id, clinician, review.action,
                         review.reason, review.plan_version_id, review.overrides_rate_cap,
                         review.reviewed_at);
    } catch (const NotFound&) {
      // The person was checked above: the foreign key that failed is the clinician's.
      throw NotFound("user " + std::to_string(review.clinician_id) + " not found");
    }
    const RecordId id = pg::int64_field(r[0][0]);
    impl_->audit(review.person_id, "create", "decision_review", id, "");
    return id;
  });
}

std::vector<DecisionReview> PostgresRepository::decision_reviews(PersonId person) {
  return impl_->read("list decision reviews", [&] {
    const pqxx::result rows = impl_->run(
        "SELECT id, person_id, decision_id, clinician_id, action, reason, plan_version_id, "
        "overrides_rate_cap, reviewed_at FROM decision_reviews WHERE person_id = $1 ORDER BY id",
        person);
    std::vector<DecisionReview> out;
    out.reserve(rows.size());
    for (const auto& row : rows) {
      DecisionReview r;
      r.id = pg::int64_field(row[0]);
      r.person_id = pg::int64_field(row[1]);
      r.decision_id = pg::int64_field(row[2]);
      r.clinician_id = pg::optional_int64(row[3]).value_or(0);
      r.action = pg::text_field(row[4]);
      r.reason = pg::text_field(row[5]);
      r.plan_version_id = pg::optional_int64(row[6]);
      r.overrides_rate_cap = pg::int_field(row[7]) != 0;
      r.reviewed_at = pg::text_field(row[8]);
      out.push_back(std::move(r));
    }
    return out;
  });
}

}  // namespace taperlab::store
