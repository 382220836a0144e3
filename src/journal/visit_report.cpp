#include "journal/visit_report.hpp"

#include <algorithm>
#include <map>

#include "core/adapt/series_stats.hpp"
#include "core/assess/cognitive_tests.hpp"
#include "core/base/text.hpp"
#include "core/instruments/crisis_message.hpp"
#include "core/journal/plan_request_json.hpp"
#include "journal/cognitive.hpp"
#include "journal/insights.hpp"
#include "journal/status.hpp"

namespace taperlab::journal {
namespace {

using report::VisitReport;

std::string visit_doses_text(const PlanStepView& step) {
  std::string text;
  for (const auto& d : step.doses) {
    if (!text.empty()) text += "; ";
    text += d.time.to_string() + " " + d.drug_id + " " + format_decimal(d.dose_mg, 3) + " mg";
  }
  return text;
}

report::VisitPlanStep visit_step(const PlanView& view, const PlanStepView& step) {
  report::VisitPlanStep s;
  s.index = step.index;
  s.from = view.date_of(step);
  s.days = step.open_ended() ? 0 : step.duration_days;
  s.kind = step.kind;
  s.diazepam_equivalent_mg = step.diazepam_equivalent_mg;
  s.doses = visit_doses_text(step);
  return s;
}

std::string visit_phase(const TodayView& today) {
  if (today.phase == JournalPhase::kRecovery) return "recovery";
  if (!today.plan) return today.plan_start_date ? "before_plan" : "no_plan";
  return today.paused ? "paused" : "taper";
}

std::string visit_pause_text(const PauseState& pause) {
  std::vector<std::string> flags;
  for (const RedFlag f : pause.flags) flags.push_back(to_string(f));
  std::string text = "The plan is paused since " + pause.urgent.date.to_string() + " (" +
                     days_words(pause.days()) + ") after an urgent decision";
  if (!flags.empty()) text += ": the person reported " + join_words(flags);
  text += ". No further cuts until it is resumed; the dose of " + pause.urgent.date.to_string() +
          " is kept.";
  text += pause.can_resume() ? " It may be resumed now." : " Not yet resumable: " + pause.blocker;
  return text;
}

// "0-4 minimal, 5-9 mild, ..." from the instrument's scoring.
std::string visit_bands(const Scoring& scoring) {
  std::string text;
  for (std::size_t i = 0; i < scoring.bands.size(); ++i) {
    const int low = scoring.bands[i].min;
    const int high = i + 1 < scoring.bands.size() ? scoring.bands[i + 1].min - 1 : scoring.max;
    if (!text.empty()) text += ", ";
    text += std::to_string(low) + "-" + std::to_string(high) + " " + scoring.bands[i].label;
  }
  return text;
}

report::VisitInstrument visit_instrument(const JournalContext& ctx, const std::string& id,
                                         const std::vector<QuestionnaireResponse>& responses,
                                         std::vector<std::string>& sources) {
  const Instrument& inst = ctx.instruments.find(id);
  report::VisitInstrument out;
  out.name = inst.name;
  out.full_name = inst.full_name;
  out.max = inst.scoring ? inst.scoring->max : 0;
  out.bands = inst.scoring ? visit_bands(*inst.scoring) : "";
  out.source = inst.scoring ? inst.scoring->source : "";
  sources.push_back(inst.name + ": " + inst.citation);
  std::vector<report::VisitQuestionnaire> all;
  for (const auto& r : responses) {
    if (r.instrument_id != inst.id) continue;
    report::VisitQuestionnaire q;
    q.date = r.date;
    q.total = r.total;
    q.band = r.band;
    if (inst.crisis_rule && inst.crisis_rule->item_index < r.answers.size()) {
      q.item9 = r.answers[inst.crisis_rule->item_index];
    }
    all.push_back(q);
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const auto& a, const auto& b) { return a.date < b.date; });
  out.answers_total = static_cast<int>(all.size());
  const std::size_t keep = static_cast<std::size_t>(report::kMaxQuestionnaireRows);
  if (all.size() > keep) all.erase(all.begin(), all.end() - static_cast<std::ptrdiff_t>(keep));
  out.answers = std::move(all);
  return out;
}

// The mean of `values` dated from..to (inclusive), with how many there were.
struct VisitMean {
  std::optional<double> mean;
  int n = 0;
};
VisitMean visit_mean(const std::vector<report::VisitValue>& values, CivilDate from, CivilDate to) {
  std::vector<double> in;
  for (const auto& v : values) {
    if (v.date >= from && v.date <= to) in.push_back(v.value);
  }
  VisitMean m;
  m.n = static_cast<int>(in.size());
  if (!in.empty()) m.mean = adapt::mean(in);
  return m;
}

report::VisitComparison visit_compare(std::string measure, int decimals,
                                      const std::vector<report::VisitValue>& values,
                                      const VisitReport& r, CivilDate recent_from) {
  report::VisitComparison c;
  c.measure = std::move(measure);
  c.decimals = decimals;
  const VisitMean base = visit_mean(values, r.baseline_from, r.baseline_to);
  const VisitMean recent = visit_mean(values, recent_from, r.date);
  c.baseline = base.mean;
  c.baseline_n = base.n;
  c.recent = recent.mean;
  c.recent_n = recent.n;
  return c;
}

}  // namespace

