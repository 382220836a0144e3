#include "journal/clinic_dashboard.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "core/journal/records_json.hpp"
#include "journal/today.hpp"

namespace taperlab::journal {
namespace {

// A red flag or an urgent decision this recent puts the row on top (the decision rules look at
// the same week: docs/tracking.md, "Decisions"). Assumed.
constexpr int kUrgentDays = 7;
// PHQ-9 asks about the last 2 weeks (Kroenke et al. 2001): an answer above 0 to item 9 (thoughts
// of self-harm) is urgent for as long as it describes. Published recall period.
constexpr int kPhq9RecallDays = 14;
constexpr std::size_t kPhq9SelfHarmItem = 8;  // item 9, 0-based
// The daily check-in is asked for every day (docs/tracking.md): none today or on the 2 days
// before is "missed". Assumed, so that an evening check-in is not missed in the morning.
constexpr int kCheckInGraceDays = 2;
// Doses are looked at over full days only (today's may still be taken): the 2 days before today
// for "not logged", the 7 for adherence. Assumed.
constexpr int kUnloggedDays = 2;
constexpr int kAdherenceDays = 7;

bool is_taken(DoseStatus s) { return s == DoseStatus::kTaken || s == DoseStatus::kDifferent; }

std::optional<DashboardScore> latest_score(const std::vector<QuestionnaireResponse>& responses) {
  if (responses.empty()) return std::nullopt;
  const auto& r = responses.back();  // by date then id
  return DashboardScore{r.date, r.total, r.band};
}

// The planned doses of `day`: from the plan in force today when it covers the day, else none.
int planned_on(const TodayView& today, CivilDate day) {
  if (!today.plan) return 0;
  const PlanStepView* step = today.plan->view().step_on(day);
  return step ? static_cast<int>(step->doses.size()) : 0;
}

void add_doses(DashboardRow& row, const TodayView& today) {
  std::map<std::string, double> daily;
  if (today.step) {
    for (const auto& d : today.step->doses) daily[d.drug_id] += d.dose_mg;
    row.diazepam_equivalent_mg = today.step->diazepam_equivalent_mg;
  } else if (today.regimen) {
    for (const auto& drug : today.regimen->regimen.drugs) {
      for (const auto& dose : drug.doses) daily[drug.drug_id] += dose.dose_mg;
    }
  }
  for (const auto& [drug, mg] : daily) row.doses.push_back({drug, mg});
}

// Planned against logged, day by day (a log answers a planned dose by its planned time).
void add_adherence(store::Repository& repo, DashboardRow& row, const TodayView& today,
                   bool& unlogged_recently) {
  const CivilDate from = row.date.plus_days(-kAdherenceDays);
  const CivilDate to = row.date.plus_days(-1);
  std::map<CivilDate, std::pair<int, int>> logged;  // day -> (taken, missed) of planned doses
  for (const auto& e : repo.doses(row.person_id, from, to)) {
    if (!e.planned_time) continue;
    auto& [taken, missed] = logged[e.date];
    if (is_taken(e.status)) ++taken;
    if (e.status == DoseStatus::kMissed) ++missed;
  }
  for (CivilDate day = from; day <= to; day = day.plus_days(1)) {
    const int planned = planned_on(today, day);
    if (planned == 0) continue;
    const auto [taken, missed] = logged[day];
    row.doses_planned += planned;
    row.doses_taken += std::min(taken, planned);
    row.doses_missed += std::min(missed, planned);
    if (taken + missed < planned && row.date.plus_days(-kUnloggedDays) <= day) {
      unlogged_recently = true;
    }
  }
  if (row.doses_planned > 0) {
    row.adherence = static_cast<double>(row.doses_taken) / row.doses_planned;
  }
}

}  // namespace

const char* to_string(Attention a) {
  switch (a) {
    case Attention::kUrgent:
      return "urgent";
    case Attention::kReview:
      return "review";
    case Attention::kCheckInsMissed:
      return "check-ins-missed";
    case Attention::kDosesNotLogged:
      return "doses-not-logged";
    case Attention::kOnTrack:
      break;
  }
  return "on-track";
}

DashboardRow dashboard_row(store::Repository& repo, const Person& person, CivilDate date) {
  DashboardRow row;
  row.person_id = person.id;
  row.name = person.name;
  row.date = date;
  const TodayView today = build_today(repo, person, date);
  row.phase = today.phase;
  row.paused = today.paused;
  row.steps_total = today.steps_total;
  if (today.step) {
    row.step = today.step->index;
    row.days_on_step = today.day_in_step;
  }
  add_doses(row, today);
  row.latest_decision = today.latest_decision;
  row.trend = symptom_trend(repo, person.id, date);

  bool red_flag = false;
  for (const auto& c : repo.check_ins(person.id, date.plus_days(-kUrgentDays + 1), date)) {
    red_flag = red_flag || !c.red_flags.empty();
  }
  // The latest check-in at all, for "last seen": the recent ones first, the rest only if needed.
  const auto recent = repo.check_ins(person.id, date.plus_days(-kCheckInGraceDays), date);
  if (!recent.empty()) {
    row.last_check_in = recent.back().date;
  } else if (const auto all = repo.check_ins(person.id, CivilDate{}, date); !all.empty()) {
    row.last_check_in = all.back().date;
  }

  const auto phq9 = repo.questionnaire_responses(person.id, "phq9");
  row.phq9 = latest_score(phq9);
  row.gad7 = latest_score(repo.questionnaire_responses(person.id, "gad7"));
  const bool self_harm = !phq9.empty() && phq9.back().answers.size() > kPhq9SelfHarmItem &&
                         phq9.back().answers[kPhq9SelfHarmItem] > 0 &&
                         date.plus_days(-kPhq9RecallDays) < phq9.back().date;

  const auto reviews = repo.decision_reviews(person.id);
  bool urgent_decision = today.paused;
  for (const auto& d : repo.decisions(person.id)) {
    if (d.kind == DecisionKind::kUrgent && date.plus_days(-kUrgentDays) < d.date) {
      urgent_decision = true;
    }
    if (d.kind != DecisionKind::kHold && d.kind != DecisionKind::kSlow) continue;
    const bool reviewed = std::any_of(reviews.begin(), reviews.end(),
                                      [&](const auto& r) { return r.decision_id == d.id; });
    if (!reviewed) row.decisions_to_review.push_back(d.id);
  }

  bool unlogged = false;
  add_adherence(repo, row, today, unlogged);
  const bool missed_check_ins =
      !row.last_check_in || *row.last_check_in < date.plus_days(-kCheckInGraceDays);

  if (red_flag) row.reasons.push_back("red-flag");
  if (urgent_decision) row.reasons.push_back("urgent-decision");
  if (self_harm) row.reasons.push_back("phq9-item9");
  if (!row.decisions_to_review.empty()) row.reasons.push_back("review-waiting");
  if (missed_check_ins) row.reasons.push_back("check-ins-missed");
  if (unlogged) row.reasons.push_back("doses-not-logged");
  if (red_flag || urgent_decision || self_harm) {
    row.attention = Attention::kUrgent;
  } else if (!row.decisions_to_review.empty()) {
    row.attention = Attention::kReview;
  } else if (missed_check_ins) {
    row.attention = Attention::kCheckInsMissed;
  } else if (unlogged) {
    row.attention = Attention::kDosesNotLogged;
  }
  return row;
}

std::optional<DashboardRowMemo::Kept> DashboardRowMemo::find(PersonId person,
                                                             std::int64_t journal_version) const {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(person);
  if (it == entries_.end() || it->second.journal_version != journal_version) return std::nullopt;
  return it->second;
}

void DashboardRowMemo::keep(PersonId person, Kept kept) {
  std::lock_guard lock(mutex_);
  if (entries_.size() >= capacity_ && entries_.find(person) == entries_.end()) entries_.clear();
  entries_[person] = std::move(kept);
}

std::vector<std::shared_ptr<const DashboardEntry>> clinic_dashboard_entries(
    store::Repository& repo, UserId clinician,
    const std::function<CivilDate(const std::string& time_zone)>& today_in,
    DashboardRowMemo* memo) {
  std::vector<std::shared_ptr<const DashboardEntry>> rows;
  // The linked people and their versions in one read; the rows are built only for those whose
  // version or date moved since they were kept. The versions are read with the people, so a
  // write committed after this read leaves a kept row older than the store, never newer (the next
  // load builds it again).
  for (auto& [person, version] : repo.linked_people_of_clinician(clinician)) {
    const CivilDate date = today_in(person.time_zone);
    if (memo) {
      if (auto kept = memo->find(person.id, version)) {
        if (kept->entry->row.date == date && kept->time_zone == person.time_zone) {
          rows.push_back(std::move(kept->entry));
          continue;
        }
      }
    }
    auto entry = std::make_shared<DashboardEntry>();
    entry->row = dashboard_row(repo, person, date);
    entry->json_text = json_text(entry->row);
    rows.push_back(entry);
    if (memo) memo->keep(person.id, {version, person.time_zone, std::move(entry)});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& x, const auto& y) {
    const DashboardRow& a = x->row;
    const DashboardRow& b = y->row;
    if (a.attention != b.attention) return a.attention < b.attention;
    if (a.name != b.name) return a.name < b.name;
    return a.person_id < b.person_id;
  });
  return rows;
}

