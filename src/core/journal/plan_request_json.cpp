#include "core/journal/plan_request_json.hpp"

#include <limits>
#include <nlohmann/json.hpp>

#include "core/base/error.hpp"
#include "core/base/json_fields.hpp"
#include "core/journal/records_json.hpp"

namespace taperlab {
namespace {

using json_fields::boolean;
using json_fields::member;
using json_fields::number;
using json_fields::optional_number;
using json_fields::optional_text;
using json_fields::text;
using nlohmann::json;

FormulationForm parse_form(const std::string& s, const std::string& field) {
  for (auto f : {FormulationForm::kTablet, FormulationForm::kCapsule, FormulationForm::kOdt,
                 FormulationForm::kOralSolution}) {
    if (s == to_string(f)) return f;
  }
  throw ValidationError(field, "unknown form '" + s + "'");
}

Split parse_split(const std::string& s, const std::string& field) {
  for (auto v : {Split::kNone, Split::kHalf, Split::kQuarter}) {
    if (s == to_string(v)) return v;
  }
  throw ValidationError(field, "unknown split '" + s + "'");
}

json settings_to_json(const PlanSettings& s) {
  const auto opt_int = [](const std::optional<int>& v) { return v ? json(*v) : json(nullptr); };
  const auto opt_num = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
  const auto opt_date = [](const std::optional<CivilDate>& d) {
    return d ? json(d->to_string()) : json(nullptr);
  };
  return {{"strategy", s.strategy},
          {"then_strategy", s.then_strategy},
          {"table", s.table_id},
          {"model",
           {{"d50_mg_per_day", s.model.effect.d50_mg_per_day},
            {"hill_n", s.model.effect.hill_n},
            {"occupancy_at_40mg", s.model.effect.occupancy_at_40mg},
            {"fast_half_time_d", s.model.adaptation.fast_half_time_d},
            {"slow_half_time_d", s.model.adaptation.slow_half_time_d},
            {"rho", s.model.adaptation.rho},
            {"w_slow", s.model.adaptation.w_slow}}},
          {"cut_fraction", s.cut_fraction},
          {"every_days", s.every_days},
          {"steps", opt_int(s.steps)},
          {"pace", s.pace},
          {"ceiling", opt_num(s.ceiling)},
          {"crossover_to", s.crossover_to},
          {"goal_mg", opt_num(s.goal_mg)},
          {"start_date", opt_date(s.start_date)},
          {"target_date", opt_date(s.target_date)},
          {"cut_evening_last", s.cut_evening_last},
          {"clinician_override_reason",
           s.clinician_override_reason ? json(*s.clinician_override_reason) : json(nullptr)},
          {"max_cut_fraction_override", s.max_cut_fraction_override},
          {"country", s.country},
          {"prefer", s.prefer}};
}

PlanSettings settings_from_json(const json& j, const std::string& field) {
  PlanSettings s;
  s.strategy = text(j, "strategy", field);
  s.then_strategy = text(j, "then_strategy", field);
  s.table_id = text(j, "table", field);
  s.model = parse_model_parameters(member(j, "model", field), field + ".model");
  s.cut_fraction = number(j, "cut_fraction", field);
  s.every_days = json_fields::whole_number(j, "every_days", field, std::numeric_limits<int>::min(),
                                           std::numeric_limits<int>::max());
  s.steps = json_fields::optional_whole_number(j, "steps", field, std::numeric_limits<int>::min(),
                                               std::numeric_limits<int>::max());
  s.pace = text(j, "pace", field);
  s.ceiling = optional_number(j, "ceiling", field);
  s.crossover_to = text(j, "crossover_to", field);
  s.goal_mg = optional_number(j, "goal_mg", field);
  if (auto d = optional_text(j, "start_date", field)) {
    s.start_date = parse_civil_date(*d, field + ".start_date");
  }
  if (auto d = optional_text(j, "target_date", field)) {
    s.target_date = parse_civil_date(*d, field + ".target_date");
  }
  s.cut_evening_last = boolean(j, "cut_evening_last", field);
  s.clinician_override_reason = optional_text(j, "clinician_override_reason", field);
  s.max_cut_fraction_override = number(j, "max_cut_fraction_override", field);
  // Plans saved before plans named their country have none: their products are in the request.
  if (j.contains("country")) s.country = text(j, "country", field);
  if (j.contains("prefer")) s.prefer = text(j, "prefer", field);
  if (!(s.cut_fraction > 0 && s.cut_fraction < 1)) {
    throw ValidationError(field + ".cut_fraction", "expected a fraction between 0 and 1");
  }
  if (s.every_days < 1) throw ValidationError(field + ".every_days", "expected at least 1 day");
  return s;
}

}  // namespace

ModelParameters parse_model_parameters(const nlohmann::json& m, const std::string& field) {
  ModelParameters p;
  p.effect.d50_mg_per_day = number(m, "d50_mg_per_day", field);
  p.effect.hill_n = number(m, "hill_n", field);
  p.effect.occupancy_at_40mg = number(m, "occupancy_at_40mg", field);
  p.adaptation.fast_half_time_d = number(m, "fast_half_time_d", field);
  p.adaptation.slow_half_time_d = number(m, "slow_half_time_d", field);
  p.adaptation.rho = number(m, "rho", field);
  p.adaptation.w_slow = number(m, "w_slow", field);
  validate(p);
  return p;
}

json to_json(const PlanRequest& request) {
  json formulations = json::array();
  for (const auto& o : request.formulations.options) {
    formulations.push_back({{"drug", o.drug_id},
                            {"form", to_string(o.form)},
                            {"strength_mg", o.strength_mg},
                            {"strength_mg_per_ml", o.strength_mg_per_ml},
                            {"split", to_string(o.split)},
                            {"measure_increment_ml", o.measure_increment_ml},
                            {"compounded", o.compounded}});
  }
  return {{"regimen", to_json(request.regimen)},
          {"profile", to_json(request.profile)},
          {"settings", settings_to_json(request.settings)},
          {"formulations", formulations}};
}

PlanRequest parse_plan_request(const json& doc) {
  const std::string field = "request";
  PlanRequest request;
  request.regimen = parse_regimen(member(doc, "regimen", field), field + ".regimen");
  request.profile = parse_profile(member(doc, "profile", field));
  request.settings = settings_from_json(member(doc, "settings", field), field + ".settings");
  const json& fs = member(doc, "formulations", field);
  if (!fs.is_array()) throw ValidationError(field + ".formulations", "expected an array");
  for (std::size_t i = 0; i < fs.size(); ++i) {
    const std::string f = field + ".formulations[" + std::to_string(i) + "]";
    DispensingOption o;
    o.drug_id = text(fs[i], "drug", f);
    o.form = parse_form(text(fs[i], "form", f), f + ".form");
    o.strength_mg = number(fs[i], "strength_mg", f);
    o.strength_mg_per_ml = number(fs[i], "strength_mg_per_ml", f);
    o.split = parse_split(text(fs[i], "split", f), f + ".split");
    o.measure_increment_ml = number(fs[i], "measure_increment_ml", f);
    o.compounded = boolean(fs[i], "compounded", f);
    request.formulations.options.push_back(o);
  }
  return request;
}

}  // namespace taperlab
