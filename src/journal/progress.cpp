#include "journal/progress.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/model/daily_course.hpp"
#include "core/journal/plan_request_json.hpp"
#include "core/journal/records_json.hpp"
#include "core/model/simulation.hpp"
#include "journal/insights.hpp"
#include "journal/model_inputs.hpp"
#include "journal/plans.hpp"
#include "journal/recovery.hpp"

namespace taperlab::journal {
namespace {

template <typename T>
nlohmann::json optional_json(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

// Day index -> (R, W) of the population model, from the plan in force on `date`.
std::map<CivilDate, std::pair<double, double>> model_line(const JournalContext& ctx,
                                                          const Person& person, CivilDate date) {
  std::map<CivilDate, std::pair<double, double>> line;
  auto plan = plan_in_force(ctx.repo, person.id, date);
  if (!plan) return line;
  const PlanRequest request = parse_plan_request(plan->version().request);
  const EquivalenceTable& table = ctx.catalog.table(request.settings.table_id);
  PersonTimeline timeline = person_timeline(ctx.repo, person, *plan, date, date.plus_days(1));
  if (date < timeline.day0) return line;
  timeline.request.output_step_h = 1.0;
  Simulator simulator(ctx.catalog, table, request.settings.model);
  const DailyCourse daily = daily_means(simulator.run(timeline.request));
  for (std::size_t d = 0; d < daily.withdrawal.size(); ++d) {
    const CivilDate day = timeline.day0.plus_days(static_cast<int>(d));
    if (date < day) break;
    line[day] = {daily.adaptation_remaining[d], daily.withdrawal[d]};
  }
  return line;
}

}  // namespace

nlohmann::json progress_json(const JournalContext& ctx, const Person& person, CivilDate date) {
  const insight::InsightInput input = insight_input(ctx.repo, person.id, date);
  const auto model = model_line(ctx, person, date);

  std::vector<insight::InsightDay> days = input.days;
  std::sort(days.begin(), days.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  nlohmann::json day_list = nlohmann::json::array();
  nlohmann::json cuts = nlohmann::json::array();
  for (const auto& d : days) {
    nlohmann::json row = {{"date", d.date.to_string()},
                          {"dose_mg", optional_json(d.diazepam_equivalent_mg)},
                          {"symptom_share", optional_json(d.symptom_share)},
                          {"sleep_quality", optional_json(d.sleep_quality)},
                          {"sleep_minutes", optional_json(d.sleep_minutes)},
                          {"mood", optional_json(d.mood)},
                          {"adaptation_remaining", nullptr},
                          {"withdrawal", nullptr}};
    if (auto it = model.find(d.date); it != model.end()) {
      row["adaptation_remaining"] = it->second.first;
      row["withdrawal"] = it->second.second;
    }
    if (d.cut) cuts.push_back(d.date.to_string());
    day_list.push_back(row);
  }
  nlohmann::json questionnaires = nlohmann::json::array();
  for (const auto& q : input.questionnaires) {
    questionnaires.push_back(
        {{"date", q.date.to_string()}, {"instrument", q.instrument_id}, {"total", q.total}});
  }
  nlohmann::json cognition = nlohmann::json::array();
  for (const auto& c : input.cognitive) {
    cognition.push_back({{"date", c.date.to_string()},
                         {"test_id", c.test_id},
                         {"device", c.device},
                         {"score", c.score}});
  }
  nlohmann::json versions = nlohmann::json::array();
  for (const auto& v : ctx.repo.plan_versions(person.id)) {
    versions.push_back({{"version", v.version},
                        {"effective_from", v.effective_from.to_string()},
                        {"reason", v.reason}});
  }
  nlohmann::json decisions = nlohmann::json::array();
  for (const auto& d : ctx.repo.decisions(person.id)) {
    if (date < d.date) continue;
    decisions.push_back(to_json(d));
  }
  // After the last dose: recovery against the person's own baseline and the model's curve.
  const auto recovery = build_recovery(ctx, person, date);
  return {{"phase", recovery ? "recovery" : to_string(build_today(ctx.repo, person, date).phase)},
          {"recovery", recovery ? to_json(*recovery) : nlohmann::json(nullptr)},
          {"from",
           days.empty() ? nlohmann::json(nullptr) : nlohmann::json(days.front().date.to_string())},
          {"to", date.to_string()},
          {"days", day_list},
          {"cuts", cuts},
          {"questionnaires", questionnaires},
          {"cognition", cognition},
          {"plan_versions", versions},
          {"decisions", decisions}};
}

}  // namespace taperlab::journal