std::vector<DashboardRow> clinic_dashboard(
    store::Repository& repo, UserId clinician,
    const std::function<CivilDate(const std::string& time_zone)>& today_in,
    DashboardRowMemo* memo) {
  std::vector<DashboardRow> rows;
  for (const auto& entry : clinic_dashboard_entries(repo, clinician, today_in, memo)) {
    rows.push_back(entry->row);
  }
  return rows;
}

std::string json_text(const DashboardRow& row) {
  return to_json(row).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json to_json(const DashboardRow& row) {
  using nlohmann::json;
  auto opt_date = [](const std::optional<CivilDate>& d) {
    return d ? json(d->to_string()) : json(nullptr);
  };
  auto score = [](const std::optional<DashboardScore>& s) {
    if (!s) return json(nullptr);
    return json{{"date", s->date.to_string()}, {"total", s->total}, {"band", s->band}};
  };
  json doses = json::array();
  for (const auto& d : row.doses)
    doses.push_back({{"drug_id", d.drug_id}, {"daily_mg", d.daily_mg}});
  json review = json::array();
  for (const RecordId id : row.decisions_to_review) review.push_back(id);
  return {
      {"person_id", row.person_id},
      {"name", row.name},
      {"date", row.date.to_string()},
      {"attention", to_string(row.attention)},
      {"reasons", row.reasons},
      {"phase", to_string(row.phase)},
      {"paused", row.paused},
      {"step", row.step ? json(*row.step) : json(nullptr)},
      {"steps_total", row.steps_total},
      {"days_on_step", row.days_on_step},
      {"doses", doses},
      {"diazepam_equivalent_mg", row.diazepam_equivalent_mg},
      {"symptom_trend",
       {{"check_ins_last_7", row.trend.check_ins_last_7},
        {"mean_last_7", row.trend.mean_last_7 ? json(*row.trend.mean_last_7) : json(nullptr)},
        {"mean_previous_7",
         row.trend.mean_previous_7 ? json(*row.trend.mean_previous_7) : json(nullptr)},
        {"direction", row.trend.direction}}},
      {"last_check_in", opt_date(row.last_check_in)},
      {"phq9", score(row.phq9)},
      {"gad7", score(row.gad7)},
      {"adherence",
       {{"days", kAdherenceDays},
        {"planned", row.doses_planned},
        {"taken", row.doses_taken},
        {"missed", row.doses_missed},
        {"share", row.adherence ? json(*row.adherence) : json(nullptr)}}},
      {"decisions_to_review", review},
      {"latest_decision",
       row.latest_decision ? taperlab::to_json(*row.latest_decision) : json(nullptr)},
  };
}

}  // namespace taperlab::journal