report::VisitReport build_visit_report(const JournalContext& ctx, const Person& person,
                                       CivilDate date) {
  require_not_future(ctx, date, "date");
  VisitReport r;
  r.date = date;
  r.person_name = person.name;
  r.country = person.profile.country;
  r.age = person.profile.age_years.value_or(0);
  r.sex = person.profile.sex;
  r.prescriber = person.profile.prescriber.name;
  r.paper = report::paper_for_country(person.profile.country);

  const StatusView status = build_status(ctx, person, date);
  const TodayView& today = status.today;
  r.phase = visit_phase(today);
  r.plan_versions = status.plan_versions;
  const EquivalenceTable* table = nullptr;
  if (today.plan) {
    const PlanView& view = today.plan->view();
    r.plan_version = today.plan->version().version;
    r.plan_start = view.start_date;
    r.strategy = view.strategy;
    r.days_on_plan = status.days_on_plan;
    r.plan_end = status.plan_end;
    r.start_mg = status.start_diazepam_equivalent_mg;
    if (!view.start_regimen.empty()) r.start_regimen = view.start_regimen.describe();
    r.steps_total = today.steps_total;
    r.day_in_step = today.day_in_step;
    if (today.step) r.step = visit_step(view, *today.step);
    if (!today.paused && r.phase != "recovery") {
      // The steps after the one in force (all of them before the plan starts).
      for (const auto& s : view.steps) {
        if (static_cast<int>(r.next_steps.size()) >= 4) break;
        if (view.date_of(s) > date) r.next_steps.push_back(visit_step(view, s));
      }
    }
    const PlanRequest request = parse_plan_request(today.plan->version().request);
    table = &ctx.catalog.table(request.settings.table_id);
    r.table_name = table->name;
    r.sources.push_back("Equivalence table: " + table->name + " (" + table->citation + ")");
    for (std::size_t i = 0; i < view.findings.size() && i < 2; ++i) {
      r.findings.push_back(view.findings[i]);
    }
  } else {
    if (today.plan_start_date) r.plan_start = today.plan_start_date;
    if (today.regimen && !today.regimen->regimen.empty()) {
      r.start_regimen = today.regimen->regimen.describe();
    }
  }
  if (today.pause) r.pause = visit_pause_text(*today.pause);
  if (today.recovery) r.last_dose = today.recovery->clock.last_dose;

  // The dose line: planned from the plan in force each day (insights' dose line), taken from the
  // log, over the window and, while the taper runs, 4 weeks ahead.
  const CivilDate from = date.plus_days(-(report::kVisitWindowDays - 1));
  const int ahead = r.phase == "taper" || r.phase == "before_plan" ? report::kVisitAheadDays : 0;
  const insight::InsightInput input = insight_input(ctx.repo, person.id, date.plus_days(ahead));
  std::map<CivilDate, double> taken;
  if (table != nullptr) {
    for (const auto& d : ctx.repo.doses(person.id, from, date)) {
      if (d.status == DoseStatus::kMissed) {
        taken.emplace(d.date, 0.0);
        continue;
      }
      if (table->has(d.drug_id))
        taken[d.date] += table->reference_equivalent_mg(d.drug_id, d.dose_mg);
    }
  }
  std::vector<insight::InsightDay> days = input.days;
  std::sort(days.begin(), days.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  for (const auto& d : days) {
    if (d.date < from) continue;
    if (d.date <= date) {
      if (d.symptom_share) r.symptoms.push_back({d.date, *d.symptom_share * 100.0});
      if (d.sleep_quality)
        r.sleep_quality.push_back({d.date, static_cast<double>(*d.sleep_quality)});
    }
    if (!today.plan && !today.plan_start_date) continue;
    report::VisitDoseDay dd;
    dd.date = d.date;
    dd.planned_mg = d.diazepam_equivalent_mg;
    if (auto it = taken.find(d.date); it != taken.end()) dd.taken_mg = it->second;
    r.dose_line.push_back(dd);
  }
  if (r.dose_line.size() < 2) r.dose_line.clear();

  // Adherence over the last 28 days, day by day as Today showed it (a pause keeps its dose).
  if (today.plan && r.phase != "recovery") {
    report::VisitAdherence a;
    a.to = date;
    a.from = std::max(date.plus_days(-27), today.plan->view().start_date);
    for (CivilDate d = a.from; d <= date; d = d.plus_days(1)) {
      const TodayView day = build_today(ctx.repo, person, d);
      for (const auto& dose : day.doses) {
        ++a.planned;
        if (!dose.logged) {
          ++a.not_logged;
        } else if (dose.logged->status == DoseStatus::kMissed) {
          ++a.missed;
        } else {
          ++a.taken;
        }
      }
      a.extra += static_cast<int>(day.unplanned.size());
    }
    if (a.from <= date) r.adherence = a;
  }

  const Instrument* checklist = ctx.instruments.try_find("symptom-checklist");
  r.checklist_note = checklist && !checklist->validation_note.empty()
                         ? checklist->validation_note
                         : "The symptom checklist is taperlab's own, not a validated scale.";
  if (status.trend.mean_last_7) r.symptoms_last_7 = *status.trend.mean_last_7 * 100.0;
  if (status.trend.mean_previous_7) r.symptoms_previous_7 = *status.trend.mean_previous_7 * 100.0;
  r.symptoms_last_7_n = status.trend.check_ins_last_7;
  r.symptom_direction = status.trend.direction;
  r.sources.push_back(
      "Symptom checklist, decision rules and baseline: taperlab's own (docs/tracking.md; "
      "thresholds assumed, not validated)");

  // PHQ-9 and GAD-7.
  std::vector<QuestionnaireResponse> responses;
  for (const auto& q : ctx.repo.questionnaire_responses(person.id)) {
    if (q.date <= date) responses.push_back(q);
  }
  r.phq9 = visit_instrument(ctx, "phq9", responses, r.sources);
  r.gad7 = visit_instrument(ctx, "gad7", responses, r.sources);
  {
    const Instrument& phq9 = ctx.instruments.find("phq9");
    std::optional<report::VisitQuestionnaire> flag;
    for (const auto& q : responses) {
      if (q.instrument_id != phq9.id || q.date < date.plus_days(-report::kCrisisLookbackDays)) {
        continue;
      }
      const bool above = phq9.crisis_rule && phq9.crisis_rule->item_index < q.answers.size() &&
                         q.answers[phq9.crisis_rule->item_index] > phq9.crisis_rule->above;
      if (above && (!flag || flag->date <= q.date)) {
        flag = report::VisitQuestionnaire{q.date, q.total, q.band,
                                          q.answers[phq9.crisis_rule->item_index]};
      }
    }
    r.item9_flag = flag;
    const CrisisEntry& entry = ctx.crisis.lookup(person.profile.country);
    r.emergency_numbers = join_words(entry.emergency.numbers, " or ");
    if (r.emergency_numbers.empty()) r.emergency_numbers = "the local emergency number";
    for (std::size_t i = 0; i < entry.lines.size() && i < 2; ++i) {
      if (!r.crisis_lines.empty()) r.crisis_lines += "; ";
      r.crisis_lines += describe_crisis_line(entry.lines[i]);
    }
    if (flag) {
      r.sources.push_back("Crisis lines: data/crisis/crisis_lines.json (" + entry.name +
                          ", checked " + entry.checked + ")");
    }
  }

  // Against the person's own baseline: 4 weeks before the first plan to its first 2 weeks (the
  // recovery view's window), and the last 28 days.
  std::optional<CivilDate> first_start;
  for (const auto& v : ctx.repo.plan_versions(person.id)) {
    if (!first_start || v.effective_from < *first_start) first_start = v.effective_from;
  }
  if (first_start) {
    r.baseline_from = first_start->plus_days(-kBaselineBeforeDays);
    r.baseline_to = first_start->plus_days(kBaselineFirstPlanDays - 1);
    r.recent_label = "last 28 days";
    const CivilDate recent_from = date.plus_days(-27);
    // The whole history, not only the chart's window: the baseline may be months back.
    std::vector<report::VisitValue> symptoms;
    std::vector<report::VisitValue> quality;
    std::vector<report::VisitValue> minutes;
    std::vector<report::VisitValue> awakenings;
    for (const auto& d : input.days) {
      if (d.date > date) continue;
      if (d.symptom_share) symptoms.push_back({d.date, *d.symptom_share * 100.0});
      if (d.sleep_quality) quality.push_back({d.date, static_cast<double>(*d.sleep_quality)});
      if (d.sleep_minutes) minutes.push_back({d.date, *d.sleep_minutes / 60.0});
      if (d.awakenings) awakenings.push_back({d.date, static_cast<double>(*d.awakenings)});
    }
    r.comparisons.push_back(
        visit_compare("Symptom score (0-100, higher is worse)", 1, symptoms, r, recent_from));
    r.comparisons.push_back(
        visit_compare("Sleep quality (0-10, higher is better)", 1, quality, r, recent_from));
    r.comparisons.push_back(visit_compare("Sleep time (hours)", 1, minutes, r, recent_from));
    r.comparisons.push_back(visit_compare("Night awakenings", 1, awakenings, r, recent_from));
    // Each test on each device: its latest session against its own baseline (reliable change).
    std::map<std::pair<std::string, std::string>, const CognitiveSessionView*> latest;
    std::map<std::pair<std::string, std::string>, int> counts;
    const auto sessions = list_cognitive_sessions(ctx.repo, person.id);
    for (const auto& s : sessions) {
      if (s.session.date > date) continue;
      const auto key = std::make_pair(s.session.test_id, s.session.device);
      ++counts[key];
      latest[key] = &s;
    }
    bool any_test = false;
    for (const auto& [key, view] : latest) {
      const assess::CognitiveTest* test = assess::find_cognitive_test(key.first);
      if (test == nullptr) continue;
      any_test = true;
      report::VisitComparison c;
      c.measure = test->name + " (" + test->unit + ", " +
                  (test->higher_is_better ? "higher is better" : "lower is better") + "), " +
                  key.second + ", " + view->session.date.to_string();
      c.decimals = 2;
      c.baseline = view->comparison.baseline_score;
      c.baseline_n = view->comparison.practice ? 0 : assess::kPracticeSessions;
      c.recent = assess::session_score(view->session);
      c.recent_n = counts[key];
      c.judgement =
          view->comparison.change ? to_string(*view->comparison.change) : "practice session";
      r.comparisons.push_back(c);
    }
    if (any_test) {
      r.sources.push_back(
          "Memory and attention: reliable change index (Jacobson and Truax 1991) with each test's "
          "retest reliability and spread (docs/tracking.md)");
    }
  }

  // Decisions, newest first.
  std::vector<Decision> decisions;
  for (const auto& d : ctx.repo.decisions(person.id)) {
    if (d.date <= date) decisions.push_back(d);
  }
  std::stable_sort(decisions.begin(), decisions.end(),
                   [](const Decision& a, const Decision& b) { return a.date > b.date; });
  r.decisions_total = static_cast<int>(decisions.size());
  for (const auto& d : decisions) {
    if (static_cast<int>(r.decisions.size()) >= report::kMaxDecisions) break;
    r.decisions.push_back({d.date, to_string(d.kind), d.step_index, d.reason});
  }

  // The model's forecast: the taper's from status, or the recovery curve.
  if (status.model) {
    const ModelledState& m = *status.model;
    report::VisitForecast f;
    f.personal = m.personal;
    f.observations = m.fit ? m.fit->observations : 0;
    f.adaptation_remaining = m.adaptation_remaining;
    f.remaining_low = m.remaining_low;
    f.remaining_high = m.remaining_high;
    f.remaining_at_plan_end = m.remaining_at_plan_end;
    for (std::size_t i = 0; i < m.forecast.size(); ++i) {
      const auto& d = m.forecast[i];
      report::VisitForecastDay day;
      day.date = m.forecast_from.plus_days(static_cast<int>(i));
      day.adaptation_remaining = {d.adaptation_remaining.median, d.adaptation_remaining.low,
                                  d.adaptation_remaining.high};
      day.symptom_share =
          report::VisitBand{d.symptom_share.median, d.symptom_share.low, d.symptom_share.high};
      f.days.push_back(day);
    }
    r.forecast = f;
  } else if (status.recovery) {
    const RecoveryView& rv = *status.recovery;
    report::VisitForecast f;
    f.recovery = true;
    f.personal = rv.personal_model;
    f.observations = rv.fit_observations;
    if (rv.adaptation_remaining_today) {
      f.adaptation_remaining = rv.adaptation_remaining_today->median;
      f.remaining_low = rv.adaptation_remaining_today->low;
      f.remaining_high = rv.adaptation_remaining_today->high;
    }
    f.expected_share_high = rv.expected_share_high;
    for (const auto& d : rv.curve) {
      report::VisitForecastDay day;
      day.date = d.date;
      day.adaptation_remaining = {d.adaptation_remaining.median, d.adaptation_remaining.low,
                                  d.adaptation_remaining.high};
      day.symptom_share =
          report::VisitBand{d.symptom_share.median, d.symptom_share.low, d.symptom_share.high};
      f.days.push_back(day);
    }
    r.forecast = f;
  }
  if (r.forecast) {
    r.sources.push_back(
        "Model: taperlab's pharmacokinetic and adaptation model, personal fit and 80% bands "
        "(docs/model.md); assumptions, not measurements");
  }
  return r;
}

}  // namespace taperlab::journal
