#include "journal/export_document.hpp"

#include <cstdint>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "core/base/error.hpp"
#include "core/base/json_fields.hpp"
#include "core/journal/plan_request_json.hpp"
#include "core/journal/plan_view.hpp"
#include "core/journal/records_json.hpp"

namespace taperlab::journal {
namespace {

using nlohmann::json;

const json& array_member(const json& doc, const char* key) {
  static const json empty = json::array();
  if (!doc.contains(key)) return empty;
  if (!doc.at(key).is_array()) throw ValidationError(key, "expected an array");
  return doc.at(key);
}

std::string field_at(const std::string& key, std::size_t i) {
  return key + "[" + std::to_string(i) + "]";
}

// Errors collected while reading, so that every one is reported at once.
class Errors {
 public:
  template <typename Read>
  void collect(Read&& read) {
    try {
      read();
    } catch (const ValidationError& e) {
      errors_.insert(errors_.end(), e.errors().begin(), e.errors().end());
    }
  }
  // The errors of a part read on its own ("plan.steps[2].day"), named where the part sits in the
  // document ("plan_versions[0].plan.steps[2].day"). The plan readers were written for documents
  // taperlab saved itself: a type they did not expect is refused here too, rather than answered
  // as an internal error.
  template <typename Read>
  void collect_under(const std::string& prefix, Read&& read) {
    try {
      read();
    } catch (const ValidationError& e) {
      for (const auto& fe : e.errors()) errors_.push_back({prefix + "." + fe.field, fe.message});
    } catch (const nlohmann::json::exception&) {
      errors_.push_back({prefix, "is not a plan as taperlab saves it"});
    }
  }
  void add(std::string field, std::string message) {
    errors_.push_back({std::move(field), std::move(message)});
  }
  void throw_if_any() const {
    if (!errors_.empty()) throw ValidationError(errors_);
  }

