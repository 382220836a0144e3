#include "journal/demo.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <random>
#include <vector>

#include "core/plan/planner.hpp"
#include "journal/check_ins.hpp"
#include "journal/cognitive.hpp"
#include "journal/dose_logging.hpp"
#include "journal/plans.hpp"
#include "journal/questionnaires.hpp"
#include "journal/today.hpp"

namespace taperlab::journal {
namespace {

// Every number below is invented for the demonstration: it resembles a mild, manageable taper
// (symptoms rise a little for a few days after each cut and settle before the next), not any
// published course.

// Fixed, so that every demo shows the same journal and tests can rely on it.
constexpr std::uint32_t kDemoSeed = 52;
constexpr int kQuestionnaireEveryDays = 14;  // docs/tracking.md: PHQ-9 and GAD-7 every two weeks
constexpr std::array<int, 4> kCognitiveDays = {0, 1, 28, 56};  // two practice runs, then 4-weekly
constexpr const char* kDemoDevice = "demo laptop";
constexpr const char* kDemoBrowser = "Chromium";

// Raw mt19937 output is the same everywhere, unlike std::uniform_int_distribution, whose results
// differ between standard libraries: the demo must look the same on every build.
class DemoDice {
 public:
  DemoDice() : engine_(kDemoSeed) {}
  int between(int lo, int hi) {  // inclusive
    return lo + static_cast<int>(engine_() % static_cast<std::uint32_t>(hi - lo + 1));
  }
  bool chance(int percent) { return between(1, 100) <= percent; }

