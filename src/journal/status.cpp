#include "journal/status.hpp"

#include <nlohmann/json.hpp>
#include <random>

#include "core/adapt/forecast.hpp"
#include "core/adapt/series_stats.hpp"
#include "core/adapt/symptom_day.hpp"
#include "core/base/error.hpp"
#include "core/journal/plan_request_json.hpp"
#include "core/model/daily_course.hpp"
#include "core/model/simulation.hpp"
#include "journal/model_inputs.hpp"

namespace taperlab::journal {

using namespace taperlab::adapt;  // the personal model and its forecast

namespace {

// A change in the 7-day mean smaller than this is "about the same": about four item-points on
// the 22-item checklist (the decision rules' margin; assumed).
constexpr double kTrendMargin = 0.05;
constexpr std::uint64_t kForecastSeed = 20261123;  // fixed: the same history gives the same band

ModelledState modelled_state(const JournalContext& ctx, const Person& person,
                             const PlanInForce& plan, CivilDate date, CivilDate plan_end) {
  const PlanRequest request = parse_plan_request(plan.version().request);
  const EquivalenceTable& table = ctx.catalog.table(request.settings.table_id);
  // Eight weeks past the last step: what happens after the stop matters as much.
  const CivilDate horizon = std::max(date, plan_end).plus_days(56);
  PersonTimeline timeline = person_timeline(ctx.repo, person, plan, date, horizon);
  const int today_index = timeline.day0.days_until(date);
  const int end_index = timeline.day0.days_until(plan_end);
  ModelledState state;
  try {
    // The fit replays the history only up to the last check-in, so the planned doses after today
    // in the same timeline do not change it.
    const PersonalFit fit =
        fit_personal_model(ctx.catalog, table, timeline.request, timeline.observations,
                           PersonalFitOptions{request.settings.model, {}, 14, 1.0, 100, 0.01});
    std::mt19937_64 rng(kForecastSeed);
    const Forecast f = forecast(ctx.catalog, table, fit, timeline.request, rng);
    const ForecastDay& today = f.days.at(static_cast<std::size_t>(today_index));
    state.personal = true;
    state.adaptation_remaining = today.adaptation_remaining.median;
    state.withdrawal = today.withdrawal.median;
    state.remaining_low = today.adaptation_remaining.low;
    state.remaining_high = today.adaptation_remaining.high;
    if (end_index >= 0 && static_cast<std::size_t>(end_index) < f.days.size()) {
      state.remaining_at_plan_end =
          f.days[static_cast<std::size_t>(end_index)].adaptation_remaining.median;
    }
    state.fit = fit;
    state.forecast_from = date;
    state.forecast.assign(f.days.begin() + today_index, f.days.end());
    return state;
  } catch (const ValidationError&) {
    // Fewer than 14 days of check-ins: the population model.
  }
  Simulator simulator(ctx.catalog, table, request.settings.model);
  timeline.request.output_step_h = 1.0;
  const DailyCourse daily = daily_means(simulator.run(timeline.request));
  const auto at = [&](int index) { return static_cast<std::size_t>(index); };
  state.adaptation_remaining = daily.adaptation_remaining.at(at(today_index));
  state.withdrawal = daily.withdrawal.at(at(today_index));
  if (end_index >= 0 && at(end_index) < daily.withdrawal.size()) {
    state.remaining_at_plan_end = daily.adaptation_remaining[at(end_index)];
  }
  return state;
}

}  // namespace

SymptomTrend symptom_trend(store::Repository& repo, PersonId person, CivilDate date) {
  SymptomTrend trend;
  std::vector<double> last;
  std::vector<double> previous;
  for (const auto& c : repo.check_ins(person, date.plus_days(-13), date)) {
    const auto day = symptom_day(c);
    if (!day.symptom_share) continue;
    (c.date > date.plus_days(-7) ? last : previous).push_back(*day.symptom_share);
  }
  trend.check_ins_last_7 = static_cast<int>(last.size());
  if (!last.empty()) trend.mean_last_7 = mean(last);
  if (!previous.empty()) trend.mean_previous_7 = mean(previous);
  if (last.size() < 3 || previous.size() < 3) {
    trend.direction = "not enough data";
  } else if (*trend.mean_last_7 < *trend.mean_previous_7 - kTrendMargin) {
    trend.direction = "better";
  } else if (*trend.mean_last_7 > *trend.mean_previous_7 + kTrendMargin) {
    trend.direction = "worse";
  } else {
    trend.direction = "about the same";
  }
  return trend;
}

StatusView build_status(const JournalContext& ctx, const Person& person, CivilDate date) {
  StatusView status;
  status.today = build_today(ctx.repo, person, date);
  status.trend = symptom_trend(ctx.repo, person.id, date);
  status.plan_versions = static_cast<int>(ctx.repo.plan_versions(person.id).size());
  if (status.today.plan) {
    const PlanInForce& plan = *status.today.plan;
    status.days_on_plan = std::max(0, plan.view().start_date.days_until(date));
    status.plan_end = plan.view().date_of(plan.view().steps.back());
    status.start_diazepam_equivalent_mg = plan.view().start_diazepam_equivalent_mg;
    if (status.today.phase == JournalPhase::kRecovery) {
      status.recovery = build_recovery(ctx, person, date);
    } else if (date >= plan.view().start_date) {
      status.model = modelled_state(ctx, person, plan, date, *status.plan_end);
    }
  }
  return status;
}

nlohmann::json to_json(const StatusView& status) {
  using nlohmann::json;
  const auto opt = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
  json out = {{"today", json::parse(today_json_text(status.today))},
              {"days_on_plan", status.days_on_plan},
              {"plan_end", status.plan_end ? json(status.plan_end->to_string()) : json(nullptr)},
              {"start_diazepam_equivalent_mg", status.start_diazepam_equivalent_mg},
              {"plan_versions", status.plan_versions},
              {"symptom_trend",
               {{"check_ins_last_7", status.trend.check_ins_last_7},
                {"mean_last_7", opt(status.trend.mean_last_7)},
                {"mean_previous_7", opt(status.trend.mean_previous_7)},
                {"direction", status.trend.direction}}}};
  if (status.model) {
    const ModelledState& m = *status.model;
    json model = {{"source", m.personal ? "personal fit" : "population model"},
                  {"adaptation_remaining", m.adaptation_remaining},
                  {"adaptation_remaining_low", opt(m.remaining_low)},
                  {"adaptation_remaining_high", opt(m.remaining_high)},
                  {"withdrawal_pressure", m.withdrawal},
                  {"adaptation_remaining_at_plan_end", opt(m.remaining_at_plan_end)}};
    if (m.fit) {
      const auto est = [](const Estimate& e) {
        return json{{"value", e.value}, {"low", e.low}, {"high", e.high}};
      };
      model["fit"] = {{"s0", est(m.fit->s0)},
                      {"s1", est(m.fit->s1)},
                      {"fast_half_time_d", est(m.fit->fast_half_time_d)},
                      {"slow_half_time_d", est(m.fit->slow_half_time_d)},
                      {"d50_mg_per_day", est(m.fit->d50_mg_per_day)},
                      {"residual_sd", m.fit->residual_sd},
                      {"observations", m.fit->observations},
                      {"converged", m.fit->converged}};
      json forecast = json::array();
      for (std::size_t i = 0; i < m.forecast.size(); ++i) {
        const auto& d = m.forecast[i];
        const auto band = [](const ForecastBand& b) {
          return json{{"median", b.median}, {"low", b.low}, {"high", b.high}};
        };
        forecast.push_back({{"date", m.forecast_from.plus_days(static_cast<int>(i)).to_string()},
                            {"withdrawal_pressure", band(d.withdrawal)},
                            {"symptom_share", band(d.symptom_share)},
                            {"adaptation_remaining", band(d.adaptation_remaining)}});
      }
      model["forecast"] = forecast;
    }
    out["model"] = model;
  } else {
    out["model"] = nullptr;
  }
  out["recovery"] = status.recovery ? to_json(*status.recovery) : json(nullptr);
  return out;
}

}  // namespace taperlab::journal
