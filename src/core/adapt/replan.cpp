#include "core/adapt/replan.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/base/error.hpp"
#include "core/journal/plan_view.hpp"
#include "core/plan/safety_rules.hpp"

namespace taperlab::adapt {
namespace {

using nlohmann::json;

// Smallest cut a slowed plan asks for, and the longest interval: below 2.5% per step the rounding
// to real units dominates, and beyond 4 weeks a step no longer tells the person anything new
// (assumed; NICE and Ashton use steps of 1-4 weeks).
constexpr double kMinSlowCutFraction = 0.025;
constexpr int kMaxSlowIntervalDays = 28;
constexpr int kMinDaysBeforeSlowedCut = 7;
constexpr int kRateWindowDays = 14;

CivilDate doc_start(const json& doc) {
  if (!doc.contains("start_date") || !doc.at("start_date").is_string()) {
    throw ValidationError("plan.start_date", "a saved plan needs a start date");
  }
  return parse_civil_date(doc.at("start_date").get<std::string>(), "plan.start_date");
}

void set_dates(json& step, CivilDate start) {
  const int day = step.at("day").get<int>();
  const int duration = step.at("duration_days").get<int>();
  step["start_date"] = start.plus_days(day).to_string();
  step["end_date"] =
      duration > 0 ? json(start.plus_days(day + duration - 1).to_string()) : json(nullptr);
}

// Index of the step in force on `day` (the last one starting on or before it), or -1.
int step_index_on(const json& steps, int day) {
  int found = -1;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].at("day").get<int>() <= day) found = static_cast<int>(i);
  }
  return found;
}

void append_note(json& step, const std::string& note) {
  std::string existing = step.value("note", std::string());
  step["note"] = existing.empty() ? note : existing + " " + note;
}

StepKind parse_step_kind(const std::string& text) {
  for (auto k : {StepKind::kStart, StepKind::kCrossover, StepKind::kCut, StepKind::kFinalStop,
                 StepKind::kMaintenance}) {
    if (text == to_string(k)) return k;
  }
  throw ValidationError("plan.steps.kind", "unknown step kind '" + text + "'");
}

const char* slower_pace(const std::string& pace) { return pace == "fast" ? "medium" : "slow"; }

}  // namespace

json hold_plan(const json& plan_doc, CivilDate decision_date, int hold_days,
               const std::string& note) {
  if (hold_days < 1) throw ValidationError("hold_days", "expected at least one day");
  json doc = plan_doc;
  const CivilDate start = doc_start(doc);
  json& steps = doc.at("steps");
  const int i = step_index_on(steps, start.days_until(decision_date));
  if (i < 0 || static_cast<std::size_t>(i) + 1 >= steps.size()) {
    throw ValidationError("date", "no step with a next cut is in force on " +
                                      decision_date.to_string() + ", so there is nothing to hold");
  }
  json& current = steps[static_cast<std::size_t>(i)];
  current["duration_days"] = current.at("duration_days").get<int>() + hold_days;
  set_dates(current, start);
  append_note(current, note);
  for (std::size_t j = static_cast<std::size_t>(i) + 1; j < steps.size(); ++j) {
    steps[j]["day"] = steps[j].at("day").get<int>() + hold_days;
    set_dates(steps[j], start);
  }
  doc["total_days"] = doc.value("total_days", 0) + hold_days;
  doc["notes"].push_back(note);
  return doc;
}

PlanRequest slower_request(const PlanRequest& old, const Regimen& current, CivilDate start,
                           const SlowDownInputs& inputs) {
  PlanRequest request = old;
  request.regimen = current;
  PlanSettings& s = request.settings;
  s.start_date = start;
  s.target_date.reset();  // a slowed plan must not be pulled back towards an old end date
  // A finished crossover continues with the strategy that followed it.
  if (s.strategy == "crossover") {
    s.strategy = s.then_strategy.empty() ? "fraction" : s.then_strategy;
    s.then_strategy.clear();
  }
  s.cut_fraction = std::max(kMinSlowCutFraction, s.cut_fraction * 0.5);
  // Half again as long, in whole weeks (supply and review dates keep lining up).
  s.every_days = std::min(
      kMaxSlowIntervalDays,
      std::max(s.every_days + 7, 7 * static_cast<int>(std::lround(s.every_days * 1.5 / 7.0))));
  if (s.strategy == "bands") {
    if (s.pace == "slow") {
      // Already the slowest band pace: continue with small fractional cuts instead.
      s.strategy = "fraction";
      s.cut_fraction = 0.05;
      s.every_days = 21;
    } else {
      s.pace = slower_pace(s.pace);
    }
  }
  if (s.strategy == "hyperbolic" && s.steps) {
    s.steps = static_cast<int>(std::lround(*s.steps * 1.5));
    s.cut_fraction = old.settings.cut_fraction;  // the step count sets the cuts
  }
  if (s.strategy == "guided") {
    if (inputs.personal) s.model = *inputs.personal;
    double ceiling = inputs.old_largest_step_peak_withdrawal * 0.5;
    if (inputs.personal_ceiling && *inputs.personal_ceiling > 0) {
      ceiling =
          ceiling > 0 ? std::min(ceiling, *inputs.personal_ceiling) : *inputs.personal_ceiling;
    }
    if (s.ceiling) ceiling = ceiling > 0 ? std::min(ceiling, *s.ceiling * 0.5) : *s.ceiling * 0.5;
    if (ceiling > 0) s.ceiling = ceiling;
  }
  return request;
}

