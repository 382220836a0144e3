// A run resumed from an earlier run that shares its beginning (Simulator::run with same_until_h)
// gives exactly, to the bit, what the run made whole gives.

#include <gtest/gtest.h>

#include "core/dosing/regimen.hpp"
#include "core/model/simulation.hpp"
#include "test_catalog.hpp"

namespace taperlab {
namespace {

using testing::regimen_of;
using testing::shipped_catalog;

SimulationRequest request(const Regimen& steady, const DoseSchedule& schedule, int days) {
  SimulationRequest req;
  req.steady_state = steady;
  req.doses = schedule.events(days);
  req.duration_h = days * 24.0;
  return req;
}

void expect_same_trace(const SimulationTrace& a, const SimulationTrace& b) {
  EXPECT_EQ(a.species, b.species);
  EXPECT_EQ(a.t_h, b.t_h);
  EXPECT_EQ(a.concentration_mg_per_l, b.concentration_mg_per_l);
  EXPECT_EQ(a.drive_u, b.drive_u);
  EXPECT_EQ(a.occupancy, b.occupancy);
  EXPECT_EQ(a.effect, b.effect);
  EXPECT_EQ(a.adaptation, b.adaptation);
  EXPECT_EQ(a.withdrawal, b.withdrawal);
  EXPECT_EQ(a.adaptation_remaining, b.adaptation_remaining);
  EXPECT_EQ(a.adaptation_at_start, b.adaptation_at_start);
  EXPECT_EQ(a.effect_at_start, b.effect_at_start);
}

class SimulationResume : public ::testing::Test {
 protected:
  Simulator sim_{shipped_catalog(), shipped_catalog().default_table(), ModelParameters{}};
  Regimen start_ = regimen_of("clonazepam 0.5mg@08:00, 0.5mg@20:00");
  Regimen cut_ = regimen_of("clonazepam 0.5mg@08:00, 0.25mg@20:00");
  Regimen less_ = regimen_of("clonazepam 0.25mg@08:00, 0.25mg@20:00");
};

TEST_F(SimulationResume, ATrialThatChangesOnlyTheEndEqualsTheWholeRun) {
  // The earlier trial stops on day 30; the next one cuts on day 30 and stops on day 44.
  DoseSchedule first;
  first.steps = {{0, start_}, {14, cut_}, {30, Regimen{}}};
  DoseSchedule second;
  second.steps = {{0, start_}, {14, cut_}, {30, less_}, {44, Regimen{}}};
  SimulationTrace resumed;
  sim_.run(request(start_, first, 90), resumed);
  sim_.run(request(start_, second, 104), resumed, 30 * 24.0);
  const SimulationTrace whole = sim_.run(request(start_, second, 104));
  expect_same_trace(resumed, whole);
}

TEST_F(SimulationResume, AShorterRunAndAMidDayDifferenceResumeFromTheDayBefore) {
  DoseSchedule long_plan;
  long_plan.steps = {{0, start_}, {20, cut_}};
  DoseSchedule short_plan;
  short_plan.steps = {{0, start_}, {10, less_}};
  SimulationTrace resumed;
  sim_.run(request(start_, long_plan, 60), resumed);
  // The doses differ from day 10's 08:00 dose on: 10 days and 8 hours are shared.
  sim_.run(request(start_, short_plan, 25), resumed, 10 * 24.0 + 8.0);
  expect_same_trace(resumed, sim_.run(request(start_, short_plan, 25)));
}

TEST_F(SimulationResume, ACrossoverWithTwoDrugsEqualsTheWholeRun) {
  const Regimen diazepam = regimen_of("diazepam 5mg@08:00, 5mg@20:00");
  Regimen both = cut_;
  add_drug(both, diazepam.drugs[0]);
  DoseSchedule first;
  first.steps = {{0, start_}, {7, both}, {21, diazepam}};
  DoseSchedule second;
  second.steps = {{0, start_}, {7, both}, {21, regimen_of("diazepam 5mg@08:00, 2.5mg@20:00")}};
  SimulationTrace resumed;
  sim_.run(request(start_, first, 40), resumed);
  sim_.run(request(start_, second, 50), resumed, 21 * 24.0);
  expect_same_trace(resumed, sim_.run(request(start_, second, 50)));
}

TEST_F(SimulationResume, ATraceOfOtherDrugsOrNothingSharedIsRunWhole) {
  DoseSchedule plan;
  plan.steps = {{0, start_}, {14, cut_}};
  SimulationTrace trace;
  const Regimen lorazepam = regimen_of("lorazepam 1mg@08:00, 1mg@20:00");
  DoseSchedule other;
  other.steps = {{0, lorazepam}};
  sim_.run(request(lorazepam, other, 30), trace);
  sim_.run(request(start_, plan, 30), trace, 14 * 24.0);  // other drugs: run whole
  expect_same_trace(trace, sim_.run(request(start_, plan, 30)));
  sim_.run(request(start_, plan, 30), trace, 0.0);  // nothing shared
  expect_same_trace(trace, sim_.run(request(start_, plan, 30)));
}

}  // namespace
}  // namespace taperlab
