// SqliteRepository: regimens, plan versions and the decisions that change them.

#include "core/base/error.hpp"
#include "core/journal/records_json.hpp"
#include "store/sqlite/columns.hpp"
#include "store/sqlite/parsed_texts.hpp"
#include "store/sqlite/sqlite_repository_impl.hpp"

namespace taperlab::store {

using sqlite::bind_json;
using sqlite::bind_value;

namespace {

constexpr const char* kRegimenColumns = "id, person_id, effective_from, regimen, recorded_at";

RegimenRecord regimen_from(SQLite::Statement& row) {
  const RecordId id = row.getColumn(0).getInt64();
  return sqlite::decoded("regimen", id, [&] {
    RegimenRecord r;
    r.id = id;
    r.person_id = row.getColumn(1).getInt64();
    r.effective_from = sqlite::date_column(row.getColumn(2));
    static sqlite::ParsedTexts<Regimen> regimens(1024);
    r.regimen = regimens.get(row.getColumn(3), [](const std::string& text) {
      return parse_regimen(nlohmann::json::parse(text));
    });
    r.recorded_at = row.getColumn(4).getString();
    return r;
  });
}

constexpr const char* kPlanVersionColumns =
    "id, person_id, version, effective_from, reason, decision_id, request, plan, recorded_at";
// The texts left out (NULL in their places): a row's JSON lies on overflow pages that SQLite reads
// for every column a statement selects.
constexpr const char* kPlanVersionHeaderColumns =
    "id, person_id, version, effective_from, reason, decision_id, NULL, NULL, recorded_at, "
    "revision";

// Everything but the two JSON texts (columns 6 and 7), which are left unread.
PlanVersionText plan_version_header_from(SQLite::Statement& row) {
  const RecordId id = row.getColumn(0).getInt64();
  return sqlite::decoded("plan version", id, [&] {
    PlanVersionText t;
    PlanVersion& v = t.version;
    v.id = id;
    v.person_id = row.getColumn(1).getInt64();
    v.version = row.getColumn(2).getInt();
    v.effective_from = sqlite::date_column(row.getColumn(3));
    v.reason = row.getColumn(4).getString();
    v.decision_id = sqlite::optional_int64(row.getColumn(5));
    v.recorded_at = row.getColumn(8).getString();
    return t;
  });
}

PlanVersionText plan_version_text_from(SQLite::Statement& row) {
  PlanVersionText t = plan_version_header_from(row);
  t.request = row.getColumn(6).getString();
  t.plan = row.getColumn(7).getString();
  return t;
}

PlanVersion plan_version_from(SQLite::Statement& row) {
  PlanVersionText t = plan_version_text_from(row);
  return sqlite::decoded("plan version", t.version.id, [&] {
    t.version.request = nlohmann::json::parse(t.request);
    t.version.plan = nlohmann::json::parse(t.plan);
    return std::move(t.version);
  });
}

// The unary + keeps SQLite off the (person_id, effective_from) index, which needs a sort of the
// person's versions on every read: on (person_id, version) the newest versions come first and the
// first whose start date has come is the answer.
constexpr const char* kPlanInForce =
    "FROM plan_versions WHERE person_id = ?1 AND +effective_from <= ?2 ORDER BY version DESC "
    "LIMIT 1";

constexpr const char* kDecisionColumns =
    "id, person_id, date, kind, step_index, reason, evidence, plan_version_id, recorded_at";

Decision decision_from(SQLite::Statement& row) {
  const RecordId id = row.getColumn(0).getInt64();
  return sqlite::decoded("decision", id, [&] {
    Decision d;
    d.id = id;
    d.person_id = row.getColumn(1).getInt64();
    d.date = sqlite::date_column(row.getColumn(2));
    d.kind = parse_decision_kind(row.getColumn(3).getString(), "kind");
    d.step_index = row.getColumn(4).getInt();
    d.reason = row.getColumn(5).getString();
    d.evidence = sqlite::json_column(row.getColumn(6));
    d.plan_version_id = sqlite::optional_int64(row.getColumn(7));
    d.recorded_at = row.getColumn(8).getString();
    return d;
  });
}

std::string plan_select(const char* columns, const char* rest) {
  return std::string("SELECT ") + columns + " " + rest;
}

}  // namespace

RecordId SqliteRepository::add_regimen(const RegimenRecord& regimen) {
  parse_regimen_record(to_json(regimen));
  return impl_->write("add a regimen", [&] {
    impl_->require_person(regimen.person_id);
    SQLite::Statement& insert = impl_->statement(
        "INSERT INTO regimens (person_id, effective_from, regimen, "
        "recorded_at) VALUES (?1, ?2, ?3, ?4)");
    bind_value(insert, 1, regimen.person_id);
    bind_value(insert, 2, regimen.effective_from);
    bind_json(insert, 3, to_json(regimen.regimen), "regimen_record.regimen");
    bind_value(insert, 4, regimen.recorded_at);
    impl_->execute(insert, regimen.person_id);
    const RecordId id = impl_->db().getLastInsertRowid();
    impl_->audit(regimen.person_id, "create", "regimen", id,
                 "from " + regimen.effective_from.to_string());
    return id;
  });
}

std::optional<RegimenRecord> SqliteRepository::regimen_on(PersonId person, CivilDate date) {
  return impl_->read("read a regimen", [&]() -> std::optional<RegimenRecord> {
    // A later record with the same start date replaces the earlier one: ties go to the higher id.
    SQLite::Statement& query =
        impl_->statement(plan_select(kRegimenColumns,
                                     "FROM regimens WHERE person_id = ?1 AND "
                                     "effective_from <= ?2 ORDER BY effective_from "
                                     "DESC, id DESC LIMIT 1"));
    bind_value(query, 1, person);
    bind_value(query, 2, date);
    if (!query.executeStep()) return std::nullopt;
    return regimen_from(query);
  });
}

std::vector<RegimenRecord> SqliteRepository::regimens(PersonId person) {
  return impl_->read("list regimens", [&] {
    SQLite::Statement& query = impl_->statement(plan_select(
        kRegimenColumns, "FROM regimens WHERE person_id = ?1 ORDER BY effective_from, id"));
    bind_value(query, 1, person);
    std::vector<RegimenRecord> out;
    while (query.executeStep()) out.push_back(regimen_from(query));
    return out;
  });
}

PlanVersion SqliteRepository::add_plan_version(const PlanVersion& version) {
  parse_plan_version(to_json(version));
  return impl_->write("add a plan version", [&] {
    impl_->require_person(version.person_id);
    if (version.decision_id) {
      impl_->require_record("decisions", "decision", *version.decision_id, version.person_id);
    }
    PlanVersion stored = version;
    // Numbered inside the write transaction, which holds the database's write lock: two writers
    // cannot both take the same number.
    SQLite::Statement& next = impl_->statement(
        "SELECT coalesce(max(version), 0) + 1 FROM plan_versions "
        "WHERE person_id = ?1");
    bind_value(next, 1, version.person_id);
    next.executeStep();
    stored.version = next.getColumn(0).getInt();
    SQLite::Statement& insert = impl_->statement(
        "INSERT INTO plan_versions (person_id, version, effective_from, "
        "reason, decision_id, request, plan, recorded_at, revision) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, random())");
    bind_value(insert, 1, stored.person_id);
    bind_value(insert, 2, stored.version);
    bind_value(insert, 3, stored.effective_from);
    bind_value(insert, 4, stored.reason);
    bind_value(insert, 5, stored.decision_id);
    bind_json(insert, 6, stored.request, "plan_version.request");
    bind_json(insert, 7, stored.plan, "plan_version.plan");
    bind_value(insert, 8, stored.recorded_at);
    impl_->execute(insert, stored.person_id);
    stored.id = impl_->db().getLastInsertRowid();
    impl_->audit(
        stored.person_id, "create", "plan_version", stored.id,
        "version " + std::to_string(stored.version) + " from " + stored.effective_from.to_string());
    return stored;
  });
}

std::optional<PlanVersion> SqliteRepository::plan_in_force(PersonId person, CivilDate date) {
  return impl_->read("read the plan in force", [&]() -> std::optional<PlanVersion> {
    SQLite::Statement& query = impl_->statement(plan_select(kPlanVersionColumns, kPlanInForce));
    bind_value(query, 1, person);
    bind_value(query, 2, date);
    if (!query.executeStep()) return std::nullopt;
    return plan_version_from(query);
  });
}

std::optional<PlanVersionText> SqliteRepository::plan_text_in_force(
    PersonId person, CivilDate date,
    const std::function<bool(const PlanVersionText&)>& already_have) {
  return impl_->read("read the plan in force", [&]() -> std::optional<PlanVersionText> {
    SQLite::Statement& query =
        impl_->statement(plan_select(kPlanVersionHeaderColumns, kPlanInForce));
    bind_value(query, 1, person);
    bind_value(query, 2, date);
    if (!query.executeStep()) return std::nullopt;
    PlanVersionText found = plan_version_header_from(query);
    found.revision = query.getColumn(9).isNull() ? 0 : query.getColumn(9).getInt64();
    if (already_have && already_have(found)) {
      found.text_read = false;
      return found;
    }
    // `query` is still on its row, so its read transaction is open and the texts come from the
    // same snapshot of the database.
    SQLite::Statement& texts =
        impl_->statement("SELECT request, plan FROM plan_versions WHERE id = ?1");
    bind_value(texts, 1, found.version.id);
    if (!texts.executeStep()) {
      throw StorageError("plan version " + std::to_string(found.version.id) +
                         " vanished while it was read");
    }
    found.request = texts.getColumn(0).getString();
    found.plan = texts.getColumn(1).getString();
    return found;
  });
}

std::vector<PlanVersion> SqliteRepository::plan_versions(PersonId person) {
  return impl_->read("list plan versions", [&] {
    SQLite::Statement& query = impl_->statement(plan_select(
        kPlanVersionColumns, "FROM plan_versions WHERE person_id = ?1 ORDER BY version"));
    bind_value(query, 1, person);
    std::vector<PlanVersion> out;
    while (query.executeStep()) out.push_back(plan_version_from(query));
    return out;
  });
}

RecordId SqliteRepository::add_decision(const Decision& decision) {
  parse_decision(to_json(decision));
  return impl_->write("add a decision", [&] {
    impl_->require_person(decision.person_id);
    if (decision.plan_version_id) {
      impl_->require_record("plan_versions", "plan version", *decision.plan_version_id,
                            decision.person_id);
    }
    SQLite::Statement& insert = impl_->statement(
        "INSERT INTO decisions (person_id, date, kind, step_index, reason, "
        "evidence, plan_version_id, recorded_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    bind_value(insert, 1, decision.person_id);
    bind_value(insert, 2, decision.date);
    bind_value(insert, 3, std::string(to_string(decision.kind)));
    bind_value(insert, 4, decision.step_index);
    bind_value(insert, 5, decision.reason);
    bind_json(insert, 6, decision.evidence, "decision.evidence");
    bind_value(insert, 7, decision.plan_version_id);
    bind_value(insert, 8, decision.recorded_at);
    impl_->execute(insert, decision.person_id);
    const RecordId id = impl_->db().getLastInsertRowid();
    impl_->audit(decision.person_id, "create", "decision", id, decision.date.to_string());
    return id;
  });
}

std::vector<Decision> SqliteRepository::decisions(PersonId person) {
  return impl_->read("list decisions", [&] {
    SQLite::Statement& query = impl_->statement(
        plan_select(kDecisionColumns, "FROM decisions WHERE person_id = ?1 ORDER BY date, id"));
    bind_value(query, 1, person);
    std::vector<Decision> out;
    while (query.executeStep()) out.push_back(decision_from(query));
    return out;
  });
}

std::optional<Decision> SqliteRepository::latest_decision(PersonId person, CivilDate date) {
  return impl_->read("read the latest decision", [&]() -> std::optional<Decision> {
    SQLite::Statement& query = impl_->statement(plan_select(
        kDecisionColumns,
        "FROM decisions WHERE person_id = ?1 AND date <= ?2 ORDER BY date DESC, id DESC "
        "LIMIT 1"));
    bind_value(query, 1, person);
    bind_value(query, 2, date);
    if (!query.executeStep()) return std::nullopt;
    return decision_from(query);
  });
}

}  // namespace taperlab::store
