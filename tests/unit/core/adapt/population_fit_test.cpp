// The population band (docs/model.md section 5) as the forecast samples it: the prior's centres and
// spreads, and a band of adaptation remaining after an abrupt stop that holds the population
// model's own curve and the calibration targets of docs/model.md section 3.
#include "core/adapt/population_fit.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/adapt/forecast.hpp"
#include "core/base/error.hpp"
#include "core/model/daily_course.hpp"
#include "test_catalog.hpp"

namespace taperlab::adapt {
namespace {

TEST(PopulationFit, IsThePriorWithItsSpread) {
  const ModelParameters model;
  const PersonalPrior prior;
  const PersonalFit fit = population_fit(model, prior, 0.07, 0.05);
  EXPECT_DOUBLE_EQ(fit.mode[0], 0.07);
  EXPECT_DOUBLE_EQ(fit.mode[2], std::log(model.adaptation.fast_half_time_d));
  EXPECT_DOUBLE_EQ(fit.mode[3], std::log(model.adaptation.slow_half_time_d));
  EXPECT_DOUBLE_EQ(fit.covariance[3 * 5 + 3],
                   prior.slow_half_time_log_sd * prior.slow_half_time_log_sd);
  EXPECT_DOUBLE_EQ(fit.covariance[3 * 5 + 4], 0.0);
  EXPECT_NEAR(fit.slow_half_time_d.value, 60.0, 1e-9);
  EXPECT_LT(fit.slow_half_time_d.low, 30.0);  // a 0.55 log-SD reaches past the 30-90 d range
  EXPECT_GT(fit.slow_half_time_d.high, 90.0);
  EXPECT_EQ(fit.observations, 0);
  EXPECT_THROW((void)population_fit(model, prior, 1.5, 0.05), ValidationError);
  PersonalPrior bad = prior;
  bad.d50_log_sd = 0.0;
  EXPECT_THROW((void)population_fit(model, bad, 0.1, 0.05), ValidationError);
}

TEST(PopulationFit, TheBandOfAdaptationRemainingHoldsThePopulationCurveAfterAStop) {
  const Catalog& catalog = testing::shipped_catalog();
  const EquivalenceTable& table = catalog.default_table();
  // Diazepam 20 mg a day for months, stopped on day 0 (docs/model.md section 3's abrupt stop).
  SimulationRequest stop;
  stop.steady_state =
      Regimen{{DrugRegimen{"diazepam", {{10.0, TimeOfDay{8 * 60}}, {10.0, TimeOfDay{20 * 60}}}}}};
  stop.duration_h = 200 * 24.0;
  stop.output_step_h = 1.0;
  const DailyCourse population = daily_means(Simulator(catalog, table, {}).run(stop));
  std::mt19937_64 rng(7);
  ForecastOptions options;
  options.draws = 100;
  const Forecast f =
      forecast(catalog, table, population_fit({}, {}, 0.05, 0.05), stop, rng, options);
  for (int day : {30, 90, 180}) {
    const auto& r = f.days.at(static_cast<std::size_t>(day)).adaptation_remaining;
    EXPECT_LE(r.low, population.adaptation_remaining.at(static_cast<std::size_t>(day))) << day;
    EXPECT_GE(r.high, population.adaptation_remaining.at(static_cast<std::size_t>(day))) << day;
    EXPECT_LT(r.low, r.high) << day;  // a band, not a line
  }
  // docs/model.md section 3: R 2-10% at day 90 for the population model; the band's median sits
  // there.
  const double median90 = f.days.at(90).adaptation_remaining.median;
  EXPECT_GT(median90, 0.02);
  EXPECT_LT(median90, 0.10);
  // The band narrows in absolute terms as everyone heals.
  const auto& r30 = f.days.at(30).adaptation_remaining;
  const auto& r180 = f.days.at(180).adaptation_remaining;
  EXPECT_LT(r180.high - r180.low, r30.high - r30.low);
}

}  // namespace
}  // namespace taperlab::adapt