CivilDate slowed_first_cut(CivilDate decision_date, CivilDate current_step_start) {
  return std::max(decision_date.plus_days(1 + kMinDaysBeforeSlowedCut),
                  current_step_start.plus_days(kRateWindowDays));
}

json splice_plan(const json& plan_doc, CivilDate decision_date, CivilDate from,
                 const json& segment_doc, const std::string& note) {
  json doc = plan_doc;
  const CivilDate start = doc_start(doc);
  const int from_day = start.days_until(from);
  const int decision_day = start.days_until(decision_date);
  if (decision_day < 0 || from_day <= decision_day) {
    throw ValidationError("date", "a revision must start after the decision, within the plan");
  }
  json kept = json::array();
  for (const auto& step : doc.at("steps")) {
    if (step.at("day").get<int>() <= decision_day) kept.push_back(step);
  }
  if (kept.empty()) throw ValidationError("date", "a revision must start after the first step");
  json& last = kept.back();
  last["duration_days"] = from_day - last.at("day").get<int>();
  set_dates(last, start);
  const int offset = static_cast<int>(kept.size());
  for (auto step : segment_doc.at("steps")) {
    step["day"] = step.at("day").get<int>() + from_day;
    step["index"] = step.at("index").get<int>() + offset;
    set_dates(step, start);
    kept.push_back(step);
  }
  doc["steps"] = kept;
  doc["total_days"] = from_day + segment_doc.value("total_days", 0);
  for (const char* key : {"strategy", "then_strategy", "settings", "model"}) {
    if (segment_doc.contains(key)) doc[key] = segment_doc.at(key);
  }
  json pharmacy = segment_doc.value("pharmacy", json::object());
  if (pharmacy.contains("per_step")) {
    for (auto& line : pharmacy["per_step"]) line["step"] = line.at("step").get<int>() + offset;
  }
  doc["pharmacy"] = pharmacy;
  doc["notes"].push_back(note);
  for (const auto& n : segment_doc.value("notes", json::array())) doc["notes"].push_back(n);
  // New findings (e.g. from a changed profile) are added; old ones stay.
  for (const auto& f : segment_doc.value("findings", json::array())) {
    const bool known =
        std::any_of(doc["findings"].begin(), doc["findings"].end(),
                    [&](const json& g) { return g.value("code", "") == f.value("code", ""); });
    if (!known) doc["findings"].push_back(f);
  }
  doc["needs_clinician"] =
      doc.value("needs_clinician", false) || segment_doc.value("needs_clinician", false);
  return doc;
}

std::vector<std::string> check_stored_plan(const json& plan_doc, const PlanRequest& request,
                                           const EquivalenceTable& table) {
  const PlanView view = parse_plan_view(plan_doc);
  Plan plan;
  plan.profile = request.profile;
  plan.settings = request.settings;
  plan.start_diazepam_equivalent_mg = plan_doc.value("start_diazepam_equivalent_mg", 0.0);
  for (std::size_t i = 0; i < view.steps.size(); ++i) {
    const PlanStepView& v = view.steps[i];
    TaperStep step;
    step.index = v.index;
    step.start_day = v.start_day;
    step.duration_days = v.duration_days;
    step.kind = parse_step_kind(plan_doc.at("steps")[i].at("kind").get<std::string>());
    for (const auto& drug : v.regimen().drugs) {
      PlannedDrug planned{drug.drug_id, {}};
      for (const auto& dose : drug.doses) {
        planned.doses.push_back(PlannedDose{dose.time, DoseMakeup{dose.dose_mg, {}}});
      }
      step.drugs.push_back(std::move(planned));
    }
    plan.steps.push_back(std::move(step));
  }
  return check_plan_rules(plan, table);
}

}  // namespace taperlab::adapt