 private:
  std::mt19937 engine_;
};

// How strongly a cut is felt d days after it: 0 on the day, a peak of 1 on day 3, about a third
// left on day 10 (shape invented to look like a typical mild reaction to a long-acting drug).
double after_cut(int days_since_cut) {
  if (days_since_cut < 0) return 0.0;
  const double x = days_since_cut / 3.0;
  return x * std::exp(1.0 - x);
}

struct SymptomShape {
  const char* id;  // data/instruments/symptom-checklist.json
  int usual;       // the rating on an ordinary day before the taper
  double rise;     // added at the peak after a cut
};

constexpr std::array<SymptomShape, 10> kSymptoms = {{
    {"anxiety", 1, 1.0},
    {"insomnia", 1, 1.0},
    {"fatigue", 1, 0.3},
    {"poor-concentration", 1, 0.4},
    {"muscle-tension", 1, 0.6},
    {"irritability", 0, 0.7},
    {"restlessness", 0, 0.6},
    {"headache", 0, 0.3},
    {"tinnitus", 0, 0.3},
    {"memory-problems", 0, 0.2},
}};

int clamp_rating(double value, int lo, int hi) {
  return std::clamp(static_cast<int>(std::lround(value)), lo, hi);
}

TimeOfDay at(int minutes) { return TimeOfDay{((minutes % 1440) + 1440) % 1440}; }

// The formulations are keyed by the drug files' country names, which call the United Kingdom
// "UK", while profiles and the crisis lines use the ISO code "GB": look under both.
std::string formulation_country(const Catalog& catalog, const std::string& drug_id,
                                const std::string& country) {
  const auto& formulations = catalog.drug(drug_id).formulations;
  const auto has = [&](const std::string& c) {
    return std::any_of(formulations.begin(), formulations.end(),
                       [&](const Formulation& f) { return f.country == c; });
  };
  if (country == "GB" && !has("GB") && has("UK")) return "UK";
  return country;
}

PlanRequest demo_plan_request(const JournalContext& ctx, const Person& person,
                              const Regimen& regimen, CivilDate start) {
  // As `taperlab plan --strategy fraction --cut 10% --every 14d --save` builds it.
  PlanRequest request;
  request.regimen = regimen;
  request.profile = person.profile;
  request.settings.strategy = "fraction";
  request.settings.cut_fraction = 0.10;
  request.settings.every_days = 14;
  request.settings.start_date = start;
  std::vector<std::string> drug_ids;
  for (const auto& d : regimen.drugs) drug_ids.push_back(d.drug_id);
  request.formulations =
      default_formulations(ctx.catalog, drug_ids,
                           formulation_country(ctx.catalog, "clonazepam", person.profile.country));
  return request;
}

// Days since the cut that began the step in force on `today`, if that step began with a cut.
std::optional<int> days_since_cut(const TodayView& today) {
  if (!today.plan || !today.step) return std::nullopt;
  if (today.step->kind != "cut" && today.step->kind != "final_stop") return std::nullopt;
  return today.plan->view().date_of(*today.step).days_until(today.date);
}

void log_planned_doses(const JournalContext& ctx, const Person& person, const TodayView& today,
                       DemoDice& dice) {
  for (const auto& dose : today.doses) {
    if (dose.logged) continue;
    TakeRequest take;
    take.date = today.date;
    take.planned_time = dose.planned.time;
    take.drug = dose.planned.drug_id;
    take.time = at(dose.planned.time.minutes + dice.between(0, 25));
    take_dose(ctx, person, take);
  }
}

CheckIn demo_check_in(CivilDate date, double felt, bool exercised_yesterday, DemoDice& dice) {
  CheckIn c;
  c.date = date;
  // Day-to-day wobble: one of the usual symptoms a point up or down on about half the days.
  const int wobble_item = dice.chance(50) ? dice.between(0, 4) : -1;
  const int wobble = dice.chance(50) ? 1 : -1;
  for (std::size_t i = 0; i < kSymptoms.size(); ++i) {
    const SymptomShape& s = kSymptoms[i];
    double value = s.usual + s.rise * felt;
    if (static_cast<int>(i) == wobble_item) value += wobble;
    // Sleep comes a little easier after a day with exercise (the demo's habit association).
    if (exercised_yesterday && std::string(s.id) == "insomnia") value -= 0.4;
    // Never above "moderate" (3): a "very severe" rating would make the demo a slow-down story.
    c.symptoms[s.id] = clamp_rating(value, 0, 3);
  }
  c.sleep.bedtime = at(23 * 60 + dice.between(-30, 30));
  c.sleep.minutes_to_fall_asleep =
      15 + static_cast<int>(std::lround(30 * felt)) + dice.between(0, 10);
  c.sleep.awakenings = 1 + clamp_rating(2 * felt, 0, 3);
  c.sleep.wake_time = at(7 * 60 + dice.between(-20, 30));
  c.sleep.quality = clamp_rating(7 - 3 * felt + dice.between(-1, 1), 0, 10);
  c.mood = clamp_rating(7 - 2 * felt + dice.between(-1, 1), 0, 10);

  const std::chrono::weekday weekday{date.days};
  const bool weekend = weekday == std::chrono::Saturday || weekday == std::chrono::Sunday;
  if (dice.chance(45)) {
    static constexpr std::array<const char*, 3> kKinds = {"walk", "swim", "yoga"};
    c.habits.exercise_minutes = 20 + 5 * dice.between(0, 5);
    c.habits.exercise_kind = kKinds[static_cast<std::size_t>(dice.between(0, 2))];
  } else {
    c.habits.exercise_minutes = 0;
  }
  c.habits.relaxation_minutes = dice.chance(50) ? 10 + 5 * dice.between(0, 2) : 0;
  c.habits.regular_meals = !dice.chance(15);
  c.habits.caffeine_drinks = dice.between(1, 3);
  c.habits.alcohol_units = weekend && dice.chance(50) ? 2.0 : 0.0;
  c.habits.social_contact = !dice.chance(20);
  c.habits.therapy_session = weekday == std::chrono::Wednesday;  // a weekly appointment
  return c;
}

// Mild depression and anxiety scores that follow how the cuts are felt; PHQ-9 item 9 (thoughts
// of self-harm) stays 0: a demo must not open the crisis screen.
std::vector<int> demo_phq9(double felt) {
  const int extra = felt > 0.5 ? 1 : 0;
  return {1, 1, 1 + extra, 1 + extra, 0, 1, 1, 0, 0};
}

std::vector<int> demo_gad7(double felt) {
  const int extra = felt > 0.5 ? 1 : 0;
  return {1 + extra, 1, 1, 1 + extra, 1, 1, 0};
}

// Scores that improve a little with practice and then hold steady: the comparison should say
// "no reliable change", as it would for most people over two months.
void record_demo_tests(const JournalContext& ctx, const Person& person, CivilDate date,
                       std::size_t session) {
  static constexpr std::array<int, 4> kForward = {6, 7, 7, 8};
  static constexpr std::array<int, 4> kBackward = {4, 5, 5, 5};
  static constexpr std::array<double, 4> kChoiceLog10Ms = {2.68, 2.63, 2.62, 2.59};
  const auto record = [&](const std::string& test_id, nlohmann::json result) {
    CognitiveSession s;
    s.date = date;
    s.test_id = test_id;
    s.device = kDemoDevice;
    s.browser = kDemoBrowser;
    s.result = std::move(result);
    record_cognitive_session(ctx, person, s);
  };
  record("digit-span-forward", {{"score", kForward[session]}, {"trials", 10}, {"errors", 2}});
  record("digit-span-backward", {{"score", kBackward[session]}, {"trials", 9}, {"errors", 2}});
  const double log_ms = kChoiceLog10Ms[session];
  record("choice-rt", {{"score", log_ms},
                       {"trials", 40},
                       {"correct", 38},
                       {"mean_rt_ms", std::round(std::pow(10.0, log_ms))}});
}

}  // namespace

Person load_demo_person(const JournalContext& ctx, const std::string& name) {
  const CivilDate start = ctx.today.plus_days(-kDemoDays);
  Person person;
  person.name = name;
  person.profile.age_years = 52;
  person.profile.sex = "female";
  person.profile.country = "GB";
  person.created_on = start;

  ctx.repo.transaction([&] {
    person.id = ctx.repo.add_person(person);

    Regimen regimen;
    add_drug(regimen, parse_drug_regimen("clonazepam 0.5mg@08:00, 0.5mg@20:00", ctx.catalog));
    RegimenRecord record;
    record.person_id = person.id;
    record.effective_from = start;
    record.regimen = regimen;
    record.recorded_at = ctx.now_utc;
    ctx.repo.add_regimen(record);

    const PlanRequest request = demo_plan_request(ctx, person, regimen, start);
    save_plan(ctx, person, request, build_plan(request, ctx.catalog),
              "saved with taperlab plan --save");

    DemoDice dice;
    bool exercised_yesterday = false;
    std::size_t tests_done = 0;
    for (int day = 0; day < kDemoDays; ++day) {
      const CivilDate date = start.plus_days(day);
      const TodayView today = build_today(ctx.repo, person, date);
      log_planned_doses(ctx, person, today, dice);

      const double felt = after_cut(days_since_cut(today).value_or(-1));
      CheckIn check_in = demo_check_in(date, felt, exercised_yesterday, dice);
      // The demo person answers every item: the ones not felt are "none" (0), not skipped.
      for (const auto& item : ctx.instruments.find("symptom-checklist").items) {
        check_in.symptoms.emplace(item.id, 0);
      }
      exercised_yesterday = check_in.habits.exercise_minutes.value_or(0) > 0;
      record_check_in(ctx, person, check_in, false);

      if (day % kQuestionnaireEveryDays == 0) {
        record_questionnaire(ctx, person, "phq9", demo_phq9(felt), date);
        record_questionnaire(ctx, person, "gad7", demo_gad7(felt), date);
      }
      if (tests_done < kCognitiveDays.size() && day == kCognitiveDays[tests_done]) {
        record_demo_tests(ctx, person, date, tests_done);
        ++tests_done;
      }
    }
  });
  return person;
}

}  // namespace taperlab::journal
