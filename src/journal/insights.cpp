#include "journal/insights.hpp"

#include <map>

#include "core/journal/plan_view.hpp"

namespace taperlab::journal {
namespace {

CivilDate far_past() { return CivilDate{std::chrono::sys_days{std::chrono::year{1900} / 1 / 1}}; }

// Plan versions parsed once; the one in force on a date is the newest that had started.
class PlanHistory {
 public:
  explicit PlanHistory(const std::vector<PlanVersion>& versions) {
    for (const auto& v : versions)
      views_.push_back({v.effective_from, v.version, parse_plan_view(v.plan)});
  }
  [[nodiscard]] const PlanView* on(CivilDate date) const {
    const Entry* best = nullptr;
    for (const auto& e : views_) {
      if (e.from <= date && (!best || e.version > best->version)) best = &e;
    }
    return best ? &best->view : nullptr;
  }

 private:
  struct Entry {
    CivilDate from;
    int version;
    PlanView view;
  };
  std::vector<Entry> views_;
};

}  // namespace

insight::InsightInput insight_input(store::Repository& repo, PersonId person, CivilDate until) {
  insight::InsightInput input;
  const PlanHistory plans(repo.plan_versions(person));
  std::map<CivilDate, insight::InsightDay> days;
  for (const auto& c : repo.check_ins(person, far_past(), until)) {
    days[c.date] = insight::insight_day(c);
  }
  // The dose line also covers days without a check-in, from the plan's start.
  for (const auto& v : repo.plan_versions(person)) {
    const PlanView view = parse_plan_view(v.plan);
    for (CivilDate d = view.start_date; d <= until && d <= view.date_of(view.steps.back());
         d = d.plus_days(1)) {
      if (!days.count(d)) days[d].date = d;
    }
  }
  // Windows ("the last 7 days") end on `until`, not on the last check-in.
  if (!days.empty() && !days.count(until)) days[until].date = until;
  // Before the first plan the dose line is the regimen that plan started from.
  const auto versions = repo.plan_versions(person);
  std::optional<CivilDate> first_start;
  double start_mg = 0.0;
  for (const auto& v : versions) {
    if (!first_start || v.effective_from < *first_start) {
      first_start = v.effective_from;
      start_mg = v.plan.value("start_diazepam_equivalent_mg", 0.0);
    }
  }
  for (auto& [date, day] : days) {
    day.date = date;
    if (first_start && date < *first_start && start_mg > 0) day.diazepam_equivalent_mg = start_mg;
    if (const PlanView* view = plans.on(date)) {
      if (const PlanStepView* step = view->step_on(date)) {
        day.diazepam_equivalent_mg = step->diazepam_equivalent_mg;
        day.cut = view->date_of(*step) == date && (step->kind == "cut" || step->kind == "stop");
      }
    }
    input.days.push_back(day);
  }
  for (const auto& r : repo.questionnaire_responses(person)) {
    if (r.date <= until) input.questionnaires.push_back({r.date, r.instrument_id, r.total});
  }
  for (const auto& s : repo.cognitive_sessions(person)) {
    if (s.date > until || !s.result.is_object() || !s.result.contains("score") ||
        !s.result.at("score").is_number()) {
      continue;
    }
    input.cognitive.push_back({s.date, s.test_id, s.device, s.result.at("score").get<double>()});
  }
  return input;
}

}  // namespace taperlab::journal
