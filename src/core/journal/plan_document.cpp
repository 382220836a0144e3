// The stored plan document's writer (its reader is parse_plan_view, beside it in plan_view.cpp).

#include <map>

#include "core/base/json_text.hpp"
#include "core/journal/plan_view.hpp"
#include "core/plan/plan.hpp"

namespace taperlab {
namespace {

// Every object's members are written in sorted order, as nlohmann::json prints them, so the text
// reads back and prints as the same text (json_text.hpp).

void date_or_null(JsonText& j, const Plan& plan, int day) {
  if (plan.settings.start_date) {
    j.value(plan.settings.start_date->plus_days(day));
  } else {
    j.null();
  }
}

void write_regimen(JsonText& j, const Regimen& regimen) {
  j.begin_object().key("drugs").begin_array();
  for (const auto& d : regimen.drugs) {
    j.begin_object().key("daily_mg").value(d.daily_mg()).key("doses").begin_array();
    for (const auto& dose : d.doses) {
      j.begin_object();
      j.key("dose_mg").value(dose.dose_mg).key("time").value(dose.time.to_string());
      j.end_object();
    }
    j.end_array().key("drug").value(d.drug_id).end_object();
  }
  j.end_array().key("text").value(regimen.describe()).end_object();
}

void write_part(JsonText& j, const UnitPart& part) {
  j.begin_object()
      .key("compounded")
      .value(part.option.compounded)
      .key("form")
      .value(to_string(part.option.form))
      .key("product")
      .value(part.option.describe())
      .key("quarters")
      .value(part.quarters)
      .key("strength_mg")
      .value(part.option.strength_mg)
      .key("strength_mg_per_ml")
      .value(part.option.strength_mg_per_ml)
      .key("volume_ml")
      .value(part.volume_ml)
      .end_object();
}

void write_pharmacy(JsonText& j, const std::vector<PharmacyLine>& lines) {
  j.begin_array();
  for (const auto& line : lines) {
    j.begin_object()
        .key("compounded")
        .value(line.option.compounded)
        .key("drug")
        .value(line.option.drug_id)
        .key("form")
        .value(to_string(line.option.form))
        .key("product")
        .value(line.option.describe())
        .key("strength_mg")
        .value(line.option.strength_mg)
        .key("strength_mg_per_ml")
        .value(line.option.strength_mg_per_ml)
        .key("tablets")
        .value(line.tablets + 0.0)  // + 0.0 turns -0.0 into 0
        .key("volume_ml")
        .value(line.volume_ml + 0.0)
        .end_object();
  }
  j.end_array();
}

void write_step(JsonText& j, const Plan& plan, const TaperStep& step) {
  const bool open_ended = step.duration_days <= 0;
  j.begin_object();
  j.key("cut_fraction").value(step.cut_fraction);
  // By drug id; a drug listed twice keeps its last value.
  std::map<std::string, double> daily;
  for (const auto& drug : step.drugs) daily[drug.drug_id] = drug.daily_mg();
  j.key("daily_mg").begin_object();
  for (const auto& [drug, mg] : daily) j.key(drug).value(mg);
  j.end_object();
  j.key("day").value(step.start_day);
  j.key("diazepam_equivalent_mg").value(step.diazepam_equivalent_mg);
  j.key("doses").begin_array();
  for (const auto& drug : step.drugs) {
    for (const auto& dose : drug.doses) {
      if (dose.dose_mg() <= 0) continue;  // simulate --plan rejects 0 mg doses
      j.begin_object();
      j.key("dose_mg").value(dose.dose_mg());
      j.key("drug").value(drug.drug_id);
      j.key("parts").begin_array();
      for (const auto& part : dose.makeup.parts) write_part(j, part);
      j.end_array();
      j.key("time").value(dose.time.to_string());
      j.key("units").value(dose.makeup.describe());
      j.end_object();
    }
  }
  j.end_array();
  j.key("duration_days").value(step.duration_days);
  j.key("end_date");
  if (open_ended) {
    j.null();
  } else {
    date_or_null(j, plan, step.start_day + step.duration_days - 1);
  }
  j.key("index").value(step.index);
  j.key("kind").value(to_string(step.kind));
  j.key("note").value(step.note);
  j.key("peak_withdrawal").value(step.peak_withdrawal);
  j.key("start_date");
  date_or_null(j, plan, step.start_day);
  j.key("target_diazepam_equivalent_mg").value(step.target_diazepam_equivalent_mg);
  j.end_object();
}

void write_settings(JsonText& j, const PlanSettings& s) {
  j.begin_object();
  j.key("ceiling").value(s.ceiling);
  j.key("clinician_override_reason").value(s.clinician_override_reason);
  j.key("country").value(s.country);
  j.key("crossover_to").value(s.crossover_to);
  j.key("cut_evening_last").value(s.cut_evening_last);
  j.key("cut_fraction").value(s.cut_fraction);
  j.key("every_days").value(s.every_days);
  j.key("pace").value(s.pace);
  j.key("prefer").value(s.prefer);
  j.key("steps").value(s.steps);
  j.key("target_date").value(s.target_date);
  j.end_object();
}

// Each alternative in one line and in numbers, with its daily diazepam-equivalent by step (for a
// small chart); the plan itself is the chosen one.
void write_alternatives(JsonText& j, const Plan& plan) {
  j.begin_array();
  for (std::size_t i = 0; i < plan.alternatives.size(); ++i) {
    const PlanAlternative& a = plan.alternatives[i];
    j.begin_object();
    j.key("chosen").value(static_cast<int>(i) == plan.chosen_alternative);
    j.key("dose_by_step").begin_array();
    if (a.plan) {
      for (const auto& step : a.plan->steps) {
        j.begin_array().value(step.start_day).value(step.diazepam_equivalent_mg).end_array();
      }
    }
    j.end_array();
    j.key("kind").value(to_string(a.kind));
    j.key("number").value(static_cast<int>(i) + 1);
    j.key("peak_share_of_abrupt").value(a.peak_share_of_abrupt);
    j.key("steps").value(a.steps);
    j.key("strategy").value(a.plan ? a.plan->settings.strategy : std::string());
    j.key("summary").value(a.summary_line());
    j.key("title").value(a.title);
    j.key("to_get").begin_array();
    for (const auto& line : a.to_get) j.value(line);
    j.end_array();
    j.key("weeks").value(a.weeks);
    j.end_object();
  }
  j.end_array();
}

void write_model(JsonText& j, const ModelParameters& model) {
  const auto& effect = model.effect;
  const auto& adaptation = model.adaptation;
  j.begin_object();
  j.key("d50_mg_per_day").value(effect.d50_mg_per_day);
  j.key("fast_half_time_d").value(adaptation.fast_half_time_d);
  j.key("hill_n").value(effect.hill_n);
  j.key("occupancy_at_40mg").value(effect.occupancy_at_40mg);
  j.key("rho").value(adaptation.rho);
  j.key("slow_half_time_d").value(adaptation.slow_half_time_d);
  j.key("w_slow").value(adaptation.w_slow);
  j.end_object();
}

}  // namespace

std::string plan_document_text(const Plan& plan) {
  const PlanSettings& s = plan.settings;
  std::string out;
  out.reserve(4096 + 1024 * plan.steps.size());
  JsonText j(out);
  j.begin_object();
  j.key("abrupt_stop_peak_withdrawal").value(plan.abrupt_stop_peak_withdrawal);
  j.key("alternatives");
  write_alternatives(j, plan);
  j.key("alternatives_reason").value(plan.alternatives_reason);
  j.key("country").value(s.country);
  j.key("draft_notice").value(kDraftNotice);
  j.key("findings").begin_array();
  for (const auto& f : plan.findings) {
    j.begin_object();
    j.key("action").value(f.action);
    j.key("code").value(f.code);
    j.key("message").value(f.message);
    j.key("severity").value(to_string(f.severity));
    j.end_object();
  }
  j.end_array();
  j.key("goal_mg").value(s.goal_mg);
  j.key("model");
  write_model(j, s.model);
  j.key("needs_clinician").value(plan.needs_clinician());
  j.key("notes").begin_array();
  for (const auto& note : plan.notes) j.value(note);
  j.end_array();
  j.key("pharmacy").begin_object();
  j.key("per_step").begin_array();
  for (const auto& step : plan.steps) {
    j.begin_object().key("lines");
    write_pharmacy(j, plan.pharmacy_for_step(step));
    j.key("step").value(step.index).end_object();
  }
  j.end_array();
  j.key("total");
  write_pharmacy(j, plan.pharmacy_total());
  j.end_object();
  j.key("settings");
  write_settings(j, s);
  j.key("start_date").value(s.start_date);
  j.key("start_diazepam_equivalent_mg").value(plan.start_diazepam_equivalent_mg);
  j.key("start_regimen");
  write_regimen(j, plan.start_regimen);
  j.key("steps").begin_array();
  for (const auto& step : plan.steps) write_step(j, plan, step);
  j.end_array();
  j.key("strategy").value(s.strategy);
  j.key("table").value(s.table_id);
  j.key("then_strategy").value(s.then_strategy);
  j.key("total_days").value(plan.total_days());
  j.end_object();
  j.finish();
  return out;
}

}  // namespace taperlab
