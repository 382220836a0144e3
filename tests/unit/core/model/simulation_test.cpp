#include "core/model/simulation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/base/error.hpp"
#include "core/dosing/regimen.hpp"
#include "test_catalog.hpp"

namespace taperlab {
namespace {

using testing::regimen_of;
using testing::shipped_catalog;

SimulationTrace run(const Regimen& steady, std::vector<DoseEvent> doses, double days) {
  Simulator sim(shipped_catalog(), shipped_catalog().default_table(), ModelParameters{});
  SimulationRequest req;
  req.steady_state = steady;
  req.doses = std::move(doses);
  req.duration_h = days * 24.0;
  return sim.run(req);
}

std::vector<DoseEvent> every_day(const Regimen& r, int days) {
  DoseSchedule s;
  s.steps.push_back({0, r});
  return s.events(days);
}

TEST(Simulation, ContinuingTheRegimenStaysAtSteadyState) {
  for (const char* text : {"diazepam 10mg@08:00, 10mg@20:00", "lorazepam 1mg@07:30, 1mg@21:15",
                           "chlordiazepoxide 25mg@08:00, 25mg@14:00, 25mg@22:00"}) {
    const Regimen r = regimen_of(text);
    const SimulationTrace t = run(r, every_day(r, 20), 20);
    for (int day = 1; day <= 20; ++day) {
      const auto row = static_cast<std::size_t>(day * 24);
      EXPECT_NEAR(t.drive_u[row], t.drive_u[0], 1e-9) << text << " day " << day;
      EXPECT_NEAR(t.adaptation_remaining[row], 1.0, 1e-9) << text << " day " << day;
      for (std::size_t s = 0; s < t.species.size(); ++s) {
        EXPECT_NEAR(t.concentration(row, s), t.concentration(0, s), 1e-12) << text;
      }
    }
  }
}

// Missed and extra doses change the curve exactly as superposition says: the difference from the
// regular curve is one single-dose curve.
TEST(Simulation, MissedAndExtraDosesFollowSuperposition) {
  const Regimen r = regimen_of("diazepam 5mg@08:00, 5mg@20:00");
  auto regular = every_day(r, 10);
  auto missed = regular;
  missed.erase(missed.begin() + 4);  // day 2, 08:00
  auto extra = regular;
  extra.push_back({3 * 24 + 14.5, "diazepam", 5.0});

  const SimulationTrace base = run(r, regular, 10);
  const SimulationTrace with_missed = run(r, missed, 10);
  const SimulationTrace with_extra = run(r, extra, 10);
  const SimulationTrace single_missed = run(Regimen{}, {{2 * 24 + 8.0, "diazepam", 5.0}}, 10);
  const SimulationTrace single_extra = run(Regimen{}, {{3 * 24 + 14.5, "diazepam", 5.0}}, 10);
  ASSERT_EQ(base.species, single_missed.species);
  for (std::size_t row = 0; row < base.rows(); ++row) {
    for (std::size_t s = 0; s < base.species.size(); ++s) {
      EXPECT_NEAR(with_missed.concentration(row, s),
                  base.concentration(row, s) - single_missed.concentration(row, s), 1e-12);
      EXPECT_NEAR(with_extra.concentration(row, s),
                  base.concentration(row, s) + single_extra.concentration(row, s), 1e-12);
    }
  }
  EXPECT_LT(with_missed.drive_u[2 * 24 + 12], base.drive_u[2 * 24 + 12]);
}

TEST(Simulation, SeveralDrugsAtOnceAddTheirDrive) {
  const Regimen lorazepam = regimen_of("lorazepam 0.5mg@08:00, 0.5mg@20:00");
  const Regimen diazepam = regimen_of("diazepam 5mg@08:00, 5mg@20:00");
  Regimen both = lorazepam;
  add_drug(both, diazepam.drugs[0]);
  const SimulationTrace a = run(lorazepam, every_day(lorazepam, 5), 5);
  const SimulationTrace b = run(diazepam, every_day(diazepam, 5), 5);
  const SimulationTrace ab = run(both, every_day(both, 5), 5);
  ASSERT_EQ(ab.species.size(), 3u);  // lorazepam, diazepam, nordazepam
  for (std::size_t row = 0; row < ab.rows(); ++row) {
    EXPECT_NEAR(ab.drive_u[row], a.drive_u[row] + b.drive_u[row], 1e-12);
  }
}

TEST(Simulation, CrossoverDrugAbsentBeforeDayZeroStartsFromNothing) {
  const Regimen lorazepam = regimen_of("lorazepam 1mg@08:00, 1mg@20:00");
  const SimulationTrace t = run(lorazepam, {{8.0, "diazepam", 10.0}}, 2);
  const auto col = static_cast<std::size_t>(
      std::find(t.species.begin(), t.species.end(), "diazepam") - t.species.begin());
  ASSERT_LT(col, t.species.size());
  EXPECT_EQ(t.concentration(0, col), 0.0);
  EXPECT_GT(t.concentration(12, col), 0.0);
}

TEST(Simulation, DrugNaivePersonHasNoAdaptationRemaining) {
  const SimulationTrace t = run(Regimen{}, {{8.0, "oxazepam", 15.0}}, 3);
  EXPECT_EQ(t.adaptation_at_start, 0.0);
  EXPECT_GT(t.effect[10], 0.0);
  EXPECT_EQ(t.withdrawal[0], 0.0);
}

TEST(Simulation, RejectsBadDosesNamingTheField) {
  try {
    run(Regimen{}, {{8.0, "oxazepam", -1.0}}, 1);
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.errors().front().field, "doses");
  }
}

}  // namespace
}  // namespace taperlab
