#include "journal/recovery.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "core/adapt/population_fit.hpp"
#include "core/adapt/symptom_day.hpp"
#include "core/base/error.hpp"
#include "core/journal/plan_request_json.hpp"
#include "journal/model_inputs.hpp"

namespace taperlab::journal {
namespace {

constexpr std::uint64_t kRecoverySeed = 20261207;  // fixed: the same journal gives the same band
// Fewer draws than status's 200: the curve runs a year past the last dose, and the band's ends
// move by about a percentage point between 100 and 200 draws.
constexpr int kRecoveryDraws = 100;
// The day-to-day noise of the population band's symptom share: the personal fit's first guess
// (assumed; a fit re-estimates it from the person's own check-ins).
constexpr double kPopulationResidualSd = 0.05;
constexpr int kRecentSymptomDays = 28;

std::optional<double> share_of(const CheckIn& c) { return adapt::symptom_day(c).symptom_share; }

// The first plan version's start: the taper began then.
std::optional<CivilDate> first_plan_start(store::Repository& repo, PersonId person) {
  std::optional<CivilDate> first;
  for (const auto& v : repo.plan_versions(person)) {
    if (!first || v.effective_from < *first) first = v.effective_from;
  }
  return first;
}

// Check-ins dated from..to: the mean share and how many had one.
void symptom_mean(const std::vector<CheckIn>& check_ins, CivilDate from, CivilDate to,
                  RecoveryMeasures& out) {
  double sum = 0.0;
  int n = 0;
  for (const auto& c : check_ins) {
    if (c.date < from || to < c.date) continue;
    if (const auto s = share_of(c)) {
      sum += *s;
      ++n;
    }
  }
  out.check_ins = n;
  if (n > 0) out.symptom_share = sum / n;
}

// The first (`latest` false) or latest answer of `instrument` dated from..to.
std::optional<QuestionnaireValue> pick_answer(const std::vector<QuestionnaireResponse>& responses,
                                              const std::string& instrument, CivilDate from,
                                              CivilDate to, bool latest) {
  std::optional<QuestionnaireValue> out;
  for (const auto& r : responses) {
    if (r.instrument_id != instrument || r.date < from || to < r.date) continue;
    if (!out || (latest ? out->date <= r.date : r.date < out->date)) {
      out = QuestionnaireValue{r.date, r.total};
    }
  }
  return out;
}

// Each test and device's latest session dated from..to with a numeric "score" (the web app's
// tests store their main score there).
std::vector<CognitiveValue> latest_sessions(const std::vector<CognitiveSession>& sessions,
                                            CivilDate from, CivilDate to) {
  std::map<std::pair<std::string, std::string>, CognitiveValue> by_test;
  for (const auto& s : sessions) {
    if (s.date < from || to < s.date || !s.result->is_object() || !s.result->contains("score") ||
        !s.result->at("score").is_number()) {
      continue;
    }
    const auto key = std::make_pair(s.test_id, s.device);
    auto it = by_test.find(key);
    if (it == by_test.end() || it->second.date <= s.date) {
      by_test[key] =
          CognitiveValue{s.test_id, s.device, s.date, s.result->at("score").get<double>()};
    }
  }
  std::vector<CognitiveValue> out;
  for (auto& [key, value] : by_test) out.push_back(std::move(value));
  return out;
}

RecoveryBaseline baseline_and_recovery(store::Repository& repo, PersonId person,
                                       CivilDate plan_start, CivilDate last_dose, CivilDate date) {
  RecoveryBaseline b;
  b.from = plan_start.plus_days(-kBaselineBeforeDays);
  b.to = std::min(plan_start.plus_days(kBaselineFirstPlanDays - 1), last_dose);
  const auto check_ins = repo.check_ins(person, b.from, date);
  const auto answers = repo.questionnaire_responses(person);
  const auto sessions = repo.cognitive_sessions(person);
  symptom_mean(check_ins, b.from, b.to, b.baseline);
  b.baseline.phq9 = pick_answer(answers, "phq9", b.from, b.to, false);
  b.baseline.gad7 = pick_answer(answers, "gad7", b.from, b.to, false);
  b.baseline.cognition = latest_sessions(sessions, b.from, b.to);
  const CivilDate after = last_dose.plus_days(1);
  // The 28 days up to the latest check-in since the last dose: months without entries leave the
  // last check-ins, not an empty window.
  CivilDate latest = after;
  for (const auto& c : check_ins) {
    if (after <= c.date && c.date <= date && share_of(c)) latest = std::max(latest, c.date);
  }
  symptom_mean(check_ins, std::max(after, latest.plus_days(-(kRecentSymptomDays - 1))), latest,
               b.recovery);
  b.recovery.phq9 = pick_answer(answers, "phq9", after, date, true);
  b.recovery.gad7 = pick_answer(answers, "gad7", after, date, true);
  b.recovery.cognition = latest_sessions(sessions, after, date);
  return b;
}

// The model's expectation from the last dose on: the person's own fit when they have 14 days of
// check-ins, else the population band with their baseline as the calm level.
void model_curve(const JournalContext& ctx, const Person& person, const PlanInForce& plan,
                 CivilDate last_dose, CivilDate date, RecoveryView& view) {
  const PlanRequest request = parse_plan_request(plan.version().request);
  const EquivalenceTable& table = ctx.catalog.table(request.settings.table_id);
  const CivilDate horizon = std::max(last_dose.plus_days(kRecoveryCurveDays), date.plus_days(84));
  const PersonTimeline timeline = person_timeline(ctx.repo, person, plan, date, horizon);
  adapt::PersonalFit fit;
  try {
    fit = adapt::fit_personal_model(
        ctx.catalog, table, timeline.request, timeline.observations,
        adapt::PersonalFitOptions{request.settings.model, {}, 14, 1.0, 100, 0.01});
    view.personal_model = true;
    view.fit_observations = fit.observations;
  } catch (const ValidationError&) {
    const double s0 = std::clamp(view.baseline.baseline.symptom_share.value_or(0.0), 0.0, 1.0);
    fit = adapt::population_fit(request.settings.model, adapt::PersonalPrior{}, s0,
                                kPopulationResidualSd);
  }
  std::mt19937_64 rng(kRecoverySeed);
  adapt::ForecastOptions options;
  options.draws = kRecoveryDraws;
  const adapt::Forecast f =
      adapt::forecast(ctx.catalog, table, fit, timeline.request, rng, options);
  const int first = std::max(0, timeline.day0.days_until(last_dose));
  double high_sum = 0.0;
  int high_n = 0;
  for (std::size_t i = static_cast<std::size_t>(first); i < f.days.size(); ++i) {
    const CivilDate d = timeline.day0.plus_days(static_cast<int>(i));
    view.curve.push_back({d, f.days[i].adaptation_remaining, f.days[i].symptom_share});
    if (d == date) view.adaptation_remaining_today = f.days[i].adaptation_remaining;
    if (date.plus_days(-7) < d && d <= date) {
      high_sum += f.days[i].symptom_share.high;
      ++high_n;
    }
  }
  if (high_n > 0) view.expected_share_high = high_sum / high_n;
}

nlohmann::json optional_date(const std::optional<CivilDate>& d) {
  return d ? nlohmann::json(d->to_string()) : nlohmann::json(nullptr);
}

nlohmann::json band_json(const adapt::ForecastBand& b) {
  return {{"median", b.median}, {"low", b.low}, {"high", b.high}};
}

nlohmann::json measures_json(const RecoveryMeasures& m) {
  const auto answer = [](const std::optional<QuestionnaireValue>& q) {
    return q ? nlohmann::json{{"date", q->date.to_string()}, {"total", q->total}}
             : nlohmann::json(nullptr);
  };
  nlohmann::json cognition = nlohmann::json::array();
  for (const auto& c : m.cognition) {
    cognition.push_back({{"test_id", c.test_id},
                         {"device", c.device},
                         {"date", c.date.to_string()},
                         {"score", c.score}});
  }
  return {{"symptom_share",
           m.symptom_share ? nlohmann::json(*m.symptom_share) : nlohmann::json(nullptr)},
          {"check_ins", m.check_ins},
          {"phq9", answer(m.phq9)},
          {"gad7", answer(m.gad7)},
          {"cognition", cognition}};
}

}  // namespace

void apply_recovery_phase(store::Repository& repo, PersonId person, TodayView& today) {
  if (!today.plan) {
    today.phase = today.plan_start_date ? JournalPhase::kBeforePlan : JournalPhase::kNoPlan;
    return;
  }
  today.phase = JournalPhase::kTaper;
  const PlanView& view = today.plan->view();
  const auto last_dose = last_planned_dose_date(view);
  if (!last_dose || !today.step || !is_recovery_step(view, *today.step)) return;
  today.phase = JournalPhase::kRecovery;
  today.step.reset();
  today.next_step.reset();
  today.next_change_date.reset();
  today.day_in_step = 0;
  // Nothing is left to hold: an urgent decision after the last dose is shown as a decision.
  today.paused = false;
  today.pause.reset();
  if (today.latest_decision && today.latest_decision->date <= *last_dose) {
    today.latest_decision.reset();
  }
  RecoveryToday r;
  r.clock = recovery_clock(*last_dose, today.date);
  r.remaining_symptoms = remaining_symptoms(
      repo.check_ins(person, last_dose->plus_days(-(kRemainingSymptomWindowDays - 1)), today.date),
      *last_dose, today.date);
  r.checkups = recovery_checkups(repo.questionnaire_responses(person),
                                 repo.cognitive_sessions(person), today.date);
  today.recovery = std::move(r);
}

std::optional<RecoveryView> build_recovery(const JournalContext& ctx, const Person& person,
                                           CivilDate date) {
  const TodayView today = build_today(ctx.repo, person, date);
  if (today.phase != JournalPhase::kRecovery || !today.recovery || !today.plan) return std::nullopt;
  RecoveryView view;
  view.today = *today.recovery;
  const CivilDate last_dose = view.today.clock.last_dose;
  const CivilDate plan_start =
      first_plan_start(ctx.repo, person.id).value_or(today.plan->view().start_date);
  view.baseline = baseline_and_recovery(ctx.repo, person.id, plan_start, last_dose, date);
  model_curve(ctx, person, *today.plan, last_dose, date, view);

  PersistenceInput input;
  input.clock = view.today.clock;
  for (const auto& c : ctx.repo.check_ins(person.id, last_dose.plus_days(1), date)) {
    if (const auto s = share_of(c)) input.days.push_back({c.date, *s});
  }
  input.expected_share_high = view.expected_share_high;
  if (view.baseline.recovery.phq9) input.latest_phq9 = view.baseline.recovery.phq9->total;
  if (view.baseline.recovery.gad7) input.latest_gad7 = view.baseline.recovery.gad7->total;
  view.concerns = recovery_concerns(input);
  return view;
}

nlohmann::json to_json(const RecoveryToday& today) {
  const RecoveryCheckups& c = today.checkups;
  return {{"last_dose_date", today.clock.last_dose.to_string()},
          {"days_since_last_dose", today.clock.days_since},
          {"weeks_since_last_dose", today.clock.weeks_since},
          {"remaining_symptoms", today.remaining_symptoms},
          {"checkups",
           {{"phq9_due", c.phq9_due},
            {"gad7_due", c.gad7_due},
            {"cognition_due", c.cognition_due},
            {"last_phq9", optional_date(c.last_phq9)},
            {"last_gad7", optional_date(c.last_gad7)},
            {"last_cognition", optional_date(c.last_cognition)},
            {"every_days", kRecoveryCheckupDays}}}};
}

nlohmann::json to_json(const RecoveryView& view) {
  nlohmann::json curve = nlohmann::json::array();
  for (const auto& d : view.curve) {
    curve.push_back({{"date", d.date.to_string()},
                     {"adaptation_remaining", band_json(d.adaptation_remaining)},
                     {"symptom_share", band_json(d.symptom_share)}});
  }
  nlohmann::json concerns = nlohmann::json::array();
  for (const auto& c : view.concerns) {
    concerns.push_back({{"kind", c.kind}, {"message", c.message}});
  }
  const RecoveryBaseline& b = view.baseline;
  return {
      {"today", to_json(view.today)},
      {"baseline",
       {{"from", b.from.to_string()},
        {"to", b.to.to_string()},
        {"description",
         "Your own baseline: check-ins, questionnaires and memory/attention sessions from 4 weeks "
         "before your plan started to the end of its first 2 weeks (" +
             b.from.to_string() + " to " + b.to.to_string() +
             "): the mean symptom score, the first PHQ-9 and GAD-7, and each test's last session "
             "there (after the practice runs)."},
        {"values", measures_json(b.baseline)}}},
      {"since_last_dose",
       {{"description",
         "Since your last dose: the mean symptom score of the 28 days up to your latest check-in, "
         "the latest PHQ-9 and GAD-7, and each test's latest session."},
        {"values", measures_json(b.recovery)}}},
      {"model",
       {{"source", view.personal_model ? "personal fit" : "population model"},
        {"observations", view.fit_observations},
        {"band", 0.8},
        {"adaptation_remaining_today", view.adaptation_remaining_today
                                           ? band_json(*view.adaptation_remaining_today)
                                           : nlohmann::json(nullptr)},
        {"expected_symptom_share_high", view.expected_share_high
                                            ? nlohmann::json(*view.expected_share_high)
                                            : nlohmann::json(nullptr)},
        {"note",
         view.personal_model
             ? "Your own fitted model (median and 80% band of its uncertainty). A model, not a "
               "measurement."
             : "The population model: the 80% band spans people whose adaptation half-times, "
               "potency and symptom sensitivity differ as assumed in taperlab's model (50-60% "
               "between-person spread). A model, not a measurement."},
        {"curve", curve}}},
      {"concerns", concerns},
      {"help", kRecoveryHelpText}};
}

}  // namespace taperlab::journal
