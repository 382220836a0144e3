#pragma once

// The band of people like this person around their own curve (issue 21): a plan run for 1,000
// virtual people whose parameters spread around the person's own, day by day the 5th to 95th
// percentile of withdrawal pressure and of adaptation remaining. Without a personal fit the
// people spread as the population does (data/population, docs/model.md section 5); once two weeks
// of check-ins give the personal model a fit (docs/model.md section 4), its posterior spread
// replaces the population's for the parameters it fitted (the adaptation rates and potency), and
// the band narrows.

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/cohort/cohort_summary.hpp"
#include "core/cohort/population.hpp"
#include "core/plan/plan.hpp"
#include "journal/journal_context.hpp"

namespace taperlab::journal {

struct PlanBandOptions {
  std::uint64_t people = 1000;
  // Fixed, so that the band does not change between reloads, and the same for every plan, so that
  // two plans' bands differ by the plans, not by the people drawn (common random numbers).
  std::uint64_t seed = 20261208;
  int tail_days = 90;  // after the last step, as the preview's series (plan_series.hpp)
};

// One daily series: percentiles[i][day] is the cohort's cohort::kBandPercentiles[i] (5, 25, 50,
// 75, 95) on that day, within the summary's stated relative error (quantile_sketch.hpp); `own`
// is the person's own course, reduced the same way (cohort/person_course.hpp).
struct BandSeries {
  std::array<std::vector<double>, cohort::kBandPercentiles.size()> percentiles;
  std::vector<double> own;
};

struct PlanBand {
  int days = 0;  // day 0 is the plan's first day, as the preview's series
  std::uint64_t people = 0;
  std::uint64_t seed = 0;
  BandSeries withdrawal_peak;  // the day's highest hourly W
  BandSeries remaining;        // adaptation remaining R at the day's first hour
  // Check-ins behind the personal fit that narrowed the band; absent: the population's spread.
  std::optional<int> fit_observations;
};

// The population centred on the person, spread as the fit's posterior for the parameters the
// personal model fits: potency, k_fast and k_slow get the log SDs and correlations of ln D50 and
// the half-times' posterior (a rate and a potency are the reciprocals of a half-time and of D50,
// so their log SDs and correlations are the same), and lose the population's correlations with
// other parameters; the rest keep the population's spread. With no posterior correlation that the
// population's Cholesky accepts, the fitted parameters are taken as independent.
cohort::Population population_like(const cohort::Population& population,
                                   const std::array<double, 25>& posterior_covariance);

// `plan` is the plan to show (a preview, or a saved version rebuilt): its start regimen taken
// daily before day 0, its steps from day 0, `tail_days` after the last step. The personal fit is
// the one of the plan in force on `ctx.today` with its check-ins up to then (as the status route's
// forecast); no plan in force or fewer than 14 days of check-ins leaves the population's spread.
// Runs on the calling thread (a server request holds one compute slot).
PlanBand plan_band(const JournalContext& ctx, const Person& person, const Plan& plan,
                   const cohort::Population& population, const PlanBandOptions& options = {});

}  // namespace taperlab::journal
