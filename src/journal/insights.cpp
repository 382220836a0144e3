#include "journal/insights.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "core/journal/plan_view.hpp"
#include "journal/today.hpp"

namespace taperlab::journal {
namespace {

CivilDate far_past() { return CivilDate{std::chrono::sys_days{std::chrono::year{1900} / 1 / 1}}; }

// Plan versions read and parsed once; the one in force on a date is the newest that had started.
class PlanHistory {
 public:
  explicit PlanHistory(const std::vector<PlanVersion>& versions) {
    for (const auto& v : versions) {
      PlanView view = parse_plan_view(v.plan);
      const double start_mg = view.start_diazepam_equivalent_mg;
      entries_.push_back({v.effective_from, v.version, start_mg, std::move(view)});
    }
  }
  [[nodiscard]] const PlanView* on(CivilDate date) const {
    const Entry* best = nullptr;
    for (const auto& e : entries_) {
      if (e.from <= date && (!best || e.version > best->version)) best = &e;
    }
    return best ? &best->view : nullptr;
  }
  // The earliest version: before it starts, the dose line is the regimen it started from.
  [[nodiscard]] const PlanView* first(double* start_mg) const {
    const Entry* first = nullptr;
    for (const auto& e : entries_) {
      if (!first || e.from < first->from) first = &e;
    }
    if (first) *start_mg = first->start_mg;
    return first ? &first->view : nullptr;
  }
  [[nodiscard]] std::vector<const PlanView*> views() const {
    std::vector<const PlanView*> out;
    for (const auto& e : entries_) out.push_back(&e.view);
    return out;
  }

 private:
  struct Entry {
    CivilDate from;
    int version;
    double start_mg;
    PlanView view;
  };
  std::vector<Entry> entries_;
};

}  // namespace

insight::InsightInput insight_input(store::Repository& repo, PersonId person, CivilDate until) {
  insight::InsightInput input;
  const PlanHistory plans(repo.plan_versions(person));
  std::map<CivilDate, insight::InsightDay> days;
  for (const auto& c : repo.check_ins(person, far_past(), until)) {
    days[c.date] = insight::insight_day(c);
  }
  // The dose line also covers days without a check-in, from the plan's start; after a plan's final
  // stop it runs on at 0 mg to `until` (the recovery phase), so that no chart joins months of
  // recovery with one straight line.
  for (const PlanView* view : plans.views()) {
    const CivilDate last =
        view->steps.back().doses.empty() ? until : view->date_of(view->steps.back());
    for (CivilDate d = view->start_date; d <= until && d <= last; d = d.plus_days(1)) {
      if (!days.count(d)) days[d].date = d;
    }
  }
  // Windows ("the last 7 days") end on `until`, not on the last check-in.
  if (!days.empty() && !days.count(until)) days[until].date = until;
  double start_mg = 0.0;
  const PlanView* first = plans.first(&start_mg);
  for (auto& [date, day] : days) {
    day.date = date;
    if (first && date < first->start_date && start_mg > 0) day.diazepam_equivalent_mg = start_mg;
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
    if (s.date > until || !s.result->is_object() || !s.result->contains("score") ||
        !s.result->at("score").is_number()) {
      continue;
    }
    input.cognitive.push_back({s.date, s.test_id, s.device, s.result->at("score").get<double>()});
  }
  return input;
}

insight::InsightSummary journal_insights(store::Repository& repo, const Person& person,
                                         CivilDate until) {
  const insight::InsightInput input = insight_input(repo, person.id, until);
  insight::InsightSummary summary = insight::summarize_insights(input);
  const TodayView today = build_today(repo, person, until);
  if (today.recovery) {
    const CivilDate from = today.recovery->clock.last_dose.plus_days(1);
    summary.recovery = insight::recovery_trends(input, from, until);
  }
  return summary;
}

}  // namespace taperlab::journal
