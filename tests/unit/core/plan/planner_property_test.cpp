// Property tests of the planner (planner issues): over 10,000 random regimens, strategies,
// countries and formulation sets, a plan is always made (compounded products allowed: no refusals);
// it and every alternative offered obey every safety rule, every dose is made of units the person
// has, the country sells or a pharmacy compounds, and the plan ends at its goal.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <random>

#include "core/base/error.hpp"
#include "core/plan/planner.hpp"
#include "core/plan/safety_rules.hpp"
#include "test_catalog.hpp"

namespace taperlab {
namespace {

using testing::shipped_catalog;

int plan_count() {
  if (const char* n = std::getenv("TAPERLAB_PROPERTY_PLANS")) return std::atoi(n);
  return 10000;
}

unsigned seed() {
  if (const char* s = std::getenv("TAPERLAB_PROPERTY_SEED"))
    return static_cast<unsigned>(std::atoi(s));
  return 20261123u;
}

bool allowed_piece(const UnitPart& part) {
  if (part.option.is_liquid()) {
    const double steps = part.volume_ml / part.option.measure_increment_ml;
    return part.volume_ml > 0 && std::abs(steps - std::round(steps)) < 1e-6;
  }
  if (part.quarters <= 0) return false;
  switch (part.option.split) {
    case Split::kNone:
      return part.quarters % 4 == 0;
    case Split::kHalf:
      return part.quarters % 2 == 0;
    case Split::kQuarter:
      return true;
  }
  return false;
}

bool in_set(const DispensingOption& o, const FormulationSet& set) {
  for (const auto& x : set.options) {
    if (x.drug_id == o.drug_id && x.form == o.form &&
        std::abs(x.strength_mg - o.strength_mg) < 1e-9 &&
        std::abs(x.strength_mg_per_ml - o.strength_mg_per_ml) < 1e-9 && x.split == o.split) {
      return true;
    }
  }
  return false;
}

struct Generated {
  PlanRequest request;
  std::string description;
};

Generated generate(std::mt19937& rng) {
  const Catalog& c = shipped_catalog();
  const auto& drugs = c.drugs();
  std::uniform_int_distribution<std::size_t> pick_drug(0, drugs.size() - 1);
  const Drug& drug = drugs[pick_drug(rng)];
  Generated g;
  PlanRequest& r = g.request;

  // A random subset of the country's products (at least one solid) as the formulation set; a
  // drug not sold there is one the person brought from elsewhere (any country's products).
  static const char* kCountries[] = {"US", "UK", "DE", "FR", "CA", "AU"};
  r.settings.country = kCountries[std::uniform_int_distribution<std::size_t>(0, 5)(rng)];
  FormulationSet all = default_formulations(c, {drug.id}, r.settings.country);
  if (all.options.empty()) all = default_formulations(c, {drug.id});
  std::vector<DispensingOption> solids;
  for (const auto& o : all.options) {
    if (!o.is_liquid()) solids.push_back(o);
  }
  std::bernoulli_distribution coin(0.5);
  // Most people have the usual products; some have only a few of them.
  if (std::bernoulli_distribution(0.6)(rng)) {
    r.formulations = all;
  } else {
    for (const auto& o : all.options) {
      if (coin(rng)) r.formulations.options.push_back(o);
    }
  }
  if (solids.empty()) {
    r.formulations = all;
  } else if (std::none_of(r.formulations.options.begin(), r.formulations.options.end(),
                          [](const DispensingOption& o) { return !o.is_liquid(); })) {
    r.formulations.options.push_back(
        solids[std::uniform_int_distribution<std::size_t>(0, solids.size() - 1)(rng)]);
  }

  // 1-3 doses a day, each a whole number of the largest listed solid (or 1-2 units).
  double unit = 0;
  for (const auto& o : r.formulations.options) {
    if (!o.is_liquid()) unit = std::max(unit, o.strength_mg);
  }
  const int doses = std::uniform_int_distribution<int>(1, 3)(rng);
  static const int kTimes[][3] = {
      {22 * 60, 0, 0}, {8 * 60, 20 * 60, 0}, {7 * 60, 14 * 60, 21 * 60 + 30}};
  DrugRegimen regimen{drug.id, {}};
  for (int i = 0; i < doses; ++i) {
    int units = std::uniform_int_distribution<int>(1, 2)(rng);
    double mg = unit * units;
    // Keep the day within the labelled maximum so that the regimen is a realistic one.
    while (mg * doses > drug.max_daily_mg.value && units > 1) mg = unit * --units;
    regimen.doses.push_back({mg, TimeOfDay{kTimes[doses - 1][i]}});
  }
  r.regimen.drugs.push_back(regimen);

  // Guided runs the engine many times per plan: one plan in ten keeps the test quick.
  static const char* kStrategies[] = {"guided",     "fraction",   "fraction", "fraction",
                                      "hyperbolic", "hyperbolic", "bands",    "bands",
                                      "crossover",  "crossover"};
  r.settings.strategy = kStrategies[std::uniform_int_distribution<std::size_t>(0, 9)(rng)];
  if (r.settings.strategy == "crossover") {
    r.settings.crossover_to = "diazepam";
    r.settings.then_strategy = coin(rng) ? "bands" : "fraction";
    for (const auto& o : default_formulations(c, {"diazepam"}, r.settings.country).options)
      r.formulations.options.push_back(o);
  }
  r.settings.cut_fraction = std::uniform_real_distribution<double>(0.05, 0.25)(rng);
  r.settings.every_days = 7 * std::uniform_int_distribution<int>(1, 4)(rng);
  static const char* kPaces[] = {"slow", "medium", "fast"};
  r.settings.pace = kPaces[std::uniform_int_distribution<int>(0, 2)(rng)];
  if (std::uniform_int_distribution<int>(0, 9)(rng) == 0 && r.settings.strategy != "crossover") {
    r.settings.goal_mg = regimen.daily_mg() * 0.5;
  }
  if (coin(rng)) r.profile.weeks_on_regimen = std::uniform_real_distribution<double>(1, 500)(rng);
  g.description = r.settings.strategy + " " + Regimen{{regimen}}.describe() + " with " +
                  std::to_string(r.formulations.options.size()) + " products";
  g.description += " in " + r.settings.country + " every " + std::to_string(r.settings.every_days) +
                   "d cut " + std::to_string(r.settings.cut_fraction) + " pace " + r.settings.pace;
  if (std::getenv("TAPERLAB_PROPERTY_VERBOSE")) {
    for (const auto& o : r.formulations.options)
      g.description += " [" + o.drug_id + " " + o.describe() + "]";
  }
  return g;
}

// Whether a part is one of the person's products, one the country sells, or compounded.
bool dispensable(const DispensingOption& o, const PlanRequest& request) {
  if (o.compounded || in_set(o, request.formulations)) return true;
  return in_set(o, default_formulations(shipped_catalog(), {o.drug_id}, request.settings.country));
}

void expect_keeps_the_rules(const Plan& plan, const Generated& g, const std::string& which) {
  const auto& table = shipped_catalog().table(plan.settings.table_id);
  const auto violations = check_plan_rules(plan, table);
  ASSERT_TRUE(violations.empty()) << g.description << which << ": " << violations.front();
  for (const auto& step : plan.steps) {
    for (const auto& drug : step.drugs) {
      for (const auto& dose : drug.doses) {
        double sum = 0;
        for (const auto& part : dose.makeup.parts) {
          ASSERT_TRUE(allowed_piece(part)) << g.description << which << " step " << step.index;
          ASSERT_TRUE(dispensable(part.option, g.request))
              << g.description << which << ": " << part.option.drug_id << " "
              << part.option.describe();
          sum += part.mg();
        }
        ASSERT_NEAR(sum, dose.dose_mg(), 1e-6) << g.description << " step " << step.index;
      }
    }
  }
  if (g.request.settings.goal_mg) {
    ASSERT_EQ(plan.steps.back().kind, StepKind::kMaintenance) << g.description << which;
    ASSERT_LE(plan.steps.back().drugs.front().daily_mg(), *g.request.settings.goal_mg + 1e-9);
  } else {
    ASSERT_TRUE(plan.steps.back().stopped()) << g.description << which;
  }
}

TEST(PlannerProperties, EveryPlanIsSafeDispensableAndReachesItsGoal) {
  std::mt19937 rng(seed());
  const int n = plan_count();
  int built = 0;
  int refused = 0;
  int with_alternatives = 0;
  int alternatives = 0;
  for (int i = 0; i < n; ++i) {
    Generated g = generate(rng);
    Plan plan;
    try {
      plan = build_plan(g.request, shipped_catalog());
    } catch (const ValidationError& e) {
      ADD_FAILURE() << g.description << ": refused: " << e.what();
      ++refused;
      continue;
    } catch (const std::exception& e) {
      FAIL() << g.description << ": " << e.what();
    }
    ++built;
    expect_keeps_the_rules(plan, g, "");
    if (!plan.alternatives.empty()) {
      ++with_alternatives;
      alternatives += static_cast<int>(plan.alternatives.size());
    }
    for (const auto& a : plan.alternatives) {
      ASSERT_NE(a.plan, nullptr);
      expect_keeps_the_rules(*a.plan, g, " / " + a.title);
    }
  }
  std::cout << "[ property ] " << built << " plans built, " << with_alternatives
            << " with alternatives (" << alternatives << " in all), " << refused
            << " refusals (seed " << seed() << ")\n";
  EXPECT_EQ(refused, 0);
  EXPECT_EQ(built, n);
}

}  // namespace
}  // namespace taperlab
