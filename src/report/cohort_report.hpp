#pragma once

// A virtual cohort's report (`taperlab cohort`, `taperlab cohort merge`): the plans side by side
// as a text table and as JSON, the daily bands as CSV, and a chart of the bands as SVG. No I/O:
// each renders a string; the CLI decides where it goes (docs/cli.md, "taperlab cohort").

#include <array>
#include <optional>
#include <string>

#include "core/cohort/cohort_shard.hpp"

namespace taperlab::report {

// One plan's figures, as the table and the JSON show them. Percentiles are those of
// cohort::kBandPercentiles (5, 25, 50, 75, 95); days above and the R day also give the 90th.
struct CohortPlanFigures {
  std::uint64_t people = 0;
  std::uint64_t above = 0;  // people with a day above the threshold
  double above_share = 0.0;
  int days_above_median = 0;
  int days_above_p90 = 0;
  std::optional<int> days_above_median_of_above;  // among those above (none: nobody was)
  std::optional<int> days_above_p90_of_above;
  std::array<double, 5> peak_withdrawal{};                  // sketch: within kRelativeError
  std::array<int, 5> peak_day{};                            // exact; -1 when nobody had any W
  std::uint64_t no_withdrawal = 0;                          // W never above 0
  std::array<std::optional<int>, 5> remaining_below_day{};  // nullopt: beyond the days
  std::optional<int> remaining_below_day_p90;
  std::uint64_t remaining_not_below = 0;  // R not below 10% within the days
};

CohortPlanFigures cohort_plan_figures(const cohort::CohortSummary& summary);

// The side-by-side table with a heading naming the study (people, seed, days, threshold,
// population) and a closing note on the sketch's error and the model.
std::string cohort_table(const cohort::CohortResult& result);
// The same figures and the daily bands, as one JSON document (pretty-printed).
std::string cohort_json(const cohort::CohortResult& result);
// The daily bands: a header line, then one row per day, plan and series:
// day,plan,series,p5,p25,p50,p75,p95
std::string cohort_csv(const cohort::CohortResult& result);
// A chart of the bands: a W panel and an R panel, per plan (one colour each) the 90% band
// (5th-95th), the 50% band (25th-75th) and the median line.
std::string cohort_svg(const cohort::CohortResult& result);

}  // namespace taperlab::report
