// The sweep of issue 19: common regimens of the 12 most used drugs, with the products of the US,
// the UK and Germany, by every strategy. Every case yields a plan that keeps every rule, made only
// of that country's marketed products or of products named as compounded; so does every
// alternative offered. Prints the counts the issue asks for.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <map>

#include "core/base/error.hpp"
#include "core/plan/planner.hpp"
#include "core/plan/safety_rules.hpp"
#include "test_catalog.hpp"

namespace taperlab {
namespace {

using testing::regimen_of;
using testing::shipped_catalog;

// 2-5 usual regimens each (BNF/label doses: anxiety, insomnia, panic, seizures).
const char* const kRegimens[] = {
    "clonazepam 0.5mg@08:00, 0.5mg@20:00",
    "clonazepam 1mg@22:00",
    "clonazepam 0.25mg@08:00, 0.25mg@20:00",
    "clonazepam 1mg@08:00, 1mg@14:00, 1mg@20:00",
    "alprazolam 0.5mg@08:00, 0.5mg@14:00, 0.5mg@20:00",
    "alprazolam 1mg@22:00",
    "alprazolam 0.25mg@08:00, 0.25mg@20:00",
    "alprazolam 2mg@08:00, 2mg@14:00, 2mg@20:00",
    "lorazepam 1mg@08:00, 1mg@20:00",
    "lorazepam 0.5mg@22:00",
    "lorazepam 2mg@08:00, 2mg@14:00, 2mg@22:00",
    "diazepam 2mg@22:00",
    "diazepam 5mg@08:00, 5mg@20:00",
    "diazepam 10mg@08:00, 10mg@14:00, 10mg@22:00",
    "diazepam 5mg@08:00, 5mg@14:00, 10mg@22:00",
    "zolpidem 10mg@22:00",
    "zolpidem 5mg@22:00",
    "zopiclone 7.5mg@22:00",
    "zopiclone 3.75mg@22:00",
    "eszopiclone 3mg@22:00",
    "eszopiclone 1mg@22:00",
    "oxazepam 15mg@08:00, 15mg@14:00, 15mg@22:00",
    "oxazepam 10mg@22:00",
    "temazepam 20mg@22:00",
    "temazepam 10mg@22:00",
    "chlordiazepoxide 10mg@08:00, 10mg@20:00",
    "chlordiazepoxide 25mg@08:00, 25mg@14:00, 25mg@20:00",
    "nitrazepam 5mg@22:00",
    "nitrazepam 10mg@22:00",
    "clobazam 10mg@08:00, 10mg@20:00",
    "clobazam 10mg@22:00",
};
const char* const kSweepCountries[] = {"US", "UK", "DE"};
const char* const kSweepStrategies[] = {"fraction", "hyperbolic", "bands", "guided", "crossover"};

bool same_product(const DispensingOption& a, const DispensingOption& b) {
  return a.drug_id == b.drug_id && a.form == b.form &&
         std::abs(a.strength_mg - b.strength_mg) < 1e-9 &&
         std::abs(a.strength_mg_per_ml - b.strength_mg_per_ml) < 1e-9;
}

// Whether every part of every dose is one of the country's products or a compounded one.
std::string foreign_product(const Plan& plan, const std::string& country) {
  for (const auto& step : plan.steps) {
    for (const auto& drug : step.drugs) {
      const FormulationSet sold = default_formulations(shipped_catalog(), {drug.drug_id}, country);
      for (const auto& dose : drug.doses) {
        for (const auto& part : dose.makeup.parts) {
          if (part.option.compounded) continue;
          const bool found =
              std::any_of(sold.options.begin(), sold.options.end(),
                          [&](const DispensingOption& o) { return same_product(o, part.option); });
          if (!found) return drug.drug_id + " " + part.option.describe();
        }
      }
    }
  }
  return "";
}

TEST(PlanSweep, EveryCommonRegimenGetsASafePlanFromItsCountrysProducts) {
  const Catalog& catalog = shipped_catalog();
  int plans = 0;
  int with_alternatives = 0;
  int alternatives = 0;
  int refusals = 0;
  std::map<std::string, int> first_kind;
  for (const char* country : kSweepCountries) {
    for (const char* text : kRegimens) {
      for (const char* strategy : kSweepStrategies) {
        PlanRequest r;
        r.regimen = regimen_of(text);
        r.settings.strategy = strategy;
        r.settings.country = country;
        if (std::string(strategy) == "crossover") {
          if (r.regimen.drugs.front().drug_id == "diazepam") continue;
          r.settings.crossover_to = "diazepam";
          r.settings.then_strategy = "fraction";
        }
        std::vector<std::string> ids{r.regimen.drugs.front().drug_id};
        if (std::string(strategy) == "crossover") ids.push_back("diazepam");
        r.formulations = default_formulations(catalog, ids, country);
        const std::string what = std::string(country) + " " + strategy + " " + text;
        Plan plan;
        try {
          plan = build_plan(r, catalog);
        } catch (const ValidationError& e) {
          ++refusals;
          ADD_FAILURE() << what << ": refused: " << e.what();
          continue;
        }
        ++plans;
        const auto& table = catalog.table(plan.settings.table_id);
        const auto violations = check_plan_rules(plan, table);
        EXPECT_TRUE(violations.empty()) << what << ": " << violations.front();
        EXPECT_EQ(foreign_product(plan, country), "") << what;
        EXPECT_TRUE(plan.steps.back().stopped()) << what;
        if (!plan.alternatives.empty()) {
          ++with_alternatives;
          alternatives += static_cast<int>(plan.alternatives.size());
          ++first_kind[to_string(plan.alternatives.front().kind)];
          for (const auto& a : plan.alternatives) {
            ASSERT_NE(a.plan, nullptr) << what;
            const auto v = check_plan_rules(*a.plan, catalog.table(a.plan->settings.table_id));
            EXPECT_TRUE(v.empty()) << what << " / " << a.title << ": " << v.front();
            EXPECT_EQ(foreign_product(*a.plan, country), "") << what << " / " << a.title;
            EXPECT_FALSE(a.summary_line().empty());
          }
        }
      }
    }
  }
  std::cout << "[ sweep ] " << plans << " plans made, " << with_alternatives
            << " of them with alternatives (" << alternatives << " alternatives offered), "
            << refusals << " refusals\n";
  for (const auto& [kind, n] : first_kind) {
    std::cout << "[ sweep ] first alternative " << kind << ": " << n << "\n";
  }
  EXPECT_EQ(refusals, 0);
}

// The first example: US clonazepam 0.5 mg twice a day, 10% every 14 days.
TEST(PlanSweep, UsClonazepamGetsAPlanAndItsAlternatives) {
  const Catalog& catalog = shipped_catalog();
  PlanRequest r;
  r.regimen = regimen_of("clonazepam 0.5mg@08:00, 0.5mg@20:00");
  r.settings.strategy = "fraction";
  r.settings.cut_fraction = 0.10;
  r.settings.every_days = 14;
  r.settings.country = "US";
  r.formulations = default_formulations(catalog, {"clonazepam"}, "US");
  const Plan plan = build_plan(r, catalog);
  ASSERT_GE(plan.alternatives.size(), 2u);
  bool crossover = false;
  for (const auto& a : plan.alternatives) crossover |= a.kind == AlternativeKind::kCrossover;
  EXPECT_TRUE(crossover);
  // Every step lasts whole weeks, and the last dose is at most 1 mg diazepam-equivalent.
  for (std::size_t i = 0; i + 1 < plan.steps.size(); ++i) {
    EXPECT_EQ(plan.steps[i].duration_days % 7, 0) << "step " << i + 1;
  }
  ASSERT_GE(plan.steps.size(), 2u);
  EXPECT_LE(plan.steps[plan.steps.size() - 2].diazepam_equivalent_mg, 1.0 + 1e-9);
  // Picking another alternative gives that plan.
  r.settings.alternative = 2;
  const Plan second = build_plan(r, catalog);
  EXPECT_EQ(second.chosen_alternative, 1);
  EXPECT_EQ(second.steps.size(), static_cast<std::size_t>(plan.alternatives[1].steps));
  r.settings.alternative = 9;
  EXPECT_THROW(build_plan(r, catalog), ValidationError);
}

// A search handed back (the wizard previewing the same request when another card is picked)
// builds only the chosen alternative, and that plan is the one a search afresh makes.
TEST(PlanSweep, AKnownSearchBuildsOnlyTheChosenPlanAndTheSamePlan) {
  const Catalog& catalog = shipped_catalog();
  PlanRequest r;
  r.regimen = regimen_of("zolpidem 10mg@22:00");
  r.settings.strategy = "fraction";
  r.settings.country = "UK";
  r.formulations = default_formulations(catalog, {"zolpidem"}, "UK");
  PlanSimulations first;
  const Plan searched = build_plan(r, catalog, first);
  ASSERT_NE(first.search, nullptr);
  ASSERT_GE(first.search->alternatives.size(), 2u);
  r.settings.alternative = 2;
  const Plan afresh = build_plan(r, catalog);
  PlanSimulations again;
  again.known_search = first.search;
  const Plan known = build_plan(r, catalog, again);
  EXPECT_EQ(known.chosen_alternative, 1);
  ASSERT_EQ(known.steps.size(), afresh.steps.size());
  for (std::size_t i = 0; i < known.steps.size(); ++i) {
    EXPECT_EQ(known.steps[i].regimen(), afresh.steps[i].regimen()) << i;
    EXPECT_DOUBLE_EQ(known.steps[i].peak_withdrawal, afresh.steps[i].peak_withdrawal) << i;
  }
  EXPECT_EQ(known.alternatives.size(), searched.alternatives.size());
  EXPECT_EQ(known.alternatives_reason, afresh.alternatives_reason);
}

// --prefer diazepam puts the crossover first; keep-drug puts it last.
TEST(PlanSweep, ThePersonsPreferenceOrdersTheAlternatives) {
  const Catalog& catalog = shipped_catalog();
  PlanRequest r;
  r.regimen = regimen_of("zolpidem 10mg@22:00");
  r.settings.strategy = "fraction";
  r.settings.country = "US";
  r.formulations = default_formulations(catalog, {"zolpidem"}, "US");
  r.settings.prefer = "diazepam";
  const Plan diazepam_first = build_plan(r, catalog);
  ASSERT_FALSE(diazepam_first.alternatives.empty());
  EXPECT_EQ(diazepam_first.alternatives.front().kind, AlternativeKind::kCrossover);
  EXPECT_EQ(diazepam_first.steps.front().kind, StepKind::kCrossover);
  r.settings.prefer = "keep-drug";
  const Plan keep = build_plan(r, catalog);
  EXPECT_NE(keep.alternatives.front().kind, AlternativeKind::kCrossover);
  EXPECT_EQ(keep.alternatives.back().kind, AlternativeKind::kCrossover);
  EXPECT_EQ(keep.steps.front().drugs.front().drug_id, "zolpidem");
}

}  // namespace
}  // namespace taperlab
