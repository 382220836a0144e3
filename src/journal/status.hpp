#pragma once

// Where the person stands (`taperlab status`): the step and dose, days on the plan, how symptoms
// are moving, the latest decision, and how much adaptation the model says is left.

#include <optional>
#include <string>

#include "core/adapt/forecast.hpp"
#include "core/adapt/personal_model.hpp"
#include "journal/recovery.hpp"
#include "journal/today.hpp"

namespace taperlab::journal {

struct SymptomTrend {
  int check_ins_last_7 = 0;
  std::optional<double> mean_last_7;      // share, 0..1
  std::optional<double> mean_previous_7;  // the 7 days before
  std::string direction;                  // "better", "worse", "about the same", "not enough data"
};

struct ModelledState {
  bool personal = false;                // the person's own fit, else the population model
  double adaptation_remaining = 0.0;    // R today, 1 = fully adapted to the starting dose
  double withdrawal = 0.0;              // W today (mean of the day)
  std::optional<double> remaining_low;  // 80% band of R today (personal fit only)
  std::optional<double> remaining_high;
  std::optional<double> remaining_at_plan_end;  // R on the plan's last step's first day
  std::optional<adapt::PersonalFit> fit;
  // The personal model's forecast from today to the start of the last step (and 8 weeks after),
  // one entry a day: withdrawal pressure, symptom share and adaptation remaining with 80% bands.
  CivilDate forecast_from;
  std::vector<adapt::ForecastDay> forecast;
};

struct StatusView {
  TodayView today;
  int days_on_plan = 0;               // since the plan started (0 before)
  std::optional<CivilDate> plan_end;  // the day the last step starts
  double start_diazepam_equivalent_mg = 0.0;
  SymptomTrend trend;
  std::optional<ModelledState> model;    // during the taper
  std::optional<RecoveryView> recovery;  // after the last dose, in place of `model`
  int plan_versions = 0;
};

// How the daily symptom share moved: the 7 days to `date` against the 7 before.
SymptomTrend symptom_trend(store::Repository& repo, PersonId person, CivilDate date);

StatusView build_status(const JournalContext& ctx, const Person& person, CivilDate date);

nlohmann::json to_json(const StatusView& status);

}  // namespace taperlab::journal
