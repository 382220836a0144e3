// Neuroadaptation and withdrawal pressure (docs/model.md section 3).
#include <gtest/gtest.h>

#include <cmath>

#include "core/base/error.hpp"
#include "core/model/model_parameters.hpp"
#include "core/model/simulation.hpp"
#include "test_catalog.hpp"

namespace taperlab {
namespace {

using testing::shipped_catalog;

SimulationTrace abrupt_stop(const std::string& regimen, ModelParameters params, int days) {
  Simulator sim(shipped_catalog(), shipped_catalog().default_table(), params);
  SimulationRequest req;
  add_drug(req.steady_state, parse_drug_regimen(regimen, shipped_catalog()));
  req.duration_h = days * 24.0;
  return sim.run(req);
}

TEST(Adaptation, DefaultsAreTheModelsValues) {
  const AdaptationParameters a;
  EXPECT_DOUBLE_EQ(a.fast_half_time_d, 2.0);
  EXPECT_DOUBLE_EQ(a.slow_half_time_d, 60.0);
  EXPECT_DOUBLE_EQ(a.rho, 0.8);
  EXPECT_DOUBLE_EQ(a.w_fast(), 0.7);
  EXPECT_NEAR(a.k_fast_per_h() * 48.0, std::log(2.0), 1e-15);
  const EffectParameters e;
  EXPECT_DOUBLE_EQ(e.d50_mg_per_day, 30.0);
  EXPECT_DOUBLE_EQ(e.hill_n, 1.0);
}

TEST(Adaptation, SteadyStateToleranceCancelsRhoOfTheEffect) {
  const auto t = abrupt_stop("diazepam 10mg@08:00, 10mg@20:00", ModelParameters{}, 1);
  // Diazepam fluctuates little over a day, so T is within a few percent of rho * E at any hour.
  EXPECT_NEAR(t.adaptation_at_start / t.effect_at_start, 0.8, 0.02);
  EXPECT_EQ(t.withdrawal[0], 0.0);
}

TEST(Adaptation, AfterAnAbruptStopAdaptationDecaysToBaseline) {
  const auto t = abrupt_stop("lorazepam 1mg@08:00, 1mg@20:00", ModelParameters{}, 400);
  for (std::size_t r = 48; r < t.rows(); ++r) {
    EXPECT_LE(t.adaptation[r], t.adaptation[r - 1] + 1e-15);
  }
  EXPECT_LT(t.adaptation_remaining.back(), 0.002);
  EXPECT_LT(t.withdrawal.back(), 2e-3 * t.adaptation_at_start);
}

TEST(Adaptation, SlowerPoolsMeanLongerWithdrawal) {
  ModelParameters slow;
  slow.adaptation.fast_half_time_d = 4.0;
  const auto base = abrupt_stop("alprazolam 0.5mg@08:00, 0.5mg@20:00", ModelParameters{}, 60);
  const auto slower = abrupt_stop("alprazolam 0.5mg@08:00, 0.5mg@20:00", slow, 60);
  EXPECT_GT(slower.withdrawal[24 * 10], base.withdrawal[24 * 10]);
}

TEST(Adaptation, InvalidParametersNameTheField) {
  ModelParameters p;
  p.adaptation.rho = 1.5;
  p.effect.d50_mg_per_day = -3;
  try {
    validate(p);
    FAIL();
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.errors().size(), 2u);
    EXPECT_EQ(e.errors()[0].field, "d50_mg_per_day");
    EXPECT_EQ(e.errors()[1].field, "rho");
  }
}

}  // namespace
}  // namespace taperlab
