// Every calibration target of docs/model.md section 3, with the default parameters and the Ashton
// table. "Abrupt stop" means stopping after months at diazepam 20 mg/day or its Ashton
// equivalent, two doses a day, the last dose the evening before day 0.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "core/dosing/dose_schedule.hpp"
#include "core/model/simulation.hpp"
#include "core/model/simulation_summary.hpp"
#include "test_catalog.hpp"

namespace taperlab {
namespace {

using testing::shipped_catalog;

// Diazepam 20 mg/day or its Ashton equivalent, split into two equal doses.
Regimen equivalent_of_diazepam_20(const std::string& drug) {
  const double daily = shipped_catalog().default_table().at(drug).dose_mg * 2.0;
  DrugRegimen r{drug, {{daily / 2, TimeOfDay{8 * 60}}, {daily / 2, TimeOfDay{20 * 60}}}};
  return Regimen{{r}};
}

Regimen twice_daily(const std::string& drug, double daily_mg) {
  return Regimen{
      {DrugRegimen{drug, {{daily_mg / 2, TimeOfDay{8 * 60}}, {daily_mg / 2, TimeOfDay{20 * 60}}}}}};
}

SimulationTrace simulate(const Regimen& before, const DoseSchedule& from_day0, int days) {
  Simulator sim(shipped_catalog(), shipped_catalog().default_table(), ModelParameters{});
  SimulationRequest req;
  req.steady_state = before;
  req.doses = from_day0.events(days);
  req.duration_h = days * 24.0;
  return sim.run(req);
}

SimulationSummary abrupt_stop_summary(const Regimen& before, int days = 200) {
  return summarize(simulate(before, DoseSchedule{}, days));
}

double peak_between_days(const SimulationTrace& t, double from_day, double to_day) {
  double peak = 0;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const double day = t.t_h[r] / 24.0;
    if (day >= from_day && day < to_day) peak = std::max(peak, t.withdrawal[r]);
  }
  return peak;
}

TEST(Calibration, TimeToPeakWithdrawalAfterAbruptStop) {
  const std::map<std::string, std::pair<double, double>> window_days = {{"oxazepam", {1, 4}},
                                                                        {"alprazolam", {1, 4}},
                                                                        {"lorazepam", {1, 4}},
                                                                        {"clonazepam", {3.5, 8}},
                                                                        {"diazepam", {5, 11}}};
  std::map<std::string, double> peak_day;
  for (const auto& [drug, window] : window_days) {
    const SimulationSummary s = abrupt_stop_summary(equivalent_of_diazepam_20(drug));
    peak_day[drug] = s.peak_day;
    EXPECT_GE(s.peak_day, window.first) << drug;
    EXPECT_LE(s.peak_day, window.second) << drug;
  }
  EXPECT_LE(peak_day["oxazepam"], peak_day["alprazolam"]);
  EXPECT_LE(peak_day["alprazolam"], peak_day["lorazepam"]);
  EXPECT_LT(peak_day["lorazepam"], peak_day["clonazepam"]);
  EXPECT_LT(peak_day["clonazepam"], peak_day["diazepam"]);
}

TEST(Calibration, ShortActingDrugsPeakHigherThanDiazepam) {
  const double diazepam =
      abrupt_stop_summary(equivalent_of_diazepam_20("diazepam")).peak_withdrawal;
  for (const char* drug : {"oxazepam", "alprazolam", "lorazepam"}) {
    EXPECT_GT(abrupt_stop_summary(equivalent_of_diazepam_20(drug)).peak_withdrawal, diazepam)
        << drug;
  }
}

TEST(Calibration, WithdrawalFadesBelowAQuarterOfItsPeak) {
  for (const char* drug : {"alprazolam", "lorazepam"}) {
    const auto s = abrupt_stop_summary(equivalent_of_diazepam_20(drug));
    ASSERT_TRUE(s.below_quarter_of_peak_day.has_value()) << drug;
    EXPECT_GE(*s.below_quarter_of_peak_day, 7.0) << drug;
    EXPECT_LE(*s.below_quarter_of_peak_day, 21.0) << drug;
  }
  const auto s = abrupt_stop_summary(equivalent_of_diazepam_20("diazepam"));
  ASSERT_TRUE(s.below_quarter_of_peak_day.has_value());
  EXPECT_GE(*s.below_quarter_of_peak_day, 6 * 7.0);
  EXPECT_LE(*s.below_quarter_of_peak_day, 14 * 7.0);
}

TEST(Calibration, AdaptationRemainingAfterAbruptStop) {
  for (const char* drug : {"diazepam", "lorazepam", "alprazolam", "clonazepam", "oxazepam"}) {
    const auto s = abrupt_stop_summary(equivalent_of_diazepam_20(drug));
    ASSERT_EQ(s.adaptation_remaining.size(), 3u);
    const double day90 = *s.adaptation_remaining[1].remaining;
    const double day180 = *s.adaptation_remaining[2].remaining;
    EXPECT_GE(day90, 0.02) << drug;
    EXPECT_LE(day90, 0.10) << drug;
    EXPECT_GE(day180, 0.005) << drug;
    EXPECT_LE(day180, 0.05) << drug;
  }
}

// Rickels 1990: equal-mg weekly cuts of 25% of the start are hardest at the end.
TEST(Calibration, EqualMilligramCutsHurtMostInWeeksThreeToFive) {
  const Regimen diazepam = twice_daily("diazepam", 20);
  const SimulationTrace t = simulate(diazepam, equal_step_taper(diazepam, 0.25, 7), 60);
  EXPECT_GT(peak_between_days(t, 14, 35), peak_between_days(t, 0, 14));
}

// A 10%-of-current-dose per 2 weeks taper, carried down until the next dose would be below 5% of
// the start and then stopped, keeps peak W under a quarter of the abrupt-stop peak.
TEST(Calibration, TenPercentEveryTwoWeeksStaysBelowAQuarterOfAbruptPeak) {
  for (const auto& [drug, daily] : std::map<std::string, double>{
           {"diazepam", 20.0}, {"alprazolam", 1.0}, {"clonazepam", 1.0}}) {
    const Regimen r = twice_daily(drug, daily);
    const double abrupt = abrupt_stop_summary(r).peak_withdrawal;
    const DoseSchedule taper = fraction_taper(r, 0.10, 14, 0.05);
    const int days = taper.steps.back().start_day + 120;
    const auto s = summarize(simulate(r, taper, days));
    EXPECT_LT(s.peak_withdrawal, 0.25 * abrupt) << drug;
  }
}

// Equivalent doses by the active table give the same average steady-state drive (the potency
// constants are solved for it) and hence the same effect at that drive.
TEST(Calibration, EquivalentDosesGiveEqualSteadyStateDrive) {
  Simulator sim(shipped_catalog(), shipped_catalog().default_table(), ModelParameters{});
  for (const Drug& drug : shipped_catalog().drugs()) {
    const Regimen r = equivalent_of_diazepam_20(drug.id);
    DoseSchedule same;
    same.steps.push_back({0, r});
    SimulationRequest req;
    req.steady_state = r;
    req.doses = same.events(1);
    req.duration_h = 24.0;
    req.output_step_h = 1.0 / 60.0;
    const SimulationTrace t = sim.run(req);
    double area = 0;
    for (std::size_t row = 1; row < t.rows(); ++row) {
      area += 0.5 * (t.drive_u[row - 1] + t.drive_u[row]) * (t.t_h[row] - t.t_h[row - 1]);
    }
    EXPECT_NEAR(area / 24.0, 2.0, 2e-3) << drug.id;  // 20 mg/day = 2 drive units
  }
}

TEST(Calibration, OccupancyAtFortyMilligramsIsSixteenPercent) {
  const EffectParameters p;
  EXPECT_NEAR(occupancy_of_drive(p, 4.0), 0.16, 1e-12);
  EXPECT_NEAR(effect_of_drive(p, p.u50()), 0.5, 1e-12);
}

}  // namespace
}  // namespace taperlab