 private:
  std::vector<FieldError> errors_;
};

// A position or version number, checked as a 64-bit integer before it becomes an int.
std::optional<int> optional_index(const json& j, const char* key, const std::string& field) {
  if (!j.is_object() || !j.contains(key) || j.at(key).is_null()) return std::nullopt;
  return static_cast<int>(
      json_fields::integer_value(j.at(key), field + "." + key, 0, std::numeric_limits<int>::max()));
}

void check_drug(const Catalog& catalog, const std::string& drug_id, const std::string& field,
                Errors& errors) {
  errors.collect([&] { (void)catalog.drug(drug_id, field); });
}

void check_regimen_drugs(const Catalog& catalog, const Regimen& regimen, const std::string& field,
                         Errors& errors) {
  for (std::size_t i = 0; i < regimen.drugs.size(); ++i) {
    check_drug(catalog, regimen.drugs[i].drug_id, field_at(field + ".drugs", i) + ".drug", errors);
  }
}

// A stored plan is read back on every screen of the day and its request on every review: both
// must read as what taperlab saved, with drugs and a table this catalogue knows.
void check_plan_version(const Catalog& catalog, const PlanVersion& version,
                        const std::string& field, Errors& errors) {
  errors.collect_under(field, [&] {
    const PlanView view = parse_plan_view(version.plan);
    Errors drugs;
    check_regimen_drugs(catalog, view.start_regimen, "plan.start_regimen", drugs);
    for (std::size_t s = 0; s < view.steps.size(); ++s) {
      for (std::size_t d = 0; d < view.steps[s].doses.size(); ++d) {
        check_drug(catalog, view.steps[s].doses[d].drug_id,
                   field_at(field_at("plan.steps", s) + ".doses", d) + ".drug", drugs);
      }
    }
    drugs.throw_if_any();
  });
  errors.collect_under(field, [&] {
    const PlanRequest request = parse_plan_request(version.request);
    Errors known;
    check_regimen_drugs(catalog, request.regimen, "request.regimen", known);
    for (std::size_t i = 0; i < request.formulations.options.size(); ++i) {
      check_drug(catalog, request.formulations.options[i].drug_id,
                 field_at("request.formulations", i) + ".drug", known);
    }
    known.collect(
        [&] { (void)catalog.table(request.settings.table_id, "request.settings.table"); });
    known.throw_if_any();
  });
}

}  // namespace

void check_export_format(const json& doc) {
  const json* format = doc.is_object() ? json_fields::optional_member(doc, "format") : nullptr;
  if (format == nullptr || !format->is_string() || format->get<std::string>() != kExportFormat) {
    throw ValidationError("format", "not a taperlab export (expected \"format\": \"" +
                                        std::string(kExportFormat) + "\")");
  }
  const json* version = json_fields::optional_member(doc, "format_version");
  const auto as_version = [&]() -> std::optional<std::int64_t> {
    try {
      return json_fields::integer_value(*version, "format_version",
                                        std::numeric_limits<std::int64_t>::min(),
                                        std::numeric_limits<std::int64_t>::max());
    } catch (const ValidationError&) {
      return std::nullopt;
    }
  };
  if (version == nullptr || as_version() != kExportFormatVersion) {
    throw ValidationError("format_version", "this taperlab reads format version " +
                                                std::to_string(kExportFormatVersion));
  }
}

ExportDocument read_export_document(const json& doc, const Catalog& catalog, CivilDate today) {
  check_export_format(doc);
  ExportDocument out;
  Errors errors;
  const CivilDate latest = today.plus_days(kMaxRecordDaysAhead);
  const auto check_date = [&](CivilDate date, const std::string& field) {
    if (latest < date) {
      errors.add(field, "is more than a year after today (" + today.to_string() +
                            "): a record's date must be the day it happened");
    }
  };
  errors.collect([&] {
    if (!doc.contains("person")) throw ValidationError("person", "missing");
    out.person = parse_person(doc.at("person"), "person");
    check_date(out.person.created_on, "person.created_on");
  });
  const auto each = [&](const char* key, auto&& read_one) {
    errors.collect([&] {
      const json& items = array_member(doc, key);
      for (std::size_t i = 0; i < items.size(); ++i) {
        errors.collect([&] { read_one(items[i], field_at(key, i)); });
      }
    });
  };
  each("regimens", [&](const json& j, const std::string& f) {
    out.regimens.push_back(parse_regimen_record(j, f));
    check_date(out.regimens.back().effective_from, f + ".effective_from");
    check_regimen_drugs(catalog, out.regimens.back().regimen, f + ".regimen", errors);
  });
  each("plan_versions", [&](const json& j, const std::string& f) {
    json copy = j;
    const auto decision = optional_index(j, "decision", f);
    if (copy.is_object()) copy.erase("decision");
    out.plan_versions.push_back(parse_plan_version(copy, f));
    out.plan_version_decision.push_back(decision);
    check_plan_version(catalog, out.plan_versions.back(), f, errors);
  });
  each("doses", [&](const json& j, const std::string& f) {
    out.doses.push_back(parse_dose_log_entry(j, f));
    check_date(out.doses.back().date, f + ".date");
    check_drug(catalog, out.doses.back().drug_id, f + ".drug_id", errors);
  });
  // The store keeps one check-in a day; said here, with the field, rather than as a conflict
  // half-way through storing.
  std::map<CivilDate, std::string> check_in_on;  // day -> where its first check-in sits
  each("check_ins", [&](const json& j, const std::string& f) {
    out.check_ins.push_back(parse_check_in(j, f));
    check_date(out.check_ins.back().date, f + ".date");
    const auto [first, inserted] = check_in_on.emplace(out.check_ins.back().date, f);
    if (!inserted) {
      errors.add(f + ".date", "another check-in in this file (" + first->second +
                                  ") has the same day; taperlab keeps one a day");
    }
  });
  each("questionnaire_responses", [&](const json& j, const std::string& f) {
    out.questionnaire_responses.push_back(parse_questionnaire_response(j, f));
    check_date(out.questionnaire_responses.back().date, f + ".date");
  });
  each("cognitive_sessions", [&](const json& j, const std::string& f) {
    out.cognitive_sessions.push_back(parse_cognitive_session(j, f));
    check_date(out.cognitive_sessions.back().date, f + ".date");
  });
  each("decisions", [&](const json& j, const std::string& f) {
    json copy = j;
    const auto version = optional_index(j, "plan_version", f);
    if (copy.is_object()) copy.erase("plan_version");
    out.decisions.push_back(parse_decision(copy, f));
    check_date(out.decisions.back().date, f + ".date");
    out.decision_plan_version.push_back(version);
  });
  const auto& versions = out.plan_versions;
  for (std::size_t i = 0; i < versions.size(); ++i) {
    if (versions[i].version != static_cast<int>(i) + 1) {
      errors.add(field_at("plan_versions", i) + ".version",
                 "expected version " + std::to_string(i + 1) + " (versions in order)");
    }
    const auto& decision = out.plan_version_decision[i];
    if (decision && *decision >= static_cast<int>(out.decisions.size())) {
      errors.add(field_at("plan_versions", i) + ".decision", "no such decision");
    }
  }
  for (std::size_t i = 0; i < out.decisions.size(); ++i) {
    const auto& version = out.decision_plan_version[i];
    if (version && (*version < 1 || *version > static_cast<int>(versions.size()))) {
      errors.add(field_at("decisions", i) + ".plan_version", "no such plan version");
    }
  }
  errors.throw_if_any();
  return out;
}

void store_export_document(store::Repository& repo, PersonId person, const ExportDocument& doc) {
  for (auto r : doc.regimens) {
    r.person_id = person;
    repo.add_regimen(r);
  }
  // Plan versions and decisions refer to each other (a decision judges a version; a hold makes
  // a new one): insert each list in order, whichever next item has what it refers to.
  const auto& versions = doc.plan_versions;
  const auto& decisions = doc.decisions;
  std::vector<RecordId> version_ids(versions.size(), 0);
  std::vector<RecordId> decision_ids(decisions.size(), 0);
  std::size_t next_version = 0;
  std::size_t next_decision = 0;
  while (next_version < versions.size() || next_decision < decisions.size()) {
    bool progressed = false;
    if (next_version < versions.size()) {
      const auto& ref = doc.plan_version_decision[next_version];
      if (!ref || static_cast<std::size_t>(*ref) < next_decision) {
        PlanVersion v = versions[next_version];
        v.person_id = person;
        v.decision_id = ref ? std::optional<RecordId>(decision_ids[static_cast<std::size_t>(*ref)])
                            : std::nullopt;
        version_ids[next_version] = repo.add_plan_version(v).id;
        ++next_version;
        progressed = true;
      }
    }
    if (next_decision < decisions.size()) {
      const auto& ref = doc.decision_plan_version[next_decision];
      if (!ref || static_cast<std::size_t>(*ref) <= next_version) {
        Decision d = decisions[next_decision];
        d.person_id = person;
        d.plan_version_id =
            ref ? std::optional<RecordId>(version_ids[static_cast<std::size_t>(*ref) - 1])
                : std::nullopt;
        decision_ids[next_decision] = repo.add_decision(d);
        ++next_decision;
        progressed = true;
      }
    }
    if (!progressed) {
      throw ValidationError("decisions",
                            "plan versions and decisions refer to each other in a circle");
    }
  }
  for (auto d : doc.doses) {
    d.person_id = person;
    repo.add_dose(d);
  }
  for (auto c : doc.check_ins) {
    c.person_id = person;
    repo.add_check_in(c);
  }
  for (auto r : doc.questionnaire_responses) {
    r.person_id = person;
    repo.add_questionnaire_response(r);
  }
  for (auto s : doc.cognitive_sessions) {
    s.person_id = person;
    repo.add_cognitive_session(s);
  }
}

}  // namespace taperlab::journal
