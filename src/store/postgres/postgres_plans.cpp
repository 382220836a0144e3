// PostgresRepository: regimens, plan versions and the decisions that change them.

#include "core/journal/records_json.hpp"
#include "store/postgres/postgres_impl.hpp"

namespace taperlab::store {

namespace pg = postgres;

namespace {

constexpr const char* kRegimenColumns = "id, person_id, effective_from, regimen, recorded_at";

RegimenRecord regimen_from(const pqxx::row& row) {
  const RecordId id = pg::int64_field(row[0]);
  return pg::decoded("regimen", id, [&] {
    RegimenRecord r;
    r.id = id;
    r.person_id = pg::int64_field(row[1]);
    r.effective_from = pg::date_field(row[2]);
    r.regimen = parse_regimen(pg::json_field(row[3]));
    r.recorded_at = pg::text_field(row[4]);
    return r;
  });
}

constexpr const char* kPlanVersionColumns =
    "id, person_id, version, effective_from, reason, decision_id, request, plan, recorded_at";
// The texts left out (NULL in their places), with the revision after them.
constexpr const char* kPlanVersionHeaderColumns =
    "id, person_id, version, effective_from, reason, decision_id, NULL, NULL, recorded_at, "
    "revision";

PlanVersionText plan_version_header_from(const pqxx::row& row) {
  const RecordId id = pg::int64_field(row[0]);
  return pg::decoded("plan version", id, [&] {
    PlanVersionText t;
    PlanVersion& v = t.version;
    v.id = id;
    v.person_id = pg::int64_field(row[1]);
    v.version = pg::int_field(row[2]);
    v.effective_from = pg::date_field(row[3]);
    v.reason = pg::text_field(row[4]);
    v.decision_id = pg::optional_int64(row[5]);
    v.recorded_at = pg::text_field(row[8]);
    return t;
  });
}

PlanVersion plan_version_from(const pqxx::row& row) {
  PlanVersionText t = plan_version_header_from(row);
  return pg::decoded("plan version", t.version.id, [&] {
    t.version.request = pg::json_field(row[6]);
    t.version.plan = pg::json_field(row[7]);
    return std::move(t.version);
  });
}

// The newest version whose start date has come.
constexpr const char* kPlanInForce =
    "FROM plan_versions WHERE person_id = $1 AND effective_from <= $2 ORDER BY version DESC "
    "LIMIT 1";

constexpr const char* kDecisionColumns =
    "id, person_id, date, kind, step_index, reason, evidence, plan_version_id, recorded_at";

Decision decision_from(const pqxx::row& row) {
  const RecordId id = pg::int64_field(row[0]);
  return pg::decoded("decision", id, [&] {
    Decision d;
    d.id = id;
    d.person_id = pg::int64_field(row[1]);
    d.date = pg::date_field(row[2]);
    d.kind = parse_decision_kind(pg::text_field(row[3]), "kind");
    d.step_index = pg::int_field(row[4]);
    d.reason = pg::text_field(row[5]);
    d.evidence = pg::json_field(row[6]);
    d.plan_version_id = pg::optional_int64(row[7]);
    d.recorded_at = pg::text_field(row[8]);
    return d;
  });
}

}  // namespace

RecordId PostgresRepository::add_regimen(const RegimenRecord& regimen) {
  parse_regimen_record(to_json(regimen));
  return impl_->write("add a regimen", [&] {
    impl_->require_person(regimen.person_id);
    const RecordId id = pg::int64_field(
        impl_->run_for(regimen.person_id,
                       "INSERT INTO regimens (person_id, effective_from, regimen, recorded_at) "
                       "VALUES ($1, $2, $3, $4) RETURNING id",
                       regimen.person_id, regimen.effective_from,
                       pg::json_text(to_json(regimen.regimen), "regimen_record.regimen"),
                       regimen.recorded_at)[0][0]);
    impl_->audit(regimen.person_id, "create", "regimen", id,
                 "from " + regimen.effective_from.to_string());
    return id;
  });
}

std::optional<RegimenRecord> PostgresRepository::regimen_on(PersonId person, CivilDate date) {
  return impl_->read("read a regimen", [&]() -> std::optional<RegimenRecord> {
    // A later record with the same start date replaces the earlier one: ties go to the higher id.
    const pqxx::result r = impl_->run(pg::select_sql(kRegimenColumns,
                                                     "FROM regimens WHERE person_id = $1 AND "
                                                     "effective_from <= $2 ORDER BY effective_from "
                                                     "DESC, id DESC LIMIT 1"),
                                      person, date);
    if (r.empty()) return std::nullopt;
    return regimen_from(r[0]);
  });
}

std::vector<RegimenRecord> PostgresRepository::regimens(PersonId person) {
  return impl_->read("list regimens", [&] {
    return pg::rows_of<RegimenRecord>(
        impl_->run(pg::select_sql(kRegimenColumns,
                                  "FROM regimens WHERE person_id = $1 ORDER BY effective_from, id"),
                   person),
        regimen_from);
  });
}

PlanVersion PostgresRepository::add_plan_version(const PlanVersion& version) {
  parse_plan_version(to_json(version));
  return impl_->write("add a plan version", [&] {
    // The person's row stays locked until the commit: two writers, in any process, number their
    // versions one after the other.
    impl_->require_person(version.person_id, true);
    if (version.decision_id) {
      impl_->require_record("decisions", "decision", *version.decision_id, version.person_id);
    }
    PlanVersion stored = version;
    stored.version = pg::int_field(
        impl_->run("SELECT coalesce(max(version), 0) + 1 FROM plan_versions WHERE person_id = $1",
                   version.person_id)[0][0]);
    stored.id = pg::int64_field(impl_->run_for(
        stored.person_id,
        "INSERT INTO plan_versions (person_id, version, effective_from, reason, decision_id, "
        "request, plan, recorded_at, revision) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
        "(random() * 9.0e18 - 4.5e18)::bigint) RETURNING id",
        stored.person_id, stored.version, stored.effective_from, stored.reason, stored.decision_id,
        pg::json_text(stored.request, "plan_version.request"),
        pg::json_text(stored.plan, "plan_version.plan"), stored.recorded_at)[0][0]);
    impl_->audit(
        stored.person_id, "create", "plan_version", stored.id,
        "version " + std::to_string(stored.version) + " from " + stored.effective_from.to_string());
    return stored;
  });
}

std::optional<PlanVersion> PostgresRepository::plan_in_force(PersonId person, CivilDate date) {
  return impl_->read("read the plan in force", [&]() -> std::optional<PlanVersion> {
    const pqxx::result r =
        impl_->run(pg::select_sql(kPlanVersionColumns, kPlanInForce), person, date);
    if (r.empty()) return std::nullopt;
    return plan_version_from(r[0]);
  });
}

std::optional<PlanVersionText> PostgresRepository::plan_text_in_force(
    PersonId person, CivilDate date,
    const std::function<bool(const PlanVersionText&)>& already_have) {
  std::optional<PlanVersionText> out;
  // The header and the texts from one snapshot (a no-op inside a caller's transaction).
  read_snapshot([&] {
    out = impl_->read("read the plan in force", [&]() -> std::optional<PlanVersionText> {
      const pqxx::result r =
          impl_->run(pg::select_sql(kPlanVersionHeaderColumns, kPlanInForce), person, date);
      if (r.empty()) return std::nullopt;
      PlanVersionText found = plan_version_header_from(r[0]);
      found.revision = pg::optional_int64(r[0][9]).value_or(0);
      if (already_have && already_have(found)) {
        found.text_read = false;
        return found;
      }
      const pqxx::result texts =
          impl_->run("SELECT request, plan FROM plan_versions WHERE id = $1", found.version.id);
      if (texts.empty()) {
        throw StorageError("plan version " + std::to_string(found.version.id) +
                           " vanished while it was read");
      }
      found.request = pg::text_field(texts[0][0]);
      found.plan = pg::text_field(texts[0][1]);
      return found;
    });
  });
  return out;
}

std::vector<PlanVersion> PostgresRepository::plan_versions(PersonId person) {
  return impl_->read("list plan versions", [&] {
    return pg::rows_of<PlanVersion>(
        impl_->run(pg::select_sql(kPlanVersionColumns,
                                  "FROM plan_versions WHERE person_id = $1 ORDER BY version"),
                   person),
        plan_version_from);
  });
}

RecordId PostgresRepository::add_decision(const Decision& decision) {
  parse_decision(to_json(decision));
  return impl_->write("add a decision", [&] {
    impl_->require_person(decision.person_id);
    if (decision.plan_version_id) {
      impl_->require_record("plan_versions", "plan version", *decision.plan_version_id,
                            decision.person_id);
    }
    const RecordId id = pg::int64_field(impl_->run_for(
        decision.person_id,
        "INSERT INTO decisions (person_id, date, kind, step_index, reason, evidence, "
        "plan_version_id, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        decision.person_id, decision.date, std::string(to_string(decision.kind)),
        decision.step_index, decision.reason, pg::json_text(decision.evidence, "decision.evidence"),
        decision.plan_version_id, decision.recorded_at)[0][0]);
    impl_->audit(decision.person_id, "create", "decision", id, decision.date.to_string());
    return id;
  });
}

std::vector<Decision> PostgresRepository::decisions(PersonId person) {
  return impl_->read("list decisions", [&] {
    return pg::rows_of<Decision>(
        impl_->run(pg::select_sql(kDecisionColumns,
                                  "FROM decisions WHERE person_id = $1 ORDER BY date, id"),
                   person),
        decision_from);
  });
}

std::optional<Decision> PostgresRepository::latest_decision(PersonId person, CivilDate date) {
  return impl_->read("read the latest decision", [&]() -> std::optional<Decision> {
    const pqxx::result r =
        impl_->run(pg::select_sql(kDecisionColumns,
                                  "FROM decisions WHERE person_id = $1 AND date <= $2 "
                                  "ORDER BY date DESC, id DESC LIMIT 1"),
                   person, date);
    if (r.empty()) return std::nullopt;
    return decision_from(r[0]);
  });
}

}  // namespace taperlab::store
