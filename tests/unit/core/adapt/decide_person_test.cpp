// The decision rules on synthetic people who follow them: clonazepam 0.5 mg twice a day, a week of
// check-ins before the first cut, then 25% cuts of the current dose every 14 days. Each day's
// share is s0 + s1 * W (the model's daily mean withdrawal pressure under the person's own
// parameters) plus seeded noise. A hold keeps the dose for 14 more days (the step is made
// longer); a slow-down ends the run (re-planning is replan's job).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/adapt/decide.hpp"
#include "core/dosing/dose_schedule.hpp"
#include "core/model/daily_course.hpp"
#include "core/model/simulation.hpp"
#include "test_catalog.hpp"

namespace taperlab::adapt {
namespace {

constexpr int kFirstCutDay = 7;
constexpr int kStepDays = 14;

struct Person {
  ModelParameters model;
  double s0 = 0.08;
  double s1 = 1.0;
  double noise_sd = 0.02;
};

Person person(double s1) {
  Person p;
  p.model.adaptation.fast_half_time_d = 3.0;
  p.model.adaptation.slow_half_time_d = 45.0;
  p.model.effect.d50_mg_per_day = 25.0;
  p.s1 = s1;
  return p;
}

struct Journey {
  std::vector<DecisionKind> kinds;
  std::vector<std::string> reasons;
};

Journey follow_the_rules(const Person& p, int max_decisions, std::uint64_t seed) {
  const Catalog& catalog = testing::shipped_catalog();
  const Regimen start{
      {DrugRegimen{"clonazepam", {{0.5, TimeOfDay{8 * 60}}, {0.5, TimeOfDay{20 * 60}}}}}};
  const CivilDate day0 = parse_civil_date("2026-01-05", "day0");
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> noise(0.0, p.noise_sd);
  std::vector<double> z(400);
  for (double& v : z) v = noise(rng);

  DoseSchedule schedule;
  schedule.steps.push_back({0, start});
  double factor = 1.0;
  int index = 1;
  int step_start = kFirstCutDay;
  int next_cut = step_start + kStepDays;
  factor *= 0.75;
  schedule.steps.push_back({step_start, scaled(start, factor)});

  Simulator sim(catalog, catalog.default_table(), p.model);
  DecisionInput in;
  in.first_cut = day0.plus_days(kFirstCutDay);
  in.acting = longest_acting(start, catalog);
  Journey run;
  while (static_cast<int>(run.kinds.size()) < max_decisions) {
    in.step = StepContext{index, day0.plus_days(step_start), day0.plus_days(next_cut), 0.25, true};
    const CivilDate due = *next_decision_date(in.step, in.acting);
    const int due_day = day0.days_until(due);
    SimulationRequest req;
    req.steady_state = start;
    req.doses = schedule.events(due_day + 1);
    req.duration_h = (due_day + 1) * 24.0;
    const DailyCourse w = daily_means(sim.run(req));
    in.days.clear();
    for (int d = 0; d <= due_day; ++d) {
      const double share = std::clamp(p.s0 + p.s1 * w.withdrawal[d] + z[d], 0.0, 1.0);
      // Highest item: a 22-item checklist at this share, one point above its mean item, 3 at
      // most, so that only the share can make a severe day here.
      const int highest = std::min(3, static_cast<int>(std::lround(4 * share)) + 1);
      in.days.push_back(SymptomDay{day0.plus_days(d), share, highest, {}});
    }
    in.today = due;
    const DecisionOutcome out = decide(in);
    EXPECT_TRUE(out.due()) << out.reason;
    if (!out.due()) break;
    run.kinds.push_back(*out.kind);
    run.reasons.push_back(out.reason);
    in.decisions.push_back({due, *out.kind, index});
    if (*out.kind == DecisionKind::kSlow || *out.kind == DecisionKind::kUrgent) break;
    if (*out.kind == DecisionKind::kHold) {
      next_cut += kStepDays;  // the same step, 14 days longer
      schedule.steps.pop_back();
      schedule.steps.push_back({step_start, scaled(start, factor)});
      continue;
    }
    step_start = next_cut;
    next_cut += kStepDays;
    ++index;
    factor *= 0.75;
    schedule.steps.push_back({step_start, scaled(start, factor)});
  }
  return run;
}

std::string describe(const Journey& r) {
  std::string s;
  for (std::size_t i = 0; i < r.kinds.size(); ++i) {
    s += std::string(to_string(r.kinds[i])) + ": " + r.reasons[i] + "\n";
  }
  return s;
}

// s1 = 2: W never lifts the share by more than about 3 points. Day-to-day noise (SD 2 points)
// still looks like a rise now and then (a 95% one-sided test on 7 days): measured 4 holds in 70
// decisions over these seeds, each followed by a continue, and never a slow-down.
TEST(AdaptDecidePerson, MildPersonContinuesThroughTheTaper) {
  long holds = 0;
  for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
    const Journey r = follow_the_rules(person(2.0), 14, seed);
    ASSERT_EQ(r.kinds.size(), 14u) << describe(r);
    EXPECT_EQ(std::count(r.kinds.begin(), r.kinds.end(), DecisionKind::kSlow), 0) << describe(r);
    const auto h = std::count(r.kinds.begin(), r.kinds.end(), DecisionKind::kHold);
    EXPECT_LE(h, 2) << describe(r);
    holds += h;
  }
  EXPECT_LE(holds, 6);  // of 70
}

// s1 = 40: the late cuts (docs/model.md section 3: W rises only once E falls below T) lift the
// share 10-20 points. Each hold settles the step, and the next cut needs a hold again: slow down.
TEST(AdaptDecidePerson, StronglyReactingPersonIsHeldThenSlowed) {
  for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
    const Journey r = follow_the_rules(person(40.0), 14, seed);
    ASSERT_GE(r.kinds.size(), 3u) << describe(r);
    EXPECT_EQ(r.kinds.front(), DecisionKind::kContinue) << describe(r);
    EXPECT_EQ(r.kinds.back(), DecisionKind::kSlow) << describe(r);
    EXPECT_NE(std::find(r.kinds.begin(), r.kinds.end(), DecisionKind::kHold), r.kinds.end())
        << describe(r);
    EXPECT_LE(r.kinds.size(), 12u) << describe(r);
  }
}

}  // namespace
}  // namespace taperlab::adapt
