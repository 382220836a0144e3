// The band of people like this person (journal/plan_band.hpp) below the server: the population
// narrowed to a personal fit's posterior, and a band that collapses onto the person's own curve
// when nobody differs.
#include "journal/plan_band.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/cohort/quantile_sketch.hpp"
#include "core/plan/formulation_set.hpp"
#include "core/plan/planner.hpp"
#include "io/population_load.hpp"
#include "journal_fixture.hpp"

namespace taperlab::journal::testing {
namespace {

using cohort::PersonParameter;

cohort::Population shipped_population() { return io::load_population(TAPERLAB_TEST_DATA_DIR); }

// A posterior on theta = (s0, ln s1, ln fast half-time, ln slow half-time, ln D50): log SDs 0.2,
// 0.4 and 0.1 for the three model parameters, the half-times correlated 0.5.
std::array<double, 25> posterior() {
  std::array<double, 25> c{};
  const std::array<double, 5> sd = {0.05, 0.3, 0.2, 0.4, 0.1};
  for (std::size_t i = 0; i < 5; ++i) c[i * 5 + i] = sd[i] * sd[i];
  c[2 * 5 + 3] = c[3 * 5 + 2] = 0.5 * sd[2] * sd[3];
  return c;
}

TEST(PopulationLike, TheFittedParametersSpreadAsThePosteriorTheRestAsThePopulation) {
  cohort::Population population = shipped_population();
  // Correlations the fit overrides (with k_fast) and one it keeps (clearance with volume).
  const auto correlation = [](PersonParameter a, PersonParameter b, double r) {
    cohort::Correlation c;
    c.a = a;
    c.b = b;
    c.r = r;
    return c;
  };
  population.correlations.push_back(
      correlation(PersonParameter::kClearance, PersonParameter::kFastRate, 0.3));
  population.correlations.push_back(
      correlation(PersonParameter::kClearance, PersonParameter::kVolume, 0.4));
  cohort::apply_correlations(population);

  const cohort::Population like = population_like(population, posterior());
  EXPECT_DOUBLE_EQ(like[PersonParameter::kFastRate].log_sd, 0.2);
  EXPECT_DOUBLE_EQ(like[PersonParameter::kSlowRate].log_sd, 0.4);
  EXPECT_DOUBLE_EQ(like[PersonParameter::kPotency].log_sd, 0.1);
  EXPECT_NEAR(like[PersonParameter::kPotency].cv, std::sqrt(std::expm1(0.01)), 1e-12);
  for (PersonParameter p :
       {PersonParameter::kFastRate, PersonParameter::kSlowRate, PersonParameter::kPotency}) {
    EXPECT_DOUBLE_EQ(like[p].median_multiplier, 1.0);
    EXPECT_LT(like[p].log_sd, population[p].log_sd);
  }
  for (PersonParameter p : {PersonParameter::kClearance, PersonParameter::kVolume,
                            PersonParameter::kAbsorption, PersonParameter::kS1}) {
    EXPECT_EQ(like[p].log_sd, population[p].log_sd);
  }
  bool kept = false;
  bool fitted = false;
  for (const cohort::Correlation& c : like.correlations) {
    EXPECT_FALSE(c.a == PersonParameter::kClearance && c.b == PersonParameter::kFastRate);
    if (c.a == PersonParameter::kClearance && c.b == PersonParameter::kVolume) kept = c.r == 0.4;
    if (c.a == PersonParameter::kFastRate && c.b == PersonParameter::kSlowRate) {
      fitted = true;
      EXPECT_NEAR(c.r, 0.5, 1e-12);
    }
  }
  EXPECT_TRUE(kept);
  EXPECT_TRUE(fitted);
}

class PlanBandTest : public JournalFixture {
 protected:
  Plan plan() {
    PlanRequest r;
    add_drug(r.regimen, parse_drug_regimen("clonazepam 0.5mg@08:00, 0.5mg@20:00", catalog()));
    r.settings.strategy = "fraction";
    r.settings.cut_fraction = 0.10;
    r.settings.every_days = 14;
    r.settings.country = "GB";
    r.settings.start_date = kToday;
    r.formulations = default_formulations(catalog(), {"clonazepam"}, "GB");
    return build_plan(r, catalog());
  }
  Person person() {
    Person p;
    p.name = "Band";
    p.created_on = kToday;
    p.id = repo().add_person(p);
    return p;
  }
};

TEST_F(PlanBandTest, NobodyDiffersTheBandIsTheOwnCurve) {
  const Plan p = plan();
  PlanBandOptions options;
  options.people = 50;
  const PlanBand band =
      plan_band(ctx(), person(), p, cohort::zero_variability_population(), options);
  EXPECT_EQ(band.days, p.total_days() + 90);
  EXPECT_FALSE(band.fit_observations);
  for (const BandSeries* s : {&band.withdrawal_peak, &band.remaining}) {
    ASSERT_EQ(s->own.size(), static_cast<std::size_t>(band.days));
    for (const auto& q : s->percentiles) {
      ASSERT_EQ(q.size(), s->own.size());
      for (std::size_t d = 0; d < q.size(); ++d) {
        EXPECT_NEAR(
            q[d], s->own[d],
            cohort::QuantileSketch::kRelativeError * s->own[d] + cohort::QuantileSketch::kZeroBelow)
            << "day " << d;
      }
    }
  }
}

TEST_F(PlanBandTest, TheSeedDecidesThePeople) {
  const Plan p = plan();
  const Person me = person();
  PlanBandOptions options;
  options.people = 64;
  const PlanBand a = plan_band(ctx(), me, p, shipped_population(), options);
  const PlanBand b = plan_band(ctx(), me, p, shipped_population(), options);
  options.seed += 1;
  const PlanBand c = plan_band(ctx(), me, p, shipped_population(), options);
  EXPECT_EQ(a.withdrawal_peak.percentiles, b.withdrawal_peak.percentiles);
  EXPECT_EQ(a.remaining.percentiles, b.remaining.percentiles);
  EXPECT_NE(a.remaining.percentiles, c.remaining.percentiles);
  EXPECT_EQ(a.remaining.own, c.remaining.own);  // the person is the person, whoever is drawn
}

}  // namespace
}  // namespace taperlab::journal::testing
