#include "report/plan_report.hpp"

namespace taperlab::report {
namespace {

using nlohmann::json;

// Named arrays and objects are moved into the initializer lists below: nlohmann copies an lvalue
// there, and a copy of the steps is most of the plan.

json date_or_null(const Plan& plan, int day) {
  if (!plan.settings.start_date) return nullptr;
  return plan.settings.start_date->plus_days(day).to_string();
}

json optional_number(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json regimen_json(const Regimen& regimen) {
  json drugs = json::array();
  for (const auto& d : regimen.drugs) {
    json doses = json::array();
    for (const auto& dose : d.doses) {
      doses.push_back({{"dose_mg", dose.dose_mg}, {"time", dose.time.to_string()}});
    }
    drugs.push_back({{"drug", d.drug_id}, {"daily_mg", d.daily_mg()}, {"doses", std::move(doses)}});
  }
  return {{"text", regimen.describe()}, {"drugs", std::move(drugs)}};
}

json part_json(const UnitPart& part) {
  return {{"product", part.option.describe()},
          {"form", to_string(part.option.form)},
          {"compounded", part.option.compounded},
          {"strength_mg", part.option.strength_mg},
          {"strength_mg_per_ml", part.option.strength_mg_per_ml},
          {"quarters", part.quarters},
          {"volume_ml", part.volume_ml}};
}

json pharmacy_json(const std::vector<PharmacyLine>& lines) {
  json out = json::array();
  for (const auto& line : lines) {
    out.push_back({{"drug", line.option.drug_id},
                   {"product", line.option.describe()},
                   {"form", to_string(line.option.form)},
                   {"compounded", line.option.compounded},
                   {"strength_mg", line.option.strength_mg},
                   {"strength_mg_per_ml", line.option.strength_mg_per_ml},
                   {"tablets", line.tablets + 0.0},  // + 0.0 turns -0.0 into 0
                   {"volume_ml", line.volume_ml + 0.0}});
  }
  return out;
}

json step_json(const Plan& plan, const TaperStep& step) {
  json doses = json::array();
  for (const auto& drug : step.drugs) {
    for (const auto& dose : drug.doses) {
      if (dose.dose_mg() <= 0) continue;  // simulate --plan rejects 0 mg doses
      json parts = json::array();
      for (const auto& part : dose.makeup.parts) parts.push_back(part_json(part));
      doses.push_back({{"drug", drug.drug_id},
                       {"time", dose.time.to_string()},
                       {"dose_mg", dose.dose_mg()},
                       {"units", dose.makeup.describe()},
                       {"parts", std::move(parts)}});
    }
  }
  json daily = json::object();
  for (const auto& drug : step.drugs) daily[drug.drug_id] = drug.daily_mg();
  const bool open_ended = step.duration_days <= 0;
  return {{"index", step.index},
          {"day", step.start_day},
          {"duration_days", step.duration_days},
          {"kind", to_string(step.kind)},
          {"start_date", date_or_null(plan, step.start_day)},
          {"end_date", open_ended ? json(nullptr)
                                  : date_or_null(plan, step.start_day + step.duration_days - 1)},
          {"daily_mg", std::move(daily)},
          {"diazepam_equivalent_mg", step.diazepam_equivalent_mg},
          {"target_diazepam_equivalent_mg", step.target_diazepam_equivalent_mg},
          {"cut_fraction", step.cut_fraction},
          {"peak_withdrawal", step.peak_withdrawal},
          {"note", step.note},
          {"doses", std::move(doses)}};
}

}  // namespace

json plan_json(const Plan& plan) {
  const PlanSettings& s = plan.settings;
  json findings = json::array();
  for (const auto& f : plan.findings) {
    findings.push_back({{"severity", to_string(f.severity)},
                        {"code", f.code},
                        {"message", f.message},
                        {"action", f.action}});
  }
  json steps = json::array();
  json per_step = json::array();
  for (const auto& step : plan.steps) {
    steps.push_back(step_json(plan, step));
    per_step.push_back(
        {{"step", step.index}, {"lines", pharmacy_json(plan.pharmacy_for_step(step))}});
  }
  json settings = {
      {"cut_fraction", s.cut_fraction},
      {"every_days", s.every_days},
      {"steps", s.steps ? json(*s.steps) : json(nullptr)},
      {"pace", s.pace},
      {"ceiling", optional_number(s.ceiling)},
      {"crossover_to", s.crossover_to},
      {"target_date", s.target_date ? json(s.target_date->to_string()) : json(nullptr)},
      {"cut_evening_last", s.cut_evening_last},
      {"clinician_override_reason",
       s.clinician_override_reason ? json(*s.clinician_override_reason) : json(nullptr)}};
  const auto& effect = s.model.effect;
  const auto& adaptation = s.model.adaptation;
  return {
      {"draft_notice", kDraftNotice},
      {"needs_clinician", plan.needs_clinician()},
      {"strategy", s.strategy},
      {"then_strategy", s.then_strategy},
      {"table", s.table_id},
      {"start_date", s.start_date ? json(s.start_date->to_string()) : json(nullptr)},
      {"goal_mg", optional_number(s.goal_mg)},
      {"total_days", plan.total_days()},
      {"start_regimen", regimen_json(plan.start_regimen)},
      {"start_diazepam_equivalent_mg", plan.start_diazepam_equivalent_mg},
      {"abrupt_stop_peak_withdrawal", plan.abrupt_stop_peak_withdrawal},
      {"findings", std::move(findings)},
      {"notes", plan.notes},
      {"settings", std::move(settings)},
      {"model",
       {{"d50_mg_per_day", effect.d50_mg_per_day},
        {"hill_n", effect.hill_n},
        {"occupancy_at_40mg", effect.occupancy_at_40mg},
        {"fast_half_time_d", adaptation.fast_half_time_d},
        {"slow_half_time_d", adaptation.slow_half_time_d},
        {"rho", adaptation.rho},
        {"w_slow", adaptation.w_slow}}},
      {"steps", std::move(steps)},
      {"pharmacy",
       {{"total", pharmacy_json(plan.pharmacy_total())}, {"per_step", std::move(per_step)}}},
  };
}

}  // namespace taperlab::report
